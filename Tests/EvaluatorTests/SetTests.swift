import Evaluator
import Foundation
import Sample
import Testing

/// Whole sets scored end to end, compared byte for byte with what PTBench's `run.py` wrote.
@Suite("Whole sets")
struct SetTests {
    /// Every folder under Fixtures/reference/sets: a new set is tested by being there.
    static let sets: [String] = {
        let folder = fixtures.appendingPathComponent("reference/sets")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test("the six oldest sets are found")
    func found() {
        let oldest = ["error_columns", "extra_predictions", "float_forms", "missing_predictions", "odd_predict_types"]
        #expect(Set(oldest + ["unequal_splits"]).isSubset(of: Self.sets))
    }

    @Test("CSV bytes and per-case verdicts equal the reference", arguments: sets)
    func set(_ name: String) throws {
        let root = fixtures.appendingPathComponent("reference/sets").appendingPathComponent(name)
        let bench = try Benchmark.load(
            data: root.appendingPathComponent("data"), predictions: root.appendingPathComponent("pred"))
        let report = bench.score()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-test-\(name)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        try CSVOutput.write(report, to: out)
        for folder in Benchmark.referenceSplits + ["overall"] {
            for file in ["acc_results.csv", "error_results.csv"] {
                let want = try #require(
                    try? Data(contentsOf: root.appendingPathComponent("expected/\(folder)/\(file)")),
                    "fixture \(name)/\(folder)/\(file)")
                let got = try? Data(contentsOf: out.appendingPathComponent("\(folder)/\(file)"))
                let gotText = String(decoding: got ?? Data(), as: UTF8.self).debugDescription
                let wantText = String(decoding: want, as: UTF8.self).debugDescription
                #expect(got == want, "\(name)/\(folder)/\(file): got \(gotText), want \(wantText)")
            }
        }
        let expected = try jsonLines("reference/sets/\(name)/expected/cases.jsonl")
        for e in expected {
            guard let split = e["split"]?.stringValue, case .number(let n)? = e["index"], let index = Int(n.text),
                let score = report.splits.first(where: { $0.name == split })
            else {
                Issue.record("bad expected line \(e)")
                continue
            }
            let v = score.verdicts[index]
            #expect(v.format == (e["format"] == .number(JSONNumber(text: "1"))), "\(name) \(split)#\(index) format")
        }
    }

    @Test("the bundled sample scores byte for byte as PTBench's scorer did on it", arguments: Sample.models)
    func sample(_ model: String) throws {
        let data = try #require(Sample.dataRoot)
        let bench = try Benchmark.load(data: data, predictions: try #require(Sample.run(model) as URL?))
        #expect(bench.splits.count == 2)
        #expect(bench.splits.reduce(0) { $0 + $1.cases.count } >= 150)
        let report = bench.score()
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        #expect(report.splits.reduce(0) { $0 + $1.formatFailures } >= 1, "\(model) has no format failure")
        let expected = fixtures.appendingPathComponent("sample").appendingPathComponent(model)
        for folder in Benchmark.referenceSplits {
            let split = try #require(report.splits.first { $0.name == folder })
            let acc = try #require(
                try? String(contentsOf: expected.appendingPathComponent("\(folder)/acc_results.csv"), encoding: .utf8))
            let err = try #require(
                try? String(contentsOf: expected.appendingPathComponent("\(folder)/error_results.csv"), encoding: .utf8))
            #expect(CSVOutput.accuracy(split.accuracy) == acc)
            #expect(CSVOutput.errors(split.errorCounts) == err)
        }
        let overall = try #require(report.overall)
        let acc = try #require(
            try? String(contentsOf: expected.appendingPathComponent("overall/acc_results.csv"), encoding: .utf8))
        #expect(CSVOutput.accuracy(overall.accuracy) == acc)
    }

    @Test("together the simulated models cover every error column")
    func sampleCoverage() throws {
        var seen = Set<ErrorColumn>()
        for model in Sample.models {
            let bench = try Benchmark.load(
                data: try #require(Sample.dataRoot), predictions: try #require(Sample.run(model) as URL?))
            for split in bench.score().splits { for (c, n) in split.errorCounts where n > 0 { seen.insert(c) } }
        }
        #expect(seen == Set(ErrorColumn.allCases))
    }
}
