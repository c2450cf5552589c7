import Evaluator
import Foundation

// MARK: - RunPlan

/// What a run asks: the configuration, the data, which cases, and how each request and
/// `generation.jsonl` line is made.
public struct RunPlan: Sendable {
    public let configuration: RunConfiguration
    public let splits: [SplitData]
    /// The cases to ask per split name (all when absent).
    public let selection: [String: [Int]]

    /// A plan over `splits`; fails naming the data file and line of a case PTBench's runner
    /// cannot build a prompt or a line for (a missing field).
    public init(configuration: RunConfiguration, splits: [SplitData], selection: [String: [Int]] = [:])
        throws(RunError)
    {
        self.configuration = configuration
        self.splits = splits
        self.selection = selection
        if configuration.usesTemplate && !Prompts.templates.contains(configuration.prompt) {
            throw .usage(
                "no template “\(configuration.prompt)”: choose one of \(Prompts.templates.joined(separator: ", "))")
        }
        for split in splits {
            var missing: [String] = []
            for c in split.cases {
                guard let json = split.fullCase(c) else {
                    missing.append("case \(c.index) (line \(c.line)) cannot be read")
                    continue
                }
                let absent = ["user_profile", "platforms", "tools", "query", "answer"].filter { json[$0] == nil }
                if !absent.isEmpty {
                    missing.append(
                        "case \(c.index) (line \(c.line)) has no \(absent.map { "`\($0)`" }.joined(separator: ", "))")
                }
                if missing.count >= 5 { break }
            }
            if !missing.isEmpty {
                throw .file(
                    split.url.path,
                    missing.joined(separator: "; ")
                        + ": PTBench's runner stops there (KeyError); every case needs user_profile, platforms, tools, "
                        + "query and answer")
            }
        }
    }

    /// The indexes asked in `split`.
    public func indexes(of split: SplitData) -> [Int] {
        selection[split.name] ?? Array(split.cases.indices)
    }

    /// The request for case `index` of `split` in sample `sample` (1-based).
    public func request(split: SplitData, index: Int, sample: Int) -> CompletionRequest {
        let json = split.fullCase(split.cases[index]) ?? .null
        let c = configuration
        let prompt: CompletionRequest.Prompt
        if c.usesTemplate {
            let text = Prompts.render(template: c.prompt, case: json, fixQuirks: c.fixTemplateQuirks)?.text ?? ""
            prompt = .text(text)
        } else {
            prompt = .chat(Prompts.api(case: json).map { (role: $0.role, content: $0.content) })
        }
        return CompletionRequest(
            model: c.model, prompt: prompt, temperature: c.temperature, topP: c.topP,
            seed: c.seed.map { $0 + sample - 1 }, maxTokens: c.maxTokens, stop: c.stop)
    }

    /// Makes `generation.jsonl` lines of `split`'s cases.
    public static func lineMaker(_ split: SplitData) -> @Sendable (Int, String) -> String {
        { index, predict in GenerationLine.line(split, index: index, predict: predict) }
    }

    /// SHA-256 of each split's `data.json` bytes.
    public static func dataHashes(_ splits: [SplitData]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: splits.map { ($0.name, SHA256.hex($0.bytes)) })
    }
}
