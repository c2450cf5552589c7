import ArgumentParser
import Evaluator
import Foundation
import TUICore

// MARK: - bench

/// Times the scorer's phases in this process, on real files, with the same code `score` runs.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time loading, scoring and CSV writing in-process (default: the bundled sample).",
        discussion: """
            Each run loads and indexes DATA and PRED (Benchmark.load), parses and scores every case
            (Benchmark.score), and writes the CSV files to a temporary folder (CSVOutput.write), timing
            each phase. Prints the minimum, median and maximum of every phase over the runs, and cases
            per second. Process start-up is not included: time `ptscope score` as a whole for that.

            With --memory, every run also prints the resident memory (VmRSS) once the run's benchmark
            and report are freed, and the peak so far (VmHWM), from /proc/self/status: memory that
            grows from run to run is a leak (each run loads and scores afresh, as a reload does).
            """
    )

    @Argument(help: "A PTBench data root, a split folder, or a data.json (default: the bundled sample).", completion: .file())
    var data: String?

    @Argument(
        help: "A predictions root, a split folder, or a generation.jsonl (default: the bundled sample's first model).",
        completion: .file())
    var predictions: String?

    @Option(help: "How many times to run every phase.")
    var runs = 5

    @Flag(help: "Print resident memory (current and peak) after every run, with the run's data freed.")
    var memory = false

    @OptionGroup var input: InputOptions

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        if data != nil && predictions == nil { throw ValidationError("give PRED with DATA (or neither, for the bundled sample)") }
    }

    func run() throws {
        let (dataURL, predURL) =
            if let data, let predictions { (URL(fileURLWithPath: data), URL(fileURLWithPath: predictions)) } else {
                try sampleInputs()
            }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ptscope-bench-\(ProcessInfo.processInfo.processIdentifier)")
        if memory { print("before run 1: \(ResidentMemory.measure())") }
        let bench = try exitOnError { () throws(InputError) in
            try ScoreBench.run(
                data: dataURL, predictions: predURL, options: Scorer.Options(format: input.format, lenient: input.lenient),
                runs: runs, scratch: scratch
            ) { run in if memory { print("after run \(run): \(ResidentMemory.measure())") } }
        }
        if memory { print("") }
        TerminalText.print(bench.text(cores: ProcessInfo.processInfo.activeProcessorCount), terminator: "")
    }
}
