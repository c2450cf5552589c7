import Evaluator
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - HistoryFile

/// The lines submitted in the line editors, kept across runs: `$XDG_STATE_HOME/ptscope/history.jsonl`
/// (else `~/.local/state/ptscope/history.jsonl`).
///
/// JSON Lines, one object per submitted line: `{"v": 1, "kind": "search", "line": "…"}`. A line is
/// appended and fsync'ed when it is submitted, so a crash loses at most the line being written: a
/// torn last line (no newline) is skipped on reading and cut before the next append. A line written
/// by a newer ptscope (`"v"` above ``formatVersion``) makes the whole file refused, with both
/// version numbers, and nothing is written to it; an unknown key is warned about once.
public enum HistoryFile {
    /// The format version this ptscope writes and reads.
    public static let formatVersion = 1
    /// The most bytes read, from the end of the file (older lines beyond are not read).
    static let readLimit = 8 << 20
    /// The most warnings listed (then how many more there were).
    static let warningLimit = 5

    /// What was read at launch: the histories (saving to the file unless it was refused) and
    /// what was wrong with the file.
    public struct Loaded: Sendable {
        /// Each kind's lines; ``InputHistory/file`` is nil when the file is not to be written.
        public var history: InputHistory
        /// Problems with the file, each naming it (and the line when there is one).
        public var warnings: [String]
    }

    // MARK: - Where

    /// The file: under `XDG_STATE_HOME` when it is an absolute path (the XDG rule), else under
    /// `~/.local/state`.
    public static func location(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        home: URL = FileManager.default.homeDirectoryForCurrentUser
    ) -> URL {
        let base =
            environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? home.appendingPathComponent(".local/state")
        return base.appendingPathComponent("ptscope").appendingPathComponent("history.jsonl")
    }

    /// The history at launch, from ``location(environment:home:)`` (see ``load(_:)``).
    public static func atLaunch(environment: [String: String] = ProcessInfo.processInfo.environment) -> Loaded {
        load(location(environment: environment))
    }

    // MARK: - Reading

    /// Reads `url` (a missing file is an empty history that will be created on the first save).
    /// Lines that cannot be read are skipped with a warning; a newer version refuses the file.
    public static func load(_ url: URL) -> Loaded {
        let path = url.path
        var warnings: [String] = []
        let bytes: [UInt8]
        do {
            guard let read = try readTail(path) else { return Loaded(history: InputHistory(file: url), warnings: []) }
            bytes = read.bytes
            if read.skipped {
                warnings.append("\(path): larger than \(readLimit >> 20) MB; only the newest lines were read")
            }
        } catch {
            return Loaded(
                history: InputHistory(), warnings: ["\(error); the history is not read or saved this time"])
        }
        var lines: [InputHistory.Kind: [String]] = [:]
        var unknownKeys: Set<String> = []
        var problems: [String] = []
        let pieces = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        for (k, piece) in pieces.enumerated() {
            let number = k + 1
            let last = k == pieces.count - 1
            if piece.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            if last {
                // No newline after it: a write cut short (the next save cuts it).
                problems.append("\(path):\(number): the last line is incomplete (a write cut short?), skipped")
                continue
            }
            switch decode(piece) {
            case .entry(let kind, let line, let unknown):
                lines[kind, default: []].append(line)
                for key in unknown where unknownKeys.insert(key).inserted {
                    problems.append("\(path):\(number): unknown key \"\(key)\" ignored")
                }
            case .unreadable(let why):
                problems.append("\(path):\(number): not a history line, skipped: \(why)")
            case .newer(let version):
                let refused =
                    "\(path):\(number): written by a newer ptscope (history format version \(version); this "
                    + "ptscope reads version \(formatVersion)): the history is not read or saved; update ptscope"
                return Loaded(history: InputHistory(), warnings: [refused])
            }
        }
        warnings += problems.prefix(warningLimit)
        if problems.count > warningLimit { warnings.append("\(path): \(problems.count - warningLimit) more problems") }
        return Loaded(history: InputHistory(lines, file: url), warnings: warnings)
    }

    /// The file's last ``readLimit`` bytes (from the first whole line), nil when there is no file.
    private static func readTail(_ path: String) throws(InputError) -> (bytes: [UInt8], skipped: Bool)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw InputError(file: path, "cannot open the history: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw InputError(file: path, "cannot read the history: \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw InputError(file: path, "the history is not a regular file") }
        let size = Int(info.st_size)
        let start = max(0, size - readLimit)
        var bytes = [UInt8](repeating: 0, count: size - start)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(start + done)) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw InputError(file: path, "cannot read the history: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            done += n
        }
        bytes.removeSubrange(done...)
        if start > 0, let newline = bytes.firstIndex(of: 0x0A) { bytes.removeSubrange(...newline) }
        return (bytes, start > 0)
    }

    /// What one line of the file holds.
    enum Decoded: Equatable {
        case entry(InputHistory.Kind, String, unknownKeys: [String])
        case unreadable(String)
        case newer(Int)
    }

    static let knownKeys: Set<String> = ["v", "kind", "line"]

    /// Reads one line of the file.
    static func decode(_ bytes: ArraySlice<UInt8>) -> Decoded {
        let value: JSONValue
        do { value = try JSONReader.parse(Array(bytes)) } catch { return .unreadable("malformed JSON: \(error.message)") }
        guard case .object(let object) = value else { return .unreadable("expected a JSON object") }
        guard case .number(let number)? = object["v"], number.isInteger, let version = Int(number.text) else {
            return .unreadable("no format version \"v\"")
        }
        if version > formatVersion { return .newer(version) }
        guard let kindText = object["kind"]?.stringValue else { return .unreadable("\"kind\" must be a string") }
        guard let kind = InputHistory.Kind(rawValue: kindText) else {
            return .unreadable("unknown kind \"\(kindText)\" (expected search, command or export)")
        }
        guard let line = object["line"]?.stringValue else { return .unreadable("\"line\" must be a string") }
        return .entry(kind, line, unknownKeys: object.members.map(\.key).filter { !knownKeys.contains($0) })
    }

    // MARK: - Writing

    /// One line of the file.
    static func jsonLine(_ line: String, kind: InputHistory.Kind) -> String {
        JSONText.object([("v", "\(formatVersion)"), ("kind", JSONText.string(kind.rawValue)), ("line", JSONText.string(line))])
    }

    /// Appends `line` of `kind` to `url` and fsyncs it, creating the folder and the file when
    /// missing; a torn last line (no newline) is cut first. Throws saying what failed.
    public static func append(_ line: String, kind: InputHistory.Kind, to url: URL) throws(InputError) {
        let path = url.path
        func failure(_ what: String, _ code: Int32) -> InputError {
            InputError(file: path, "cannot \(what) the history: \(String(cString: strerror(code)))")
        }
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: folder.path, "cannot create the history's folder: \(error.localizedDescription)")
        }
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o600)
        guard fd >= 0 else { throw failure("open", errno) }
        defer { close(fd) }
        if let cut = try tornTail(fd, path: path), ftruncate(fd, off_t(cut)) != 0 {
            throw failure("cut the torn last line of", errno)
        }
        let bytes = Array((jsonLine(line, kind: kind) + "\n").utf8)
        let code = FileWrite.all(fd, bytes).error
        if code != 0 { throw failure("write", code) }
        guard fsync(fd) == 0 else { throw failure("sync", errno) }
    }

    /// Where a torn last line (no newline after it) starts, nil when the file ends with a newline
    /// or is empty.
    private static func tornTail(_ fd: Int32, path: String) throws(InputError) -> Int? {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw InputError(file: path, "cannot read the history: \(String(cString: strerror(errno)))")
        }
        var end = Int(info.st_size)
        guard end > 0 else { return nil }
        var chunk = [UInt8](repeating: 0, count: 4096)
        var first = true
        while end > 0 {
            let start = max(0, end - chunk.count)
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, end - start, off_t(start)) }
            guard n == end - start else {
                throw InputError(file: path, "cannot read the history: \(String(cString: strerror(errno)))")
            }
            if first && chunk[n - 1] == 0x0A { return nil }
            first = false
            if let newline = chunk[..<n].lastIndex(of: 0x0A) { return start + newline + 1 }
            end = start
        }
        return 0
    }
}

// MARK: - Launch

extension HistoryFile.Loaded {
    /// Puts the history into the explorer's first state; the first warning is the start message
    /// when there is none yet (every warning is printed again after exit).
    public func attach(to state: inout AppState) {
        state.history = history
        if state.status.message == nil { state.status.message = warnings.first }
    }
}
