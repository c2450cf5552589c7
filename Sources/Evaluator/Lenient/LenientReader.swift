// MARK: - Lenient

/// The lenient reading of model output: never used for PTBench's numbers.
///
/// A prediction the reference parses is left alone. Otherwise the answer is looked for after the
/// last `</think>` (never inside an unclosed think block), in the tool-call formats models are
/// trained on, in code fences (the last first), in JSON, and in `Platform:[...]` spans inside
/// prose (the last first). The first candidate that parses as a call list wins. The platform is
/// taken from where the model put it (a `platform` field or argument, a `Platform.function`
/// name, a `Platform: X` label, the key before the call list) and never invented: with none, the
/// reading says None.
public enum Lenient {
    /// The lenient reading of `text`, or nil when the reference already parses it in `format`.
    /// The reading's text is in PTBench's call format whatever `format` is.
    public static func read(_ text: String, format: PredictionParser.Format = .reference) -> LenientReading? {
        if case .success = PredictionParser.parse(text, format: format) { return nil }
        return recover(text).reading
    }

    /// The reading of a text the reference does not parse, with the parse of the reading's text
    /// when it succeeded (the scorer takes it rather than parsing that text again).
    static func recover(_ text: String) -> (reading: LenientReading, parsed: ParsedPrediction?) {
        var reader = LenientReader(text)
        return reader.read()
    }

    /// The text the lenient reading would parse (in PTBench's call format), or nil when the
    /// reference parses `text` in `format` as it is, or nothing was recovered.
    public static func extract(_ text: String, format: PredictionParser.Format = .reference) -> String? {
        guard let reading = read(text, format: format), let recovered = reading.text else { return nil }
        return format == .reference && recovered == text ? nil : recovered
    }
}

/// A candidate reading: the steps taken and the call text they give.
struct LenientCandidate {
    var steps: [LenientReading.Step]
    var text: String
}

/// Finds candidate call lists in a prediction's bytes.
struct LenientReader {
    let bytes: [UInt8]
    /// `Platform: X` labels in the answer region: the name and its range.
    var labels: [(name: String, range: Range<Int>)] = []

    init(_ text: String) { bytes = Array(text.utf8) }

    mutating func read() -> (reading: LenientReading, parsed: ParsedPrediction?) {
        var steps: [LenientReading.Step] = []
        var region = 0..<bytes.count
        if let close = lastRange(of: "</think>", in: region) ?? lastRange(of: "</thinking>", in: region) {
            steps.append(.init(.thinkBlock, 0..<close.upperBound, "\(close.upperBound) bytes of reasoning stripped"))
            region = close.upperBound..<bytes.count
        } else if let open = firstRange(of: "<think>", in: region) ?? firstRange(of: "<thinking>", in: region) {
            // Everything after an unclosed <think> is reasoning: a call there was only considered.
            let before = 0..<open.lowerBound
            steps.append(.init(.unclosedThink, open.lowerBound..<bytes.count, "no answer after the reasoning"))
            region = before
            if trimmed(region).isEmpty { return (LenientReading(steps: steps, text: nil), nil) }
        }
        labels = platformLabels(in: region)
        let candidates = self.candidates(in: region, fences: true)
        for good in candidates {
            if case .success(let parsed) = PredictionParser.parse(good.text) {
                return (LenientReading(steps: steps + good.steps, text: good.text), parsed)
            }
        }
        if let first = candidates.first { return (LenientReading(steps: steps + first.steps, text: first.text), nil) }
        let rest = text(trimmed(region))
        return (LenientReading(steps: steps, text: steps.isEmpty || rest.isEmpty ? nil : rest), nil)
    }

    // MARK: Candidates, in order of preference

    func candidates(in region: Range<Int>, fences: Bool) -> [LenientCandidate] {
        var out: [LenientCandidate] = []
        out += qwen(in: region)
        out += mistral(in: region)
        out += llama(in: region)
        out += gemini(in: region)
        if fences {
            for fence in self.fences(in: region).reversed() {
                let label = fence.language.isEmpty ? "" : " (\(fence.language))"
                let step = LenientReading.Step(
                    .fence, fence.whole, "kept bytes \(fence.inner.lowerBound)..<\(fence.inner.upperBound)\(label)")
                let body = text(trimmed(fence.inner))
                if !body.isEmpty { out.append(LenientCandidate(steps: [step], text: body)) }
                let inner = candidates(in: fence.inner, fences: false)
                out += inner.map { LenientCandidate(steps: [step] + $0.steps, text: $0.text) }
            }
        }
        out += json(in: region)
        out += spans(in: region)
        return out
    }

    // MARK: Tool-call formats

    /// Qwen / Hermes: `<tool_call>{...}</tool_call>`, one block per call.
    func qwen(in region: Range<Int>) -> [LenientCandidate] {
        var calls: [JSONCall] = []
        var covered: Range<Int>?
        var at = region.lowerBound
        while let open = firstRange(of: "<tool_call>", in: at..<region.upperBound) {
            let close = firstRange(of: "</tool_call>", in: open.upperBound..<region.upperBound)
            let inner = open.upperBound..<(close?.lowerBound ?? region.upperBound)
            guard let value = jsonValue(in: inner), let call = JSONCall(value.value) else { return [] }
            calls.append(call)
            let end = close?.upperBound ?? region.upperBound
            covered = (covered?.lowerBound ?? open.lowerBound)..<end
            at = end
        }
        guard let range = covered else { return [] }
        return [candidate(.qwenToolCall, range, calls)]
    }

    /// Mistral: `[TOOL_CALLS] [{...}, ...]` or `[TOOL_CALLS]name[ARGS]{...}`.
    func mistral(in region: Range<Int>) -> [LenientCandidate] {
        guard let tag = firstRange(of: "[TOOL_CALLS]", in: region) else { return [] }
        let after = tag.upperBound..<region.upperBound
        if let value = jsonValue(in: after), let list = value.value.arrayValue {
            let calls = list.compactMap(JSONCall.init)
            guard calls.count == list.count, !calls.isEmpty else { return [] }
            return [candidate(.mistralToolCalls, tag.lowerBound..<value.range.upperBound, calls)]
        }
        // The newer form: name[ARGS]{...}, repeated after further [TOOL_CALLS] tags.
        var calls: [JSONCall] = []
        var end = tag.upperBound
        var at = tag.lowerBound
        while let t = firstRange(of: "[TOOL_CALLS]", in: at..<region.upperBound),
            let args = firstRange(of: "[ARGS]", in: t.upperBound..<region.upperBound),
            let value = jsonValue(in: args.upperBound..<region.upperBound), let object = value.value.objectValue
        {
            let name = text(trimmed(t.upperBound..<args.lowerBound))
            guard !name.isEmpty else { return [] }
            calls.append(JSONCall(name: name, arguments: object.members, platform: nil))
            end = value.range.upperBound
            at = end
        }
        return calls.isEmpty ? [] : [candidate(.mistralToolCalls, tag.lowerBound..<end, calls)]
    }

    /// Llama 3: `<|python_tag|>` then JSON calls (`;` between them) or Python calls.
    func llama(in region: Range<Int>) -> [LenientCandidate] {
        guard let tag = firstRange(of: "<|python_tag|>", in: region) else { return [] }
        var end = region.upperBound
        for stop in ["<|eom_id|>", "<|eot_id|>", "<|python_tag|>"] {
            if let s = firstRange(of: stop, in: tag.upperBound..<end) { end = s.lowerBound }
        }
        let body = tag.upperBound..<end
        var calls: [JSONCall] = []
        var at = body.lowerBound
        while let value = jsonValue(in: at..<body.upperBound), let call = JSONCall(value.value) {
            calls.append(call)
            at = value.range.upperBound
            while at < body.upperBound, [UInt8(ascii: ";"), 0x20, 0x0A, 0x0D, 0x09].contains(bytes[at]) { at += 1 }
        }
        if !calls.isEmpty { return [candidate(.llamaPythonTag, tag.lowerBound..<end, calls)] }
        // Python calls: `f(a=1); g(b=2)` or one per line.
        let pieces = text(trimmed(body)).split(whereSeparator: { $0 == ";" || $0 == "\n" })
            .map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        guard !pieces.isEmpty else { return [] }
        return [pythonCandidate(.llamaPythonTag, tag.lowerBound..<end, pieces)]
    }

    /// Gemini: `print(default_api.f(...))`, in a `tool_code` fence or not.
    func gemini(in region: Range<Int>) -> [LenientCandidate] {
        var pieces: [String] = []
        var covered: Range<Int>?
        var at = region.lowerBound
        while let p = firstRange(of: "print(", in: at..<region.upperBound) {
            guard let close = matching(from: p.upperBound - 1, in: region) else { break }
            var inner = text(trimmed(p.upperBound..<close))
            at = close + 1
            guard inner.hasPrefix("default_api.") else { continue }
            inner.removeFirst("default_api.".count)
            pieces.append(inner)
            covered = (covered?.lowerBound ?? p.lowerBound)..<(close + 1)
        }
        guard let range = covered else { return [] }
        let inFence = firstRange(of: "```tool_code", in: region) != nil
        return [pythonCandidate(.geminiToolCode, range, pieces, note: inFence ? "from a tool_code fence" : "")]
    }

    /// JSON anywhere in the region: OpenAI `tool_calls`, PTBench's JSON format, a call list, one call.
    func json(in region: Range<Int>) -> [LenientCandidate] {
        var out: [LenientCandidate] = []
        var at = region.lowerBound
        var attempts = 0
        while at < region.upperBound, attempts < Self.maximumAttempts {
            attempts += 1
            guard
                let start = (at..<region.upperBound).first(where: {
                    bytes[$0] == UInt8(ascii: "{") || bytes[$0] == UInt8(ascii: "[")
                })
            else { break }
            guard let value = jsonValue(in: start..<region.upperBound) else {
                at = start + 1
                continue
            }
            if let c = translate(value.value, value.range) { out.append(c) }
            at = value.range.upperBound
        }
        return out
    }

    func translate(_ value: JSONValue, _ range: Range<Int>) -> LenientCandidate? {
        if let object = value.objectValue {
            if let list = object["tool_calls"]?.arrayValue {
                let calls = list.compactMap(JSONCall.init)
                guard calls.count == list.count, !calls.isEmpty else { return nil }
                return candidate(.openAIToolCalls, range, calls, outerPlatform: object["platform"]?.stringValue)
            }
            if let list = object["functions"]?.arrayValue {
                let calls = list.compactMap(JSONCall.init)
                guard calls.count == list.count else { return nil }
                return candidate(.ptbenchJSON, range, calls, outerPlatform: object["platform"]?.stringValue)
            }
            if let call = JSONCall(value) {
                return candidate(object["function"] != nil ? .openAIToolCalls : .jsonCallList, range, [call])
            }
            return nil
        }
        guard let list = value.arrayValue, !list.isEmpty else { return nil }
        let calls = list.compactMap(JSONCall.init)
        guard calls.count == list.count else { return nil }
        let openAI = list.allSatisfy { $0["function"] != nil }
        return candidate(openAI ? .openAIToolCalls : .jsonCallList, range, calls)
    }

    // MARK: Call spans in prose

    /// `Key:[...]` / `Key:f(...)` spans and bare `[f(...), ...]` lists, the last first.
    func spans(in region: Range<Int>) -> [LenientCandidate] {
        var out: [LenientCandidate] = []
        var k = region.lowerBound
        var attempts = 0
        while k < region.upperBound, attempts < Self.maximumAttempts {
            defer { k += 1 }
            guard bytes[k] == UInt8(ascii: "[") else { continue }
            attempts += 1
            guard let close = matching(from: k, in: region) else { continue }
            let list = text(k..<(close + 1))
            guard Self.looksLikeCalls(list) else { continue }
            var colon = k - 1
            while colon >= region.lowerBound, bytes[colon] == 0x20 || bytes[colon] == 0x09 { colon -= 1 }
            var steps: [LenientReading.Step] = []
            var start = k
            var platform: String?
            var label = false
            if colon >= region.lowerBound, bytes[colon] == UInt8(ascii: ":"), let key = key(before: colon, in: region) {
                start = key.range.lowerBound
                if Self.labelWords.contains(key.text.lowercased()) {
                    label = true
                } else {
                    platform = key.text
                    if !key.quoted, !Self.isIdentifier(key.text) {
                        steps.append(.init(.quotedPlatform, key.range, "\"\(key.text)\" kept whole"))
                    }
                }
            } else {
                label = true
            }
            var text = ""
            if let p = platform {
                text = (Self.isIdentifier(p) || p.first == "'" || p.first == "\"" ? p : PyRepr.string(p)) + ":" + list
            } else if label {
                let (key, labelSteps) = platformFromLabels(before: k)
                steps += labelSteps
                text = key + ":" + list
            }
            steps.insert(.init(.callSpan, start..<(close + 1), "kept bytes \(start)..<\(close + 1)"), at: 0)
            out.append(LenientCandidate(steps: steps, text: text))
        }
        return out.reversed()
    }

    /// Whether a bracketed text starts like a list of calls (`[name(` or `[a.b(`).
    static func looksLikeCalls(_ list: String) -> Bool {
        var s = Substring(list.dropFirst()).drop(while: { $0 == " " || $0 == "\n" || $0 == "\t" })
        guard let first = s.first, first.isLetter || first == "_" else { return false }
        s = s.drop(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." })
        return s.first == "("
    }

    /// The key before a colon: a quoted string, or the words of a platform (a run of capitalized
    /// words for several: `Uber Eats`), or a label (`Function calls`).
    func key(before colon: Int, in region: Range<Int>) -> (text: String, range: Range<Int>, quoted: Bool)? {
        var end = colon
        while end > region.lowerBound, bytes[end - 1] == 0x20 { end -= 1 }
        guard end > region.lowerBound else { return nil }
        let last = bytes[end - 1]
        if last == UInt8(ascii: "'") || last == UInt8(ascii: "\"") {
            var q = end - 2
            while q >= region.lowerBound, bytes[q] != last { q -= 1 }
            guard q >= region.lowerBound else { return nil }
            return (text(q..<end), q..<end, true)
        }
        // Words back to the line's start, stopping at punctuation other than `_ . & -`.
        var words: [Range<Int>] = []
        var k = end
        while k > region.lowerBound {
            var w = k
            while w > region.lowerBound, Self.isWordByte(bytes[w - 1]) { w -= 1 }
            guard w < k else { break }
            words.append(w..<k)
            k = w
            guard k > region.lowerBound, bytes[k - 1] == 0x20 else { break }
            k -= 1
        }
        guard let rightmost = words.first else { return nil }
        let wordTexts = words.map { text($0).trimming("*`") }
        // A label of two words (`Function calls`, `Tool calls`, `Final answer`).
        if wordTexts.count >= 2 {
            let two = "\(wordTexts[1]) \(wordTexts[0])".lowercased()
            if Self.labelWords.contains(two) { return (two, words[1].lowerBound..<rightmost.upperBound, false) }
        }
        let single = wordTexts[0]
        if Self.labelWords.contains(single.lowercased()) { return (single.lowercased(), rightmost, false) }
        if !Self.capitalized(single) {
            // `amazon:[...]` at a line's start names a platform; `the calls are: [...]` does not.
            return words.count == 1 ? (single, rightmost, false) : ("calls", rightmost, false)
        }
        var taken = 1
        while taken < words.count, Self.capitalized(wordTexts[taken]), !Self.labelWords.contains(wordTexts[taken].lowercased()) {
            taken += 1
        }
        let range = words[taken - 1].lowerBound..<rightmost.upperBound
        return (wordTexts[..<taken].reversed().joined(separator: " "), range, false)
    }

    static func capitalized(_ word: String) -> Bool {
        guard let c = word.unicodeScalars.first else { return false }
        return c.properties.isUppercase || ("0"..."9").contains(c)
            || !c.isASCII && c.properties.isAlphabetic && !c.properties.isLowercase
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: "&") || b == UInt8(ascii: "-")
            || b == UInt8(ascii: "*") || b == UInt8(ascii: "`")
    }

    /// At most this many brackets are tried as the start of JSON or of a call list, so that a
    /// long text full of brackets stays linear.
    static let maximumAttempts = 64

    /// Words that label a call list rather than name a platform.
    static let labelWords: Set<String> = [
        "calls", "call", "function calls", "function call", "functions", "function", "tool calls", "tool call", "tool_calls",
        "function_calls", "tools", "answer", "final answer", "output", "response", "result", "action", "actions",
        "api call", "api calls", "solution", "code", "python", "json", "here", "invocation", "invocations",
    ]

    // MARK: Platforms

    /// `Platform: X` (or `platform = X`) labels, each with its name and range.
    func platformLabels(in region: Range<Int>) -> [(name: String, range: Range<Int>)] {
        var out: [(String, Range<Int>)] = []
        var at = region.lowerBound
        while let found = firstRange(of: "platform", in: at..<region.upperBound, caseInsensitive: true) {
            at = found.upperBound
            // The word must stand alone ("platforms" or "the_platform_id" are not labels).
            if found.lowerBound > region.lowerBound, Self.isIdentifierByte(bytes[found.lowerBound - 1]) { continue }
            var k = found.upperBound
            while k < region.upperBound, bytes[k] == UInt8(ascii: "*") || bytes[k] == 0x20 { k += 1 }
            guard k < region.upperBound, bytes[k] == UInt8(ascii: ":") || bytes[k] == UInt8(ascii: "=") else { continue }
            k += 1
            var end = k
            while end < region.upperBound, bytes[end] != 0x0A, bytes[end] != UInt8(ascii: ","), bytes[end] != UInt8(ascii: ";"),
                bytes[end] != UInt8(ascii: "|"), bytes[end] != UInt8(ascii: "["), bytes[end] != UInt8(ascii: "(")
            {
                if bytes[end] == UInt8(ascii: "/"), end > k, bytes[end - 1] == 0x20 { break }
                end += 1
            }
            let name = text(k..<end).trimming(" \t\r*`'\".")
            if !name.isEmpty, name.count <= 60 { out.append((name, found.lowerBound..<end)) }
        }
        return out
    }

    /// The platform key for a call list with no platform of its own: the last label before it,
    /// else the first after it, else None.
    func platformFromLabels(before position: Int) -> (String, [LenientReading.Step]) {
        guard let label = labels.last(where: { $0.range.upperBound <= position }) ?? labels.first else {
            return ("None", [.init(.noPlatform, position..<position, "the model named no platform")])
        }
        var steps = [LenientReading.Step(.platformLabel, label.range, "platform \"\(label.name)\"")]
        if !Self.isIdentifier(label.name) { steps.append(.init(.quotedPlatform, label.range, "\"\(label.name)\" kept whole")) }
        return (Self.isIdentifier(label.name) ? label.name : PyRepr.string(label.name), steps)
    }

    // MARK: Building call text

    func candidate(
        _ rule: LenientReading.Rule, _ range: Range<Int>, _ calls: [JSONCall], outerPlatform: String? = nil
    ) -> LenientCandidate {
        var steps = [LenientReading.Step(rule, range, "\(calls.count) call\(calls.count == 1 ? "" : "s") translated")]
        let named = outerPlatform ?? calls.lazy.compactMap(\.platform).first
        let key: String
        if let p = named {
            key = Self.isIdentifier(p) ? p : PyRepr.string(p)
            steps.append(.init(.platformLabel, range, "platform \"\(p)\" from the model's own field"))
        } else {
            let (labelKey, labelSteps) = platformFromLabels(before: range.lowerBound)
            key = labelKey
            steps += labelSteps
        }
        return LenientCandidate(steps: steps, text: key + ":[" + calls.map(\.python).joined(separator: ", ") + "]")
    }

    func pythonCandidate(_ rule: LenientReading.Rule, _ range: Range<Int>, _ calls: [String], note: String = "")
        -> LenientCandidate
    {
        let counted = "\(calls.count) call\(calls.count == 1 ? "" : "s")"
        var steps = [LenientReading.Step(rule, range, note.isEmpty ? counted : "\(counted) \(note)")]
        let (key, labelSteps) = platformFromLabels(before: range.lowerBound)
        steps += labelSteps
        return LenientCandidate(steps: steps, text: key + ":[" + calls.joined(separator: ", ") + "]")
    }

    // MARK: Bytes

    func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }

    func trimmed(_ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound
        var hi = r.upperBound
        while lo < hi, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[lo]) { lo += 1 }
        while hi > lo, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    func firstRange(of needle: String, in r: Range<Int>, caseInsensitive: Bool = false) -> Range<Int>? {
        let n = Array(needle.utf8)
        guard !n.isEmpty, r.count >= n.count else { return nil }
        var k = r.lowerBound
        while k + n.count <= r.upperBound {
            var hit = true
            for j in 0..<n.count {
                let b = bytes[k + j]
                if b != n[j], !(caseInsensitive && Self.lower(b) == Self.lower(n[j])) {
                    hit = false
                    break
                }
            }
            if hit { return k..<(k + n.count) }
            k += 1
        }
        return nil
    }

    func lastRange(of needle: String, in r: Range<Int>) -> Range<Int>? {
        var found: Range<Int>?
        var at = r.lowerBound
        while let f = firstRange(of: needle, in: at..<r.upperBound) {
            found = f
            at = f.upperBound
        }
        return found
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

    static func isIdentifierByte(_ b: UInt8) -> Bool {
        b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
    }

    /// A name Python 3.11 reads as a bare identifier (its XID tables, not Swift's newer ones; not
    /// a keyword, as the tokenizer matches them).
    static func isIdentifier(_ s: String) -> Bool {
        let scalars = s.unicodeScalars
        guard let first = scalars.first, first == "_" || PythonUnicode.isXIDStart(first) else { return false }
        guard scalars.dropFirst().allSatisfy(PythonUnicode.isXIDContinue) else { return false }
        return PyKeyword.of(scalars) == nil
    }

    /// The index of the bracket closing the one at `open` (`(`, `[` or `{`), skipping quoted text.
    func matching(from open: Int, in region: Range<Int>) -> Int? {
        var depth = 0
        var quote: UInt8?
        var k = open
        while k < region.upperBound {
            let c = bytes[k]
            if let q = quote {
                if c == UInt8(ascii: "\\") {
                    k += 2
                    continue
                }
                if c == q { quote = nil }
            } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                quote = c
            } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "(") || c == UInt8(ascii: "{") {
                depth += 1
            } else if c == UInt8(ascii: "]") || c == UInt8(ascii: ")") || c == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return k }
            }
            k += 1
        }
        return nil
    }

    /// The JSON object or array starting at the first `{` or `[` of `r` (after blanks only).
    func jsonValue(in r: Range<Int>) -> (value: JSONValue, range: Range<Int>)? {
        let t = trimmed(r)
        guard let start = t.first, bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") else { return nil }
        guard let close = matching(from: start, in: t) else { return nil }
        guard let value = try? JSONReader.parse(Array(bytes[start...close])) else { return nil }
        return (value, start..<(close + 1))
    }

    // MARK: Fences

    struct Fence {
        var whole: Range<Int>
        var inner: Range<Int>
        var language: String
    }

    /// Markdown fences in the region; an unclosed last fence runs to the region's end.
    func fences(in region: Range<Int>) -> [Fence] {
        var out: [Fence] = []
        var at = region.lowerBound
        while let open = firstRange(of: "```", in: at..<region.upperBound) {
            var lineEnd = open.upperBound
            while lineEnd < region.upperBound, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let language = text(open.upperBound..<lineEnd).trimming(" \t\r")
            let innerStart = min(lineEnd + 1, region.upperBound)
            let close = firstRange(of: "```", in: innerStart..<region.upperBound)
            let inner = innerStart..<(close?.lowerBound ?? region.upperBound)
            let whole = open.lowerBound..<(close?.upperBound ?? region.upperBound)
            // A language tag that is really the start of the content (```Amazon:[...]```).
            if language.contains("(") || language.contains("[") {
                out.append(Fence(whole: whole, inner: open.upperBound..<inner.upperBound, language: ""))
            } else {
                out.append(Fence(whole: whole, inner: inner, language: language))
            }
            at = whole.upperBound
        }
        return out
    }
}

// MARK: - JSONCall

/// One call in a JSON tool-call format, with the platform if the model put one in it.
struct JSONCall {
    var name: String
    var arguments: [(key: String, value: JSONValue)]
    var platform: String?

    init(name: String, arguments: [(key: String, value: JSONValue)], platform: String?) {
        var name = name
        var platform = platform
        var arguments = arguments
        // Namespaces that are not platforms.
        for prefix in ["default_api.", "functions.", "tools.", "api."] where name.hasPrefix(prefix) {
            name.removeFirst(prefix.count)
        }
        // `Amazon.search_products`: the platform is where the model put it.
        if let dot = name.lastIndex(of: "."), platform == nil {
            platform = String(name[..<dot])
            name = String(name[name.index(after: dot)...])
        }
        if platform == nil, let k = arguments.lastIndex(where: { $0.key == "platform" }), let p = arguments[k].value.stringValue {
            platform = p
            arguments.remove(at: k)
        }
        self.name = name
        self.arguments = arguments
        self.platform = platform
    }

    /// `{"name", "arguments"|"parameters"|"args"}`, `{"function": {...}}` (OpenAI), with the
    /// arguments an object or a JSON string holding one.
    init?(_ value: JSONValue) {
        guard let object = value.objectValue else { return nil }
        if let function = object["function"], function.objectValue != nil {
            guard let inner = JSONCall(function) else { return nil }
            self.init(name: inner.name, arguments: inner.arguments, platform: inner.platform ?? object["platform"]?.stringValue)
            return
        }
        guard let name = object["name"]?.stringValue, !name.isEmpty else { return nil }
        var args: [(key: String, value: JSONValue)] = []
        if let raw = object["arguments"] ?? object["parameters"] ?? object["args"] {
            if let o = raw.objectValue {
                args = o.pythonMembers
            } else if let s = raw.stringValue, let parsed = try? JSONReader.parse(s), let o = parsed.objectValue {
                args = o.pythonMembers
            } else if case .null = raw {
                args = []
            } else {
                return nil
            }
        }
        self.init(name: name, arguments: args, platform: object["platform"]?.stringValue)
    }

    /// The call in Python: `name(key=value, ...)`, values as Python literals.
    var python: String {
        name + "(" + arguments.map { "\($0.key)=\(Self.literal($0.value))" }.joined(separator: ", ") + ")"
    }

    static func literal(_ v: JSONValue) -> String {
        switch v {
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .number(let n): return n.text
        case .array(let a): return "[" + a.map(literal).joined(separator: ", ") + "]"
        case .object(let o):
            return "{" + o.members.map { PyRepr.string($0.key) + ": " + literal($0.value) }.joined(separator: ", ") + "}"
        default: return v.stringValue.map(PyRepr.string) ?? "None"
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(
            self.drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed().drop(while: {
                $0 == " " || $0 == "\t" || $0 == "\r"
            }).reversed())
    }
}

extension String {
    fileprivate func trimming(_ set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s.removeFirst() }
        while let l = s.last, chars.contains(l) { s.removeLast() }
        return String(s)
    }
}
