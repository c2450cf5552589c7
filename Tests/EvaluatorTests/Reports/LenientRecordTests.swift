import Evaluator
import Foundation
import Sample
import Testing

/// `score --lenient --per-case`: each record gains a `lenient` member (the reading, its steps with
/// byte ranges, the recovered text, the lenient verdict); without `--lenient` nothing changes.
@Suite("Lenient per-case records")
struct LenientRecordTests {
    static func lines(lenient: Bool) throws -> (Benchmark, ScoreReport, [Substring]) {
        let bench = try ScoreOutputTests.sample("weak-sim")
        let report = bench.score(options: Scorer.Options())
        let summary = ScoreSummary(report, of: bench, format: .reference, lenient: lenient)
        let text = report.perCaseJSONLines(of: bench, annotations: nil, lenient: summary.lenient)
        return (bench, report, text.split(separator: "\n"))
    }

    static func object(_ line: Substring) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
    }

    @Test("without --lenient the records are as before; with it each is the same record with a last lenient member")
    func sameRecordsPlusOne() throws {
        let (_, _, plain) = try Self.lines(lenient: false)
        let (_, _, lenient) = try Self.lines(lenient: true)
        #expect(plain.count == lenient.count && plain.count == 150)
        for (p, l) in zip(plain, lenient) {
            #expect(!p.contains("\"lenient\""))
            #expect(l.hasPrefix(p.dropLast() + ", \"lenient\": "), "\(l)")
        }
    }

    @Test(
        "weak-sim's known cases: a think block then a call, a fence, PTBench's JSON format, a call in prose that fails",
        arguments: [
            // split, index, rule, the rules of the steps, lenient format, lenient overall
            ("test_untrained_user", 11, "call_span", ["think_block", "call_span"], true, true),
            ("test_untrained_user", 24, "fence", ["fence"], true, true),
            ("test_untrained_user", 73, "ptbench_json", ["ptbench_json", "platform_label"], true, true),
            ("test_untrained_user", 10, "call_span", ["call_span"], false, false),
        ])
    func knownCases(split: String, index: Int, rule: String, steps: [String], format: Bool, overall: Bool) throws {
        let (bench, _, lines) = try Self.lines(lenient: true)
        let line = try #require(
            lines.first { $0.contains("\"split\": \"\(split)\", \"index\": \(index),") })
        let o = try Self.object(line)
        #expect(o["format"] as? Bool == false)
        let record = try #require(o["lenient"] as? [String: Any])
        #expect(record["rule"] as? String == rule)
        let stepObjects = try #require(record["steps"] as? [[String: Any]])
        #expect(stepObjects.map { $0["rule"] as? String } == steps)
        // The bytes are UTF-8 offsets into the raw prediction; the reading is the library's own.
        let raw = try #require(o["prediction"] as? String)
        let reading = try #require(Lenient.read(raw))
        #expect(stepObjects.map { $0["bytes"] as? [Int] } == reading.steps.map { [$0.range.lowerBound, $0.range.upperBound] })
        for s in stepObjects { #expect((s["bytes"] as? [Int]).map { $0[1] <= raw.utf8.count } == true) }
        #expect(record["text"] as? String == reading.text)
        let verdict = try #require(record["verdict"] as? [String: Any])
        #expect(verdict["format"] as? Bool == format && verdict["overall"] as? Bool == overall)
        #expect(
            Set(verdict.keys) == [
                "format", "overall", "platforms", "tool_names", "tool_param_names", "tool_param_values", "error_column",
            ])
        // The same verdict as scoring the case alone with the lenient options.
        let data = try #require(bench.splits.first { $0.name == split })
        let alone = Scorer.verdict(
            for: data.cases[index], line: bench.predictions[split]?.lines[index], options: Scorer.Options(lenient: true))
        #expect(alone.format == format && (alone.format && alone.overall) == overall)
    }

    @Test("a case the reference parses has lenient null; every case the reading touches has a rule")
    func nullWhenParsed() throws {
        let (_, report, lines) = try Self.lines(lenient: true)
        let verdicts = report.splits.flatMap(\.verdicts)
        var readings = 0
        for (line, v) in zip(lines, verdicts) {
            let o = try Self.object(line)
            if v.format {
                #expect(o["lenient"] is NSNull, "\(line)")
            } else if let record = o["lenient"] as? [String: Any] {
                readings += 1
                #expect(record["steps"] is [Any])
            }
        }
        #expect(readings == 17)
    }

    @Test("data text in the record is JSON-escaped: a control character and a quote in the recovered text")
    func escaped() throws {
        let raw = "<think>x</think>\nSlack:[send_message(text='a\"b\u{1B}[2J')]"
        let record = LenientRecord(text: raw, verdict: CaseVerdict())
        #expect(!record.json.contains("\u{1B}"))
        #expect(record.json.contains("\\u001b[2J"))
        let o = try #require(try JSONSerialization.jsonObject(with: Data(record.json.utf8)) as? [String: Any])
        #expect(o["text"] as? String == "Slack:[send_message(text='a\"b\u{1B}[2J')]")
        #expect(LenientRecord(text: nil, verdict: CaseVerdict()).json == "null")
    }
}
