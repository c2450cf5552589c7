import Foundation
import Testing

/// The python3 the test's endpoint runs with.
private let reaskPython = TmuxSession.findExecutable("python3")

/// `A` with `--base-url`: the built binary asks a real HTTP server on loopback (a python3
/// `http.server` script this test writes) and shows the new answer scored against gold beside the
/// recorded one; the recorded run's files stay as they were.
@Suite(
    "ptscope in tmux: A asks the endpoint again",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .enabled(if: reaskPython != nil, "python3 is not on PATH: the test's endpoint is a python3 script"),
    .timeLimit(.minutes(3))
)
struct ReaskEndToEndTests {
    static var python: String? { reaskPython }

    /// The view's verdict row: the new answer passing on the left, ≠, the recorded format failure
    /// on the right.
    static func newPassesBesideAFormatFailure(_ s: Screen) -> Bool {
        s.lines.contains { line in
            guard let pass = line.range(of: "✓ pass"), let failure = line.range(of: "≠ ! format failure") else { return false }
            return pass.upperBound <= failure.lowerBound
        }
    }

    /// An OpenAI-style server on 127.0.0.1 (a free port, written to `port`): every POST to
    /// /v1/chat/completions answers `ANSWER` (its body kept in `requests.jsonl`), /v1/models lists one.
    static let server = #"""
        import http.server, json, select, socket, sys, time
        folder, answer = sys.argv[1], sys.argv[2]
        class Handler(http.server.BaseHTTPRequestHandler):
            def reply(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with open(folder + "/requests.jsonl", "ab") as f:
                    f.write(body + b"\n")
                with open(folder + "/headers.jsonl", "a") as f:
                    f.write(json.dumps({k.lower(): v for k, v in self.headers.items()}) + "\n")
                if self.path != "/v1/chat/completions":
                    return self.reply(404, {"error": {"message": "no such path"}})
                if json.loads(body).get("model") != "fixed":
                    return self.reply(404, {"error": {"message": "model not found"}})
                if answer == "STALL":
                    # No answer: wait for the client to close the connection, and say so in `closed`.
                    end = time.time() + 20
                    while time.time() < end:
                        if select.select([self.connection], [], [], 0.05)[0] and not self.connection.recv(1, socket.MSG_PEEK):
                            open(folder + "/closed", "w").close()
                            return
                    return
                self.reply(200, {"id": "x", "object": "chat.completion", "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 10, "completion_tokens": 5}})
            def do_GET(self):
                self.reply(200, {"object": "list", "data": [{"id": "fixed"}]})
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        with open(folder + "/port.tmp", "w") as f:
            f.write(str(server.server_address[1]))
        import os
        os.rename(folder + "/port.tmp", folder + "/port")
        server.serve_forever()
        """#

    /// One case: gold `Slack:[send_message(text='hello')]`; the recorded answer a refusal (a
    /// format failure).
    static func writeSet(in folder: String) throws {
        let split = folder + "/data/test_untrained_user"
        let pred = folder + "/pred/test_untrained_user"
        for f in [split, pred] { try FileManager.default.createDirectory(atPath: f, withIntermediateDirectories: true) }
        let data = #"""
            [{"user_profile": {"basic_features": {"name": "Eve"}, "preferences": {"work": "prefers Slack"}},
              "platforms": [{"name": "Slack", "description": "chat"}],
              "tools": [{"platform": "Slack", "name": "send_message", "description": "Send", "parameters": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}}],
              "query": "Say hello to the team",
              "answer": ["Slack", [{"send_message": {"text": ["hello"]}}]],
              "query_params": ["text"], "profile_params": []}]
            """#
        try Data(data.utf8).write(to: URL(fileURLWithPath: split + "/data.json"))
        let line = #"{"query": "Say hello to the team", "label": "x", "predict": "I do not know."}"# + "\n"
        try Data(line.utf8).write(to: URL(fileURLWithPath: pred + "/generation.jsonl"))
    }

    @Test("120×40: A shows the endpoint's answer passing against gold beside the recorded format failure; the run is unchanged")
    func askAgain() async throws {
        let tmp = try TemporaryFolder()
        try Self.writeSet(in: tmp.path)
        let server = try await Self.startServer(in: tmp.path)
        defer { Self.stop(server.pid) }
        let port = server.port
        let recorded = try Data(contentsOf: URL(fileURLWithPath: tmp.path + "/pred/test_untrained_user/generation.jsonl"))

        let t = try await Self.opened(tmp, port: port)
        try t.send("A")
        let s = try await t.waitUntil("the re-ask view with the new answer") {
            $0.contains("Asked again — case U 0") && $0.contains("New answer") && $0.contains("Recorded run A pred")
        }
        #expect(
            Self.newPassesBesideAFormatFailure(s),
            "the new answer passes (left), the recorded one is a format failure (right):\n\(s.framed)")
        #expect(s.contains("Slack:[send_message(text='hello')]"), "the new text is shown:\n\(s.framed)")
        #expect(s.contains("I do not know."), "the recorded text is shown:\n\(s.framed)")
        #expect(s.statusBar.contains("case U 0: the new answer"), "\(s.framed)")

        // The request was PTBench's chat messages for the model asked.
        let requests = try String(contentsOfFile: tmp.path + "/requests.jsonl", encoding: .utf8)
        #expect(requests.contains(#""model":"fixed""#) && requests.contains(#""messages":["#), "\(requests)")
        #expect(requests.contains("Say hello to the team"), "\(requests)")

        // Esc closes; q quits; the recorded run is unchanged and nothing else was written beside it.
        try await Self.closeAndQuit(t)
        let after = try Data(contentsOf: URL(fileURLWithPath: tmp.path + "/pred/test_untrained_user/generation.jsonl"))
        #expect(after == recorded)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path + "/pred") == ["test_untrained_user"])
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/pred-reask"))
    }

    /// Starts the server script in `folder` answering `answer` (`STALL`: never); its pid and port.
    static func startServer(in folder: String, answer: String = "Slack:[send_message(text='hello')]") async throws -> (
        pid: pid_t, port: String
    ) {
        try Data(server.utf8).write(to: URL(fileURLWithPath: folder + "/server.py"))
        // Spawned and ended by its pid with SIGKILL (it inherits the test process's ignored SIGTERM;
        // Foundation's Process.waitUntilExit then spins on Linux).
        let python = try #require(Self.python)
        let argv = [python, folder + "/server.py", folder, answer]
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, python, nil, nil, &cArgs, environ) == 0 else { throw TmuxError("cannot start \(python)") }
        for _ in 0..<200 {
            if let port = try? String(contentsOfFile: folder + "/port", encoding: .utf8) { return (pid, port) }
            try await Task.sleep(for: .milliseconds(50))
        }
        stop(pid)
        throw TmuxError("the test's server did not start in 10 s")
    }

    /// The explorer on the one-case set in `tmp`, asking the server on `port` for `model`, once
    /// its list is scored.
    static func opened(
        _ tmp: TemporaryFolder, port: String, model: String = "fixed", width: Int = 120, height: Int = 40,
        _ extra: String..., sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> TmuxSession {
        let t = try TmuxSession(
            width: width, height: height,
            arguments: [
                tmp.path + "/data", tmp.path + "/pred", "--base-url", "http://127.0.0.1:\(port)/v1", "--model", model,
            ] + extra)
        try await t.waitUntil("the scored case list", sourceLocation: sourceLocation) {
            $0.listCounts != nil && $0.overallAccuracy != nil
        }
        return t
    }

    static func stop(_ pid: pid_t) {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    @Test("120×40: Esc while a case is asked again closes the request's connection, not only the view")
    func escapeStopsTheRequest() async throws {
        let tmp = try TemporaryFolder()
        try Self.writeSet(in: tmp.path)
        let server = try await Self.startServer(in: tmp.path, answer: "STALL")
        defer { Self.stop(server.pid) }
        let t = try await Self.opened(tmp, port: server.port)
        try t.send("A")
        // The spinner turns: the status line is never the same in two captures under load.
        try await t.waitUntil("the spinner", settled: false) { $0.statusBar.contains("asking") }
        // The request reached the server before Esc.
        let clock = ContinuousClock()
        var deadline = clock.now + .seconds(30)
        while !FileManager.default.fileExists(atPath: tmp.path + "/requests.jsonl") && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try t.send("Escape")
        let s = try await t.waitUntil("the answer dropped") { $0.statusBar.contains("dropped the answer") }
        #expect(!s.statusBar.contains("asking"), "\(s.statusBar)")
        deadline = clock.now + .seconds(30)
        while !FileManager.default.fileExists(atPath: tmp.path + "/closed") && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(
            FileManager.default.fileExists(atPath: tmp.path + "/closed"),
            "the server still holds the request's connection 30 s after Esc (it stalls forever)")
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
    }

    @Test("200×50: a wrong model name is one line naming the models the server offers; a closed port says connection refused")
    func failures() async throws {
        let tmp = try TemporaryFolder()
        try Self.writeSet(in: tmp.path)
        let server = try await Self.startServer(in: tmp.path)
        // Stopped once: a second kill and waitpid of a pid already reaped could hit another
        // test's child that got the same pid since.
        var stopped = false
        defer { if !stopped { Self.stop(server.pid) } }
        let wrong = try await Self.opened(tmp, port: server.port, model: "wrong", width: 200, height: 50)
        try wrong.send("A")
        let s = try await wrong.waitUntil("the 404 with the models offered") { $0.statusBar.contains("not asked again") }
        #expect(s.statusBar.contains("the model “wrong” is not offered; the server offers “fixed”"), "\(s.framed)")
        #expect(!s.contains("Asked again —"), "\(s.framed)")
        try wrong.send("q")
        #expect(try await wrong.waitForExit() == 0)

        // A port nothing listens on: the server's own, once it is stopped.
        Self.stop(server.pid)
        stopped = true
        let refused = try await Self.opened(tmp, port: server.port, width: 200, height: 50, "--timeout", "3")
        try refused.send("A")
        let r = try await refused.waitUntil("connection refused") { $0.statusBar.contains("not asked again") }
        #expect(r.statusBar.contains("connection refused"), "\(r.statusBar)")
        try refused.send("q")
        #expect(try await refused.waitForExit() == 0)
    }

    @Test("120×40: on sample 2 of a run made with --samples 2 --seed 7, A asks with sample 2's seed, 8, as ptscope run did")
    func sampleSeed() async throws {
        let tmp = try TemporaryFolder()
        try Self.writeSet(in: tmp.path)
        let server = try await Self.startServer(in: tmp.path)
        defer { Self.stop(server.pid) }
        try await Self.make(in: tmp, port: server.port, "--samples", "2", "--seed", "7", "--temperature", "0.7")
        #expect(try Self.seeds(in: tmp.path).sorted() == [7, 8], "ptscope run asked sample N with seed 7 + N − 1")

        let t = try TmuxSession(width: 120, height: 40, arguments: [tmp.path + "/data", tmp.path + "/made"])
        try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.overallAccuracy != nil }
        try t.type(":run made·s2")
        try t.send("Enter")
        try t.send("A")
        let s = try await t.waitUntil("the re-ask view") { $0.contains("Asked again — case U 0") && $0.contains("New answer") }
        #expect(s.contains("sample 2, seed 8"), "the view says which sample and seed were asked:\n\(s.framed)")
        #expect(s.contains("Recorded run B made·s2"), "\(s.framed)")
        let seeds = try Self.seeds(in: tmp.path)
        #expect(seeds.count == 3 && seeds.last == 8, "asked again once, with sample 2's seed: \(seeds)")
        try await Self.closeAndQuit(t)
    }

    @Test("120×40: a run made with --header: A on its run.json says the header is not sent; with --header it is")
    func runRecordHeaders() async throws {
        let tmp = try TemporaryFolder()
        try Self.writeSet(in: tmp.path)
        let server = try await Self.startServer(in: tmp.path)
        defer { Self.stop(server.pid) }
        try await Self.make(in: tmp, port: server.port, "--header", "X-Gateway:secret-1")
        let record = try String(contentsOfFile: tmp.path + "/made/run.json", encoding: .utf8)
        #expect(record.contains("X-Gateway") && !record.contains("secret-1"), "the name is kept, never the value")

        for given in [nil, "X-Gateway:secret-2"] {
            let t = try TmuxSession(
                width: 120, height: 40,
                arguments: [tmp.path + "/data", tmp.path + "/made"] + (given.map { ["--header", $0] } ?? []))
            try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.overallAccuracy != nil }
            try t.send("A")
            let s = try await t.waitUntil("the re-ask view") {
                $0.contains("Asked again — case U 0") && $0.contains("New answer")
            }
            let said = s.contains("not sent: the run's header X-Gateway")
            #expect(said == (given == nil), "\(s.framed)")
            let headers = try String(contentsOfFile: tmp.path + "/headers.jsonl", encoding: .utf8)
            let last = try #require(headers.split(separator: "\n").last)
            #expect(last.contains(#""x-gateway": "secret-2""#) == (given != nil), "\(last)")
            #expect(!last.contains("secret-1"))
            try await Self.closeAndQuit(t)
        }
    }

    /// `ptscope run` of the one-case set against the server on `port` into `made`, with `extra`.
    static func make(
        in tmp: TemporaryFolder, port: String, _ extra: String..., sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let arguments =
            [
                "run", tmp.path + "/data", "--base-url", "http://127.0.0.1:\(port)/v1", "--model", "fixed",
                "--out", tmp.path + "/made", "--no-score",
            ] + extra
        let made = try await CLIOutputTests.run(arguments, in: tmp)
        #expect(made.status == 0, "\(String(decoding: made.stderr, as: UTF8.self))", sourceLocation: sourceLocation)
    }

    /// Esc closes the re-ask view, then q quits: status 0.
    static func closeAndQuit(_ t: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try t.send("Escape")
        try await t.waitUntil("the view closed", sourceLocation: sourceLocation) { !$0.contains("Asked again") }
        try t.send("q")
        #expect(try await t.waitForExit(sourceLocation: sourceLocation) == 0, sourceLocation: sourceLocation)
    }

    /// The `seed` of each request the server received, in order.
    static func seeds(in folder: String) throws -> [Int] {
        let text = try String(contentsOfFile: folder + "/requests.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").compactMap { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["seed"] as? Int
        }
    }

    @Test(
        "120×40: on a run made by ptscope run, A asks the endpoint its run.json names; W saves <run>-reask with run.json, opened, askable"
    )
    func fromRunRecord() async throws {
        let tmp = try TemporaryFolder()
        try Self.writeSet(in: tmp.path)
        let server = try await Self.startServer(in: tmp.path)
        defer { Self.stop(server.pid) }
        try await Self.make(in: tmp, port: server.port)
        // The recorded answer replaced by a refusal, so the answer asked again differs from it.
        let generation = tmp.path + "/made/test_untrained_user/generation.jsonl"
        let line = #"{"query": "Say hello to the team", "label": "x", "predict": "I do not know."}"# + "\n"
        try Data(line.utf8).write(to: URL(fileURLWithPath: generation))
        let record = try Data(contentsOf: URL(fileURLWithPath: tmp.path + "/made/run.json"))

        let t = try TmuxSession(width: 120, height: 40, arguments: [tmp.path + "/data", tmp.path + "/made"])
        try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.overallAccuracy != nil }
        try t.send("A")
        let s = try await t.waitUntil("the re-ask view") { $0.contains("Asked again — case U 0") && $0.contains("New answer") }
        #expect(Self.newPassesBesideAFormatFailure(s), "\(s.framed)")
        #expect(s.contains("chat messages (from"), "the endpoint of the run.json:\n\(s.framed)")
        try t.send("W")
        try await t.waitUntil("the saved run's message") { $0.statusBar.contains("opened run B made-reask: 1 answer") }
        // q closes the view; the new run is open and scored beside the recorded one.
        try t.send("q")
        // The list's run columns: A's format failure, B's pass; and the case pane shows both runs.
        try await t.waitUntil("the list with both runs scored") {
            !$0.contains("Asked again —") && $0.contains(" AB  Error") && $0.contains("!✓  fmt")
                && $0.contains("━━ Run B made-reask ━━")
        }
        try t.send("L")
        try await t.waitUntil("the leaderboard with both runs") { $0.contains("made-reask") && $0.contains("100.0") }
        try t.send("Escape")
        try await t.waitUntil("the leaderboard closed") { $0.mode == "LIST" }
        // The new run is asked again where its answer came from: run B focused, A asks the server.
        let log = tmp.path + "/requests.jsonl"
        let before = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").count
        try t.send("b")
        try await t.waitUntil("run B focused") { $0.contains("━━ Run B made-reask ━━  focused") }
        try t.send("A")
        try await t.waitUntil("the re-ask view of run B") {
            $0.contains("Asked again — case U 0 of run B") && $0.contains("New answer")
        }
        let asked = try String(contentsOfFile: log, encoding: .utf8)
        #expect(asked.split(separator: "\n").count == before + 1, "one more question:\n\(asked)")
        try t.send("q")
        try await t.waitUntil("the view closed again") { !$0.contains("Asked again —") }
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: generation)) == Data(line.utf8))
        #expect(try Data(contentsOf: URL(fileURLWithPath: tmp.path + "/made/run.json")) == record)
        let reasked = try String(contentsOfFile: tmp.path + "/made-reask/run.json", encoding: .utf8)
        #expect(reasked.contains(#""cases" : ["#) && reasked.contains(#""test_untrained_user:0""#), "\(reasked)")
        let new = try String(contentsOfFile: tmp.path + "/made-reask/test_untrained_user/generation.jsonl", encoding: .utf8)
        #expect(new.contains(#"Slack:[send_message(text='hello')]"#), "\(new)")
    }
}
