import Foundation
import Testing

/// A case whose detail takes seconds to build (1.7 MB of nested lists in its prediction): the
/// explorer shows it as building and keeps reading keys, so `q` ends it at once.
@Suite(
    "ptscope in tmux: a costly case",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(1))
)
struct CostlyCaseEndToEndTests {
    /// `data/` and `pred/` in `folder`: one case, its prediction 100,000 lists `[1, 2, 3, 'abc']`.
    static func writeCostlySet(in folder: String) throws {
        let split = folder + "/data/test_untrained_user"
        let pred = folder + "/pred/test_untrained_user"
        try FileManager.default.createDirectory(atPath: split, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: pred, withIntermediateDirectories: true)
        let data = #"""
            [{"user_profile": {"basic_features": {"name": "Eve"}, "preferences": {"work": "Slack"}},
              "platforms": [{"name": "Slack", "description": "chat"}],
              "tools": [{"platform": "Slack", "name": "send_message", "description": "Send",
                         "parameters": {"type": "object", "properties": {"text": {"type": "string"}}}}],
              "query": "Say hello", "answer": ["Slack", [{"send_message": {"text": ["hello"]}}]],
              "query_params": ["text"], "profile_params": []}]
            """#
        try Data(data.utf8).write(to: URL(fileURLWithPath: split + "/data.json"))
        let value = "[" + Array(repeating: "[1, 2, 3, 'abc']", count: 100_000).joined(separator: ", ") + "]"
        let line = #"{"query": "q", "label": "l", "predict": "Slack:[send_message(text=\#(value))]"}"# + "\n"
        try Data(line.utf8).write(to: URL(fileURLWithPath: pred + "/generation.jsonl"))
    }

    @Test("the case pane says building…, and q exits at once while it builds")
    func quitWhileBuilding() async throws {
        let tmp = try TemporaryFolder()
        try Self.writeCostlySet(in: tmp.path)
        let t = try TmuxSession(width: 120, height: 40, arguments: [tmp.path + "/data", tmp.path + "/pred"])
        let s = try await t.waitUntil("the list with the case pane building") { $0.contains("· building…") }
        #expect(s.listRows.count == 1, "the list is drawn while the case builds:\n\(s.framed)")

        let clock = ContinuousClock()
        let start = clock.now
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        let elapsed = clock.now - start
        // About 30 ms on a quiet machine (before: the seconds the build takes, keys unread); the
        // bound leaves room for a loaded machine running the other tmux tests in parallel.
        #expect(elapsed < .seconds(2), "q took \(elapsed) to end ptscope while the case was building")
        try t.expectTerminalRestored()
    }

    @Test("SIGTERM while the case builds ends ptscope with 143 at once, the terminal restored")
    func terminateWhileBuilding() async throws {
        let tmp = try TemporaryFolder()
        try Self.writeCostlySet(in: tmp.path)
        let t = try TmuxSession(width: 120, height: 40, arguments: [tmp.path + "/data", tmp.path + "/pred"])
        try await t.waitUntil("the list with the case pane building") { $0.contains("· building…") }
        let clock = ContinuousClock()
        let start = clock.now
        try t.signal(SIGTERM)
        #expect(try await t.waitForExit() == 128 + SIGTERM)
        #expect(clock.now - start < .seconds(2), "SIGTERM took \(clock.now - start) to end ptscope")
        try t.expectTerminalRestored { $0.trimmingCharacters(in: .whitespaces) == "Terminated" }
    }
}
