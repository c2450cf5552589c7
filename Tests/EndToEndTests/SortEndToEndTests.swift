import Foundation
import Testing

/// Sorting a summary view and the help's columns on a wide terminal, in the real binary under
/// tmux (each test its own ptscope in its own tmux server).
@Suite(
    "ptscope sorting and wide help in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct SortEndToEndTests {
    @Test("w then > sorts the users by name, the header marked; > > by cases, numerically; < reverses")
    func sortTheUsersView() async throws {
        let t = try TmuxSession(width: 160, height: 45, arguments: ["--model", "weak-sim"])
        var s = try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.overallAccuracy != nil }
        try t.send("w")
        s = try await t.waitUntil("the users view") { $0.mode == "USERS" && $0.userRows.count >= 2 }
        let before = s.userRows
        #expect(!s.contains("▲") && !s.contains("▼"), "unsorted at first:\n\(s.framed)")

        try t.send(">")
        s = try await t.waitUntil("> to sort by user") { $0.contains("user ▲") }
        let byName = s.userRows.map(\.name)
        #expect(byName == before.map(\.name).sorted { $0.lowercased() < $1.lowercased() }, "by name:\n\(s.framed)")
        #expect(byName != before.map(\.name), "the order changed")
        #expect(s.statusBar.contains("sorted by user"))

        try t.send(">", ">")
        s = try await t.waitUntil("> > to sort by cases") { $0.contains("cases ▲") && !$0.contains("user ▲") }
        let counts = s.userRows.map(\.cases)
        #expect(counts == counts.sorted() && counts.count == before.count, "by cases, as numbers:\n\(s.framed)")
        #expect(Set(counts).count > 1)

        try t.send("<")
        s = try await t.waitUntil("< to reverse") { $0.contains("cases ▼") }
        #expect(s.userRows.map(\.cases) == counts.sorted(by: >))
    }

    @Test("? at 200 columns lays the help out in two columns or more")
    func helpInColumns() async throws {
        let t = try TmuxSession(width: 200, height: 50, arguments: ["--model", "weak-sim"])
        var s = try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.overallAccuracy != nil }
        try t.send("?")
        s = try await t.waitUntil("the help") { $0.mode == "HELP" }
        let titles = [
            "Case list", "Case pane", "Context pane", "Everywhere", "Filter (f)", "Summary views", "Recent edits",
            "Options (o)", "Typing a command", "Raw JSON", "Messages (:messages)",
        ]
        let sideBySide = s.lines.filter { line in titles.filter { line.contains($0) }.count >= 2 }
        #expect(!sideBySide.isEmpty, "two section titles side by side:\n\(s.framed)")
        // The help's search: matches counted in the title, Esc clears it and the help stays.
        try t.send("/")
        try t.type("sort")
        try t.send("Enter")
        s = try await t.waitUntil("the search's matches") { $0.contains("“sort” in ") }
        try t.send("Escape")
        s = try await t.waitUntil("Esc to clear the search") { $0.mode == "HELP" && !$0.contains("“sort” in ") }
    }

    @Test("--compare: :sort runB orders the list by run B's verdict (failing first), marked in the header")
    func sortByTheSecondRun() async throws {
        let t = try TmuxSession(width: 120, height: 40, arguments: ["--compare"])
        var s = try await t.waitUntil("two verdict glyphs on every row") {
            let rows = $0.listRows
            return $0.listCounts != nil && !rows.isEmpty
                && rows.allSatisfy { $0.verdicts.count == 2 && !$0.verdicts.contains("·") }
        }
        try t.send(":")
        try t.type("sort runB")
        try t.send("Enter")
        s = try await t.waitUntil(":sort runB") { $0.statusBar.contains("sorted by runB") && $0.contains("AB▲") }
        // The first screen: run B failing (✗ or !) on every row shown, run A not all failing.
        let rows = s.listRows
        #expect(!rows.isEmpty && rows.allSatisfy { $0.verdicts[1] != "✓" }, "run B fails first:\n\(s.framed)")
        #expect(rows.contains { $0.verdicts[0] == "✓" }, "not run A's order:\n\(s.framed)")
    }
}
