import Foundation
import Testing

/// The suspect-gold queue end to end: `--compare` on the bundled sample (A = strong-sim,
/// B = weak-sim), `S` opens the queue, Enter on its first row opens that case, `a` on a row
/// accepts the value both runs agree on and the status line names the runs it changed.
@Suite(
    "ptscope suspect gold in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct SuspectEndToEndTests {
    @Test("--compare, S: the queue; Enter on its first row opens that case; a accepts a value both runs agree on")
    func queueOnTheSampleModels() async throws {
        let t = try TmuxSession(width: 220, height: 45, arguments: ["--compare"])
        var s = try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.overallAccuracy != nil }

        try t.send("S")
        s = try await t.waitUntil("S to open the suspect-gold queue") {
            $0.mode == "SUSPECTS" && $0.contains("Values 2 or more of 2 runs agree on that gold rejects")
        }
        // The first row: case U 78, the platform both runs predict (DoorDash) against gold's Deliveroo.
        #expect(s.isHighlighted("U 78    platform") == true, "the first row is highlighted:\n\(s.framed)")
        #expect(s.contains("'DoorDash'") && s.contains("'Deliveroo'"))
        #expect(s.contains("Every run fails the same way"))

        try t.send("Enter")
        s = try await t.waitUntil("Enter to open case U 78") { $0.mode == "CASE" && $0.shownCase != nil }
        #expect(s.shownCase?.number == 78 && s.shownCase?.split == "test_untrained_user", "\(s.framed)")
        // The list keeps the queue's two cases.
        #expect(s.listCounts?.shown == 2, "\(s.framed)")
        #expect(s.statusBar.contains("U 78: 2 cases in suspect"), "\(s.statusBar)")

        try t.send("S")
        s = try await t.waitUntil("S again") { $0.mode == "SUSPECTS" }
        try t.send("j")
        s = try await t.waitUntil("j to the second row (T 46)") { $0.isHighlighted("T 46") == true }
        try t.send("a")
        s = try await t.waitUntil("a to accept the address both runs predict") {
            $0.statusBar.contains("gold edit: A and B now pass case T 46")
        }
        // Re-scored: the queue keeps only U 78.
        s = try await t.waitUntil("the queue without T 46") {
            !$0.contains("T 46    order_food") && $0.contains("U 78    platform")
        }
        try t.send("q", "q")
        #expect(try await t.waitForExit() == 0)
    }
}
