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

    /// The user's files: `predictions` (positional paths, named after their folders), then every
    /// `NAME=DIR` of `runs`.
    public init(data: String, predictions: [String], runs: [String]) throws(RunSpecError) {
        var all = predictions.map(RunSpec.init(path:))
        for r in runs { all.append(try RunSpec(parsing: r)) }
        self.data = URL(fileURLWithPath: data)
        self.runs = all
        sampleModel = nil
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

    /// Reads the data and every run: the primary run's benchmark, and each further run's predictions
    /// read against the same data (the data is read again for each).
    public func load() throws(InputError) -> ExplorerData {
        let bench = try Benchmark.load(data: data, predictions: predictions)
        var more: [RunData] = []
        for run in runs.dropFirst() {
            let other = try Benchmark.load(data: data, predictions: run.predictions)
            more.append(RunData(name: run.name, predictions: other.predictions))
        }
        return ExplorerData(benchmark: bench, runName: primaryName, otherRuns: more)
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
