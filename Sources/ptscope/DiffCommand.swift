import ArgumentParser
import Evaluator
import Foundation
import TUICore

// MARK: - diff

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two runs case by case: regressions, improvements and the paired statistics.",
        discussion:
            "A case passes when PTBench's overall metric holds (right platform, every value accepted). "
            + "delta_overall is B − A, weighted like PTBench's overall (609/474). McNemar's exact test uses the "
            + "discordant cases; the 95 % interval of the difference is a paired bootstrap (cases resampled "
            + "within each split, SplitMix64 seeded with --seed). Fewer than 25 discordant cases make the test weak."
    )

    @Argument(help: "A PTBench data root, a split folder, or a data.json.", completion: .file())
    var data: String

    @Argument(help: "Run A: a predictions root (or NAME=DIR to name it).", completion: .file())
    var predictionsA: String

    @Argument(help: "Run B: a predictions root (or NAME=DIR to name it).", completion: .file())
    var predictionsB: String

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Option(
        name: .customLong("format"),
        help: "Prediction text format: reference (Platform:[f(a=1)]) or json (default: reference).")
    var format: PredictionParser.Format = .reference

    @Option(help: "Bootstrap resamples (1 to 1,000,000).")
    var resamples = PairedBootstrap.defaultResamples

    @Option(help: "The bootstrap's seed (SplitMix64).")
    var seed = PairedBootstrap.defaultSeed

    func validate() throws {
        guard (1...1_000_000).contains(resamples) else {
            throw ValidationError("--resamples must be between 1 and 1000000, got \(resamples)")
        }
    }

    func run() throws {
        let named = distinctNames([namedRun(predictionsA), namedRun(predictionsB)])
        let (a, b) = (named[0], named[1])
        let comparison = try compare(a, b)
        if json {
            TerminalText.printJSON(comparison.json)
        } else {
            TerminalText.print(comparison.text(cell: TerminalText.cell, width: TextWidth.of), terminator: "")
        }
    }

    /// Scores both runs on DATA and compares them.
    func compare(_ a: RunSpecArgument, _ b: RunSpecArgument) throws -> PairedComparison {
        let dataURL = URL(fileURLWithPath: data)
        let options = Scorer.Options(format: format)
        let benchA = try loadBenchmark(dataURL, a.predictions)
        let benchB = try loadBenchmark(dataURL, b.predictions)
        let reportA = benchA.score(options: options)
        let reportB = benchB.score(options: options)
        for w in reportA.warnings { warn("warning: \(a.name): \(w)") }
        for w in reportB.warnings { warn("warning: \(b.name): \(w)") }
        return PairedComparison(reportA, reportB, names: (a.name, b.name), resamples: resamples, seed: seed)
    }
}

// MARK: - Runs on the command line

/// A run given as a positional argument: a path (named after its folder), or `NAME=DIR` when the
/// argument is not itself an existing path.
struct RunSpecArgument {
    var name: String
    var predictions: URL
}

/// Reads a positional run argument (see ``RunSpecArgument``).
func namedRun(_ argument: String) -> RunSpecArgument {
    if !FileManager.default.fileExists(atPath: argument), let eq = argument.firstIndex(of: "="),
        eq != argument.startIndex, argument.index(after: eq) != argument.endIndex
    {
        return RunSpecArgument(
            name: String(argument[..<eq]), predictions: URL(fileURLWithPath: String(argument[argument.index(after: eq)...])))
    }
    let url = URL(fileURLWithPath: argument)
    return RunSpecArgument(name: url.standardizedFileURL.lastPathComponent, predictions: url)
}

/// `runs` with every name given twice or more replaced by the path's last two components
/// (`m1/pred`, `m2/pred`), so two folders of the same name are told apart.
func distinctNames(_ runs: [RunSpecArgument]) -> [RunSpecArgument] {
    var counts: [String: Int] = [:]
    for r in runs { counts[r.name, default: 0] += 1 }
    return runs.map { r in
        guard counts[r.name, default: 0] > 1 else { return r }
        let url = r.predictions.standardizedFileURL
        let parent = url.deletingLastPathComponent().lastPathComponent
        return RunSpecArgument(name: parent.isEmpty ? r.name : parent + "/" + url.lastPathComponent, predictions: r.predictions)
    }
}
