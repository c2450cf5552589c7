import Foundation

// MARK: - PyLiterals

/// Decoding of number and string literals exactly as Python 3.11's parser does.
enum PyLiterals {
    // MARK: Numbers

    /// The value of a plain decimal integer literal of at most 18 digits (no `_`, no prefix), else nil.
    @inline(__always)
    static func smallDecimal(_ text: String) -> Int? {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { digits -> Int? in
            guard !digits.isEmpty, digits.count <= 18 else { return nil }
            var v = 0
            for d in digits {
                guard d >= 0x30 && d <= 0x39 else { return nil }
                v = v &* 10 &+ Int(d &- 0x30)
            }
            return v
        } ?? nil
    }

    static func number(_ text: String, range: Range<Int>) throws(PySyntaxError) -> Constant {
        let clean = text.replacingOccurrences(of: "_", with: "")
        let lower = clean.lowercased()
        if lower.hasSuffix("j") {
            let body = String(clean.dropLast())
            return .imaginary(Double(body) ?? .infinity)
        }
        if lower.hasPrefix("0x") { return try int(String(clean.dropFirst(2)), 16, range) }
        if lower.hasPrefix("0o") { return try int(String(clean.dropFirst(2)), 8, range) }
        if lower.hasPrefix("0b") { return try int(String(clean.dropFirst(2)), 2, range) }
        if lower.contains(".") || lower.contains("e") {
            guard let d = Double(clean) else { throw PySyntaxError("invalid float literal", range) }
            return .float(d)
        }
        return try int(clean, 10, range)
    }

    static func int(_ digits: String, _ radix: Int, _ range: Range<Int>) throws(PySyntaxError) -> Constant {
        // Python 3.11 refuses decimal literals of more than 4300 digits.
        if radix == 10 && digits.utf8.count > PyInt.maxDecimalDigits {
            throw PySyntaxError("Exceeds the limit (\(PyInt.maxDecimalDigits) digits) for integer string conversion", range)
        }
        guard let v = PyInt(digits: digits, radix: radix) else { throw PySyntaxError("invalid literal", range) }
        return .int(v)
    }

    // MARK: Strings

    /// Joins adjacent string tokens into one constant or f-string (`JoinedStr`).
    static func concatenate(
        _ parts: [StringToken], ranges: [Range<Int>],
        parseField: @escaping ([Unicode.Scalar], Int) throws(PySyntaxError) -> Expr
    ) throws(PySyntaxError) -> Expr.Kind {
        let bytesMode = parts[0].isBytes
        for (k, p) in parts.enumerated() where p.isBytes != bytesMode {
            throw PySyntaxError("cannot mix bytes and nonbytes literals", ranges[k])
        }
        if bytesMode {
            var out: [UInt8] = []
            for (k, p) in parts.enumerated() {
                for (j, s) in p.body.enumerated() where s.value >= 128 {
                    throw PySyntaxError(
                        "bytes can only contain ASCII literal characters", (p.bodyStart + j)..<(p.bodyStart + j + 1))
                }
                out += try decodeBytes(p, range: ranges[k])
            }
            return .constant(.bytes(out))
        }
        let uPrefix = parts[0].lowercaseUPrefix
        if !parts.contains(where: { $0.isFormat }) {
            if parts.count == 1 {
                let p = parts[0]
                return .constant(
                    .str(try decodeStr(p.body, raw: p.isRaw, start: p.bodyStart, range: ranges[0]), uPrefix: uPrefix))
            }
            var s: CodePointString = ""
            for (k, p) in parts.enumerated() {
                s = s + (try decodeStr(p.body, raw: p.isRaw, start: p.bodyStart, range: ranges[k]))
            }
            return .constant(.str(s, uPrefix: uPrefix))
        }
        var result: [FStringPart] = []
        func appendLiteral(_ text: CodePointString) {
            if text.isEmpty { return }
            if case .literal(let prev) = result.last {
                result[result.count - 1] = .literal(prev + text)
            } else {
                result.append(.literal(text))
            }
        }
        for (k, p) in parts.enumerated() {
            if !p.isFormat {
                appendLiteral(try decodeStr(p.body, raw: p.isRaw, start: p.bodyStart, range: ranges[k]))
                continue
            }
            var reader = FStringReader(body: p.body, start: p.bodyStart, raw: p.isRaw, range: ranges[k], parseField: parseField)
            for part in try reader.parse(depth: 0) {
                switch part {
                case .literal(let text): appendLiteral(text)
                case .field: result.append(part)
                }
            }
        }
        return .joinedStr(result)
    }

    static func decodeBytes(_ token: StringToken, range: Range<Int>) throws(PySyntaxError) -> [UInt8] {
        if token.isRaw { return token.body.map { UInt8($0.value) } }
        var out: [UInt8] = []
        let b = token.body
        var k = 0
        while k < b.count {
            let c = b[k]
            guard c == "\\", k + 1 < b.count else {
                out.append(UInt8(c.value))
                k += 1
                continue
            }
            let e = b[k + 1]
            k += 2
            switch e {
            case "\n": break
            case "\\": out.append(0x5C)
            case "'": out.append(0x27)
            case "\"": out.append(0x22)
            case "a": out.append(0x07)
            case "b": out.append(0x08)
            case "f": out.append(0x0C)
            case "n": out.append(0x0A)
            case "r": out.append(0x0D)
            case "t": out.append(0x09)
            case "v": out.append(0x0B)
            case "0"..."7":
                var v = Int(e.value - 48)
                var n = 1
                while n < 3, k < b.count, b[k] >= "0", b[k] <= "7" {
                    v = v * 8 + Int(b[k].value - 48)
                    k += 1
                    n += 1
                }
                out.append(UInt8(v & 0xFF))
            case "x":
                // Exactly two ASCII hex digits (no sign, no `_`), as in str literals.
                guard k + 2 <= b.count, let high = hexDigit(b[k]), let low = hexDigit(b[k + 1]) else {
                    throw PySyntaxError("(value error) invalid \\x escape at position \(k - 2)", range)
                }
                out.append(high << 4 | low)
                k += 2
            default:
                out.append(0x5C)
                out.append(UInt8(e.value))
            }
        }
        return out
    }

    /// The value of an ASCII hex digit, else nil.
    static func hexDigit(_ s: Unicode.Scalar) -> UInt8? {
        switch s {
        case "0"..."9": UInt8(s.value - 0x30)
        case "a"..."f": UInt8(s.value - 0x61 + 10)
        case "A"..."F": UInt8(s.value - 0x41 + 10)
        default: nil
        }
    }

    /// A `String` of `scalars`, encoded straight to UTF-8.
    static func string<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        var length = 0
        for s in scalars { length &+= UTF8.width(s) }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var k = 0
            for s in scalars {
                let v = s.value
                if v < 0x80 {
                    buffer[k] = UInt8(truncatingIfNeeded: v)
                    k &+= 1
                } else {
                    UTF8.encode(s) { byte in
                        buffer[k] = byte
                        k &+= 1
                    }
                }
            }
            return k
        }
    }

    static func decodeStr(
        _ b: [Unicode.Scalar], raw: Bool, start: Int, range: Range<Int>
    ) throws(PySyntaxError) -> CodePointString {
        if raw || !b.contains("\\") { return CodePointString(string(b)) }
        // A `\u` or `\U` escape may name a lone surrogate, which a Python str holds as it is.
        var out = CodePointBuilder()
        out.reserveCapacity(b.count)
        var k = 0
        func hex(_ n: Int) throws(PySyntaxError) -> UInt32 {
            let escapeStart = k - 2
            guard k + n <= b.count, let v = UInt32(String(String.UnicodeScalarView(b[k..<(k + n)])), radix: 16),
                b[k..<(k + n)].allSatisfy({ $0.properties.isASCIIHexDigit })
            else {
                let position = "\(escapeStart)-\(min(b.count, k + n) - 1)"
                let message = "(unicode error) 'unicodeescape' codec can't decode bytes in position \(position): truncated escape"
                throw PySyntaxError(message, range)
            }
            k += n
            return v
        }
        while k < b.count {
            let c = b[k]
            guard c == "\\", k + 1 < b.count else {
                out.append(c)
                k += 1
                continue
            }
            let e = b[k + 1]
            k += 2
            switch e {
            case "\n": break
            case "\\": out.append("\\")
            case "'": out.append("'")
            case "\"": out.append("\"")
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "v": out.append("\u{0B}")
            case "0"..."7":
                var v = e.value - 48
                var n = 1
                while n < 3, k < b.count, b[k] >= "0", b[k] <= "7" {
                    v = v * 8 + (b[k].value - 48)
                    k += 1
                    n += 1
                }
                out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            case "x": out.append(Unicode.Scalar(try hex(2)) ?? "\u{FFFD}")
            case "u": out.append(codePoint: try hex(4))
            case "U":
                let v = try hex(8)
                guard v <= 0x10FFFF else {
                    throw PySyntaxError(
                        "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character", range)
                }
                out.append(codePoint: v)
            case "N":
                guard k < b.count, b[k] == "{", let close = b[k...].firstIndex(of: "}") else {
                    throw PySyntaxError(
                        "(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape", range)
                }
                let name = String(String.UnicodeScalarView(b[(k + 1)..<close]))
                guard let scalar = UnicodeNames.lookup(name) else {
                    throw PySyntaxError(
                        "(unicode error) 'unicodeescape' codec can't decode bytes: unknown Unicode character name", range)
                }
                out.append(scalar)
                k = close + 1
            default:
                out.append("\\")
                out.append(e)
            }
        }
        return out.build()
    }
}

// MARK: - f-strings

/// Splits an f-string body into literal text and replacement fields (Python 3.11 rules).
struct FStringReader {
    let body: [Unicode.Scalar]
    let start: Int
    let raw: Bool
    let range: Range<Int>
    let parseField: ([Unicode.Scalar], Int) throws(PySyntaxError) -> Expr
    var k = 0

    init(
        body: [Unicode.Scalar], start: Int, raw: Bool, range: Range<Int>,
        parseField: @escaping ([Unicode.Scalar], Int) throws(PySyntaxError) -> Expr
    ) {
        self.body = body
        self.start = start
        self.raw = raw
        self.range = range
        self.parseField = parseField
    }

    func fail(_ message: String) -> PySyntaxError { PySyntaxError("f-string: \(message)", range) }

    /// Reads parts until the end of the body, or (inside a format spec) until the closing `}`.
    mutating func parse(depth: Int) throws(PySyntaxError) -> [FStringPart] {
        var parts: [FStringPart] = []
        var literal: [Unicode.Scalar] = []
        func flush() throws(PySyntaxError) {
            if !literal.isEmpty {
                let decoded = try PyLiterals.decodeStr(literal, raw: raw, start: start, range: range)
                parts.append(.literal(decoded))
                literal = []
            }
        }
        while k < body.count {
            let c = body[k]
            if c == "\\" && !raw && k + 1 < body.count {
                // An escape is two characters (so `\\N{x}` is a backslash, `N` and a field), but
                // `\N` takes the character after it too, and with `{` all up to the next `}`: the
                // braces of `\N{NAME}` belong to the escape. An escaped brace is still a brace.
                let e = body[k + 1]
                if e == "{" || e == "}" {
                    literal.append(c)
                    k += 1
                    continue
                }
                var end = k + 2
                if e == "N" && end < body.count {
                    let next = body[end]
                    end += 1
                    while next == "{" && end < body.count {
                        end += 1
                        if body[end - 1] == "}" { break }
                    }
                }
                literal.append(contentsOf: body[k..<end])
                k = end
                continue
            }
            if c == "{" {
                if depth == 0 && k + 1 < body.count && body[k + 1] == "{" {
                    literal.append("{")
                    k += 2
                    continue
                }
                k += 1
                let (value, selfDocText) = try field(depth: depth)
                if let selfDocText {
                    // `{expr=}` shows its own source text first (it holds no backslash to decode).
                    literal.append(contentsOf: selfDocText.unicodeScalars)
                }
                try flush()
                parts.append(.field(value))
                continue
            }
            if c == "}" {
                if depth > 0 { break }
                if k + 1 < body.count && body[k + 1] == "}" {
                    literal.append("}")
                    k += 2
                    continue
                }
                throw fail("single '}' is not allowed")
            }
            literal.append(c)
            k += 1
        }
        try flush()
        return parts
    }

    mutating func field(depth: Int) throws(PySyntaxError) -> (FormattedValue, String?) {
        if depth >= 2 { throw fail("expressions nested too deeply") }
        let exprStart = k
        var nesting: [Unicode.Scalar] = []
        var quote: Unicode.Scalar?
        var tripleQuote = false
        while k < body.count {
            let c = body[k]
            if c == "\\" { throw fail("expression part cannot include a backslash") }
            if let q = quote {
                if c == q {
                    if tripleQuote {
                        if k + 2 < body.count && body[k + 1] == q && body[k + 2] == q {
                            quote = nil
                            k += 3
                            continue
                        }
                    } else {
                        quote = nil
                    }
                }
                k += 1
                continue
            }
            if c == "'" || c == "\"" {
                if k + 2 < body.count && body[k + 1] == c && body[k + 2] == c {
                    tripleQuote = true
                    k += 3
                } else {
                    tripleQuote = false
                    k += 1
                }
                quote = c
                continue
            }
            if c == "[" || c == "(" || c == "{" {
                if nesting.count >= 200 { throw fail("too many nested parenthesis") }
                nesting.append(c)
                k += 1
                continue
            }
            if c == "#" { throw fail("expression part cannot include '#'") }
            if nesting.isEmpty {
                if c == "}" || c == ":" { break }
                if c == "!" && !(k + 1 < body.count && body[k + 1] == "=") { break }
                if c == "=" && !(k + 1 < body.count && body[k + 1] == "=") {
                    // `=` after `!`, `<`, `>`, `=` is part of an operator.
                    let prev = k > exprStart ? body[k - 1] : " "
                    if !["=", "!", "<", ">"].contains(prev) { break }
                }
            }
            if c == "]" || c == ")" || c == "}" {
                guard let open = nesting.popLast() else { throw fail("unmatched '\(Character(c))'") }
                let want: Unicode.Scalar = open == "(" ? ")" : open == "[" ? "]" : "}"
                if want != c {
                    throw fail("closing parenthesis '\(Character(c))' does not match opening parenthesis '\(Character(open))'")
                }
            }
            k += 1
        }
        if quote != nil { throw fail("unterminated string") }
        if !nesting.isEmpty { throw fail("unmatched '\(Character(nesting.last!))'") }
        guard k < body.count else { throw fail("expecting '}'") }
        let exprScalars = Array(body[exprStart..<k])
        if exprScalars.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{0C}" }) {
            throw fail("empty expression not allowed")
        }
        let expression = try parseField(exprScalars, start + exprStart)
        var selfDoc = false
        var selfDocText: String?
        if body[k] == "=" {
            selfDoc = true
            k += 1
            while k < body.count, [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"].contains(body[k]) { k += 1 }
            selfDocText = String(String.UnicodeScalarView(body[exprStart..<k]))
        }
        var conversion: Character?
        if k < body.count && body[k] == "!" {
            k += 1
            guard k < body.count else { throw fail("expecting '}'") }
            let conv = body[k]
            guard conv == "r" || conv == "s" || conv == "a" else {
                throw fail("invalid conversion character: expected 's', 'r', or 'a'")
            }
            conversion = Character(conv)
            k += 1
        }
        var spec: [FStringPart]?
        if k < body.count && body[k] == ":" {
            k += 1
            spec = try parse(depth: depth + 1)
        }
        guard k < body.count, body[k] == "}" else { throw fail("expecting '}'") }
        k += 1
        if selfDoc && conversion == nil && spec == nil { conversion = "r" }
        return (
            FormattedValue(expression: expression, conversion: conversion, formatSpec: spec, selfDocumenting: selfDoc),
            selfDocText
        )
    }
}
