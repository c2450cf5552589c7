import Evaluator
import Explorer
import Foundation
import Sample
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Many runs on one data set: `--runs-dir` (real folders), names and duplicates, the limit, and
/// the data read once however many runs share it.
@Suite("Runs folder and shared data")
struct RunsDirTests {
    /// A new empty folder under the temporary directory.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-runs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A run folder `name` under `root` holding the sample `model`'s `<split>/generation.jsonl`.
    @discardableResult
    static func run(_ name: String, in root: URL, model: String = "weak-sim") throws -> URL {
        let source = try #require(Sample.run(model))
        let run = root.appendingPathComponent(name)
        for split in Benchmark.referenceSplits {
            let folder = run.appendingPathComponent(split)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(split).appendingPathComponent("generation.jsonl"),
                to: folder.appendingPathComponent("generation.jsonl"))
        }
        return run
    }

    @Test func runsDirTakesEverySubfolderWithPredictionsSortedSkippingTheOthersAndSayingSo() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        for name in ["zeta", "alpha", "mid"] { try Self.run(name, in: root) }
        // A folder without predictions, a split folder without a generation.jsonl, a file, a hidden folder.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("nothing/test_trained_user"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("notes.txt"))
        try Self.run(".hidden", in: root)
        let plan = try LaunchPlan(
            data: "/d", predictions: ["/p/first"], runs: ["renamed=\(root.path)/mid", "extra=/p/x"], runsDir: root.path)
        #expect(plan.runs.map(\.name) == ["first", "alpha", "renamed", "zeta", "extra"])
        #expect(plan.runs[2].predictions.path == root.appendingPathComponent("mid").path)
        #expect(
            plan.notes == [
                "\(root.path): empty holds no <split>/generation.jsonl; skipped",
                "\(root.path): nothing holds no <split>/generation.jsonl; skipped",
            ])
        // Not a folder: a clear message naming it.
        let file = root.appendingPathComponent("notes.txt").path
        #expect(
            throws: RunSpecError(
                text: file, description: "--runs-dir expects a folder of runs (each with <split>/generation.jsonl), got '\(file)'"
            )
        ) {
            try LaunchPlan(data: "/d", predictions: [], runs: [], runsDir: file)
        }
    }

    @Test func moreThanFiftyRunsIsAnErrorNamingTheLimit() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        for k in 0..<51 { try Self.run(String(format: "run%02d", k), in: root) }
        #expect(LaunchPlan.maximumRuns == 50)
        do {
            _ = try LaunchPlan(data: "/d", predictions: [], runs: [], runsDir: root.path)
            Issue.record("51 runs were taken")
        } catch {
            #expect(error.description.contains("51 runs given, more than 50"))
        }
        // Fifty are fine.
        try FileManager.default.removeItem(at: root.appendingPathComponent("run50"))
        #expect(try LaunchPlan(data: "/d", predictions: [], runs: [], runsDir: root.path).runs.count == 50)
    }

    @Test func aNameGivenTwiceGetsASuffixAndANote() throws {
        let plan = try LaunchPlan(
            data: "/d", predictions: ["/a/model", "/b/model", "/c/model"], runs: ["model-2=/x", "model=/y"])
        #expect(plan.runs.map(\.name) == ["model", "model-3", "model-4", "model-2", "model-5"])
        #expect(plan.notes.count == 3)
        #expect(plan.notes[0] == "two runs are named 'model': /b/model is shown as 'model-3'")
    }

    // MARK: - The data read once

    /// How many times each file of `paths` is opened while `body` runs (Linux inotify, IN_OPEN).
    static func opens(of paths: [String], during body: () throws -> Void) throws -> Int {
        let fd = inotify_init1(Int32(IN_NONBLOCK))
        try #require(fd >= 0)
        defer { close(fd) }
        for p in paths { try #require(inotify_add_watch(fd, p, UInt32(IN_OPEN)) >= 0) }
        try body()
        var count = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            var k = 0
            while k + 16 <= n {
                let len = buffer[k + 12..<k + 16].reversed().reduce(0) { $0 << 8 | Int($1) }
                count += 1
                k += 16 + len
            }
        }
        return count
    }

    @Test func theDataIsReadOnceWhateverTheNumberOfRuns() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data")
        try FileManager.default.copyItem(at: try #require(Sample.dataRoot), to: data)
        let runs = root.appendingPathComponent("runs")
        try Self.run("a", in: runs, model: "strong-sim")
        try Self.run("b", in: runs)
        try Self.run("c", in: runs)
        let plan = try LaunchPlan(data: data.path, predictions: [], runs: [], runsDir: runs.path)
        let files = Benchmark.referenceSplits.map { data.appendingPathComponent($0).appendingPathComponent("data.json").path }
        var loaded: ExplorerData?
        let opens = try Self.opens(of: files) { loaded = try plan.load() }
        #expect(opens == files.count, "each data.json opened once for three runs")
        // Every run's predictions are there, as reading each on its own gives them.
        let d = try #require(loaded)
        #expect(d.runs.map(\.name) == ["a", "b", "c"])
        for (r, name) in ["a", "b", "c"].enumerated() {
            let alone = try Benchmark.load(data: data, predictions: runs.appendingPathComponent(name))
            for split in Benchmark.referenceSplits {
                let mine = try #require(d.runs[r].predictions[split])
                let theirs = try #require(alone.predictions[split])
                #expect(mine.url == theirs.url && mine.lines.count == theirs.lines.count)
                #expect(mine.lines.map { "\($0)" } == theirs.lines.map { "\($0)" })
            }
        }
    }

    @Test func aMissingRunIsNamedInTheError() throws {
        let data = try #require(Sample.dataRoot)
        let plan = try LaunchPlan(
            data: data.path, predictions: [try #require(Sample.run("weak-sim")).path, "/nonexistent/run"], runs: [])
        #expect(throws: InputError.self) { try plan.load() }
        do { _ = try plan.load() } catch { #expect(error.file == "/nonexistent/run") }
    }
}
