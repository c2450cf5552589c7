import ArgumentParser
import Dispatch
import Evaluator
import Explorer
import Foundation
import NcursesBackend
import Sample
import TUICore

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - open (default)

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the explorer on DATA with PRED (default: the bundled sample).")

    @Argument(help: "A PTBench data root (with test_untrained_user/ and test_trained_user/), a split folder, or a data.json.")
    var data: String?

    @Argument(
        help:
            "Predictions roots (with <split>/generation.jsonl), split folders, or generation.jsonl files: one per model; several are compared (A, B, ...)."
    )
    var predictions: [String] = []

    @Option(name: .customLong("run"), help: "A named run to compare, NAME=DIR (repeatable; after the positional ones).")
    var runs: [String] = []

    @Option(
        help:
            "The annotations journal (default: annotations.jsonl in the predictions root; for the sample, in ~/.local/share/ptscope)."
    )
    var journal: String?

    @Option(help: "Who makes the edits (default: the login name).")
    var author: String?

    @Flag(help: "With the bundled sample: compare both simulated models (A = strong-sim, B = weak-sim).")
    var compare = false

    @Option(help: "With the bundled sample: which simulated model's predictions (\(Sample.models.joined(separator: ", "))).")
    var model: String = Sample.models[0]

    @Option(help: "Colour theme: a bundled name (\(ThemeLoader.bundledNames.joined(separator: ", "))) or a path to a theme file.")
    var theme: String?

    @Flag(name: .customLong("no-color"), help: "No colour (also when NO_COLOR is set): attributes and glyphs only.")
    var noColor = false

    @Flag(help: "Enable the mouse (click to select, wheel to scroll); it takes over text selection.")
    var mouse = false

    @Flag(name: .customLong("print"), help: "Print the score table instead of opening the explorer.")
    var printTable = false

    @OptionGroup var input: InputOptions

    func validate() throws {
        for r in runs {
            let parts = r.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || parts[1].isEmpty {
                throw ValidationError("--run expects NAME=DIR, got '\(r)'")
            }
        }
        if data == nil && !Sample.models.contains(model) {
            throw ValidationError("unknown sample model '\(model)' (expected one of \(Sample.models.joined(separator: ", ")))")
        }
    }

    func run() throws {
        let start = DispatchTime.now()
        let dataURL: URL
        var named: [(name: String, url: URL)] = []
        if let data {
            dataURL = URL(fileURLWithPath: data)
            named = predictions.map { p in
                let url = URL(fileURLWithPath: p)
                return (url.standardizedFileURL.lastPathComponent, url)
            }
        } else {
            guard let root = Sample.dataRoot, let run = Sample.run(model) else {
                throw ValidationError("the bundled sample is missing from this build (Sources/Sample/Data)")
            }
            dataURL = root
            named = [("bundled sample (invented data) · \(model)", run)]
            if compare {
                for other in Sample.models where other != model {
                    if let url = Sample.run(other) { named.append(("sample · \(other)", url)) }
                }
            }
        }
        for r in runs {
            let parts = r.split(separator: "=", maxSplits: 1).map(String.init)
            named.append((parts[0], URL(fileURLWithPath: parts[1])))
        }
        let predURL = named.first?.url
        let runName = named.first?.name ?? "(no predictions)"
        // Checked before the terminal is taken: a missing path, a dangling link or a loop is a plain message.
        for url in [dataURL] + named.map(\.url) {
            if let problem = Benchmark.pathProblem(url) {
                warn("ptscope: \(problem)")
                throw ExitCode(2)
            }
        }

        if printTable || isatty(STDOUT_FILENO) == 0 || isatty(STDIN_FILENO) == 0 {
            if data == nil { TerminalText.print("ptscope: the bundled sample (invented data), model \(model)\n") }
            let bench = try loadBenchmark(dataURL, predURL)
            let report = bench.score(options: Scorer.Options(format: input.format))
            for w in report.warnings { warn("warning: \(w)") }
            TerminalText.print(report.table(), terminator: "")
            if input.lenient {
                TerminalText.print("")
                TerminalText.print(
                    bench.score(options: Scorer.Options(format: input.format, lenient: true)).table(), terminator: "")
            }
            return
        }

        // The journal: opened (and locked) before the terminal, so a problem is a plain message.
        let journalURL: URL
        if let journal {
            journalURL = URL(fileURLWithPath: journal)
        } else if data == nil {
            let base =
                ProcessInfo.processInfo.environment["XDG_DATA_HOME"].map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
            let dir = base.appendingPathComponent("ptscope")
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            journalURL = dir.appendingPathComponent("sample-\(model)-annotations.jsonl")
        } else {
            // Beside the predictions: the predictions root (a folder given) or the folder above a split.
            var isDir: ObjCBool = false
            let root = predURL.map { url in
                FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
                    ? url : url.deletingLastPathComponent().deletingLastPathComponent()
            }
            journalURL = Journal.defaultURL(predictionsRoot: root, dataRoot: dataURL)
        }
        let openedJournal: Journal
        do {
            openedJournal = try Journal.open(journalURL)
        } catch {
            warn("ptscope: \(error)")
            throw ExitCode(2)
        }
        let (theme, themeWarnings) = ThemeLoader.load(theme)
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal(mouse: mouse)
        } catch {
            warn("ptscope: cannot start the terminal UI: \(error) (ptscope --print prints the score table)")
            throw ExitCode(2)
        }
        let env = ProcessInfo.processInfo.environment
        let mono = noColor || !(env["NO_COLOR"] ?? "").isEmpty
        var state = AppState(width: terminal.width, height: terminal.height, glyphs: terminal.isUTF8 ? .unicode : .ascii)
        state.status.mouse = mouse
        state.startOptions.scorer = Scorer.Options(format: input.format, lenient: input.lenient)
        state.status.loading = "loading \(dataURL.path)…"
        if let w = themeWarnings.first { state.status.message = w }
        if !terminal.isUTF8 { state.status.message = "the locale is not UTF-8: ASCII glyphs (set LANG=C.UTF-8 for the real ones)" }
        let timings = env["PTSCOPE_TIMINGS"].flatMap { FrameTimings(path: $0, processStart: start) }
        let others = Array(named.dropFirst())
        let runtime = ExplorerRuntime(
            state: state, theme: theme.resolve(depth: mono ? .mono : terminal.colorDepth), timings: timings,
            journal: openedJournal, author: author ?? Journal.defaultAuthor
        ) {
            let bench = try Benchmark.load(data: dataURL, predictions: predURL)
            // Further runs: the same data with another model's predictions (the data is read again).
            let more = try others.map { run in
                RunData(name: run.name, predictions: try Benchmark.load(data: dataURL, predictions: run.url).predictions)
            }
            var loaded = ExplorerData(benchmark: bench, runName: runName, otherRuns: more)
            loaded.journalEntries = openedJournal.entries
            loaded.initialAnnotations = Annotations.replay(openedJournal.entries, over: bench)
            loaded.journalPath = openedJournal.url.path
            loaded.journalReadOnly = openedJournal.readOnly
            loaded.journalWarnings = openedJournal.warnings
            return loaded
        }
        let signal = runtime.run(on: terminal)
        terminal.restore()
        for w in themeWarnings { warn("warning: \(w)") }
        for w in openedJournal.warnings { warn("warning: \(w)") }
        openedJournal.close()
        if let error = runtime.state.status.loadError {
            warn("ptscope: \(error)")
            throw ExitCode(2)
        }
        // Killed by the signal (default action) after the clean-up: the shell reports 128 + n.
        if signal != nil { NcursesTerminal.exit(bySignal: terminal.interruptSignal) }
    }
}

extension NcursesTerminal: TerminalDevice {}
