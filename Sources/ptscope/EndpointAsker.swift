import Dispatch
import Evaluator
import Explorer
import Foundation
import Runner

// MARK: - EndpointAsker

/// The explorer's ``CaseAsker``: asks an OpenAI-compatible endpoint with Runner's client, sending
/// exactly the request `ptscope run` sends (``RunPlan/request(split:index:sample:)``).
///
/// Each run is asked with the command line's endpoint (`--base-url`), else with the endpoint and
/// configuration of the `run.json` in its folder.
final class EndpointAsker: CaseAsker, @unchecked Sendable {
    /// One way of asking: a configuration and an endpoint, with its client.
    struct Target: Sendable {
        var configuration: RunConfiguration
        var endpoint: Endpoint
        var apiKeyVariable: String
        var client: EndpointClient
        /// Where it came from (`--base-url`, or the run.json's path), for the view's title.
        var origin: String
        /// The sample asked (N of a run's `sample-N` folder, else 1): its seed is the run's
        /// `--seed` + N − 1, as `ptscope run --samples` asked it.
        var sample = 1
        /// Headers a run.json names whose values were not given (`--header`): not sent.
        var missingHeaders: [String] = []
    }

    let targets: [Int: Target]
    let refusals: [Int: String]
    private let lock = NSLock()
    /// Plans per target and split, made on the first question (checking a split's cases).
    private var plans: [String: RunPlan] = [:]

    init(targets: [Int: Target], refusals: [Int: String]) {
        self.targets = targets
        self.refusals = refusals
    }

    /// The asker for `runs` (in the explorer's order): every run with the command line's endpoint
    /// when `options` has one, else each with the run.json of its folder (a sample of a set with
    /// its own sample's seed). Nil when no run can be asked.
    static func make(options: ReaskOptions, model: String?, runs: [RunSpec], environment: [String: String]) -> EndpointAsker? {
        var targets: [Int: Target] = [:]
        var refusals: [Int: String] = [:]
        if let baseURL = options.baseURL, let model {
            let configuration = RunConfiguration.asked(
                model: model, template: options.template, fixTemplateQuirks: options.fixTemplateQuirks,
                temperature: options.temperature, topP: nil, seed: nil, maxTokens: options.maxTokens, samples: 1,
                data: [:])
            let variable = options.apiKeyEnv ?? "OPENAI_API_KEY"
            let endpoint = Endpoint(
                baseURL: baseURL, apiKey: Endpoint.key(in: environment, variable: variable),
                headers: options.headers.compactMap { try? RunCommand.header($0) }, insecure: options.insecure,
                timeout: .nanoseconds(Int64(options.timeout * 1e9)))
            let target = Target(
                configuration: configuration, endpoint: endpoint, apiKeyVariable: variable,
                client: EndpointClient(endpoint: endpoint, connections: 2), origin: "--base-url")
            for k in runs.indices { targets[k] = target }
            return targets.isEmpty ? nil : EndpointAsker(targets: targets, refusals: [:])
        }
        for (k, spec) in runs.enumerated() {
            let run = spec.predictions
            guard let url = recordURL(of: run) else {
                refusals[k] = "A cannot ask again: \(run.path) has no run.json (give --base-url URL --model NAME)"
                continue
            }
            do {
                guard let record = try RunRecord.read(url) else { continue }
                let variable = options.apiKeyEnv ?? record.apiKeyVariable
                // The run.json keeps the headers' names only (values may be secrets): --header gives them.
                let headers = options.headers.compactMap { try? RunCommand.header($0) }
                let endpoint = Endpoint(
                    baseURL: record.endpoint, apiKey: Endpoint.key(in: environment, variable: variable),
                    headers: headers, insecure: record.insecure, timeout: .nanoseconds(Int64(options.timeout * 1e9)))
                let given = Set(headers.map { $0.name.lowercased() })
                var configuration = record.configuration
                configuration.samples = 1
                targets[k] = Target(
                    configuration: configuration, endpoint: endpoint, apiKeyVariable: variable,
                    client: EndpointClient(endpoint: endpoint, connections: 2), origin: url.path,
                    sample: spec.sample?.number ?? 1,
                    missingHeaders: record.headers.filter { !given.contains($0.lowercased()) })
            } catch {
                refusals[k] = "A cannot ask again: \(error)"
            }
        }
        return targets.isEmpty ? nil : EndpointAsker(targets: targets, refusals: refusals)
    }

    /// The `run.json` of a run given as a run folder, a split folder, a `generation.jsonl`, or a
    /// `sample-K` folder of a run made with `--samples` (nil when there is none).
    static func recordURL(of run: URL) -> URL? {
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: run.path, isDirectory: &isFolder)
        var folder = isFolder.boolValue ? run : run.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("run.json")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    // MARK: CaseAsker

    func source(run: Int) -> String? {
        guard let t = targets[run] else { return nil }
        let c = t.configuration
        let prompt = c.usesTemplate ? "template \(c.prompt)" : "chat messages"
        let from = t.origin == "--base-url" ? "" : " (from \(t.origin))"
        var sample = t.sample > 1 ? ", sample \(t.sample)" : ""
        if let seed = c.seed { sample += ", seed \(seed + t.sample - 1)" }
        let missing =
            t.missingHeaders.isEmpty
            ? ""
            : "; not sent: the run's header\(t.missingHeaders.count == 1 ? "" : "s") "
                + t.missingHeaders.joined(separator: ", ") + " (give --header NAME:VALUE)"
        return "\(t.endpoint.displayURL), model “\(c.model)”, \(prompt)\(sample)\(from)\(missing)"
    }

    func refusal(run: Int) -> String {
        refusals[run] ?? "A cannot ask again: no endpoint for this run (give --base-url URL --model NAME)"
    }

    func ask(_ question: ReaskQuestion, answer: @escaping @Sendable (Result<String, ReaskFailure>) -> Void)
        -> @Sendable () -> Void
    {
        guard let target = targets[question.run] else {
            answer(.failure(ReaskFailure(refusal(run: question.run))))
            return {}
        }
        let plan: RunPlan
        do {
            plan = try self.plan(target, question.split)
        } catch {
            answer(.failure(ReaskFailure(error.description)))
            return {}
        }
        let request = plan.request(split: question.split, index: question.index, sample: target.sample)
        // Cancelling the task cancels AsyncHTTPClient's request: its connection is closed.
        let task = Task.detached {
            do throws(EndpointError) {
                let completion = try await target.client.complete(request)
                answer(.success(completion.text))
            } catch {
                var message = error.description
                if case .notFound = error { message = await Self.withModels(message, target) }
                answer(.failure(ReaskFailure(target.endpoint.redact(message, keyVariable: target.apiKeyVariable))))
            }
        }
        return { task.cancel() }
    }

    func adding(run: Int, askedAs source: Int) -> any CaseAsker {
        var targets = targets
        var refusals = refusals
        targets[run] = targets[source]
        refusals[run] = refusals[source]
        return EndpointAsker(targets: targets, refusals: refusals)
    }

    func record(_ save: ReaskSave) -> [UInt8]? {
        guard let t = targets[save.run] else { return nil }
        var configuration = t.configuration
        lock.withLock {
            for plan in plans.values where plan.configuration.model == configuration.model {
                configuration.data.merge(RunPlan.dataHashes(plan.splits)) { a, _ in a }
            }
        }
        let record = RunRecord(
            version: RunRecord.currentVersion, tool: "ptscope \(PTScope.version)", configuration: configuration,
            endpoint: t.endpoint.displayURL, headers: t.endpoint.headers.map(\.name), apiKeyVariable: t.apiKeyVariable,
            keySent: t.endpoint.apiKey != nil, insecure: t.endpoint.insecure, onlyFailed: nil, sessions: [], streams: [],
            reasked: RunRecord.Reasked(
                from: save.from, saved: RunRecord.now(), cases: save.cases.map { "\($0.split):\($0.index)" }))
        return record.encoded()
    }

    // MARK: Helpers

    /// The plan of `target` over `split` (made once: it checks every case has what a prompt needs).
    func plan(_ target: Target, _ split: SplitData) throws(RunError) -> RunPlan {
        let key = target.origin + "\u{0}" + split.name
        if let plan = lock.withLock({ plans[key] }) { return plan }
        let plan = try RunPlan(configuration: target.configuration, splits: [split])
        lock.withLock { plans[key] = plan }
        return plan
    }

    /// A 404 with the models the server lists, when the model asked for is not one of them.
    static func withModels(_ failure: String, _ target: Target) async -> String {
        let model = target.configuration.model
        guard let models = await target.client.modelsOffered(insteadOf: model) else {
            return failure + " (is the base URL right? It usually ends in /v1)"
        }
        if models.isEmpty { return failure }
        let list = models.prefix(10).map { "“\($0)”" }.joined(separator: ", ")
        // The models first: the message line keeps the start of a long line.
        return "the model “\(model)” is not offered; the server offers \(list) (\(failure))"
    }

    /// Closes every client (before the process exits).
    func shutdown() {
        var seen = Set<ObjectIdentifier>()
        for t in targets.values where seen.insert(ObjectIdentifier(t.client)).inserted {
            let done = DispatchSemaphore(value: 0)
            let client = t.client
            Task.detached {
                await client.shutdown()
                done.signal()
            }
            done.wait()
        }
    }
}
