import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - FaultServer

/// `Scripts/fault_server.py` on a free loopback port: an OpenAI-compatible server whose answers
/// are a function of the prompt alone, with faults on demand (429 with `Retry-After`, 5xx, a
/// stalled or dropped connection, malformed or truncated bodies, slow answers), an API key to
/// require, and a log of every request received.
///
/// ```swift
/// let server = try await FaultServer.start(rules: [.init(match: "case 3", times: 2, action: .status(503))])
/// // … point the client at server.baseURL …
/// let sent = try server.requests()
/// ```
/// It stops when the value goes away, when ``stop()`` or ``kill()`` is called, or when the test
/// process dies (the script polls its parent).
public final class FaultServer: Sendable {
    /// What a rule does to the requests it fires on.
    public enum Action: Sendable {
        /// That status (400...599) with an OpenAI error body.
        case status(Int, message: String? = nil)
        /// 429 with `Retry-After: seconds` (as an HTTP date that many seconds ahead when `date`).
        case retryAfter(seconds: Double, date: Bool = false)
        /// Accepts the request and sends nothing for `seconds`, then closes the connection.
        case stall(seconds: Double)
        /// Closes the connection without a response (`reset`: with a TCP reset).
        case drop(reset: Bool = false)
        /// 200 with a body a client cannot use.
        case malformed(Malformed = .notJSON)
        /// The headers with the full `Content-Length`, half the body, then the connection closes.
        case truncate
        /// The right answer, after `seconds`.
        case slow(seconds: Double)
    }

    /// The bodies of ``Action/malformed(_:)``.
    public enum Malformed: String, Sendable {
        /// Not JSON at all.
        case notJSON = "not_json"
        /// A JSON response without `choices`.
        case noChoices = "no_choices"
        /// A JSON response with `choices: []`.
        case emptyChoices = "empty_choices"
        /// A JSON response whose message `content` is null.
        case nullContent = "null_content"
    }

    /// A fault rule: it counts the requests whose raw body contains `match` (every POST when nil,
    /// or the requests to `path` when one is given) and fires on those numbered `after + 1` to
    /// `after + times`. The first rule of the list that fires on a request decides its fate.
    public struct Rule: Sendable {
        /// A substring of the raw request body, or nil for any.
        public var match: String?
        /// A path (`/v1/models`), or nil for every POST.
        public var path: String?
        /// How many matching requests pass before the rule fires.
        public var after: Int
        /// On how many matching requests it fires.
        public var times: Int
        /// What it does.
        public var action: Action

        /// A rule; see the type's description.
        public init(match: String? = nil, path: String? = nil, after: Int = 0, times: Int = 1, action: Action) {
            self.match = match
            self.path = path
            self.after = after
            self.times = times
            self.action = action
        }

        var json: [String: Any] {
            var rule: [String: Any] = ["after": after, "times": times]
            if let match { rule["match"] = match }
            if let path { rule["path"] = path }
            switch action {
            case .status(let code, let message):
                rule["action"] = "status"
                rule["code"] = code
                if let message { rule["message"] = message }
            case .retryAfter(let seconds, let date):
                rule["action"] = "retry_after"
                rule["seconds"] = seconds
                rule["date"] = date
            case .stall(let seconds):
                rule["action"] = "stall"
                rule["seconds"] = seconds
            case .drop(let reset):
                rule["action"] = "drop"
                rule["variant"] = reset ? "reset" : "close"
            case .malformed(let variant):
                rule["action"] = "malformed"
                rule["variant"] = variant.rawValue
            case .truncate:
                rule["action"] = "truncate"
            case .slow(let seconds):
                rule["action"] = "slow"
                rule["seconds"] = seconds
            }
            return rule
        }
    }

    /// One request as the server logged it.
    public struct LoggedRequest: Sendable, Decodable {
        /// The order of arrival, from 1.
        public let seq: Int
        /// `GET` or `POST`.
        public let method: String
        /// The path, without a query.
        public let path: String
        /// What the server did: `answer`, a rule's action (`status`, `retry_after`, `stall`, `drop`,
        /// `malformed`, `truncate`, `slow`), `unauthorized`, `model_not_found`, `bad_request` or `not_found`.
        public let action: String
        /// The index of the rule that fired, or nil.
        public let rule: Int?
        /// Whether an `Authorization` header came, and the sha256 (hex) of its value.
        public let authorization: Authorization
        /// The other headers, names lower-cased.
        public let headers: [String: String]
        /// The body's text when it was not JSON.
        public let raw: String?
        /// The body as JSON text (re-encoded by the server), or nil when it was not JSON.
        public let bodyJSON: String?

        /// The `Authorization` header, never its value.
        public struct Authorization: Sendable, Decodable {
            /// Whether the header was there.
            public let present: Bool
            /// The sha256 (lower-case hex) of the header's whole value (`Bearer KEY`).
            public let sha256: String?
        }

        /// The body parsed (a dictionary for a JSON object), or nil.
        public var body: Any? { bodyJSON.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } }

        /// The body's `model`.
        public var model: String? { (body as? [String: Any])?["model"] as? String }

        /// The content of the body's last message (chat), or its `prompt` (completions).
        public var prompt: String? {
            guard let body = body as? [String: Any] else { return nil }
            if let messages = body["messages"] as? [[String: Any]] { return messages.last?["content"] as? String }
            return body["prompt"] as? String
        }

        enum CodingKeys: String, CodingKey {
            case seq, method, path, action, rule, authorization, headers, raw, body
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            seq = try c.decode(Int.self, forKey: .seq)
            method = try c.decode(String.self, forKey: .method)
            path = try c.decode(String.self, forKey: .path)
            action = try c.decode(String.self, forKey: .action)
            rule = try c.decodeIfPresent(Int.self, forKey: .rule)
            authorization = try c.decode(Authorization.self, forKey: .authorization)
            headers = try c.decode([String: String].self, forKey: .headers)
            raw = try c.decodeIfPresent(String.self, forKey: .raw)
            bodyJSON = nil
        }

        init(copying other: LoggedRequest, bodyJSON: String?) {
            seq = other.seq
            method = other.method
            path = other.path
            action = other.action
            rule = other.rule
            authorization = other.authorization
            headers = other.headers
            raw = other.raw
            self.bodyJSON = bodyJSON
        }
    }

    /// The port it listens on (127.0.0.1).
    public let port: Int
    /// The OpenAI base URL, `http://127.0.0.1:PORT/v1`.
    public var baseURL: String { "\(tls ? "https://localhost" : "http://127.0.0.1"):\(port)/v1" }
    /// Whether it serves HTTPS (`tls:` given).
    public let tls: Bool
    /// The log file (one JSON line per request).
    public let logURL: URL
    /// The models it offers.
    public let models: [String]

    private let process: ServerProcess

    /// Starts a server with `rules`, offering `models`, requiring `Authorization: Bearer
    /// requireKey` when given, waiting `delay` seconds before every answer; waits at most
    /// `timeout` seconds for it to listen. Blocks: call it from ``start(rules:models:requireKey:delay:timeout:)``
    /// in async code.
    public init(
        rules: [Rule] = [], models: [String] = ["fault-model"], requireKey: String? = nil, delay: Double = 0,
        tls: (certificate: String, key: String)? = nil, timeout: Double = 20
    ) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ptscope-fault-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("rules.json")
        try JSONSerialization.data(withJSONObject: rules.map(\.json), options: [.sortedKeys]).write(to: script)
        logURL = folder.appendingPathComponent("requests.jsonl")
        self.models = models
        var argv = ["python3", Self.scriptPath, "--port", "0", "--script", script.path, "--log", logURL.path]
        for model in models { argv += ["--model", model] }
        if let requireKey { argv += ["--require-key", requireKey] }
        if delay > 0 { argv += ["--delay", String(delay)] }
        if let tls { argv += ["--tls", tls.certificate, tls.key] }
        self.tls = tls != nil
        process = try ServerProcess(argv, folder: folder.appendingPathComponent("process"), timeout: timeout)
        port = process.port
    }

    /// ``init(rules:models:requireKey:delay:timeout:)`` on a thread of its own.
    public static func start(
        rules: [Rule] = [], models: [String] = ["fault-model"], requireKey: String? = nil, delay: Double = 0,
        tls: (certificate: String, key: String)? = nil, timeout: Double = 20
    ) async throws -> FaultServer {
        try await OffPool.run {
            Result {
                try FaultServer(
                    rules: rules, models: models, requireKey: requireKey, delay: delay, tls: tls, timeout: timeout)
            }
        }.get()
    }

    /// `Scripts/fault_server.py` of this checkout.
    public static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/fault_server.py").path
    }

    /// The process id of the server.
    public var pid: pid_t { process.pid }

    /// Whether the server is still running.
    public var isRunning: Bool { process.isRunning }

    /// The requests received so far, in order of arrival.
    public func requests() throws -> [LoggedRequest] {
        let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").enumerated().map { index, line in
            do {
                let entry = try JSONDecoder().decode(LoggedRequest.self, from: Data(line.utf8))
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                let body = (object?["body"]).flatMap { $0 is NSNull ? nil : $0 }.flatMap {
                    try? JSONSerialization.data(withJSONObject: $0, options: [.fragmentsAllowed, .sortedKeys])
                }
                return LoggedRequest(copying: entry, bodyJSON: body.map { String(decoding: $0, as: UTF8.self) })
            } catch {
                throw SpawnError("\(logURL.path):\(index + 1): not a request log line: \(error)")
            }
        }
    }

    /// Stops the server with SIGTERM (it exits with status 0) and returns its exit status.
    @discardableResult
    public func stop() -> Int32? {
        process.end(signal: SIGTERM).map { ($0 & 0x7F) == 0 ? ($0 >> 8) & 0xFF : 128 + ($0 & 0x7F) }
    }

    /// Kills the server with SIGKILL at once (connections in progress end with a reset or EOF).
    public func kill() {
        process.end(signal: SIGKILL)
    }

    /// What the server wrote to stderr (the end of it).
    public var stderr: String { process.stderrTail() }
}
