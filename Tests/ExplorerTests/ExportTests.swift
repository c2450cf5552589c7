import Evaluator
import Foundation
import Testing

@testable import Explorer

/// The explorer's `x` export in a comparison: long format (one row per case per run, a `run`
/// column) with the fields a notebook needs.
@Suite("Export for notebooks")
struct ExportTests {
    static func scored(_ data: ExplorerData) -> Scores? {
        var s = Fixture.state(data, width: 120, height: 40)
        Fixture.keys(&s)
        return s.session?.scores
    }

    @Test("JSON Lines and CSV: one row per case per run, every field, the diagnosis in parts with provenance")
    func longFormat() throws {
        let data = try Fixture.compared()
        let scores = try #require(Self.scored(data))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ids = Array(data.cases.indices)
        let jsonl = folder.appendingPathComponent("cases.jsonl").path
        #expect(Export.write(data, scores: scores, cases: ids, to: jsonl).hasPrefix("wrote \(ids.count) cases × 2 runs"))
        let lines = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2 * ids.count)
        var provenance = 0
        for (k, line) in lines.enumerated() {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let entry = data.cases[ids[k / 2]]
            #expect(o["run"] as? String == (k % 2 == 0 ? "strong-sim" : "weak-sim"))
            #expect(o["index"] as? Int == entry.index && o["query"] as? String == entry.query)
            #expect(o["gold_platform"] as? String == entry.goldPlatform)
            for key in ["verdict", "format", "overall", "tool_param_values", "prediction", "predicted_platform", "status"] {
                #expect(o.keys.contains(key), "\(key) in \(line)")
            }
            for item in o["diagnosis"] as? [[String: Any]] ?? [] where item["provenance"] != nil {
                provenance += 1
                #expect(item["source"] as? String == "profile" && item["provenance_text"] is String)
            }
        }
        #expect(provenance > 0)

        let csvPath = folder.appendingPathComponent("cases.csv").path
        _ = Export.write(data, scores: scores, cases: ids, to: csvPath)
        let csv = try String(contentsOfFile: csvPath, encoding: .utf8)
        #expect(csv.hasPrefix(Export.csvColumns.joined(separator: ",") + "\r\n"))
        #expect(csv.hasPrefix("split,index,user,scenario,gold_platform,run,verdict,error_columns,diagnosis,query,"))
        #expect(csv.contains(#"""provenance"": "#), "the diagnosis_json column, its quotes doubled")
    }
}
