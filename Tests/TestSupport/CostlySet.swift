import Foundation

// MARK: - CostlySet

/// A data set of one case whose prediction costs seconds to lay out in a debug build (400,000
/// lists `[1, 2, 3, 'abc']`): for tests that nothing costly runs on the input loop.
public enum CostlySet {
    /// Writes `data/test_untrained_user/data.json` and `pred/test_untrained_user/generation.jsonl` in `folder`.
    public static func write(in folder: URL) throws {
        let split = folder.appendingPathComponent("data/test_untrained_user")
        let pred = folder.appendingPathComponent("pred/test_untrained_user")
        try FileManager.default.createDirectory(at: split, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: pred, withIntermediateDirectories: true)
        let data = #"""
            [{"user_profile": {"basic_features": {"name": "Eve"}, "preferences": {"work": "Slack"}},
              "platforms": [{"name": "Slack", "description": "chat"}],
              "tools": [{"platform": "Slack", "name": "send_message", "description": "Send",
                         "parameters": {"type": "object", "properties": {"text": {"type": "string"}}}}],
              "query": "Say hello", "answer": ["Slack", [{"send_message": {"text": ["hello"]}}]],
              "query_params": ["text"], "profile_params": []}]
            """#
        try Data(data.utf8).write(to: split.appendingPathComponent("data.json"))
        let value = "[" + Array(repeating: "[1, 2, 3, 'abc']", count: 400_000).joined(separator: ", ") + "]"
        let line = #"{"query": "q", "label": "l", "predict": "Slack:[send_message(text=\#(value))]"}"# + "\n"
        try Data(line.utf8).write(to: pred.appendingPathComponent("generation.jsonl"))
    }
}
