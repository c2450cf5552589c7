import ArgumentParser
import Evaluator
import Foundation

// MARK: - The explorer's endpoint options (`A`, issue 14)

/// `--base-url` and the options of `ptscope run` that shape a request: with them, `A` in the
/// explorer asks that endpoint again for the selected case, as `ptscope run` would have.
struct ReaskOptions: ParsableArguments {
    @Option(
        name: .customLong("base-url"),
        help: "An OpenAI-compatible endpoint up to /v1: A asks it again for the selected case (with --model NAME).")
    var baseURL: String?

    @Option(
        help: ArgumentHelp(
            "With --base-url: send a chat template's prompt string to /completions (as ptscope run).",
            discussion: "One of \(Prompts.templates.joined(separator: ", ")).", valueName: "name"))
    var template: String?

    @Flag(name: .customLong("fix-template-quirks"), help: "With --base-url and --template: as ptscope run.")
    var fixTemplateQuirks = false

    @Option(help: "With --base-url: the sampling temperature (as ptscope run).")
    var temperature: Double?

    @Option(name: .customLong("max-tokens"), help: "With --base-url: at most this many new tokens (as ptscope run).")
    var maxTokens: Int?

    @Option(help: "With --base-url: seconds one request may take.")
    var timeout: Double = 300

    @Option(
        name: .customLong("api-key-env"),
        help: "The environment variable holding the endpoint's key (default OPENAI_API_KEY; never written anywhere).")
    var apiKeyEnv: String?

    @Flag(help: "With --base-url: do not verify the server's TLS certificate.")
    var insecure = false

    @Option(
        name: .customLong("header"),
        help: "An extra header K:V (repeatable) for A: with --base-url, or for the endpoints runs' run.json name.")
    var headers: [String] = []

    /// Checks the options as `ptscope run` does; `model` is `--model`.
    func check(model: String?) throws {
        guard let baseURL else {
            let stray = [
                template != nil ? "--template" : nil, fixTemplateQuirks ? "--fix-template-quirks" : nil,
                temperature != nil ? "--temperature" : nil, maxTokens != nil ? "--max-tokens" : nil,
                insecure ? "--insecure" : nil,
            ].compactMap { $0 }
            if let first = stray.first { throw ValidationError("\(first) applies with --base-url URL --model NAME") }
            // Without --base-url the headers go to the endpoints the runs' run.json name.
            for h in headers { _ = try RunCommand.header(h) }
            return
        }
        guard model != nil else { throw ValidationError("--base-url needs --model NAME (the model A asks)") }
        try RunCommand.checkRequest(
            baseURL: baseURL, template: template, fixTemplateQuirks: fixTemplateQuirks, temperature: temperature,
            maxTokens: maxTokens, timeout: timeout, headers: headers)
    }
}
