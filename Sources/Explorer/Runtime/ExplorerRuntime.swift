import Dispatch
import Evaluator
import Foundation
import TUICore

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - ExplorerRuntime

/// Runs the explorer: reads keys, reduces, renders, flushes, and performs effects off the input
/// loop (loading, scoring, searching), feeding their results back as actions.
public final class ExplorerRuntime: @unchecked Sendable {
    public private(set) var state: AppState
    let theme: ResolvedTheme
    let loader: @Sendable () throws -> ExplorerData
    let inbox = Inbox()
    let timings: FrameTimings?
    let journal: Journal?
    let author: String

    /// `loader` runs on a background thread; until it returns, the first frame says what loads.
    public init(
        state: AppState, theme: ResolvedTheme, timings: FrameTimings? = nil, journal: Journal? = nil,
        author: String = Journal.defaultAuthor, loader: @escaping @Sendable () throws -> ExplorerData
    ) {
        self.journal = journal
        self.author = author
        self.state = state
        self.theme = theme
        self.loader = loader
        self.timings = timings
    }

    /// Runs until quit or an interrupting signal. Returns the signal number if one ended it.
    @discardableResult
    public func run(on device: TerminalDevice) -> Int32? {
        state.width = device.width
        state.height = device.height
        let loader = self.loader
        let inbox = self.inbox
        DispatchQueue.global(qos: .userInitiated).async {
            do {
                let data = try loader()
                inbox.post(.loaded(data))
            } catch {
                inbox.post(.loadFailed("\(error)"))
            }
        }
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        var renderedAt = DispatchTime.now()
        func frame() {
            buffer = ScreenBuffer(width: state.width, height: state.height)
            RootView.render(state, into: &buffer)
            renderedAt = DispatchTime.now()
            device.draw(buffer, theme: theme)
        }
        frame()
        timings?.firstFrame()
        while !state.quit {
            if device.interrupted { return 2 }
            let pending = inbox.drain()
            var dirty = false
            for action in pending {
                perform(Reducer.reduce(&state, action))
                timings?.event(action)
                dirty = true
            }
            if dirty { frame() }
            if state.quit { break }
            guard let key = device.readKey(timeoutMilliseconds: 50) else { continue }
            let start = DispatchTime.now()
            if key == .resize {
                perform(Reducer.reduce(&state, .resize(width: device.width, height: device.height)))
            } else {
                perform(Reducer.reduce(&state, .key(key)))
            }
            if state.quit { break }
            let reduced = DispatchTime.now()
            frame()
            timings?.key(key, since: start, reduced: reduced, rendered: renderedAt)
        }
        return nil
    }

    /// Starts the work an effect names; results come back through the inbox.
    func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .quit:
                state.quit = true
            case .journal(let step):
                perform(Reducer.reduce(&state, Runner.append(step, to: journal, author: author)))
            case .triage:
                guard let data = state.data, let result = state.scoreResult else { continue }
                let inbox = self.inbox
                DispatchQueue.global(qos: .utility).async { inbox.post(.triaged(TriageModel.build(data, result))) }
            case .reload:
                let loader = self.loader
                let inbox = self.inbox
                DispatchQueue.global(qos: .userInitiated).async {
                    do {
                        inbox.post(.loaded(try loader()))
                    } catch {
                        inbox.post(.finished("reload failed: \(error)"))
                    }
                }
            case .export(let path, let cases):
                guard let data = state.data else { continue }
                let snapshot = state
                let inbox = self.inbox
                DispatchQueue.global(qos: .userInitiated).async {
                    inbox.post(.finished(Export.write(data, snapshot, cases: cases, to: path)))
                }
            case .score:
                guard let data = state.data else { continue }
                let options = state.options
                let annotations = state.useCorrectedGold ? state.annotations : nil
                state.scoreRequest += 1
                let request = state.scoreRequest
                let inbox = self.inbox
                DispatchQueue.global(qos: .userInitiated).async {
                    var result = Runner.score(data, options: options, annotations: annotations) { done, total in
                        inbox.post(.scoreProgress(done: done, total: total))
                    }
                    result.request = request
                    inbox.post(.scored(result))
                }
            case .search(let query):
                guard let data = state.data else { continue }
                let token = CancelToken()
                inbox.cancelSearches(except: token)
                let inbox = self.inbox
                let timings = self.timings
                DispatchQueue.global(qos: .userInitiated).async {
                    let start = DispatchTime.now()
                    let matches = Search.run(query, in: data) { token.cancelled }
                    timings?.search(query, matches: matches.count, since: start)
                    if !token.cancelled { inbox.post(.searchFinished(query: query, matches: matches)) }
                }
            }
        }
    }
}

// MARK: - Runner

/// Effects run synchronously (tests) or on a background thread (the runtime).
public enum Runner {
    /// Scores every run of `data` with `options` (and with the reference's options too when they
    /// differ), reporting progress as (cases done, total).
    public static func score(
        _ data: ExplorerData, options: Scorer.Options, annotations: Annotations? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) -> ScoreResult {
        let bench = data.benchmark
        let reference = Scorer.Options(format: options.format)
        let passes = options.lenient ? [options, reference] : [options]
        let perRun = bench.splits.reduce(0) { $0 + $1.cases.count }
        let total = perRun * data.runs.count * passes.count
        let base = Counter()
        var results: [[ScoreReport]] = []
        for o in passes {
            var reports: [ScoreReport] = []
            for run in data.runs {
                var scores: [SplitScore] = []
                for split in bench.splits {
                    let offset = base.value
                    let file = run.predictions[split.name]
                    let verdicts = scoreLeavingACore(split, file, o, annotations) { done in progress?(offset + done, total) }
                    scores.append(
                        SplitScore(name: split.name, cases: split.cases, verdicts: verdicts, warnings: file?.warnings ?? []))
                    base.add(split.cases.count)
                }
                reports.append(ScoreReport(splits: scores, warnings: bench.warnings, lenient: o.lenient))
            }
            results.append(reports)
        }
        var result = ScoreResult(reports: results[0], referenceReports: results.count > 1 ? results[1] : nil)
        // With corrected gold, run 0 against the original gold too, for the dashboard's deltas.
        if let annotations, annotations.cases.values.contains(where: \.goldChanged) {
            let run = data.runs[0]
            let scores = bench.splits.map { split in
                let file = run.predictions[split.name]
                return SplitScore(
                    name: split.name, cases: split.cases, verdicts: scoreLeavingACore(split, file, options, nil, progress: nil),
                    warnings: file?.warnings ?? [])
            }
            result.originalReport = ScoreReport(splits: scores, warnings: bench.warnings, lenient: options.lenient)
        }
        return result
    }

    /// The verdict of every case of `split`, computed by the Evaluator on all cores but one, so
    /// the input loop keeps a core while a large set is (re-)scored.
    static func scoreLeavingACore(
        _ split: SplitData, _ file: PredictionFile?, _ options: Scorer.Options, _ annotations: Annotations?,
        progress: (@Sendable (Int) -> Void)?
    ) -> [CaseVerdict] {
        let cases = split.cases
        let lines = file?.lines ?? []
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
        let chunk = 512
        let chunks = (cases.count + chunk - 1) / chunk
        let next = Counter()
        let done = Counter()
        let out = UnsafeMutableBufferPointer<CaseVerdict?>.allocate(capacity: cases.count)
        out.initialize(repeating: nil)
        defer { out.deallocate() }
        nonisolated(unsafe) let results = out
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            // Scoring yields to the input loop: this worker runs at a lower priority (nice 10).
            let niced = lowerPriority()
            defer { if let niced { restorePriority(niced) } }
            while true {
                let c = next.take()
                if c >= chunks { return }
                let lo = c * chunk
                let hi = min(cases.count, lo + chunk)
                for k in lo..<hi {
                    // With annotations, the corrected gold (the same case when it has no edits).
                    let c = annotations?.benchmarkCase(cases[k], in: split) ?? cases[k]
                    results[k] = Scorer.verdict(for: c, line: k < lines.count ? lines[k] : nil, options: options)
                }
                done.add(hi - lo)
                progress?(done.value)
            }
        }
        return out.map { $0! }
    }

    #if canImport(Glibc)
        /// Lowers the calling thread's priority; returns what to restore.
        static func lowerPriority() -> Int32? {
            let tid = id_t(0)  // Linux: 0 is the calling thread, not the whole process
            errno = 0
            let old = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid)
            if errno != 0 { return nil }
            return setpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid, max(old, 10)) == 0 ? old : nil
        }

        static func restorePriority(_ old: Int32) {
            // Lowering nice needs privileges; where it fails the pool thread simply stays nicer.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, old)
        }
    #else
        static func lowerPriority() -> Int32? { nil }
        static func restorePriority(_ old: Int32) {}
    #endif

    /// Appends an edit to the journal; the action to reduce (the entry, or why it was not saved).
    public static func append(_ step: EditStep, to journal: Journal?, author: String) -> Action {
        guard let journal else { return .finished("not saved: no annotations journal is open") }
        do {
            return .journaled(try journal.append(step, author: author))
        } catch {
            return .finished("not saved: \(error)")
        }
    }

    /// Performs `effects` at once and returns the actions they produce (for tests and scripts).
    public static func performSynchronously(_ effects: [Effect], _ state: AppState, journal: Journal? = nil) -> [Action] {
        var out: [Action] = []
        for effect in effects {
            switch effect {
            case .quit: break
            case .score:
                if let data = state.data {
                    let annotations = state.useCorrectedGold ? state.annotations : nil
                    var result = score(data, options: state.options, annotations: annotations)
                    result.request = state.scoreRequest
                    out.append(.scored(result))
                }
            case .journal(let step): out.append(append(step, to: journal, author: "test"))
            case .search(let q):
                if let data = state.data { out.append(.searchFinished(query: q, matches: Search.run(q, in: data))) }
            case .export(let path, let cases):
                if let data = state.data { out.append(.finished(Export.write(data, state, cases: cases, to: path))) }
            case .reload:
                if let data = state.data { out.append(.loaded(data)) }  // tests: the same data again
            case .triage:
                if let data = state.data, let result = state.scoreResult { out.append(.triaged(TriageModel.build(data, result))) }
            }
        }
        return out
    }
}

// MARK: - Inbox and helpers

/// Actions posted from background work, drained by the input loop.
final class Inbox: @unchecked Sendable {
    private var actions: [Action] = []
    private var searches: [CancelToken] = []
    private let lock = NSLock()

    func post(_ action: Action) {
        lock.lock()
        defer { lock.unlock() }
        // Keep only the latest progress report.
        if case .scoreProgress = action, case .scoreProgress? = actions.last { actions.removeLast() }
        actions.append(action)
    }

    func drain() -> [Action] {
        lock.lock()
        defer { lock.unlock() }
        let out = actions
        actions = []
        return out
    }

    func cancelSearches(except token: CancelToken) {
        lock.lock()
        defer { lock.unlock() }
        for t in searches { t.cancel() }
        searches = [token]
    }
}

final class CancelToken: @unchecked Sendable {
    private var flag = false
    private let lock = NSLock()
    var cancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return flag
    }
    func cancel() {
        lock.lock()
        flag = true
        lock.unlock()
    }
}

final class Counter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()

    /// Returns the value, then adds one.
    func take() -> Int {
        lock.lock()
        defer { lock.unlock() }
        n += 1
        return n - 1
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return n
    }
    func add(_ k: Int) {
        lock.lock()
        n += k
        lock.unlock()
    }
}

// MARK: - FrameTimings

/// Records time to first frame and per-key frame time (reduce + render + flush) to a JSON Lines
/// file, when `PTSCOPE_TIMINGS` names one. What README's figures are measured with.
public final class FrameTimings: @unchecked Sendable {
    let handle: FileHandle
    let processStart: DispatchTime

    public init?(path: String, processStart: DispatchTime) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            return nil
        }
        handle = h
        self.processStart = processStart
    }

    let lock = NSLock()

    func write(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data((line + "\n").utf8))
    }

    func search(_ query: String, matches: Int, since start: DispatchTime) {
        write(#"{"event":"search","query":\#(JSONText.string(query)),"matches":\#(matches),"ms":\#(ms(start))}"#)
    }

    func ms(_ from: DispatchTime) -> Double { Double(DispatchTime.now().uptimeNanoseconds - from.uptimeNanoseconds) / 1e6 }

    func firstFrame() { write(#"{"event":"first_frame","ms":\#(ms(processStart))}"#) }

    func key(_ key: Key, since start: DispatchTime, reduced: DispatchTime, rendered: DispatchTime) {
        func d(_ a: DispatchTime, _ b: DispatchTime) -> Double { Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e6 }
        let total = ms(start)
        write(
            #"{"event":"key","key":\#(JSONText.string(key.description)),"ms":\#(total),"reduce_ms":\#(d(start, reduced)),"#
                + #""render_ms":\#(d(reduced, rendered)),"draw_ms":\#(d(rendered, DispatchTime.now()))}"#)
    }

    func event(_ action: Action) {
        switch action {
        case .loaded: write(#"{"event":"loaded","ms":\#(ms(processStart))}"#)
        case .scored: write(#"{"event":"scored","ms":\#(ms(processStart))}"#)
        case .searchFinished(let q, let m):
            write(#"{"event":"search_finished","query":\#(JSONText.string(q)),"matches":\#(m.count),"ms":\#(ms(processStart))}"#)
        default: break
        }
    }
}
