import Evaluator
import Foundation
import Runner
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Runner: hashes, configurations, backoff")
struct RunnerUnitTests {
    @Test("SHA-256 equals Python's hashlib around every padding boundary")
    func sha256() {
        let expected: [Int: String] = [
            0: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            3: "6ab0dba1f4f1dfbb37b4f9eeb092c09fca4900ad32bdcd147d8dde35d6c87c35",
            55: "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b",
            56: "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27",
            63: "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055",
            64: "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241",
            65: "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e",
            1000: "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371",
        ]
        for (n, hex) in expected {
            let bytes = (0..<n).map { UInt8(($0 * 7 + 3) % 256) }
            #expect(SHA256.hex(bytes) == hex, "\(n) bytes")
        }
    }

    static func configuration(_ model: String = "m") -> RunConfiguration {
        RunConfiguration(
            model: model, prompt: "chat", fixTemplateQuirks: false, temperature: nil, topP: nil, seed: nil,
            maxTokens: nil, stop: nil, samples: 1, data: ["s": "aa"])
    }

    @Test("a changed configuration names each field with both values")
    func differences() {
        var b = Self.configuration("other")
        b.temperature = 0.5
        b.data["s"] = "bb"
        let d = Self.configuration().differences(to: b)
        #expect(d.map(\.name) == ["model", "temperature", "data hash of s"])
        #expect(d[1].description == "temperature: recorded not sent, asked 0.5")
        #expect(Self.configuration().differences(to: Self.configuration()).isEmpty)
    }

    @Test("backoff doubles up to the cap with jitter in its upper half; Retry-After wins, capped")
    func backoff() {
        let o = RunOptions(initialBackoff: 1, maximumBackoff: 8, maximumRetryAfter: 30)
        #expect(o.backoff(retry: 1, retryAfter: nil, random: 0) == 0.5)
        #expect(o.backoff(retry: 1, retryAfter: nil, random: 1) == 1)
        #expect(o.backoff(retry: 3, retryAfter: nil, random: 1) == 4)
        #expect(o.backoff(retry: 10, retryAfter: nil, random: 1) == 8)
        #expect(o.backoff(retry: 10, retryAfter: nil, random: 0) == 4)
        #expect(o.backoff(retry: 1, retryAfter: 2.5, random: 0.3) == 2.5)
        #expect(o.backoff(retry: 1, retryAfter: 500, random: 0.3) == 30)
    }

    @Test("Retry-After: seconds or an HTTP date; anything else is ignored")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
        #expect(RetryAfter.seconds("7", now: now) == 7)
        #expect(RetryAfter.seconds(" 0.5 ", now: now) == 0.5)
        #expect(RetryAfter.seconds("Tue, 14 Nov 2023 22:13:30 GMT", now: now) == 10)
        #expect(RetryAfter.seconds("Tue, 14 Nov 2023 22:13:00 GMT", now: now) == 0)
        #expect(RetryAfter.seconds("soon", now: now) == nil)
        #expect(RetryAfter.seconds("-3", now: now) == nil)
    }

    @Test("the base URL loses its trailing slashes, and its user and password in what is recorded")
    func endpoint() {
        let e = Endpoint(baseURL: "https://user:secret@example.com/v1//")
        #expect(e.baseURL == "https://user:secret@example.com/v1")
        #expect(e.displayURL == "https://example.com/v1")
        #expect(!e.displayURL.contains("secret"))
    }
}

@Suite("Runner: the run's files")
struct RunStoreTests {
    /// A one-split plan over `count` invented cases.
    static func split(_ count: Int, in folder: URL) throws -> SplitData {
        let cases = (0..<count).map { i in
            #"{"user_profile": {"name": "U\#(i)"}, "platforms": ["P"], "tools": [], "query": "q\#(i) ü", "answer": ["P", [{"f": {"a": [\#(i)]}}]], "query_params": ["a"], "profile_params": []}"#
        }
        let url = folder.appendingPathComponent("data.json")
        try Data(("[\n" + cases.joined(separator: ",\n") + "\n]\n").utf8).write(to: url)
        return try SplitData.load(name: "test_untrained_user", url: url)
    }

    static func temporary() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("runstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func plan(_ split: SplitData) throws -> RunPlan {
        try RunPlan(configuration: RunnerUnitTests.configuration(), splits: [split])
    }

    @Test("answers out of order: generation.jsonl only ever holds the answered prefix, in order")
    func outOfOrder() async throws {
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let split = try Self.split(4, in: tmp)
        let store = RunStore(root: tmp.appendingPathComponent("run"))
        let client = EndpointClient(endpoint: Endpoint(baseURL: "http://127.0.0.1:9/v1"))
        _ = try await RunEngine.prepare(plan: try Self.plan(split), store: store, client: client, options: RunOptions())
        let generation = tmp.appendingPathComponent("run/test_untrained_user/generation.jsonl")
        func lines() throws -> [String] {
            try String(contentsOf: generation, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        try await store.record(sample: 1, split: split.name, Answer(i: 2, predict: "two"))
        try await store.record(sample: 1, split: split.name, Answer(i: 1, predict: "one"))
        #expect(try lines().isEmpty)
        try await store.record(sample: 1, split: split.name, Answer(i: 0, predict: "zero"))
        #expect(try lines().count == 3)
        #expect(try lines()[1] == #"{"query": "q1 \u00fc", "label": ["P", [{"f": {"a": [1]}}]], "predict": "one"}"#)
        try await store.record(sample: 1, split: split.name, Answer(i: 3, predict: "three"))
        #expect(try lines().count == 4)
        await store.close()
        await client.shutdown()
    }

    @Test("a torn last journal line is cut off; generation.jsonl is rebuilt from the journal")
    func tornLine() async throws {
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let split = try Self.split(3, in: tmp)
        let folder = tmp.appendingPathComponent("run/test_untrained_user")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let journal = folder.appendingPathComponent("answers.jsonl")
        try Data((#"{"i":1,"predict":"one"}"# + "\n" + #"{"i":0,"predict":"zero"}"# + "\n" + #"{"i":2,"pre"#).utf8)
            .write(to: journal)
        // Garbage a crash might have left in generation.jsonl.
        try Data("{\"query\": \"q0\", \"lab".utf8).write(to: folder.appendingPathComponent("generation.jsonl"))
        let store = RunStore(root: tmp.appendingPathComponent("run"))
        let client = EndpointClient(endpoint: Endpoint(baseURL: "http://127.0.0.1:9/v1"))
        let engine = try await RunEngine.prepare(
            plan: try Self.plan(split), store: store, client: client, options: RunOptions())
        let p = await engine.progress()
        #expect(p.toAsk == 1)
        #expect(p.streams.first?.written == 2)
        let text = try String(contentsOf: journal, encoding: .utf8)
        #expect(text.hasSuffix("\"zero\"}\n"))
        let generation = try String(contentsOf: folder.appendingPathComponent("generation.jsonl"), encoding: .utf8)
        #expect(generation.split(separator: "\n").count == 2)
        #expect(generation.hasPrefix(#"{"query": "q0 \u00fc""#))
        await store.close()
        await client.shutdown()
    }

    @Test("a bad journal line in the middle is an error naming the file and line")
    func badLine() async throws {
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let split = try Self.split(3, in: tmp)
        let folder = tmp.appendingPathComponent("run/test_untrained_user")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data((#"{"i":1,"predict":"one"}"# + "\nnot json\n" + #"{"i":0,"predict":"zero"}"# + "\n").utf8)
            .write(to: folder.appendingPathComponent("answers.jsonl"))
        let store = RunStore(root: tmp.appendingPathComponent("run"))
        let client = EndpointClient(endpoint: Endpoint(baseURL: "http://127.0.0.1:9/v1"))
        await #expect(throws: RunError.self) {
            _ = try await RunEngine.prepare(plan: try Self.plan(split), store: store, client: client, options: RunOptions())
        }
        do {
            _ = try await RunEngine.prepare(plan: try Self.plan(split), store: store, client: client, options: RunOptions())
        } catch {
            #expect("\(error)".contains("answers.jsonl:2: not an answer line"))
        }
        await client.shutdown()
    }

    @Test("a case without a field PTBench's runner reads is refused with the data file's line")
    func missingField() throws {
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let url = tmp.appendingPathComponent("data.json")
        try Data(#"[{"answer": ["P", []], "query_params": [], "profile_params": [], "query": "q"}]"#.utf8).write(to: url)
        let split = try SplitData.load(name: "s", url: url)
        #expect(throws: RunError.self) { try Self.plan(split) }
        do {
            _ = try Self.plan(split)
        } catch {
            #expect("\(error)".contains("case 0 (line 1) has no `user_profile`, `platforms`, `tools`"))
        }
    }
}
