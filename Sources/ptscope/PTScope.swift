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
            AnnotationsCommand.self, DiffCommand.self, TableCommand.self, RunCommand.self,
        ],
        defaultSubcommand: Open.self
    )

    static func main() {
        // Past the file size limit (ulimit -f) write() fails with EFBIG, reported as "not saved",
        // instead of SIGXFSZ killing the process mid-append.
        signal(SIGXFSZ, SIG_IGN)
        // The completion scripts come from a twin of this command with the explorer's options at the
        // top level too (the generated scripts do not follow a default subcommand).
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let k = arguments.firstIndex(where: { $0.hasPrefix("--generate-completion-script") }) {
            let name = arguments[k].contains("=") ? String(arguments[k].split(separator: "=")[1]) : arguments[safe: k + 1]
            if let shell = name.flatMap(CompletionShell.init(rawValue:)) {
                print(CompletionRoot.script(for: shell), terminator: "")
                Foundation.exit(0)
            }
            CompletionRoot.main(nil)
        }
        main(nil)
    }
}

/// ``PTScope`` as the completion scripts see it: the same subcommands, and the explorer's options
/// at the top level, so `ptscope --model <Tab>` completes as `ptscope open --model <Tab>` does.
/// Only `--generate-completion-script` runs it.
struct CompletionRoot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ptscope", abstract: PTScope.configuration.abstract, version: PTScope.version,
        subcommands: PTScope.configuration.subcommands)

    @OptionGroup var explorer: ExplorerOptions

    /// The script for `shell`, where the first word may also be a path (the explorer's DATA).
    static func script(for shell: CompletionShell) -> String {
        let script = completionScript(for: shell)
        let (anchor, addition): (String, String)
        switch shell {
        case .bash:
            // After the line offering the subcommands' names.
            guard let comment = script.range(of: "# Offer subcommand completions\n"),
                let end = script[comment.upperBound...].firstIndex(of: "\n")
            else { return script }
            return String(script[...end]) + "        __ptscope_add_completions -f\n" + script[script.index(after: end)...]
        case .zsh:
            anchor = "_describe -V subcommand subcommands && ret=0\n"
            addition = "        _files && ret=0\n"
        case .fish:
            let condition = "__ptscope_should_offer_completions_for_positional \"ptscope\" -ge 0"
            return script + "\ncomplete -c 'ptscope' -n '\(condition)' -F\n"
        default:
            return script
        }
        guard let r = script.range(of: anchor) else { return script }
        return script.replacingCharacters(in: r, with: anchor + addition)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
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
