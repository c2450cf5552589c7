import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `ptscope run` as a user runs it: the built binary against a server on loopback. Faults come
/// from `Scripts/fault_server.py` (no real server produces them on demand); the last tests use the
/// real llama.cpp server.
@Suite("ptscope run", .serialized, .timeLimit(.minutes(5)))
struct RunCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let sampleData = repository.appendingPathComponent("Sources/Sample/Data/data").path

    /// A finished `ptscope run`.
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A started `ptscope run` (or any ptscope command). Started with `Spawn.start` and waited for
    /// with `waitpid` off the cooperative pool (Foundation's `Process.waitUntilExit` spins a core
    /// here while it waits).
    final class Running: Sendable {
        let pid: pid_t
        let stdoutPath: String
        let stderrPath: String

        init(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws {
            stdoutPath = folder.appendingPathComponent("stdout-\(UUID().uuidString.prefix(6))").path
            stderrPath = folder.appendingPathComponent("stderr-\(UUID().uuidString.prefix(6))").path
            var env = ProcessInfo.processInfo.environment
            env["OPENAI_API_KEY"] = nil
            for (k, v) in environment { env[k] = v }
            pid = try Spawn.start(
                [try TmuxSession.ptscopeBinary()] + arguments, environment: env, stdout: stdoutPath, stderr: stderrPath)
        }

        func wait() async -> Outcome {
            let pid = pid
            let status = await OffPool.run { () -> Int32 in
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                let signal = status & 0x7F
                return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
            }
            return Outcome(
                status: status, stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
        }
    }

    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) async throws -> Outcome {
        try await Running(arguments, in: folder, environment: environment).wait()
    }

    static func lines(_ url: URL) -> [String] {
        ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
    }

    static func arguments(_ server: FaultServer, out: URL, _ extra: [String] = []) -> [String] {
        ["run", sampleData, "--base-url", server.baseURL, "--model", "fault-model", "--out", out.path] + extra
    }

    @Test("a whole run writes PTBench's layout, line i = case i, scores it and records run.json without the key")
    func wholeRun() async throws {
        let tmp = try TemporaryFolder()
        let server = try await FaultServer.start(requireKey: "sk-test-123")
        let out = URL(fileURLWithPath: tmp.path).appendingPathComponent("run")
        let r = try await Self.run(
            Self.arguments(server, out: out, ["--concurrency", "4", "--header", "X-Gateway: g-77"]),
            in: URL(fileURLWithPath: tmp.path),
            environment: ["OPENAI_API_KEY": "sk-test-123"])
        #expect(r.status == 0, "\(r.stderr)")
        let untrained = Self.lines(out.appendingPathComponent("test_untrained_user/generation.jsonl"))
        let trained = Self.lines(out.appendingPathComponent("test_trained_user/generation.jsonl"))
        #expect(untrained.count == 85 && untrained.last == "")  // 84 lines and the final newline
        #expect(trained.count == 67)
        // The same query and label bytes PTBench's runner writes: the data's own, re-dumped.
        let data =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: Self.sampleData + "/test_untrained_user/data.json")))
            as! [[String: Any]]
        let line7 = try JSONSerialization.jsonObject(with: Data(untrained[7].utf8)) as! [String: Any]
        #expect(line7["query"] as? String == data[7]["query"] as? String)
        // The prompt sent for case 7 is PTBench's system message and the query.
        let sent = try server.requests().filter { $0.path == "/v1/chat/completions" }
        #expect(sent.count == 150)
        #expect(sent.allSatisfy { $0.authorization.present })
        #expect(sent.allSatisfy { $0.headers.first { $0.key.lowercased() == "x-gateway" }?.value == "g-77" })
        let forCase7 = try #require(sent.first { ($0.prompt ?? "") == data[7]["query"] as? String })
        #expect((forCase7.bodyJSON ?? "").contains("You are given a user profile:"))
        // Scored: the table is printed and PTBench's CSV files are written beside the predictions.
        #expect(r.stdout.contains("overall"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("overall/acc_results.csv").path))
        let record = try String(contentsOf: out.appendingPathComponent("run.json"), encoding: .utf8)
        #expect(record.contains("\"outcome\" : \"complete\""))
        #expect(!record.contains("sk-test-123"))
        #expect(record.contains("\"apiKeyVariable\" : \"OPENAI_API_KEY\""))
        #expect(record.contains("\"X-Gateway\"") && !record.contains("g-77"))
        _ = server.stop()
    }

    @Test("429 with Retry-After, 500, a stall past the timeout, a dropped connection and malformed JSON are retried")
    func transientFaults() async throws {
        let tmp = try TemporaryFolder()
        let server = try await FaultServer.start(rules: [
            .init(times: 1, action: .retryAfter(seconds: 1)),
            .init(after: 10, times: 2, action: .status(500)),
            .init(after: 20, times: 1, action: .stall(seconds: 30)),
            .init(after: 30, times: 1, action: .drop()),
            .init(after: 40, times: 1, action: .malformed(.notJSON)),
            .init(after: 50, times: 1, action: .truncate),
        ])
        let out = URL(fileURLWithPath: tmp.path).appendingPathComponent("run")
        let r = try await Self.run(
            Self.arguments(server, out: out, ["--limit", "20", "--timeout", "2", "--no-score"]),
            in: URL(fileURLWithPath: tmp.path))
        #expect(r.status == 0, "\(r.stderr)")
        let record = try String(contentsOf: out.appendingPathComponent("run.json"), encoding: .utf8)
        #expect(record.contains("\"outcome\" : \"complete\""))
        let retries = try server.requests().filter { $0.action != "ok" && $0.path != "/v1/models" }
        #expect(retries.count >= 6, "\(retries.map(\.action))")
        #expect(r.stderr.contains("40 answers"), "\(r.stderr)")
        #expect(Self.lines(out.appendingPathComponent("test_untrained_user/answers.jsonl")).count == 21)
    }

    @Test("a wrong key stops at once with 401 and the variable named; a wrong model lists what the server offers")
    func refusals() async throws {
        let tmp = try TemporaryFolder()
        let server = try await FaultServer.start(models: ["m-one", "m-two"], requireKey: "k3y-right-77")
        let out = URL(fileURLWithPath: tmp.path).appendingPathComponent("run")
        let r = try await Self.run(
            ["run", Self.sampleData, "--base-url", server.baseURL, "--model", "m-one", "--out", out.path],
            in: URL(fileURLWithPath: tmp.path))
        #expect(r.status == 1)
        #expect(r.stderr.contains("401 Unauthorized"), "\(r.stderr)")
        #expect(r.stderr.contains("$OPENAI_API_KEY is not set"), "\(r.stderr)")
        let posts = try server.requests().filter { $0.method == "POST" }
        #expect(posts.isEmpty)

        let wrong = try await Self.run(
            [
                "run", Self.sampleData, "--base-url", server.baseURL, "--model", "m-three", "--out", out.path,
                "--api-key-env", "MY_KEY", "--force",
            ], in: URL(fileURLWithPath: tmp.path), environment: ["MY_KEY": "k3y-right-77"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("404"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("offers: “m-one”, “m-two”"), "\(wrong.stderr)")
        #expect(!wrong.stderr.contains("k3y-right-77"))
    }

    @Test("TLS is verified: a self-signed server is refused with a TLS error at once; --insecure accepts it")
    func tls() async throws {
        let tmp = try TemporaryFolder()
        let folder = URL(fileURLWithPath: tmp.path)
        let cert = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let made = try await Spawn.run(
            [
                "/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
            ], stdout: "/dev/null", stderr: "/dev/null")
        try #require(made == 0, "openssl could not make a certificate")
        let server = try await FaultServer.start(tls: (cert, key))
        let out = folder.appendingPathComponent("run")
        let refused = try await Self.run(Self.arguments(server, out: out, ["--limit", "1"]), in: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("TLS failed"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--insecure"), "\(refused.stderr)")
        #expect(try server.requests().isEmpty)
        let accepted = try await Self.run(Self.arguments(server, out: out, ["--limit", "1", "--insecure"]), in: folder)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try server.requests().filter { $0.method == "POST" }.count == 2)
        #expect(try String(contentsOf: out.appendingPathComponent("run.json"), encoding: .utf8).contains("\"insecure\" : true"))
    }

    @Test("a case the server rejects (400) is not retried; the rest complete; the run says what is missing")
    func rejectedCase() async throws {
        let tmp = try TemporaryFolder()
        let server = try await FaultServer.start(rules: [.init(after: 3, times: 100, action: .status(400))])
        let out = URL(fileURLWithPath: tmp.path).appendingPathComponent("run")
        let r = try await Self.run(
            Self.arguments(server, out: out, ["--cases", "U:0-5", "--concurrency", "1"]), in: URL(fileURLWithPath: tmp.path))
        #expect(r.status == 1)
        #expect(r.stderr.contains("3 cases got no answer"), "\(r.stderr)")
        #expect(try server.requests().filter { $0.method == "POST" }.count == 6)
        #expect(r.stdout.contains("Not scored: 3 of 150 cases have an answer"), "\(r.stdout)")
    }

    @Test("a changed configuration is refused with both values named; --force starts over")
    func changedConfiguration() async throws {
        let tmp = try TemporaryFolder()
        let server = try await FaultServer.start()
        let out = URL(fileURLWithPath: tmp.path).appendingPathComponent("run")
        let first = try await Self.run(
            Self.arguments(server, out: out, ["--limit", "2", "--temperature", "0"]), in: URL(fileURLWithPath: tmp.path))
        #expect(first.status == 0, "\(first.stderr)")
        let second = try await Self.run(
            Self.arguments(server, out: out, ["--limit", "2", "--temperature", "0.7"]), in: URL(fileURLWithPath: tmp.path))
        #expect(second.status == 2)
        #expect(second.stderr.contains("temperature: recorded 0.0, asked 0.7"), "\(second.stderr)")
        let forced = try await Self.run(
            Self.arguments(server, out: out, ["--limit", "2", "--temperature", "0.7", "--force"]),
            in: URL(fileURLWithPath: tmp.path))
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("4 to ask"), "\(forced.stderr)")
        // --force starts over even when nothing changed; without it, nothing is left to ask.
        let same = try await Self.run(
            Self.arguments(server, out: out, ["--limit", "2", "--temperature", "0.7"]), in: URL(fileURLWithPath: tmp.path))
        #expect(same.stderr.contains("0 to ask"), "\(same.stderr)")
        let again = try await Self.run(
            Self.arguments(server, out: out, ["--limit", "2", "--temperature", "0.7", "--force"]),
            in: URL(fileURLWithPath: tmp.path))
        #expect(again.stderr.contains("4 to ask"), "\(again.stderr)")
        // Predictions not made by ptscope run are not overwritten.
        let foreign = URL(fileURLWithPath: tmp.path).appendingPathComponent("foreign/test_untrained_user")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("{}\n".utf8).write(to: foreign.appendingPathComponent("generation.jsonl"))
        let refused = try await Self.run(
            Self.arguments(server, out: foreign.deletingLastPathComponent(), ["--limit", "1"]),
            in: URL(fileURLWithPath: tmp.path))
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("not made by ptscope run"), "\(refused.stderr)")
    }

    @Test("killed mid-run (SIGKILL, then Ctrl-C), resumed: generation.jsonl is byte-identical to an uninterrupted run")
    func killAndResume() async throws {
        let tmp = try TemporaryFolder()
        let folder = URL(fileURLWithPath: tmp.path)
        let server = try await FaultServer.start(delay: 0.03)
        let whole = folder.appendingPathComponent("whole")
        let r = try await Self.run(
            Self.arguments(server, out: whole, ["--temperature", "0", "--no-score"]), in: folder)
        #expect(r.status == 0, "\(r.stderr)")

        // The broken run asks a slower server with the same answers (15 answers a second): after
        // the 20 answers waited for, seconds of the split are still to ask when the signal lands,
        // however fast the machine (a poller starved for a moment must not find it finished).
        let slow = try await FaultServer.start(delay: 0.2)
        let broken = folder.appendingPathComponent("broken")
        let journal = broken.appendingPathComponent("test_untrained_user/answers.jsonl")
        let generation = broken.appendingPathComponent("test_untrained_user/generation.jsonl")
        for sig in [SIGKILL, SIGINT] {
            let running = try Running(
                Self.arguments(slow, out: broken, ["--temperature", "0", "--no-score", "--concurrency", "3"]),
                in: folder)
            let before = Self.lines(journal).count
            var waited = 0
            while Self.lines(journal).count < before + 20 && waited < 400 {
                try await Task.sleep(for: .milliseconds(25))
                waited += 1
            }
            kill(running.pid, sig)
            let o = await running.wait()
            #expect(o.status == 128 + sig, "\(o.stderr)")
            if sig == SIGINT { #expect(o.stderr.contains("interrupted"), "\(o.stderr)") }
            // Only whole lines, in order, for a prefix of the cases.
            let text = try String(contentsOf: generation, encoding: .utf8)
            #expect(text.isEmpty || text.hasSuffix("\n"))
            let expected = try String(
                contentsOf: whole.appendingPathComponent("test_untrained_user/generation.jsonl"), encoding: .utf8)
            #expect(expected.hasPrefix(text))
            #expect(text.count < expected.count, "the run was not interrupted")
        }
        let resumed = try await Self.run(Self.arguments(slow, out: broken, ["--temperature", "0", "--no-score"]), in: folder)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("answers kept from before"), "\(resumed.stderr)")
        for split in ["test_untrained_user", "test_trained_user"] {
            let a = try Data(contentsOf: whole.appendingPathComponent("\(split)/generation.jsonl"))
            let b = try Data(contentsOf: broken.appendingPathComponent("\(split)/generation.jsonl"))
            #expect(a == b, "\(split)")
        }
    }

    @Test("--samples 3 writes sample-1..3 with seeds SEED, SEED+1, SEED+2; --only-failed copies the passing answers")
    func samplesAndOnlyFailed() async throws {
        let tmp = try TemporaryFolder()
        let folder = URL(fileURLWithPath: tmp.path)
        let server = try await FaultServer.start()
        let out = folder.appendingPathComponent("samples")
        let r = try await Self.run(
            Self.arguments(server, out: out, ["--samples", "3", "--temperature", "0.8", "--seed", "40"]), in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        for k in 1...3 {
            #expect(Self.lines(out.appendingPathComponent("sample-\(k)/test_trained_user/generation.jsonl")).count == 67)
        }
        let seeds = Set(try server.requests().compactMap { ($0.body as? [String: Any])?["seed"] as? Int })
        #expect(seeds == [40, 41, 42])
        #expect(r.stdout.contains("sample-3:"))
        #expect(r.stdout.contains("pass@3"), "\(r.stdout)")

        // The bundled strong model's predictions: its passing cases are copied, the rest asked.
        let strong = Self.repository.appendingPathComponent("Sources/Sample/Data/runs").path
        let previous = strong + "/strong-sim"
        let again = folder.appendingPathComponent("again")
        let before = try server.requests().count
        let o = try await Self.run(Self.arguments(server, out: again, ["--only-failed", previous, "--no-score"]), in: folder)
        #expect(o.status == 0, "\(o.stderr)")
        let asked = try server.requests().count - before - 1  // minus /models
        #expect(o.stderr.contains("copied"), "\(o.stderr)")
        #expect(o.stderr.contains("\(asked) to ask"), "\(o.stderr)")
        #expect(asked > 0 && asked < 150)
    }

    @Test("against the real llama.cpp server: chat and a template's /completions, lines written, scored", .requiresLlamaServer)
    func realServer() async throws {
        let (url, model) = try #require(await LlamaServer.shared().ready)
        let tmp = try TemporaryFolder()
        let folder = URL(fileURLWithPath: tmp.path)
        // Two short cases (one per split) so the small model answers quickly on 2 cores.
        let data = folder.appendingPathComponent("data")
        for (split, query) in [("test_untrained_user", "Order a pizza"), ("test_trained_user", "Book a taxi home")] {
            let dir = data.appendingPathComponent(split)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let c =
                #"[{"user_profile": {"city": "Oslo"}, "platforms": ["A", "B"], "tools": [{"name": "order"}], "#
                + #""query": "\#(query)", "answer": ["A", [{"order": {"city": ["Oslo"]}}]], "#
                + #""query_params": ["item"], "profile_params": ["city"]}]"#
            try Data(c.utf8).write(to: dir.appendingPathComponent("data.json"))
        }
        for extra in [[], ["--template", "qwen", "--fix-template-quirks"]] {
            let out = folder.appendingPathComponent("run\(extra.count)")
            let r = try await Self.run(
                [
                    "run", data.path, "--base-url", url, "--model", model, "--out", out.path, "--max-tokens", "12",
                    "--temperature", "0", "--concurrency", "2",
                ] + extra, in: folder)
            #expect(r.status == 0, "\(r.stderr)")
            for split in ["test_untrained_user", "test_trained_user"] {
                let lines = Self.lines(out.appendingPathComponent("\(split)/generation.jsonl"))
                #expect(lines.count == 2)
                let line = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
                #expect(line?["predict"] is String)
            }
            #expect(r.stdout.contains("overall"), "\(r.stdout)")
            let record = try String(contentsOf: out.appendingPathComponent("run.json"), encoding: .utf8)
            #expect(record.contains("\"completionTokens\""))
            #expect(!record.contains("\"completionTokens\" : 0"), "\(record)")
        }
    }
}
