import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The explorer on a journal that cannot be created (issue 9, defect 8): it opens read-only, says
/// why in the status bar, refuses edits with "not saved", and quits normally.
///
/// The journal's place is under /sys, where creating a file fails with a real EACCES even for
/// root (the tests run as root here, for whom a `chmod 555` folder is still writable).
@Suite(
    "ptscope explorer with a journal it cannot create",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(1))
)
struct ReadOnlyJournalEndToEndTests {
    @Test("a journal that cannot be created: the explorer opens read-only, says so, and an edit is not saved")
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
        let notice = "cannot create \(journal) (Permission denied); opened read-only"
        var s = try await t.waitUntil("the case list with the read-only notice") {
            $0.listCounts != nil && $0.statusBar.contains(notice)
        }
        #expect(s.mode == "LIST")
        try t.send("C")
        s = try await t.waitUntil("C (confirm) refused") { $0.statusBar.contains("not saved") }
        #expect(s.statusBar.contains("cannot create"), "\(s.statusBar)")
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        // The terminal is restored; the notice is repeated on the normal screen, above the wrapper's EXIT line.
        #expect(try t.format("#{alternate_on}") == "0" && t.format("#{cursor_flag}") == "1")
        let left = try t.screen.lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(left == ["warning: \(notice): edits are not saved", "EXIT:0"], "\(left)")
        #expect(!FileManager.default.fileExists(atPath: journal))
    }
}
