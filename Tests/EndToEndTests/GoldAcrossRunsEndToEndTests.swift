import Foundation
import Testing

/// A gold fix in a comparison end to end: `--compare` on the bundled sample (A = strong-sim,
/// B = weak-sim); on U 4, where B fails, `a` and B's value chosen in the run chooser change B's
/// verdict (its glyph in the list, the status line) and B's numbers on the leaderboard, with the
/// corrected − original delta beside them.
@Suite(
    "ptscope gold fixes across runs in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct GoldAcrossRunsEndToEndTests {
    /// The leaderboard's row of `name`, borders trimmed.
    static func boardRow(_ s: Screen, _ name: String) -> String? {
        s.lines.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }.first { $0.hasPrefix(name) }
    }

    /// The first percentage in `row` (`34.5`), the run's `all overall`.
    static func overall(_ row: String?) -> String? {
        row?.firstMatch(of: #/(\d+\.\d)%/#).map { String($0.1) }
    }

    @Test("--compare, U 4: a, B's value chosen: B's glyph turns ✓, the status line says so, the leaderboard shows B's delta")
    func aGoldFixChangesBsVerdictAndTheLeaderboard() async throws {
        let t = try TmuxSession(width: 220, height: 45, arguments: ["--fresh", "--compare"])
        try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.overallAccuracy != nil }
        // The leaderboard before: B's overall, no delta.
        try t.send("L")
        var s = try await t.waitUntil("the leaderboard") { Self.boardRow($0, "sample · weak-sim") != nil }
        let before = try #require(Self.overall(Self.boardRow(s, "sample · weak-sim")), "\(s.framed)")
        #expect(!s.contains("gold edits in effect"))
        try t.send("Escape")
        try await t.waitUntil("the list again") { !$0.contains("Runs × PTBench metrics") }
        // U 4: A passes, B fails.
        try t.send(":")
        try t.type("U 4")
        try t.send("Enter")
        s = try await t.waitUntil("case U 4 in the list") { $0.listRows.contains { $0.split == "U" && $0.number == 4 } }
        let row = try #require(s.listRows.first { $0.split == "U" && $0.number == 4 })
        #expect(row.verdicts == ["✓", "✗"], "\(s.framed)")
        try t.send("a")
        s = try await t.waitUntil("the run chooser") { $0.contains("Accept which run's value") }
        #expect(s.contains("'Harbor Lights'"), "\(s.framed)")
        try t.send("Enter")
        s = try await t.waitUntil("the status line naming B") { $0.statusBar.contains("gold edit: B now passes case U 4") }
        // (The row ends in ✎ now, the annotation mark, which ListRow does not read.)
        s = try await t.waitUntil("B's glyph ✓ after the re-scoring") {
            $0.lines.contains { $0.firstMatch(of: #/^│\s+4 U .*\s✓✓✎/#) != nil }
        }
        // The leaderboard after: B's overall up, the delta beside it; A's unchanged, no delta.
        try t.send("L")
        s = try await t.waitUntil("the leaderboard with the deltas") { $0.contains("gold edits in effect") }
        let rowB = try #require(Self.boardRow(s, "sample · weak-sim"), "\(s.framed)")
        let after = try #require(Self.overall(rowB))
        #expect(Double(after)! > Double(before)!, "\(rowB)")
        #expect(rowB.contains("\(after)% +"), "\(rowB)")
        let rowA = try #require(Self.boardRow(s, "sample · strong-sim"))
        #expect(rowA.firstMatch(of: #/\d+\.\d% [+-]\d/#) == nil, "\(rowA)")
        try t.send("q", "q")
        #expect(try await t.waitForExit() == 0)
    }
}
