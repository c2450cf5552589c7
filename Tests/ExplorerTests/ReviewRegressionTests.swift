import Evaluator
import Explorer
import Foundation
import TUICore
import Testing

/// Defects a review of the redesign found, each reproduced first.
@Suite("Review regressions")
struct ReviewRegressionTests {
    @Test func rawScrollSurvivesAWidthResize() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 30)
        Fixture.keys(&s, .char("r"), .char("j"), .char("j"), .char("j"), .char("j"), .char("j"))
        guard case .raw(let before)? = s.overlay else {
            Issue.record("r did not open the raw view")
            return
        }
        #expect(before.scroll.offset == 5)
        Fixture.send(&s, .resize(width: 124, height: 30))
        guard case .raw(let after)? = s.overlay else { return }
        #expect(after.width == before.width + 4, "wrapped again for the new width")
        #expect(after.scroll.offset == 5, "the scroll position stays")
    }

    @Test func aLateSummaryModelOfAnEarlierScoringIsDropped() throws {
        let data = try Fixture.sample()
        var s = Fixture.state(data, width: 160, height: 45)
        Fixture.keys(&s, .char("d"))
        var lenient = EffectWork.score(data, options: Scorer.Options(lenient: true))
        lenient.request = s.session!.scoreRequest - 1
        var current = try #require(s.scores?.result)
        current.request = s.session!.scoreRequest
        Fixture.send(&s, .scored(current))
        _ = Reducer.reduce(&s, .triaged(TriageModel.build(data, lenient)))  // late, of an earlier scoring
        _ = Reducer.reduce(&s, .triaged(TriageModel.build(data, current)))
        guard case .triage(let t)? = s.overlay else {
            Issue.record("the dashboard closed")
            return
        }
        #expect(!t.rows.contains { $0.line.plain.contains("LENIENT reading") }, "rows of the replaced model")
        #expect(s.session?.triage?.request == current.request)
    }
}
