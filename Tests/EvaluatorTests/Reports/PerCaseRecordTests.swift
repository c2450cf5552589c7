import Evaluator
import Foundation
import Sample
import Testing

/// `score --per-case` records for a notebook: the old fields kept, the case's text, the raw
/// prediction, the review and the diagnosis as structured fields.
@Suite("Per-case records")
struct PerCaseRecordTests {
    static func object(_ line: Substring) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
    }

    @Test("every old member kept in order; query, platforms, raw prediction and review added; findings in parts")
    func fields() throws {
        let bench = try ScoreOutputTests.sample()
        let report = bench.score(options: Scorer.Options())
        // A journal flagging the first untrained case with a note.
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("annotations.jsonl")
        let split = try #require(bench.splits.first)
        let journal = try Journal.open(url)
        try journal.append(
            kind: .setStatus, key: CaseKey.of(split.cases[0], in: split), status: .flagged, note: "gold looks odd", author: "t")
        journal.close()
        let annotations = Annotations.replay(try Journal.load(url).entries, over: bench)
        let lines = report.perCaseJSONLines(of: bench, annotations: annotations).split(separator: "\n")
        let old = report.perCaseJSONLines.split(separator: "\n")
        #expect(lines.count == old.count && !lines.isEmpty)
        var mismatches = 0
        for (k, (line, oldLine)) in zip(lines, old).enumerated() {
            // The old record is the new one's start (the diagnosis items only gain members).
            let oldStart = oldLine[..<(oldLine.range(of: "\"diagnosis\"")?.lowerBound ?? oldLine.endIndex)]
            #expect(line.hasPrefix(oldStart))
            let o = try Self.object(line)
            let s = try #require(bench.splits.first { $0.name == o["split"] as? String })
            let c = s.cases[try #require(o["index"] as? Int)]
            #expect(o["query"] as? String == c.query)
            #expect(o["gold_platform"] as? String == c.answer.arrayValue?.first?.stringValue)
            if case .text(let raw) = bench.predictions[s.name]?.lines[c.index] { #expect(o["prediction"] as? String == raw) }
            if k == 0 {
                #expect(o["status"] as? String == "flagged" && o["note"] as? String == "gold looks odd")
            } else {
                #expect(o["status"] as? String == "unreviewed" && o["note"] is NSNull)
            }
            for item in try #require(o["diagnosis"] as? [[String: Any]]) {
                if item["kind"] as? String == "value_mismatch" {
                    mismatches += 1
                    for key in ["function", "parameter", "predicted", "accepted", "rule", "source"] {
                        #expect(item[key] is String, "\(key) in \(item)")
                    }
                }
                if item["kind"] as? String == "format_failure" { #expect(item["failure"] is String) }
            }
        }
        #expect(mismatches > 0)
        let unreviewed = try Self.object(report.perCaseJSONLines(of: bench, annotations: nil).split(separator: "\n")[0])
        #expect(unreviewed["status"] is NSNull)
    }
}
