import ArgumentParser
import Evaluator
import Foundation
import Runner
import TUICore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - RunSession

/// One `ptscope run` command once its options are checked: asks, shows progress, records, scores.
struct RunSession: Sendable {
    let data: URL
    let out: URL
    let plan: RunPlan
    let endpoint: Endpoint
    let options: RunOptions
    let record: RunRecord
    let copies: [String: [Answer]]
    let score: Bool
    let format: PredictionParser.Format
    let lenient: Bool
    let apiKeyEnv: String
    let progressOnTerminal: Bool

    /// The exit code a cancelled run returns (the command turns it into 128 + the signal).
    static let cancelled: Int32 = -1

    var recordURL: URL { out.appendingPathComponent("run.json") }

    /// Runs the session; returns the exit code.
    func execute() async -> Int32 {
        let client = EndpointClient(endpoint: endpoint, connections: options.concurrency)
        let code = await execute(client)
        await client.shutdown()
        return code
    }

    func execute(_ client: EndpointClient) async -> Int32 {
        let store = RunStore(root: out)
        let engine: RunEngine
        do {
            engine = try await RunEngine.prepare(
                plan: plan, store: store, client: client, options: options, copies: copies)
        } catch {
            warn("ptscope: \(error)")
            return 2
        }
        var record = record
        let before = await engine.progress()
        let toAsk = before.toAsk
        let copied = before.streams.reduce(0) { $0 + $1.copied }
        let answered = before.streams.reduce(0) { $0 + $1.answered }
        var session = RunRecord.Session(
            started: RunRecord.now(), ended: nil, outcome: "running", asked: toAsk, answered: 0, retries: 0,
            failures: [:], seconds: nil, concurrency: options.concurrency, rate: options.rate, error: nil)
        record.sessions.append(session)
        record.streams = before.streams
        do {
            try record.write(recordURL)
        } catch {
            warn("ptscope: \(error)")
            return 2
        }
        let total = before.streams.reduce(0) { $0 + $1.cases }
        var intro = "ptscope run: \(toAsk) to ask"
        if answered > 0 {
            intro += " (\(answered) of \(total) answers kept from before\(copied > 0 ? ", \(copied) copied" : ""))"
        }
        intro += "; \(endpoint.displayURL), model “\(plan.configuration.model)”, "
        intro += plan.configuration.usesTemplate ? "template \(plan.configuration.prompt)" : "chat messages"
        intro += ", concurrency \(options.concurrency)" + (options.rate.map { ", at most \($0) requests/s" } ?? "")
        warn(intro)

        var failure: String?
        var cancelled = false
        if toAsk > 0 {
            let problem = await preflight(client)
            if Task.isCancelled {
                cancelled = true
            } else if let problem {
                failure = problem
            } else {
                let display = ProgressDisplay(onTerminal: progressOnTerminal)
                let ticker = Task {
                    while !Task.isCancelled {
                        display.show(await engine.progress(), final: false)
                        try? await Task.sleep(for: .milliseconds(display.onTerminal ? 200 : 500))
                    }
                }
                do {
                    try await engine.run()
                } catch is CancellationError {
                    cancelled = true
                } catch let e as RunError {
                    failure = e.description
                } catch {
                    if Task.isCancelled { cancelled = true } else { failure = "\(error)" }
                }
                if Task.isCancelled { cancelled = true }
                ticker.cancel()
                _ = await ticker.value
                display.show(await engine.progress(), final: true)
            }
        }
        if let f = failure, f.contains("404") { failure = await withModels(f, client) }
        let after = await engine.progress()
        let unanswered = await engine.unanswered()
        await store.close()
        session.ended = RunRecord.now()
        session.answered = after.answeredNow
        session.retries = after.retries
        session.failures = after.failures
        session.seconds = after.started.duration(to: .now).inSeconds.rounded(toPlaces: 3)
        let complete = after.streams.allSatisfy { $0.written == $0.cases }
        let selectionDone = unanswered.isEmpty && failure == nil && !cancelled
        session.outcome =
            cancelled ? "interrupted" : failure != nil ? "failed" : !unanswered.isEmpty ? "incomplete" : "complete"
        session.error = failure.map { redact($0) }
        record.sessions[record.sessions.count - 1] = session
        record.streams = after.streams
        do {
            try record.write(recordURL)
        } catch {
            warn("ptscope: \(error)")
        }
        if after.answeredNow > 0 || !unanswered.isEmpty || (failure == nil && !cancelled) {
            summarize(after, unanswered: unanswered)
        }
        if let failure {
            warn("ptscope: \(redact(failure))")
            if after.streams.contains(where: { $0.answered > 0 }) {
                warn("ptscope: the answers received are kept; run the same command again to continue")
            }
            return 1
        }
        if cancelled {
            warn("ptscope: interrupted: \(after.answeredNow) answers received and kept; run the same command to continue")
            return Self.cancelled
        }
        if !selectionDone {
            warn("ptscope: \(unanswered.count) cases got no answer; run the same command again to ask for them")
        }
        if score {
            if complete {
                scoreRun()
            } else {
                await quickLook(after, store)
            }
        }
        return selectionDone ? 0 : 1
    }

    /// Checks the key and that the server is there before the first case: a refused key or an
    /// unreachable server stops here; a model the server does not list is only warned about.
    func preflight(_ client: EndpointClient) async -> String? {
        do {
            let models = try await client.models()
            if !models.isEmpty && !models.contains(plan.configuration.model) {
                warn(
                    "warning: \(endpoint.displayURL)/models does not list “\(plan.configuration.model)” "
                        + "(it lists \(models.prefix(20).map { "“\($0)”" }.joined(separator: ", "))); asking anyway")
            }
        } catch {
            switch error {
            case .unauthorized:
                let hint =
                    endpoint.apiKey == nil
                    ? " ($\(apiKeyEnv) is not set: set it, or name another variable with --api-key-env)"
                    : " (the key comes from $\(apiKeyEnv))"
                return error.description + hint
            case .transport, .tls, .timedOut:
                return "cannot reach the server: " + error.description
            case .notFound, .rejected, .malformed, .rateLimited, .serverError:
                break  // Not every server lists its models; the completions will tell.
            }
        }
        return nil
    }

    /// A 404 from the completions: says which models the server offers, when it lists them.
    func withModels(_ failure: String, _ client: EndpointClient) async -> String {
        guard let models = await client.modelsOffered(insteadOf: plan.configuration.model) else {
            return failure + " (is --base-url right? It usually ends in /v1)"
        }
        if models.isEmpty { return failure }
        let list = models.prefix(30).map { "“\($0)”" }.joined(separator: ", ")
        return failure + "\nthe model “\(plan.configuration.model)” is not offered; \(endpoint.displayURL) offers: \(list)"
    }

    /// The key never appears in a message, whatever a server echoes.
    func redact(_ text: String) -> String { endpoint.redact(text, keyVariable: apiKeyEnv) }

    func summarize(_ p: RunProgress, unanswered: [Unanswered]) {
        let seconds = p.started.duration(to: .now).inSeconds
        var lines: [String] = []
        for s in p.streams {
            let name = plan.configuration.samples > 1 ? "sample-\(s.sample)/\(s.split)" : s.split
            var line = "  \(name): \(s.written)/\(s.cases) lines in generation.jsonl"
            if s.answered > s.written { line += ", \(s.answered - s.written) more answers waiting for earlier ones" }
            line += ", \(s.promptTokens) prompt + \(s.completionTokens) completion tokens"
            lines.append(line)
        }
        var head = "ptscope run: \(p.answeredNow) answers in \(ProgressDisplay.duration(seconds))"
        if p.answeredNow > 0 && seconds > 0 {
            head += String(
                format: " (%.2f requests/s, %.0f cases/min)", Double(p.answeredNow) / seconds,
                Double(p.answeredNow) / seconds * 60)
        }
        head += ", \(p.retries) retries, \(p.failed) given up"
        if !p.failures.isEmpty {
            head += " (" + p.failures.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")"
        }
        warn(([head] + lines).joined(separator: "\n"))
        for u in unanswered.prefix(10) {
            warn(
                "  no answer for \(u.split) case \(u.index)\(plan.configuration.samples > 1 ? " (sample \(u.sample))" : ""): \(redact(u.error))"
            )
        }
        if unanswered.count > 10 { warn("  … and \(unanswered.count - 10) more") }
    }

    /// Scores the run with `ptscope score DATA OUT` itself: CSV files beside the predictions and
    /// the table; with samples, each sample's table and then the pass@k / pass^k table.
    func scoreRun() {
        var arguments = [data.path, out.path, "--format", format.rawValue]
        if lenient { arguments.append("--lenient") }
        do {
            let score = try Score.parse(arguments)
            try score.run()
        } catch {
            // `score` has said what went wrong (an ExitCode carries no text of its own).
            if !(error is ExitCode) { warn("ptscope: scoring \(out.path): \(error)") }
        }
    }

    /// For a run that does not cover every case (`--limit`, `--cases`, cases given up on): how the
    /// answers asked fare, case by case. PTBench's numbers need every case, so none are printed.
    func quickLook(_ p: RunProgress, _ store: RunStore) async {
        var asked = 0
        var inFormat = 0
        var passed = 0
        let options = Scorer.Options(format: format)
        for k in 1...plan.configuration.samples {
            for split in plan.splits {
                for a in await store.answers(sample: k, split: split.name) {
                    let v = Scorer.verdict(for: split.cases[a.i], line: .text(a.predict), options: options)
                    asked += 1
                    if v.format { inFormat += 1 }
                    if v.overall { passed += 1 }
                }
            }
        }
        let total = p.streams.reduce(0) { $0 + $1.cases }
        TerminalText.print(
            "Not scored: \(asked) of \(total) cases have an answer, and PTBench's numbers need every case. "
                + "Of the \(asked): \(inFormat) in PTBench's format, \(passed) pass every metric. "
                + "(`ptscope score` scores the lines there are, missing ones counted as failures.)")
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let m = Foundation.pow(10, Double(places))
        return (self * m).rounded() / m
    }
}

// MARK: - ProgressDisplay

/// The progress of a run on standard error: a bar per split redrawn in place on a terminal, a
/// plain line every 10 seconds otherwise.
final class ProgressDisplay: @unchecked Sendable {
    let onTerminal: Bool
    var drawnLines = 0
    var lastPlain = ContinuousClock.now
    let lock = NSLock()

    init(onTerminal: Bool) {
        self.onTerminal = onTerminal
    }

    func show(_ p: RunProgress, final: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let seconds = p.started.duration(to: .now).inSeconds
        let rate = seconds > 0 ? Double(p.answeredNow) / seconds : 0
        let remaining = max(0, p.toAsk - p.answeredNow - p.failed)
        // In order of importance: a narrow terminal drops the last ones.
        var parts = ["\(p.answeredNow)/\(p.toAsk) asked", String(format: "%.2f/s", rate)]
        if rate > 0 && remaining > 0 { parts.append("ETA " + Self.duration(Double(remaining) / rate)) }
        parts += ["\(p.retries) retries", "\(p.failed) errors"]
        if seconds > 0 { parts.append(String(format: "%.0f tok/s", Double(p.completionTokensNow) / seconds)) }
        parts.append("\(p.inFlight) in flight")
        let stats = parts.joined(separator: " · ")
        if onTerminal {
            var width = 80
            var size = winsize()
            if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { width = Int(size.ws_col) }
            var lines: [String] = []
            let names = p.streams.map { s in (s.sample, s.split) }
            let multi = Set(names.map(\.0)).count > 1
            let nameWidth = min(40, p.streams.map { (multi ? "s\($0.sample) " : "").count + $0.split.count }.max() ?? 0)
            let countWidth = p.streams.map { "\($0.cases)/\($0.cases)".count }.max() ?? 0
            for s in p.streams {
                let name = TerminalText.clean((multi ? "s\(s.sample) " : "") + s.split)
                let raw = "\(s.written)/\(s.cases)"
                let count = String(repeating: " ", count: max(0, countWidth - raw.count)) + raw
                let barWidth = max(0, width - nameWidth - count.count - 6)
                let filled = s.cases > 0 ? Int((Double(s.written) / Double(s.cases) * Double(barWidth)).rounded(.down)) : 0
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
                let padded =
                    name.count >= nameWidth
                    ? String(name.prefix(nameWidth)) : name + String(repeating: " ", count: nameWidth - name.count)
                lines.append(" " + padded + " " + bar + " " + count)
            }
            var fitted = ""
            for part in parts {
                let next = fitted.isEmpty ? part : fitted + " · " + part
                if next.count > width - 2 && !fitted.isEmpty { break }
                fitted = next
            }
            lines.append(" " + fitted)
            var out = ""
            if drawnLines > 0 { out += "\u{1B}[\(drawnLines)A" }
            for line in lines { out += "\r\u{1B}[K" + line + "\n" }
            drawnLines = lines.count
            FileHandle.standardError.write(Data(out.utf8))
        } else {
            let now = ContinuousClock.now
            guard final || lastPlain.duration(to: now) >= .seconds(10) else { return }
            lastPlain = now
            let written = p.streams.map { "\(TerminalText.clean($0.split)) \($0.written)/\($0.cases)" }
            FileHandle.standardError.write(Data(("progress: " + stats + "; " + written.joined(separator: ", ") + "\n").utf8))
        }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        return "\(s / 3600)h\(String(format: "%02d", s / 60 % 60))m"
    }
}
