import Evaluator
import Explorer
import Foundation
import TUICore
import Testing

/// The explorer shows every case of the conformance sets (`../shared/conformance`, beside the
/// project on CI; skipped, visibly, where it is absent) with the verdicts of PTBench's scorer.
@Suite("Explorer on the conformance sets")
struct ConformanceTests {
    @Test(
        "every case is listed with the reference's verdict",
        .enabled(if: !Fixture.conformanceSets.isEmpty, "../shared/conformance is not beside the project"),
        arguments: Fixture.conformanceSets)
    func everyCaseShowsTheReferenceVerdict(_ set: URL) throws {
        let bench = try Benchmark.load(data: set.appendingPathComponent("data"), predictions: set.appendingPathComponent("pred"))
        let data = ExplorerData(benchmark: bench, runName: set.lastPathComponent)
        var s = Fixture.state(data, width: 200, height: 50)
        let text = try String(contentsOf: set.appendingPathComponent("expected/cases.jsonl"), encoding: .utf8)
        var expected: [String: (format: Bool, overall: Bool)] = [:]
        for line in text.split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let key = "\(o["split"] as? String ?? "")#\(o["index"] as? Int ?? -1)"
            expected[key] = ((o["format"] as? Int ?? 0) != 0, (o["overall"] as? Int ?? 0) != 0)
        }
        #expect(s.list.visible.count == data.cases.count)
        #expect(expected.count == data.cases.count)
        for id in 0..<data.cases.count {
            let entry = data.cases[id]
            let key = "\(data.split(of: entry).name)#\(entry.index)"
            let want = try #require(expected[key], "no expected verdict for \(key)")
            let wantGlyph = !want.format ? "!" : want.overall ? "✓" : "✗"
            let buf = Screen.render(s)
            let list = try #require(Layout(s).list)
            let row = buf.row(text: list.y + 1 + Layout.listHeaderRows + (s.list.cursor.index - s.list.cursor.top))
            #expect(row.contains(" \(wantGlyph) "), "\(key): expected \(wantGlyph) in \(row)")
            Fixture.keys(&s, .char("j"))
        }
    }
}
