import Dispatch
import Evaluator
import Explorer
import Foundation
import TUICore
import TestSupport
import Testing

/// `ExplorerRuntime.run(on:)` on a ``FakeTerminal``: the real input loop, the real background
/// runner (threads, inbox, detail builder), scripted keys in and drawn frames out.
@Suite("Explorer runtime")
struct RuntimeTests {
    /// Every wait of a script, and the whole of it, is bounded: a broken loop fails, never hangs.
    /// (Loading and scoring the sample took over 4 s once in a full suite on two cores.)
    static let seconds = 60.0

    /// A step that waits (at most 20 s) until a frame shows `text`.
    static func see(_ text: String) -> FakeTerminal.Step { .waitFor(text, seconds: 20) }

    /// A runtime whose state starts at a size the terminal does not have (the terminal's comes in
    /// as a resize), effects run in the background.
    static func runtime(
        journal: Journal? = nil, loader: @escaping @Sendable () throws -> ExplorerData = { try Fixture.sample() }
    ) -> ExplorerRuntime {
        var state = AppState(width: 30, height: 10)
        state.status.loading = "loading the sample…"
        return ExplorerRuntime(
            state: state, theme: ThemeLoader.load(nil).theme.resolve(depth: .mono), journal: journal, author: "test",
            loader: loader)
    }

    /// Plays `script` on a 120×40 fake terminal; the run's result and the terminal.
    static func play(
        _ script: [FakeTerminal.Step], on runtime: ExplorerRuntime = runtime(),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async -> (signal: Int32?, terminal: FakeTerminal) {
        let terminal = FakeTerminal(width: 120, height: 40, script: script, seconds: seconds)
        let signal = await OffPool.run { runtime.run(on: terminal) }
        #expect(
            terminal.missed.isEmpty,
            "never drawn: \(terminal.missed); the last frame:\n\(terminal.frames.last?.text ?? "none")",
            sourceLocation: sourceLocation)
        #expect(!terminal.timedOut, "the script did not end the loop in \(seconds) s", sourceLocation: sourceLocation)
        return (signal, terminal)
    }

    /// Waits until the sample is loaded and scored (the title shows the accuracy).
    static let scored = see("overall acc 71.3%")

    @Test("the first frame, at the terminal's size, says what loads; the cases appear once loaded and scored")
    func firstFrameThenCases() async throws {
        let runtime = Self.runtime()
        let (signal, terminal) = await Self.play([Self.scored, Self.see("Case 0 ·"), .key(.char("q"))], on: runtime)
        #expect(signal == nil)
        let first = try #require(terminal.frames.first)
        #expect(first.width == 120 && first.height == 40, "the first frame is \(first.width)×\(first.height)")
        #expect(first.text.contains("loading the sample…"))
        #expect(!first.text.contains("Cases"))
        #expect(runtime.state.width == 120 && runtime.state.height == 40)
        let last = try #require(terminal.frames.last)
        #expect(last.text.contains("Cases 150/150"))
        #expect(last.text.contains("Søren Øst"))
    }

    @Test("j, ] and a search typed with / and Enter reach the screen")
    func keysReachTheScreen() async {
        var script: [FakeTerminal.Step] = [Self.scored, Self.see("Case 0 ·")]
        script += [.key(.char("j")), Self.see("Case 1 ·"), .key(.char("]")), Self.see("Case 2 ·"), .key(.char("/"))]
        script += FakeTerminal.Step.typing("linen")
        script += [.key(.enter), Self.see("1 case contains “linen”"), Self.see("Case 6 ·"), .key(.char("q"))]
        let (signal, terminal) = await Self.play(script)
        #expect(signal == nil)
        #expect(terminal.frames.last?.text.contains("“linen”") == true)
    }

    @Test("a resize redraws at the new size")
    func resizeRedraws() async throws {
        let (_, terminal) = await Self.play([
            Self.scored, .resize(width: 80, height: 24), Self.see("Cases 150/150"), .key(.char("q")),
        ])
        let last = try #require(terminal.frames.last)
        #expect(last.width == 80 && last.height == 24, "the last frame is \(last.width)×\(last.height)")
        #expect(last.text.split(separator: "\n").count == 24)
        #expect(last.text.contains("Cases 150/150"))
    }

    @Test("q ends the run with no signal; an interrupting signal ends it with 2")
    func quitAndInterrupt() async {
        let quit = await Self.play([Self.scored, .key(.char("q"))])
        #expect(quit.signal == nil)
        let interrupted = await Self.play([Self.scored, .interrupt])
        #expect(interrupted.signal == 2)
        let early = await Self.play([.interrupt])
        #expect(early.signal == 2, "a signal while loading ends the run too")
    }

    @Test("a wait for a text that never shows ends the run within its bound, naming the text")
    func aMissedWaitEndsTheRun() async {
        let terminal = FakeTerminal(script: [.waitFor("never on screen", seconds: 0.5), .key(.char("q"))], seconds: Self.seconds)
        let runtime = Self.runtime()
        // Timed on the loop's own thread: the test's task may wait for a free thread afterwards.
        let (signal, elapsed) = await OffPool.run {
            let start = DispatchTime.now()
            let signal = runtime.run(on: terminal)
            return (signal, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }
        #expect(signal == 2, "the fake terminal interrupts the loop")
        #expect(terminal.missed == ["never on screen"])
        #expect(!terminal.timedOut)
        #expect(elapsed < 3, "the run took \(elapsed) s")
    }

    struct Unreadable: Error, CustomStringConvertible {
        var description: String { "/nowhere/data: no such folder" }
    }

    @Test("a failing loader shows cannot open, and q still quits")
    func failingLoader() async {
        let runtime = Self.runtime { throw Unreadable() }
        let (signal, terminal) = await Self.play(
            [Self.see("cannot open: /nowhere/data: no such folder"), .key(.char("q"))], on: runtime)
        #expect(signal == nil)
        #expect(runtime.state.status.loadError == "/nowhere/data: no such folder")
        #expect(terminal.frames.last?.text.contains("cannot open") == true)
    }

    @Test("C confirms the case through a real journal: the file holds the entry")
    func confirmIsJournaled() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-runtime-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("annotations.jsonl")
        let journal = try Journal.open(url)
        let runtime = Self.runtime(journal: journal)
        let (signal, _) = await Self.play([Self.scored, .key(.char("C")), Self.see("saved #1"), .key(.char("q"))], on: runtime)
        #expect(signal == nil)
        journal.close()
        let entries = try Journal.load(url).entries
        #expect(entries.count == 1)
        #expect(entries.first?.status == .confirmed)
        #expect(entries.first?.author == "test")
        #expect(runtime.state.session?.annotations.cases.count == 1, "the saved edit is applied")
    }

    /// What an action says, for comparing the two runners' results (progress left out).
    static func summary(_ action: Action) -> String? {
        switch action {
        case .scored(let result):
            return "scored #\(result.request): \(result.reports.map { $0.splits.flatMap(\.verdicts).map(\.errorColumns) })"
        case .searchFinished(let query, let matches): return "\(query): \(matches)"
        case .triaged(let model):
            return "triaged: \(model.dashboards.count) runs, \(model.users.count) users, \(model.tools.count) platforms"
        case .detailBuilt(let built): return "detail #\(built.request) of case \(built.detail.caseID)"
        case .scoreProgress: return nil
        default: return "\(action)"
        }
    }

    @Test("the background runner delivers what the synchronous one returns; a score carries its effect's request number")
    func runnersAgree() async throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char("j"))
        _ = Reducer.reduce(&s, .key(.char("j")))
        #expect(s.panes.pending != nil)
        let background = BackgroundEffectRunner { try Fixture.sample() }
        let effects: [Effect] = [.score(request: 7), .search("linen"), .triage, .buildDetail(request: s.panes.request), .quit]
        for effect in effects {
            let now = SynchronousEffectRunner().perform(effect, for: s).compactMap(Self.summary)
            #expect(background.perform(effect, for: s).isEmpty, "\(effect) runs in the background")
            var later: [String] = []
            let end = DispatchTime.now() + Self.seconds
            while later.count < now.count, background.wait(until: end) {
                later += background.drain().compactMap(Self.summary)
            }
            #expect(later == now, "\(effect)")
        }
        let scored = SynchronousEffectRunner().perform(.score(request: 7), for: s)
        guard case .scored(let result)? = scored.first else {
            Issue.record("no score result")
            return
        }
        #expect(result.request == 7)
    }
}
