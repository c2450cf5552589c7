import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The triage features of the explorer, end to end: re-scoring (`s`), the summary views (`d` `u` `t`
/// `p`), two runs compared (`--compare`), export (`x`) and options (`o`). Each test starts its own
/// ptscope in its own tmux server (and writes only to its own temporary folder), so they run in
/// parallel with each other and with ``EndToEndTests``. Every key is followed by a wait for the
/// screen it should produce.
@Suite(
    "ptscope triage in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct TriageEndToEndTests {
    /// python3 on PATH (to generate a synthetic set large enough to watch it being scored), or nil.
    static let python3: String? = TmuxSession.findExecutable("python3")

    /// `Scripts/make_synthetic.py`, found from this source file (Tests/EndToEndTests/ → the package).
    static let makeSynthetic: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/make_synthetic.py").path

    /// Waits for the first screen with the scored list title ("Cases 150/150  ✓ …") and the
    /// header's overall accuracy.
    @discardableResult
    func started(
        _ t: TmuxSession, timeout: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Screen {
        let s = try await t.waitUntil("the scored case list", timeout: timeout, sourceLocation: sourceLocation) {
            $0.listCounts != nil && $0.overallAccuracy != nil
        }
        #expect(s.mode == "LIST", sourceLocation: sourceLocation)
        return s
    }

    // MARK: s

    @Test(
        "s re-scores 3,249 synthetic cases in the background: progress in the header, then the same counts",
        .enabled(if: TriageEndToEndTests.python3 != nil, "python3 is not installed: it generates the synthetic set"),
        .enabled(
            if: FileManager.default.fileExists(atPath: TriageEndToEndTests.makeSynthetic),
            "Scripts/make_synthetic.py is not next to the tests")
    )
    func rescoreShowsProgress() async throws {
        let tmp = try TemporaryFolder()
        // 609×3 + 474×3 cases (27 MB, about a second): scoring takes long enough to be seen.
        let status = try TmuxSession.spawnAndWait(
            [try #require(Self.python3), Self.makeSynthetic, "--scale", "3", "--out", tmp.path],
            environment: ProcessInfo.processInfo.environment, stdout: tmp.path + "/synthetic.out",
            stderr: tmp.path + "/synthetic.err")
        try #require(
            status == 0,
            "make_synthetic.py exited \(status): \((try? String(contentsOfFile: tmp.path + "/synthetic.err", encoding: .utf8)) ?? "")"
        )

        let t = try TmuxSession(width: 160, height: 45, arguments: [tmp.path + "/data", tmp.path + "/pred"])
        var s = try await started(t)
        let before = try #require(s.listCounts)
        #expect(before.total == 3249 && before.shown == 3249)
        #expect(before.pass + before.fail + before.format == before.total)
        let accuracy = try #require(s.overallAccuracy)

        // The progress reports seen in the header (each wait looks only at settled screens).
        var progress: [(done: Int, total: Int)] = []
        try t.send("s")
        s = try await t.waitUntil("s to start re-scoring (progress in the header, or its message)") {
            if let p = $0.scoringProgress { progress.append(p) }
            return $0.scoringProgress != nil || $0.statusBar.contains("scoring…") || $0.statusBar.contains("scored")
        }
        s = try await t.waitUntil("re-scoring to finish", timeout: .seconds(30)) {
            if let p = $0.scoringProgress {
                if progress.last.map({ $0 != p }) ?? true { progress.append(p) }
                return false
            }
            return $0.overallAccuracy != nil && $0.listCounts != nil
        }
        for p in progress {
            #expect(p.done <= p.total, "progress \(p.done)/\(p.total)")
            // 0/1: what the header shows from the key to the scorer's first report (the reducer's
            // placeholder for `s`), not the case count.
            #expect(p.total == before.total || (p.done, p.total) == (0, 1), "progress \(p.done)/\(p.total)")
        }
        #expect(
            zip(progress, progress.dropFirst()).allSatisfy { $0.done <= $1.done || $0.total != $1.total },
            "the progress went backwards: \(progress.map { "\($0.done)/\($0.total)" })")
        // Same data, same predictions: the same verdicts.
        let after = try #require(s.listCounts)
        let afterCounts: [Int] = [after.shown, after.total, after.pass, after.fail, after.format]
        let beforeCounts: [Int] = [before.shown, before.total, before.pass, before.fail, before.format]
        #expect(afterCounts == beforeCounts)
        #expect(s.overallAccuracy == accuracy)
        #expect(s.mode == "LIST")
        #expect(!s.statusBar.contains("scoring…"), "re-scoring finished:\n\(s.framed)")
    }

    // MARK: d

    @Test("d opens the dashboard; Enter on value_error lists exactly the cases of its “all” column")
    func dashboardDrillsDown() async throws {
        let t = try TmuxSession(width: 160, height: 45, arguments: ["--model", "weak-sim"])
        var s = try await started(t)
        let total = try #require(s.listCounts).total

        try t.send("d")
        s = try await t.waitUntil("the dashboard") { $0.mode == "DASHBOARD" && $0.contains("PTBench metrics") }
        let metrics = [
            "format", "platforms", "tool_names", "tool_param_names", "tool_param_values", "query_params",
            "profile_params", "overall",
        ]
        for m in metrics {
            #expect(s.dashboardRow(m) != nil, "the metric row “\(m)” with U, T and all:\n\(s.framed)")
        }
        #expect(s.cursorRow?.hasPrefix("format ") == true, "the cursor starts on the first metric:\n\(s.framed)")

        // The cursor walks the metrics, then the error columns, to value_error.
        let errors = [
            "func_wrong_error", "func_missing_error", "func_excessive_error", "param_missing_error",
            "param_excessive_error", "value_error",
        ]
        for name in metrics.dropFirst() + errors {
            try t.send("j")
            s = try await t.waitUntil("j to move the dashboard cursor to “\(name)”") {
                $0.cursorRow?.hasPrefix(name + " ") == true
            }
            #expect(s.mode == "DASHBOARD")
        }
        let row = try #require(s.dashboardRow("value_error"), "the value_error row:\n\(s.framed)")
        let count = try #require(Int(row.last!), "value_error's “all” column: \(row)")
        #expect(Int(row[0]).flatMap { u in Int(row[1]).map { u + $0 } } == count, "U + T = all: \(row)")
        try #require(count > 0)

        try t.send("Enter")
        s = try await t.waitUntil("Enter to list the value_error cases") { $0.mode == "LIST" }
        #expect(s.statusBar.contains("filter: value_error"), "the status bar names the filter:\n\(s.framed)")
        let counts = try #require(s.listCounts)
        #expect(counts.shown == count && counts.total == total)
        #expect(counts.fail == count && counts.pass == 0 && counts.format == 0)
        let rows = s.listRows
        #expect(rows.count == count, "all \(count) cases fit on the screen:\n\(s.framed)")
        #expect(rows.allSatisfy { $0.error.contains("V") }, "every listed case has a value error (V):\n\(s.framed)")
        #expect(s.listSelection?.number == rows.first?.number)
    }

    // MARK: u

    @Test("u lists the users; Enter filters the list to one user and the context pane shows the profile")
    func usersFilterAndProfile() async throws {
        let t = try TmuxSession(width: 160, height: 45, arguments: ["--model", "weak-sim"])
        var s = try await started(t)
        #expect(s.hasPane("Tool catalog"))
        let total = try #require(s.listCounts).total

        try t.send("w")
        s = try await t.waitUntil("the users view") { $0.mode == "USERS" && $0.contains("identified by profile content") }
        let users = s.userRows
        try #require(users.count >= 2, "the users view should list the sample's users:\n\(s.framed)")
        #expect(users.map(\.cases).reduce(0, +) == total, "every case belongs to one user")
        #expect(s.cursorRow?.hasPrefix(users[0].name + " ") == true, "the cursor starts on the first user:\n\(s.framed)")

        let user = users[1]
        try t.send("j")
        s = try await t.waitUntil("j to move the cursor to “\(user.name)”") {
            $0.cursorRow?.hasPrefix(user.name + " ") == true
        }

        try t.send("Enter")
        s = try await t.waitUntil("Enter to list \(user.name)'s cases") { $0.mode == "LIST" }
        #expect(s.statusBar.contains("filter: \(user.name)"), "the status bar names the user:\n\(s.framed)")
        #expect(s.listCounts?.shown == user.cases)
        #expect(s.listCounts?.pass == user.pass)
        let rows = s.listRows
        #expect(rows.count == user.cases, "all of the user's cases fit on the screen:\n\(s.framed)")
        #expect(rows.allSatisfy { $0.userIs(user.name) }, "every listed case is \(user.name)'s:\n\(s.framed)")
        #expect(s.hasPane("User profile") && !s.hasPane("Tool catalog"), "the context pane shows the profile:\n\(s.framed)")

        try t.send("Tab")
        s = try await t.waitUntil("Tab to focus the case pane") { $0.mode == "CASE" }
        try t.send("Tab")
        s = try await t.waitUntil("Tab to focus the context pane") { $0.mode == "PROFILE" }
        #expect(s.hasPane("User profile"))
        #expect(s.statusBar.contains("filter: \(user.name)"))
    }

    // MARK: t

    @Test("t lists platforms and APIs; Enter on a platform filters the list to it")
    func toolsFilterByPlatform() async throws {
        let t = try TmuxSession(width: 160, height: 45, arguments: ["--model", "weak-sim"])
        var s = try await started(t)
        let total = try #require(s.listCounts).total

        try t.send("t")
        s = try await t.waitUntil("the tools view") { $0.mode == "TOOLS" && $0.contains("platform / API") }
        let platforms = s.platformRows
        try #require(!platforms.isEmpty, "the tools view should list platforms:\n\(s.framed)")
        let platform = platforms[0]
        #expect(s.cursorRow?.hasPrefix(platform.name + " ") == true, "the cursor starts on “\(platform.name)”:\n\(s.framed)")
        #expect(platform.gold > 0)

        try t.send("Enter")
        s = try await t.waitUntil("Enter to list the cases involving \(platform.name)") { $0.mode == "LIST" }
        #expect(s.statusBar.contains("filter: platform \(platform.name)"), "the status bar names the platform:\n\(s.framed)")
        let counts = try #require(s.listCounts)
        #expect(counts.total == total)
        #expect(counts.shown > 0 && counts.shown < total, "the list should be filtered:\n\(s.framed)")
        #expect(counts.shown >= platform.gold, "at least the cases with \(platform.name) as the gold platform")
        #expect(s.listRows.count == min(counts.shown, s.listCapacity))
    }

    // MARK: --compare

    @Test("--compare: A/B glyphs, the regressions filter (✓ in A, ✗ or ! in B) and both runs in the case pane")
    func compareTwoRuns() async throws {
        let t = try TmuxSession(width: 120, height: 40, arguments: ["--compare"])
        var s = try await started(t)
        let header = try #require(s.listHeader, "the list's column header:\n\(s.framed)")
        try #require(header.contains(" AB "), "the verdict column should be “AB” with two runs:\n\(s.framed)")
        s = try await t.waitUntil("two verdict glyphs on every row") {
            let rows = $0.listRows
            return !rows.isEmpty && rows.allSatisfy { $0.verdicts.count == 2 && !$0.verdicts.contains("·") }
        }
        let total = try #require(s.listCounts).total

        try t.send("f")
        s = try await t.waitUntil("the filter menu") { $0.mode == "FILTER" }
        #expect(
            s.cursorRow?.hasPrefix("[ ] regressions: pass in A, fail in B") == true,
            "the menu cursor starts on the first comparison:\n\(s.framed)")

        try t.send("Space")
        s = try await t.waitUntil("Space to select “regressions”") { $0.contains("[x] regressions: pass in A, fail in B") }
        let shown = try #require(s.filterMenuCount, "the menu's count:\n\(s.framed)")
        #expect(shown.1 == total && shown.0 > 0 && shown.0 < total)

        try t.send("Escape")
        s = try await t.waitUntil("Esc to close the filter menu") { $0.mode == "LIST" }
        #expect(s.statusBar.contains("filter: regressions"))
        #expect(s.listCounts?.shown == shown.0)
        let rows = s.listRows
        #expect(!rows.isEmpty && rows.count == min(shown.0, s.listCapacity))
        #expect(
            rows.allSatisfy { $0.verdicts.count == 2 && $0.verdicts[0] == "✓" && ["✗", "!"].contains($0.verdicts[1]) },
            "every listed case passes in A and fails in B:\n\(s.framed)")

        try t.send("Enter")
        s = try await t.waitUntil("Enter to open the case") { $0.mode == "CASE" && $0.contains("Run A") }
        if !s.contains("Run B") {
            try t.send("Space")  // page down in the case pane
            s = try await t.waitFor("Run B")
        }
        #expect(s.contains("Run B"))
    }

    // MARK: x

    @Test("x exports the listed (failing) cases to JSON Lines: Ctrl-U clears the default path, Enter writes")
    func exportFailing() async throws {
        let tmp = try TemporaryFolder()
        let path = tmp.path + "/failing.jsonl"
        let t = try TmuxSession(width: 120, height: 40)
        var s = try await started(t)
        let counts = try #require(s.listCounts)
        #expect(counts.fail == 34, "strong-sim fails 34 cases")

        try t.send("f")
        s = try await t.waitUntil("the filter menu") { $0.mode == "FILTER" && $0.isHighlighted("] pass ") == true }
        try t.send("j")
        s = try await t.waitUntil("j to move the menu cursor to “fail”") { $0.isHighlighted("] fail ") == true }
        try t.send("Space")
        s = try await t.waitUntil("Space to select “fail”") { $0.contains("[x] fail") }
        try t.send("Escape")
        s = try await t.waitUntil("Esc to close the filter menu") { $0.mode == "LIST" && $0.listCounts?.shown == counts.fail }
        #expect(s.statusBar.contains("filter: fail"))

        try t.send("x")
        s = try await t.waitUntil("the export prompt") { $0.statusBar.hasPrefix(" export to ") }
        let suggested = try #require(
            s.statusBar.firstMatch(of: #/^ export to (\S+)█/#).map { String($0.1) }, "a default path:\n\(s.framed)")
        #expect(suggested.hasSuffix(".jsonl") || suggested.hasSuffix(".csv"))
        #expect(s.statusBar.contains("write \(counts.fail) cases"))

        try t.send("C-u")
        s = try await t.waitUntil("Ctrl-U to clear the path") { $0.statusBar.hasPrefix(" export to █") }
        try t.type(path)
        s = try await t.waitUntil("the typed path") { $0.statusBar.hasPrefix(" export to \(path)█") }

        try t.send("Enter")
        s = try await t.waitUntil("the export's message") { $0.statusBar.contains("wrote ") }
        #expect(s.mode == "LIST")
        #expect(s.statusBar.contains("wrote \(counts.fail) cases"), "the message counts the cases:\n\(s.framed)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == counts.fail)
        let records = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.count == lines.count, "every line is a JSON object")
        #expect(records.allSatisfy { $0["verdict"] as? String == "fail" }, "only the listed (failing) cases")
    }

    // MARK: p

    @Test("p shows the prompt PTBench built: [api] first, → the next template, ← back, Esc closes")
    func promptTemplates() async throws {
        let t = try TmuxSession(width: 120, height: 40)
        var s = try await started(t)

        try t.send("p")
        s = try await t.waitUntil("the prompt view") { $0.mode == "PROMPT" && $0.contains("[api]") }
        #expect(s.contains("The prompt the model saw"))
        #expect(s.contains("[system]"))

        try t.send("Right")
        s = try await t.waitUntil("→ to switch to the qwen template") { $0.contains("[qwen]") && !$0.contains("[api]") }
        #expect(s.mode == "PROMPT")

        try t.send("Left")
        s = try await t.waitUntil("← to switch back to the API prompt") { $0.contains("[api]") && !$0.contains("[qwen]") }

        try t.send("Escape")
        s = try await t.waitUntil("Esc to close the prompt view") { $0.mode == "LIST" }
        #expect(!s.contains("The prompt the model saw"))
        #expect(s.hasPane("Cases") && s.hasPane("Case"))
    }

    // MARK: o

    @Test("o options: Space turns the lenient reading on (LENIENT in the header after re-scoring) and off again")
    func lenientOption() async throws {
        let t = try TmuxSession(width: 120, height: 40)
        var s = try await started(t)
        let accuracy = try #require(s.overallAccuracy)
        #expect(!s.header.contains("LENIENT"))

        try t.send("o")
        s = try await t.waitUntil("the options") { $0.mode == "OPTIONS" }
        #expect(s.cursorRow?.hasPrefix("[ ] lenient reading") == true, "the cursor is on lenient reading:\n\(s.framed)")

        try t.send("Space")
        s = try await t.waitUntil("Space to turn the lenient reading on and re-score") {
            $0.contains("[x] lenient reading") && $0.header.contains("LENIENT") && $0.scoringProgress == nil
                && $0.overallAccuracy != nil
        }
        // The bundled strong-sim has format failures that a lenient reading accepts.
        #expect(s.overallAccuracy != accuracy, "the lenient reading should score differently:\n\(s.framed)")
        #expect(s.mode == "OPTIONS")

        try t.send("Space")
        s = try await t.waitUntil("Space to turn the lenient reading off and re-score") {
            $0.contains("[ ] lenient reading") && !$0.header.contains("LENIENT") && $0.scoringProgress == nil
                && $0.overallAccuracy == accuracy
        }

        try t.send("Escape")
        s = try await t.waitUntil("Esc to close the options") { $0.mode == "LIST" }
        #expect(!s.header.contains("LENIENT"))
        #expect(s.listCounts.map { [$0.pass, $0.fail, $0.format] } == [107, 34, 9])
    }
}

// MARK: - Summary views on the screen

extension Screen {
    /// How many case rows the list pane has room for: the screen less the header, the pane's
    /// borders, its column header and the status bar.
    var listCapacity: Int { height - 5 }

    /// The filter menu's title count (`Filter  34/150 cases shown`): shown, total.
    var filterMenuCount: (Int, Int)? {
        for line in lines {
            if let m = line.firstMatch(of: #/Filter  (\d+)\/(\d+) cases shown/#) { return (Int(m.1)!, Int(m.2)!) }
        }
        return nil
    }

    /// A dashboard table row (`│  value_error   12   8   20  │`): its cells after the name (U, T,
    /// all), or nil.
    func dashboardRow(_ name: String) -> [String]? {
        for line in lines {
            let inner = line.trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
            let cells = inner.split(separator: " ").map(String.init)
            // Numbers: counts, or metrics as percentages ("85.7%") or the CSV's values (`:set exact`).
            let number = { (cell: String) in Double(cell.hasSuffix("%") ? String(cell.dropLast()) : cell) != nil }
            guard cells.first == name, cells.count == 4, cells.dropFirst().allSatisfy(number) else {
                continue
            }
            return Array(cells.dropFirst())
        }
        return nil
    }

    /// The users view's rows: `│  Zoë Ångström   U   14   3   21.4%   value_error (4)`.
    var userRows: [(name: String, cases: Int, pass: Int)] {
        lines.compactMap { line in
            line.firstMatch(of: #/^\s*│  (\S.*?)\s{2,}[UT, ]+?\s{2,}(\d+)\s+(\d+)\s+\d+(?:\.\d+)?%/#).map {
                (String($0.1), Int($0.2)!, Int($0.3)!)
            }
        }
    }

    /// The tools view's platform rows (two-space indent; APIs have four): name, gold, predicted,
    /// failures.
    var platformRows: [(name: String, gold: Int, predicted: Int, failures: Int)] {
        lines.compactMap { line in
            line.firstMatch(of: #/^\s*│  (\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s/#).map {
                (String($0.1), Int($0.2)!, Int($0.3)!, Int($0.4)!)
            }
        }
    }
}

// MARK: - TemporaryFolder

/// A fresh folder under $TMPDIR (or /tmp), removed with everything in it when released.
final class TemporaryFolder {
    let path: String

    init() throws {
        let tmp = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.utf8.count < 60 ? $0 : nil } ?? "/tmp"
        var template = Array((tmp.hasSuffix("/") ? tmp : tmp + "/").appending("ptscope-e2e-files.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw TmuxError("cannot create a temporary folder in \(tmp): errno \(errno)")
        }
        path = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
