import Foundation
import TestSupport
import Testing

/// The leaderboard in the built binary: the sample's two models, sorted by a column.
@Suite(
    "ptscope leaderboard in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct LeaderboardEndToEndTests {
    /// The runs' rows as shown (name first), in order.
    static func runRows(_ lines: [String]) -> [String] {
        lines.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
            .filter { $0.hasPrefix("sample · ") }
    }

    @Test("L on --compare: > and < sort by the cursor's column (all overall), the header marked ▲/▼, the runs in that order")
    func sortedByAColumn() async throws {
        let t = try TmuxSession(width: 120, height: 40, arguments: ["--fresh", "--compare"])
        try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.overallAccuracy != nil }
        try t.send("L")
        var s = try await t.waitUntil("the leaderboard") { $0.contains("all overall") && $0.contains("sample · weak-sim") }
        // Opened order: A (strong-sim) then B (weak-sim); strong-sim holds the best overall (★).
        var rows = Self.runRows(s.lines)
        #expect(rows.count == 2 && rows[0].hasPrefix("sample · strong-sim") && rows[0].contains("★"), "\(s.framed)")
        // > sorts by the cell cursor's column, all overall at first (ascending: the weaker model first).
        try t.send(">")
        s = try await t.waitUntil("sorted by all overall, ascending") { $0.contains("all overall ▲") }
        rows = Self.runRows(s.lines)
        #expect(rows.first?.hasPrefix("sample · weak-sim") == true, "\(s.framed)")
        #expect(s.contains("sorted by all overall"), "\(s.framed)")
        try t.send("<")
        s = try await t.waitUntil("descending") { $0.contains("all overall ▼") }
        rows = Self.runRows(s.lines)
        #expect(rows.first?.hasPrefix("sample · strong-sim") == true, "\(s.framed)")
        // Enter on the first row lists strong-sim's cases that missed overall.
        try t.send("Enter")
        s = try await t.waitUntil("the drill-down") { $0.contains("strong-sim: all overall missed") }
        #expect(s.contains("filter"), "\(s.framed)")
    }
}

/// The leaderboard's cell cursor in the built binary: `l` moves it, Enter lists its cell's cases.
@Suite(
    "ptscope leaderboard cell cursor in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct LeaderboardCellCursorEndToEndTests {
    /// The indices of test_untrained_user (U) where `score --per-case` says weak-sim missed tool_names.
    static func weakToolNameFailures(in tmp: TemporaryFolder) async throws -> Set<Int> {
        let file = tmp.path + "/weak.jsonl"
        let run = try await CLIOutputTests.run(
            ["score", StatisticsCommandTests.data, StatisticsCommandTests.weak, "--out", tmp.path + "/weak", "--per-case", file],
            in: tmp)
        #expect(run.status == 0, "\(run.errors)")
        var out = Set<Int>()
        for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
            let o = try StatisticsCommandTests.object(String(line))
            guard o["split"] as? String == "test_untrained_user", o["tool_names"] as? Bool == false else { continue }
            out.insert(try #require(o["index"] as? Int))
        }
        return out
    }

    @Test("L on --compare: l to U tool_names, j to weak-sim, Enter: exactly its failures of that column")
    func enterListsTheCursorsCell() async throws {
        let tmp = try TemporaryFolder()
        let failures = try await Self.weakToolNameFailures(in: tmp)
        #expect(!failures.isEmpty)
        let t = try TmuxSession(width: 120, height: 40, arguments: ["--fresh", "--compare"])
        try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.overallAccuracy != nil }
        try t.send("L")
        try await t.waitUntil("the leaderboard") { $0.contains("behind all overall") && $0.contains("sample · weak-sim") }
        // From `all overall`: the 13 other columns of `all`, then U's overall, format, platforms, tool_names.
        for _ in 0..<17 { try t.send("l") }
        var s = try await t.waitUntil("the cursor on U tool_names, scrolled into view") {
            $0.contains("behind U tool_names") && $0.contains("U tool_names") && $0.contains("←")
        }
        try t.send("j")
        s = try await t.waitUntil("weak-sim's row") { $0.cursorRow?.hasPrefix("sample · weak-sim") == true }
        try t.send("Enter")
        s = try await t.waitUntil("the drill-down") { $0.contains("weak-sim: U tool_names missed") && $0.listCounts != nil }
        #expect(s.listCounts?.shown == failures.count, "\(failures.count) from score --per-case:\n\(s.framed)")
        #expect(s.statusBar.contains("filter: sample · weak-sim: U tool_names missed"), "\(s.framed)")
        #expect(!s.listRows.isEmpty && s.listRows.allSatisfy { $0.split == "U" && failures.contains($0.number) }, "\(s.framed)")
    }
}

/// `--runs-dir` from the command line: folders without predictions said and skipped, too many
/// runs refused with the limit named.
@Suite("ptscope --runs-dir")
struct RunsDirEndToEndTests {
    @Test func foldersWithoutPredictionsAreSkippedAndSaidMoreThanFiftyRefused() async throws {
        let tmp = try TemporaryFolder()
        let runs = tmp.path + "/runs"
        let strong = CLIOutputTests.sample.appendingPathComponent("runs/strong-sim").path
        for k in 0..<3 { try FileManager.default.copyItem(atPath: strong, toPath: runs + "/model\(k)") }
        try FileManager.default.createDirectory(atPath: runs + "/notes", withIntermediateDirectories: true)
        let data = CLIOutputTests.sample.appendingPathComponent("data").path
        var run = try await CLIOutputTests.run([data, "--runs-dir", runs, "--print"], in: tmp)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.contains("ptscope: \(runs): notes holds no <split>/generation.jsonl; skipped"), "\(run.errors)")
        #expect(run.text.contains("overall"))
        for k in 3..<51 { try FileManager.default.createSymbolicLink(atPath: runs + "/model\(k)", withDestinationPath: strong) }
        run = try await CLIOutputTests.run([data, "--runs-dir", runs, "--print"], in: tmp)
        #expect(run.status == 2)
        #expect(run.errors.contains("51 runs given, more than 50, the most ptscope opens at once"), "\(run.errors)")
    }
}
