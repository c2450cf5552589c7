import Evaluator
import Foundation
import Sample
import Testing

/// `ptscope annotations`'s listing, built from a real journal file on the bundled sample.
@Suite("AnnotationsListing")
struct AnnotationsListingTests {
    /// The sample with weak-sim's predictions.
    static func sample() throws -> Benchmark {
        try Benchmark.load(data: try #require(Sample.dataRoot), predictions: try #require(Sample.run("weak-sim") as URL?))
    }

    /// A journal file (written out of `seq` order) on three real cases and one whose hash does not fit:
    /// a status and a note, a status undone, a status redone, and a status on a changed case.
    static func journal(over bench: Benchmark) throws -> Journal {
        let trained = try #require(bench.splits.first { $0.name == "test_trained_user" })
        let untrained = try #require(bench.splits.first { $0.name == "test_untrained_user" })
        let t0 = CaseKey.of(trained.cases[0], in: trained)
        let u1 = CaseKey.of(untrained.cases[1], in: untrained)
        let changed = CaseKey(split: "test_trained_user", index: 2, hash: "0000000000000000")
        func entry(
            _ seq: Int, _ key: CaseKey, _ kind: EditKind, status: CaseStatus? = nil, note: String? = nil,
            reason: String? = nil, undoOf: Int? = nil
        ) -> JournalEntry {
            JournalEntry(
                seq: seq, time: "2025-01-0\(seq)T00:00:00.000Z", author: seq == 2 ? "李" : "ann", key: key, kind: kind,
                status: status, note: note, reason: reason, undoOf: undoOf)
        }
        let entries = [
            entry(2, t0, .setNote, note: "日付\nwrong"),
            entry(1, t0, .setStatus, status: .flagged, reason: "gold misses a date"),
            entry(3, u1, .setStatus, status: .confirmed),
            entry(4, u1, .undo, undoOf: 3),
            entry(5, changed, .setStatus, status: .confirmed),
            entry(6, u1, .redo, undoOf: 3),
        ]
        let url = try temporaryFolder().appendingPathComponent("annotations.jsonl")
        try Data(entries.map { $0.jsonLine + "\n" }.joined().utf8).write(to: url)
        return try Journal.load(url)
    }

    /// A stand-in for the terminal's rules: newlines shown as `\n`, CJK characters two columns wide.
    static func cell(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\\n") }
    static func width(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x3000 ? 2 : 1) } }

    @Test("without the data: edits in seq order, cases from the journal alone (undo and redo decide the status)")
    func journalOnly() throws {
        let journal = try Self.journal(over: try Self.sample())
        let listing = AnnotationsListing(file: "J", entries: journal.entries, replayedOver: nil)
        #expect(listing.entries.map(\.seq) == [1, 2, 3, 4, 5, 6])
        #expect(listing.problems.isEmpty)
        let expected = """
            J: 6 edit(s) on 3 case(s)

            seq  time                      author  case                    kind        change              reason
            1    2025-01-01T00:00:00.000Z  ann     test_trained_user #0    set_status  status → flagged    gold misses a date
            2    2025-01-02T00:00:00.000Z  李      test_trained_user #0    set_note    note: 日付\\nwrong
            3    2025-01-03T00:00:00.000Z  ann     test_untrained_user #1  set_status  status → confirmed
            4    2025-01-04T00:00:00.000Z  ann     test_untrained_user #1  undo        (seq 3)
            5    2025-01-05T00:00:00.000Z  ann     test_trained_user #2    set_status  status → confirmed
            6    2025-01-06T00:00:00.000Z  ann     test_untrained_user #1  redo        (seq 3)

            cases
            case                    status     edits  note         reason
            test_trained_user #0    flagged    2      日付\\nwrong  gold misses a date
            test_trained_user #2    confirmed  1
            test_untrained_user #1  confirmed  3

            (give --data to replay the journal over the data: exact statuses, and edits that do not fit)

            """
        #expect(listing.text(cell: Self.cell, width: Self.width) == expected)
    }

    @Test("replayed over the data: exact statuses, the changed case not applied and listed as a problem")
    func replayed() throws {
        let bench = try Self.sample()
        let listing = AnnotationsListing(file: "J", entries: try Self.journal(over: bench).entries, replayedOver: bench)
        #expect(listing.cases.map(\.status) == ["flagged", "not applied", "confirmed"])
        #expect(listing.cases.map(\.edits) == [[1, 2], [5], [3, 4, 6]])
        #expect(listing.problems.count == 1)
        #expect(listing.problems.first?.contains("seq 5 (test_trained_user #2, set_status)") == true, "\(listing.problems)")
        let text = listing.text(cell: Self.cell, width: Self.width)
        #expect(text.contains("\nnot applied (the data differs from what the journal expects)\n  seq 5 "), "\(text)")
        #expect(!text.contains("give --data"))
    }

    @Test("JSON Lines: each edit is its journal line with a type, then the cases, then the problems; all valid JSON")
    func jsonLines() throws {
        let bench = try Self.sample()
        let journal = try Self.journal(over: bench)
        let listing = AnnotationsListing(file: "J", entries: journal.entries, replayedOver: bench)
        let lines = listing.jsonLines
        #expect(lines.count == 6 + 3 + 1)
        let first = try #require(listing.entries.first)
        #expect(lines[0] == "{\"type\": \"edit\", " + first.jsonLine.dropFirst())
        #expect(
            lines[6] == #"{"type": "case", "split": "test_trained_user", "index": 0, "hash": "\#(first.key.hash)", "#
                + #""status": "flagged", "note": "日付\nwrong", "reason": "gold misses a date", "edits": [1, 2]}"#)
        #expect(lines[9].hasPrefix(#"{"type": "problem", "text": "seq 5 (test_trained_user #2, set_status)"#))
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(line)")
        }
    }

    @Test("without the data: an undone status is not in effect, a note cleared is none, the undo still counts as an edit")
    func journalOnlyUndo() {
        let key = CaseKey(split: "s", index: 3, hash: "h")
        let entries = [
            JournalEntry(seq: 1, time: "t", author: "a", key: key, kind: .setStatus, status: .flagged, reason: "r"),
            JournalEntry(seq: 2, time: "t", author: "a", key: key, kind: .setNote, note: "n"),
            JournalEntry(seq: 3, time: "t", author: "a", key: key, kind: .undo, undoOf: 1),
            JournalEntry(seq: 4, time: "t", author: "a", key: key, kind: .setNote, note: ""),
        ]
        #expect(
            JournalCaseSummary.summaries(entries, nil)
                == [JournalCaseSummary(key: key, status: "unreviewed", note: nil, reason: nil, edits: [1, 2, 3, 4])])
        #expect(JournalCaseSummary.summaries(Array(entries.prefix(2)), nil).first?.status == "flagged")
    }

    @Test("columns: padded by the given width, two spaces apart, the last column and trailing spaces not padded")
    func columns() {
        let text = PlainTextColumns.lines([["a", "日本", "x"], ["long", "b", ""]], width: Self.width)
        #expect(text == "a     日本  x\nlong  b\n")
        #expect(PlainTextColumns.lines([], width: Self.width) == "")
    }
}
