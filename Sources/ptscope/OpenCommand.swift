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

/// The explorer's options (everything of `open` but the paths): `open` has them, and so does the
/// twin of the root command the completion scripts are generated from (``CompletionRoot``), so
/// `ptscope --model <Tab>` completes although `open` is only the default subcommand.
struct ExplorerOptions: ParsableArguments {
    @Option(name: .customLong("run"), help: "A named run to compare, NAME=DIR (repeatable; after the positional ones).")
    var runs: [String] = []

    @Option(
        name: .customLong("runs-dir"),
        help:
            "A folder of runs: every subfolder holding <split>/generation.jsonl is a run named after it, one holding sample-N folders a run per sample (sorted by name; at most 50 runs in all).",
        completion: .directory)
    var runsDir: String?

    @Option(
        help:
            "The annotations journal (default: annotations.jsonl in the data root, shared by every run; for the sample, in ~/.local/share/ptscope).",
        completion: .file(extensions: ["jsonl"])
    )
    var journal: String?

    @Option(help: "Who makes the edits (default: the config file's author, else the login name).")
    var author: String?

    @Flag(help: "With the bundled sample: compare both simulated models (A = strong-sim, B = weak-sim).")
    var compare = false

    @Option(
        help:
            "With --base-url: the model A asks. Else, with the bundled sample: which simulated model's predictions (\(Sample.models.joined(separator: ", "))).",
        completion: .list(Sample.models))
    var model: String?

    @Option(
        help:
            "Colour theme: a bundled name (\(ThemeLoader.bundledNames.joined(separator: ", "))) or a path to a theme file (default: the config file's theme).",
        completion: .list(ThemeLoader.bundledNames))
    var theme: String?

    @Flag(name: .customLong("no-color"), help: "No colour (also when NO_COLOR is set): attributes and glyphs only.")
    var noColor = false

    @Flag(help: "Enable the mouse (click to select, wheel to scroll); it takes over text selection.")
    var mouse = false

    @Flag(name: .customLong("print"), help: "Print the score table instead of opening the explorer.")
    var printTable = false

    @Flag(
        help:
            "Start on the first case with no filter or sort, instead of where this data was left (the view is still saved on exit)."
    )
    var fresh = false

    @OptionGroup var input: InputOptions

    @OptionGroup(title: "Asking again (A)") var reask: ReaskOptions
}

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the explorer on DATA with PRED (default: the bundled sample).")

    @Argument(
        help: "A PTBench data root (with test_untrained_user/ and test_trained_user/), a split folder, or a data.json.",
        completion: .file())
    var data: String?

    @Argument(
        help:
            "Predictions roots (with <split>/generation.jsonl), split folders, or generation.jsonl files: one per model; several are compared (A, B, ...). A folder of sample-N folders (ptscope run --samples K) opens one run per sample, NAME·sN, with pass@k and :filter flaky.",
        completion: .file()
    )
    var predictions: [String] = []

    @OptionGroup var options: ExplorerOptions

    var runs: [String] { options.runs }
    var runsDir: String? { options.runsDir }
    var journal: String? { options.journal }
    var author: String? { options.author }
    var compare: Bool { options.compare }
    /// The bundled sample's simulated model (`--model` names the endpoint's model with `--base-url`).
    var model: String { options.reask.baseURL == nil ? options.model ?? Sample.models[0] : Sample.models[0] }
    var theme: String? { options.theme }
    var noColor: Bool { options.noColor }
    var mouse: Bool { options.mouse }
    var printTable: Bool { options.printTable }
    var fresh: Bool { options.fresh }
    var input: InputOptions { options.input }

    /// The explorer's arguments and options as `open --help` lists them (at the width the help is
    /// printed at), for `ptscope --help`: the explorer is what runs with no subcommand.
    static var optionsHelp: String {
        let help = helpMessage()
        guard let start = help.range(of: "ARGUMENTS:") ?? help.range(of: "OPTIONS:") else { return "" }
        let lines = help[start.lowerBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("-h, --help") && !$0.contains("--version") }
            .map { line in
                line.hasSuffix(":") && !line.hasPrefix(" ") ? "EXPLORER " + line.dropLast() + " (ptscope [open]):" : String(line)
            }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func validate() throws {
        for r in runs {
            do { _ = try RunSpec(parsing: r) } catch { throw ValidationError(error.description) }
        }
        try options.reask.check(model: options.model)
        if data == nil && !Sample.models.contains(model) {
            throw ValidationError("unknown sample model '\(model)' (expected one of \(Sample.models.joined(separator: ", ")))")
        }
    }

    /// The data and runs to open, from the paths given or the bundled sample.
    func plan() throws -> LaunchPlan {
        if let data {
            do {
                return try LaunchPlan(data: data, predictions: predictions, runs: runs, runsDir: runsDir)
            } catch {
                warn("ptscope: \(error)")
                throw ExitCode(2)
            }
        }
        let (root, run) = try sampleInputs(model: model)
        let others = compare ? Sample.models.filter { $0 != model }.compactMap { m in Sample.run(m).map { (m, $0) } } : []
        return try LaunchPlan(sampleData: root, model: model, predictions: run, compareWith: others, runs: runs)
    }

    /// The options the explorer starts with: the config file's, then the command line's.
    func sessionOptions(_ config: ExplorerConfig) -> SessionOptions {
        config.startOptions(format: input.formatOption, lenient: input.lenient)
    }

    func run() throws {
        let start = DispatchTime.now()
        let plan = try plan()
        // Said before the terminal is taken, and again after it is given back.
        for note in plan.notes { warn("ptscope: \(note)") }
        // The config file: its problems are in the message log and printed after exit.
        let config = ExplorerConfig.atLaunch()
        // Checked before the terminal is taken: a missing path, a dangling link or a loop is a plain message.
        if let problem = plan.pathProblem() {
            warn("ptscope: \(problem)")
            throw ExitCode(2)
        }
        if printTable || isatty(STDOUT_FILENO) == 0 || isatty(STDIN_FILENO) == 0 {
            config.printProblems()
            return try printScores(plan, sessionOptions(config.config).scorer)
        }
        // The journal: opened (and locked, when it exists) before the terminal, so a problem is a plain
        // message; a missing one is created by the first edit.
        let location = plan.journalLocation(explicit: journal)
        let journalURL = location.resolve()
        let openedJournal = try exitOnError { () throws(InputError) in
            try Journal.open(journalURL, old: location.oldJournals(), hint: location.migrateCommand)
        }
        let appearance = LaunchAppearance(themeSpec: theme ?? config.config.theme, noColor: noColor)
        let history = HistoryFile.atLaunch()
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal(mouse: mouse)
        } catch NcursesError.cannotAddressCursor(let term) {
            // TERM=dumb and the like: nothing could be drawn, so print what --print prints.
            openedJournal.close()
            warn("ptscope: \(NcursesError.cannotAddressCursor(term: term)); printing the score table instead (as --print does)")
            return try printScores(plan, sessionOptions(config.config).scorer)
        } catch {
            warn("ptscope: cannot start the terminal UI: \(error) (ptscope --print prints the score table)")
            throw ExitCode(2)
        }
        var state = appearance.initialState(
            width: terminal.width, height: terminal.height, utf8: terminal.isUTF8, mouse: mouse,
            options: sessionOptions(config.config), loading: plan)
        history.attach(to: &state)
        config.attach(to: &state)
        // `A`: the command line's endpoint, else each run's run.json.
        let asker = EndpointAsker.make(
            options: options.reask, model: options.model, runs: plan.runs,
            environment: ProcessInfo.processInfo.environment)
        state.asker = asker
        // The runs skipped or renamed: in the message log, the first on the status line.
        if let first = plan.notes.first {
            state.status.log += plan.notes
            state.status.message = plan.notes.count == 1 ? first : "\(first) (\(plan.notes.count - 1) more: :messages)"
        }
        let sessions = SessionFile.location()
        let sessionKey = plan.sessionKey
        var sessionWarnings: [String] = []
        if !fresh {
            let saved = SessionFile.load(sessions, key: sessionKey)
            state.restore = saved.view
            sessionWarnings += saved.warning.map { [$0] } ?? []
        }
        let timings = ProcessInfo.processInfo.environment["PTSCOPE_TIMINGS"].flatMap {
            FrameTimings(path: $0, processStart: start)
        }
        let runtime = ExplorerRuntime(
            state: state, theme: appearance.resolvedTheme(terminalDepth: terminal.colorDepth), timings: timings,
            journal: openedJournal, author: author ?? config.config.author ?? Journal.defaultAuthor,
            loader: plan.loader(journal: openedJournal))
        let signal = runtime.run(on: terminal)
        terminal.restore()
        asker?.shutdown()
        if let view = SavedView(runtime.state) {
            do { try SessionFile.save(view, key: sessionKey, to: sessions) } catch {
                sessionWarnings.append("\(error); this view is not saved")
            }
        }
        for w in plan.notes + appearance.warnings + openedJournal.warnings + history.warnings + sessionWarnings {
            warn("warning: \(w)")
        }
        config.printProblems()
        openedJournal.close()
        if let error = runtime.state.status.loadError {
            warn("ptscope: \(error)")
            throw ExitCode(2)
        }
        // Killed by the signal (default action) after the clean-up: the shell reports 128 + n.
        if signal != nil { NcursesTerminal.exit(bySignal: terminal.interruptSignal) }
    }

    /// The score table of every run of `plan` on standard output (`--print`), named as the explorer
    /// names them; each run after the first with its metric deltas against the first (A) and the
    /// paired statistics of the overall metric.
    func printScores(_ plan: LaunchPlan, _ options: Scorer.Options) throws {
        if let header = plan.printHeader { TerminalText.print(header) }
        let scorer = Scorer.Options(format: options.format)
        let runs: [RunSpec?] = plan.runs.isEmpty ? [nil] : plan.runs
        var first: (name: String, report: ScoreReport)?
        var samples: [(sample: RunSample, report: ScoreReport)] = []
        for (k, run) in runs.enumerated() {
            let bench = try loadBenchmark(plan.data, run?.predictions)
            let report = bench.score(options: scorer)
            if let sample = run?.sample { samples.append((sample, report)) }
            for w in report.warnings { warn("warning: \(w)") }
            let summary = ScoreSummary(report, of: bench, format: options.format, lenient: options.lenient)
            let letter = Self.runLetter(k)
            if runs.count > 1, let run { TerminalText.print("\(k == 0 ? "" : "\n")run \(letter): \(run.name)\n") }
            TerminalText.print(summary.table, terminator: "")
            guard let run, runs.count > 1 else { continue }
            if let (baseName, base) = first {
                let title = "\nrun \(letter) − run A (\(run.name) − \(baseName)), percentage points"
                TerminalText.print(report.deltaTable(against: base, title: title), terminator: "")
                let paired = PairedComparison(base, report, names: (baseName, run.name))
                TerminalText.print("\noverall metric, run \(letter) against run A:\n" + paired.summary, terminator: "")
            } else {
                first = (run.name, report)
            }
        }
        printSampleSets(samples)
    }

    /// The pass@k / pass^k table of each sample set among the runs printed, after their tables.
    func printSampleSets(_ samples: [(sample: RunSample, report: ScoreReport)]) {
        var order: [String] = []
        for s in samples where !order.contains(s.sample.set) { order.append(s.sample.set) }
        for name in order {
            let set = SampleSetScore(samples: samples.filter { $0.sample.set == name }.map { ($0.sample.number, $0.report) })
            for w in set.warnings { warn("warning: \(name): \(w)") }
            TerminalText.print("\nsample set \(name)\n" + set.table(), terminator: "")
        }
    }

    /// The explorer's letters for the run at `index` (A, B, …, Z, AA, AB, …).
    static func runLetter(_ index: Int) -> String { Session.runLetter(index) }
}

extension NcursesTerminal: TerminalDevice {}
