import Dispatch
import Evaluator
import Foundation
import TUICore
import TestSupport
import Testing

@testable import Explorer

/// The case pane's detail (verdict, call diff, laid-out lines) is built by an effect off the input
/// loop: `reduce` only asks for it, so a costly case cannot freeze the keys.
@Suite("Detail requests")
struct DetailRequestTests {
    /// One case whose prediction is 6.8 MB of nested lists: building its detail and laying out its
    /// pane takes seconds in a debug build (parsing, matching, the call diff, wrapping the text).
    static func costly() throws -> ExplorerData {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-costly-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try CostlySet.write(in: dir)
        let bench = try Benchmark.load(data: dir.appendingPathComponent("data"), predictions: dir.appendingPathComponent("pred"))
        return ExplorerData(benchmark: bench, runName: "costly")
    }

    /// The CPU time this thread has used, in milliseconds: unlike the wall clock it does not count
    /// the time the thread waited while the rest of the suite ran.
    static func threadCPUMilliseconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }

    @Test("loading a costly case returns at once: the detail is not built inside reduce")
    func loadingACostlyCaseIsCheap() throws {
        let data = try Self.costly()
        var s = AppState(width: 200, height: 50)
        let start = Self.threadCPUMilliseconds()
        _ = Reducer.reduce(&s, .loaded(data))
        let ms = Self.threadCPUMilliseconds() - start
        // Building the case's detail takes seconds of CPU; reduce only asks for it.
        #expect(ms < 300, "reduce(.loaded) took \(ms) ms of CPU")
        #expect(s.list.visible == [0])
    }

    @Test("the detail is an effect: the pane says building… until its result; a stale result is dropped")
    func detailIsAnEffectAndStaleResultsAreDropped() throws {
        var s = AppState(width: 200, height: 50)
        let loaded = Reducer.reduce(&s, .loaded(try Fixture.sample()))
        #expect(loaded.contains(.buildDetail(request: s.panes.request)))
        #expect(s.panes.detail == nil && s.panes.lines == nil)
        #expect(Screen.text(s).contains("· building…"), "the case pane says the case is being built")

        // The first case's result, built now but delivered after the selection moved on.
        let first = try #require(EffectWork.buildDetail(s, request: s.panes.request))
        #expect(first.detail.caseID == s.selectedID)
        let moved = Reducer.reduce(&s, .key(.down))
        #expect(moved == [.buildDetail(request: first.request + 1)])
        #expect(Reducer.reduce(&s, .detailBuilt(first)).isEmpty)
        #expect(s.panes.detail == nil, "a result for an earlier request is dropped")

        for action in SynchronousEffectRunner().perform(moved, for: s) { _ = Reducer.reduce(&s, action) }
        #expect(s.panes.detail?.caseID == s.selectedID)
        #expect(s.panes.pending == nil)
        #expect(!Screen.text(s).contains("building…"))

        // Moving back asks again (the detail of case 0 was never kept).
        #expect(Reducer.reduce(&s, .key(.up)) == [.buildDetail(request: first.request + 2)])
    }

    /// The `.detailBuilt` results `runner` delivered within `seconds`, until the one for
    /// `request` arrived and then `grace` more seconds (late results of earlier builds). It blocks:
    /// run it with ``OffPool``, not on one of the cooperative pool's two threads.
    static func results(
        _ runner: BackgroundEffectRunner, upTo request: Int, seconds: Double = 150, grace: Double = 1
    ) -> [DetailBuild] {
        var out: [DetailBuild] = []
        var last: DispatchTime?
        let end = DispatchTime.now() + seconds
        while DispatchTime.now() < (last.map { $0 + grace } ?? end) {
            _ = runner.wait(until: min(end, DispatchTime.now() + 0.05))
            for case .detailBuilt(let built) in runner.drain() {
                out.append(built)
                if built.request == request, last == nil { last = DispatchTime.now() }
            }
        }
        return out
    }

    @Test("holding j: many detail requests run one build at a time, the latest wins, earlier ones are dropped")
    func heldKeyBuildsOnlyTheLatest() async throws {
        var s = AppState(width: 200, height: 50)
        _ = Reducer.reduce(&s, .loaded(try Fixture.sample()))
        let runner = BackgroundEffectRunner { try Fixture.sample() }
        // 40 key repeats, each asking for the panes again (the request number grows, as in reduce).
        // The builder is busy (as with a costly case) while the requests arrive: on a loaded
        // machine the posting loop could otherwise be preempted long enough for builds to finish.
        let busy = DispatchSemaphore(value: 0)
        runner.detailBuilder.async { busy.wait() }
        let last = s.panes.request + 40
        for request in (s.panes.request + 1)...last { _ = runner.perform(.buildDetail(request: request), for: s) }
        busy.signal()
        let posted = await OffPool.run { Self.results(runner, upTo: last) }
        #expect(posted.last?.request == last, "the latest request is built")
        #expect(posted.count <= 2, "\(posted.count) builds ran to the end for 40 requests: \(posted.map(\.request))")
    }

    @Test("a resize while a costly case builds lays its detail out again: the case is scored once")
    func resizeWhileBuildingDoesNotScoreAgain() async throws {
        var s = AppState(width: 200, height: 50)
        _ = Reducer.reduce(&s, .loaded(try Self.costly()))
        let runner = BackgroundEffectRunner { try Self.costly() }
        _ = runner.perform(.buildDetail(request: s.panes.request), for: s)
        // A drag of the window's edge: five sizes, each asking for the panes at its widths.
        for width in [190, 180, 170, 160, 150] {
            _ = Reducer.reduce(&s, .resize(width: width, height: 50))
            runner.detailBuilder.request(s, s.panes.request)
        }
        let request = s.panes.request
        let posted = await OffPool.run { Self.results(runner, upTo: request, grace: 0.5) }
        #expect(posted.last?.request == s.panes.request)
        #expect(posted.last?.lines.key == s.panes.pending, "the panes are laid out for the last size")
        #expect(runner.detailBuilder.scoredCount == 1, "the case was scored \(runner.detailBuilder.scoredCount) times")
    }

    @Test("settle, like the input loop, gives freed memory back after a reload drained while it waits")
    func settleReturnsMemoryAfterAReload() throws {
        var s = AppState(width: 200, height: 50)
        let data = try Fixture.sample()
        _ = Reducer.reduce(&s, .loaded(data))
        #expect(s.panes.pending != nil, "settle waits for the pending panes")
        let runner = BackgroundEffectRunner { data }
        let runtime = ExplorerRuntime(state: s, theme: ThemeLoader.load(nil).theme.resolve(depth: .mono), runner: runner)
        runner.inbox.post(.loaded(data))
        runtime.settle()
        // At least the reload; the scores it started may also arrive inside settle and count.
        #expect(runtime.memoryReturns >= 1, "the reload drained inside settle gave its memory back")
    }

    @Test("toggling an option keeps the case's panes until the new scores arrive, then asks for new ones")
    func optionToggleKeepsThePanes() throws {
        var s = Fixture.state(try Fixture.sample(), width: 200, height: 50)
        #expect(s.panes.detail != nil && s.panes.lines != nil && s.panes.pending == nil)
        _ = Reducer.reduce(&s, .command(.options))
        let effects = Reducer.reduce(&s, .command(.toggleFilterItem))
        #expect(effects == [.score(request: s.session!.scoreRequest)])
        // Either the panes are kept, or new ones are asked for: never "building…" for nothing.
        #expect(s.panes.lines != nil || effects.contains { if case .buildDetail = $0 { true } else { false } })
        _ = Reducer.reduce(&s, .key(.escape))
        #expect(!Screen.text(s).contains("building…"), "the case pane shows the case while it is re-scored")

        // The new scores replace the panes: asked for at once, and built.
        for action in SynchronousEffectRunner().perform(effects, for: s) { Fixture.send(&s, action) }
        #expect(s.panes.detail != nil && s.panes.lines != nil && s.panes.pending == nil)
        #expect(!Screen.text(s).contains("building…"))
    }
}
