import Foundation

#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
    private let systemWrite = Darwin.write
#endif

// MARK: - Problems

/// Unusable input: names the file, the line and what was expected.
public struct InputError: Error, Sendable, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}

extension InputError {
    /// `text` from the data or the file system with its control characters (C0, DEL, C1) written
    /// as `\xNN`, so that a message never carries one raw to a terminal.
    static func escaped(_ text: String) -> String {
        func control(_ v: UInt32) -> Bool { v < 0x20 || (0x7F...0x9F).contains(v) }
        guard text.unicodeScalars.contains(where: { control($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if control(scalar.value) {
                out.append(contentsOf: String(format: "\\x%02x", scalar.value).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A byte quoted in a message: `'c'` for printable ASCII, `'\xNN'` for any other byte.
    static func quoted(byte b: UInt8) -> String {
        (0x20..<0x7F).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : String(format: "'\\x%02x'", b)
    }
}

/// Something odd but scorable (the reference would crash or silently differ); said, never hidden.
public struct InputWarning: Sendable, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}

// MARK: - Reading files

/// Reads a whole file straight into a byte array (one copy from the page cache, no `Data` in between).
enum FileBytes {
    /// The file's size in bytes (0 when unknown), to start the largest reads first.
    static func size(_ url: URL) -> Int {
        var info = stat()
        return stat(url.path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Creates or truncates `url` and writes `bytes` to it.
    static func write(_ bytes: [UInt8], to url: URL) throws(InputError) {
        func failure(_ code: Int32) -> InputError {
            InputError(file: url.path, "cannot write: \(String(cString: strerror(code)))")
        }
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        if fd < 0 { throw failure(errno) }
        var written = 0
        var writeError: Int32 = 0
        bytes.withUnsafeBufferPointer { buffer in
            while written < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    writeError = errno
                    return
                }
                written += n
            }
        }
        if close(fd) != 0 && writeError == 0 { writeError = errno }
        if writeError != 0 { throw failure(writeError) }
    }

    /// The most ptscope reads from one file: 2 GiB, over twice the data.json of a set 100 times the
    /// size of PTBench (about 860 MB).
    static let maximumSize = 2 << 30

    /// Reads a regular file whole. Anything else is refused before it is read (a FIFO would block
    /// `open` until a writer came, a device can be read forever), as is a file larger than `limit`
    /// (also one that grows past it while it is read).
    static func read(_ url: URL, limit: Int = maximumSize) throws(InputError) -> [UInt8] {
        let path = url.path
        var info = stat()
        if stat(path, &info) != 0 { throw InputError(file: path, FileProbe.unreachable(path, errno)) }
        if info.st_mode & S_IFMT != S_IFREG { throw notRegular(path, info.st_mode) }
        // O_NONBLOCK: should the name turn into a FIFO after stat, open still returns at once.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { throw InputError(file: path, FileProbe.unreachable(path, errno)) }
        defer { close(fd) }
        return try read(fd: fd, path: path, limit: limit)
    }

    static func notRegular(_ path: String, _ mode: mode_t) -> InputError {
        InputError(file: path, "\(FileProbe.describe(path, mode: mode)), not a regular file: ptscope reads only regular files")
    }

    /// Reads the regular file open as `fd` (named `path`) whole from its current offset, with the
    /// checks and limit of ``read(_:limit:)`` (for a file that is open already, as the journal is).
    static func read(fd: Int32, path: String, limit: Int = maximumSize) throws(InputError) -> [UInt8] {
        func failure(_ code: Int32) -> InputError { InputError(file: path, FileProbe.unreachable(path, code)) }
        func tooLarge(_ size: Int?) -> InputError {
            let what = size.map { "is \(FileBytes.sizeText($0))" } ?? "grew while it was read"
            return InputError(
                file: path,
                "\(what), larger than \(FileBytes.sizeText(limit)), the most ptscope reads from one file "
                    + "(a set 100 times the size of PTBench has an 860 MB data.json)")
        }
        var info = stat()
        if fstat(fd, &info) != 0 { throw failure(errno) }
        if info.st_mode & S_IFMT != S_IFREG { throw notRegular(path, info.st_mode) }
        var size = Int(info.st_size)
        if size > limit { throw tooLarge(size) }
        var bytes = [UInt8]()
        while true {
            // Read what fstat promised (plus one byte, to notice a file that grew), then anything
            // left, never more than one byte past the limit.
            var readError: Int32 = 0
            let capacity = min(size + 1, limit + 1 - bytes.count)
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, filled in
                filled = 0
                while filled < capacity {
                    let n = systemRead(fd, buffer.baseAddress! + filled, capacity - filled)
                    if n < 0 {
                        if errno == EINTR { continue }
                        readError = errno
                        return
                    }
                    if n == 0 { return }
                    filled += n
                }
            }
            if readError != 0 { throw failure(readError) }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if bytes.count > limit { throw tooLarge(nil) }
            if chunk.count < capacity { return bytes }
            size = max(size, 1 << 16)
        }
    }

    /// A byte count in words ("2 GiB", "860.0 MB", "12 bytes").
    static func sizeText(_ bytes: Int) -> String {
        if bytes >= 1 << 30 && bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 30 { return String(format: "%.1f GiB (%lld bytes)", Double(bytes) / Double(1 << 30), Int64(bytes)) }
        if bytes >= 1_000_000 { return String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        return "\(bytes) bytes"
    }
}

// MARK: - BenchmarkCase

/// One case of a split, with what scoring needs decoded and the rest kept as byte ranges.
public struct BenchmarkCase: Sendable {
    /// The split's folder name (`test_untrained_user`).
    public let split: String
    /// 0-based position in the split's `data.json`.
    public let index: Int
    /// 1-based line where the case starts in `data.json`.
    public let line: Int
    public let query: String?
    public let answer: JSONValue
    public let queryParams: JSONValue
    public let profileParams: JSONValue
    /// Byte range of the whole case object in `data.json`.
    public let byteRange: Range<Int>
    /// Byte ranges of the values kept undecoded (`user_profile`, `platforms`, `tools`).
    public let rawRanges: [String: Range<Int>]
    /// A hash of the user profile's content (whitespace outside strings ignored): the user's identity.
    public let userKey: UInt64

    /// `len(query_params)` as Python computes it.
    public var queryParamCount: Int { CaseFields.pyLength(queryParams) ?? 0 }
    public var profileParamCount: Int { CaseFields.pyLength(profileParams) ?? 0 }
}

enum CaseFields {
    static let required = ["answer", "query_params", "profile_params"]
    static let kept = ["user_profile", "platforms", "tools"]

    /// Python's `len()` for a JSON value, nil where it would raise.
    static func pyLength(_ v: JSONValue) -> Int? {
        switch v {
        case .array(let a): return a.count
        case .string(let s): return s.unicodeScalars.count
        case .object(let o): return o.pythonMembers.count
        default: return nil
        }
    }
}

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
                        return .failure(
                            located(
                                start,
                                "case \(index): missing key \"\(key)\" (every case needs answer, query_params and profile_params)"
                            ))
                    }
                    for key in ["query_params", "profile_params"] where CaseFields.pyLength(fields[key]!) == nil {
                        return .failure(
                            located(
                                start,
                                "case \(index): \"\(key)\" must be a list of parameter names, found \(fields[key]!.kindDescription)"
                            ))
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

// MARK: - Predictions

/// One line of `generation.jsonl`: the model's raw text, or why the line is unusable.
public enum PredictionLine: Sendable {
    case text(String)
    /// `predict` is present but not a string (the reference then counts a format failure).
    case notText(JSONValue)
    /// The line is blank, not JSON, or has no `predict` (the reference would crash).
    case unusable(String)
    /// The text holds a lone surrogate (`\ud800`): Python cannot encode it, so it is a format failure.
    case loneSurrogate(String)
}

/// A split's `generation.jsonl`.
public struct PredictionFile: Sendable {
    public let url: URL
    public let lines: [PredictionLine]
    public let warnings: [InputWarning]

    /// Reads `url`, splitting lines as Python's text mode does (`\n`, `\r\n`, `\r`).
    public static func load(url: URL) throws(InputError) -> PredictionFile {
        let bytes = try FileBytes.read(url)
        return parse(bytes, file: url.path, url: url)
    }

    public static func parse(_ bytes: [UInt8], file: String, url: URL) -> PredictionFile {
        var lines: [PredictionLine] = []
        var warnings: [InputWarning] = []
        let encoding = TextEncoding.detect(bytes)
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            var k = 0
            var lineNumber = 0
            func finish(_ end: Int) {
                lineNumber += 1
                let slice = UnsafeBufferPointer(rebasing: buffer[start..<end])
                var entry = readLine(slice)
                // What made the line unusable, said as what it is (the line is unusable all the same).
                if case .unusable = entry, let encoding {
                    entry = .unusable(encoding.problem)
                } else if case .unusable = entry, lineNumber == 1, slice.starts(with: TextEncoding.utf8ByteOrderMark) {
                    entry = .unusable(
                        "the line starts with a UTF-8 byte order mark (EF BB BF), which Python's json.loads refuses (\"Unexpected UTF-8 BOM\")"
                    )
                }
                if case .unusable(let why) = entry {
                    warnings.append(
                        InputWarning(
                            file: file, line: lineNumber,
                            "\(why); the case on this line counts as a format failure (PTBench's scorer would stop here)"))
                }
                lines.append(entry)
            }
            while k < buffer.count {
                let c = buffer[k]
                if c == 0x0A {
                    finish(k)
                    k += 1
                    start = k
                } else if c == 0x0D {
                    finish(k)
                    k += (k + 1 < buffer.count && buffer[k + 1] == 0x0A) ? 2 : 1
                    start = k
                } else {
                    k += 1
                }
            }
            if start < buffer.count { finish(buffer.count) }
        }
        return PredictionFile(url: url, lines: lines, warnings: warnings)
    }

    static func readLine(_ slice: UnsafeBufferPointer<UInt8>) -> PredictionLine {
        if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .unusable("blank line") }
        var reader = JSONReader(bytes: slice)
        do {
            reader.skipWhitespace()
            guard reader.peek() == UInt8(ascii: "{") else {
                _ = try reader.readValue()
                try reader.expectEnd()
                return .unusable("expected a JSON object with \"predict\"")
            }
            // Read member by member to see whether `predict` itself held a lone surrogate.
            reader.position += 1
            var predict: JSONValue?
            var predictSurrogate = false
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
                    if key == "predict" {
                        let before = reader.loneSurrogates
                        predict = try reader.readValue(depth: 1)
                        predictSurrogate = reader.loneSurrogates > before
                    } else {
                        // Only `predict` is read; the rest is validated as Python's json.loads would.
                        try reader.skipValue(depth: 1)
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
            try reader.expectEnd()
            guard let predict else { return .unusable("no \"predict\" key") }
            if case .string(let s) = predict { return predictSurrogate ? .loneSurrogate(s) : .text(s) }
            return .notText(predict)
        } catch let error as JSONSyntaxError {
            return .unusable("malformed JSON at column \(error.offset + 1): \(error.message)")
        } catch {
            return .unusable("\(error)")
        }
    }
}
