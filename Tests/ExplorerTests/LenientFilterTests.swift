import Evaluator
import Foundation
import Sample
import Testing

@testable import Explorer

/// `:filter rescued`: the cases PTBench's reading counts as a format failure and the lenient
/// reading passes, of the focused run; refused without the lenient option.
@Suite("Rescued-by-lenient filter")
struct LenientFilterTests {
    /// The rescued cases of `data`'s run `run` by two score passes of the scorer itself.
    static func expected(_ data: ExplorerData, run: Int = 0) -> [Int] {
        let predictions = data.runs[run].predictions
        let items = data.benchmark.splits.map { ($0, predictions[$0.name]) }
        let reference = ScoreReport(splits: Scorer.score(items, options: Scorer.Options())).verdicts
        let lenient = ScoreReport(splits: Scorer.score(items, options: Scorer.Options(lenient: true))).verdicts
        return data.cases.indices.filter { !reference[$0].format && lenient[$0].format && lenient[$0].overall }
    }

    static func command(_ s: inout AppState, _ line: String) {
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, line)
        Fixture.keys(&s, .enter)
    }

    @Test("with the lenient option: exactly the reference's format failures that the lenient reading passes")
    func exactlyTheRescued() throws {
        let data = try Fixture.sample("weak-sim")
        var s = Fixture.state(data, width: 120, height: 40)
        Self.command(&s, "set lenient")
        Self.command(&s, "filter rescued")
        let expected = Self.expected(data)
        #expect(expected.count == 9)
        #expect(s.list.visible == expected)
        #expect(s.message?.hasPrefix("filter: rescued by lenient (9 cases)") == true, "\(s.message ?? "")")
        // Every listed case is a pass in the list (its verdicts are the lenient reading's).
        for id in s.list.visible { #expect(s.session?.focused?.summaries[id].verdict == .pass) }
        Self.command(&s, "filter clear")
        #expect(s.list.visible.count == data.cases.count)
    }

    @Test("without the lenient option it says it needs :set lenient and filters nothing")
    func refusedWithoutLenient() throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 120, height: 40)
        Self.command(&s, "filter rescued")
        #expect(s.message == Filter.rescuedNeedsLenient)
        #expect(!s.list.filter.rescued && s.list.visible.count == s.data?.cases.count)
        // The menu's row too: Space on it says so and selects nothing.
        Fixture.keys(&s, .char("f"))
        guard case .filter(var menu)? = s.overlay else {
            Issue.record("no filter menu")
            return
        }
        let row = try #require(menu.items.firstIndex(of: .rescued))
        #expect(menu.counts[row] == nil)
        #expect(Screen.text(s).contains("needs :set lenient"))
        while menu.selectedItem != .rescued { menu.move(.by(1), rows: 30) }
        s.overlay = .filter(menu)
        Fixture.keys(&s, .char(" "))
        #expect(s.message == Filter.rescuedNeedsLenient && !s.list.filter.rescued)
    }

    @Test("with the option on but its scores not in yet, no case is rescued (nothing half-known is listed)")
    func noneWhileScoring() throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 120, height: 40)
        let session = try #require(s.session)
        #expect(Filter.rescuedCases(session) == nil)
        s.session?.options.scorer.lenient = true
        let lenient = try #require(s.session)
        let pending = try #require(Filter.rescuedCases(lenient))
        #expect(pending.count == 150 && !pending.contains(true))
    }

    @Test("in a comparison it follows the focused run; the menu counts the focused run's rescued cases")
    func followsTheFocusedRun() throws {
        let data = try Fixture.compared()
        var s = Fixture.state(data, width: 120, height: 40)
        Self.command(&s, "set lenient")
        Self.command(&s, "filter rescued")
        #expect(s.list.visible == Self.expected(data, run: 0))
        Self.command(&s, "run B")
        #expect(s.session?.focusedRun == 1)
        let b = Self.expected(data, run: 1)
        #expect(s.list.visible == b && b.count == 9)
        Fixture.keys(&s, .char("f"))
        guard case .filter(let menu)? = s.overlay else {
            Issue.record("no filter menu")
            return
        }
        let row = try #require(menu.items.firstIndex(of: .rescued))
        #expect(menu.counts[row] == b.count)
        #expect(Screen.text(s).contains("rescued by lenient"))
    }
}
