import Foundation
import Testing

@testable import Evaluator

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - Odd files

/// FIFOs, devices, symbolic links, huge and mis-encoded files: refused or named, never a hang,
/// an unbounded read or a raw byte in a message. Every file here is real (mkfifo, symlink, chmod).
@Suite("Odd input files")
struct FileInputTests {
    static let goodCase = #"{"query": "q", "answer": ["A", [{"f": {"x": ["1"]}}]], "query_params": ["x"], "profile_params": []}"#
    static let goodData = "[" + goodCase + "]"
    static let goodPrediction = #"{"predict": "A:[f(x='1')]"}"# + "\n"

    /// A fresh folder holding `files` (relative path → bytes).
    func folder(_ files: [String: [UInt8]] = [:]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (path, bytes) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return dir
    }

    func link(_ url: URL, to target: String) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    /// Loads on another thread. If that has not returned after `seconds`, the load is stuck (in
    /// `open` on a FIFO): `unblock` opens the FIFO's other end so the thread can finish, and the
    /// hang is recorded. The suite never hangs, whether or not the fix holds.
    func load(
        _ data: URL, _ predictions: URL?, unblocking fifos: [URL] = [], seconds: Double = 10,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Result<Benchmark, InputError> {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<Benchmark, InputError>?
        DispatchQueue.global().async {
            result = Result { () throws(InputError) -> Benchmark in try Benchmark.load(data: data, predictions: predictions) }
            done.signal()
        }
        if done.wait(timeout: .now() + seconds) == .timedOut {
            Issue.record("Benchmark.load blocked for \(seconds) s (in open on a FIFO?)", sourceLocation: sourceLocation)
            while done.wait(timeout: .now() + 0.1) == .timedOut {
                // A writer that opens and closes wakes a reader blocked in open (it then reads EOF).
                for fifo in fifos {
                    let fd = open(fifo.path, O_WRONLY | O_NONBLOCK)
                    if fd >= 0 { close(fd) }
                }
            }
        }
        return result!
    }

    /// The error `result` holds (recording an issue when it succeeded).
    func error(_ result: Result<Benchmark, InputError>, sourceLocation: SourceLocation = #_sourceLocation) -> InputError? {
        switch result {
        case .success: Issue.record("loaded; expected an error", sourceLocation: sourceLocation)
        case .failure(let e): return e
        }
        return nil
    }

    // MARK: Not regular files

    @Test("a FIFO as data.json is refused at once, named as a FIFO")
    func fifoData() throws {
        let dir = try folder()
        let fifo = dir.appendingPathComponent("d/test_untrained_user/data.json")
        try FileManager.default.createDirectory(at: fifo.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let e = error(load(dir.appendingPathComponent("d"), nil, unblocking: [fifo]))
        #expect(e?.file == fifo.path)
        #expect(e?.message.contains("FIFO") == true, "\(String(describing: e))")
        #expect(e?.message.contains("not a regular file") == true)
        // Given directly, too.
        let direct = error(load(fifo, nil, unblocking: [fifo]))
        #expect(direct?.message.contains("FIFO") == true, "\(String(describing: direct))")
    }

    @Test("a FIFO as generation.jsonl is refused at once")
    func fifoPredictions() throws {
        let dir = try folder(["d/test_untrained_user/data.json": Array(FileInputTests.goodData.utf8)])
        let fifo = dir.appendingPathComponent("p/test_untrained_user/generation.jsonl")
        try FileManager.default.createDirectory(at: fifo.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let e = error(load(dir.appendingPathComponent("d"), dir.appendingPathComponent("p"), unblocking: [fifo]))
        #expect(e?.file == fifo.path)
        #expect(e?.message.contains("FIFO") == true, "\(String(describing: e))")
    }

    @Test("a symbolic link to /dev/zero is refused as a character device, nothing read")
    func characterDevice() throws {
        let dir = try folder(["d/test_untrained_user/data.json": Array(FileInputTests.goodData.utf8)])
        try link(dir.appendingPathComponent("p/test_untrained_user/generation.jsonl"), to: "/dev/zero")
        let e = error(load(dir.appendingPathComponent("d"), dir.appendingPathComponent("p")))
        #expect(e?.message.contains("character device") == true, "\(String(describing: e))")
        #expect(e?.message.contains("/dev/zero") == true, "the link's target is named")
        try link(dir.appendingPathComponent("zero.json"), to: "/dev/zero")
        let direct = error(load(dir.appendingPathComponent("zero.json"), nil))
        #expect(direct?.message.contains("character device") == true, "\(String(describing: direct))")
    }

    @Test("a file larger than the stated maximum is refused before reading (a sparse file)")
    func tooLarge() throws {
        let dir = try folder()
        let url = dir.appendingPathComponent("d/test_untrained_user/data.json")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        // Sparse: no disk space used, and nothing may be read from it.
        #expect(ftruncate(fd, off_t(2 << 30) + 1) == 0)
        close(fd)
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = error(load(dir.appendingPathComponent("d"), nil))
        #expect(e?.message.contains("larger than") == true, "\(String(describing: e))")
        #expect(e?.message.contains("2 GiB") == true, "the limit is stated")
    }

    @Test("a file that holds more than its size says is read whole, but never past the limit (/proc)")
    func growingFile() throws {
        // /proc files report size 0 and hold more: read to the end, within the limit.
        let status = try FileBytes.read(URL(fileURLWithPath: "/proc/self/status"))
        #expect(String(decoding: status, as: UTF8.self).contains("VmRSS"))
        #expect {
            try FileBytes.read(URL(fileURLWithPath: "/proc/self/status"), limit: 64)
        } throws: { error in
            (error as? InputError)?.message.contains("grew while it was read, larger than 64 bytes") == true
        }
    }

    // MARK: Symbolic links and folders

    @Test("a split folder that is a symbolic link loop is named as one, not as missing")
    func splitLoop() throws {
        let dir = try folder(["d/test_untrained_user/data.json": Array(FileInputTests.goodData.utf8)])
        try link(dir.appendingPathComponent("d/test_trained_user"), to: "test_trained_user")
        let bench = try Benchmark.load(data: dir.appendingPathComponent("d"), predictions: nil)
        #expect(bench.splits.map(\.name) == ["test_untrained_user"])
        let warning = bench.warnings.first { $0.file.contains("test_trained_user") }
        #expect(warning?.message.contains("ELOOP") == true, "\(bench.warnings)")
        #expect(warning?.message.contains("is missing") == false)
    }

    @Test("a dangling split link names its missing target")
    func danglingSplit() throws {
        let dir = try folder(["d/test_untrained_user/data.json": Array(FileInputTests.goodData.utf8)])
        try link(dir.appendingPathComponent("d/test_trained_user"), to: "/nonexistent/ptscope-target")
        let bench = try Benchmark.load(data: dir.appendingPathComponent("d"), predictions: nil)
        let warning = bench.warnings.first { $0.file.contains("test_trained_user") }
        #expect(warning?.message.contains("/nonexistent/ptscope-target") == true, "\(bench.warnings)")
        #expect(warning?.message.contains("does not exist") == true)
        #expect(warning?.message.contains("is missing") == false)
    }

    @Test("a dangling data.json link inside a split folder names its target")
    func danglingDataFile() throws {
        let dir = try folder(["d/test_untrained_user/data.json": Array(FileInputTests.goodData.utf8)])
        try link(dir.appendingPathComponent("d/test_trained_user/data.json"), to: "../gone.json")
        let bench = try Benchmark.load(data: dir.appendingPathComponent("d"), predictions: nil)
        let warning = bench.warnings.first { $0.file.contains("test_trained_user") }
        #expect(warning?.message.contains("../gone.json") == true, "\(bench.warnings)")
    }

    @Test("nothing usable left: an error naming every split's real problem, not 'no split found'")
    func nothingUsable() throws {
        let dir = try folder()
        try link(dir.appendingPathComponent("d/test_untrained_user"), to: "test_untrained_user")
        try link(dir.appendingPathComponent("d/test_trained_user"), to: "/nonexistent/ptscope-target")
        let e = error(load(dir.appendingPathComponent("d"), nil))
        #expect(e?.message.contains("ELOOP") == true, "\(String(describing: e))")
        #expect(e?.message.contains("/nonexistent/ptscope-target") == true)
        // The data root itself a loop: not "no such file or folder".
        try link(dir.appendingPathComponent("root"), to: "root")
        let root = error(load(dir.appendingPathComponent("root"), nil))
        #expect(root?.message.contains("ELOOP") == true, "\(String(describing: root))")
    }

    @Test("broken prediction links: a warning while something is usable, an error when nothing is")
    func brokenPredictions() throws {
        let data = Array(FileInputTests.goodData.utf8)
        let dir = try folder([
            "d/test_untrained_user/data.json": data, "d/test_trained_user/data.json": data,
            "p/test_untrained_user/generation.jsonl": Array(FileInputTests.goodPrediction.utf8),
        ])
        try link(dir.appendingPathComponent("p/test_trained_user"), to: "/nonexistent/ptscope-pred")
        let bench = try Benchmark.load(data: dir.appendingPathComponent("d"), predictions: dir.appendingPathComponent("p"))
        #expect(bench.predictions.keys.sorted() == ["test_untrained_user"])
        #expect(bench.warnings.contains { $0.message.contains("/nonexistent/ptscope-pred") }, "\(bench.warnings)")
        // Now the other one loops too: nothing of the predictions is usable.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("p/test_untrained_user/generation.jsonl"))
        try link(dir.appendingPathComponent("p/test_untrained_user/generation.jsonl"), to: "generation.jsonl")
        let e = error(load(dir.appendingPathComponent("d"), dir.appendingPathComponent("p")))
        #expect(e?.message.contains("ELOOP") == true, "\(String(describing: e))")
        #expect(e?.message.contains("/nonexistent/ptscope-pred") == true)
    }

    @Test(
        "an unreadable split folder (chmod 000) is named with EACCES",
        .enabled(if: getuid() != 0, "root is not refused by permission bits, so chmod 000 cannot make EACCES happen"))
    func unreadableSplit() throws {
        let dir = try folder([
            "d/test_untrained_user/data.json": Array(FileInputTests.goodData.utf8),
            "d/test_trained_user/data.json": Array(FileInputTests.goodData.utf8),
        ])
        let locked = dir.appendingPathComponent("d/test_trained_user")
        #expect(chmod(locked.path, 0) == 0)
        defer { _ = chmod(locked.path, 0o755) }
        let bench = try Benchmark.load(data: dir.appendingPathComponent("d"), predictions: nil)
        let warning = bench.warnings.first { $0.file.contains("test_trained_user") }
        #expect(warning?.message.contains("EACCES") == true, "\(bench.warnings)")
    }

    // MARK: Encodings and raw bytes

    @Test(
        "a data.json in UTF-16 or UTF-32 names its encoding",
        arguments: [
            ("utf-16 with BOM", "UTF-16LE"), ("utf-16be with BOM", "UTF-16BE"), ("utf-16le", "UTF-16LE"),
            ("utf-16be", "UTF-16BE"), ("utf-32 with BOM", "UTF-32LE"), ("utf-32le", "UTF-32LE"), ("utf-32be", "UTF-32BE"),
        ])
    func dataEncoding(_ encoding: String, _ name: String) throws {
        let bytes = FileInputTests.encode(FileInputTests.goodData, encoding)
        let dir = try folder(["d/test_untrained_user/data.json": bytes])
        let e = error(load(dir.appendingPathComponent("d"), nil))
        #expect(e?.message.contains(name) == true, "\(String(describing: e))")
        #expect(e?.message.contains("\u{0}") == false)
    }

    @Test("a generation.jsonl in UTF-16 names its encoding on the lines it makes unusable")
    func predictionEncoding() throws {
        let dir = try folder([
            "d/test_untrained_user/data.json": Array(FileInputTests.goodData.utf8),
            "p/test_untrained_user/generation.jsonl": FileInputTests.encode(FileInputTests.goodPrediction, "utf-16 with BOM"),
        ])
        let bench = try Benchmark.load(data: dir.appendingPathComponent("d"), predictions: dir.appendingPathComponent("p"))
        let warnings = bench.predictions["test_untrained_user"]?.warnings ?? []
        #expect(!warnings.isEmpty)
        #expect(warnings.allSatisfy { $0.message.contains("UTF-16LE") }, "\(warnings)")
        #expect(warnings.allSatisfy { !$0.message.contains("\u{0}") })
    }

    @Test("a UTF-8 byte order mark: data.json read past it with a warning; a prediction line says why it fails")
    func utf8BOM() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let dir = try folder([
            "d/test_untrained_user/data.json": bom + Array(FileInputTests.goodData.utf8),
            "p/test_untrained_user/generation.jsonl": bom + Array(FileInputTests.goodPrediction.utf8),
        ])
        let bench = try Benchmark.load(data: dir.appendingPathComponent("d"), predictions: dir.appendingPathComponent("p"))
        #expect(bench.splits.first?.cases.count == 1, "read past, as before")
        #expect(
            bench.warnings.contains { $0.file.hasSuffix("data.json") && $0.message.contains("byte order mark") },
            "\(bench.warnings)")
        let line = bench.predictions["test_untrained_user"]?.warnings.first
        #expect(line?.line == 1)
        #expect(line?.message.contains("byte order mark") == true, "\(String(describing: line))")
    }

    @Test("a raw byte quoted in a message is escaped (\\x00), never written raw")
    func rawByteEscaped() throws {
        // Not in the first bytes, where a NUL would make the file look UTF-16.
        let dir = try folder(["d/test_untrained_user/data.json": Array(("[\n" + FileInputTests.goodCase + ",\u{0}]").utf8)])
        let e = error(load(dir.appendingPathComponent("d"), nil))
        #expect(e?.message.contains("\\x00") == true, "\(String(describing: e))")
        #expect(e?.description.contains("\u{0}") == false)
        let high = try folder(["d/test_untrained_user/data.json": [UInt8(ascii: "["), 0xFF, UInt8(ascii: "]")]])
        let e2 = error(load(high.appendingPathComponent("d"), nil))
        #expect(e2?.message.contains("\\xff") == true, "\(String(describing: e2))")
    }

    @Test("control characters in keys from the data are escaped in check's problems")
    func keysEscaped() throws {
        let answer = JSONValue.array([
            .string("A"),
            .array([
                .object(JSONObject(members: [("f\u{1B}]52;c;x\u{7}", .object(JSONObject(members: [("x\u{0}", .string("1"))])))]))
            ]),
        ])
        let problems = Validation.answerProblems(answer)
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { !$0.contains("\u{1B}") && !$0.contains("\u{0}") && !$0.contains("\u{7}") }, "\(problems)")
        #expect(problems.contains { $0.contains("\\x1b") && $0.contains("\\x00") }, "\(problems)")
    }

    /// `text` in the named encoding ("utf-16 with BOM" is little-endian, as Python writes it).
    static func encode(_ text: String, _ encoding: String) -> [UInt8] {
        let units = Array(text.utf16)
        let scalars = text.unicodeScalars.map(\.value)
        switch encoding {
        case "utf-16 with BOM": return [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case "utf-16be with BOM": return [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case "utf-16le": return units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case "utf-16be": return units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case "utf-32 with BOM":
            return [0xFF, 0xFE, 0, 0] + scalars.flatMap { v in (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        case "utf-32le": return scalars.flatMap { v in (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        default: return scalars.flatMap { v in (0..<4).reversed().map { UInt8((v >> (8 * $0)) & 0xFF) } }
        }
    }
}
