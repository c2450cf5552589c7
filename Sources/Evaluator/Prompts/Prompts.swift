// MARK: - Results

/// One message of the chat PTBench's API runner sends.
public struct PromptMessage: Sendable, Equatable {
    /// `system` or `user`.
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

/// The prompt string one of PTBench's open-source chat templates builds for a case.
public struct PromptRendering: Sendable, Equatable {
    /// The template's name, as PTBench's `config.yaml` `template:` names it.
    public var name: String
    /// The exact string handed to vLLM.
    public var text: String
    /// One sentence per quirk of the reference reproduced in `text` (or affecting the run), and per
    /// problem with the case's fields.
    public var notes: [String]

    public init(name: String, text: String, notes: [String]) {
        self.name = name
        self.text = text
        self.notes = notes
    }
}

// MARK: - Prompts

/// The exact text PTBench sends to a model for one case.
///
/// The API runner (`src/predict_api.py`) sends a system message (the instruction with the user's
/// profile, the platforms and the tools) and a user message (the query). The open-source runner
/// (`src/predict_oss.py`) builds one string with a chat template of `src/template.py`. Field values
/// are inserted as Python's `str()` prints them: a string as itself, anything else as its `repr`
/// (`{'name': 'Zoë', 'vip': True, 'note': None}`), not as JSON. A lone surrogate (`"\ud800"`), which
/// no text sent to a model can hold, is shown as its escape (`\ud800`; `'\ud800'` in a repr), and
/// printability follows Python 3.11's Unicode (14.0), as everywhere in the Evaluator.
public enum Prompts {
    /// The chat templates `src/template.py` registers, in its order.
    public static let templates = ["qwen", "llama3", "mistral", "deepseek3", "hammer", "xlam"]

    /// The answer format the prompts ask for (`format` in `src/template.py` and `src/predict_api.py`).
    public static let responseFormat = "platform:[func1(param1_name = param1_value, param2...), func2...]"

    /// The messages `src/predict_api.py` sends for `case` (the whole case object).
    public static func api(case json: JSONValue) -> [PromptMessage] {
        let f = Fields(json)
        return [
            PromptMessage(role: "system", content: instruction(f)),
            PromptMessage(role: "user", content: f.query),
        ]
    }

    /// Problems with the case's fields that make the reference fail or send something odd (one
    /// sentence each; empty for a well-formed case). `render` includes them in its notes.
    public static func problems(case json: JSONValue) -> [String] {
        Fields(json).problems
    }

    /// The sampling `src/predict_oss.py` uses with every template: temperature 0.1, at most 128
    /// new tokens (and no stop words, see ``stopWords(template:fixQuirks:)``).
    public static let templateTemperature = 0.1
    public static let templateMaxTokens = 128

    /// The stop words sent with template `name`'s prompts: none as the reference sends them (its
    /// `register_template` puts them in the wrong field); with `fixQuirks`, the ones the template
    /// registers, except mistral's literal `"eos_token"` (the server stops at the real EOS anyway).
    public static func stopWords(template name: String, fixQuirks: Bool) -> [String]? {
        guard fixQuirks else { return nil }
        switch name {
        case "qwen", "hammer": return ["<|im_end|>"]
        case "llama3": return ["<|eot_id|>"]
        case "deepseek3": return ["<｜end▁of▁sentence｜>"]
        case "xlam": return ["[END OF SOLUTION]"]
        default: return nil
        }
    }

    /// The prompt string template `name` builds for `case` (the whole case object), or nil for a
    /// name `src/template.py` does not register. With `fixQuirks` the text is what the template
    /// evidently means instead: each note then says what was changed.
    public static func render(template name: String, case json: JSONValue, fixQuirks: Bool = false)
        -> PromptRendering?
    {
        if fixQuirks { return renderFixed(template: name, case: json) }
        let f = Fields(json)
        var notes: [String]
        let text: String
        switch name {
        case "qwen":
            text =
                "<|im_start|>system\n" + instruction(f) + "<|im_end|>\n" + "<|im_start|>user\n" + f.query
                + "<|im_end|>\n" + "<|im_start|>assistant"
            notes = [
                "The prompt ends with `<|im_start|>assistant` without the newline Qwen's own chat template puts "
                    + "after it (src/template.py:50)."
            ]
        case "llama3":
            text =
                "<|start_header_id|>system<|end_header_id|>\n\n" + instruction(f) + "<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\n" + f.query + "<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n"
            notes = [
                "The text has no `<|begin_of_text|>`: the model gets one only if the tokenizer adds BOS, as vLLM "
                    + "does by default (src/template.py:57)."
            ]
        case "mistral":
            text = instruction(f) + "\n\n" + "[INST] " + f.query + "[/INST]" + " "
            notes = [
                "The system prompt stands before `[INST]` instead of inside the first user turn, and the prompt "
                    + "ends with a space after `[/INST]` (src/template.py:66-68)."
            ]
        case "deepseek3":
            // `"<｜User｜>{{content}}".format(content=...)` is the literal `<｜User｜>{content}`.
            text = "<｜begin▁of▁sentence｜>" + "<｜User｜>{content}" + f.query + "<｜Assistant｜><think>\n"
            notes = [
                unboundNote("deepseek3_return_prompt", lines: "73-74"),
                "`{{content}}` in user_format formats to a literal `{content}`, so the instruction with profile, "
                    + "platforms and tools is never sent: the model sees `{content}` and the query "
                    + "(src/template.py:74, 79).",
                "The prompt opens a `<think>` block while predict_oss.py allows 128 new tokens, so an answer may be "
                    + "cut off inside the reasoning and never has the opening tag (src/template.py:80, "
                    + "src/predict_oss.py:35).",
            ]
            if f.queryIsNotString {
                notes.append("The query is not a string: `+ query` raises TypeError (src/template.py:74).")
            }
        case "hammer":
            text =
                "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n" + "<|im_start|>user\n"
                + toolBlocks(f) + "<|im_end|>" + "<|im_start|>user\n" + f.query + "<im_end>\n"
                + "<|im_start|>assistant\n"
            notes = [
                unboundNote("hammer_return_prompt", lines: "86-91"),
                "The instruction turn's `<|im_end|>` is followed by `<|im_start|>` with no newline "
                    + "(src/template.py:96).",
                "The query is a second user turn closed by `<im_end>`, which is not the `<|im_end|>` special token "
                    + "(src/template.py:90).",
            ]
        case "xlam":
            text =
                toolBlocks(f) + "[BEGIN OF QUERY]\n" + f.query + "\n[END OF QUERY]\n\n"
                + "[BEGIN OF SOLUTION]\n"
            notes = [
                unboundNote("xlam_return_prompt", lines: "103-106"),
                "The prompt is plain text without any chat-template special tokens or roles "
                    + "(src/template.py:106-113).",
            ]
        default:
            return nil
        }
        notes.append(
            "No stop words are used: register_template passes them positionally into Template's "
                + "formatting_format field, so return_stop_words() gives None and vLLM gets stop=None "
                + "(src/template.py:38, src/predict_oss.py:33-35).")
        return PromptRendering(name: name, text: text, notes: notes + f.problems)
    }

    /// The template's text with the reference's quirks fixed (`ptscope run --fix-template-quirks`).
    static func renderFixed(template name: String, case json: JSONValue) -> PromptRendering? {
        let f = Fields(json)
        let text: String
        let notes: [String]
        switch name {
        case "qwen":
            text =
                "<|im_start|>system\n" + instruction(f) + "<|im_end|>\n" + "<|im_start|>user\n" + f.query
                + "<|im_end|>\n" + "<|im_start|>assistant\n"
            notes = ["Fixed: the prompt ends with `<|im_start|>assistant` and a newline, as Qwen's chat template."]
        case "llama3":
            text =
                "<|start_header_id|>system<|end_header_id|>\n\n" + instruction(f) + "<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\n" + f.query + "<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n"
            notes = ["Unchanged text: `<|begin_of_text|>` is left to the server's tokenizer, which adds BOS."]
        case "mistral":
            text = "[INST] " + instruction(f) + "\n\n" + f.query + "[/INST]"
            notes = [
                "Fixed: the system prompt is inside the first `[INST]` turn, as Mistral's chat template puts it, "
                    + "with no space after `[/INST]`."
            ]
        case "deepseek3":
            text =
                "<｜begin▁of▁sentence｜>" + "<｜User｜>" + instruction(f) + "\n\n" + f.query
                + "<｜Assistant｜><think>\n"
            notes = ["Fixed: the user turn holds the instruction (with profile, platforms and tools), then the query."]
        case "hammer":
            text =
                "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n" + "<|im_start|>user\n"
                + toolBlocks(f) + "<|im_end|>\n" + "<|im_start|>user\n" + f.query + "<|im_end|>\n"
                + "<|im_start|>assistant\n"
            notes = ["Fixed: each turn ends with `<|im_end|>` and a newline (the query's turn had `<im_end>`)."]
        case "xlam":
            text =
                toolBlocks(f) + "[BEGIN OF QUERY]\n" + f.query + "\n[END OF QUERY]\n\n" + "[BEGIN OF SOLUTION]\n"
            notes = ["Unchanged text: xlam's prompt is plain text by design."]
        default:
            return nil
        }
        let stops = stopWords(template: name, fixQuirks: true)
        let stopNote =
            stops.map { "Fixed: the template's stop words are sent (\($0.joined(separator: ", ")))." }
            ?? "No stop words: the server stops at the model's end-of-sequence token."
        return PromptRendering(name: name, text: text, notes: notes + [stopNote] + f.problems)
    }

    /// Every template's rendering of `case`, in ``templates`` order.
    public static func renderAll(case json: JSONValue) -> [PromptRendering] {
        templates.compactMap { render(template: $0, case: json) }
    }

    // MARK: Texts

    /// `prompt.format(...)`: the API system message and the system part of qwen, llama3, mistral.
    static func instruction(_ f: Fields) -> String {
        "You are given a user profile:" + f.profile + ". \n" + "Here is some platforms:" + f.platforms + ". \n"
            + "Here is some apis under the platforms:" + f.tools + ".\n" + taskBody
            + "You should respond in the format of " + responseFormat + " No other text MUST be included."
    }

    /// The fixed middle of the instruction (ends with a space and a newline).
    static let taskBody =
        "The user will give you a query. Based on the profile, try to solve the query by using the platforms and "
        + "apis. The platform you choose should fit the user profile or the needs of the user's query. All the "
        + "necessary information are provided in the user profile. DO NOT ask the user for further information. \n"

    /// hammer's and xlam's task, tools and format blocks (`TASK_INSTRUCTION` has no tools and ends
    /// with a newline, hence the blank line before its end marker).
    static func toolBlocks(_ f: Fields) -> String {
        let taskInstruction =
            "You are given a user profile:" + f.profile + ". \n" + "Here is some platforms:" + f.platforms + ". \n"
            + taskBody
        return "[BEGIN OF TASK INSTRUCTION]\n" + taskInstruction + "\n[END OF TASK INSTRUCTION]\n\n"
            + "[BEGIN OF AVAILABLE TOOLS]\n" + f.tools + "\n[END OF AVAILABLE TOOLS]\n\n"
            + "[BEGIN OF FORMAT INSTRUCTION]\n" + "You should respond in the format of " + responseFormat
            + " No other text MUST be included." + "\n[END OF FORMAT INSTRUCTION]\n\n"
    }

    static func unboundNote(_ function: String, lines: String) -> String {
        "predict_oss.py calls return_prompt(profile=, platforms=, tools=, query=), but \(function) is stored "
            + "on the instance unbound and needs `format` too, so the reference raises TypeError; this is the "
            + "text it returns given the template and the module's format (src/predict_oss.py:29-31, "
            + "src/template.py:39-40, \(lines))."
    }

    // MARK: Fields

    /// The four fields the prompts use, as Python's `str()` prints them.
    struct Fields {
        var profile = ""
        var platforms = ""
        var tools = ""
        var query = ""
        var queryIsNotString = false
        var problems: [String] = []

        init(_ json: JSONValue) {
            func field(_ key: String) -> String {
                guard let value = json[key] else {
                    problems.append("The case has no `\(key)`: the reference raises KeyError; it is left empty here.")
                    return ""
                }
                return Prompts.pythonStr(value)
            }
            profile = field("user_profile")
            platforms = field("platforms")
            tools = field("tools")
            query = field("query")
            if let q = json["query"], q.stringValue == nil {
                queryIsNotString = true
                problems.append(
                    "The query is \(q.kindDescription), not a string: it is shown as Python prints it, and the API "
                        + "runner would send it as a JSON value.")
            }
        }
    }

    // MARK: Python str()

    /// Python's `str()` of the value `json.load` gives for `value`: a string as itself, anything
    /// else as its `repr`.
    public static func pythonStr(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s.escaped }
        var out = ""
        appendRepr(value, to: &out)
        return out
    }

    /// Python's `repr()` of the value `json.load` gives for `value`.
    public static func pythonRepr(_ value: JSONValue) -> String {
        var out = ""
        appendRepr(value, to: &out)
        return out
    }

    static func appendRepr(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "None"
        case .bool(let b): out += b ? "True" : "False"
        case .number(let n):
            if n.isInteger, let i = PyInt(decimal: n.text) {
                out += i.description
            } else if let digits = value.overlongIntegerDigits {
                // Python's json refuses it (PTBench could not have built this prompt).
                out += "<int of \(digits) digits, more than Python's json reads>"
            } else {
                out += PyRepr.float(n.doubleValue)
            }
        case .string(let s): out += PyRepr.string(s)
        case .array(let items):
            out += "["
            for (k, item) in items.enumerated() {
                if k > 0 { out += ", " }
                appendRepr(item, to: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (k, member) in object.pythonMembers.enumerated() {
                if k > 0 { out += ", " }
                out += PyRepr.string(member.key)
                out += ": "
                appendRepr(member.value, to: &out)
            }
            out += "}"
        }
    }
}
