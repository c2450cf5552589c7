import Evaluator
import Foundation
import Sample
import TUICore
import Testing

@testable import Explorer

/// The case pane's "Lenient reading" block and the export's `lenient` member, with the lenient
/// option on; nothing of either with it off.
@Suite("Lenient reading in the case pane and the export")
struct LenientPaneTests {
    /// weak-sim's untrained case 11: a think block, then a call PTBench cannot read after a blank line.
    static func caseID(_ data: ExplorerData, index: Int = 11) throws -> Int {
        try #require(data.cases.first { $0.split == 0 && $0.index == index }?.id)
    }

    static func state(lenient: Bool, width: Int = 120, height: Int = 40) throws -> AppState {
        let data = try Fixture.sample("weak-sim")
        var s = Fixture.state(data, width: width, height: height)
        if lenient {
            Fixture.keys(&s, .char(":"))
            Fixture.type(&s, "set lenient")
            Fixture.keys(&s, .enter)
        }
        return s
    }

    @Test("the block: both verdicts, each step with its rule, bytes and note, the recovered text; nothing when off")
    func block() throws {
        let s = try Self.state(lenient: true)
        let data = try #require(s.data)
        let id = try Self.caseID(data)
        let context = try #require(s.viewContext)
        let detail = CaseDetail(data: data, entry: data.cases[id], options: Scorer.Options(lenient: true))
        let lenient = try #require(detail.runs[0].lenient)
        #expect(!lenient.reference.format && detail.verdict.format && detail.verdict.overall)
        let text = DetailLines.lines(context, detail, width: 100).map(\.plain)
        let start = try #require(text.firstIndex { $0.hasPrefix("Lenient reading") })
        #expect(text[start + 1] == "  lenient: ✓ pass · reference: ! format failure (syntax error)", "\(text[start + 1])")
        #expect(text[start + 2] == "  • think block stripped  bytes 0-119  119 bytes of reasoning stripped")
        #expect(text[start + 3] == "  • call list inside prose  bytes 121-218  kept bytes 121..<218")
        #expect(text[start + 4] == "  recovered text:")
        #expect(text[start + 5].hasPrefix("    Teams:[share_file(file_name='roadmap_2025.pdf'"))

        // The option off: no reading kept, no block.
        let off = CaseDetail(data: data, entry: data.cases[id], options: Scorer.Options())
        #expect(off.runs[0].lenient == nil)
        #expect(!DetailLines.lines(context, off, width: 100).contains { $0.plain.hasPrefix("Lenient reading") })
        // A case the reference reads as it is: no block either.
        let parsed = try #require(data.cases.indices.first { s.session?.focused?.verdicts[$0].format == true })
        #expect(CaseDetail(data: data, entry: data.cases[parsed], options: Scorer.Options(lenient: true)).runs[0].lenient == nil)
    }

    @Test("data text in the block is sanitized: an escape sequence in the recovered text never reaches the screen raw")
    func sanitized() throws {
        let reading = LenientReading(
            steps: [.init(.callSpan, 0..<10, "kept \u{1B}[31m")], text: "Slack:[f(x='\u{1B}[2J\u{202E}')]")
        let s = try Self.state(lenient: true)
        let context = try #require(s.viewContext)
        let lines = DetailLines.lenientLines(
            context, CaseVerdict(), CaseDetail.LenientDetail(reading: reading, reference: CaseVerdict()), width: 80)
        for line in lines {
            #expect(!line.plain.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, "\(line.plain)")
        }
    }

    @Test("snapshot: the case pane of a rescued case with the lenient option on")
    func snapshot() throws {
        var s = try Self.state(lenient: true, width: 120, height: 50)
        let id = try Self.caseID(try #require(s.data))
        while s.selectedID != id { Fixture.keys(&s, .char("j")) }
        Fixture.keys(&s, .enter)
        let text = Screen.text(s)
        #expect(text.contains("Lenient reading"))
        goldens.check("lenient-case-120x50", text)
    }

    @Test("x to JSON Lines with the lenient option: each row carries the case's lenient member; without it, none")
    func export() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-lenexp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for lenient in [false, true] {
            let s = try Self.state(lenient: lenient)
            let data = try #require(s.data)
            let path = folder.appendingPathComponent("cases-\(lenient).jsonl").path
            _ = Export.write(data, scores: s.session?.scores, cases: Array(data.cases.indices), to: path)
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == data.cases.count)
            var readings = 0
            for line in lines {
                let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(o.keys.contains("lenient") == lenient)
                if let record = o["lenient"] as? [String: Any] {
                    readings += 1
                    #expect(
                        (record["rule"] is String || record["rule"] is NSNull) && record["steps"] is [Any]
                            && record["verdict"] is [String: Any])
                }
            }
            #expect(readings == (lenient ? 17 : 0))
        }
    }
}
