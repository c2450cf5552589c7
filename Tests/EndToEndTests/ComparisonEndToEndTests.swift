import Foundation
import Testing

/// A comparison in a real terminal: the focused run drives `]`, and the case pane shows two runs
/// side by side at 200 columns.
@Suite(
    "ptscope comparison in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct ComparisonEndToEndTests {
    @discardableResult
    func started(_ t: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        try await t.waitUntil("the scored case list of both runs", sourceLocation: sourceLocation) {
            $0.listCounts != nil && $0.overallAccuracy != nil && $0.listHeader?.contains("AB") == true
        }
    }

    /// The list row under the cursor.
    func selectedRow(_ s: Screen) -> ListRow? {
        guard let text = s.cursorRow, let m = text.firstMatch(of: #/^(\d+) ([A-Z]) /#) else { return nil }
        return s.listRows.first { $0.number == Int(m.1)! && $0.split == String(m.2) }
    }

    @Test("200×50 --compare: b focuses run B (header, status line), ] steps through B's failures only")
    func focusRunBAndStepThroughItsFailures() async throws {
        let t = try TmuxSession(width: 200, height: 50, arguments: ["--compare"])
        try await started(t)
        try t.send("b")
        try await t.waitUntil("run B named in the header and the status line") {
            $0.header.contains("run B/2 sample · weak-sim") && $0.statusBar.contains(" run B ")
        }
        var seen: [Int] = []
        var passedInA = 0
        for step in 1...12 {
            try t.send("]")
            let s = try await t.waitUntil("step \(step): a new case selected") { s in
                guard let row = selectedRow(s) else { return false }
                return row.number != seen.last
            }
            let row = try #require(selectedRow(s), "no selected row:\n\(s.framed)")
            #expect(row.verdicts.count == 2, "two runs:\n\(s.framed)")
            #expect(["✗", "!"].contains(row.verdicts[1]), "case \(row.number) is no failure of B:\n\(s.framed)")
            if row.verdicts[0] == "✓" { passedInA += 1 }
            seen.append(row.number)
        }
        #expect(seen == seen.sorted(), "] goes down the list: \(seen)")
        // Some of them pass in A: ] follows B, not A.
        #expect(passedInA > 0, "every case stepped to fails in A too: \(seen)")
    }

    @Test("200×50 --compare: the case pane shows A's and B's call diffs side by side, aligned; at 150 stacked")
    func sideBySide() async throws {
        let t = try TmuxSession(width: 200, height: 50, arguments: ["--compare"])
        try await started(t)
        // Case 3: B misses search_flights and calls book_flight, which A does not.
        try t.send(":")
        try t.type("3")
        try t.send("Enter")
        let s = try await t.waitUntil("the runs side by side") { s in
            s.contains("Runs side by side")
                && s.lines.contains { $0.contains("Run A sample · strong-sim") && $0.contains("│ Run B sample · weak-sim") }
        }
        // The same function on one row both sides, a difference marked between them.
        let flights = try #require(s.lines.first { $0.contains("✓ search_flights") }, "\(s.framed)")
        #expect(flights.contains("✓ search_flights") && flights.contains("≠ − search_flights missing"), "\(s.framed)")
        // A function only B has: blank on A's side.
        let book = try #require(s.lines.first { $0.contains("+ book_flight extra") }, "\(s.framed)")
        let parts = book.components(separatedBy: "≠")
        #expect(
            parts.count == 2 && parts[0].split(separator: "│").last?.trimmingCharacters(in: .whitespaces).isEmpty == true,
            "\(book)")
        try t.resize(150, 50)
        try await t.waitUntil("the runs stacked below 160 columns") { s in
            !s.contains("Runs side by side") && s.contains("━━ Run A sample · strong-sim ━━")
        }
    }
}
