import Foundation
import Testing

/// A run made of samples (`DIR/sample-1 … sample-3`, as `ptscope run --samples 3` writes it), built
/// from the bundled sample's strong-sim predictions with some answers broken so that chosen cases
/// pass in 2 of 3 or 1 of 3 samples: `score` prints pass@k, and the explorer's `:filter flaky`
/// lists exactly the cases made flaky.
@Suite(
    "samples: score and the explorer",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct SamplesEndToEndTests {
    static let split = "test_untrained_user"

    /// `tmp`/samples with sample-1..3 copies of strong-sim, where sample-2 breaks (a prose answer,
    /// a format failure) two passing cases and one failing case, and sample-3 breaks two other
    /// passing cases that sample-2 breaks too. Returns the folder and how many cases are flaky.
    static func fixture(in tmp: TemporaryFolder) async throws -> (data: String, samples: String, flaky: Int) {
        let sample = CLIOutputTests.sample
        let data = sample.appendingPathComponent("data").path
        let strong = sample.appendingPathComponent("runs/strong-sim").path
        // Which of strong-sim's cases pass, from the real binary's per-case records.
        let records = tmp.path + "/strong.jsonl"
        let scored = try await CLIOutputTests.run(
            ["score", data, strong, "--out", tmp.path + "/strong", "--per-case", records], in: tmp)
        #expect(scored.status == 0, "\(scored.errors)")
        var passing: [Int] = []
        var failing: [Int] = []
        for line in try String(contentsOfFile: records, encoding: .utf8).split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard o["split"] as? String == split, let index = o["index"] as? Int else { continue }
            if o["format"] as? Bool == true, o["overall"] as? Bool == true {
                passing.append(index)
            } else {
                failing.append(index)
            }
        }
        #expect(passing.count >= 4 && !failing.isEmpty)
        let root = tmp.path + "/samples"
        for k in 1...3 {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: strong, toPath: root + "/sample-\(k)")
        }
        // 2 of 3: passing[0], passing[1]; 1 of 3: passing[2], passing[3]; failing[0]: 0 of 3 still.
        try breakAnswers(root + "/sample-2/\(split)/generation.jsonl", Array(passing[0..<4]) + [failing[0]])
        try breakAnswers(root + "/sample-3/\(split)/generation.jsonl", [passing[2], passing[3]])
        return (data, root, 4)
    }

    /// Replaces the `predict` of lines `indices` (0-based) of `file` with prose no parser reads.
    static func breakAnswers(_ file: String, _ indices: [Int]) throws {
        var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        for i in indices {
            var o = try #require(try JSONSerialization.jsonObject(with: Data(lines[i].utf8)) as? [String: Any])
            o["predict"] = "I am not sure which platform you mean."
            lines[i] = Substring(String(decoding: try JSONSerialization.data(withJSONObject: o), as: UTF8.self))
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
    }

    @Test("score on a folder of samples: each sample's table (the first byte-identical to the plain run's), then pass@k")
    func score() async throws {
        let tmp = try TemporaryFolder()
        let f = try await Self.fixture(in: tmp)
        let run = try await CLIOutputTests.run(["score", f.data, f.samples, "--out", tmp.path + "/out"], in: tmp)
        #expect(run.status == 0, "\(run.errors)")
        let plain = try await CLIOutputTests.run(
            ["score", f.data, f.samples + "/sample-1", "--out", tmp.path + "/plain"], in: tmp)
        #expect(run.text.hasPrefix("sample-1: \(f.samples)/sample-1\n\n" + plain.text))
        for k in 1...3 {
            #expect(run.text.contains("\nsample-\(k): \(f.samples)/sample-\(k)\n") || k == 1)
            #expect(FileManager.default.fileExists(atPath: tmp.path + "/out/sample-\(k)/\(Self.split)/acc_results.csv"))
        }
        #expect(run.text.contains("pass@k and pass^k over 3 samples"))
        #expect(run.text.contains("pass^3"))
        let flakyRow = try #require(run.text.split(separator: "\n").first { $0.hasPrefix("flaky cases") })
        #expect(flakyRow.split(separator: " ").suffix(3) == ["4", "0", "4"], "\(flakyRow)")

        let json = try await CLIOutputTests.run(["score", f.data, f.samples, "--out", tmp.path + "/out", "--json"], in: tmp)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
        let pass = try #require(o["pass_at_k"] as? [String: Any])
        #expect((pass["overall"] as? [String: Any])?["flaky"] as? Int == f.flaky)
        #expect(((pass["overall"] as? [String: Any])?["pass@k"] as? [Any])?.count == 3)
        #expect((o["samples"] as? [Any])?.count == 3)

        // --metric: what counts as a pass; the parameter ratios are refused, and so is a plain run.
        let names = try await CLIOutputTests.run(
            ["score", f.data, f.samples, "--out", tmp.path + "/out", "--metric", "tool_names"], in: tmp)
        #expect(names.status == 0, "\(names.errors)")
        #expect(names.text.contains("(a case passes when its tool_names is right)"), "\(names.text)")
        let ratio = try await CLIOutputTests.run(["score", f.data, f.samples, "--metric", "query_params"], in: tmp)
        #expect(ratio.status == 64 && ratio.errors.contains("choose one of format, platforms, tool_names"), "\(ratio.errors)")
        let single = try await CLIOutputTests.run(
            ["score", f.data, f.samples + "/sample-1", "--out", tmp.path + "/plain", "--metric", "platforms"], in: tmp)
        #expect(single.status == 2 && single.errors.contains("--metric applies to a folder of sample-N folders"))

        let records = tmp.path + "/cases.jsonl"
        let perCase = try await CLIOutputTests.run(
            ["score", f.data, f.samples, "--out", tmp.path + "/out", "--per-case", records], in: tmp)
        #expect(perCase.status == 0)
        let lines = try String(contentsOfFile: records, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3 * 150)
        let flakyRecords = try lines.filter { line in
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let c = try #require(o["samples_passed"] as? Int)
            return o["sample"] as? Int == 1 && c > 0 && c < 3
        }
        #expect(flakyRecords.count == f.flaky)

        // check validates every sample, each summary named after it; a short file is a problem (exit 1).
        let check = try await CLIOutputTests.run(["check", f.data, f.samples], in: tmp)
        #expect(
            check.status == 0 && (1...3).allSatisfy { check.text.contains("sample-\($0): 2 split(s), 150 cases, 0 problem(s)") })
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: f.samples + "/sample-3/test_trained_user/generation.jsonl"))
        let short = try await CLIOutputTests.run(["check", f.data, f.samples], in: tmp)
        #expect(short.status == 1 && short.text.contains("sample-3: 2 split(s), 150 cases, 2 problem(s)"), "\(short.text)")
    }

    @Test("120×40: the explorer opens the samples as runs; :filter flaky lists exactly the cases made flaky")
    func flakyFilter() async throws {
        let tmp = try TemporaryFolder()
        let f = try await Self.fixture(in: tmp)
        let t = try TmuxSession(width: 120, height: 40, arguments: [f.data, f.samples, "--fresh"])
        try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.header.contains("run A/3 samples·s1") }
        try t.send(":")
        try t.type("filter flaky")
        try t.send("Enter")
        let s = try await t.waitUntil("\(f.flaky) flaky cases listed") { $0.listCounts?.shown == f.flaky }
        #expect(s.statusBar.contains("filter: flaky (\(f.flaky) cases)"), "\(s.framed)")
        #expect(s.contains("/3 pass · flaky"), "\(s.framed)")
        try t.send("d")
        let d = try await t.waitUntil("the dashboard's samples table") { $0.contains("pass^3") }
        #expect(d.contains("flaky"), "\(d.framed)")
    }
}
