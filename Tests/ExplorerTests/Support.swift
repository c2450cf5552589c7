import Evaluator
import Explorer
import Foundation
import Sample
import TUICore
import TestSupport
import Testing

// MARK: - Fixtures

enum Fixture {
    /// The bundled sample with the first simulated model, loaded and indexed.
    static func sample(_ model: String = Sample.models[0]) throws -> ExplorerData {
        let root = try #require(Sample.dataRoot)
        let run = try #require(Sample.run(model))
        return ExplorerData(benchmark: try Benchmark.load(data: root, predictions: run), runName: "sample · \(model)")
    }

    /// The conformance sets of `../shared/conformance` (beside the project on CI; none elsewhere):
    /// folders with `data/` and the reference's `expected/` (CSV files and `cases.jsonl`).
    static var conformanceSets: [URL] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/conformance")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().map { root.appendingPathComponent($0) }.filter {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("expected/cases.jsonl").path)
                && FileManager.default.fileExists(atPath: $0.appendingPathComponent("data").path)
        }
    }

    /// The sample with both simulated models: A = strong-sim, B = weak-sim.
    static func compared() throws -> ExplorerData {
        let root = try #require(Sample.dataRoot)
        let a = try Benchmark.load(data: root, predictions: try #require(Sample.run("strong-sim") as URL?))
        let b = try Benchmark.load(data: root, predictions: try #require(Sample.run("weak-sim") as URL?))
        return ExplorerData(
            benchmark: a, runName: "strong-sim", otherRuns: [RunData(name: "weak-sim", predictions: b.predictions)])
    }

    /// A state at `width`×`height` with `data` loaded and scored, effects run synchronously.
    static func state(_ data: ExplorerData, width: Int, height: Int, glyphs: Glyphs = .unicode) -> AppState {
        var s = AppState(width: width, height: height, glyphs: glyphs)
        send(&s, .loaded(data))
        return s
    }

    /// Reduces `action` and everything its effects produce, synchronously.
    static func send(_ s: inout AppState, _ action: Action) {
        var queue = [action]
        while !queue.isEmpty {
            let a = queue.removeFirst()
            let effects = Reducer.reduce(&s, a)
            queue += SynchronousEffectRunner(author: "test").perform(effects, for: s)
        }
    }

    /// Sends keys typed as a string (each character one key).
    static func type(_ s: inout AppState, _ text: String) {
        for ch in text { send(&s, .key(.char(ch))) }
    }

    static func keys(_ s: inout AppState, _ keys: Key...) {
        for k in keys { send(&s, .key(k)) }
    }

    /// A small benchmark written to a temporary folder, with control characters and escape
    /// sequences in the query, the profile and the prediction.
    static func hostile() throws -> (data: ExplorerData, folder: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-hostile-\(UUID().uuidString)")
        let split = dir.appendingPathComponent("data/test_untrained_user")
        let pred = dir.appendingPathComponent("pred/test_untrained_user")
        try FileManager.default.createDirectory(at: split, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: pred, withIntermediateDirectories: true)
        let data = #"""
            [{"user_profile": {"basic_features": {"name": "Eve \u001b[31mRED\u001b[0m", "home_address": "1 Bell St\u0007", "\u001b[1mkey\u202e": "v"}, "preferences": {"work": "prefers Slack\u202e evil"}},
              "platforms": [{"name": "Slack", "description": "chat \u001b]0;title\u0007"}],
              "tools": [{"platform": "Slack", "name": "send_message", "description": "Send", "parameters": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}}],
              "query": "Say \u001b[2Jhello\r\nto the team\tnow",
              "answer": ["Slack", [{"send_message": {"text": ["hello"]}}]],
              "query_params": ["text"], "profile_params": []}]
            """#
        try Data(data.utf8).write(to: split.appendingPathComponent("data.json"))
        let line = #"{"query": "q", "label": "l", "predict": "Slack:[send_message(text='\u001b[5mhello')]"}"# + "\n"
        try Data(line.utf8).write(to: pred.appendingPathComponent("generation.jsonl"))
        let bench = try Benchmark.load(data: dir.appendingPathComponent("data"), predictions: dir.appendingPathComponent("pred"))
        return (ExplorerData(benchmark: bench, runName: "hostile"), dir.path)
    }
}

// MARK: - Rendering

enum Screen {
    static func render(_ s: AppState) -> ScreenBuffer {
        var buf = ScreenBuffer(width: s.width, height: s.height)
        RootView.render(s, into: &buf)
        return buf
    }

    static func text(_ s: AppState) -> String { render(s).text }
}

// MARK: - Snapshots

/// Golden snapshots in `Tests/ExplorerTests/Snapshots/` (text, and a role layer where asked).
let goldens = Snapshot(
    folder: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots"))

extension AppState {
    /// The highlighted row of the open summary view (-1 when none is open).
    var triageCursor: Int {
        if case .triage(let t)? = overlay { return t.cursor.index }
        return -1
    }
}
