import Evaluator
import Foundation

// MARK: - Options

/// How a run talks to the server: concurrency, pacing, retries.
public struct RunOptions: Sendable {
    /// Requests in flight at once.
    public var concurrency: Int
    /// Requests started per second at most (nil: no limit).
    public var rate: Double?
    /// Retries of one request after a transient failure (429, 5xx, timeout, dropped connection,
    /// malformed answer).
    public var retries: Int
    /// The first backoff; each retry doubles it, up to `maximumBackoff`, with jitter.
    public var initialBackoff: Double
    public var maximumBackoff: Double
    /// The longest `Retry-After` honoured (a longer one waits this long).
    public var maximumRetryAfter: Double

    public init(
        concurrency: Int = 8, rate: Double? = nil, retries: Int = 6, initialBackoff: Double = 1,
        maximumBackoff: Double = 60, maximumRetryAfter: Double = 300
    ) {
        self.concurrency = max(1, concurrency)
        self.rate = rate
        self.retries = max(0, retries)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// The wait before retry number `retry` (1-based): `Retry-After` when the server gave one
    /// (capped), else exponential backoff with "equal jitter" (half fixed, half random).
    public func backoff(retry: Int, retryAfter: Double?, random: Double) -> Double {
        if let after = retryAfter { return min(after, maximumRetryAfter) }
        let full = min(maximumBackoff, initialBackoff * pow(2, Double(retry - 1)))
        return full / 2 + full / 2 * random
    }
}

// MARK: - Progress

/// Counts a running run reports, read by the progress display.
public struct RunProgress: Sendable {
    /// Per stream (split of a sample), in order.
    public var streams: [StreamState]
    /// Answers received in this session, and when the session started.
    public var answeredNow: Int
    public var started: ContinuousClock.Instant
    /// Answers asked in this session (not counting those already there).
    public var toAsk: Int
    public var retries: Int
    /// Cases given up on, by error kind.
    public var failures: [String: Int]
    public var inFlight: Int
    public var completionTokensNow: Int

    public var failed: Int { failures.values.reduce(0, +) }
}

/// A case given up on, and why.
public struct Unanswered: Sendable, Codable, Equatable {
    public var sample: Int
    public var split: String
    public var index: Int
    public var error: String
}

/// Shared counters of a run in progress.
actor RunCounters {
    var answered = 0
    var retries = 0
    var failures: [String: Int] = [:]
    var unanswered: [Unanswered] = []
    var inFlight = 0
    var completionTokens = 0
    var consecutiveFailures = 0
    var lastError: EndpointError?

    func began() { inFlight += 1 }
    func ended() { inFlight -= 1 }
    func retried() { retries += 1 }
    func answered(tokens: Int?) {
        answered += 1
        completionTokens += tokens ?? 0
        consecutiveFailures = 0
    }
    /// Returns the number of failures in a row so far.
    func failed(_ u: Unanswered, kind: String, error: EndpointError) -> Int {
        failures[kind, default: 0] += 1
        if unanswered.count < 1000 { unanswered.append(u) }
        lastError = error
        consecutiveFailures += 1
        return consecutiveFailures
    }
}

/// Paces request starts to at most `rate` per second (a token bucket holding one token).
actor RateLimiter {
    let interval: Double
    var next = ContinuousClock.now

    init(rate: Double) { interval = 1 / rate }

    func acquire() async throws {
        let now = ContinuousClock.now
        let slot = max(now, next)
        next = slot.advanced(by: .nanoseconds(Int64(interval * 1e9)))
        if slot > now { try await Task.sleep(until: slot, clock: .continuous) }
    }
}

/// Hands out the jobs in order.
actor JobQueue {
    var jobs: [(sample: Int, split: Int, index: Int)]
    var position = 0
    init(_ jobs: [(sample: Int, split: Int, index: Int)]) { self.jobs = jobs }
    func next() -> (sample: Int, split: Int, index: Int)? {
        guard position < jobs.count else { return nil }
        defer { position += 1 }
        return jobs[position]
    }
}

// MARK: - RunEngine

/// Asks the server for every missing answer of a plan, `concurrency` at a time, and keeps each one
/// in the store as it arrives.
public final class RunEngine: Sendable {
    public let plan: RunPlan
    public let store: RunStore
    public let client: EndpointClient
    public let options: RunOptions
    let counters = RunCounters()
    let jobs: JobQueue
    let toAsk: Int
    let started = ContinuousClock.now

    /// Opens every stream of the plan in `store` (replaying what earlier sessions kept) and lists
    /// the cases still missing. `copies` (by split name) are answers of an earlier run kept as
    /// they are (`--only-failed`); they go into sample 1.
    public static func prepare(
        plan: RunPlan, store: RunStore, client: EndpointClient, options: RunOptions, copies: [String: [Answer]] = [:]
    ) async throws(RunError) -> RunEngine {
        var list: [(sample: Int, split: Int, index: Int)] = []
        let samples = plan.configuration.samples
        for sample in 1...samples {
            for split in plan.splits {
                try await store.open(
                    sample: sample, samples: samples, split: split.name, count: split.cases.count,
                    line: RunPlan.lineMaker(split))
            }
        }
        for (split, answers) in copies.sorted(by: { $0.key < $1.key }) {
            try await store.copy(sample: 1, split: split, answers)
        }
        for sample in 1...samples {
            for (s, split) in plan.splits.enumerated() {
                for i in plan.indexes(of: split) where await !store.has(sample: sample, split: split.name, index: i) {
                    list.append((sample, s, i))
                }
            }
        }
        return RunEngine(plan: plan, store: store, client: client, options: options, jobs: list)
    }

    init(
        plan: RunPlan, store: RunStore, client: EndpointClient, options: RunOptions,
        jobs: [(sample: Int, split: Int, index: Int)]
    ) {
        self.plan = plan
        self.store = store
        self.client = client
        self.options = options
        self.jobs = JobQueue(jobs)
        toAsk = jobs.count
    }

    /// The counts now.
    public func progress() async -> RunProgress {
        let streams = await store.snapshot()
        return RunProgress(
            streams: streams, answeredNow: await counters.answered, started: started, toAsk: toAsk,
            retries: await counters.retries, failures: await counters.failures, inFlight: await counters.inFlight,
            completionTokensNow: await counters.completionTokens)
    }

    /// The cases given up on in this session.
    public func unanswered() async -> [Unanswered] { await counters.unanswered }

    /// Runs until every job is answered or given up on. Throws on a failure every request would
    /// meet (a refused key, a missing model, a TLS failure, a file that cannot be written, the
    /// server not answering at all), and `CancellationError` when cancelled; the answers kept
    /// stay kept either way.
    public func run() async throws {
        let limiter = options.rate.map { RateLimiter(rate: $0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<min(options.concurrency, max(1, toAsk)) {
                group.addTask { try await self.worker(limiter) }
            }
            try await group.waitForAll()
        }
    }

    func worker(_ limiter: RateLimiter?) async throws {
        while let job = await jobs.next() {
            try Task.checkCancellation()
            let split = plan.splits[job.split]
            let request = plan.request(split: split, index: job.index, sample: job.sample)
            var retry = 0
            while true {
                try await limiter?.acquire()
                await counters.began()
                let clock = ContinuousClock.now
                let result: Result<Completion, EndpointError>
                do {
                    result = .success(try await client.complete(request))
                } catch {
                    result = .failure(error)
                }
                await counters.ended()
                switch result {
                case .success(let c):
                    let seconds = clock.duration(to: .now).inSeconds
                    let answer = Answer(
                        i: job.index, predict: c.text, finish: c.finishReason, promptTokens: c.promptTokens,
                        completionTokens: c.completionTokens, seconds: (seconds * 1000).rounded() / 1000,
                        attempts: retry + 1)
                    // Kept even when the run was cancelled meanwhile: it is a whole answer.
                    try await store.record(sample: job.sample, split: split.name, answer)
                    await counters.answered(tokens: c.completionTokens)
                case .failure(let error):
                    try Task.checkCancellation()
                    if error.stopsRun { throw RunError.endpoint(error.description) }
                    if error.isTransient && retry < options.retries {
                        retry += 1
                        await counters.retried()
                        let wait = options.backoff(
                            retry: retry, retryAfter: error.retryAfter, random: Double.random(in: 0...1))
                        try await Task.sleep(for: .nanoseconds(Int64(wait * 1e9)))
                        continue
                    }
                    let run = await counters.failed(
                        Unanswered(sample: job.sample, split: split.name, index: job.index, error: error.description),
                        kind: error.kind, error: error)
                    if error.isTransient && run >= max(8, 2 * options.concurrency) {
                        throw RunError.endpoint(
                            "\(run) cases in a row failed after \(options.retries) retries each; the last: "
                                + error.description)
                    }
                }
                break
            }
        }
    }
}
