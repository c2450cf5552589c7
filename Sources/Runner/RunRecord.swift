import Evaluator
import Foundation

// MARK: - RunRecord

/// `DIR/run.json`: how a run was made (its configuration, the endpoint without secrets), when, and
/// what each split of each sample holds. Versioned; rewritten atomically.
public struct RunRecord: Codable, Equatable, Sendable {
    /// The format's version; a newer file is refused rather than misread.
    public static let currentVersion = 1

    /// One session: one `ptscope run` command from start to end.
    public struct Session: Codable, Equatable, Sendable {
        public var started: String
        public var ended: String?
        /// `complete`, `incomplete` (cases given up on), `interrupted`, `failed`, or `running`.
        public var outcome: String
        public var asked: Int
        public var answered: Int
        public var retries: Int
        public var failures: [String: Int]
        public var seconds: Double?
        public var concurrency: Int
        public var rate: Double?
        public var error: String?

        public init(
            started: String, ended: String?, outcome: String, asked: Int, answered: Int, retries: Int,
            failures: [String: Int], seconds: Double?, concurrency: Int, rate: Double?, error: String?
        ) {
            self.started = started
            self.ended = ended
            self.outcome = outcome
            self.asked = asked
            self.answered = answered
            self.retries = retries
            self.failures = failures
            self.seconds = seconds
            self.concurrency = concurrency
            self.rate = rate
            self.error = error
        }
    }

    public var version: Int
    /// The ptscope that made it.
    public var tool: String
    public var configuration: RunConfiguration
    /// The base URL, without any user or password.
    public var endpoint: String
    /// The extra headers' names (their values may be secrets, and are not kept).
    public var headers: [String]
    /// The environment variable the key was read from (never the key).
    public var apiKeyVariable: String
    public var keySent: Bool
    public var insecure: Bool
    /// The run whose passing answers were copied (`--only-failed`).
    public var onlyFailed: String?
    public var sessions: [Session]
    public var streams: [StreamState]
    /// A run saved from the explorer (`A`, then `W`): which cases were asked again and from which
    /// recorded run; nil for a run `ptscope run` made.
    public var reasked: Reasked?

    /// The cases of a run asked again in the explorer; every other line is the recorded run's.
    public struct Reasked: Codable, Equatable, Sendable {
        /// The recorded run's folder (its files are copied, never changed).
        public var from: String
        /// When it was saved (ISO 8601, UTC).
        public var saved: String
        /// The cases asked again, as `SPLIT:INDEX` (0-based, as `generation.jsonl`'s lines).
        public var cases: [String]

        /// The record of `cases` asked again over the run in `from`, saved at `saved`.
        public init(from: String, saved: String, cases: [String]) {
            self.from = from
            self.saved = saved
            self.cases = cases
        }
    }

    public init(
        version: Int, tool: String, configuration: RunConfiguration, endpoint: String, headers: [String],
        apiKeyVariable: String, keySent: Bool, insecure: Bool, onlyFailed: String?, sessions: [Session],
        streams: [StreamState], reasked: Reasked? = nil
    ) {
        self.reasked = reasked
        self.version = version
        self.tool = tool
        self.configuration = configuration
        self.endpoint = endpoint
        self.headers = headers
        self.apiKeyVariable = apiKeyVariable
        self.keySent = keySent
        self.insecure = insecure
        self.onlyFailed = onlyFailed
        self.sessions = sessions
        self.streams = streams
    }

    /// Reads `DIR/run.json`, nil when absent.
    public static func read(_ url: URL) throws(RunError) -> RunRecord? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .file(url.path, "cannot be read")
        }
        struct Versioned: Decodable { var version: Int? }
        guard let v = try? JSONDecoder().decode(Versioned.self, from: data), let version = v.version else {
            throw .file(url.path, "not a ptscope run record (expected a JSON object with `version`); add --force to start over")
        }
        guard version <= currentVersion else {
            throw .file(url.path, "written by a newer ptscope (version \(version); this one reads \(currentVersion))")
        }
        do {
            return try JSONDecoder().decode(RunRecord.self, from: data)
        } catch {
            throw .file(url.path, "not a ptscope run record (\(error)); add --force to start over")
        }
    }

    /// Its bytes as `run.json` holds them: pretty, keys sorted, a newline at the end; nil when it
    /// cannot be encoded.
    public func encoded() -> [UInt8]? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { [UInt8]($0) + [0x0A] }
    }

    /// Writes it to `url` atomically.
    public func write(_ url: URL) throws(RunError) {
        guard let bytes = encoded() else { throw .file(url.path, "cannot be encoded") }
        do {
            try JournalMigration.writeAtomically(bytes, to: url, replacing: true)
        } catch {
            throw .file(url.path, error.message)
        }
    }

    /// Now, as ISO 8601 in UTC.
    public static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: Date())
    }
}
