import Evaluator
import Foundation
import Sample
import Testing

// MARK: - PassAtK

/// Hand-computed values: pass@k = 1 − C(n−c, k)/C(n, k), pass^k = C(c, k)/C(n, k).
@Suite("pass@k and pass^k estimators")
struct PassAtKTests {
    // n = 5, c = 2: C(3,k)/C(5,k) = 3/5, 3/10, 1/10, 0, 0; C(2,k)/C(5,k) = 2/5, 1/10, 0, 0, 0.
    @Test(
        "n = 5, c = 2, k = 1…5",
        arguments: [(1, 0.4, 0.4), (2, 0.7, 0.1), (3, 0.9, 0.0), (4, 1.0, 0.0), (5, 1.0, 0.0)])
    func fiveTwo(k: Int, at: Double, hat: Double) throws {
        #expect(abs(try PassAtK.passAt(k, samples: 5, passed: 2) - at) < 1e-15)
        #expect(abs(try PassAtK.passHat(k, samples: 5, passed: 2) - hat) < 1e-15)
    }

    @Test("n = 10, c = 3: pass@2 = 1 − 21/45, pass^2 = 3/45")
    func tenThree() throws {
        #expect(abs(try PassAtK.passAt(2, samples: 10, passed: 3) - (1 - 21.0 / 45)) < 1e-15)
        #expect(abs(try PassAtK.passHat(2, samples: 10, passed: 3) - 3.0 / 45) < 1e-15)
    }

    @Test("no pass gives 0 and every pass gives 1, at every k")
    func edges() throws {
        for n in [1, 2, 7] {
            for k in 1...n {
                #expect(try PassAtK.passAt(k, samples: n, passed: 0) == 0)
                #expect(try PassAtK.passHat(k, samples: n, passed: 0) == 0)
                #expect(try PassAtK.passAt(k, samples: n, passed: n) == 1)
                #expect(try PassAtK.passHat(k, samples: n, passed: n) == 1)
            }
        }
    }

    @Test("k = 1 is the pass rate for both")
    func kOne() throws {
        for c in 0...9 {
            #expect(abs(try PassAtK.passAt(1, samples: 9, passed: c) - Double(c) / 9) < 1e-15)
            #expect(abs(try PassAtK.passHat(1, samples: 9, passed: c) - Double(c) / 9) < 1e-15)
        }
    }

    @Test("stable at n in the hundreds, where the binomials overflow a double")
    func large() throws {
        // C(199,100)/C(200,100) = 100/200.
        #expect(abs(try PassAtK.passAt(100, samples: 200, passed: 1) - 0.5) < 1e-13)
        #expect(abs(try PassAtK.passHat(100, samples: 200, passed: 199) - 0.5) < 1e-13)
        // 1/C(300,150): log C(300,150) = lgamma(301) − 2·lgamma(151).
        let expected = exp(-(lgamma(301.0) - 2 * lgamma(151.0)))
        let got = try PassAtK.passHat(150, samples: 300, passed: 150)
        #expect(got > 0 && abs(got - expected) <= 1e-9 * expected)
        #expect(abs(try PassAtK.passAt(150, samples: 300, passed: 150) - 1) < 1e-15)
    }

    @Test("k outside 1…n and impossible counts are refused")
    func refused() {
        #expect(throws: SampleEstimateError.k(6, samples: 5)) { try PassAtK.passAt(6, samples: 5, passed: 2) }
        #expect(throws: SampleEstimateError.k(0, samples: 5)) { try PassAtK.passHat(0, samples: 5, passed: 2) }
        #expect(throws: SampleEstimateError.counts(samples: 5, passed: 6)) { try PassAtK.passAt(1, samples: 5, passed: 6) }
        #expect(throws: SampleEstimateError.counts(samples: 0, passed: 0)) { try PassAtK.passAt(1, samples: 0, passed: 0) }
        #expect(SampleEstimateError.k(6, samples: 5).description.contains("outside 1…5"))
    }
}

// MARK: - SampleSetScore

@Suite("Sample sets")
struct SampleSetTests {
    @Test("means per split and overall (a plain mean over cases), flaky counts, ids across splits")
    func counts() throws {
        let set = SampleSetScore(
            sampleNumbers: [1, 2, 3, 4, 5],
            splits: [
                .init(name: "a", samples: 5, passed: [2, 0, 5]),
                .init(name: "b", samples: 5, passed: [5]),
            ])
        #expect(set.maximumK == 5)
        #expect(set.flakyCount == 1)
        #expect(set.tally(3)! == (5, 5))
        #expect(set.tally(4) == nil)
        #expect(set.isFlaky(0) && !set.isFlaky(1) && !set.isFlaky(2))
        // Split a at k = 2: (0.7 + 0 + 1)/3; overall: (0.7 + 0 + 1 + 1)/4.
        #expect(abs(try #require(try set.mean(.passAt, k: 2, split: "a")) - 1.7 / 3) < 1e-15)
        #expect(abs(try #require(try set.mean(.passAt, k: 2)) - 2.7 / 4) < 1e-15)
        #expect(abs(try #require(try set.mean(.passHat, k: 2)) - 2.1 / 4) < 1e-15)
        #expect(try set.mean(.passAt, k: 1, split: "none") == nil)
        #expect(throws: SampleEstimateError.k(6, samples: 5)) { try set.mean(.passAt, k: 6) }
        #expect(set.splits[0].histogram == [1, 0, 1, 0, 0, 1])
        // Counts that cannot be are refused, not averaged.
        let bad = SampleSetScore(sampleNumbers: [1, 2], splits: [.init(name: "a", samples: 2, passed: [1, 3])])
        #expect(throws: SampleEstimateError.counts(samples: 2, passed: 3)) { try bad.mean(.passHat, k: 1) }
    }

    @Test("sample-N folders sorted by number, gaps kept, other names ignored")
    func folders() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["sample-10", "sample-2", "sample-1", "sample-0", "sample-x", "sample-", "samples-3", "other"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try Data().write(to: dir.appendingPathComponent("sample-4"))
        #expect(SampleFolder.all(in: dir).map(\.name) == ["sample-1", "sample-2", "sample-10"])
        #expect(SampleFolder.all(in: dir).map(\.number) == [1, 2, 10])
        #expect(SampleFolder.all(in: dir.appendingPathComponent("other")).isEmpty)
        #expect(SampleFolder.all(in: dir.appendingPathComponent("absent")).isEmpty)
    }

    @Test("a folder with sample-N folders and splits of its own: a note says the samples are read")
    func samplesBesideOwnSplits() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("sample-1/u"), withIntermediateDirectories: true)
        try Data().write(to: dir.appendingPathComponent("sample-1/u/generation.jsonl"))
        #expect(SampleFolder.preferredNote(in: dir) == nil, "samples alone")
        // A split folder without generation.jsonl is not a split of its own.
        try fm.createDirectory(at: dir.appendingPathComponent("notes"), withIntermediateDirectories: true)
        #expect(SampleFolder.preferredNote(in: dir) == nil)
        for split in ["t", "u"] {
            try fm.createDirectory(at: dir.appendingPathComponent(split), withIntermediateDirectories: true)
            try Data().write(to: dir.appendingPathComponent(split).appendingPathComponent("generation.jsonl"))
        }
        let note = try #require(SampleFolder.preferredNote(in: dir))
        #expect(note.contains("holds sample-N folders and its own t, u/generation.jsonl: the samples are read"), "\(note)")
        #expect(note.hasSuffix("(give \(dir.appendingPathComponent("t").path) to read that split)"), "\(note)")
        // Splits alone: nothing to say.
        try fm.removeItem(at: dir.appendingPathComponent("sample-1"))
        #expect(SampleFolder.preferredNote(in: dir) == nil)
    }

    @Test("three samples of the bundled sample's runs: counts agree with each run's verdicts")
    func bundled() throws {
        let data = try #require(Sample.dataRoot)
        let strong = try #require(Sample.run("strong-sim"))
        let weak = try #require(Sample.run("weak-sim"))
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, run) in [("sample-1", strong), ("sample-2", weak), ("sample-3", strong)] {
            try FileManager.default.copyItem(at: run, to: dir.appendingPathComponent(name))
        }
        let folders = SampleFolder.all(in: dir)
        let benches = try Benchmark.loadSamples(data: data, samples: folders)
        #expect(benches.count == 3)
        let reports = benches.map { $0.score() }
        let set = SampleSetScore(samples: zip(folders, reports).map { ($0.number, $1) })
        let s = reports[0].verdicts
        let w = reports[1].verdicts
        func pass(_ v: CaseVerdict) -> Int { v.format && v.overall ? 1 : 0 }
        var flaky = 0
        for id in s.indices {
            let c = 2 * pass(s[id]) + pass(w[id])
            #expect(set.tally(id)! == (c, 3))
            if c == 1 || c == 2 { flaky += 1 }
        }
        #expect(flaky > 0)
        #expect(set.flakyCount == flaky)
        #expect(set.warnings.isEmpty)
        // pass@1 is the mean pass rate over the samples (a plain mean over all cases).
        let rate = Double(s.indices.reduce(0) { $0 + 2 * pass(s[$1]) + pass(w[$1]) }) / Double(3 * s.count)
        #expect(abs(try #require(try set.mean(.passAt, k: 1)) - rate) < 1e-12)
        let table = set.table()
        #expect(table.contains("pass@3") && table.contains("pass^3") && table.contains("flaky cases"))
        #expect(set.json().contains("\"pass@k\": ["))

        // Another metric: a pass is that metric's verdict, as acc_results.csv counts it.
        for metric in Metric.perCase where metric != .overall {
            let other = SampleSetScore(samples: zip(folders, reports).map { ($0.number, $1) }, metric: metric)
            func passes(_ v: CaseVerdict) -> Int { metric.passes(v) == true ? 1 : 0 }
            for id in s.indices { #expect(other.tally(id)! == (2 * passes(s[id]) + passes(w[id]), 3), "\(metric)") }
            #expect(other.json().contains("\"metric\": \"\(metric.rawValue)\""))
        }
        let names = SampleSetScore(samples: zip(folders, reports).map { ($0.number, $1) }, metric: .toolNames)
        #expect(names.table().hasPrefix("pass@k and pass^k over 3 samples (a case passes when its tool_names is right)"))
        // tool_names passes wherever overall does, and more often.
        #expect(try #require(try names.mean(.passAt, k: 1)) > (try #require(try set.mean(.passAt, k: 1))))
        #expect(Metric.queryParams.passes(s[0]) == nil && Metric.profileParams.passes(s[0]) == nil)
    }

    @Test("a split missing from one sample is a warning and leaves that split with fewer samples")
    func missingSplit() throws {
        let data = try #require(Sample.dataRoot)
        let strong = try #require(Sample.run("strong-sim"))
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["sample-1", "sample-2"] {
            try FileManager.default.copyItem(at: strong, to: dir.appendingPathComponent(name))
        }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("sample-2/test_trained_user"))
        let folders = SampleFolder.all(in: dir)
        let reports = try Benchmark.loadSamples(data: data, samples: folders).map { $0.score() }
        let set = SampleSetScore(samples: zip(folders, reports).map { ($0.number, $1) })
        #expect(set.splits.map(\.samples) == [2, 1])
        #expect(set.maximumK == 1)
        #expect(set.warnings == ["sample-2 has no predictions for split test_trained_user: not counted in its n"])
        #expect(set.table().contains("n/a"))
        #expect(set.flakyCount == 0)
    }

    func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-samples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
