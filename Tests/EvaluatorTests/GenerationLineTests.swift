import Evaluator
import Foundation
import Testing

/// `generation.jsonl` lines compared byte for byte with what Python's `json.dump` writes for the
/// same values (Fixtures/generation: `expected.jsonl` was written by running `json.load` on
/// `data.json` and `json.dump({"query", "label", "predict"})` with the texts of `predicts.json`).
@Suite("generation.jsonl lines")
struct GenerationLineTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/generation")

    @Test(
        "each line equals Python's json.dump: ASCII escapes, pairs past U+FFFF, lone surrogates, float repr, Infinity, NaN, big ints, repeated keys"
    )
    func matchesPython() throws {
        let split = try SplitData.load(name: "edge", url: Self.folder.appendingPathComponent("data.json"))
        let predicts =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: Self.folder.appendingPathComponent("predicts.json"))) as! [String]
        let expected = try String(contentsOf: Self.folder.appendingPathComponent("expected.jsonl"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { String($0) + "\n" }
        #expect(split.cases.count == expected.count)
        for c in split.cases {
            let json = try #require(split.fullCase(c))
            let line = GenerationLine.line(
                query: try #require(json["query"]), label: try #require(json["answer"]), predict: predicts[c.index])
            #expect(line == expected[c.index], "case \(c.index)")
        }
    }

    @Test("a line reads back as the same predict text")
    func roundTrip() throws {
        let line = GenerationLine.line(query: .string("q"), label: .array([.string("P"), .array([])]), predict: "x\"y")
        #expect(line == "{\"query\": \"q\", \"label\": [\"P\", []], \"predict\": \"x\\\"y\"}\n")
        let file = PredictionFile.parse(Array(line.utf8), file: "g", url: URL(fileURLWithPath: "/g"))
        guard case .text(let t)? = file.lines.first else {
            Issue.record("not read back as text")
            return
        }
        #expect(t == "x\"y")
    }
}
