import Foundation
import Testing

/// Tab completion, the syntax hint and `:filter` on the `:` line, in a real terminal.
@Suite(
    "ptscope completion in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct CompletionEndToEndTests {
    @Test("120×40: :so<Tab> completes “:sort ”, the hint shows its syntax; :filter fail narrows the list to the failures")
    func completesAndFilters() async throws {
        let t = try TmuxSession(width: 120, height: 40)
        let start = try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.overallAccuracy != nil }
        let counts = try #require(start.listCounts)
        try t.send(":")
        try t.type("so")
        try t.send("Tab")
        let typed = try await t.waitUntil("“:sort ” on the line and its syntax above it") {
            $0.statusBar.hasPrefix(" :sort █") && $0.lines.dropLast().last?.contains("sort COLUMN [desc]") == true
        }
        #expect(typed.mode == ":sort", "the pane focus did not move:\n\(typed.framed)")
        try t.send("C-u")
        try t.type("filter fail")
        try t.send("Enter")
        let filtered = try await t.waitUntil("only the failures listed") { $0.listCounts?.shown == counts.fail }
        #expect(filtered.listRows.allSatisfy { $0.verdict == "✗" }, "\(filtered.framed)")
        #expect(filtered.statusBar.contains("filter: fail"), "\(filtered.framed)")
    }
}
