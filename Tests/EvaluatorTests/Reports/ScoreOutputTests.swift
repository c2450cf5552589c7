import Evaluator
import Foundation
import Sample
import Testing

/// What `ptscope score`, `check`, `export` and `bench` print and write, built by the library.
@Suite("Score output")
struct ScoreOutputTests {
    static func sample(_ model: String = "weak-sim") throws -> Benchmark {
        try Benchmark.load(data: try #require(Sample.dataRoot), predictions: try #require(Sample.run(model) as URL?))
    }

    @Test("per-case output: one JSON line per case, split by split in data order, each naming its split and index")
    func perCase() throws {
        let bench = try Self.sample()
        let report = bench.score(options: Scorer.Options())
        let text = report.perCaseJSONLines
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let expected = report.splits.flatMap { split in split.verdicts.indices.map { (split.name, $0) } }
        #expect(lines.count == expected.count && !expected.isEmpty)
        for (line, (split, index)) in zip(lines, expected) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["split"] as? String == split && object["index"] as? Int == index, "\(line)")
        }
        let first = try #require(report.splits.first)
        #expect(lines.first.map(String.init) == first.diagnosis(0).jsonLine(split: first.name, index: 0))

        let url = try temporaryFolder().appendingPathComponent("cases.jsonl")
        try report.writePerCase(toPath: url.path)
        #expect(try String(contentsOf: url, encoding: .utf8) == text)
    }

    @Test("per-case output to a folder that does not exist: the error names the path as given")
    func perCaseUnwritable() throws {
        let report = try Self.sample().score(options: Scorer.Options())
        #expect {
            try report.writePerCase(toPath: "/nonexistent/cases.jsonl")
        } throws: { error in
            "\(error)".hasPrefix("/nonexistent/cases.jsonl: cannot write: ")
        }
    }

    @Test("a split without cases: every metric's zero denominator is named, one warning each")
    func zeroDenominators() throws {
        let empty = SplitScore(name: "test_trained_user", cases: [], verdicts: [])
        let report = ScoreReport(splits: [empty])
        #expect(report.zeroDenominatorWarnings.count == Metric.allCases.count)
        #expect(
            report.zeroDenominatorWarnings.first
                == "test_trained_user: \(Metric.allCases[0].rawValue) has a zero denominator; written as n/a (PTBench's scorer would crash here)"
        )
        #expect(try Self.sample().score(options: Scorer.Options()).zeroDenominatorWarnings.isEmpty)
    }

    @Test("the summary: the reference table, then the lenient one after a blank line; JSON pairs them")
    func summary() throws {
        let bench = try Self.sample()
        let report = bench.score(options: Scorer.Options())
        let plain = ScoreSummary(report, of: bench, format: .reference, lenient: false)
        #expect(plain.lenient == nil)
        #expect(plain.table == report.table() && plain.json == report.json())

        let both = ScoreSummary(report, of: bench, format: .reference, lenient: true)
        let lenient = try #require(both.lenient)
        #expect(lenient.lenient)
        #expect(both.table == report.table() + "\n" + lenient.table())
        #expect(both.table.contains("\nLENIENT READING"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(both.json.utf8)) as? [String: Any])
        #expect((json["reference"] as? [String: Any])?["lenient"] as? Bool == false)
        #expect((json["lenient"] as? [String: Any])?["lenient"] as? Bool == true)
    }

    @Test("check's and export's last lines")
    func commandSummaries() throws {
        let bench = try Self.sample()
        let cases = bench.splits.reduce(0) { $0 + $1.cases.count }
        let problems = Validation.problems(in: bench)
        #expect(Validation.summary(of: bench, problems: problems) == "2 split(s), \(cases) cases, \(problems.count) problem(s)")
        let folder = URL(fileURLWithPath: "/tmp/out")
        #expect(
            CorrectedExport.summary(Annotations(), writtenTo: folder)
                == "wrote /tmp/out: 0 case(s) with corrected gold, 0 flagged, 0 entries not applied (CHANGES.md, changes.jsonl)")
        var one = Annotations()
        one.problems = ["x"]
        #expect(CorrectedExport.summary(one, writtenTo: folder).contains(", 1 entry not applied"))
    }

    @Test("bench: every phase timed once per run, what was measured counted, the scratch folder removed")
    func bench() throws {
        let data = try #require(Sample.dataRoot)
        let pred = try #require(Sample.run("strong-sim"))
        let scratch = try temporaryFolder().appendingPathComponent("scratch")
        var after: [Int] = []
        let bench = try ScoreBench.run(
            data: data, predictions: pred, options: Scorer.Options(), runs: 3, scratch: scratch
        ) { after.append($0) }
        #expect(after == [1, 2, 3])
        #expect([bench.load, bench.score, bench.csv, bench.total].map(\.count) == [3, 3, 3, 3] as [Int])
        let loaded = try Benchmark.load(data: data, predictions: pred)
        #expect(bench.cases == loaded.splits.reduce(0) { $0 + $1.cases.count } && bench.splits == 2)
        #expect(bench.dataBytes == loaded.splits.reduce(0) { $0 + $1.bytes.count } && bench.predictionBytes > 0)
        #expect(bench.formatOK > 0 && bench.formatOK <= bench.cases)
        #expect(!FileManager.default.fileExists(atPath: scratch.path))
        let text = bench.text(cores: 2)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "ptscope bench: \(data.path)  \(pred.path)")
        #expect(
            lines[1].hasPrefix("\(bench.cases) cases in 2 split(s), \(bench.formatOK) parsed; data ")
                && lines[1].hasSuffix("; 3 run(s), 2 core(s)"))
        #expect(lines[3] == "phase" + String(repeating: " ", count: 11) + "        min     median        max")
        #expect(
            lines[4...7].map { String($0.prefix(16)) } == [
                "load + index    ", "parse + score   ", "CSV writing     ", "total           ",
            ])
        #expect(lines[10].hasPrefix("parse + score: ") && lines[10].hasSuffix(" cases/s (median)"))
    }

    @Test("bench on a missing data root: the error names it, and the scratch folder is not left behind")
    func benchMissing() throws {
        let scratch = try temporaryFolder().appendingPathComponent("scratch")
        #expect {
            _ = try ScoreBench.run(
                data: URL(fileURLWithPath: "/nonexistent/data"), predictions: URL(fileURLWithPath: "/nonexistent/pred"),
                options: Scorer.Options(), runs: 1, scratch: scratch)
        } throws: { error in
            "\(error)".hasPrefix("/nonexistent/data: no such file or folder")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path))
    }

    @Test("resident memory: VmRSS and VmHWM read from a status text, nil when one is missing; this process has both")
    func residentMemory() throws {
        let status = "Name:\tx\nVmHWM:\t    2048 kB\nVmRSS:\t    1024 kB\n"
        let read = try #require(ResidentMemory.parse(status: status))
        #expect(read.rss == 1024 && read.peak == 2048)
        #expect(ResidentMemory.parse(status: "VmRSS:\t 1 kB\n").map(\.rss) == nil)
        #expect(ResidentMemory.read().map(\.peak) != nil)
        #expect(ResidentMemory.measure().hasPrefix("resident "))
    }
}
