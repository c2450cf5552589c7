import Evaluator
import Foundation

// MARK: - LaunchPlan

/// What the explorer opens: a data root and the runs of predictions to compare on it (the first is
/// the primary run), from the command line's paths or from the bundled sample.
public struct LaunchPlan: Sendable {
    /// A PTBench data root, a split folder, or a `data.json`.
    public let data: URL
    /// The runs, the primary first; empty when only the data is opened.
    public let runs: [RunSpec]
    /// The simulated model opened, when this is the bundled sample.
    public let sampleModel: String?

    /// What was said about the runs while the plan was made: folders of `--runs-dir` without
    /// predictions (skipped), names given twice (a suffix added).
    public private(set) var notes: [String] = []

    /// The most runs the explorer opens at once.
    public static let maximumRuns = 50

    /// The user's files: `predictions` (positional paths, named after their folders), then every
    /// subfolder of `runsDir` holding `<split>/generation.jsonl` files (sorted by name), then every
    /// `NAME=DIR` of `runs` (one naming a folder already opened renames that run). A name given
    /// twice gets a suffix (`-2`, `-3`, …) and a note; more than ``maximumRuns`` runs is an error.
    public init(data: String, predictions: [String], runs: [String], runsDir: String? = nil) throws(RunSpecError) {
        var all = predictions.map(RunSpec.init(path:))
        var notes: [String] = []
        if let runsDir {
            let (found, skipped) = try Self.runs(in: runsDir)
            all += found
            notes += skipped.map { "\(runsDir): \($0) holds no <split>/generation.jsonl; skipped" }
        }
        for r in runs {
            let spec = try RunSpec(parsing: r)
            let path = spec.predictions.standardizedFileURL.path
            if let i = all.firstIndex(where: { $0.predictions.standardizedFileURL.path == path }) {
                all[i].name = spec.name
            } else {
                all.append(spec)
            }
        }
        // A folder of samples (sample-1 … sample-K) opens as one run per sample.
        notes += all.compactMap { SampleFolder.preferredNote(in: $0.predictions) }
        all = all.flatMap(\.expandingSamples)
        guard all.count <= Self.maximumRuns else {
            let description =
                "\(all.count) runs given, more than \(Self.maximumRuns), the most ptscope opens at once "
                + "(split them over several sessions, or give fewer with --run)"
            throw RunSpecError(text: "\(all.count) runs", description: description)
        }
        self.data = URL(fileURLWithPath: data)
        self.runs = Self.uniquelyNamed(all, notes: &notes)
        self.notes = notes
        sampleModel = nil
    }

    /// The subfolders of `folder` that hold `<name>/generation.jsonl` files, as runs named after
    /// them and sorted by name, and the names of those that hold none.
    static func runs(in folder: String) throws(RunSpecError) -> (runs: [RunSpec], skipped: [String]) {
        let url = URL(fileURLWithPath: folder)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else {
            let description = "--runs-dir expects a folder of runs (each with <split>/generation.jsonl), got '\(folder)'"
            throw RunSpecError(text: folder, description: description)
        }
        var found: [RunSpec] = []
        var skipped: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let run = url.appendingPathComponent(name)
            var sub: ObjCBool = false
            guard FileManager.default.fileExists(atPath: run.path, isDirectory: &sub), sub.boolValue else { continue }
            let splits = (try? FileManager.default.contentsOfDirectory(atPath: run.path)) ?? []
            let holds =
                splits.contains { split in
                    FileManager.default.fileExists(
                        atPath: run.appendingPathComponent(split).appendingPathComponent("generation.jsonl").path)
                } || !SampleFolder.all(in: run).isEmpty
            if holds {
                found.append(RunSpec(name: name, predictions: run))
            } else {
                skipped.append(name)
            }
        }
        return (found, skipped)
    }

    /// `name` if it is free, else the first free of `name-2`, `name-3`, … (run names, folders).
    static func firstFree(_ name: String, isTaken: (String) -> Bool) -> String {
        guard isTaken(name) else { return name }
        var k = 2
        while isTaken("\(name)-\(k)") { k += 1 }
        return "\(name)-\(k)"
    }

    /// `runs` with every name unique: a name seen before gets the first free suffix `-2`, `-3`, …,
    /// and a note says so.
    static func uniquelyNamed(_ runs: [RunSpec], notes: inout [String]) -> [RunSpec] {
        var taken = Set(runs.map(\.name))
        var seen = Set<String>()
        var out: [RunSpec] = []
        for var run in runs {
            if seen.contains(run.name) {
                let renamed = firstFree(run.name, isTaken: taken.contains)
                notes.append("two runs are named '\(run.name)': \(run.predictions.path) is shown as '\(renamed)'")
                run.name = renamed
                taken.insert(renamed)
            }
            seen.insert(run.name)
            out.append(run)
        }
        return out
    }

    /// The bundled sample: its data root, the simulated `model`'s predictions, then the other models
    /// to compare with (`compareWith`, in display order), then every `NAME=DIR` of `runs`.
    public init(
        sampleData: URL, model: String, predictions: URL, compareWith others: [(model: String, predictions: URL)] = [],
        runs: [String] = []
    ) throws(RunSpecError) {
        // Every run of the sample is named alike ("sample · MODEL"; --print and Data/README.md say the
        // data is invented).
        var all = [RunSpec(name: "sample · \(model)", predictions: predictions)]
        all += others.map { RunSpec(name: "sample · \($0.model)", predictions: $0.predictions) }
        for r in runs { all.append(try RunSpec(parsing: r)) }
        data = sampleData
        self.runs = all
        sampleModel = model
    }

    /// The primary run's predictions.
    public var predictions: URL? { runs.first?.predictions }

    /// The key of this data and these runs in the saved views (``SessionFile``).
    public var sessionKey: String { SessionFile.key(data: data, runs: runs.map(\.predictions)) }

    /// The primary run's name.
    public var primaryName: String { runs.first?.name ?? "(no predictions)" }

    /// The first path that is missing, a dangling link or a loop (checked before the terminal is
    /// taken, so the problem is a plain message).
    public func pathProblem() -> InputError? {
        for url in [data] + runs.map(\.predictions) {
            if let problem = Benchmark.pathProblem(url) { return problem }
        }
        return nil
    }

    /// Where the journal lives: `explicit` (`--journal`) if given, else by ``JournalLocation``'s rule
    /// (the sample's one journal, or the data root's, whatever runs are opened).
    public func journalLocation(explicit: String?) -> JournalLocation {
        if let explicit { return .explicit(URL(fileURLWithPath: explicit)) }
        if sampleModel != nil { return .sample }
        return .data(data, predictions: runs.map(\.predictions))
    }

    /// What `--print` (or output that is not a terminal) shows above the score table.
    public var printHeader: String? {
        sampleModel.map { "ptscope: the bundled sample (invented data), model \($0)\n" }
    }

    // MARK: Loading

    /// Reads the data once and every run's predictions: the primary run's benchmark, and each
    /// further run's predictions located and read against the same splits (the data is shared, so
    /// memory grows by the predictions only).
    public func load() throws(InputError) -> ExplorerData {
        let bench = try Benchmark.load(data: data, predictions: predictions)
        let others = runs.dropFirst()
        let files = try bench.loadPredictions(of: others.map(\.predictions), data: data)
        let more = zip(others, files).map { RunData(name: $0.name, predictions: $1, sample: $0.sample) }
        return ExplorerData(benchmark: bench, runName: primaryName, otherRuns: more, sample: runs.first?.sample)
    }

    /// The explorer's loader: ``load()`` with `journal`'s entries replayed over the data.
    public func loader(journal: Journal) -> @Sendable () throws -> ExplorerData {
        { [self] in
            var loaded = try load()
            loaded.attach(journal)
            return loaded
        }
    }
}
