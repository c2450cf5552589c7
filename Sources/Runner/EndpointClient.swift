import AsyncHTTPClient
import Evaluator
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

// MARK: - Endpoint

/// Where and how to reach an OpenAI-compatible server.
public struct Endpoint: Sendable {
    /// The base URL, up to and including `/v1` (`http://127.0.0.1:8080/v1`), without a trailing slash.
    public var baseURL: String
    /// The bearer key, or nil to send none. Never written anywhere.
    public var apiKey: String?
    /// Extra headers (`--header K:V`), sent with every request.
    public var headers: [(name: String, value: String)]
    /// Skip TLS certificate verification (`--insecure`).
    public var insecure: Bool
    /// The whole time one request may take, from connecting to the last byte of the answer.
    public var timeout: Duration

    public init(
        baseURL: String, apiKey: String? = nil, headers: [(name: String, value: String)] = [], insecure: Bool = false,
        timeout: Duration = .seconds(300)
    ) {
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        self.baseURL = url
        self.apiKey = apiKey
        self.headers = headers
        self.insecure = insecure
        self.timeout = timeout
    }

    /// The key in `environment[variable]`; nil when unset or empty (then none is sent).
    public static func key(in environment: [String: String], variable: String) -> String? {
        environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `text` with the key replaced by `<$variable>` (the variable it was read from), whatever a
    /// server echoes: the key never appears in a message.
    public func redact(_ text: String, keyVariable variable: String) -> String {
        guard let key = apiKey, key.count >= 4 else { return text }
        return text.replacingOccurrences(of: key, with: "<$\(variable)>")
    }

    /// The base URL without any `user:password@` part, for `run.json` and messages.
    public var displayURL: String {
        guard var parts = URLComponents(string: baseURL), parts.user != nil || parts.password != nil else {
            return baseURL
        }
        parts.user = nil
        parts.password = nil
        return parts.string ?? baseURL
    }
}

// MARK: - Requests and answers

/// One request for one answer: the chat messages or the prompt string, with the sampling to send.
public struct CompletionRequest: Sendable, Equatable {
    public enum Prompt: Sendable, Equatable {
        case chat([(role: String, content: String)])
        case text(String)

        public static func == (a: Prompt, b: Prompt) -> Bool {
            switch (a, b) {
            case (.chat(let x), .chat(let y)): return x.map(\.role) == y.map(\.role) && x.map(\.content) == y.map(\.content)
            case (.text(let x), .text(let y)): return x == y
            default: return false
            }
        }
    }

    public var model: String
    public var prompt: Prompt
    public var temperature: Double?
    public var topP: Double?
    public var seed: Int?
    public var maxTokens: Int?
    public var stop: [String]?

    public init(
        model: String, prompt: Prompt, temperature: Double? = nil, topP: Double? = nil, seed: Int? = nil,
        maxTokens: Int? = nil, stop: [String]? = nil
    ) {
        self.model = model
        self.prompt = prompt
        self.temperature = temperature
        self.topP = topP
        self.seed = seed
        self.maxTokens = maxTokens
        self.stop = stop
    }

    /// The path under the base URL.
    var path: String {
        if case .chat = prompt { return "/chat/completions" }
        return "/completions"
    }

    struct Body: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }
        var model: String
        var messages: [Message]?
        var prompt: String?
        var temperature: Double?
        var topP: Double?
        var seed: Int?
        var maxTokens: Int?
        var stop: [String]?
    }

    /// The JSON body.
    func body() -> [UInt8] {
        var b = Body(model: model, temperature: temperature, topP: topP, seed: seed, maxTokens: maxTokens, stop: stop)
        switch prompt {
        case .chat(let messages): b.messages = messages.map { Body.Message(role: $0.role, content: $0.content) }
        case .text(let text): b.prompt = text
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return Array((try? encoder.encode(b)) ?? Data())
    }
}

/// The server's answer to one request.
public struct Completion: Sendable, Equatable {
    /// The text PTBench records: `str(content)`, so a null content is `None`.
    public var text: String
    public var finishReason: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
}

// MARK: - Errors

/// Why a request got no answer.
public enum EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key was refused (401, 403): nothing will work until it is fixed.
    case unauthorized(status: Int, url: String, message: String)
    /// 404: the path or the model does not exist.
    case notFound(url: String, message: String)
    /// Another 4xx: this request is wrong (too long a prompt, say); asking again will not help.
    case rejected(status: Int, url: String, message: String)
    /// 429: too many requests; `retryAfter` from the header.
    case rateLimited(url: String, retryAfter: Double?, message: String)
    /// A 5xx (and 408): the server failed; worth asking again.
    case serverError(status: Int, url: String, retryAfter: Double?, message: String)
    /// The answer was not an OpenAI answer (not JSON, or no choices).
    case malformed(url: String, message: String)
    /// No answer within the timeout.
    case timedOut(url: String, seconds: Double)
    /// The connection failed or was dropped.
    case transport(url: String, message: String)
    /// The TLS handshake failed (certificate not trusted, say): asking again will not help.
    case tls(url: String, message: String)

    /// Whether asking again may succeed.
    public var isTransient: Bool {
        switch self {
        case .rateLimited, .serverError, .malformed, .timedOut, .transport: return true
        case .unauthorized, .notFound, .rejected, .tls: return false
        }
    }

    /// Whether the whole run must stop (every later request would fail the same way).
    public var stopsRun: Bool {
        switch self {
        case .unauthorized, .notFound, .tls: return true
        default: return false
        }
    }

    /// The `Retry-After` the server asked for, in seconds.
    public var retryAfter: Double? {
        switch self {
        case .rateLimited(_, let s, _), .serverError(_, _, let s, _): return s
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .unauthorized(let status, let url, let message):
            return "\(url): \(status) \(status == 401 ? "Unauthorized" : "Forbidden"): the key was refused\(tail(message))"
        case .notFound(let url, let message): return "\(url): 404 Not Found\(tail(message))"
        case .rejected(let status, let url, let message): return "\(url): \(status)\(tail(message))"
        case .rateLimited(let url, let after, let message):
            return "\(url): 429 Too Many Requests" + (after.map { " (Retry-After \(Self.seconds($0)))" } ?? "") + tail(message)
        case .serverError(let status, let url, _, let message): return "\(url): \(status)\(tail(message))"
        case .malformed(let url, let message): return "\(url): the answer is not an OpenAI completion: \(message)"
        case .timedOut(let url, let seconds): return "\(url): no answer within \(Self.seconds(seconds))"
        case .transport(let url, let message): return "\(url): \(message)"
        case .tls(let url, let message): return "\(url): TLS failed: \(message) (--insecure skips verification)"
        }
    }

    /// A short name for counting errors by kind.
    public var kind: String {
        switch self {
        case .unauthorized(let s, _, _), .rejected(let s, _, _), .serverError(let s, _, _, _): return "\(s)"
        case .notFound: return "404"
        case .rateLimited: return "429"
        case .malformed: return "malformed answer"
        case .timedOut: return "timeout"
        case .transport: return "connection"
        case .tls: return "TLS"
        }
    }

    private func tail(_ message: String) -> String { message.isEmpty ? "" : ": " + message }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : String(format: "%.1f s", s)
    }
}

// MARK: - EndpointClient

/// Talks to an OpenAI-compatible server with AsyncHTTPClient (SwiftNIO; TLS by BoringSSL with the
/// system's trust roots, verified unless `insecure`).
public final class EndpointClient: Sendable {
    public let endpoint: Endpoint
    let http: HTTPClient
    /// The most bytes of an answer read (a runaway body fails the request instead of filling memory).
    static let maximumBody = 64 << 20

    /// A client with room for `connections` requests at once.
    public init(endpoint: Endpoint, connections: Int = 8) {
        self.endpoint = endpoint
        var tls = TLSConfiguration.makeClientConfiguration()
        if endpoint.insecure { tls.certificateVerification = .none }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .seconds(30)))
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connections))
        // A connection that cannot be made fails its request at once: the run's own retry policy
        // (backoff, a cap, counted and shown) decides what happens next, and a certificate that is
        // not trusted is said at once instead of after the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.httpVersion = .automatic
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the connections; call once when done.
    public func shutdown() async {
        try? await http.shutdown()
    }

    /// Asks for one answer (one attempt; see ``Retrying`` for the policy around it).
    public func complete(_ request: CompletionRequest) async throws(EndpointError) -> Completion {
        let url = endpoint.baseURL + request.path
        let (status, headers, body) = try await send(url: url, method: .POST, body: request.body())
        try Self.check(status: status, headers: headers, body: body, url: url)
        return try Self.decode(body, url: url)
    }

    /// The model names `/models` lists.
    public func models() async throws(EndpointError) -> [String] {
        let url = endpoint.baseURL + "/models"
        let (status, headers, body) = try await send(url: url, method: .GET, body: nil)
        try Self.check(status: status, headers: headers, body: body, url: url)
        struct List: Decodable {
            struct Model: Decodable { var id: String }
            var data: [Model]
        }
        guard let list = try? JSONDecoder().decode(List.self, from: Data(body)) else {
            throw .malformed(url: url, message: "no `data` list of models (\(Self.excerpt(body)))")
        }
        return list.data.map(\.id)
    }

    /// After a 404 for `model`: the models `/models` offers instead; nil when the server lists none
    /// (or cannot be asked), empty when it does offer `model` (the 404 is about something else).
    public func modelsOffered(insteadOf model: String) async -> [String]? {
        guard let models = try? await models(), !models.isEmpty else { return nil }
        return models.contains(model) ? [] : models
    }

    func send(url: String, method: HTTPMethod, body: [UInt8]?) async throws(EndpointError) -> (
        Int, HTTPHeaders, [UInt8]
    ) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "ptscope")
        if let key = endpoint.apiKey, !key.isEmpty { request.headers.add(name: "Authorization", value: "Bearer " + key) }
        for h in endpoint.headers { request.headers.replaceOrAdd(name: h.name, value: h.value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let seconds = endpoint.timeout.inSeconds
        do {
            let response = try await http.execute(request, timeout: .nanoseconds(Int64(seconds * 1e9)))
            var collected = try await response.body.collect(upTo: Self.maximumBody)
            let bytes = collected.readBytes(length: collected.readableBytes) ?? []
            return (Int(response.status.code), response.headers, bytes)
        } catch let error as HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                throw .timedOut(url: url, seconds: seconds)
            }
            if error == .cancelled { throw .transport(url: url, message: "cancelled") }
            throw .transport(url: url, message: Self.describe(error))
        } catch let error as NIOSSLError {
            throw .tls(url: url, message: Self.describeTLS(error))
        } catch let error as BoringSSLError {
            throw .tls(url: url, message: Self.describeTLS(error))
        } catch is CancellationError {
            throw .transport(url: url, message: "cancelled")
        } catch let error as NIOTooManyBytesError {
            throw .malformed(url: url, message: "more than \(Self.maximumBody >> 20) MB (\(error))")
        } catch {
            throw .transport(url: url, message: Self.describe(error))
        }
    }

    /// BoringSSL's reason (`CERTIFICATE_VERIFY_FAILED`) in words, without the source paths its
    /// errors carry.
    static func describeTLS(_ error: Error) -> String {
        let text = "\(error)"
        guard let range = text.range(of: #"OPENSSL_internal:[A-Z0-9_]+"#, options: .regularExpression) else {
            return text.count > 200 ? String(text.prefix(200)) + "…" : text
        }
        let reason = String(text[range].dropFirst("OPENSSL_internal:".count))
        switch reason {
        case "CERTIFICATE_VERIFY_FAILED":
            return "the server's certificate could not be verified (self-signed, expired, or for another host) (\(reason))"
        case "WRONG_VERSION_NUMBER":
            return "the server does not speak TLS here (is the URL http://?) (\(reason))"
        default:
            return reason
        }
    }

    static func describe(_ error: Error) -> String {
        if let e = error as? HTTPClientError {
            switch e {
            case .remoteConnectionClosed: return "the server closed the connection without answering"
            case .connectTimeout: return "could not connect in time"
            default: return "\(e)"
            }
        }
        let text = "\(error)"
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        return text
    }

    /// Turns a non-2xx status into its error.
    static func check(status: Int, headers: HTTPHeaders, body: [UInt8], url: String) throws(EndpointError) {
        if (200..<300).contains(status) { return }
        let message = serverMessage(body)
        let after = headers.first(name: "Retry-After").flatMap { RetryAfter.seconds($0, now: Date()) }
        switch status {
        case 401, 403: throw .unauthorized(status: status, url: url, message: message)
        case 404: throw .notFound(url: url, message: message)
        case 429: throw .rateLimited(url: url, retryAfter: after, message: message)
        case 408, 409, 425, 500...: throw .serverError(status: status, url: url, retryAfter: after, message: message)
        default: throw .rejected(status: status, url: url, message: message)
        }
    }

    /// OpenAI's `{"error": {"message": ...}}`, else the body's start.
    static func serverMessage(_ body: [UInt8]) -> String {
        struct Wrapper: Decodable {
            struct Inner: Decodable { var message: String? }
            var error: Inner?
            var detail: String?
        }
        if let w = try? JSONDecoder().decode(Wrapper.self, from: Data(body)) {
            if let m = w.error?.message { return m }
            if let d = w.detail { return d }
        }
        return excerpt(body)
    }

    static func excerpt(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        if body.isEmpty { return "empty body" }
        return body.count > 200 ? text + "…" : text
    }

    static func decode(_ body: [UInt8], url: String) throws(EndpointError) -> Completion {
        struct Answer: Decodable {
            struct Choice: Decodable {
                struct Message: Decodable { var content: String? }
                var message: Message?
                var text: String?
                var finishReason: String?
            }
            struct Usage: Decodable {
                var promptTokens: Int?
                var completionTokens: Int?
            }
            var choices: [Choice]
            var usage: Usage?
        }
        let answer: Answer
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            answer = try decoder.decode(Answer.self, from: Data(body))
        } catch {
            throw .malformed(url: url, message: "\(shortReason(error)) (\(excerpt(body)))")
        }
        guard let choice = answer.choices.first else { throw .malformed(url: url, message: "no choices") }
        let text: String
        if let message = choice.message {
            text = message.content ?? "None"
        } else if let t = choice.text {
            text = t
        } else {
            throw .malformed(url: url, message: "the first choice has neither `message` nor `text`")
        }
        return Completion(
            text: text, finishReason: choice.finishReason, promptTokens: answer.usage?.promptTokens,
            completionTokens: answer.usage?.completionTokens)
    }

    static func shortReason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted: return "not JSON"
        case DecodingError.keyNotFound(let key, _): return "no `\(key.stringValue)`"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "`\(c.codingPath.map(\.stringValue).joined(separator: "."))` has the wrong type"
        default: return "not JSON"
        }
    }
}

// MARK: - Retry-After

/// `Retry-After`: delay seconds or an HTTP date.
public enum RetryAfter {
    /// The seconds to wait, nil for a value that is neither.
    public static func seconds(_ value: String, now: Date) -> Double? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if let s = Double(v), s.isFinite, s >= 0 { return s }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: v) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }
}
