import Evaluator
import Foundation

// MARK: - RunConfiguration

/// What decides a run's answers: changing any of it makes earlier answers belong to another run.
/// Stored in `run.json`; a resumed run must have the same one (or start over with `--force`).
public struct RunConfiguration: Codable, Equatable, Sendable {
    /// The model name sent in every request.
    public var model: String
    /// `chat` (PTBench's API messages to `/chat/completions`) or a template name of
    /// `src/template.py` (its prompt string to `/completions`).
    public var prompt: String
    /// Whether the template's quirks were fixed (`--fix-template-quirks`); false for `chat`.
    public var fixTemplateQuirks: Bool
    /// Sampling parameters sent; nil: not sent (the server's default, as PTBench's API runner).
    public var temperature: Double?
    public var topP: Double?
    /// The seed of sample 1; sample k is sent `seed + k - 1`.
    public var seed: Int?
    public var maxTokens: Int?
    public var stop: [String]?
    /// Answers per case (`sample-1` … `sample-K` folders when more than one).
    public var samples: Int
    /// SHA-256 of each split's `data.json`, by split name.
    public var data: [String: String]

    public init(
        model: String, prompt: String, fixTemplateQuirks: Bool, temperature: Double?, topP: Double?, seed: Int?,
        maxTokens: Int?, stop: [String]?, samples: Int, data: [String: String]
    ) {
        self.model = model
        self.prompt = prompt
        self.fixTemplateQuirks = fixTemplateQuirks
        self.temperature = temperature
        self.topP = topP
        self.seed = seed
        self.maxTokens = maxTokens
        self.stop = stop
        self.samples = samples
        self.data = data
    }

    /// The configuration a command line asks for: chat messages, or `template`'s prompt string with
    /// `predict_oss.py`'s sampling (temperature 0.1, 128 new tokens) where none is given, and the
    /// template's stop words when its quirks are fixed.
    public static func asked(
        model: String, template: String?, fixTemplateQuirks: Bool, temperature: Double?, topP: Double?, seed: Int?,
        maxTokens: Int?, samples: Int, data: [String: String]
    ) -> RunConfiguration {
        RunConfiguration(
            model: model, prompt: template ?? "chat", fixTemplateQuirks: fixTemplateQuirks,
            temperature: temperature ?? (template != nil ? Prompts.templateTemperature : nil), topP: topP, seed: seed,
            maxTokens: maxTokens ?? (template != nil ? Prompts.templateMaxTokens : nil),
            stop: template.flatMap { Prompts.stopWords(template: $0, fixQuirks: fixTemplateQuirks) },
            samples: samples, data: data)
    }

    /// Whether prompts go to `/completions` as one string.
    public var usesTemplate: Bool { prompt != "chat" }

    /// One difference between two configurations, with both values as text.
    public struct Difference: Equatable, Sendable, CustomStringConvertible {
        public var name: String
        public var recorded: String
        public var asked: String
        public var description: String { "\(name): recorded \(recorded), asked \(asked)" }
    }

    /// What differs between `self` (recorded) and `other` (asked), field by field.
    public func differences(to other: RunConfiguration) -> [Difference] {
        var out: [Difference] = []
        func compare<T: Equatable>(_ name: String, _ a: T, _ b: T, _ text: (T) -> String) {
            if a != b { out.append(Difference(name: name, recorded: text(a), asked: text(b))) }
        }
        func opt<T>(_ v: T?) -> String { v.map { "\($0)" } ?? "not sent" }
        compare("model", model, other.model) { "“\($0)”" }
        compare("prompt", prompt, other.prompt) { $0 == "chat" ? "chat messages" : "template \($0)" }
        compare("fix-template-quirks", fixTemplateQuirks, other.fixTemplateQuirks) { "\($0)" }
        compare("temperature", temperature, other.temperature, opt)
        compare("top-p", topP, other.topP, opt)
        compare("seed", seed, other.seed, opt)
        compare("max-tokens", maxTokens, other.maxTokens, opt)
        compare("stop", stop, other.stop) { $0.map { "\($0)" } ?? "not sent" }
        compare("samples", samples, other.samples) { "\($0)" }
        for split in Set(data.keys).union(other.data.keys).sorted() {
            compare("data hash of \(split)", data[split], other.data[split]) { $0 ?? "absent" }
        }
        return out
    }
}
