import Dispatch
import Evaluator
import Explorer
import Foundation
import TUICore
import TestSupport
import Testing

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

    static func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    }

    @Test("loading a costly case returns at once: the detail is not built inside reduce")
    func loadingACostlyCaseIsCheap() throws {
        let data = try Self.costly()
        var s = AppState(width: 200, height: 50)
        let start = DispatchTime.now()
        _ = Reducer.reduce(&s, .loaded(data))
        let ms = Self.milliseconds(since: start)
        #expect(ms < 300, "reduce(.loaded) took \(ms) ms")
        #expect(s.visible == [0])
    }

    @Test("the detail is an effect: the pane says building… until its result; a stale result is dropped")
    func detailIsAnEffectAndStaleResultsAreDropped() throws {
        var s = AppState(width: 200, height: 50)
        let loaded = Reducer.reduce(&s, .loaded(try Fixture.sample()))
        #expect(loaded.contains(.buildDetail(request: s.detailRequest)))
        #expect(s.detail == nil && s.paneLines == nil)
        #expect(Screen.text(s).contains("· building…"), "the case pane says the case is being built")

        // The first case's result, built now but delivered after the selection moved on.
        let first = try #require(Runner.buildDetail(s, request: s.detailRequest))
        #expect(first.detail.caseID == s.selectedID)
        let moved = Reducer.reduce(&s, .key(.down))
        #expect(moved == [.buildDetail(request: first.request + 1)])
        #expect(Reducer.reduce(&s, .detailBuilt(first)).isEmpty)
        #expect(s.detail == nil, "a result for an earlier request is dropped")

        for action in Runner.performSynchronously(moved, s) { _ = Reducer.reduce(&s, action) }
        #expect(s.detail?.caseID == s.selectedID)
        #expect(s.detailPending == nil)
        #expect(!Screen.text(s).contains("building…"))

        // Moving back asks again (the detail of case 0 was never kept).
        #expect(Reducer.reduce(&s, .key(.up)) == [.buildDetail(request: first.request + 2)])
    }
}
