import ArgumentParser
import Evaluator
import Foundation
import TUICore

// MARK: - score

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score predictions exactly as PTBench's run.py and write its CSV files.")

    @Argument(help: "A PTBench data root, a split folder, or a data.json.", completion: .file())
    var data: String

    @Argument(
        help:
            "A predictions root (<split>/generation.jsonl), a split folder, or a generation.jsonl; a folder of sample-N folders (ptscope run --samples K) is scored per sample, then pass@k and pass^k.",
        completion: .file())
    var predictions: String

    @Option(
        help:
            "Where to write <split>/acc_results.csv, <split>/error_results.csv and overall/ (default: the predictions root, as PTBench).",
        completion: .directory
    )
    var out: String?

    @Option(
        name: .customLong("per-case"),
        help:
            "Write one JSON line per case to this file: flags, hits, error columns, the query, gold and predicted platform, the raw prediction, status and note (--journal), the diagnosis with its parts; with --lenient, the lenient reading and its verdict.",
        completion: .file())
    var perCase: String?

    @Option(
        help: "An annotations journal whose case statuses and notes --per-case records carry (default: none read).",
        completion: .file(extensions: ["jsonl"]))
    var journal: String?

    @Flag(help: "Print the summary as JSON instead of a table.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "With sample-N folders: what pass@k and pass^k count as a pass (\(Metric.perCase.map(\.rawValue).joined(separator: ", ")); default overall).",
            valueName: "metric"))
    var metric: String?

    @OptionGroup var input: InputOptions

    func validate() throws {
        if let metric, !Metric.perCase.map(\.rawValue).contains(metric) {
            throw ValidationError(
                "--metric “\(TerminalText.clean(metric))”: choose one of \(Metric.perCase.map(\.rawValue).joined(separator: ", "))"
            )
        }
    }

    func run() throws {
        let samples = SampleFolder.all(in: URL(fileURLWithPath: predictions))
        if metric != nil && samples.isEmpty {
            warn("ptscope: --metric applies to a folder of sample-N folders (pass@k); \(predictions) holds none")
            throw ExitCode(2)
        }
        if !samples.isEmpty {
            if let note = SampleFolder.preferredNote(in: URL(fileURLWithPath: predictions)) { warn("warning: \(note)") }
            return try run(samples: samples)
        }
        let bench = try loadBenchmark(URL(fileURLWithPath: data), URL(fileURLWithPath: predictions))
        let report = bench.score(options: Scorer.Options(format: input.format))
        for w in report.warnings { warn("warning: \(w)") }
        guard let outDir = out.map({ URL(fileURLWithPath: $0) }) ?? bench.predictionsRoot else {
            warn("ptscope: no output folder: give --out")
            throw ExitCode(2)
        }
        try exitOnError { () throws(InputError) in try CSVOutput.write(report, to: outDir) }
        for w in report.zeroDenominatorWarnings { warn("warning: \(w)") }
        let summary = ScoreSummary(report, of: bench, format: input.format, lenient: input.lenient)
        if let perCase {
            var annotations: Annotations?
            if let journal {
                let file = try readJournal(URL(fileURLWithPath: journal))
                let replayed = Annotations.replay(file.entries, over: bench)
                for problem in replayed.problems { warn("warning: \(journal): \(problem)") }
                annotations = replayed
            }
            try exitOnError { () throws(InputError) in
                try report.writePerCase(toPath: perCase, of: bench, annotations: annotations, lenient: summary.lenient)
            }
        }
        if json {
            TerminalText.printJSON(summary.json)
        } else {
            TerminalText.print(summary.table, terminator: "")
        }
    }
}

// MARK: - score, several samples

extension Score {
    /// PRED holds `sample-N` folders (`ptscope run --samples K`): each sample is scored and written
    /// as a run of its own (CSV files in its folder, or in `--out`/sample-N), its table printed under
    /// its name, then the pass@k / pass^k table; `--json` prints both as one object and
    /// `--per-case` writes every sample's records, each with its sample and the case's counts.
    func run(samples: [SampleFolder]) throws {
        let benches = try exitOnError { () throws(InputError) in
            try Benchmark.loadSamples(data: URL(fileURLWithPath: data), samples: samples)
        }
        let annotations = try journal.map { journal in
            let file = try readJournal(URL(fileURLWithPath: journal))
            let replayed = Annotations.replay(file.entries, over: benches[0])
            for problem in replayed.problems { warn("warning: \(journal): \(problem)") }
            return replayed
        }
        var scored: [(sample: SampleFolder, bench: Benchmark, summary: ScoreSummary)] = []
        for (sample, bench) in zip(samples, benches) {
            let report = bench.score(options: Scorer.Options(format: input.format))
            for w in report.warnings { warn("warning: \(w)") }
            let outDir = out.map { URL(fileURLWithPath: $0).appendingPathComponent(sample.name) } ?? sample.url
            try exitOnError { () throws(InputError) in try CSVOutput.write(report, to: outDir) }
            for w in report.zeroDenominatorWarnings { warn("warning: \(sample.name): \(w)") }
            scored.append((sample, bench, ScoreSummary(report, of: bench, format: input.format, lenient: input.lenient)))
        }
        let set = SampleSetScore(
            samples: scored.map { ($0.sample.number, $0.summary.reference) },
            metric: metric.flatMap(Metric.init(rawValue:)) ?? .overall)
        for w in set.warnings { warn("warning: \(predictions): \(w)") }
        if let perCase {
            var text = ""
            for (sample, bench, summary) in scored {
                let lines = summary.reference.perCaseJSONLines(of: bench, annotations: annotations, lenient: summary.lenient)
                text += set.perCaseJSONLines(lines, sample: sample.number)
            }
            try exitOnError { () throws(InputError) in try SampleSetScore.writePerCase(text, toPath: perCase) }
        }
        if json {
            let each = scored.map { JSONText.object([("sample", String($0.sample.number)), ("summary", $0.summary.json)]) }
            let object = JSONText.object([("samples", "[" + each.joined(separator: ", ") + "]"), ("pass_at_k", set.json())])
            TerminalText.printJSON(object)
            return
        }
        for (k, run) in scored.enumerated() {
            TerminalText.print("\(k == 0 ? "" : "\n")\(run.sample.name): \(run.sample.url.path)\n")
            TerminalText.print(run.summary.table, terminator: "")
        }
        TerminalText.print("\n" + set.table(), terminator: "")
    }
}

// MARK: - check

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate PTBench data (and predictions) and list every problem with file:line.")

    @Argument(help: "A PTBench data root, a split folder, or a data.json.", completion: .file())
    var data: String

    @Argument(help: "A predictions root, a split folder, or a generation.jsonl.", completion: .file())
    var predictions: String?

    func run() throws {
        if let predictions, case let samples = SampleFolder.all(in: URL(fileURLWithPath: predictions)), !samples.isEmpty {
            if let note = SampleFolder.preferredNote(in: URL(fileURLWithPath: predictions)) { warn("warning: \(note)") }
            return try run(samples: samples)
        }
        let bench = try loadBenchmark(URL(fileURLWithPath: data), predictions.map { URL(fileURLWithPath: $0) })
        let problems = Validation.problems(in: bench)
        for p in problems { TerminalText.print("\(p)") }
        TerminalText.print(Validation.summary(of: bench, problems: problems))
        if !problems.isEmpty { throw ExitCode(1) }
    }
}

extension Check {
    /// PRED holds `sample-N` folders: every sample is checked against the data, its problems
    /// listed and its summary line named after it; exit 1 when any sample has a problem.
    func run(samples: [SampleFolder]) throws {
        let benches = try exitOnError { () throws(InputError) in
            try Benchmark.loadSamples(data: URL(fileURLWithPath: data), samples: samples)
        }
        var failed = false
        for (sample, bench) in zip(samples, benches) {
            let problems = Validation.problems(in: bench)
            for p in problems { TerminalText.print("\(p)") }
            TerminalText.print("\(sample.name): " + Validation.summary(of: bench, problems: problems))
            failed = failed || !problems.isEmpty
        }
        if failed { throw ExitCode(1) }
    }
}
