import Foundation

// MARK: - SplitData

/// One split's `data.json`, its bytes kept for on-demand decoding of a case's full content.
public struct SplitData: Sendable {
    public let name: String
    public let url: URL
    public let cases: [BenchmarkCase]
    public let bytes: [UInt8]

    /// Reads and indexes `url`; throws ``InputError`` naming file and line for unusable input.
    public static func load(name: String, url: URL) throws(InputError) -> SplitData {
        let bytes = try FileBytes.read(url)
        let cases = try index(bytes, split: name, file: url.path)
        return SplitData(name: name, url: url, cases: cases, bytes: bytes)
    }

    /// Indexes a data.json byte buffer: decodes `answer`, `query_params`, `profile_params`, `query`; skips the rest.
    public static func index(_ bytes: [UInt8], split: String, file: String) throws(InputError) -> [BenchmarkCase] {
        let result: Result<[BenchmarkCase], InputError> = bytes.withUnsafeBufferPointer { buffer in
            func located(_ offset: Int, _ message: String) -> InputError {
                let loc = SourceLocation(offset: offset, in: buffer)
                return InputError(file: file, line: loc.line, column: loc.column, message)
            }
            var reader = JSONReader(bytes: buffer)
            if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { reader.position = 3 }
            var cases: [BenchmarkCase] = []
            var lineOffset = 0
            var lineCount = 1
            var profiles = ProfileKeys()
            var repeated = RepeatedValues()
            do {
                reader.skipWhitespace()
                guard reader.peek() == UInt8(ascii: "[") else {
                    return .failure(located(reader.position, "expected a JSON array of cases"))
                }
                reader.position += 1
                reader.skipWhitespace()
                if reader.peek() == UInt8(ascii: "]") {
                    reader.position += 1
                    try reader.expectEnd()
                    return .success([])
                }
                while true {
                    reader.skipWhitespace()
                    let start = reader.position
                    guard reader.peek() == UInt8(ascii: "{") else {
                        return .failure(
                            located(start, "case \(cases.count): expected an object, found \(describeByte(reader.peek()))"))
                    }
                    reader.position += 1
                    // Lines are counted incrementally: one pass over the file in all.
                    lineCount += SplitData.newlines(buffer, lineOffset..<start)
                    lineOffset = start
                    let line = lineCount
                    var fields: [String: JSONValue] = [:]
                    var raw: [String: Range<Int>] = [:]
                    var userKey: UInt64 = 0
                    reader.skipWhitespace()
                    if reader.peek() == UInt8(ascii: "}") {
                        reader.position += 1
                    } else {
                        while true {
                            reader.skipWhitespace()
                            guard reader.peek() == UInt8(ascii: "\"") else {
                                throw reader.fail("Expecting property name enclosed in double quotes")
                            }
                            let key = try reader.readString()
                            try reader.expect(UInt8(ascii: ":"), "Expecting ':' delimiter")
                            reader.skipWhitespace()
                            let valueStart = reader.position
                            if CaseFields.required.contains(key) || key == "query" {
                                fields[key] = try reader.readValue(depth: 2)
                            } else if let seen = repeated.match(buffer, at: valueStart) {
                                // These bytes were validated before, for another case: skip them.
                                lineCount += SplitData.newlines(buffer, lineOffset..<valueStart) + seen.newlines
                                reader.position = valueStart + seen.length
                                lineOffset = reader.position
                                if CaseFields.kept.contains(key) { raw[key] = valueStart..<reader.position }
                                if key == "user_profile" { userKey = profiles.key(buffer, valueStart..<reader.position) }
                            } else {
                                try reader.skipValue(depth: 2)
                                let newlines = SplitData.newlines(buffer, valueStart..<reader.position)
                                lineCount += SplitData.newlines(buffer, lineOffset..<valueStart) + newlines
                                lineOffset = reader.position
                                repeated.remember(buffer, valueStart..<reader.position, newlines: newlines)
                                if CaseFields.kept.contains(key) { raw[key] = valueStart..<reader.position }
                                if key == "user_profile" { userKey = profiles.key(buffer, valueStart..<reader.position) }
                            }
                            reader.skipWhitespace()
                            guard let c = reader.peek() else { throw reader.fail("Expecting ',' delimiter") }
                            reader.position += 1
                            if c == UInt8(ascii: "}") { break }
                            if c != UInt8(ascii: ",") {
                                reader.position -= 1
                                throw reader.fail("Expecting ',' delimiter")
                            }
                        }
                    }
                    let index = cases.count
                    for key in CaseFields.required where fields[key] == nil {
                        let message =
                            "case \(index): missing key \"\(key)\" (every case needs answer, query_params and profile_params)"
                        return .failure(located(start, message))
                    }
                    for key in ["query_params", "profile_params"] where CaseFields.pyLength(fields[key]!) == nil {
                        let found = fields[key]!.kindDescription
                        let message = "case \(index): \"\(key)\" must be a list of parameter names, found \(found)"
                        return .failure(located(start, message))
                    }
                    cases.append(
                        BenchmarkCase(
                            split: split, index: index, line: line, query: fields["query"]?.stringValue,
                            answer: fields["answer"]!, queryParams: fields["query_params"]!,
                            profileParams: fields["profile_params"]!,
                            byteRange: start..<reader.position, rawRanges: raw, userKey: userKey))
                    reader.skipWhitespace()
                    guard let c = reader.peek() else { throw reader.fail("Expecting ',' delimiter") }
                    reader.position += 1
                    if c == UInt8(ascii: "]") { break }
                    if c != UInt8(ascii: ",") {
                        reader.position -= 1
                        throw reader.fail("Expecting ',' delimiter")
                    }
                }
                try reader.expectEnd()
            } catch let error as JSONSyntaxError {
                return .failure(located(error.offset, "malformed JSON: \(error.message)"))
            } catch {
                return .failure(InputError(file: file, "\(error)"))
            }
            return .success(cases)
        }
        // UTF-16 or UTF-32 fails on its first NUL or byte order mark: said as what it is.
        if case .failure = result, let encoding = TextEncoding.detect(bytes) {
            throw InputError(file: file, encoding.problem)
        }
        return try result.get()
    }

    static func describeByte(_ b: UInt8?) -> String {
        guard let b else { return "the end of the file" }
        switch b {
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "\""): return "a string"
        default: return InputError.quoted(byte: b)
        }
    }

    /// The number of `\n` bytes in `range`, eight bytes at a time.
    static func newlines(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = b.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var count = 0
        var k = range.lowerBound
        while k &+ 8 <= range.upperBound {
            let x = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            // High bit set exactly in the bytes of x that are zero (no carry crosses a byte).
            let zero = ~(((x & low7) &+ low7) | x | low7)
            count &+= zero.nonzeroBitCount
            k &+= 8
        }
        while k < range.upperBound {
            if b[k] == 0x0A { count &+= 1 }
            k &+= 1
        }
        return count
    }

    /// Values that recur byte for byte (a user's profile, a scenario's tool catalog), validated once.
    ///
    /// An object, array or string ends at its own closing byte, so bytes that equal, in full, a
    /// value already validated at the same nesting depth are that same valid value: they are
    /// skipped at `memcmp` speed. Candidates are found by a hash of their first bytes.
    struct RepeatedValues {
        struct Seen {
            let start: Int
            let length: Int
            /// `\n` bytes inside (only whitespace between tokens can hold one).
            let newlines: Int
        }

        static let prefixLength = 48
        /// Shorter values are not worth remembering.
        static let minimumLength = 64
        static let perBucket = 8
        var byPrefix: [UInt64: [Seen]] = [:]

        func match(_ b: UnsafeBufferPointer<UInt8>, at p: Int) -> Seen? {
            guard !byPrefix.isEmpty, b.count - p >= RepeatedValues.prefixLength, let base = b.baseAddress,
                let candidates = byPrefix[SplitData.bytesHash(b, p..<(p + RepeatedValues.prefixLength))]
            else { return nil }
            for seen in candidates.reversed()
            where seen.length <= b.count - p
                && memcmp(base + seen.start, base + p, seen.length) == 0
            {
                return seen
            }
            return nil
        }

        mutating func remember(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, newlines: Int) {
            guard range.count >= RepeatedValues.minimumLength else { return }
            let first = b[range.lowerBound]
            guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"") else { return }
            let h = SplitData.bytesHash(b, range.lowerBound..<(range.lowerBound + RepeatedValues.prefixLength))
            var bucket = byPrefix[h] ?? []
            if bucket.count >= RepeatedValues.perBucket { bucket.removeFirst() }
            bucket.append(Seen(start: range.lowerBound, length: range.count, newlines: newlines))
            byPrefix[h] = bucket
        }
    }

    /// Each distinct profile text is hashed by content once; repeats are found by a fast hash of
    /// their bytes and confirmed byte for byte.
    struct ProfileKeys {
        var known: [UInt64: [(range: Range<Int>, key: UInt64)]] = [:]

        mutating func key(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
            let raw = SplitData.bytesHash(b, range)
            if let seen = known[raw] {
                for entry in seen
                where entry.range.count == range.count
                    && memcmp(b.baseAddress! + entry.range.lowerBound, b.baseAddress! + range.lowerBound, range.count) == 0
                {
                    return entry.key
                }
            }
            let key = SplitData.contentHash(b, range)
            known[raw, default: []].append((range, key))
            return key
        }
    }

    /// A fast hash of the bytes themselves, eight at a time.
    static func bytesHash(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        guard let base = b.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(range.count)
        var k = range.lowerBound
        while k &+ 8 <= range.upperBound {
            let w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            k &+= 8
        }
        while k < range.upperBound {
            h = (h ^ UInt64(b[k])) &* 0x100_0000_01b3
            k &+= 1
        }
        return h
    }

    /// FNV-1a over the value's bytes, whitespace outside strings skipped.
    static func contentHash(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var inString = false
        var escaped = false
        for k in range {
            let c = b[k]
            if inString {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { continue }
                if c == UInt8(ascii: "\"") { inString = true }
            }
            h = (h ^ UInt64(c)) &* 0x100_0000_01b3
        }
        return h
    }

    /// The full case object, decoded on demand.
    public func fullCase(_ c: BenchmarkCase) -> JSONValue? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(bytes: buffer, position: c.byteRange.lowerBound)
            return try? reader.readValue()
        }
    }
}
