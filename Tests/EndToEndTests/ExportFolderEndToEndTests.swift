import Foundation
import Testing

/// Exporting where no folder can take the files: the message names the folder that is missing or
/// is not a folder, instead of Foundation's "The file doesn't exist." or "NSCocoaErrorDomain error 512".
@Suite(
    "exporting into a folder that is not there",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct ExportFolderEndToEndTests {
    @Test("x in the explorer, to a folder that does not exist: the status bar names the folder; nothing is made")
    func explorerExportNamesTheMissingFolder() async throws {
        let tmp = try TemporaryFolder()
        let target = tmp.path + "/no-such-folder/cases.csv"
        let t = try TmuxSession(width: 250, height: 30)
        _ = try await t.waitUntil("the case list") { $0.listCounts != nil }
        try t.send("x")
        _ = try await t.waitFor("ptscope-export.jsonl")
        for _ in 0..<"ptscope-export.jsonl".count { try t.send("BSpace") }
        try t.type(target)
        try t.send("Enter")
        let s = try await t.waitUntil("the export's answer") { $0.statusBar.contains("cannot write") }
        #expect(
            s.statusBar.contains("cannot write cases.csv: the folder \(tmp.path)/no-such-folder does not exist"),
            "\(s.statusBar)")
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/no-such-folder"))
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
    }

    @Test("ptscope export --out inside a file: the message names the file that is in the way, exit 2")
    func exportCommandNamesWhatIsInTheWay() async throws {
        let tmp = try TemporaryFolder()
        try Data().write(to: URL(fileURLWithPath: tmp.path + "/journal.jsonl"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: tmp.path + "/a-file"))
        let data = CLIOutputTests.sample.appendingPathComponent("data").path
        let run = try await CLIOutputTests.run(
            ["export", data, "--journal", tmp.path + "/journal.jsonl", "--out", tmp.path + "/a-file/out"], in: tmp)
        #expect(run.status == 2, "\(run.errors)")
        CLIOutputTests.expectShows(
            run.errors, "ptscope: \(tmp.path)/a-file: is a file, not a folder: cannot create \(tmp.path)/a-file/out/",
            "the file in the way")
        #expect(!run.errors.contains("NSCocoaErrorDomain"), "\(run.errors)")

        // A missing folder is made, with its missing parents.
        let deep = try await CLIOutputTests.run(
            ["export", data, "--journal", tmp.path + "/journal.jsonl", "--out", tmp.path + "/new/deeper/out"], in: tmp)
        #expect(deep.status == 0, "\(deep.errors)")
        #expect(FileManager.default.fileExists(atPath: tmp.path + "/new/deeper/out/test_trained_user/data.json"))
    }
}
