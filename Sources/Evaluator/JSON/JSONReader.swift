// MARK: - JSONReader

/// A byte-level JSON reader with Python `json` semantics.
///
/// Accepts what Python's `json.loads` accepts (`NaN`, `Infinity`, `-Infinity`, duplicate keys,
/// integers of any size) and rejects what it rejects (control characters inside strings, trailing
/// data). `skipValue` validates a value without building it, at byte speed.
public struct JSONReader: ~Copyable {
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    /// The current byte offset.
    public var position: Int
    /// How deep arrays and objects may nest (Python's default recursion limit is about this).
    public let maxDepth: Int
    /// Lone surrogate escapes read so far by `readString` (each became U+FFFD there; values and
    /// object keys read by `readValue` keep them, see `CodePointString` and `JSONObject.surrogateKeys`).
    public var loneSurrogates = 0

    public init(bytes: UnsafeBufferPointer<UInt8>, position: Int = 0, maxDepth: Int = 990) {
        self.bytes = bytes
        self.position = position
        self.maxDepth = maxDepth
    }

    // MARK: Helpers

    @inline(__always) var atEnd: Bool { position >= bytes.count }

    @inline(__always) func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    func fail(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? position, message: message)
    }

    /// Skips JSON whitespace (space, tab, LF, CR).
    @inline(__always)
    public mutating func skipWhitespace() {
        while position < bytes.count {
            let b = bytes[position]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { position += 1 } else { return }
        }
    }

    /// Consumes `byte` after optional whitespace, or throws with `expecting`.
    public mutating func expect(_ byte: UInt8, _ expecting: String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard peek() == byte else { throw fail(expecting) }
        position += 1
    }

    /// Throws unless only whitespace is left.
    public mutating func expectEnd() throws(JSONSyntaxError) {
        skipWhitespace()
        if !atEnd { throw fail("Extra data") }
    }

    // MARK: Values

    /// Reads one complete value, building it.
    public mutating func readValue(depth: Int = 0) throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard let b = peek() else { throw fail("Expecting value") }
        switch b {
        case UInt8(ascii: "{"):
            if depth >= maxDepth { throw fail("nesting deeper than \(maxDepth) levels") }
            position += 1
            var members: [(key: String, value: JSONValue)] = []
            var surrogateKeys: [Int: CodePointString] = [:]
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                position += 1
                return .object(JSONObject(members: members))
            }
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else {
                    throw fail("Expecting property name enclosed in double quotes")
                }
                let key = try readCodePointString()
                try expect(UInt8(ascii: ":"), "Expecting ':' delimiter")
                let value = try readValue(depth: depth + 1)
                if key.hasLoneSurrogate { surrogateKeys[members.count] = key }
                members.append((key.escaped, value))
                skipWhitespace()
                guard let c = peek() else { throw fail("Expecting ',' delimiter") }
                position += 1
                if c == UInt8(ascii: "}") {
                    var object = JSONObject(members: members)
                    object.surrogateKeys = surrogateKeys
                    return .object(object)
                }
                if c != UInt8(ascii: ",") {
                    position -= 1
                    throw fail("Expecting ',' delimiter")
                }
            }
        case UInt8(ascii: "["):
            if depth >= maxDepth { throw fail("nesting deeper than \(maxDepth) levels") }
            position += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                position += 1
                return .array(elements)
            }
            while true {
                elements.append(try readValue(depth: depth + 1))
                skipWhitespace()
                guard let c = peek() else { throw fail("Expecting ',' delimiter") }
                position += 1
                if c == UInt8(ascii: "]") { return .array(elements) }
                if c != UInt8(ascii: ",") {
                    position -= 1
                    throw fail("Expecting ',' delimiter")
                }
            }
        case UInt8(ascii: "\""):
            return .string(try readCodePointString())
        default:
            return try readScalar()
        }
    }

    /// Validates one complete value without building it.
    public mutating func skipValue(depth: Int = 0) throws(JSONSyntaxError) {
        skipWhitespace()
        guard let b = peek() else { throw fail("Expecting value") }
        switch b {
        case UInt8(ascii: "{"):
            if depth >= maxDepth { throw fail("nesting deeper than \(maxDepth) levels") }
            position += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                position += 1
                return
            }
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else {
                    throw fail("Expecting property name enclosed in double quotes")
                }
                try skipString()
                try expect(UInt8(ascii: ":"), "Expecting ':' delimiter")
                try skipValue(depth: depth + 1)
                skipWhitespace()
                guard let c = peek() else { throw fail("Expecting ',' delimiter") }
                position += 1
                if c == UInt8(ascii: "}") { return }
                if c != UInt8(ascii: ",") {
                    position -= 1
                    throw fail("Expecting ',' delimiter")
                }
            }
        case UInt8(ascii: "["):
            if depth >= maxDepth { throw fail("nesting deeper than \(maxDepth) levels") }
            position += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                position += 1
                return
            }
            while true {
                try skipValue(depth: depth + 1)
                skipWhitespace()
                guard let c = peek() else { throw fail("Expecting ',' delimiter") }
                position += 1
                if c == UInt8(ascii: "]") { return }
                if c != UInt8(ascii: ",") {
                    position -= 1
                    throw fail("Expecting ',' delimiter")
                }
            }
        case UInt8(ascii: "\""):
            try skipString()
        default:
            _ = try readScalar()
        }
    }

    // MARK: Scalars

    mutating func readScalar() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        if matchLiteral("null") { return .null }
        if matchLiteral("true") { return .bool(true) }
        if matchLiteral("false") { return .bool(false) }
        if matchLiteral("NaN") { return .number(JSONNumber(text: "NaN")) }
        if matchLiteral("Infinity") { return .number(JSONNumber(text: "Infinity")) }
        if matchLiteral("-Infinity") { return .number(JSONNumber(text: "-Infinity")) }
        // -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?
        var p = position
        if p < bytes.count, bytes[p] == UInt8(ascii: "-") { p += 1 }
        guard p < bytes.count, isDigit(bytes[p]) else { throw fail("Expecting value", at: start) }
        if bytes[p] == UInt8(ascii: "0") { p += 1 } else { while p < bytes.count, isDigit(bytes[p]) { p += 1 } }
        if p + 1 < bytes.count, bytes[p] == UInt8(ascii: "."), isDigit(bytes[p + 1]) {
            p += 2
            while p < bytes.count, isDigit(bytes[p]) { p += 1 }
        }
        if p < bytes.count, bytes[p] == UInt8(ascii: "e") || bytes[p] == UInt8(ascii: "E") {
            var q = p + 1
            if q < bytes.count, bytes[q] == UInt8(ascii: "+") || bytes[q] == UInt8(ascii: "-") { q += 1 }
            if q < bytes.count, isDigit(bytes[q]) {
                while q < bytes.count, isDigit(bytes[q]) { q += 1 }
                p = q
            }
        }
        position = p
        return .number(JSONNumber(text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<p]), as: UTF8.self)))
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard position + n <= bytes.count else { return false }
        let lp = literal.utf8Start
        for i in 0..<n where bytes[position + i] != lp[i] { return false }
        position += n
        return true
    }

    // MARK: Strings

    /// Reads a string starting at the opening quote, as a `String` (for object keys): a lone
    /// surrogate escape becomes U+FFFD, and is counted in `loneSurrogates`.
    public mutating func readString() throws(JSONSyntaxError) -> String {
        let s = try readCodePointString()
        if let text = s.text { return text }
        var out = String.UnicodeScalarView()
        for v in s.codePoints {
            if let scalar = Unicode.Scalar(v) {
                out.append(scalar)
            } else {
                out.append("\u{FFFD}")
                loneSurrogates += 1
            }
        }
        return String(out)
    }

    /// Reads a string starting at the opening quote, keeping lone surrogate escapes (`"\ud83c"`) as
    /// Python's `json` does; a pair of escapes (`"\ud83c\udf89"`) is joined into one code point.
    public mutating func readCodePointString() throws(JSONSyntaxError) -> CodePointString {
        let open = position
        position += 1
        let start = position
        var ascii = true
        // Fast path: no escapes.
        let count = bytes.count
        guard let base = bytes.baseAddress else { throw fail("Unterminated string starting at", at: open) }
        let raw = UnsafeRawPointer(base)
        while position < count {
            skipPlainBytes(raw, count)
            guard position < count else { break }
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                if ascii { return CodePointString(String(decoding: slice, as: UTF8.self)) }
                guard let s = String(validating: slice, as: UTF8.self) else {
                    throw fail("invalid UTF-8 in string", at: open)
                }
                return CodePointString(s)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail("Invalid control character at", at: position) }
            if b >= 0x80 { ascii = false }
            position += 1
        }
        if position >= bytes.count { throw fail("Unterminated string starting at", at: open) }
        // Slow path with escapes.
        var scalars = CodePointBuilder()
        if let prefix = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self) {
            scalars.append(contentsOf: prefix.unicodeScalars)
        } else {
            throw fail("invalid UTF-8 in string", at: open)
        }
        var runStart = position
        func flush(_ end: Int) throws(JSONSyntaxError) {
            if end > runStart {
                guard let s = String(validating: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self) else {
                    throw JSONSyntaxError(offset: open, message: "invalid UTF-8 in string")
                }
                scalars.append(contentsOf: s.unicodeScalars)
            }
        }
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                try flush(position)
                position += 1
                return scalars.build()
            }
            if b < 0x20 { throw fail("Invalid control character at", at: position) }
            if b != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            try flush(position)
            let escapeAt = position
            position += 1
            guard let e = peek() else { throw fail("Unterminated string starting at", at: open) }
            position += 1
            switch e {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                guard let high = readHex4() else { throw fail("Invalid \\uXXXX escape", at: escapeAt) }
                var value = high
                if (0xD800...0xDBFF).contains(high), position + 1 < bytes.count,
                    bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
                {
                    let save = position
                    position += 2
                    if let low = readHex4(), (0xDC00...0xDFFF).contains(low) {
                        value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        position = save
                    }
                }
                scalars.append(codePoint: value)
            default:
                throw fail("Invalid \\escape", at: escapeAt)
            }
            runStart = position
        }
        throw fail("Unterminated string starting at", at: open)
    }

    mutating func readHex4() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for i in 0..<4 {
            let b = bytes[position + i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        position += 4
        return v
    }

    /// Validates a string starting at the opening quote without building it.
    public mutating func skipString() throws(JSONSyntaxError) {
        let open = position
        position += 1
        let count = bytes.count
        guard let base = bytes.baseAddress else { throw fail("Unterminated string starting at", at: open) }
        let raw = UnsafeRawPointer(base)
        while position < count {
            skipPlainBytes(raw, count)
            guard position < count else { break }
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                return
            }
            if b < 0x20 { throw fail("Invalid control character at", at: position) }
            if b == UInt8(ascii: "\\") {
                let escapeAt = position
                position += 1
                guard let e = peek() else { break }
                position += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    if readHex4() == nil { throw fail("Invalid \\uXXXX escape", at: escapeAt) }
                default:
                    throw fail("Invalid \\escape", at: escapeAt)
                }
                continue
            }
            if b >= 0x80 {
                guard let n = utf8SequenceLength(at: position) else { throw fail("invalid UTF-8 in string", at: position) }
                position += n
                continue
            }
            position += 1
        }
        throw fail("Unterminated string starting at", at: open)
    }

    /// A mask whose lowest set bit lies in the first byte of `word` (little-endian) that needs a closer
    /// look inside a string: `"`, `\`, a control byte (< 0x20) or a non-ASCII byte; 0 when there is none.
    /// (Borrows can set bits above the first such byte, never below it.)
    /// Moves past plain ASCII inside a string (no quote, backslash, control byte or non-ASCII
    /// byte), eight bytes at a time; stops at the first byte that needs a look, or near the end.
    @inline(__always)
    mutating func skipPlainBytes(_ raw: UnsafeRawPointer, _ count: Int) {
        while position &+ 8 <= count {
            let stop = JSONReader.specialStringBytes(raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            if stop == 0 {
                position &+= 8
                continue
            }
            position &+= stop.trailingZeroBitCount >> 3
            return
        }
    }

    @inline(__always)
    static func specialStringBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        func zeroByte(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & high }
        let quote = zeroByte(word ^ (ones &* 0x22))
        let backslash = zeroByte(word ^ (ones &* 0x5C))
        let control = (word &- ones &* 0x20) & ~word & high
        return quote | backslash | control | (word & high)
    }

    /// The length of a valid UTF-8 sequence starting at `i`, or nil.
    func utf8SequenceLength(at i: Int) -> Int? {
        let b0 = bytes[i]
        func cont(_ k: Int) -> Bool { i + k < bytes.count && bytes[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : nil
        case 0xE0: return cont(1) && bytes[i + 1] >= 0xA0 && cont(2) ? 3 : nil
        case 0xED: return cont(1) && bytes[i + 1] < 0xA0 && cont(2) ? 3 : nil
        case 0xE1...0xEF: return cont(1) && cont(2) ? 3 : nil
        case 0xF0: return cont(1) && bytes[i + 1] >= 0x90 && cont(2) && cont(3) ? 4 : nil
        case 0xF4: return cont(1) && bytes[i + 1] < 0x90 && cont(2) && cont(3) ? 4 : nil
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : nil
        default: return nil
        }
    }
}

// MARK: - Whole documents

extension JSONReader {
    /// Parses a complete JSON document (Python's `json.loads`).
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        do {
            return try bytes.withUnsafeBufferPointer { buffer in
                var reader = JSONReader(bytes: buffer)
                let value = try reader.readValue()
                try reader.expectEnd()
                return value
            }
        } catch let error as JSONSyntaxError {
            throw error
        } catch {
            throw JSONSyntaxError(offset: 0, message: "\(error)")
        }
    }

    /// Parses a complete JSON document given as text.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}
