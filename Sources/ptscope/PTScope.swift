import ArgumentParser
import Evaluator
import Foundation
import Sample

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@main
struct PTScope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ptscope",
        abstract: "Explore and score PTBench (personalized tool invocation) results.",
        discussion: """
            With no arguments, ptscope opens the explorer on the bundled sample. `ptscope DATA PRED`
            opens it on a PTBench data root and a predictions root. When standard output is not a
            terminal (or with --print), it prints the score table instead.
            """,
        subcommands: [
            Open.self, Score.self, Check.self, Keys.self, BenchCommand.self, ExportCommand.self, AnnotationsCommand.self,
        ],
        defaultSubcommand: Open.self
    )

    static func main() {
        // Past the file size limit (ulimit -f) write() fails with EFBIG, reported as "not saved",
        // instead of SIGXFSZ killing the process mid-append.
        signal(SIGXFSZ, SIG_IGN)
        main(nil)
    }
}

// MARK: - Shared options

struct InputOptions: ParsableArguments {
    @Option(
        name: .customLong("format"),
        help: "Prediction text format: reference (Platform:[f(a=1)]) or json ({'platform':..., 'functions':[...]}).")
    var format: PredictionParser.Format = .reference

    @Flag(
        help: "Also report a LENIENT reading (think blocks, Markdown fences and prose stripped). Never changes PTBench's numbers."
    )
    var lenient = false
}

extension PredictionParser.Format: ExpressibleByArgument {}

/// Resolves the bundled sample's data root and the first simulated model's predictions.
func sampleInputs() throws -> (URL, URL) {
    guard let data = Sample.dataRoot, let pred = Sample.run(Sample.models[0]) else {
        throw ValidationError("the bundled sample is missing from this build (Sources/Sample/Data)")
    }
    return (data, pred)
}

func loadBenchmark(_ data: URL, _ pred: URL?) throws -> Benchmark {
    do {
        return try Benchmark.load(data: data, predictions: pred)
    } catch {
        warn("ptscope: \(error)")
        throw ExitCode(2)
    }
}

// MARK: - score

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score predictions exactly as PTBench's run.py and write its CSV files.")

    @Argument(help: "A PTBench data root, a split folder, or a data.json.")
    var data: String

    @Argument(help: "A predictions root (<split>/generation.jsonl), a split folder, or a generation.jsonl.")
    var predictions: String

    @Option(
        help:
            "Where to write <split>/acc_results.csv, <split>/error_results.csv and overall/ (default: the predictions root, as PTBench)."
    )
    var out: String?

    @Option(
        name: .customLong("per-case"), help: "Write one JSON line per case (flags, hits, error column, diagnosis) to this file.")
    var perCase: String?

    @Flag(help: "Print the summary as JSON instead of a table.")
    var json = false

    @OptionGroup var input: InputOptions

    func run() throws {
        let bench = try loadBenchmark(URL(fileURLWithPath: data), URL(fileURLWithPath: predictions))
        let report = bench.score(options: Scorer.Options(format: input.format))
        for w in report.warnings { warn("warning: \(w)") }
        guard let outDir = out.map({ URL(fileURLWithPath: $0) }) ?? bench.predictionsRoot else {
            warn("ptscope: no output folder: give --out")
            throw ExitCode(2)
        }
        do {
            try CSVOutput.write(report, to: outDir)
        } catch {
            warn("ptscope: \(error)")
            throw ExitCode(2)
        }
        for split in report.splits {
            for m in Metric.allCases where (split.accuracy[m] ?? nil) == nil {
                warn(
                    "warning: \(split.name): \(m.rawValue) has a zero denominator; written as n/a (PTBench's scorer would crash here)"
                )
            }
        }
        if let perCase {
            var text = ""
            for split in report.splits {
                for (k, v) in split.verdicts.enumerated() { text += v.jsonLine(split: split.name, index: k) + "\n" }
            }
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: perCase), options: .atomic) } catch {
                warn("ptscope: \(perCase): cannot write: \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        let lenientReport = input.lenient ? bench.score(options: Scorer.Options(format: input.format, lenient: true)) : nil
        if json {
            TerminalText.printJSON(
                lenientReport.map { "{\"reference\": \(report.json()), \"lenient\": \($0.json())}" } ?? report.json())
        } else {
            TerminalText.print(report.table(), terminator: "")
            if let lenientReport {
                TerminalText.print("")
                TerminalText.print(lenientReport.table(), terminator: "")
            }
        }
    }
}

// MARK: - check

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate PTBench data (and predictions) and list every problem with file:line.")

    @Argument(help: "A PTBench data root, a split folder, or a data.json.")
    var data: String

    @Argument(help: "A predictions root, a split folder, or a generation.jsonl.")
    var predictions: String?

    func run() throws {
        let bench = try loadBenchmark(URL(fileURLWithPath: data), predictions.map { URL(fileURLWithPath: $0) })
        let problems = Validation.problems(in: bench)
        for p in problems { TerminalText.print("\(p)") }
        let cases = bench.splits.reduce(0) { $0 + $1.cases.count }
        TerminalText.print("\(bench.splits.count) split(s), \(cases) cases, \(problems.count) problem(s)")
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
