import Dispatch
import Evaluator
import Foundation
import TUICore

// MARK: - ExplorerRuntime

/// Runs the explorer: reads keys, reduces, renders, flushes, and has an ``EffectRunner`` perform
/// the effects (loading, scoring, searching), reducing their results as actions.
///
/// `reduce` is the only writer of ``state``: the initial size is a ``Action/resize(width:height:)``
/// and every result comes back as an action.
public final class ExplorerRuntime: @unchecked Sendable {
    public private(set) var state: AppState
    /// The colour theme frames are drawn with; `:theme` switches it (``Effect/setTheme(_:)``).
    private(set) var theme: ResolvedTheme
    let runner: any EffectRunner
    let timings: FrameTimings?
    /// Performs the effects that need the terminal (copy, pager, editor); its environment is
    /// the process's unless a test sets it.
    public var terminalEffects = TerminalEffects(environment: ProcessInfo.processInfo.environment)
    /// The terminal ``run(on:)`` runs on.
    private var device: TerminalDevice?
    /// How many times freed memory was given back to the system (tests).
    private(set) var memoryReturns = 0

    /// `runner` performs the effects, ``Effect/load`` first; until its result, the first frame
    /// says what loads.
    public init(state: AppState, theme: ResolvedTheme, timings: FrameTimings? = nil, runner: any EffectRunner) {
        self.state = state
        self.theme = theme
        self.timings = timings
        self.runner = runner
    }

    /// Effects run by a ``BackgroundEffectRunner``: `loader` on a background thread, edits to
    /// `journal` as `author`.
    public convenience init(
        state: AppState, theme: ResolvedTheme, timings: FrameTimings? = nil, journal: Journal? = nil,
        author: String = Journal.defaultAuthor, loader: @escaping @Sendable () throws -> ExplorerData
    ) {
        let runner = BackgroundEffectRunner(journal: journal, author: author, timings: timings, loader: loader)
        self.init(state: state, theme: theme, timings: timings, runner: runner)
    }

    /// Runs until quit or an interrupting signal. Returns the signal number if one ended it.
    @discardableResult
    public func run(on device: TerminalDevice) -> Int32? {
        self.device = device
        defer { self.device = nil }
        perform(Reducer.reduce(&state, .resize(width: device.width, height: device.height)))
        perform([.load])
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
        TestCrash.fromEnvironment?.happen(on: (runner as? BackgroundEffectRunner)?.detailBuilder) {
            device.draw(ScreenBuffer(width: state.width, height: state.height), theme: theme)
            frame()
        }
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
            guard runner.wait(until: deadline) else { return }
            drainAndReduce()
        }
    }

    /// Reduces every result the runner has ready; true when there was one.
    @discardableResult
    func drainAndReduce() -> Bool {
        // Taken out one by one, so the loop keeps no reference to an action once it is reduced.
        var pending = Array(runner.drain().reversed())
        let any = !pending.isEmpty
        while let action = pending.popLast() { reduce(action) }
        return any
    }

    /// The theme `spec` names (a bundled name or a JSON5 file) resolved at `depth`, nil when it
    /// cannot be used (the current theme stays); the messages say what happened, warnings first.
    static func theme(_ spec: String, depth: ColorDepth) -> (ResolvedTheme?, [String]) {
        var warnings: [String] = []
        let theme: Theme
        if ThemeLoader.bundledNames.contains(spec) {
            let loaded = ThemeLoader.load(spec)
            theme = loaded.theme
            warnings = loaded.warnings
        } else {
            let path = (spec as NSString).expandingTildeInPath
            guard let data = FileManager.default.contents(atPath: path) else {
                return (
                    nil,
                    [
                        "theme not changed: \(spec) is neither a bundled theme (\(ThemeLoader.bundledNames.joined(separator: ", "))) nor a readable file"
                    ]
                )
            }
            do {
                theme = try Theme.decode(data, file: path, warnings: &warnings)
            } catch {
                return (nil, warnings.map { "theme \(spec): \($0)" } + ["theme not changed: \(error)"])
            }
        }
        let done =
            "theme \(spec)" + (warnings.isEmpty ? "" : " (\(warnings.count) warning\(warnings.count == 1 ? "" : "s"): :messages)")
        return (theme.resolve(depth: depth), warnings.map { "theme \(spec): \($0)" } + [done])
    }

    /// How long a frame waits for the selected case's panes before it shows "building…".
    let settleTime = DispatchTimeInterval.milliseconds(30)

    /// Has the runner perform `effects`, one at a time, each for the state as it is when it
    /// starts; a result ready at once is reduced before the next effect starts.
    func perform(_ effects: [Effect]) {
        for effect in effects {
            if case .setTheme(let spec) = effect {
                // The theme is the runtime's, not the state's: it is switched here.
                let (resolved, messages) = Self.theme(spec, depth: theme.depth)
                if let resolved { theme = resolved }
                for message in messages { reduce(.finished(message)) }
                continue
            }
            // The terminal's effects run here, on the input loop, between two frames.
            if let device, let actions = terminalEffects.perform(effect, on: device) {
                for action in actions { reduce(action) }
                continue
            }
            for action in runner.perform(effect, for: state) { reduce(action) }
        }
    }

    /// Reduces a result and performs its effects. After a reload or a re-score
    /// (``Action/replacesBulkData``) the session it replaces is released off the input loop
    /// (freeing 100,000 verdicts or a data set takes a few hundred milliseconds) and the freed
    /// memory goes back to the system.
    func reduce(_ action: consuming Action) {
        guard action.replacesBulkData else {
            perform(Reducer.reduce(&state, action))
            timings?.event(action)
            return
        }
        // What the action replaces (the scores and summary model of a re-score, the whole session
        // of a reload), and the action itself (a stale result is dropped, not applied).
        let replaced: [Any?] =
            if case .loaded = action { [state.session] } else { [state.session?.scores, state.session?.triage] }
        perform(Reducer.reduce(&state, action))
        timings?.event(action)
        FreedMemory.release(FreedMemory.Retired(replaced + [consume action]))
        memoryReturns += 1
    }
}
