import Foundation
import TestSupport
import Testing

/// What the command-line commands print when the data is hostile: a journal, data and prediction
/// files and folder names full of terminal control sequences (OSC 52 clipboard, OSC 0 title, CSI 6n
/// cursor report, DCS, C1 CSI, bidi overrides). Nothing of it may reach the terminal raw, on
/// standard output or standard error; `--json` stays valid JSON that keeps the text exactly.
///
/// Runs the built `ptscope` binary (no tmux needed), each command in its own temporary folder.
@Suite("ptscope output with hostile data", .timeLimit(.minutes(3)))
struct CLIOutputTests {
    /// Every kind of sequence that would act on a terminal, as the text holds it.
    static let hostile =
        "\u{1B}]52;c;cHduZWQ=\u{07}" + "\u{1B}]0;pwned\u{07}" + "\u{1B}[6n" + "\u{1B}P1$qm\u{1B}\\" + "\u{9B}31m"
        + "\u{202E}evil\u{202C}" + "\u{90}dcs\u{9C}" + "\u{7F}\r"

    /// `hostile` as the inside of a JSON string.
    static var hostileJSON: String {
        hostile.unicodeScalars.map { s in
            switch s {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            default:
                let hex = String(s.value, radix: 16)
                return s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0)
                    ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex : String(s)
            }
        }.joined()
    }

    /// The bundled sample (Sources/Sample/Data), found from this source file.
    static let sample: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Sample/Data")

    /// A journal whose every free-text field, key, unknown member and bad line carries `hostile`.
    static func hostileJournal(at path: String) throws {
        let h = hostileJSON
        let lines = [
            #"{"v": 1, "seq": 1, "time": "\#(h)", "author": "\#(h)", "split": "\#(h)", "index": 0, "hash": "\#(h)", "#
                + #""kind": "set_status", "changes": [], "status": "flagged", "note": "\#(h)", "reason": "\#(h)", "\#(h)": 1}"#,
            #"{"v": 1, "seq": 2, "time": "2025-01-01T00:00:00.000Z", "author": "a", "split": "test_trained_user", "#
                + #""index": 0, "hash": "0000000000000000", "kind": "add_alternative", "#
                + #""changes": [{"field": "answer", "path": [1, 0, "\#(h)", "\#(h)", 0], "after": "\#(h)"}], "#
                + #""note": "two\nlines \#(h)", "reason": "\#(h)"}"#,
            "\(hostile) is not JSON",
            #"{"v": 1, "seq": 1, "time": "t", "author": "\#(h)", "split": "s", "index": 0, "hash": "h", "kind": "set_note", "#
                + #""changes": [], "note": "\#(h)"}"#,
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The sample's data and strong-sim predictions in a folder named `hostile`, with a prediction
    /// line that is hostile text and a split that lost its last prediction line.
    static func hostileSet(in tmp: TemporaryFolder) throws -> (data: String, pred: String) {
        let root = tmp.path + "/" + hostile
        let data = root + "/data"
        let pred = root + "/pred"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: sample.appendingPathComponent("data").path, toPath: data)
        try FileManager.default.copyItem(atPath: sample.appendingPathComponent("runs/strong-sim").path, toPath: pred)
        let file = pred + "/test_trained_user/generation.jsonl"
        var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        lines[0] = Substring(hostile + " {\"predict\": 1")
        lines[1] = Substring(#"{"predict": "\#(hostileJSON)"}"#)
        lines.removeLast(2)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        return (data, pred)
    }

    struct Run {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
        var text: String { String(decoding: stdout, as: UTF8.self) }
        var errors: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs `ptscope arguments…` to the end, its output in files.
    static func run(_ arguments: [String], in tmp: TemporaryFolder) async throws -> Run {
        let out = tmp.path + "/run.out"
        let err = tmp.path + "/run.err"
        let status = try await Spawn.run(
            [try TmuxSession.ptscopeBinary()] + arguments, environment: ProcessInfo.processInfo.environment, stdout: out,
            stderr: err)
        return Run(
            status: status, stdout: [UInt8](FileManager.default.contents(atPath: out) ?? Data()),
            stderr: [UInt8](FileManager.default.contents(atPath: err) ?? Data()))
    }

    /// No byte or character that a terminal acts on: ESC, BEL, other C0 controls but newline and
    /// tab, DEL, C1 controls (as UTF-8 or raw bytes), bidi overrides and isolates.
    static func expectInert(
        _ bytes: [UInt8], _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let text = String(decoding: bytes, as: UTF8.self)
        let bad = text.unicodeScalars.filter { s in
            let v = s.value
            return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0xFFFD
        }
        // (Booleans computed first: a failing #expect shows its operands, and they must not be raw either.)
        let inert = bad.isEmpty
        #expect(
            inert, "\(what) holds \(bad.map { "U+" + String($0.value, radix: 16) }) in:\n\(text.debugDescription)",
            sourceLocation: sourceLocation)
    }

    /// `output` contains `text` (shown escaped when it does not).
    static func expectShows(
        _ output: String, _ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let found = output.contains(text)
        #expect(found, "\(what): \(text.debugDescription) not in:\n\(output.debugDescription)", sourceLocation: sourceLocation)
    }

    // MARK: - The journal commands

    @Test("ptscope annotations (table, --json, --data) shows hostile journal text inert, and --json keeps it exactly")
    func annotations() async throws {
        let tmp = try TemporaryFolder()
        let journal = tmp.path + "/annotations.jsonl"
        try Self.hostileJournal(at: journal)

        let table = try await Self.run(["annotations", journal], in: tmp)
        #expect(table.status == 0, "\(table.errors.debugDescription)")
        Self.expectInert(table.stdout, "stdout")
        Self.expectInert(table.stderr, "stderr")
        Self.expectShows(table.text, #"\x1b]52;c;cHduZWQ=\x07"#, "shown visibly")
        Self.expectShows(table.errors, #"unknown key "\x1b]52"#, "the unknown key, inert")
        Self.expectShows(table.errors, ":3: not a journal entry", "the bad line's warning")
        Self.expectShows(table.errors, ":4: seq 1 is also on line 1", "the repeated seq")

        let replayed = try await Self.run(
            ["annotations", journal, "--data", Self.sample.appendingPathComponent("data").path], in: tmp)
        #expect(replayed.status == 1, "entries that do not fit the data: \(replayed.errors.debugDescription)")
        Self.expectInert(replayed.stdout, "stdout")
        Self.expectInert(replayed.stderr, "stderr")
        Self.expectShows(replayed.text, #"the data has no split \x1b]52"#, "the problem")

        let json = try await Self.run(["annotations", journal, "--json"], in: tmp)
        #expect(json.status == 0, "\(json.errors.debugDescription)")
        Self.expectInert(json.stdout, "stdout")
        Self.expectInert(json.stderr, "stderr")
        let records = json.text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        #expect(records.count == json.text.split(separator: "\n").count, "every line is JSON:\n\(json.text.debugDescription)")
        let edit = try #require(records.first { $0["type"] as? String == "edit" && $0["seq"] as? Int == 1 })
        let exact = edit["note"] as? String == Self.hostile && edit["author"] as? String == Self.hostile
        #expect(exact, "--json keeps the text exactly")
    }

    @Test("ptscope export: warnings and the summary quote hostile journal text and paths inert")
    func export() async throws {
        let tmp = try TemporaryFolder()
        let journal = tmp.path + "/annotations.jsonl"
        try Self.hostileJournal(at: journal)
        let out = tmp.path + "/" + Self.hostile + "-out"
        let run = try await Self.run(
            ["export", Self.sample.appendingPathComponent("data").path, "--journal", journal, "--out", out], in: tmp)
        #expect(run.status == 0, "\(run.errors.debugDescription)")
        Self.expectInert(run.stdout, "stdout")
        Self.expectInert(run.stderr, "stderr")
        Self.expectShows(run.errors, #"the data has no split \x1b]52"#, "the problem")
        Self.expectShows(run.text, #"wrote /"#, "the summary")
        Self.expectShows(run.text, #"\x1b]0;pwned\x07\x1b[6n"#, "the output folder")
    }

    // MARK: - Scoring and checking

    @Test("ptscope score and check (table and --json) print hostile predictions, folder names and warnings inert")
    func scoreAndCheck() async throws {
        let tmp = try TemporaryFolder()
        let (data, pred) = try Self.hostileSet(in: tmp)
        for arguments in [
            ["score", data, pred, "--out", tmp.path + "/scores", "--per-case", tmp.path + "/cases.jsonl"],
            ["score", data, pred, "--out", tmp.path + "/scores", "--json"],
            ["check", data, pred],
            ["open", data, pred, "--print"],
        ] {
            let run = try await Self.run(arguments, in: tmp)
            #expect(run.status == 0 || run.status == 1, "\(arguments[0]): \(run.errors.debugDescription)")
            Self.expectInert(run.stdout, "\(arguments) stdout")
            Self.expectInert(run.stderr, "\(arguments) stderr")
            Self.expectShows(run.text + run.errors, #"\x1b]52;c;cHduZWQ=\x07"#, "\(arguments): the folder name, visibly")
        }
    }
}
