import Evaluator
import Foundation
import Sample
import TUICore
import Testing

@testable import Explorer

/// The dashboard's lenient table: the cases the lenient reading read, counted per recovery rule.
@Suite("Lenient recovery rules on the dashboard")
struct LenientRulesTests {
    static func lenientState(_ data: ExplorerData) -> AppState {
        var s = Fixture.state(data, width: 140, height: 60)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "set lenient")
        Fixture.keys(&s, .enter)
        return s
    }

    @Test("the counts equal a direct count over Lenient.read of every case, per split and overall, for every run")
    func countsMatchADirectCount() throws {
        let data = try Fixture.compared()
        let s = Self.lenientState(data)
        let model = try #require(s.session?.triage)
        for run in data.runs.indices {
            let rules = try #require(model.dashboards[run].lenientRules)
            // Directly: every case, read or not, scored alone with the lenient options.
            var expected: [LenientReading.Rule?: [[Int]]] = [:]
            var total = Array(repeating: [0, 0, 0], count: data.benchmark.splits.count + 1)
            for entry in data.cases {
                let line = data.predictionLine(entry, run: run)
                guard case .text(let text)? = line, let reading = Lenient.read(text) else { continue }
                let v = Scorer.verdict(
                    for: data.benchmarkCase(entry), line: line, options: Scorer.Options(lenient: true))
                var counts = expected[reading.rule] ?? Array(repeating: [0, 0, 0], count: total.count)
                for column in [entry.split, total.count - 1] {
                    let add = [1, v.format ? 1 : 0, v.format && v.overall ? 1 : 0]
                    counts[column] = zip(counts[column], add).map(+)
                    total[column] = zip(total[column], add).map(+)
                }
                expected[reading.rule] = counts
            }
            #expect(rules.rows.count == expected.count)
            for row in rules.rows {
                #expect(row.counts.map { [$0.read, $0.parse, $0.pass] } == expected[row.rule], "\(row.label)")
                #expect(row.cases.count == row.counts.last?.read)
            }
            #expect(rules.total.counts.map { [$0.read, $0.parse, $0.pass] } == total)
            #expect(rules.columns == ["U", "T", "all"])
        }
        // weak-sim (run B): 17 readings, 9 of them parse and pass.
        let b = try #require(model.dashboards[1].lenientRules)
        #expect(b.total.counts.last == Triage.LenientRules.Count(read: 17, parse: 9, pass: 9))
    }

    @Test("the dashboard shows the table with the lenient option, a row per rule and the total; not without it")
    func shown() throws {
        let data = try Fixture.sample("weak-sim")
        var plain = Fixture.state(data, width: 140, height: 60)
        Fixture.keys(&plain, .char("d"))
        #expect(!Screen.text(plain).contains("Lenient recovery rules"))
        #expect(plain.session?.triage?.dashboards[0].lenientRules == nil)

        var s = Self.lenientState(data)
        Fixture.keys(&s, .char("d"))
        let text = Screen.text(s)
        #expect(text.contains("Lenient recovery rules"))
        let lines = text.split(separator: "\n")
        let rules = try #require(s.session?.triage?.dashboards[0].lenientRules)
        for row in rules.rows {
            let numbers = row.counts.flatMap { [$0.read, $0.parse, $0.pass] }.map(String.init).joined(separator: " +")
            #expect(
                lines.contains { $0.contains(row.label) && $0.range(of: numbers, options: .regularExpression) != nil },
                "\(row.label) \(numbers)")
        }
        #expect(lines.contains { $0.contains("total") && $0.contains("17") })
    }
}
