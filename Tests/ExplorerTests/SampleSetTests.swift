import Evaluator
import Foundation
import Sample
import TUICore
import Testing

@testable import Explorer

/// A folder of samples (`DIR/sample-1 … sample-K`, `ptscope run --samples K`) opened as one run per
/// sample: the per-case tally in the case pane, pass@k / pass^k on the dashboard, `:filter flaky`.
@Suite("Sample sets in the explorer")
struct SampleSetExplorerTests {
    /// A temporary folder `set` holding sample-1 = strong-sim, sample-2 = weak-sim,
    /// sample-3 = strong-sim (the bundled sample's runs), and the data root.
    static func folder() throws -> (root: URL, data: URL, set: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-sampleset-\(UUID().uuidString)")
        let set = root.appendingPathComponent("set")
        try FileManager.default.createDirectory(at: set, withIntermediateDirectories: true)
        for (name, model) in [("sample-1", "strong-sim"), ("sample-2", "weak-sim"), ("sample-3", "strong-sim")] {
            try FileManager.default.copyItem(at: try #require(Sample.run(model)), to: set.appendingPathComponent(name))
        }
        return (root, try #require(Sample.dataRoot), set)
    }

    /// The cases whose overall verdict differs between the two simulated models: exactly the
    /// flaky ones of the folder above (2 of 3 or 1 of 3 passes).
    static func expectedFlaky(_ data: ExplorerData) throws -> [Int] {
        let root = try #require(Sample.dataRoot)
        func passes(_ model: String) throws -> [Bool] {
            let bench = try Benchmark.load(data: root, predictions: try #require(Sample.run(model) as URL?))
            return bench.score().verdicts.map { $0.format && $0.overall }
        }
        let (a, b) = (try passes("strong-sim"), try passes("weak-sim"))
        return data.cases.indices.filter { a[$0] != b[$0] }
    }

    static func opened(width: Int = 120, height: Int = 40) throws -> (AppState, ExplorerData, URL) {
        let f = try folder()
        let plan = try LaunchPlan(data: f.data.path, predictions: [f.set.path], runs: [])
        let data = try plan.load()
        return (Fixture.state(data, width: width, height: height), data, f.root)
    }

    static func command(_ s: inout AppState, _ line: String) {
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, line)
        Fixture.keys(&s, .enter)
    }

    @Test("a folder of samples opens as one run per sample, named NAME·sN, in the order of N")
    func expanded() throws {
        let f = try Self.folder()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let set = f.set
        try FileManager.default.moveItem(at: set.appendingPathComponent("sample-3"), to: set.appendingPathComponent("sample-10"))
        let plan = try LaunchPlan(data: f.data.path, predictions: [f.set.path], runs: [])
        #expect(plan.runs.map(\.name) == ["set·s1", "set·s2", "set·s10"])
        #expect(plan.runs.map(\.sample) == [1, 2, 10].map { RunSample(set: "set", number: $0) })
        // --runs-dir takes a subfolder that holds samples.
        let dir = try LaunchPlan(data: f.data.path, predictions: [], runs: [], runsDir: f.root.path)
        #expect(dir.runs.map(\.name) == ["set·s1", "set·s2", "set·s10"])
        #expect(dir.notes.isEmpty)
        // A plain run is not a sample.
        let plain = try LaunchPlan(data: f.data.path, predictions: [try #require(Sample.run("weak-sim")).path], runs: [])
        #expect(plain.runs.map(\.sample) == [nil])
    }

    @Test(":filter flaky lists exactly the cases that pass in some samples and fail in others")
    func flakyFilter() throws {
        var (s, data, root) = try Self.opened()
        defer { try? FileManager.default.removeItem(at: root) }
        let expected = try Self.expectedFlaky(data)
        #expect(!expected.isEmpty)
        let flags = try #require(s.session?.flakyCases)
        #expect(flags.indices.filter { flags[$0] } == expected)
        Self.command(&s, "filter flaky")
        #expect(s.list.visible == expected)
        #expect(s.message == "filter: flaky (\(expected.count) cases)")
        // The f menu lists the row with its count.
        Self.command(&s, "filter clear")
        Fixture.keys(&s, .char("f"))
        guard case .filter(let menu)? = s.overlay else {
            Issue.record("no filter menu")
            return
        }
        let row = try #require(menu.items.firstIndex(of: .flaky))
        #expect(menu.counts[row] == expected.count)
        #expect(Screen.text(s).contains(Filter.flakyLabel))
    }

    @Test(":filter flaky without a sample set is refused with the reason; the menu has no such row")
    func refusedWithoutSamples() throws {
        var s = Fixture.state(try Fixture.compared(), width: 120, height: 40)
        Self.command(&s, "filter flaky")
        #expect(s.message == Filter.flakyNeedsSamples)
        #expect(!s.list.filter.flaky && s.list.visible.count == s.data?.cases.count)
        Fixture.keys(&s, .char("f"))
        guard case .filter(let menu)? = s.overlay else {
            Issue.record("no filter menu")
            return
        }
        #expect(!menu.items.contains(.flaky))
        #expect(FilterCommand.words(try Fixture.sample()).contains("flaky"))
    }

    @Test("the case pane says how many samples passed, and whether the case is flaky")
    func paneTally() throws {
        var (s, data, root) = try Self.opened(width: 160, height: 50)
        defer { try? FileManager.default.removeItem(at: root) }
        let session = try #require(s.session)
        let flaky = try #require(try Self.expectedFlaky(data).first)
        let t = try #require(session.sampleTally(flaky))
        #expect(t.samples == 3 && (t.passed == 1 || t.passed == 2))
        Self.command(&s, "filter flaky")
        #expect(s.selectedID == flaky)
        let pane = try #require(s.panes.lines).detail.map(\.plain)
        let line = "  samples: \(t.passed)/3 pass · flaky (sample set set)"
        #expect(pane.contains(line), Comment(rawValue: pane.joined(separator: "\n")))
    }

    @Test(
        ":samples tool_names: the tally, the flaky filter and the dashboard count that metric (as score --metric); alone: overall"
    )
    func samplesMetric() throws {
        var (s, data, root) = try Self.opened()
        defer { try? FileManager.default.removeItem(at: root) }
        let overall = try #require(s.session?.sampleSet)
        Self.command(&s, "samples tool_names")
        #expect(s.message?.contains("a case passes a sample when its tool_names is right") == true, "\(s.message ?? "")")
        let set = try #require(s.session?.sampleSet)
        #expect(set.metric == .toolNames)
        // The same counts as `score --metric tool_names` makes from the samples' reports.
        let folders = SampleFolder.all(in: root.appendingPathComponent("set"))
        let benches = try Benchmark.loadSamples(data: try #require(Sample.dataRoot), samples: folders)
        let cli = SampleSetScore(
            samples: zip(folders, benches.map { $0.score() }).map { ($0.number, $1) }, metric: .toolNames)
        for id in data.cases.indices { #expect(set.tally(id)! == cli.tally(id)!, "case \(id)") }
        #expect(set.flakyCount != overall.flakyCount, "another metric, other flaky cases")
        // The flaky filter and the pane follow.
        Self.command(&s, "filter flaky")
        #expect(s.list.visible.count == set.flakyCount)
        let id = try #require(s.selectedID)
        let t = try #require(set.tally(id))
        let pane = try #require(s.panes.lines).detail.map(\.plain)
        #expect(
            pane.contains("  samples: \(t.passed)/3 pass tool_names · flaky (sample set set)"),
            Comment(rawValue: pane.joined(separator: "\n")))
        Fixture.keys(&s, .char("d"))
        let rows = TriageRows.rows(s.viewContext!, .dashboard, width: 120).map(\.line.plain)
        #expect(
            rows.contains { $0.contains("a case passes when its tool_names is right") },
            Comment(rawValue: rows.joined(separator: "\n")))
        Fixture.keys(&s, .escape)
        // Alone: the overall verdict again; a ratio metric is refused.
        Self.command(&s, "samples")
        #expect(s.session?.sampleSet?.metric == .overall)
        Self.command(&s, "samples query_params")
        #expect(s.message?.contains("samples needs a metric a case passes or fails") == true, "\(s.message ?? "")")
        #expect(s.session?.sampleMetric == .overall)
        // Without a sample set: refused, saying why.
        var plain = Fixture.state(try Fixture.compared(), width: 120, height: 40)
        Self.command(&plain, "samples tool_names")
        #expect(plain.message?.hasPrefix("no sample set is loaded") == true, "\(plain.message ?? "")")
    }

    @Test("the dashboard shows pass@k and pass^k for k = 1…3 per split and overall, and the flaky count")
    func dashboard() throws {
        var (s, _, root) = try Self.opened()
        defer { try? FileManager.default.removeItem(at: root) }
        let set = try #require(s.session?.sampleSet)
        Fixture.keys(&s, .char("d"))
        let rows = TriageRows.rows(s.viewContext!, .dashboard, width: 120).map(\.line.plain)
        let start = try #require(rows.firstIndex { $0.hasPrefix("Samples") || $0.contains("Samples ") })
        let table = rows[start...].prefix(12).joined(separator: "\n")
        for k in 1...3 {
            let at = String(format: "%.1f%%", try #require(try set.mean(.passAt, k: k)) * 100)
            let hat = String(format: "%.1f%%", try #require(try set.mean(.passHat, k: k)) * 100)
            #expect(table.contains("pass@\(k)") && table.contains(at), Comment(rawValue: table))
            #expect(table.contains("pass^\(k)") && table.contains(hat), Comment(rawValue: table))
        }
        #expect(table.contains("flaky") && table.contains(String(set.flakyCount)))
        for _ in 0..<20 where !Screen.text(s).contains("pass^3") { Fixture.keys(&s, .pageDown) }
        goldens.check("view-dashboard-samples-120x40", Screen.text(s))
    }
}
