import Evaluator
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - Journal entries

/// One answer as `answers.jsonl` keeps it: the case's index and the model's text, with what the
/// server said about it.
public struct Answer: Codable, Equatable, Sendable {
    /// The case's 0-based index in its split (the line of `generation.jsonl`).
    public var i: Int
    /// The text recorded as `predict`.
    public var predict: String
    public var finish: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// Seconds the answering request took (its last attempt).
    public var seconds: Double?
    /// Attempts it took (1 when the first one was answered).
    public var attempts: Int?
    /// Copied from an earlier run's passing case (`--only-failed`), not asked.
    public var copied: Bool?

    public init(
        i: Int, predict: String, finish: String? = nil, promptTokens: Int? = nil, completionTokens: Int? = nil,
        seconds: Double? = nil, attempts: Int? = nil, copied: Bool? = nil
    ) {
        self.i = i
        self.predict = predict
        self.finish = finish
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.seconds = seconds
        self.attempts = attempts
        self.copied = copied
    }

    enum CodingKeys: String, CodingKey {
        case i, predict, finish, seconds, attempts, copied
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
    }
}

// MARK: - Stream

/// One `generation.jsonl` being filled: a split of one sample.
///
/// Answers arrive in any order. Each is appended to `answers.jsonl` at once and synced; the file
/// PTBench reads, `generation.jsonl`, only ever gets the next line in order, so after a crash it
/// holds whole lines for a prefix of the cases and nothing else. A resumed run rebuilds it from
/// the journal.
final class Stream {
    let sample: Int
    let split: String
    let folder: URL
    let count: Int
    /// The line for case `i` with text `predict`.
    let line: @Sendable (Int, String) -> String
    /// Answers not yet in `generation.jsonl`, by index.
    var pending: [Int: String] = [:]
    /// Which cases have an answer in the journal.
    var answered: [Bool]
    /// Lines written to `generation.jsonl`.
    var prefix = 0
    var journal: Int32 = -1
    var generation: Int32 = -1
    var answers: [Answer] = []

    init(sample: Int, split: String, folder: URL, count: Int, line: @escaping @Sendable (Int, String) -> String) {
        self.sample = sample
        self.split = split
        self.folder = folder
        self.count = count
        self.line = line
        answered = Array(repeating: false, count: count)
    }

    var journalURL: URL { folder.appendingPathComponent("answers.jsonl") }
    var generationURL: URL { folder.appendingPathComponent("generation.jsonl") }
    var answeredCount: Int { answers.count }
}

// MARK: - RunStore

/// A run's folder: `run.json`, and per split (per sample with `--samples`) `answers.jsonl` and
/// `generation.jsonl`.
public actor RunStore {
    public let root: URL
    var streams: [String: Stream] = [:]
    var order: [String] = []

    /// The folder of `split`'s files for `sample` (1-based) of a run of `samples`.
    public static func folder(root: URL, sample: Int, samples: Int, split: String) -> URL {
        samples > 1
            ? root.appendingPathComponent("sample-\(sample)").appendingPathComponent(split)
            : root.appendingPathComponent(split)
    }

    static func key(_ sample: Int, _ split: String) -> String { "\(sample)/\(split)" }

    public init(root: URL) {
        self.root = root
    }

    /// Opens (creating, or replaying a journal to resume) the files of one split of one sample.
    func open(
        sample: Int, samples: Int, split: String, count: Int, line: @escaping @Sendable (Int, String) -> String
    ) throws(RunError) {
        let folder = Self.folder(root: root, sample: sample, samples: samples, split: split)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RunError.file(folder.path, "cannot create the folder: \(error.localizedDescription)")
        }
        let stream = Stream(sample: sample, split: split, folder: folder, count: count, line: line)
        try Self.replay(stream)
        // generation.jsonl again from the journal: whatever a crash left there is replaced.
        var bytes: [UInt8] = []
        var k = 0
        var byIndex: [Int: String] = [:]
        for a in stream.answers { byIndex[a.i] = a.predict }
        while k < count, let p = byIndex[k] {
            bytes += Array(line(k, p).utf8)
            byIndex[k] = nil
            k += 1
        }
        stream.prefix = k
        stream.pending = byIndex
        do {
            try JournalMigration.writeAtomically(bytes, to: stream.generationURL, replacing: true)
        } catch {
            throw RunError.file(stream.generationURL.path, error.message)
        }
        stream.journal = Glibc.open(stream.journalURL.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        stream.generation = Glibc.open(stream.generationURL.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard stream.journal >= 0, stream.generation >= 0 else {
            throw RunError.file(stream.folder.path, "cannot open for appending: \(String(cString: strerror(errno)))")
        }
        let key = Self.key(sample, split)
        streams[key] = stream
        order.append(key)
    }

    /// Reads `answers.jsonl`: a torn last line (a crash mid-write) is cut off; any other bad line
    /// is an error naming it.
    static func replay(_ stream: Stream) throws(RunError) {
        let url = stream.journalURL
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RunError.file(url.path, "cannot be read")
        }
        let bytes = [UInt8](data)
        var start = 0
        var lineNumber = 0
        let decoder = JSONDecoder()
        while start < bytes.count {
            lineNumber += 1
            guard let end = bytes[start...].firstIndex(of: 0x0A) else {
                // No newline: the write of this line never finished. Cut it off.
                if truncate(url.path, off_t(start)) != 0 {
                    throw RunError.file(url.path, "cannot cut off a torn last line: \(String(cString: strerror(errno)))")
                }
                break
            }
            let slice = Data(bytes[start..<end])
            start = end + 1
            guard let answer = try? decoder.decode(Answer.self, from: slice) else {
                throw RunError.file(
                    "\(url.path):\(lineNumber)",
                    "not an answer line (expected {\"i\": index, \"predict\": text, ...}); "
                        + "fix or delete the line, or start over with --force")
            }
            guard answer.i >= 0, answer.i < stream.count else {
                throw RunError.file(
                    "\(url.path):\(lineNumber)",
                    "case \(answer.i) does not exist: the split has \(stream.count) cases; start over with --force")
            }
            if stream.answered[answer.i] { continue }
            stream.answered[answer.i] = true
            stream.answers.append(answer)
        }
    }

    /// Whether case `index` of `split` in `sample` has an answer.
    public func has(sample: Int, split: String, index: Int) -> Bool {
        streams[Self.key(sample, split)]?.answered[index] ?? false
    }

    /// Keeps an answer: appended to the journal and synced, then to `generation.jsonl` if it (and
    /// those after it) come next.
    public func record(sample: Int, split: String, _ answer: Answer) throws(RunError) {
        guard let stream = streams[Self.key(sample, split)], !stream.answered[answer.i] else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let json = try? encoder.encode(answer) else { return }
        let bytes = [UInt8](json) + [0x0A]
        let written = FileWrite.all(stream.journal, bytes)
        if written.error != 0 || fsync(stream.journal) != 0 {
            let code = written.error != 0 ? written.error : errno
            // A partial line is cut off again on the next start.
            throw RunError.file(stream.journalURL.path, "cannot append: \(String(cString: strerror(code)))")
        }
        stream.answered[answer.i] = true
        stream.answers.append(answer)
        stream.pending[answer.i] = answer.predict
        var out: [UInt8] = []
        while stream.prefix < stream.count, let p = stream.pending.removeValue(forKey: stream.prefix) {
            out += Array(stream.line(stream.prefix, p).utf8)
            stream.prefix += 1
        }
        if !out.isEmpty {
            let w = FileWrite.all(stream.generation, out)
            if w.error != 0 || fsync(stream.generation) != 0 {
                let code = w.error != 0 ? w.error : errno
                throw RunError.file(stream.generationURL.path, "cannot append: \(String(cString: strerror(code)))")
            }
        }
    }

    /// The answers kept for `split` of `sample` (journal order; each case once).
    public func answers(sample: Int, split: String) -> [Answer] {
        streams[Self.key(sample, split)]?.answers ?? []
    }

    /// What each stream holds now.
    public func snapshot() -> [StreamState] {
        order.compactMap { key in
            guard let s = streams[key] else { return nil }
            return StreamState(
                sample: s.sample, split: s.split, cases: s.count, answered: s.answeredCount, written: s.prefix,
                promptTokens: s.answers.reduce(0) { $0 + ($1.promptTokens ?? 0) },
                completionTokens: s.answers.reduce(0) { $0 + ($1.completionTokens ?? 0) },
                copied: s.answers.reduce(0) { $0 + ($1.copied == true ? 1 : 0) },
                requestSeconds: (s.answers.reduce(0) { $0 + ($1.seconds ?? 0) } * 1000).rounded() / 1000)
        }
    }

    /// Records answers taken from an earlier run (`--only-failed`) for cases not answered yet.
    func copy(sample: Int, split: String, _ answers: [Answer]) throws(RunError) {
        for a in answers where !has(sample: sample, split: split, index: a.i) {
            try record(sample: sample, split: split, a)
        }
    }

    /// Closes the files.
    public func close() {
        for s in streams.values {
            if s.journal >= 0 { _ = Glibc.close(s.journal) }
            if s.generation >= 0 { _ = Glibc.close(s.generation) }
            s.journal = -1
            s.generation = -1
        }
    }
}

/// One stream's counts.
public struct StreamState: Sendable, Equatable, Codable {
    public var sample: Int
    public var split: String
    public var cases: Int
    public var answered: Int
    /// Lines in `generation.jsonl` (the answered prefix).
    public var written: Int
    public var promptTokens: Int
    public var completionTokens: Int
    public var copied: Int
    /// The answering requests' times added up (the work the server did for this stream).
    public var requestSeconds: Double
}

// MARK: - RunError

/// Why a run cannot go on; the message names the file (and line) or the server.
public enum RunError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A file problem: its path (with `:line` when one line is at fault) and what is wrong.
    case file(String, String)
    /// The configuration differs from the one `run.json` records.
    case changed(String, [RunConfiguration.Difference])
    /// The endpoint refused in a way every request would meet.
    case endpoint(String)
    /// Bad options.
    case usage(String)

    public var description: String {
        switch self {
        case .file(let path, let message): return "\(path): \(message)"
        case .changed(let path, let differences):
            return "\(path) records another configuration:\n"
                + differences.map { "  \($0)" }.joined(separator: "\n")
                + "\nrun with the recorded values to continue it, or add --force to start this run over"
        case .endpoint(let message): return message
        case .usage(let message): return message
        }
    }
}
