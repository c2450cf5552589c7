import Evaluator
import Foundation
import Sample
import TUICore
import Testing

@testable import Explorer

/// The case pane with many runs (issue 12: keys < 16 ms with 20 runs): the focused run and the
/// compared pair are laid out whole, every other run in a few lines, so the pane's size does not
/// grow with the runs' call diffs and raw texts.
@Suite("Case pane with many runs")
struct ManyRunsPaneTests {
    /// The sample's two models alternating as `count` runs (A = strong-sim, B = weak-sim, ...).
    static func runs(_ count: Int) throws -> ExplorerData {
        let root = try #require(Sample.dataRoot)
        let models = try ["strong-sim", "weak-sim"].map {
            try Benchmark.load(data: root, predictions: try #require(Sample.run($0) as URL?))
        }
        let others = (1..<count).map { k in RunData(name: "run\(k)", predictions: models[k % 2].predictions) }
        return ExplorerData(benchmark: models[0], runName: "run0", otherRuns: others)
    }

    static func paneText(_ s: AppState) throws -> [String] {
        try #require(s.panes.lines).detail.map(\.plain)
    }

    @Test func runsNeitherFocusedNorComparedAreBriefAndFocusingOneShowsItWhole() throws {
        var two = Fixture.state(try Self.runs(2), width: 120, height: 40)
        var many = Fixture.state(try Self.runs(20), width: 120, height: 40)
        // A case every run fails (the weak model's runs at least), so each run has findings.
        let id = try #require(
            many.data!.cases.indices.first { id in many.scores!.runs.allSatisfy { !$0.verdicts[id].overall } })
        while two.selectedID != id { Fixture.keys(&two, .char("j")) }
        while many.selectedID != id { Fixture.keys(&many, .char("j")) }
        let twoLines = try Self.paneText(two)
        let manyLines = try Self.paneText(many)
        // Two whole runs, eighteen in brief (a banner, the verdict, the first finding, a hint).
        #expect(manyLines.count <= twoLines.count + 18 * 5, "\(twoLines.count) vs \(manyLines.count)")
        #expect(manyLines.filter { $0.contains("Prediction (raw text)") }.count == 2)
        #expect(manyLines.contains { $0.contains("b or :run run7 shows its call diff and raw text") })
        let brief = try #require(manyLines.firstIndex { $0.contains("Run H ") })
        #expect(manyLines[brief + 2].hasPrefix("  • "), "the first finding: \(manyLines[brief + 2])")

        // Focusing run H (index 7) lays the pane out again with run H whole (compared with A), B in brief.
        Fixture.type(&many, ":run H")
        Fixture.keys(&many, .enter)
        #expect(many.session?.focusedRun == 7)
        let focused = try Self.paneText(many)
        #expect(focused.filter { $0.contains("Prediction (raw text)") }.count == 2)
        #expect(!focused.contains { $0.contains("b or :run run7 shows") })
        #expect(focused.contains { $0.contains("b or :run run1 shows") })
    }

    @Test func choosingAnotherPairLaysThePaneOutAgain() throws {
        var s = Fixture.state(try Self.runs(6), width: 120, height: 40)
        #expect(try Self.paneText(s).contains { $0.contains("b or :run run4 shows") })
        Fixture.type(&s, ":compare A E")
        Fixture.keys(&s, .enter)
        #expect(s.session?.comparedRuns == RunPair(a: 0, b: 4))
        #expect(!(try Self.paneText(s)).contains { $0.contains("b or :run run4 shows") })
    }
}
