import Evaluator
import Explorer
import Foundation
import Sample
import Testing

/// The prompt texts compared byte for byte with what PTBench's own code builds. The expected files in
/// `Snapshots/prompts/` were written by running the reference's `src/predict_api.py` and
/// `src/predict_oss.py` (openai and vllm stubbed to capture what they are given) on sample cases and
/// on `edge-cases.json`; see the file names: `<template>-<split>-<index>.txt`, `api-<split>-<index>.json`.
@Suite("Prompts")
struct PromptTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots/prompts")

    /// The cases with expected files: `<split>-<index>`, split `edge` being `edge-cases.json`.
    static let vectors = [
        "test_untrained_user-0", "test_untrained_user-1", "test_untrained_user-5", "test_trained_user-4",
        "edge-0", "edge-1", "edge-2",
    ]

    /// The decoded case object behind a vector name.
    static func loadCase(_ vector: String) throws -> JSONValue {
        let dash = try #require(vector.lastIndex(of: "-"))
        let split = String(vector[..<dash])
        let index = try #require(Int(vector[vector.index(after: dash)...]))
        let url: URL
        if split == "edge" {
            url = folder.appendingPathComponent("edge-cases.json")
        } else {
            url = try #require(Sample.dataRoot).appendingPathComponent(split).appendingPathComponent("data.json")
        }
        let data = try SplitData.load(name: split, url: url)
        return try #require(data.fullCase(data.cases[index]))
    }

    static func expected(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// Records where `text` first differs from the expected bytes (a whole-array diff is unreadable).
    static func compare(
        _ text: String, _ want: [UInt8], _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let got = Array(text.utf8)
        guard got != want else { return }
        let first = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }
        let at = first?.offset ?? min(got.count, want.count)
        let context = String(decoding: got[max(0, at - 40)..<min(got.count, at + 40)], as: UTF8.self)
        let message =
            "\(what): first difference at byte \(at) (got \(got.count) bytes, want \(want.count)) "
            + "near \(context.debugDescription)"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    @Test func templateNames() {
        #expect(Prompts.templates == ["qwen", "llama3", "mistral", "deepseek3", "hammer", "xlam"])
        #expect(Prompts.render(template: "chatml", case: .object(JSONObject())) == nil)
    }

    @Test(arguments: vectors)
    func templatesMatchReference(_ vector: String) throws {
        let json = try Self.loadCase(vector)
        for name in Prompts.templates {
            let rendering = try #require(Prompts.render(template: name, case: json))
            #expect(rendering.name == name)
            let want = try Self.expected("\(name)-\(vector).txt")
            Self.compare(rendering.text, want, "\(name)-\(vector)")
        }
        #expect(Prompts.renderAll(case: json).map(\.name) == Prompts.templates)
    }

    @Test(arguments: vectors)
    func apiMatchesReference(_ vector: String) throws {
        let json = try Self.loadCase(vector)
        let file = try Data(contentsOf: Self.folder.appendingPathComponent("api-\(vector).json"))
        let want = try #require(try JSONSerialization.jsonObject(with: file) as? [[String: String]])
        let got = Prompts.api(case: json)
        #expect(got.map(\.role) == want.map { $0["role"] ?? "" })
        for (k, (message, expected)) in zip(got, want).enumerated() {
            Self.compare(message.content, Array((expected["content"] ?? "").utf8), "api-\(vector) message \(k)")
        }
    }

    @Test func notesDescribeTheQuirks() throws {
        let json = try Self.loadCase("test_untrained_user-0")
        let all = Dictionary(uniqueKeysWithValues: Prompts.renderAll(case: json).map { ($0.name, $0.notes) })
        for (name, notes) in all {
            #expect(notes.contains { $0.contains("stop=None") }, "\(name)")
        }
        for name in ["deepseek3", "hammer", "xlam"] {
            #expect(all[name]?.contains { $0.contains("TypeError") } == true, "\(name)")
        }
        #expect(all["deepseek3"]?.contains { $0.contains("literal `{content}`") } == true)
        #expect(all["hammer"]?.contains { $0.contains("`<im_end>`") } == true)
        #expect(all["qwen"]?.count == 2)
        #expect(Prompts.problems(case: json).isEmpty)
    }

    @Test func missingFieldsAreNotedAndLeftEmpty() throws {
        let json = JSONValue.object(JSONObject(members: [("query", .number(JSONNumber(text: "7")))]))
        let problems = Prompts.problems(case: json)
        #expect(problems.count == 4)
        #expect(problems.filter { $0.contains("KeyError") }.count == 3)
        let api = Prompts.api(case: json)
        #expect(api[1].content == "7")
        #expect(api[0].content.hasPrefix("You are given a user profile:. \nHere is some platforms:. \n"))
        let deepseek = try #require(Prompts.render(template: "deepseek3", case: json))
        #expect(deepseek.notes.contains { $0.contains("`+ query` raises TypeError") })
    }

    @Test func pythonStrFormatsLikePython() {
        let object = JSONValue.object(
            JSONObject(members: [
                ("a", .string("it's")), ("b", .array([.bool(true), .null, .number(JSONNumber(text: "1e16"))])),
                ("a", .string("x")),
            ]))
        #expect(Prompts.pythonStr(object) == "{'a': 'x', 'b': [True, None, 1e+16]}")
        #expect(Prompts.pythonStr(.string("it's")) == "it's")
        #expect(Prompts.pythonRepr(.string("it's")) == "\"it's\"")
        #expect(Prompts.pythonStr(.number(JSONNumber(text: "-0"))) == "0")
        #expect(Prompts.pythonStr(.number(JSONNumber(text: "2.50"))) == "2.5")
    }
}

/// The prompt view at 80 columns: a template's notes wrap instead of being cut at the edge.
@Suite("Prompt view notes")
struct PromptViewNoteTests {
    @Test func notesWrapAtEightyColumns() throws {
        var s = Fixture.state(try Fixture.sample(), width: 80, height: 24)
        Fixture.keys(&s, .char("p"), .char("l"))  // the first chat template: it has notes
        guard case .triage(let t)? = s.overlay else {
            Issue.record("p did not open the prompt view")
            return
        }
        let notes = t.rows.map(\.line.plain).filter { $0.hasPrefix("  ! ") }
        #expect(!notes.isEmpty, "the template shows its notes")
        let width = Layout(s).overlayWidth
        for row in t.rows.map(\.line) { #expect(row.width <= width, "a row wider than the view: \(row.plain)") }
        #expect(t.rows.contains { $0.line.plain.contains("stop=None") }, "the notes are whole")
    }
}
