import Dispatch
import Evaluator
import Foundation
import TUICore

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
    /// Builds the selected case's panes, one at a time, the latest request first.
    let detailBuilder: DetailBuilder
    /// How many times freed memory was given back to the system (tests).
    private(set) var memoryReturns = 0

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
        let inbox = self.inbox
        detailBuilder = DetailBuilder { inbox.post(.detailBuilt($0)) }
    }

    /// Runs until quit or an interrupting signal. Returns the signal number if one ended it.
    @discardableResult
    public func run(on device: TerminalDevice) -> Int32? {
        perform(Reducer.reduce(&state, .resize(width: device.width, height: device.height)))
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
        TestCrash.fromEnvironment?.happen(on: detailBuilder)
        while !state.quit {
            if device.interrupted { return 2 }
            if drainAndReduce() {
                settle()
                frame()
            }
            if state.quit { break }
            guard let key = device.readKey(timeoutMilliseconds: 50) else { continue }
            let start = DispatchTime.now()
            if key == .resize {
                perform(Reducer.reduce(&state, .resize(width: device.width, height: device.height)))
            } else {
                perform(Reducer.reduce(&state, .key(key)))
            }
            if state.quit { break }
            settle()
            let reduced = DispatchTime.now()
            frame()
            timings?.key(key, since: start, reduced: reduced, rendered: renderedAt)
        }
        return nil
    }

    /// While the selected case's panes are being built, waits a little (at most `settleTime`) for
    /// them, so moving between ordinary cases never shows "building…" for a frame; a costly case
    /// is drawn as building and the keys stay live.
    func settle() {
        let deadline = DispatchTime.now() + settleTime
        while state.panes.pending != nil && !state.quit {
            guard inbox.wait(until: deadline) else { return }
            drainAndReduce()
        }
    }

    /// Reduces every action posted so far and performs its effects; true when there was one.
    /// After a reload or a re-score (``Action/replacesBulkData``) the freed memory goes back to
    /// the system.
    @discardableResult
    func drainAndReduce() -> Bool {
        let pending = inbox.drain()
        for action in pending {
            perform(Reducer.reduce(&state, action))
            timings?.event(action)
            if action.replacesBulkData {
                FreedMemory.returnToSystem()
                memoryReturns += 1
            }
        }
        return !pending.isEmpty
    }

    /// How long a frame waits for the selected case's panes before it shows "building…".
    let settleTime = DispatchTimeInterval.milliseconds(30)

    /// Starts the work an effect names; results come back through the inbox.
    func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .quit:
                break  // reduce set it; the loop stops after this frame
            case .journal(let step):
                perform(Reducer.reduce(&state, Runner.append(step, to: journal, author: author)))
            case .buildDetail(let request):
                // A snapshot of the state (copy on write: cheap) is what the panes are laid out for.
                detailBuilder.request(state, request)
            case .triage:
                guard let data = state.data, let result = state.scores?.result else { continue }
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
                    inbox.post(.finished(Export.write(data, scores: snapshot.scores, cases: cases, to: path)))
                }
            case .score(let request):
                guard let session = state.session else { continue }
                let data = session.data
                let options = session.options.scorer
                let annotations = session.scoringAnnotations
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
        // With annotations, the corrected gold (cases without edits stay as they are).
        let bench = annotations.map { $0.correctedBenchmark(data.benchmark) } ?? data.benchmark
        let reference = Scorer.Options(format: options.format)
        let passes = options.lenient ? [options, reference] : [options]
        let perRun = bench.splits.reduce(0) { $0 + $1.cases.count }
        let total = perRun * data.runs.count * passes.count
        func report(_ bench: Benchmark, _ run: RunData, _ o: Scorer.Options, done offset: Int?) -> ScoreReport {
            var tick: (@Sendable (Int) -> Void)?
            if let offset, let progress { tick = { done in progress(offset + done, total) } }
            let items: [(split: SplitData, predictions: PredictionFile?)] = bench.splits.map { ($0, run.predictions[$0.name]) }
            let scores = Scorer.score(items, options: o, parallelism: .background, progress: tick)
            return ScoreReport(splits: scores, warnings: bench.warnings, lenient: o.lenient)
        }
        var results: [[ScoreReport]] = []
        for (p, o) in passes.enumerated() {
            results.append(
                data.runs.enumerated().map { r, run in report(bench, run, o, done: (p * data.runs.count + r) * perRun) })
        }
        var result = ScoreResult(reports: results[0], referenceReports: results.count > 1 ? results[1] : nil)
        // With corrected gold, run 0 against the original gold too, for the dashboard's deltas.
        if let annotations, annotations.cases.values.contains(where: \.goldChanged) {
            result.originalReport = report(data.benchmark, data.runs[0], options, done: nil)
        }
        return result
    }

    /// Builds what ``Panes/pending`` asks for: the selected case's detail (unless the state
    /// has it already) and the lines of its panes. Nil when nothing is pending.
    public static func buildDetail(_ s: AppState, request: Int) -> DetailBuild? {
        buildDetail(s, request: request, reusing: nil, scored: { _ in }, stillWanted: { true })
    }

    /// ``buildDetail(_:request:)`` in phases (the case's detail: parsing, scoring, the call diff;
    /// the case pane's lines; the context pane's lines), stopping with nil between two of them
    /// once `stillWanted` is false. `reusing`, a detail of the same case built for the same scores,
    /// is taken instead of scoring the case again; `scored` receives a detail built anew.
    static func buildDetail(
        _ s: AppState, request: Int, reusing cached: CaseDetail?, scored: (CaseDetail) -> Void,
        stillWanted: () -> Bool
    ) -> DetailBuild? {
        guard let key = s.panes.pending, let context = s.viewContext, key.caseID < context.data.cases.count else { return nil }
        let session = context.session
        let data = session.data
        let entry = data.cases[key.caseID]
        let newDetail = s.panes.detail?.caseID != key.caseID
        let detail: CaseDetail
        if !newDetail, let existing = s.panes.detail {
            detail = existing
        } else if let cached, cached.caseID == key.caseID {
            detail = cached
        } else {
            detail = CaseDetail(
                data: data, entry: entry, verdicts: session.scores?.runs.map { $0.verdicts[entry.id] } ?? [],
                options: session.options.scorer, annotations: session.scoringAnnotations)
            scored(detail)
        }
        guard stillWanted() else { return nil }
        let detailLines = DetailLines.lines(context, detail, width: key.detailWidth)
        guard stillWanted() else { return nil }
        let contextLines = ContextLines.lines(context, detail, width: key.contextWidth)
        let lines = PaneLines(
            key: key, detail: detailLines, context: contextLines,
            contextAnchor: ContextLines.anchor(context, detail, in: contextLines))
        guard stillWanted() else { return nil }
        return DetailBuild(request: request, detail: detail, lines: lines, newDetail: newDetail)
    }

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
            case .score(let request):
                if let session = state.session {
                    var result = score(session.data, options: session.options.scorer, annotations: session.scoringAnnotations)
                    result.request = request
                    out.append(.scored(result))
                }
            case .journal(let step): out.append(append(step, to: journal, author: "test"))
            case .buildDetail(let request):
                if let built = buildDetail(state, request: request) { out.append(.detailBuilt(built)) }
            case .search(let q):
                if let data = state.data { out.append(.searchFinished(query: q, matches: Search.run(q, in: data))) }
            case .export(let path, let cases):
                if let data = state.data {
                    out.append(.finished(Export.write(data, scores: state.scores, cases: cases, to: path)))
                }
            case .reload:
                if let data = state.data { out.append(.loaded(data)) }  // tests: the same data again
            case .triage:
                if let data = state.data, let result = state.scores?.result {
                    out.append(.triaged(TriageModel.build(data, result)))
                }
            }
        }
        return out
    }
}

// MARK: - DetailBuilder

/// Builds the selected case's panes on one serial queue, where the latest request wins.
///
/// Holding `j` over costly cases or dragging a resize asks for many builds: only one runs at a
/// time, a request that is no longer the latest is skipped before it starts and stops between
/// phases, and only the latest snapshot waits (so at most two are held). A case's detail (the
/// costly part: parsing, scoring, the call diff) is kept for the next request of the same case and
/// scores: a resize while it builds lays it out again instead of scoring it from scratch.
final class DetailBuilder: @unchecked Sendable {
    private let queue = DispatchQueue(label: "ptscope.detail-builder", qos: .userInteractive)
    private let lock = NSLock()
    private let post: @Sendable (DetailBuild) -> Void
    /// The request waiting for the queue (only the latest is kept).
    private var waiting: (state: AppState, request: Int)?
    private var latest = 0
    /// The last detail built, with the scores (``Session/version``) it was built for.
    private var cached: (detail: CaseDetail, scoreVersion: Int)?
    private var detailsBuilt = 0

    /// `post` receives each finished build (on the builder's queue).
    init(post: @escaping @Sendable (DetailBuild) -> Void) {
        self.post = post
    }

    /// Asks for the panes of `state`'s ``Panes/pending``, as request number `request`.
    func request(_ state: AppState, _ request: Int) {
        lock.lock()
        let idle = waiting == nil
        waiting = (state, request)
        latest = request
        lock.unlock()
        if idle { queue.async { self.buildWaiting() } }
    }

    /// How many case details were built (scored) so far, not counting reused ones (tests).
    var scoredCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return detailsBuilt
    }

    /// Runs `work` on the builder's queue, after the builds asked for so far.
    func async(_ work: @escaping @Sendable () -> Void) { queue.async(execute: work) }

    private func isLatest(_ request: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return request == latest
    }

    private func buildWaiting() {
        lock.lock()
        let job = waiting
        waiting = nil
        let reuse = job.flatMap { job in
            cached.flatMap { $0.scoreVersion == job.state.session?.version ? $0.detail : nil }
        }
        lock.unlock()
        guard let job, isLatest(job.request) else { return }
        AlternateSignalStack.ensure()
        let version = job.state.session?.version ?? 0
        let built = Runner.buildDetail(
            job.state, request: job.request, reusing: reuse,
            scored: { detail in
                self.lock.lock()
                self.detailsBuilt += 1
                self.cached = (detail, version)
                self.lock.unlock()
            },
            stillWanted: { self.isLatest(job.request) })
        if let built { post(built) }
    }
}

// MARK: - Alternate signal stack

/// Gives the calling thread an alternate signal stack, once, so a stack overflow on it still runs
/// the fatal-signal handler that restores the terminal (the kernel cannot push the handler's
/// frame onto the overflowed stack). Freed when the thread ends.
enum AlternateSignalStack {
    static let size = 64 * 1024

    /// The key whose destructor frees a thread's stack when it ends.
    private static let key: pthread_key_t? = {
        var key = pthread_key_t()
        let made = pthread_key_create(&key) { memory in
            var off = stack_t()
            off.ss_flags = Int32(SS_DISABLE)
            _ = sigaltstack(&off, nil)
            free(memory)
        }
        return made == 0 ? key : nil
    }()

    /// Installs a stack for the calling thread unless it has one.
    static func ensure() {
        var current = stack_t()
        guard let key, sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        guard let memory = malloc(size) else { return }
        var stack = stack_t()
        stack.ss_sp = memory
        stack.ss_size = size
        guard sigaltstack(&stack, nil) == 0 else {
            free(memory)
            return
        }
        _ = pthread_setspecific(key, memory)
    }
}

// MARK: - TestCrash

/// A real crash of the explorer for the end-to-end tests, asked for with `PTSCOPE_TEST_CRASH`
/// (read once, after the first frame): `segv` dereferences a bad pointer on the input thread,
/// `trap` stops at a Swift runtime trap, `worker-overflow` overflows the stack of the detail
/// builder's thread. Unset (always, outside those tests): nothing happens.
enum TestCrash: String {
    case segv
    case trap
    case workerOverflow = "worker-overflow"

    static var fromEnvironment: TestCrash? {
        ProcessInfo.processInfo.environment["PTSCOPE_TEST_CRASH"].flatMap(TestCrash.init(rawValue:))
    }

    func happen(on builder: DetailBuilder) {
        switch self {
        case .segv:
            UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
        case .trap:
            fatalError("PTSCOPE_TEST_CRASH=trap")
        case .workerOverflow:
            builder.async {
                AlternateSignalStack.ensure()
                _ = TestCrash.recurse(1)
            }
        }
    }

    /// Recurses until the stack is exhausted.
    @inline(never)
    static func recurse(_ n: Int) -> Int {
        var frame = [n, n, n, n, n, n, n, n]
        return withUnsafeMutablePointer(to: &frame[0]) { recurse($0.pointee &+ 1) &+ 1 }
    }
}

// MARK: - Inbox and helpers

/// Actions posted from background work, drained by the input loop.
final class Inbox: @unchecked Sendable {
    private var actions: [Action] = []
    private var searches: [CancelToken] = []
    private let lock = NSCondition()

    func post(_ action: Action) {
        lock.lock()
        defer { lock.unlock() }
        lock.broadcast()
        // Keep only the latest progress report.
        if case .scoreProgress = action, case .scoreProgress? = actions.last { actions.removeLast() }
        actions.append(action)
    }

    /// Waits until an action is posted (true) or `deadline` passes with none (false).
    func wait(until deadline: DispatchTime) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        while actions.isEmpty {
            let now = DispatchTime.now()
            guard now < deadline else { return false }
            let seconds = Double(deadline.uptimeNanoseconds - now.uptimeNanoseconds) / 1e9
            _ = lock.wait(until: Date(timeIntervalSinceNow: seconds))
        }
        return true
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

// MARK: - Freed memory

extension Action {
    /// Whether reducing this action drops a large earlier value (the data of a reload, the
    /// verdicts of a re-score), whose memory should go back to the system.
    var replacesBulkData: Bool {
        switch self {
        case .loaded, .scored: return true
        default: return false
        }
    }
}

/// Gives memory that was freed back to the system.
///
/// glibc keeps freed pages in each thread's arena; after a reload of a 100× set (1.3 GB) they
/// would stay resident, so the process would grow by most of a data set per reload. `malloc_trim`
/// releases them; it walks the heap, so it runs on a background queue, never on the input loop.
enum FreedMemory {
    static func returnToSystem() {
        #if os(Linux)
            DispatchQueue.global(qos: .utility).async { _ = glibcMallocTrim(0) }
        #endif
    }
}

#if os(Linux)
    /// glibc's `malloc_trim` (malloc.h is not part of the Glibc module).
    @_silgen_name("malloc_trim")
    private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
