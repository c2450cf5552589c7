import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The servers `ptscope run`'s tests talk to: `Scripts/fault_server.py` (through ``FaultServer``)
/// and the real llama.cpp server (``LlamaServer``), checked with plain HTTP (``HTTPProbe``).
@Suite("Test servers", .timeLimit(.minutes(2)))
struct ServerSupportTests {
    /// A chat request's JSON text: a system message, then `content` as the user's; `extra` is
    /// inserted before the closing brace (`, "seed": 7`).
    static func chat(_ content: String, model: String = "fault-model", extra: String = "") -> String {
        let messages = [["role": "system", "content": "tools"], ["role": "user", "content": content]]
        let object: [String: Any] = ["model": model, "messages": messages]
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: body.dropLast(), as: UTF8.self) + extra + "}"
    }

    // MARK: - Answers

    @Test("a chat completion and a completion are OpenAI responses whose text is a function of the prompt")
    func answers() async throws {
        let server = try await FaultServer.start()
        let chat = try await HTTPProbe.post(server.baseURL + "/chat/completions", json: Self.chat("hello")).get()
        #expect(chat.status == 200)
        #expect(chat.headers["content-type"] == "application/json")
        let object = try #require(chat.object)
        #expect(object["object"] as? String == "chat.completion")
        #expect(object["model"] as? String == "fault-model")
        #expect((object["id"] as? String)?.hasPrefix("chatcmpl-") == true)
        let choice = try #require((object["choices"] as? [[String: Any]])?.first)
        // sha256("hello") begins 2cf24dba.
        #expect((choice["message"] as? [String: Any])?["content"] as? String == #"Platform:[search(query = "2cf24dba")]"#)
        #expect(choice["finish_reason"] as? String == "stop")
        let usage = try #require(object["usage"] as? [String: Int])
        #expect(usage["total_tokens"] == usage["prompt_tokens"]! + usage["completion_tokens"]!)

        let completion = try await HTTPProbe.post(
            server.baseURL + "/completions", json: #"{"model": "fault-model", "prompt": "hello"}"#
        ).get()
        let text = try #require((completion.object?["choices"] as? [[String: Any]])?.first?["text"] as? String)
        #expect(text == #"Platform:[search(query = "2cf24dba")]"#)
        #expect(completion.object?["object"] as? String == "text_completion")

        let cut = try await HTTPProbe.post(
            server.baseURL + "/chat/completions", json: Self.chat("hello", extra: #", "max_tokens": 1"#)
        ).get()
        let cutChoice = try #require((cut.object?["choices"] as? [[String: Any]])?.first)
        #expect(cutChoice["finish_reason"] as? String == "length")
        #expect((cutChoice["message"] as? [String: Any])?["content"] as? String == "Platform:[search(query")
    }

    @Test("two servers asked the same prompts in a different order give byte-identical bodies; a seed counts only when sampling")
    func determinism() async throws {
        let prompts = (0..<6).map { "case \($0): find a flight" }
        func bodies(_ order: [String]) async throws -> [String: Data] {
            let server = try await FaultServer.start()
            var out: [String: Data] = [:]
            for prompt in order {
                out[prompt] = try await HTTPProbe.post(server.baseURL + "/chat/completions", json: Self.chat(prompt)).get().body
            }
            return out
        }
        let first = try await bodies(prompts)
        let second = try await bodies(prompts.reversed())
        #expect(first == second)
        #expect(Set(first.values).count == prompts.count)

        let server = try await FaultServer.start()
        func content(_ extra: String) async throws -> String? {
            let response = try await HTTPProbe.post(server.baseURL + "/chat/completions", json: Self.chat("q", extra: extra))
                .get()
            return ((response.object?["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])?["content"]
                as? String
        }
        let plain = try await content("")
        #expect(try await content(#", "temperature": 0, "seed": 7"#) == plain)
        #expect(try await content(#", "temperature": 0.8"#) == plain)
        let seven = try await content(#", "temperature": 0.8, "seed": 7"#)
        #expect(seven != plain)
        #expect(try await content(#", "temperature": 0.8, "seed": 8"#) != seven)
        #expect(try await content(#", "temperature": 0.8, "seed": 7"#) == seven)
    }

    // MARK: - Models and keys

    @Test("/v1/models lists the models; another model is a 404 naming it; a bad body is a 400")
    func models() async throws {
        let server = try await FaultServer.start(models: ["a-model", "b-model"])
        let list = try await HTTPProbe.send("GET", server.baseURL + "/models").get()
        #expect(list.status == 200)
        #expect(list.object?["object"] as? String == "list")
        #expect((list.object?["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["a-model", "b-model"])

        let wrong = try await HTTPProbe.post(server.baseURL + "/chat/completions", json: Self.chat("x", model: "gpt-x")).get()
        #expect(wrong.status == 404)
        let error = try #require(wrong.object?["error"] as? [String: Any])
        #expect(error["message"] as? String == "The model `gpt-x` does not exist")
        #expect(error["type"] as? String == "invalid_request_error")
        #expect(error["code"] as? String == "model_not_found")

        let bad = try await HTTPProbe.post(server.baseURL + "/chat/completions", json: #"{"model": "a-model"}"#).get()
        #expect(bad.status == 400)
        #expect((bad.object?["error"] as? [String: Any])?["message"] as? String == "'messages' is required")
        let actions = try server.requests().map(\.action)
        #expect(actions == ["answer", "model_not_found", "bad_request"])
    }

    @Test("--require-key: no key or a wrong one is a 401; the log keeps only the header's sha256")
    func requireKey() async throws {
        let key = "sk-test-\(UUID().uuidString)"
        let server = try await FaultServer.start(requireKey: key)
        let url = server.baseURL + "/chat/completions"
        let none = try await HTTPProbe.post(url, json: Self.chat("x")).get()
        #expect(none.status == 401)
        #expect((none.object?["error"] as? [String: Any])?["code"] as? String == "invalid_api_key")
        let wrong = try await HTTPProbe.post(url, json: Self.chat("x"), headers: ["Authorization": "Bearer nope"]).get()
        #expect(wrong.status == 401)
        let right = try await HTTPProbe.post(url, json: Self.chat("x"), headers: ["Authorization": "Bearer \(key)"]).get()
        #expect(right.status == 200)
        let models = try await HTTPProbe.send("GET", server.baseURL + "/models").get()
        #expect(models.status == 401)

        let log = try server.requests()
        #expect(log.map(\.action) == ["unauthorized", "unauthorized", "answer", "unauthorized"])
        #expect(log.map(\.authorization.present) == [false, true, true, false])
        #expect(log[2].authorization.sha256 == sha256Hex("Bearer \(key)"))
        #expect(log[2].headers["authorization"] == nil)
        let text = try String(contentsOf: server.logURL, encoding: .utf8)
        #expect(!text.contains(key))
    }

    // MARK: - Faults

    @Test("retry_after: 429 with Retry-After in seconds (fractional) or as an HTTP date, for `times` requests, then answers")
    func retryAfter() async throws {
        let server = try await FaultServer.start(rules: [
            .init(match: "slowly", times: 2, action: .retryAfter(seconds: 1.5)),
            .init(match: "dated", action: .retryAfter(seconds: 30, date: true)),
        ])
        let url = server.baseURL + "/chat/completions"
        for _ in 0..<2 {
            let limited = try await HTTPProbe.post(url, json: Self.chat("slowly")).get()
            #expect(limited.status == 429)
            #expect(limited.headers["retry-after"] == "1.5")
            #expect((limited.object?["error"] as? [String: Any])?["code"] as? String == "rate_limit_exceeded")
        }
        #expect(try await HTTPProbe.post(url, json: Self.chat("slowly")).get().status == 200)

        let asked = Date()
        let dated = try await HTTPProbe.post(url, json: Self.chat("dated")).get()
        let answered = Date()
        #expect(dated.status == 429)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        formatter.timeZone = TimeZone(identifier: "GMT")
        let date = try #require(dated.headers["retry-after"].flatMap { formatter.date(from: $0) })
        // 30 s after the server answered (an HTTP date has whole seconds), whenever this test's
        // task got to look at it.
        #expect(
            date.timeIntervalSince(asked) > 28 && date.timeIntervalSince(answered) < 32,
            "Retry-After \(date), asked at \(asked), answered at \(answered)")
        #expect(try server.requests().map(\.action) == ["retry_after", "retry_after", "answer", "retry_after"])
    }

    @Test("status: the code and an error body on the matching requests after `after`, `times` times")
    func status() async throws {
        let server = try await FaultServer.start(rules: [
            .init(match: "case 1", after: 1, times: 2, action: .status(500)),
            .init(action: .status(502, message: "bad gateway")),
        ])
        let url = server.baseURL + "/chat/completions"
        // The catch-all rule fires on the first request of all, whatever it is.
        let first = try await HTTPProbe.post(url, json: Self.chat("case 1")).get()
        #expect(first.status == 502)
        #expect((first.object?["error"] as? [String: Any])?["message"] as? String == "bad gateway")
        var codes: [Int] = []
        for _ in 0..<4 { codes.append(try await HTTPProbe.post(url, json: Self.chat("case 1")).get().status) }
        // The first "case 1" request passed rule 0 (after: 1); the next two got its 500.
        #expect(codes == [500, 500, 200, 200])
        #expect(try await HTTPProbe.post(url, json: Self.chat("case 2")).get().status == 200)
        #expect(try server.requests().map(\.rule) == [1, 0, 0, nil, nil, nil])
    }

    @Test("stall: no byte comes, a client's time limit ends the wait; other connections are answered meanwhile")
    func stall() async throws {
        let server = try await FaultServer.start(rules: [.init(match: "stuck", action: .stall(seconds: 60))])
        let url = server.baseURL + "/chat/completions"
        let started = Date()
        async let stuck = HTTPProbe.post(url, json: Self.chat("stuck"), timeout: 1)
        try await Task.sleep(for: .milliseconds(200))
        let other = try await HTTPProbe.post(url, json: Self.chat("free"), timeout: 5).get()
        #expect(other.status == 200)
        #expect(await stuck.failure == .timedOut)
        // Far below the stall's 60 s (generous: a loaded machine runs these tests too).
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(try server.requests().first { $0.prompt == "stuck" }?.action == "stall")
    }

    @Test("drop: the connection closes (or resets) without a response")
    func drop() async throws {
        let server = try await FaultServer.start(rules: [
            .init(match: "close", action: .drop()), .init(match: "reset", action: .drop(reset: true)),
        ])
        let url = server.baseURL + "/chat/completions"
        #expect(await HTTPProbe.post(url, json: Self.chat("close")).failure == .closedWithoutResponse)
        #expect(await HTTPProbe.post(url, json: Self.chat("reset")).failure == .reset)
        #expect(try await HTTPProbe.post(url, json: Self.chat("close")).get().status == 200)
    }

    @Test("malformed: 200 with a body that is not JSON, or JSON without usable choices")
    func malformed() async throws {
        let server = try await FaultServer.start(rules: [
            .init(match: "text", action: .malformed()),
            .init(match: "none", action: .malformed(.noChoices)),
            .init(match: "empty", action: .malformed(.emptyChoices)),
            .init(match: "null", action: .malformed(.nullContent)),
        ])
        let url = server.baseURL + "/chat/completions"
        let text = try await HTTPProbe.post(url, json: Self.chat("text")).get()
        #expect(text.status == 200)
        #expect((try? JSONSerialization.jsonObject(with: text.body)) == nil)
        let none = try await HTTPProbe.post(url, json: Self.chat("none")).get()
        #expect(none.status == 200 && none.object != nil && none.object?["choices"] == nil)
        let empty = try await HTTPProbe.post(url, json: Self.chat("empty")).get()
        #expect((empty.object?["choices"] as? [Any])?.isEmpty == true)
        let null = try await HTTPProbe.post(url, json: Self.chat("null")).get()
        let message = try #require((null.object?["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])
        #expect(message["content"] is NSNull)
    }

    @Test("truncate: the headers promise the whole body, half of it comes, then the connection closes")
    func truncate() async throws {
        let server = try await FaultServer.start(rules: [.init(match: "cut", action: .truncate)])
        let url = server.baseURL + "/chat/completions"
        let result = await HTTPProbe.post(url, json: Self.chat("cut"))
        // The rule fired once; the same request now gets the same (deterministic) body whole.
        let whole = try await HTTPProbe.post(url, json: Self.chat("cut")).get().body.count
        #expect(result.failure == .truncated(expected: whole, received: whole / 2))
        #expect(try server.requests().map(\.action) == ["truncate", "answer"])
    }

    @Test("slow and --delay: the right answer, after the time asked")
    func slow() async throws {
        let server = try await FaultServer.start(rules: [.init(match: "later", action: .slow(seconds: 0.6))])
        let url = server.baseURL + "/chat/completions"
        var started = Date()
        let late = try await HTTPProbe.post(url, json: Self.chat("later")).get()
        #expect(Date().timeIntervalSince(started) >= 0.6)
        #expect(late.status == 200 && late.object?["choices"] != nil)

        let delayed = try await FaultServer.start(delay: 0.5)
        started = Date()
        #expect(try await HTTPProbe.send("GET", delayed.baseURL + "/models").get().status == 200)
        #expect(Date().timeIntervalSince(started) >= 0.5)
    }

    @Test("rules count requests across threads: of 24 concurrent matching requests exactly `times` get the fault")
    func concurrentCounting() async throws {
        let server = try await FaultServer.start(rules: [.init(match: "many", after: 3, times: 5, action: .status(503))])
        let url = server.baseURL + "/chat/completions"
        let codes = await withTaskGroup(of: Int.self) { group in
            for i in 0..<24 {
                group.addTask { (try? await HTTPProbe.post(url, json: Self.chat("many \(i)")).get().status) ?? -1 }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(codes.filter { $0 == 503 }.count == 5)
        #expect(codes.filter { $0 == 200 }.count == 19)
        let log = try server.requests()
        #expect(log.count == 24)
        #expect(log.map(\.seq) == Array(1...24))
        #expect(log.filter { $0.action == "status" }.count == 5)
        #expect(log.prefix(3).allSatisfy { $0.action == "answer" })
    }

    // MARK: - The log and the process

    @Test("the log has the method, path, parsed body, headers, action and rule of every request")
    func log() async throws {
        let server = try await FaultServer.start(rules: [.init(path: "/v1/models", action: .status(500))])
        _ = await HTTPProbe.send("GET", server.baseURL + "/models", headers: ["X-Gateway": "g1"])
        _ = await HTTPProbe.post(server.baseURL + "/chat/completions", json: Self.chat("hi", extra: #", "temperature": 0"#))
        _ = await HTTPProbe.post(server.baseURL + "/chat/completions", json: "{not json")
        let log = try server.requests()
        #expect(log.map(\.method) == ["GET", "POST", "POST"])
        #expect(log.map(\.path) == ["/v1/models", "/v1/chat/completions", "/v1/chat/completions"])
        #expect(log.map(\.action) == ["status", "answer", "bad_request"])
        #expect(log.map(\.rule) == [0, nil, nil])
        #expect(log[0].headers["x-gateway"] == "g1")
        #expect(log[1].headers["content-type"] == "application/json")
        #expect(log[1].model == "fault-model")
        #expect(log[1].prompt == "hi")
        #expect((log[1].body as? [String: Any])?["temperature"] as? Int == 0)
        #expect(log[2].body == nil && log[2].raw == "{not json")
    }

    @Test("a script with a mistake is refused, naming the file, the rule and what was expected")
    func badScript() async throws {
        await #expect {
            try await FaultServer.start(rules: [.init(action: .slow(seconds: 1)), .init(action: .status(200))])
        } throws: { error in
            let text = "\(error)"
            return text.contains("rules.json: rule 1: \"code\" must be an HTTP error status 400...599, got 200")
        }
    }

    @Test("SIGTERM ends the server with status 0 even during a stall; kill() ends it at once")
    func stopAndKill() async throws {
        let server = try await FaultServer.start(rules: [.init(action: .stall(seconds: 60))])
        async let stuck = HTTPProbe.post(server.baseURL + "/chat/completions", json: Self.chat("x"), timeout: 50)
        // Until the server has the request (it logs it before it stalls), not a fixed moment.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(40)
        while try server.requests().isEmpty && clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        try #require(try server.requests().count == 1, "the stalled request did not reach the server in 40 s")
        let started = Date()
        #expect(await OffPool.run { server.stop() } == 0)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(await stuck.failure == .closedWithoutResponse)
        #expect(!server.isRunning)

        let other = try await FaultServer.start()
        await OffPool.run { other.kill() }
        #expect(!other.isRunning)
        #expect(await HTTPProbe.send("GET", other.baseURL + "/models").failure == .refused)
    }

    @Test("the server ends on its own when its parent dies")
    func orphan() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-orphan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("pid").path
        // The shell starts the server, waits until it listens, and exits: the server is orphaned.
        let script =
            "python3 '\(FaultServer.scriptPath)' --port 0 > '\(folder.path)/out' & echo $! > '\(pidFile)'; "
            + "while ! grep -q listening '\(folder.path)/out'; do sleep 0.05; done"
        let out = folder.appendingPathComponent("sh.out").path
        let err = folder.appendingPathComponent("sh.err").path
        let status = await OffPool.run { (try? Spawn.run(["/bin/sh", "-c", script], stdout: out, stderr: err)) ?? -1 }
        #expect(status == 0)
        let pid = try #require(
            Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespaces.union(.newlines))))
        let deadline = Date(timeIntervalSinceNow: 15)
        while alive(pid), Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!alive(pid), "the orphaned fault server \(pid) still runs")
    }

    // MARK: - The real server

    @Test("the llama server lists its model and answers a chat completion with text", .requiresLlamaServer)
    func llama() async throws {
        let (baseURL, model) = try #require(await LlamaServer.shared().ready)
        let list = try await HTTPProbe.send("GET", baseURL + "/models", timeout: 30).get()
        #expect(list.status == 200)
        #expect((list.object?["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String }.contains(model) == true)

        let started = Date()
        let json = #"""
            {"model": "\#(model)", "messages": [{"role": "system", "content": "You call tools."},
             {"role": "user", "content": "What is the capital of France?"}], "max_tokens": 8, "temperature": 0}
            """#
        let answer = try await HTTPProbe.post(baseURL + "/chat/completions", json: json, timeout: 90).get()
        #expect(answer.status == 200)
        let choice = try #require((answer.object?["choices"] as? [[String: Any]])?.first)
        let content = try #require((choice["message"] as? [String: Any])?["content"] as? String)
        #expect(!content.isEmpty)
        #expect((answer.object?["usage"] as? [String: Any])?["completion_tokens"] as? Int ?? 0 > 0)
        FileHandle.standardError.write(
            Data("llama server: chat completion of 8 tokens in \(Int(Date().timeIntervalSince(started) * 1000)) ms\n".utf8))
    }
}

/// Whether process `pid` runs (a zombie does not count).
private func alive(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    guard let close = stat.lastIndex(of: ")") else { return false }
    return !stat[close...].hasPrefix(") Z")
}

/// The sha256 of `text` in lower-case hex (through `sha256sum`, which every CI image has).
private func sha256Hex(_ text: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-sha-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in")
    try? Data(text.utf8).write(to: input)
    let out = folder.appendingPathComponent("out").path
    _ = try? Spawn.run(["/usr/bin/sha256sum", input.path], stdout: out, stderr: folder.appendingPathComponent("err").path)
    return String(((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").prefix(64))
}
