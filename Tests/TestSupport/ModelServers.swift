import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - LlamaServer

/// The real model server for tests: llama-cpp-python's OpenAI-compatible server with a small model
/// (gemma 3 270M, Q4_K_M).
///
/// Where it comes from, in order:
/// 1. `PTSCOPE_LLAMA_URL` (`http://127.0.0.1:PORT/v1`, what `.ci/run` exports) and
///    `PTSCOPE_LLAMA_MODEL` (the model's name; when unset, the first one `/v1/models` lists).
///    `PTSCOPE_LLAMA_URL=off` turns the real server off; `off: REASON` too, saying why (what
///    `.ci/run` exports when it could not start one).
/// 2. Otherwise, when `${XDG_CACHE_HOME:-$HOME/.cache}/ptscope-ci/venv/bin/python` and
///    `…/ptscope-ci/gemma.gguf` exist (what `.ci/run` installs), one server started for the
///    whole test process (`Scripts/llama_server.py`, 2 threads), which ends with it.
/// 3. Otherwise it is unavailable, with the reason.
///
/// A test that needs it takes the ``Testing/Trait/requiresLlamaServer`` trait: when there is no
/// server the test is skipped (Swift Testing reports it skipped) and `SKIPPED (no llama server):
/// REASON` goes to stderr. Inside, `try #require(await LlamaServer.shared().ready)` gives the URL
/// and the model.
public enum LlamaServer {
    /// Whether the server can be had.
    public enum Availability: Sendable, Equatable {
        /// It answers at `baseURL` (`http://127.0.0.1:PORT/v1`) and serves `model`.
        case ready(baseURL: String, model: String)
        /// It cannot be had, and why.
        case unavailable(reason: String)

        /// The URL and model when ready.
        public var ready: (baseURL: String, model: String)? {
            if case .ready(let baseURL, let model) = self { return (baseURL, model) }
            return nil
        }
    }

    /// The name the server started here gives its model (`--model_alias`).
    public static let modelAlias = "gemma3-270m"

    /// The folder `.ci/run` installs into: `${XDG_CACHE_HOME:-$HOME/.cache}/ptscope-ci`.
    public static var cacheFolder: URL {
        let environment = ProcessInfo.processInfo.environment
        let base =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.cache")
        return URL(fileURLWithPath: base).appendingPathComponent("ptscope-ci")
    }

    /// The server for this test process, started on first use (once, whoever asks first).
    public static func shared() async -> Availability {
        await OffPool.run { sharedBlocking() }
    }

    /// ``shared()`` on the calling thread (it may wait for the model to load).
    public static func sharedBlocking() -> Availability {
        state.lock.withLock {
            if let availability = state.availability { return availability }
            let availability = find()
            state.availability = availability
            return availability
        }
    }

    /// ``shared()``, and when it is unavailable, `SKIPPED (no llama server): REASON` on stderr
    /// (each time it is asked: once per test that needs it) so that a skip is never silent.
    public static func available() async -> Bool {
        let availability = await shared()
        guard case .unavailable(let reason) = availability else { return true }
        FileHandle.standardError.write(Data("SKIPPED (no llama server): \(reason)\n".utf8))
        return false
    }

    // MARK: - Finding one

    /// What was found, guarded by `lock`.
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var availability: Availability?
        var process: ServerProcess?
    }

    private static let state = State()

    private static func find() -> Availability {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["PTSCOPE_LLAMA_URL"], !url.isEmpty {
            if url == "off" || url.hasPrefix("off:") {
                return .unavailable(reason: url == "off" ? "PTSCOPE_LLAMA_URL=off" : String(url.dropFirst(4).drop { $0 == " " }))
            }
            return probe(baseURL: url, model: environment["PTSCOPE_LLAMA_MODEL"], source: "PTSCOPE_LLAMA_URL=\(url)")
        }
        let python = cacheFolder.appendingPathComponent("venv/bin/python").path
        let model = cacheFolder.appendingPathComponent("gemma.gguf").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return .unavailable(reason: "PTSCOPE_LLAMA_URL is not set and there is no \(python) (bash .ci/run installs it)")
        }
        guard FileManager.default.fileExists(atPath: model) else {
            return .unavailable(reason: "PTSCOPE_LLAMA_URL is not set and there is no \(model) (bash .ci/run assembles it)")
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/llama_server.py").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-llama-\(getpid())")
        let argv = [
            python, script, "--model", model, "--model_alias", modelAlias, "--host", "127.0.0.1", "--port", "0",
            "--n_ctx", "8192", "--n_threads", "2", "--n_threads_batch", "2", "--chat_format", "llama-2",
            "--interrupt_requests", "False", "--verbose", "False",
        ]
        do {
            let process = try ServerProcess(argv, folder: folder, timeout: 180)
            state.process = process
            return probe(
                baseURL: "http://127.0.0.1:\(process.port)/v1", model: modelAlias, source: "the server started from \(python)")
        } catch {
            return .unavailable(reason: "the llama server from \(python) did not start: \(error)")
        }
    }

    /// Asks `baseURL/models` (for up to 60 s) and checks it lists `model` (or takes the first).
    private static func probe(baseURL: String, model: String?, source: String) -> Availability {
        let url = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let deadline = Date(timeIntervalSinceNow: 60)
        var last = ""
        while Date() < deadline {
            switch HTTPProbe.sendBlocking("GET", url + "/models", timeout: 30) {
            case .success(let response) where response.status == 200:
                let ids = (response.object?["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
                if let model {
                    guard ids.contains(model) else {
                        return .unavailable(reason: "\(source): /v1/models lists \(ids), not \(model)")
                    }
                    return .ready(baseURL: url, model: model)
                }
                guard let first = ids.first else { return .unavailable(reason: "\(source): /v1/models lists no model") }
                return .ready(baseURL: url, model: first)
            case .success(let response):
                last = "/v1/models answered \(response.status)"
            case .failure(let failure):
                last = "/v1/models: \(failure)"
            }
            usleep(250_000)
        }
        return .unavailable(reason: "\(source) does not answer: \(last)")
    }
}

// MARK: - Trait

extension Trait where Self == ConditionTrait {
    /// Runs the test only when ``LlamaServer`` is available; otherwise Swift Testing reports it
    /// skipped and `SKIPPED (no llama server): REASON` goes to stderr.
    public static var requiresLlamaServer: Self {
        .enabled("needs the llama server (PTSCOPE_LLAMA_URL, or the venv and model .ci/run installs)") {
            await LlamaServer.available()
        }
    }
}
