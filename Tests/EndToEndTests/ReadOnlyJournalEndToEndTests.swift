import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The explorer on a journal that cannot be created (issue 9, defect 8): it refuses edits with
/// "not saved", says why, and quits normally; and a journal is never created by opening (issue 11).
///
/// The journal's place is under /sys, where creating a file fails with a real EACCES even for
/// root (the tests run as root here, for whom a `chmod 555` folder is still writable).
@Suite(
    "ptscope explorer with a journal it cannot create",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct ReadOnlyJournalEndToEndTests {
    @Test("a journal that cannot be created: an edit is not saved, saying why, and the reason is repeated at exit")
    func cannotCreateTheJournal() async throws {
        let journal = "/sys/ptscope-e2e-\(UInt32.random(in: 0...UInt32.max)).jsonl"
        let probe = open(journal, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if probe >= 0 {
            close(probe)
            unlink(journal)
        }
        try #require(probe < 0 && errno == EACCES, "creating \(journal) is refused here (errno \(errno))")
        let sample = CLIOutputTests.sample
        let t = try TmuxSession(
            width: 200, height: 40,
            arguments: [
                sample.appendingPathComponent("data").path, sample.appendingPathComponent("runs/strong-sim").path,
                "--journal", journal,
            ])
        // sysfs has no O_TMPFILE and root passes access(): only creating the file (on the first edit) can tell.
        var s = try await t.waitUntil("the case list") { $0.listCounts != nil }
        #expect(s.mode == "LIST")
        try t.send("C")
        s = try await t.waitUntil("C (confirm) refused") { $0.statusBar.contains("not saved") }
        #expect(s.statusBar.contains("cannot create"), "\(s.statusBar)")
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        // The terminal is restored; the reason is repeated on the normal screen, above the wrapper's EXIT line.
        #expect(try t.format("#{alternate_on}") == "0" && t.format("#{cursor_flag}") == "1")
        let left = try t.screen.lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let notice = "cannot create \(journal) (Permission denied); read-only since the first edit: edits are not saved"
        #expect(left == ["warning: \(notice)", "EXIT:0"], "\(left)")
        #expect(!FileManager.default.fileExists(atPath: journal))
    }

    @Test("opening the explorer and quitting without an edit writes no annotations.jsonl, in the data or beside the predictions")
    func openingWritesNoJournal() async throws {
        let tmp = try TemporaryFolder()
        let sample = CLIOutputTests.sample
        try FileManager.default.copyItem(atPath: sample.appendingPathComponent("data").path, toPath: tmp.path + "/data")
        try FileManager.default.copyItem(
            atPath: sample.appendingPathComponent("runs/strong-sim").path, toPath: tmp.path + "/pred")
        let t = try TmuxSession(width: 120, height: 30, arguments: [tmp.path + "/data", tmp.path + "/pred"])
        _ = try await t.waitUntil("the case list") { $0.listCounts != nil }
        try t.send("j")
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/pred/annotations.jsonl"), "opening wrote the journal")
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/data/annotations.jsonl"), "opening wrote the journal")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: tmp.path + "/pred").sorted() == [
                "test_trained_user", "test_untrained_user",
            ])
    }
}
