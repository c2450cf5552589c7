import ArgumentParser
import Evaluator
import Foundation
import TUICore

// MARK: - table

struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Print the table a paper prints: one row per run, PTBench's metrics per split and overall.",
        discussion:
            "Values are the acc_results.csv values as percentages, rounded to --digits; the best value of each "
            + "column is bold (markdown, latex). --ci adds Wilson 95 % intervals (overall: at the pooled number of trials)."
    )

    @Argument(help: "A PTBench data root, a split folder, or a data.json.", completion: .file())
    var data: String

    @Argument(help: "Predictions roots, one per run (named after the folder; NAME=DIR to rename).", completion: .file())
    var runs: [String] = []

    @Option(help: "markdown, latex, csv or json.")
    var format: RunTable.Format = .markdown

    @Flag(help: "Add each value's Wilson 95 % interval.")
    var ci = false

    @Option(help: "Digits after the point, of percentages (0 to 6).")
    var digits = 1

    @Option(name: .customLong("prediction-format"), help: "Prediction text format: reference or json (default: reference).")
    var predictionFormat: PredictionParser.Format = .reference

    func validate() throws {
        guard !runs.isEmpty else { throw ValidationError("give at least one run (a predictions root)") }
        guard (0...6).contains(digits) else { throw ValidationError("--digits must be between 0 and 6, got \(digits)") }
    }

    func run() throws {
        let dataURL = URL(fileURLWithPath: data)
        var scored: [(name: String, report: ScoreReport)] = []
        var denominators: [String: [Metric: Int]] = [:]
        for run in distinctNames(runs.map(namedRun)) {
            let bench = try loadBenchmark(dataURL, run.predictions)
            let report = bench.score(options: Scorer.Options(format: predictionFormat))
            for w in report.warnings { warn("warning: \(run.name): \(w)") }
            if denominators.isEmpty { denominators = RunTable.denominators(of: bench) }
            scored.append((run.name, report))
        }
        let table = RunTable(runs: scored, denominators: denominators, digits: digits, intervals: ci)
        if format == .json {
            TerminalText.printJSON(table.render(.json).trimmingCharacters(in: .newlines))
        } else {
            TerminalText.print(table.render(format), terminator: "")
        }
    }
}

extension RunTable.Format: ExpressibleByArgument {}
