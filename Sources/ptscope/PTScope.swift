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
    /// ptscope's version, as `--version` prints it.
    static let version = "0.11.0"

    static let configuration = CommandConfiguration(
        commandName: "ptscope",
        abstract: "Explore and score PTBench (personalized tool invocation) results.",
        discussion: "With no arguments, ptscope opens the explorer on the bundled sample. `ptscope DATA PRED` opens it "
            + "on a PTBench data root and a predictions root. When standard output is not a terminal (or with --print), "
            + "it prints the score table instead.\n\n" + Open.optionsHelp,
        version: version,
        subcommands: [
            Open.self, Score.self, Check.self, Keys.self, ConfigCommand.self, BenchCommand.self, ExportCommand.self,
            AnnotationsCommand.self,
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
        help:
            "Prediction text format: reference (Platform:[f(a=1)]) or json ({'platform':..., 'functions':[...]}) (default: reference; the explorer: the config file's json option)."
    )
    var formatOption: PredictionParser.Format?

    /// The format given, else reference.
    var format: PredictionParser.Format { formatOption ?? .reference }

    @Flag(
        help: "Also report a LENIENT reading (think blocks, Markdown fences and prose stripped). Never changes PTBench's numbers."
    )
    var lenient = false
}

extension PredictionParser.Format: ExpressibleByArgument {}

/// Resolves the bundled sample's data root and a simulated model's predictions (default: the first).
func sampleInputs(model: String = Sample.models[0]) throws -> (URL, URL) {
    do {
        let root = try Sample.location()
        return (root.appendingPathComponent("data"), root.appendingPathComponent("runs").appendingPathComponent(model))
    } catch {
        warn("ptscope: \(error)")
        throw ExitCode(2)
    }
}

/// Reads DATA and PRED; exit 2 with the reason when they cannot be read.
func loadBenchmark(_ data: URL, _ pred: URL?) throws -> Benchmark {
    try exitOnError { () throws(InputError) in try Benchmark.load(data: data, predictions: pred) }
}

/// Runs `body`; an input error is written as `ptscope: <error>` and ends the command with exit 2.
func exitOnError<T>(_ body: () throws(InputError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        warn("ptscope: \(error)")
        throw ExitCode(2)
    }
}
