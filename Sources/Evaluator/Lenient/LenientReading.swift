// MARK: - LenientReading

/// What the lenient reading did to one prediction: the steps (each a rule and the bytes it
/// touched) and the text in PTBench's call format that it hands to the parser.
///
/// The lenient reading never changes PTBench's numbers. It answers how many format failures
/// are right answers in another wrapper: `<think>` blocks, Markdown fences, the tool-call
/// formats models are trained on, prose around the call list.
public struct LenientReading: Sendable, Equatable {
    /// One recovery rule.
    public enum Rule: String, Sendable, CaseIterable, Codable {
        /// A `<think>…</think>` block (the answer is what follows its last close).
        case thinkBlock = "think_block"
        /// `<think>` without its close: everything after it is thinking, never an answer.
        case unclosedThink = "unclosed_think"
        /// The inside of a Markdown code fence (the last one that holds a call list).
        case fence
        /// OpenAI's `tool_calls` JSON (`{"function": {"name", "arguments"}}`).
        case openAIToolCalls = "openai_tool_calls"
        /// Qwen's (Hermes') `<tool_call>{"name", "arguments"}</tool_call>` blocks.
        case qwenToolCall = "qwen_tool_call"
        /// Mistral's `[TOOL_CALLS] [{"name", "arguments"}]` (or `name[ARGS]{...}`).
        case mistralToolCalls = "mistral_tool_calls"
        /// Llama 3's `<|python_tag|>` followed by JSON calls or Python calls.
        case llamaPythonTag = "llama_python_tag"
        /// A JSON list of `{"name", "arguments"|"parameters"}` (xLAM, Hammer) or one such object.
        case jsonCallList = "json_call_list"
        /// Gemini's `print(default_api.f(...))`, in a `tool_code` fence or not.
        case geminiToolCode = "gemini_tool_code"
        /// PTBench's own JSON format `{"platform", "functions": [{"name", "parameters"}]}`.
        case ptbenchJSON = "ptbench_json"
        /// A `Platform:[call(...)]` span inside prose.
        case callSpan = "call_span"
        /// The platform taken from a `Platform: X` label (never from the word before `calls:`).
        case platformLabel = "platform_label"
        /// A platform of several words (`Uber Eats`) written as a string key, kept whole.
        case quotedPlatform = "quoted_platform"
        /// The model named no platform: the reading says None, it never invents one.
        case noPlatform = "no_platform"

        /// A short description for the case pane and the dashboard.
        public var title: String {
            switch self {
            case .thinkBlock: "think block stripped"
            case .unclosedThink: "unclosed think block: nothing after <think> is an answer"
            case .fence: "inside a code fence"
            case .openAIToolCalls: "OpenAI tool_calls JSON"
            case .qwenToolCall: "Qwen <tool_call> blocks"
            case .mistralToolCalls: "Mistral [TOOL_CALLS]"
            case .llamaPythonTag: "Llama <|python_tag|>"
            case .jsonCallList: "JSON call list (xLAM, Hammer)"
            case .geminiToolCode: "Gemini print(default_api.…)"
            case .ptbenchJSON: "PTBench's JSON format"
            case .callSpan: "call list inside prose"
            case .platformLabel: "platform from a Platform: label"
            case .quotedPlatform: "multi-word platform quoted"
            case .noPlatform: "no platform given (None, not invented)"
            }
        }

        /// Whether the rule recovers the calls themselves (one per reading; the dashboard counts
        /// cases by it), as opposed to stripping around them or naming the platform.
        public var recoversCalls: Bool {
            switch self {
            case .openAIToolCalls, .qwenToolCall, .mistralToolCalls, .llamaPythonTag, .jsonCallList, .geminiToolCode,
                .ptbenchJSON, .callSpan:
                true
            case .thinkBlock, .unclosedThink, .fence, .platformLabel, .quotedPlatform, .noPlatform: false
            }
        }
    }

    /// One thing the reading did: the rule and the bytes (UTF-8 offsets into the prediction) it
    /// stripped, kept or translated.
    public struct Step: Sendable, Equatable {
        /// The rule applied.
        public var rule: Rule
        /// The UTF-8 byte range of the original prediction the rule applies to.
        public var range: Range<Int>
        /// What was done, in a few words (the platform taken, what was stripped...).
        public var note: String

        /// A step of `rule` over `range`.
        public init(_ rule: Rule, _ range: Range<Int>, _ note: String = "") {
            self.rule = rule
            self.range = range
            self.note = note
        }
    }

    /// The steps, in the order they were taken.
    public var steps: [Step]
    /// The text in PTBench's call format handed to the parser; nil when nothing could be
    /// recovered (an unclosed think block, no call list anywhere).
    public var text: String?

    /// A reading of `steps` giving `text`.
    public init(steps: [Step], text: String?) {
        self.steps = steps
        self.text = text
    }

    /// The rule that recovered the calls (what the dashboard counts cases by): the call-format
    /// rule if any, else the last thing stripped (a fence inside which the call list stood).
    public var rule: Rule? {
        steps.first(where: { $0.rule.recoversCalls })?.rule ?? steps.last?.rule
    }

    /// The rules applied, in order, as one line ("think_block, fence, call_span").
    public var rulesDescription: String { steps.map(\.rule.rawValue).joined(separator: ", ") }
}
