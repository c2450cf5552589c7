import Evaluator
import Explorer
import Foundation
import TUICore
import Testing

/// A merged journal's conflicts in the explorer: `:filter adjudicate` and each annotator's version
/// in the case pane.
@Suite("Adjudication in the explorer")
struct AdjudicationTests {
    @Test("`:filter adjudicate` lists the conflicting cases; the case pane has a line per other annotator; an edit settles it")
    func adjudicate() throws {
        var data = try Fixture.sample()
        let split = data.benchmark.splits[0]
        let keys = (0..<3).map { CaseKey.of(split.cases[$0], in: split) }
        func status(_ seq: Int, _ k: Int, _ st: CaseStatus, _ author: String, held: Held? = nil) -> JournalEntry {
            JournalEntry(
                seq: seq, time: "2026-12-0\(seq)T00:00:00Z", author: author, key: keys[k], kind: .setStatus, status: st,
                held: held)
        }
        // What `annotations merge ann.jsonl bob.jsonl` writes: bob differs on case 1, agrees on case 2.
        data.journalEntries = [
            status(1, 1, .flagged, "ann"), status(2, 2, .confirmed, "ann"),
            status(3, 1, .confirmed, "bob", held: .conflict), status(4, 2, .confirmed, "bob", held: .agreement),
        ]
        data.initialAnnotations = Annotations.replay(data.journalEntries, over: data.benchmark)
        var s = Fixture.state(data, width: 160, height: 45)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-adjudicate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = try Journal.open(dir.appendingPathComponent("annotations.jsonl"))
        defer { journal.close() }
        try Data(data.journalEntries.map { $0.jsonLine + "\n" }.joined().utf8).write(to: journal.url)

        func command(_ line: String) {
            AnnotateTests.send(&s, journal, .char(":"))
            AnnotateTests.type(&s, journal, line)
            AnnotateTests.send(&s, journal, .enter)
        }
        command("filter adjudicate")
        let id = try #require(data.cases.firstIndex { $0.split == 0 && $0.index == 1 })
        #expect(s.list.visible == [id])
        #expect(s.message == "1 case to adjudicate: each annotator's version is in the case pane")
        #expect(s.annotation(id)?.status == .flagged, "the first annotator's version is in effect")
        let screen = Screen.text(s)
        #expect(screen.contains("differs, by bob: confirmed, gold as in the data"), "\(screen)")

        // Case 2: bob agrees.
        command("filter clear")
        let agreed = try #require(data.cases.firstIndex { $0.split == 0 && $0.index == 2 })
        while s.selectedID != agreed { Fixture.keys(&s, .char("j")) }
        #expect(Screen.text(s).contains("agrees, by bob: confirmed"))

        // The adjudicator confirms case 1: settled.
        while s.selectedID != id { Fixture.keys(&s, .char("k")) }
        AnnotateTests.send(&s, journal, .char("C"))
        #expect(s.message?.hasPrefix("saved #5") == true, "\(s.message ?? "")")
        command("filter adjudicate")
        #expect(s.message?.hasPrefix("no case to adjudicate") == true)
    }
}
