import Foundation
import TestSupport
import Testing

/// A case whose detail takes seconds to build (6.8 MB of nested lists in its prediction), and a
/// builder held a minute before it starts: the explorer shows it as building and keeps reading
/// keys, so `q` ends it at once.
@Suite(
    "ptscope in tmux: a costly case",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct CostlyCaseEndToEndTests {
    /// The builder waits 60 s before it builds: on a fast machine the case's own seconds of
    /// building could end before a capture of the screen sees "building…" (seen in a full run).
    static let building = ["PTSCOPE_TEST_DETAIL_DELAY": "60"]
    /// Until the list is drawn, its case not yet scored (`·`) or scored: reading the files takes
    /// under a second here. The tests do not wait for the scores: scoring the 6.8 MB prediction
    /// takes 9 s of CPU in a debug build, and a loaded full suite (two cores shared with every other
    /// test) once took over 40 s for it. `q` and SIGTERM must end ptscope at once either way.
    static let startup = Duration.seconds(60)

    @Test("the case pane says building…, and q exits at once while it builds")
    func quitWhileBuilding() async throws {
        let tmp = try TemporaryFolder()
        try CostlySet.write(in: URL(fileURLWithPath: tmp.path))
        let t = try TmuxSession(
            width: 120, height: 40, arguments: [tmp.path + "/data", tmp.path + "/pred"], environment: Self.building)
        try await t.waitUntil("the list with the case pane building", timeout: Self.startup) {
            $0.contains("· building…") && $0.listRows.count == 1
        }

        let sent = Date()
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        // From the key to the exit as the shell saw it (the poller here may be starved meanwhile).
        let elapsed = Duration.milliseconds(Int(try t.exitedAt.timeIntervalSince(sent) * 1000))
        // About 30 ms on a quiet machine (before: the seconds the build takes, keys unread); the
        // bound leaves room for a loaded machine running the other tmux tests in parallel.
        #expect(elapsed < .seconds(2), "q took \(elapsed) to end ptscope while the case was building")
        try t.expectTerminalRestored()
    }

    @Test("SIGTERM while the case builds ends ptscope with 143 at once, the terminal restored")
    func terminateWhileBuilding() async throws {
        let tmp = try TemporaryFolder()
        try CostlySet.write(in: URL(fileURLWithPath: tmp.path))
        let t = try TmuxSession(
            width: 120, height: 40, arguments: [tmp.path + "/data", tmp.path + "/pred"], environment: Self.building)
        try await t.waitUntil("the list with the case pane building", timeout: Self.startup) {
            $0.contains("· building…") && $0.listRows.count == 1
        }
        let sent = Date()
        try t.signal(SIGTERM)
        #expect(try await t.waitForExit() == 128 + SIGTERM)
        // Until ptscope ended as the wrapper shell saw it (this poller may be starved meanwhile).
        let seconds = try t.exitedAt.timeIntervalSince(sent)
        #expect(seconds < 2, "SIGTERM took \(seconds) s to end ptscope")
        try t.expectTerminalRestored { $0.trimmingCharacters(in: .whitespaces) == "Terminated" }
    }
}
