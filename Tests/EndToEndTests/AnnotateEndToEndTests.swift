import Foundation
import Testing

/// Gold-label annotation end to end (issue 5): on a copy of the bundled sample with the strong-sim
/// predictions, open the first failing case with a value error, accept the predicted value (`a`),
/// see the case turn ✓ ✎ and the counts move, undo (`u`) and redo (`U`), quit, start again and find
/// it still ✓ ✎, then `ptscope export` and compare the corrected data.json with the original.
///
/// Everything is written under the test's own temporary folder (data copy, journal, export) and
/// each ptscope runs in its own tmux server, so the test runs in parallel with the other suites.
/// Every key is followed by a wait for the screen it should produce.
@Suite(
    "ptscope annotation in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct AnnotateEndToEndTests {
    /// The bundled sample (Sources/Sample/Data), found from this source file.
    static let sample: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Sample/Data")

    static let splits = ["test_untrained_user", "test_trained_user"]

    /// Waits for the first screen with the scored list title and the header's overall accuracy.
    @discardableResult
    func started(_ t: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        let s = try await t.waitUntil("the scored case list", sourceLocation: sourceLocation) {
            $0.listCounts != nil && $0.overallAccuracy != nil && $0.annotatedSelection != nil
        }
        #expect(s.mode == "LIST", sourceLocation: sourceLocation)
        #expect(
            try t.format("#{alternate_on}") == "1", "ptscope should draw on the alternate screen", sourceLocation: sourceLocation)
        return s
    }

    @Test(
        "a accepts the predicted value: ✓ ✎ and the counts move; u/U undo and redo; still ✓ after a restart; export changes only that answer",
        .enabled(
            if: FileManager.default.fileExists(atPath: AnnotateEndToEndTests.sample.appendingPathComponent("data").path),
            "the bundled sample is not next to the tests")
    )
    func acceptPredictedValueSurvivesRestartAndExports() async throws {
        // 1. A private copy of the sample's data root and the strong-sim predictions.
        let tmp = try TemporaryFolder()
        let data = tmp.path + "/data"
        let pred = tmp.path + "/pred"
        let journal = tmp.path + "/j.jsonl"
        let out = tmp.path + "/fixed"
        try FileManager.default.copyItem(atPath: Self.sample.appendingPathComponent("data").path, toPath: data)
        try FileManager.default.copyItem(atPath: Self.sample.appendingPathComponent("runs/strong-sim").path, toPath: pred)
        let arguments = [data, pred, "--journal", journal, "--author", "e2e"]

        var t = try TmuxSession(width: 160, height: 45, arguments: arguments)
        var s = try await started(t)
        #expect(try !FileManager.default.fileExists(atPath: journal) || journalEntries(journal).isEmpty, "a fresh journal")
        #expect(s.annotatedRows.allSatisfy { $0.status == nil }, "nothing is annotated yet:\n\(s.framed)")

        // 2. ] until the case pane shows a value_error verdict.
        var found = false
        for _ in 0..<60 {
            let previous = try #require(s.shownCase)
            try t.send("]")
            s = try await t.waitUntil("] to select the next failing case after \(previous.split) #\(previous.number)") {
                guard let shown = $0.shownCase, let row = $0.annotatedSelection else { return false }
                return !(shown.number == previous.number && shown.split == previous.split)
                    && row.number == shown.number && row.split == Self.letter(shown.split) && $0.verdictLine != nil
            }
            #expect(s.mode == "LIST")
            #expect(s.annotatedSelection?.failing == true, "] selects a failing case:\n\(s.framed)")
            if s.verdictLine?.hasPrefix("✗ fail  value_error") == true {
                found = true
                break
            }
        }
        try #require(found, "no case with a value_error verdict was reached with ]:\n\(s.framed)")
        let target = try #require(s.shownCase)
        let label = "\(target.split) #\(target.number)"
        let before = try #require(s.listCounts)
        let accuracyText = try #require(s.overallAccuracy)
        let accuracyBefore = try #require(Double(accuracyText))
        let rowBefore = try #require(s.annotatedSelection)
        #expect(rowBefore.verdict == "✗" && rowBefore.status == nil && rowBefore.error.contains("V"), "\(rowBefore)")
        // What the case pane says about the first value mismatch, and the query (to search for it later).
        let mismatch = try #require(s.firstValueMismatch, "the diagnosis names the mismatch:\n\(s.framed)")
        let query = try #require(s.queryFirstLine, "the case pane shows the query:\n\(s.framed)")

        // a: accept the predicted value. The case is re-scored at once (its row, the list title),
        // then every case in the background (the header's accuracy follows some 100 ms later).
        try t.send("a")
        s = try await t.waitUntil("a to save #1, re-score \(label) as a pass and update the header's accuracy") {
            $0.statusBar.contains("saved #1") && $0.annotatedSelection?.verdict == "✓"
                && $0.listCounts.map { $0.pass != before.pass } == true && $0.scoringProgress == nil
                && $0.overallAccuracy.map { $0 != accuracyText } == true
        }
        #expect(s.statusBar.contains("saved #1: add_alternative on \(label)"), "the status bar:\n\(s.framed)")
        let rowAfter = try #require(s.annotatedSelection)
        #expect(rowAfter.number == target.number && rowAfter.split == Self.letter(target.split))
        #expect(rowAfter.verdict == "✓" && rowAfter.status == "✎" && rowAfter.error.isEmpty, "\(rowAfter)\n\(s.framed)")
        #expect(s.shownVerdict == "✓ pass", "the case pane shows the pass:\n\(s.framed)")
        #expect(s.casePane.contains { $0.contains("annotation: corrected") }, "the case pane shows the annotation:\n\(s.framed)")
        let after = try #require(s.listCounts)
        let expectedAfter: [Int] = [before.shown, before.total, before.pass + 1, before.fail - 1, before.format]
        #expect(
            [after.shown, after.total, after.pass, after.fail, after.format] == expectedAfter,
            "the title counts: pass +1, fail −1:\n\(s.framed)")
        let accuracyAfterText = try #require(s.overallAccuracy)
        let accuracyAfter = try #require(Double(accuracyAfterText))
        #expect(accuracyAfter > accuracyBefore, "overall accuracy \(accuracyBefore)% → \(accuracyAfter)%")
        var entries = try journalEntries(journal)
        try #require(entries.count == 1, "one journal line after “saved #1”: \(entries)")
        let accepted = entries[0]
        #expect(accepted["kind"] as? String == "add_alternative")
        #expect(accepted["author"] as? String == "e2e")
        #expect(accepted["split"] as? String == target.split && accepted["index"] as? Int == target.number)
        let change = try #require((accepted["changes"] as? [[String: Any]])?.first, "the edit's change: \(accepted)")
        #expect(change["field"] as? String == "answer")
        let path = try #require(change["path"] as? [Any], "the change's path: \(change)")
        let value = try #require(change["after"], "the accepted value: \(change)")
        #expect(change["before"] == nil, "an added alternative has no before: \(change)")
        // The journal's path and value are the ones the diagnosis named.
        #expect(
            path.count >= 3 && path[path.count - 3] as? String == mismatch.function
                && path[path.count - 2] as? String == mismatch.parameter,
            "the path \(path) should end in \(mismatch.function).\(mismatch.parameter)[i]")
        #expect(
            Self.squeezed(Self.pythonRepr(value)).lowercased() == Self.squeezed(mismatch.predicted).lowercased(),
            "the accepted value \(value) should be the predicted \(mismatch.predicted)")

        // 5. u undoes (✗ again, the old counts), U redoes (✓ ✎ again); each is a journal line.
        try t.send("u")
        s = try await t.waitUntil("u to save #2 (undo) and re-score \(label) as a failure") {
            $0.statusBar.contains("saved #2") && $0.annotatedSelection?.verdict == "✗"
                && $0.listCounts.map { $0.pass == before.pass } == true && $0.scoringProgress == nil
                && $0.overallAccuracy == accuracyText
        }
        #expect(s.statusBar.contains("saved #2: undo on \(label)"), "the status bar:\n\(s.framed)")
        #expect(s.annotatedSelection?.number == target.number)
        #expect(s.annotatedSelection?.status == nil, "no ✎ after the undo:\n\(s.framed)")
        #expect(s.verdictLine?.hasPrefix("✗ fail  value_error") == true, "the case pane shows the failure:\n\(s.framed)")
        #expect(s.listCounts.map { [$0.pass, $0.fail, $0.format] } == [before.pass, before.fail, before.format])
        entries = try journalEntries(journal)
        #expect(entries.count == 2, "undo appends a line: \(entries)")
        #expect(entries.last?["kind"] as? String == "undo" && entries.last?["undo_of"] as? Int == 1, "\(entries)")

        try t.send("U")
        s = try await t.waitUntil("U to save #3 (redo) and re-score \(label) as a pass") {
            $0.statusBar.contains("saved #3") && $0.annotatedSelection?.verdict == "✓"
                && $0.listCounts.map { $0.pass == after.pass } == true && $0.scoringProgress == nil
                && $0.overallAccuracy == accuracyAfterText
        }
        #expect(s.statusBar.contains("saved #3: redo on \(label)"), "the status bar:\n\(s.framed)")
        #expect(s.annotatedSelection?.number == target.number)
        #expect(s.annotatedSelection?.status == "✎", "✎ again after the redo:\n\(s.framed)")
        #expect(s.shownVerdict == "✓ pass")
        #expect(s.listCounts.map { [$0.pass, $0.fail, $0.format] } == [after.pass, after.fail, after.format])
        entries = try journalEntries(journal)
        #expect(entries.count == 3, "redo appends a line: \(entries)")
        #expect(entries.last?["kind"] as? String == "redo" && entries.last?["undo_of"] as? Int == 1, "\(entries)")

        // 3. q, then the same command again: the case is still ✓ ✎, the counts are the new ones.
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        try t.expectTerminalRestored()
        t.kill()

        t = try TmuxSession(width: 160, height: 45, arguments: arguments)
        s = try await started(t)
        #expect(
            s.listCounts.map { [$0.shown, $0.total, $0.pass, $0.fail, $0.format] }
                == [after.shown, after.total, after.pass, after.fail, after.format],
            "the journal is replayed at start:\n\(s.framed)")
        #expect(s.overallAccuracy == accuracyAfterText, "the header's accuracy with the corrected gold")

        try t.send("/")
        s = try await t.waitUntil("the search prompt") { $0.statusBar.hasPrefix(" /█") }
        try t.type(query)
        s = try await t.waitUntil("“/\(query)” in the status bar") { $0.statusBar.hasPrefix(" /\(query)█") }
        try t.send("Enter")
        s = try await t.waitUntil("Enter to jump to the first case whose query contains “\(query)”") {
            $0.statusBar.contains(" contain") && $0.annotatedSelection != nil && $0.shownCase != nil
        }
        let matches = try #require(
            s.statusBar.firstMatch(of: #/(\d+) cases? contains?/#).flatMap { Int($0.1) }, "the match count:\n\(s.framed)")
        #expect(s.statusBar.contains("/\(query) 1/\(matches)"), "Enter selects the first match:\n\(s.framed)")
        // The query's first line is expected to be unique; if not, n walks the matches to the case.
        for k in 1..<max(1, matches) where s.shownCase.map({ $0.number != target.number || $0.split != target.split }) ?? true {
            try t.send("n")
            s = try await t.waitUntil("n to select match \(k + 1)/\(matches)") {
                $0.statusBar.contains("/\(query) \(k + 1)/\(matches)") && $0.annotatedSelection != nil
                    && $0.annotatedSelection?.number == $0.shownCase?.number
            }
        }
        #expect(
            s.shownCase?.number == target.number && s.shownCase?.split == target.split, "the search finds \(label):\n\(s.framed)")
        let rowRestarted = try #require(s.annotatedSelection, "the selected row:\n\(s.framed)")
        #expect(rowRestarted.number == target.number && rowRestarted.split == Self.letter(target.split))
        #expect(rowRestarted.verdict == "✓" && rowRestarted.status == "✎", "still ✓ ✎ after the restart:\n\(s.framed)")
        #expect(s.shownVerdict == "✓ pass", "the case pane shows the pass:\n\(s.framed)")
        #expect(s.listCounts.map { [$0.pass, $0.fail, $0.format] } == [after.pass, after.fail, after.format])

        // The journal: one add_alternative by e2e (then its undo and redo); reading it wrote nothing.
        entries = try journalEntries(journal)
        #expect(entries.count == 3, "a restart does not write to the journal: \(entries)")
        let raw = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(raw.split(separator: "\n").filter { $0.contains("add_alternative") }.count == 1, "\(raw)")
        #expect(entries.filter { $0["kind"] as? String == "add_alternative" }.count == 1)
        #expect(entries.allSatisfy { $0["author"] as? String == "e2e" }, "every line by --author e2e: \(entries)")

        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        try t.expectTerminalRestored()
        t.kill()

        // 4. ptscope export, then compare the corrected data with the original.
        let status = try TmuxSession.spawnAndWait(
            [try TmuxSession.ptscopeBinary(), "export", data, "--journal", journal, "--out", out],
            environment: ProcessInfo.processInfo.environment, stdout: tmp.path + "/export.out", stderr: tmp.path + "/export.err")
        let exportOut = (try? String(contentsOfFile: tmp.path + "/export.out", encoding: .utf8)) ?? ""
        let exportErr = (try? String(contentsOfFile: tmp.path + "/export.err", encoding: .utf8)) ?? ""
        try #require(status == 0, "ptscope export exited \(status): \(exportOut)\(exportErr)")
        #expect(exportOut.contains("1 case(s) with corrected gold"), "export's summary: \(exportOut)")

        for split in Self.splits {
            let original = Self.sample.appendingPathComponent("data/\(split)/data.json").path
            #expect(
                FileManager.default.contents(atPath: data + "/\(split)/data.json")
                    == FileManager.default.contents(atPath: original),
                "the data itself is never modified (\(split))")
            let exported = out + "/\(split)/data.json"
            try #require(FileManager.default.fileExists(atPath: exported), "export writes \(split)/data.json")
            if split != target.split {
                #expect(
                    FileManager.default.contents(atPath: exported) == FileManager.default.contents(atPath: original),
                    "a split without edits is byte-identical (\(split))")
                continue
            }
            let old = try #require(try Self.jsonArray(original), "\(original) is a JSON array")
            let new = try #require(try Self.jsonArray(exported), "\(exported) is a JSON array")
            try #require(old.count == new.count, "the same number of cases")
            for i in old.indices where i != target.number {
                #expect(Self.jsonEqual(old[i], new[i]), "case \(i) of \(split) should be unchanged")
            }
            let oldCase = try #require(old[target.number] as? [String: Any])
            let newCase = try #require(new[target.number] as? [String: Any])
            #expect(Set(oldCase.keys) == Set(newCase.keys))
            for key in oldCase.keys where key != "answer" {
                #expect(Self.jsonEqual(oldCase[key], newCase[key]), "\(label): \(key) should be unchanged")
            }
            let oldAnswer = try #require(oldCase["answer"])
            let expectedAnswer = try #require(
                Self.inserting(value, at: path, into: oldAnswer), "the path \(path) fits the original answer \(oldAnswer)")
            #expect(
                Self.jsonEqual(newCase["answer"], expectedAnswer),
                "\(label)'s answer should be the original with \(value) added at \(path):\nexported \(newCase["answer"] ?? "nil")"
            )
            #expect(!Self.jsonEqual(oldAnswer, newCase["answer"]), "the answer changed")
            // The value landed in the parameter's accepted alternatives.
            #expect(
                Self.alternatives(in: newCase["answer"], function: mismatch.function, parameter: mismatch.parameter)?
                    .contains { Self.jsonEqual($0, value) } == true,
                "\(mismatch.function).\(mismatch.parameter) accepts \(value) in the export")
        }

        let changesMD = try String(contentsOfFile: out + "/CHANGES.md", encoding: .utf8)
        #expect(changesMD.contains(label), "CHANGES.md names \(label):\n\(changesMD)")
        #expect(changesMD.contains(query), "CHANGES.md quotes the query:\n\(changesMD)")
        #expect(changesMD.contains("add_alternative by e2e"), "CHANGES.md names the edit and its author:\n\(changesMD)")
        let changes = try journalEntries(out + "/changes.jsonl")
        #expect(changes.count == 1, "changes.jsonl: one line per changed case: \(changes)")
        #expect(changes.first?["split"] as? String == target.split && changes.first?["index"] as? Int == target.number)
        #expect((changes.first?["authors"] as? [String]) == ["e2e"])
        #expect(changes.first?["status"] as? String == "corrected")
        let answerChange = (changes.first?["fields"] as? [String: Any])?["answer"] as? [String: Any]
        let originalAnswer = (try Self.jsonArray(Self.sample.appendingPathComponent("data/\(target.split)/data.json").path))
            .flatMap { ($0[target.number] as? [String: Any])?["answer"] }
        #expect(
            Self.jsonEqual(answerChange?["before"], originalAnswer),
            "changes.jsonl's answer before is the original answer: \(changes)")
        #expect(
            Self.alternatives(in: answerChange?["after"], function: mismatch.function, parameter: mismatch.parameter)?
                .contains { Self.jsonEqual($0, value) } == true,
            "changes.jsonl's answer after accepts \(value): \(changes)")
    }

    // MARK: Helpers

    /// The list's split letter for a split name.
    static func letter(_ split: String) -> String { split == "test_trained_user" ? "T" : "U" }

    /// The JSON objects of a JSON Lines file.
    func journalEntries(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "a JSON object per line: \(line)")
        }
    }

    static func jsonArray(_ path: String) throws -> [Any]? {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed]) as? [Any]
    }

    /// `tree` with `value` inserted at the JSON path (array indexes insert, object keys set), or nil
    /// when the path does not fit.
    static func inserting(_ value: Any, at path: [Any], into tree: Any) -> Any? {
        guard let head = path.first else { return nil }
        let rest = Array(path.dropFirst())
        if var array = tree as? [Any], let i = head as? Int {
            if rest.isEmpty {
                guard i >= 0 && i <= array.count else { return nil }
                array.insert(value, at: i)
                return array
            }
            guard array.indices.contains(i), let sub = inserting(value, at: rest, into: array[i]) else { return nil }
            array[i] = sub
            return array
        }
        if var object = tree as? [String: Any], let key = head as? String {
            if rest.isEmpty {
                object[key] = value
                return object
            }
            guard let child = object[key], let sub = inserting(value, at: rest, into: child) else { return nil }
            object[key] = sub
            return object
        }
        return nil
    }

    /// A gold answer's (`[platform, [{function: {parameter: [alternatives]}}]]`) alternatives for one
    /// parameter.
    static func alternatives(in answer: Any?, function: String, parameter: String) -> [Any]? {
        guard let answer = answer as? [Any], answer.count >= 2, let calls = answer[1] as? [Any] else { return nil }
        for call in calls {
            if let params = (call as? [String: Any])?[function] as? [String: Any] { return params[parameter] as? [Any] }
        }
        return nil
    }

    /// How the case pane writes a value (Python's repr, as PTBench's gold is written).
    static func pythonRepr(_ v: Any) -> String {
        switch v {
        case let s as String:
            return "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        case let a as [Any]: return "[" + a.map(pythonRepr).joined(separator: ", ") + "]"
        default: return "\(v)"
        }
    }

    /// Whether two parsed JSON values are the same (objects compared key by key, numbers and
    /// booleans as JSONSerialization writes them).
    static func jsonEqual(_ a: Any?, _ b: Any?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return canonical(a) != nil && canonical(a) == canonical(b)
    }

    static func canonical(_ v: Any) -> Data? {
        try? JSONSerialization.data(withJSONObject: v, options: [.sortedKeys, .fragmentsAllowed])
    }

    /// Without whitespace: a value wrapped over several lines of the case pane compares equal.
    static func squeezed(_ s: String) -> String { s.filter { !$0.isWhitespace } }
}

// MARK: - The case list and case pane with annotations

/// A case list row with its annotation mark: `│   7 U José Núñez  takeout/DoorDash  ✓✎       │`.
struct AnnotatedRow: Equatable, Sendable {
    var row: Int
    var number: Int
    /// U or T.
    var split: String
    /// The first run's verdict glyph.
    var verdict: String
    /// ✎ corrected, ⚑ flagged, ☑ confirmed, nil when the case has no status.
    var status: String?
    var error: String
    var failing: Bool { verdict == "✗" || verdict == "!" }
}

extension Screen {
    /// The visible case list rows, read with the status mark that follows the verdict glyph(s)
    /// (``listRows`` expects a blank there).
    var annotatedRows: [AnnotatedRow] {
        var rows: [AnnotatedRow] = []
        for (y, line) in lines.enumerated() {
            guard
                let m = line.firstMatch(
                    of: #/^│[• ]\s*(\d+) ([A-Z]) .+?\s+\S+\s+([✓✗!~·]+)([✎⚑☑])?(?:\s*(.*?))?\s*│/#)
            else { continue }
            rows.append(
                AnnotatedRow(
                    row: y, number: Int(m.1)!, split: String(m.2), verdict: String(m.3.prefix(1)),
                    status: m.4.map(String.init), error: m.5.map(String.init) ?? ""))
        }
        return rows
    }

    /// The highlighted (selected) case list row.
    var annotatedSelection: AnnotatedRow? {
        annotatedRows.first { highlight[$0.row].indices.contains(3) && highlight[$0.row][3] }
    }

    /// The case pane's text, one entry a row (the middle of three panes: `│list││case││context│`).
    var casePane: [String] {
        lines.compactMap { line in
            let parts = line.split(separator: "│", omittingEmptySubsequences: false)
            return parts.count >= 7 ? String(parts[3]) : nil
        }
    }

    /// The case pane's verdict line with its error columns (`✗ fail  value_error = …`).
    var verdictLine: String? {
        casePane.first { $0.hasPrefix("✓ pass") || $0.hasPrefix("✗ fail") || $0.hasPrefix("! format") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The first line of the case pane's query.
    var queryFirstLine: String? {
        let pane = casePane
        guard let i = pane.firstIndex(where: { $0.hasPrefix("Query") }), i + 1 < pane.count else { return nil }
        let text = pane[i + 1].trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// The diagnosis's first `value mismatch fn.param: predicted X, accepted [...]`, joined across
    /// the case pane's wrapped lines.
    var firstValueMismatch: (function: String, parameter: String, predicted: String)? {
        let pane = casePane
        guard let start = pane.firstIndex(where: { $0.hasPrefix("Diagnosis") }) else { return nil }
        let end = pane[start...].firstIndex(where: { $0.hasPrefix("Query") }) ?? pane.endIndex
        let text = pane[start..<end].map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        guard let m = text.firstMatch(of: #/value mismatch ([^\s.]+)\.(\S+?): predicted (.+?), accepted \[/#) else {
            return nil
        }
        return (String(m.1), String(m.2), String(m.3))
    }
}
