import Evaluator
import Testing

/// The lenient reading: one test per recovery rule and per "never invent" rule, each with the
/// text it must hand to the parser and the rules it must name.
@Suite("Lenient reading")
struct LenientTests {
    /// Reads `raw` and checks the recovered text, the rules and that the text parses.
    func expectReading(
        _ raw: String, gives text: String?, rules: [LenientReading.Rule],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let reading = Lenient.read(raw) else {
            Issue.record("no lenient reading of \(raw)", sourceLocation: sourceLocation)
            return
        }
        #expect(reading.text == text, sourceLocation: sourceLocation)
        #expect(reading.steps.map(\.rule) == rules, sourceLocation: sourceLocation)
        let utf8 = raw.utf8.count
        for step in reading.steps {
            #expect(
                step.range.lowerBound >= 0 && step.range.upperBound <= utf8, "\(step) out of the text",
                sourceLocation: sourceLocation)
        }
        if let text {
            guard case .success = PredictionParser.parse(text) else {
                Issue.record("the reading does not parse: \(text)", sourceLocation: sourceLocation)
                return
            }
        }
    }

    func bytes(_ s: String, _ sub: String) -> Range<Int> {
        let r = s.range(of: sub)!
        return s.utf8.distance(from: s.startIndex, to: r.lowerBound)..<s.utf8.distance(from: s.startIndex, to: r.upperBound)
    }

    @Test func aPredictionTheReferenceParsesIsLeftAlone() {
        #expect(Lenient.read("Amazon:[search(q='x')]") == nil)
        #expect(Lenient.extract("Amazon:[search(q='x')]") == nil)
    }

    // MARK: Stripping

    @Test func theAnswerAfterTheThinkBlock() {
        let raw = "<think>Maybe Walmart:[search(q='y')]? No.</think>\nAmazon:[search(q='x')]"
        expectReading(raw, gives: "Amazon:[search(q='x')]", rules: [.thinkBlock, .callSpan])
        let think = Lenient.read(raw)!.steps[0]
        #expect(think.range == 0..<bytes(raw, "</think>").upperBound)
    }

    @Test func neverACallInsideAnUnclosedThinkBlock() {
        expectReading("<think>I will call Amazon:[search(q='x')] now", gives: nil, rules: [.unclosedThink])
    }

    @Test func theLastFenceWhenAPlanFenceComesFirst() {
        let raw = """
            Plan:
            ```
            1. search
            2. buy
            ```
            Answer:
            ```python
            Amazon:[search(q='x')]
            ```
            """
        expectReading(raw, gives: "Amazon:[search(q='x')]", rules: [.fence])
        let fence = Lenient.read(raw)!.steps[0]
        #expect(fence.range == bytes(raw, "```python\nAmazon:[search(q='x')]\n```"))
    }

    @Test func proseAroundTheCallList() {
        let raw = "Sure! I will use Amazon:[search(q='x')] to find it."
        expectReading(raw, gives: "Amazon:[search(q='x')]", rules: [.callSpan])
        #expect(Lenient.read(raw)!.steps[0].range == bytes(raw, "Amazon:[search(q='x')]"))
    }

    @Test func theSpanThatParsesWins() {
        // The first bracketed list is not valid Python; the second is.
        let raw = "Amazon:[search(q='x' +)]\nAmazon:[search(q='x')]"
        expectReading(raw, gives: "Amazon:[search(q='x')]", rules: [.callSpan])
    }

    // MARK: Tool-call formats

    @Test func openAIToolCalls() {
        let raw = #"""
            {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
             "function": {"name": "Amazon.search", "arguments": "{\"q\": \"x\", \"n\": 2, \"fast\": true}"}}]}
            """#
        expectReading(raw, gives: "Amazon:[search(q='x', n=2, fast=True)]", rules: [.openAIToolCalls, .platformLabel])
    }

    @Test func qwenToolCallBlocks() {
        let raw = """
            <tool_call>
            {"name": "search", "arguments": {"q": "x", "platform": "Amazon"}}
            </tool_call>
            <tool_call>
            {"name": "buy", "arguments": {"id": 7}}
            </tool_call>
            """
        expectReading(raw, gives: "Amazon:[search(q='x'), buy(id=7)]", rules: [.qwenToolCall, .platformLabel])
    }

    @Test func mistralToolCalls() {
        expectReading(
            #"[TOOL_CALLS] [{"name": "search", "arguments": {"q": "x"}}]"#, gives: "None:[search(q='x')]",
            rules: [.mistralToolCalls, .noPlatform])
        expectReading(
            #"Platform: Amazon [TOOL_CALLS]search[ARGS]{"q": "x"}"#, gives: "Amazon:[search(q='x')]",
            rules: [.mistralToolCalls, .platformLabel])
    }

    @Test func llamaPythonTag() {
        expectReading(
            #"<|python_tag|>{"name": "search", "parameters": {"q": "x", "platform": "Amazon"}}<|eom_id|>"#,
            gives: "Amazon:[search(q='x')]", rules: [.llamaPythonTag, .platformLabel])
        expectReading(
            "Platform: Amazon\n<|python_tag|>search(q='x'); buy(id=7)<|eot_id|>", gives: "Amazon:[search(q='x'), buy(id=7)]",
            rules: [.llamaPythonTag, .platformLabel])
    }

    @Test func xLAMAndHammerJSONLists() {
        let raw = #"```json\#n[{"name": "search", "arguments": {"q": "x"}}, {"name": "buy", "arguments": {"id": 7}}]\#n```"#
        expectReading(
            "Platform: Amazon\n" + raw, gives: "Amazon:[search(q='x'), buy(id=7)]",
            rules: [.fence, .jsonCallList, .platformLabel])
    }

    @Test func geminiToolCode() {
        let raw = "```tool_code\nprint(default_api.search(q='x'))\n```"
        expectReading(raw, gives: "None:[search(q='x')]", rules: [.geminiToolCode, .noPlatform])
        expectReading(
            "Platform: Amazon\nprint(default_api.search(q='x'))\nprint(default_api.buy(id=7))",
            gives: "Amazon:[search(q='x'), buy(id=7)]", rules: [.geminiToolCode, .platformLabel])
    }

    @Test func ptbenchsOwnJSONFormat() {
        let raw = #"Here: {"platform": "Uber Eats", "functions": [{"name": "order", "parameters": {"item": "pho"}}]}"#
        expectReading(raw, gives: "'Uber Eats':[order(item='pho')]", rules: [.ptbenchJSON, .platformLabel])
    }

    // MARK: Never invent a platform

    @Test func aMultiWordPlatformStaysWhole() {
        expectReading(
            "Uber Eats:[order(item='pho')]", gives: "'Uber Eats':[order(item='pho')]", rules: [.callSpan, .quotedPlatform])
        expectReading(
            "I would use Google Maps:[route(to='home')]", gives: "'Google Maps':[route(to='home')]",
            rules: [.callSpan, .quotedPlatform])
    }

    @Test func aPlatformLabelIsTakenNotTheWordBeforeCalls() {
        let raw = "Platform: Amazon\nFunction calls: [search(q='x')]"
        expectReading(raw, gives: "Amazon:[search(q='x')]", rules: [.callSpan, .platformLabel])
        expectReading(
            "**Platform:** Uber Eats / Function calls: [order(item='pho')]", gives: "'Uber Eats':[order(item='pho')]",
            rules: [.callSpan, .platformLabel, .quotedPlatform])
    }

    @Test func noPlatformMeansNoneNeverAGuess() {
        // `calls: [...]` alone parses: the reference takes "calls" as the platform, so it is no lenient case.
        #expect(Lenient.read("calls: [search(q='x')]") == nil)
        expectReading("The calls are: [search(q='x')]", gives: "None:[search(q='x')]", rules: [.callSpan, .noPlatform])
        expectReading("amazon: [search(q='x')] is my answer", gives: "amazon:[search(q='x')]", rules: [.callSpan])
        expectReading(
            #"[{"name": "search", "arguments": {"q": "x"}}]"#, gives: "None:[search(q='x')]", rules: [.jsonCallList, .noPlatform])
    }

    @Test func theRuleThatRecoveredTheCallsIsCounted() {
        let reading = Lenient.read("<think>x</think>```\nAmazon:[search(q='x')]\n```")!
        #expect(reading.rule == .fence)
        let qwen = Lenient.read(#"<think>x</think><tool_call>{"name": "f", "arguments": {}}</tool_call>"#)!
        #expect(qwen.rule == .qwenToolCall)
    }

    @Test func withTheJSONFormatATextThatParsesIsLeftAlone() {
        let raw = #"{'platform': 'Amazon', 'functions': [{'name': 'search', 'parameters': {'q': 'x'}}]}"#
        #expect(Lenient.read(raw, format: .json) == nil)
        #expect(Lenient.extract(raw, format: .json) == nil)
        // In a fence the reading takes it out, in PTBench's call format (what the scorer then parses).
        let fenced = "```json\n" + raw.replacingOccurrences(of: "'", with: "\"") + "\n```"
        #expect(Lenient.extract(fenced, format: .json) == "Amazon:[search(q='x')]")
    }
}
