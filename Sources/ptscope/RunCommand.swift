import ArgumentParser
import Dispatch
import Evaluator
import Foundation
import Runner
import TUICore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - run

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Ask an OpenAI-compatible endpoint for every case's answer and write PTBench's generation.jsonl.",
        discussion: """
            Sends PTBench's API messages to BASE-URL/chat/completions (as src/predict_api.py), or with --template \
            one of src/template.py's prompt strings to BASE-URL/completions (as src/predict_oss.py, with its \
            temperature 0.1 and 128 new tokens unless given). Writes OUT/<split>/generation.jsonl exactly as \
            PTBench does (line i = case i; OUT/sample-K/<split>/ with --samples), OUT/<split>/answers.jsonl (every \
            answer as it arrives, synced) and OUT/run.json (the configuration, endpoint without secrets, timings, \
            tokens). Run the same command again to ask only for what is missing; a changed configuration is \
            refused unless --force. Then scores the run and prints the table (--no-score to skip).
            """)

    @Argument(help: "A PTBench data root, a split folder, or a data.json.", completion: .file())
    var data: String

    @Option(name: .customLong("base-url"), help: "The endpoint, up to /v1 (http://127.0.0.1:8080/v1).")
    var baseURL: String

    @Option(help: "The model name sent with every request.")
    var model: String

    @Option(help: "The run's folder (PTBench's output_dir).", completion: .directory)
    var out: String

    @Option(
        help: ArgumentHelp(
            "Send a chat template's prompt string to /completions instead of chat messages.",
            discussion: "One of \(Prompts.templates.joined(separator: ", ")).", valueName: "name"))
    var template: String?

    @Flag(
        name: .customLong("fix-template-quirks"),
        help: "With --template: fix the reference's template quirks and send its stop words (recorded in run.json).")
    var fixTemplateQuirks = false

    @Option(help: "Requests in flight at once.")
    var concurrency = 8

    @Option(help: "At most this many requests started per second.")
    var rate: Double?

    @Option(help: "Seconds one request may take before it is retried.")
    var timeout: Double = 300

    @Option(help: "Retries of a request after 429, 5xx, a timeout, a dropped connection or a malformed answer.")
    var retries = 6

    @Option(help: "Answers per case, in OUT/sample-1 … OUT/sample-K.")
    var samples = 1

    @Option(help: "Sampling temperature (default: not sent; 0.1 with --template, as predict_oss.py).")
    var temperature: Double?

    @Option(name: .customLong("top-p"), help: "Nucleus sampling's top_p (default: not sent).")
    var topP: Double?

    @Option(help: "The seed of sample 1; sample k is sent SEED + k - 1 (default: not sent).")
    var seed: Int?

    @Option(
        name: .customLong("max-tokens"), help: "At most this many new tokens (default: not sent; 128 with --template).")
    var maxTokens: Int?

    @Option(
        name: .customLong("only-failed"),
        help: "A predictions root whose passing answers are copied; only its failed cases are asked again.",
        completion: .directory)
    var onlyFailed: String?

    @Option(help: "Ask only the first N cases of each split.")
    var limit: Int?

    @Option(
        name: .customLong("cases"),
        help: ArgumentHelp(
            "Ask only these cases (repeatable): SPLIT:I-J, SPLIT:I or SPLIT, 0-based like generation.jsonl's lines.",
            discussion: "SPLIT is a split's folder name, or U / T for the untrained / trained users' split."))
    var cases: [String] = []

    @Option(name: .customLong("api-key-env"), help: "The environment variable holding the key (never written anywhere).")
    var apiKeyEnv = "OPENAI_API_KEY"

    @Flag(help: "Do not verify the server's TLS certificate.")
    var insecure = false

    @Option(name: .customLong("header"), help: "An extra header K:V sent with every request (repeatable; values not recorded).")
    var headers: [String] = []

    @Flag(name: .customLong("no-score"), help: "Do not score the run at the end.")
    var noScore = false

    @Flag(help: "Start the run over: delete the run's own files in OUT first.")
    var force = false

    @OptionGroup var input: InputOptions

    func validate() throws {
        if !(1...256).contains(concurrency) { throw ValidationError("--concurrency must be 1 to 256") }
        if !(1...1000).contains(samples) { throw ValidationError("--samples must be 1 to 1000") }
        if let rate, !(rate > 0 && rate.isFinite) { throw ValidationError("--rate must be a positive number") }
        if !(0...100).contains(retries) { throw ValidationError("--retries must be 0 to 100") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let topP, !(topP > 0 && topP <= 1) { throw ValidationError("--top-p must be in (0, 1]") }
        if onlyFailed != nil && samples > 1 {
            throw ValidationError("--only-failed asks each failed case once: use it without --samples")
        }
        try Self.checkRequest(
            baseURL: baseURL, template: template, fixTemplateQuirks: fixTemplateQuirks, temperature: temperature,
            maxTokens: maxTokens, timeout: timeout, headers: headers)
    }

    /// The checks `run` and the explorer's `--base-url` (`A`) share: the endpoint, and the options
    /// that shape a request.
    static func checkRequest(
        baseURL: String, template: String?, fixTemplateQuirks: Bool, temperature: Double?, maxTokens: Int?,
        timeout: Double, headers: [String]
    ) throws {
        guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil
        else {
            throw ValidationError("--base-url must be an http:// or https:// URL, like http://127.0.0.1:8080/v1")
        }
        if let template, !Prompts.templates.contains(template) {
            throw ValidationError(
                "no template “\(TerminalText.clean(template))”: choose one of \(Prompts.templates.joined(separator: ", "))")
        }
        if fixTemplateQuirks && template == nil { throw ValidationError("--fix-template-quirks applies to --template") }
        if let temperature, !(temperature >= 0 && temperature.isFinite) {
            throw ValidationError("--temperature must be 0 or more")
        }
        if let maxTokens, maxTokens < 1 { throw ValidationError("--max-tokens must be at least 1") }
        if !(timeout > 0 && timeout.isFinite) { throw ValidationError("--timeout must be a positive number of seconds") }
        for h in headers { _ = try header(h) }
    }

    static func header(_ text: String) throws -> (name: String, value: String) {
        guard let colon = text.firstIndex(of: ":") else { throw ValidationError("--header takes K:V (no colon in one)") }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let token = CharacterSet(charactersIn: "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ token.contains($0) }) else {
            throw ValidationError("--header: “\(TerminalText.clean(name))” is not a header name")
        }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw ValidationError("--header \(name): the value holds a control character")
        }
        return (name, value)
    }

    func run() throws {
        let session = try makeSession()
        let box = OutcomeBox()
        let done = DispatchSemaphore(value: 0)
        let task = Task {
            box.code = await session.execute()
            done.signal()
        }
        let signals = Interrupts { task.cancel() }
        done.wait()
        signals.stop()
        if box.code == RunSession.cancelled { throw ExitCode(128 + (signals.received ?? SIGINT)) }
        if box.code != 0 { throw ExitCode(box.code) }
    }

    /// Loads the data, checks OUT, and builds everything the run needs (all failures here exit 2).
    func makeSession() throws -> RunSession {
        let bench = try loadBenchmark(URL(fileURLWithPath: data), nil)
        for w in bench.warnings { warn("warning: \(w)") }
        let outURL = URL(fileURLWithPath: out)
        func fail(_ message: String) -> ExitCode {
            warn("ptscope: \(message)")
            return ExitCode(2)
        }
        let selection: [String: [Int]]
        do {
            selection = try Self.selection(cases, limit: limit, splits: bench.splits)
        } catch let e as RunError {
            throw fail(e.description)
        }
        let configuration = RunConfiguration.asked(
            model: model, template: template, fixTemplateQuirks: fixTemplateQuirks, temperature: temperature, topP: topP,
            seed: seed, maxTokens: maxTokens, samples: samples, data: RunPlan.dataHashes(bench.splits))
        let plan: RunPlan
        do {
            plan = try RunPlan(configuration: configuration, splits: bench.splits, selection: selection)
            try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
        } catch let e as RunError {
            throw fail(e.description)
        } catch {
            throw fail("\(out): cannot create the folder: \(error.localizedDescription)")
        }
        let recordURL = outURL.appendingPathComponent("run.json")
        var previous: RunRecord?
        do {
            if force {
                // Start over: the run's own files go, whatever they hold.
                for file in Self.ownFiles(outURL, splits: bench.splits.map(\.name)) + [recordURL] {
                    try? FileManager.default.removeItem(at: file)
                }
            } else if let p = try RunRecord.read(recordURL) {
                let differences = p.configuration.differences(to: configuration)
                if !differences.isEmpty { throw RunError.changed(recordURL.path, differences) }
                previous = p
            } else if let existing = Self.ownFiles(outURL, splits: bench.splits.map(\.name)).first {
                throw RunError.file(
                    existing.path,
                    "exists but \(recordURL.lastPathComponent) does not: these predictions were not made by ptscope run; "
                        + "give another --out, or --force to replace them")
            }
        } catch let e as RunError {
            throw fail(e.description)
        }
        var copies: [String: [Answer]] = [:]
        if let onlyFailed {
            copies = try Self.passingAnswers(data: data, predictions: onlyFailed, format: input.format)
        }
        let key = Endpoint.key(in: ProcessInfo.processInfo.environment, variable: apiKeyEnv)
        let endpoint = Endpoint(
            baseURL: baseURL, apiKey: key, headers: try headers.map(Self.header), insecure: insecure,
            timeout: .nanoseconds(Int64(timeout * 1e9)))
        var record =
            previous
            ?? RunRecord(
                version: RunRecord.currentVersion, tool: "ptscope \(PTScope.version)", configuration: configuration,
                endpoint: endpoint.displayURL, headers: [], apiKeyVariable: apiKeyEnv, keySent: false,
                insecure: insecure, onlyFailed: nil, sessions: [], streams: [])
        record.version = RunRecord.currentVersion
        record.tool = "ptscope \(PTScope.version)"
        record.endpoint = endpoint.displayURL
        record.headers = endpoint.headers.map(\.name)
        record.apiKeyVariable = apiKeyEnv
        record.keySent = key != nil
        record.insecure = insecure
        if let onlyFailed { record.onlyFailed = URL(fileURLWithPath: onlyFailed).standardizedFileURL.path }
        return RunSession(
            data: URL(fileURLWithPath: data), out: outURL, plan: plan, endpoint: endpoint,
            options: RunOptions(concurrency: concurrency, rate: rate, retries: retries), record: record,
            copies: copies, score: !noScore, format: input.format, lenient: input.lenient,
            apiKeyEnv: apiKeyEnv, progressOnTerminal: isatty(2) == 1)
    }

    /// The files a run writes in `root` (for `--force` and for the check that OUT is not someone
    /// else's predictions).
    static func ownFiles(_ root: URL, splits: [String]) -> [URL] {
        var folders = splits.map { root.appendingPathComponent($0) }
        for sample in SampleFolder.all(in: root) { folders += splits.map { sample.url.appendingPathComponent($0) } }
        var files: [URL] = []
        for folder in folders {
            for name in ["generation.jsonl", "answers.jsonl", "acc_results.csv", "error_results.csv"] {
                let file = folder.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: file.path) { files.append(file) }
            }
        }
        return files
    }

    /// `--cases` and `--limit` as the indexes to ask per split (empty: every case).
    static func selection(_ specs: [String], limit: Int?, splits: [SplitData]) throws -> [String: [Int]] {
        var chosen: [String: Set<Int>] = [:]
        func split(named name: String) -> SplitData? {
            let full: String
            switch name {
            case "U", "u", "untrained": full = "test_untrained_user"
            case "T", "t", "trained": full = "test_trained_user"
            default: full = name
            }
            return splits.first { $0.name == full }
        }
        for spec in specs {
            let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
            guard let name = parts.first, let s = split(named: name) else {
                throw RunError.usage(
                    "--cases \(TerminalText.clean(spec)): no split “\(TerminalText.clean(parts.first ?? ""))” (the data has "
                        + splits.map(\.name).joined(separator: ", ") + "; U and T name the two PTBench splits)")
            }
            var range = 0..<s.cases.count
            if parts.count == 2 {
                let bounds = parts[1].split(separator: "-", omittingEmptySubsequences: false).map {
                    Int($0.trimmingCharacters(in: .whitespaces))
                }
                guard (1...2).contains(bounds.count), let lo = bounds[0], let hi = bounds.last ?? nil, lo >= 0, lo <= hi
                else {
                    throw RunError.usage(
                        "--cases \(TerminalText.clean(spec)): expected SPLIT:I-J or SPLIT:I with 0 ≤ I ≤ J")
                }
                guard hi < s.cases.count else {
                    throw RunError.usage(
                        "--cases \(TerminalText.clean(spec)): \(s.name) has cases 0 to \(s.cases.count - 1)")
                }
                range = lo..<(hi + 1)
            }
            chosen[s.name, default: []].formUnion(range)
        }
        var result: [String: [Int]] = [:]
        for s in splits {
            var indexes = specs.isEmpty ? Array(s.cases.indices) : (chosen[s.name].map { $0.sorted() } ?? [])
            if let limit { indexes = Array(indexes.prefix(limit)) }
            if !specs.isEmpty || limit != nil { result[s.name] = indexes }
        }
        return result
    }

    /// The answers of `predictions` whose case passes (overall), by split, to be copied.
    static func passingAnswers(data: String, predictions: String, format: PredictionParser.Format) throws -> [String:
        [Answer]]
    {
        let bench = try loadBenchmark(URL(fileURLWithPath: data), URL(fileURLWithPath: predictions))
        var copies: [String: [Answer]] = [:]
        let options = Scorer.Options(format: format)
        for split in bench.splits {
            guard let file = bench.predictions[split.name] else {
                warn("warning: \(predictions) has no predictions for \(split.name): every case of it is asked")
                continue
            }
            for c in split.cases {
                guard c.index < file.lines.count, case .text(let text) = file.lines[c.index] else { continue }
                if Scorer.verdict(for: c, line: file.lines[c.index], options: options).overall {
                    copies[split.name, default: []].append(Answer(i: c.index, predict: text, copied: true))
                }
            }
        }
        return copies
    }
}

/// The exit code the run's task hands back to the main thread.
final class OutcomeBox: @unchecked Sendable {
    var code: Int32 = 0
}

/// SIGINT, SIGTERM and SIGHUP: the first cancels the run (answers kept stay kept; in-flight requests
/// are dropped), a second one exits at once.
final class Interrupts: @unchecked Sendable {
    var sources: [DispatchSourceSignal] = []
    var count = 0
    /// The first signal received.
    var received: Int32?

    init(_ cancel: @escaping @Sendable () -> Void) {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in
                count += 1
                if received == nil { received = sig }
                if count > 1 {
                    warn("\nptscope: interrupted again: stopping now (the answers kept are whole and synced)")
                    Foundation.exit(128 + sig)
                }
                cancel()
            }
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        for s in sources { s.cancel() }
    }
}
