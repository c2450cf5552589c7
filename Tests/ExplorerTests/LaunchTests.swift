import Evaluator
import Explorer
import Foundation
import Sample
import TUICore
import Testing

/// What the explorer opens, built from the command line's arguments before the terminal is taken.
@Suite("Launch")
struct LaunchTests {
    static func sampleData() throws -> URL { try #require(Sample.dataRoot) }
    static func run(_ model: String) throws -> URL { try #require(Sample.run(model)) }

    /// A new empty folder under the temporary directory.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-launch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: Run specs

    @Test("--run NAME=DIR: split at the first '=', both sides needed")
    func runSpecs() throws {
        let spec = try RunSpec(parsing: "gpt=/runs/a=b")
        #expect(spec.name == "gpt" && spec.predictions.path == "/runs/a=b")
        for bad in ["bad", "=x", "x=", "="] {
            #expect(throws: RunSpecError(text: bad)) { try RunSpec(parsing: bad) }
        }
        #expect(RunSpecError(text: "bad").description == "--run expects NAME=DIR, got 'bad'")
        #expect(RunSpec(path: "/runs/gpt-4/").name == "gpt-4")
    }

    // MARK: Plans

    @Test("the user's paths: positional runs named by folder, then --run ones; a bad --run is refused")
    func filesPlan() throws {
        let plan = try LaunchPlan(data: "/d", predictions: ["/p/strong", "/p/weak/"], runs: ["mine=/p/x"])
        #expect(plan.runs.map(\.name) == ["strong", "weak", "mine"])
        #expect(plan.predictions?.path == "/p/strong" && plan.primaryName == "strong" && plan.sampleModel == nil)
        #expect(plan.printHeader == nil)
        #expect(throws: RunSpecError(text: "oops")) { try LaunchPlan(data: "/d", predictions: [], runs: ["oops"]) }
        let dataOnly = try LaunchPlan(data: "/d", predictions: [], runs: [])
        #expect(dataOnly.predictions == nil && dataOnly.primaryName == "(no predictions)")
    }

    @Test("the sample: the model first, the models to compare with next, --run ones last")
    func samplePlan() throws {
        let plan = try LaunchPlan(
            sampleData: try Self.sampleData(), model: "weak-sim", predictions: try Self.run("weak-sim"),
            compareWith: [("strong-sim", try Self.run("strong-sim"))], runs: ["x=/tmp"])
        #expect(plan.runs.map(\.name) == ["sample · weak-sim", "sample · strong-sim", "x"])
        #expect(plan.sampleModel == "weak-sim")
        #expect(plan.printHeader == "ptscope: the bundled sample (invented data), model weak-sim\n")
        // One journal for the sample, whichever model is opened first.
        #expect(plan.journalLocation(explicit: nil) == .sample)
        #expect(plan.journalLocation(explicit: "/j.jsonl") == .explicit(URL(fileURLWithPath: "/j.jsonl")))
    }

    @Test("paths checked before the terminal: the first missing one is named")
    func pathProblems() throws {
        let data = try Self.sampleData().path
        #expect(try LaunchPlan(data: data, predictions: [try Self.run("weak-sim").path], runs: []).pathProblem() == nil)
        let missing = try LaunchPlan(data: data, predictions: [try Self.run("weak-sim").path], runs: ["b=/nonexistent/b"])
        #expect(missing.pathProblem()?.file == "/nonexistent/b")
        #expect(try LaunchPlan(data: "/nonexistent/d", predictions: [], runs: []).pathProblem()?.file == "/nonexistent/d")
    }

    @Test("the journal of the user's runs belongs to the data; every run's predictions are where old journals are looked for")
    func journalOfTheData() throws {
        let data = try Self.sampleData()
        let plan = try LaunchPlan(data: data.path, predictions: ["/p/a", "/p/b"], runs: ["c=/p/c"])
        let paths = ["/p/a", "/p/b", "/p/c"].map { URL(fileURLWithPath: $0) }
        #expect(plan.journalLocation(explicit: nil) == .data(data, predictions: paths))
        #expect(plan.journalLocation(explicit: nil).resolve() == data.appendingPathComponent("annotations.jsonl"))
    }

    // MARK: Loading

    @Test("several runs load on the same data: each run's predictions, the primary's benchmark")
    func loadSeveralRuns() throws {
        let data = try Self.sampleData().path
        let plan = try LaunchPlan(
            data: data, predictions: [try Self.run("strong-sim").path], runs: ["B=\(try Self.run("weak-sim").path)"])
        let loaded = try plan.load()
        #expect(loaded.runs.map(\.name) == ["strong-sim", "B"])
        let strong = try Benchmark.load(data: try Self.sampleData(), predictions: try Self.run("strong-sim"))
        let weak = try Benchmark.load(data: try Self.sampleData(), predictions: try Self.run("weak-sim"))
        for (run, bench) in zip(loaded.runs, [strong, weak]) {
            #expect(Set(run.predictions.keys) == Set(bench.predictions.keys))
            for (split, file) in bench.predictions {
                #expect(run.predictions[split]?.url == file.url, "\(run.name) \(split)")
                #expect(run.predictions[split]?.lines.count == file.lines.count, "\(run.name) \(split)")
            }
        }
        #expect(loaded.cases.count == strong.splits.reduce(0) { $0 + $1.cases.count })
    }

    @Test("a further run that cannot be read against the data (one generation.jsonl for two splits): loading fails naming it")
    func loadBadRun() throws {
        let file = try Self.run("weak-sim").appendingPathComponent("test_trained_user/generation.jsonl")
        let plan = try LaunchPlan(
            data: try Self.sampleData().path, predictions: [try Self.run("strong-sim").path], runs: ["B=\(file.path)"])
        #expect(plan.pathProblem() == nil)
        #expect {
            _ = try plan.load()
        } throws: { error in
            "\(error)".hasPrefix("\(file.path): one generation.jsonl given for 2 splits")
        }
    }

    @Test("the loader replays the journal over the data and passes on its path, mode and warnings")
    func loaderWithJournal() throws {
        let url = try Self.folder().appendingPathComponent("annotations.jsonl")
        let bench = try Benchmark.load(data: try Self.sampleData(), predictions: try Self.run("weak-sim"))
        let split = bench.splits[0]
        let key = CaseKey.of(split.cases[0], in: split)
        let journal = try Journal.open(url)
        defer { journal.close() }
        _ = try journal.append(kind: .setStatus, key: key, status: .flagged, reason: "why", author: "t")
        let plan = try LaunchPlan(data: try Self.sampleData().path, predictions: [try Self.run("weak-sim").path], runs: [])
        let loaded = try plan.loader(journal: journal)()
        #expect(loaded.journalEntries.map(\.seq) == [1])
        #expect(loaded.initialAnnotations.cases[key]?.status == .flagged)
        #expect(loaded.journalPath == url.path && !loaded.journalReadOnly && loaded.journalWarnings.isEmpty)
    }

    @Test("old journals read with the journal: their entries replayed, and the status bar says how to move them in")
    func loaderWithOldJournals() throws {
        let folder = try Self.folder()
        let bench = try Benchmark.load(data: try Self.sampleData(), predictions: nil)
        let split = bench.splits[0]
        let key = CaseKey.of(split.cases[0], in: split)
        let old = folder.appendingPathComponent("old.jsonl")
        let entry = JournalEntry(seq: 1, time: "2026-01-01T00:00:00Z", author: "o", key: key, kind: .setStatus, status: .flagged)
        try Data((entry.jsonLine + "\n").utf8).write(to: old)
        let journal = try Journal.open(
            folder.appendingPathComponent("annotations.jsonl"), old: [old], hint: "ptscope annotations migrate")
        defer { journal.close() }
        let plan = try LaunchPlan(data: try Self.sampleData().path, predictions: [try Self.run("weak-sim").path], runs: [])
        let loaded = try plan.loader(journal: journal)()
        #expect(loaded.initialAnnotations.cases[key]?.status == .flagged)
        let notice =
            "read 1 old journal with annotations.jsonl (see the warnings on exit); move it in with: ptscope annotations migrate"
        #expect(loaded.journalNotice == notice)
        let s = Fixture.state(loaded, width: 120, height: 40)
        #expect(s.message == notice)
    }

    // MARK: Appearance

    @Test("colour off with --no-color or a non-empty NO_COLOR; glyphs and the first message follow the locale")
    func appearance() throws {
        let colour = LaunchAppearance(themeSpec: nil, noColor: false, environment: ["NO_COLOR": ""])
        #expect(!colour.monochrome && colour.warnings.isEmpty)
        #expect(colour.resolvedTheme(terminalDepth: .c256).depth == .c256)
        #expect(LaunchAppearance(themeSpec: nil, noColor: true, environment: [:]).monochrome)
        let mono = LaunchAppearance(themeSpec: nil, noColor: false, environment: ["NO_COLOR": "1"])
        #expect(mono.monochrome && mono.resolvedTheme(terminalDepth: .c256).depth == .mono)

        let missing = LaunchAppearance(themeSpec: "/nonexistent/theme.json", noColor: false, environment: [:])
        #expect(missing.warnings.count == 1 && missing.startMessage(utf8: true) == missing.warnings.first)
        #expect(missing.startMessage(utf8: false)?.hasPrefix("the locale is not UTF-8") == true)
        #expect(colour.startMessage(utf8: true) == nil)
        #expect(LaunchAppearance.glyphs(utf8: true) == .unicode && LaunchAppearance.glyphs(utf8: false) == .ascii)

        let plan = try LaunchPlan(data: "/d", predictions: [], runs: [])
        var options = SessionOptions()
        options.scorer = Scorer.Options(format: .json, lenient: true)
        let state = missing.initialState(width: 90, height: 30, utf8: false, mouse: true, options: options, loading: plan)
        #expect(state.width == 90 && state.height == 30 && state.status.mouse && state.glyphs == .ascii)
        #expect(state.startOptions.scorer.format == .json && state.startOptions.scorer.lenient)
        #expect(state.status.loading == "loading /d…" && state.message?.hasPrefix("the locale is not UTF-8") == true)
    }
}
