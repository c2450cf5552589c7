import BigInt
import Evaluator
import Testing

/// Inputs that once made the parser loop or the scorer compute without bound (issue 9, defects 1
/// and 4). Each must end quickly with the verdict Python 3.11 (or PTBench's scorer) gives.
@Suite("Parser and scorer limits")
struct ParserLimitTests {
    // MARK: - Newlines outside brackets (defect 1)

    /// A real newline with no bracket open: `ast.parse` raises SyntaxError for each (checked with
    /// Python 3.11.7); the tokenizer used to return NEWLINE forever without advancing.
    @Test(
        "a newline outside brackets is a syntax error, not an endless loop",
        arguments: [
            "}\n{", ")\n(", "]\n[", "}", "\n}", "}\n", "1}\n{2", "}\n\n{", "}\n#c\n{", "}\r\n{",
        ])
    func newlineOutsideBrackets(_ prediction: String) {
        guard case .failure(let f) = PredictionParser.parse(prediction) else {
            Issue.record("\(prediction.debugDescription) parsed; Python raises SyntaxError")
            return
        }
        #expect(f.kind == .syntax)
    }

    /// The same shapes through the expression parser the `:` gold edit uses.
    @Test("a typed value with a newline outside brackets is refused", arguments: ["1:\n[]", "1\n2", "[]\n[]", "'a'\n'b'"])
    func typedValueWithNewline(_ text: String) {
        #expect(throws: PySyntaxError.self) { try PyParser.parseExpression(text) }
    }

    /// Found by FuzzEditValue: a typed value computing an int of 2.2 million bits was converted to
    /// decimal to be stored (quadratic: over a second), though Python's json refuses it anyway.
    @Test("a typed value with an int over 4,300 digits is refused quickly", .timeLimit(.minutes(1)))
    func typedValueWithHugeInt() {
        #expect(throws: GoldEditError.self) { try GoldEdits.parseValue("21++2222200000000709763019661+22966<<2222223") }
        #expect(throws: Never.self) { try GoldEdits.parseValue("1 << 14000") }
    }

    /// Found by FuzzEditValue: an empty sequence repeated a huge number of times produced nothing,
    /// so nothing was charged, and the copying loop ran 27 billion times.
    @Test(
        "an empty sequence repeated a huge number of times is empty at once", .timeLimit(.minutes(1)),
        arguments: ["20*()*3*3003**3", "[]*10**15", "''*10**15", "(()*10**15, 1)"])
    func emptyRepetition(_ text: String) throws {
        let value = try GoldEdits.parseValue(text)
        #expect(value == .array([]) || value == .string("") || value == .array([.array([]), .number(JSONNumber(text: "1"))]))
        let bytes = try Self.verdict(gold: "1", prediction: "A:[f(v=b''*10**15)]")
        #expect(bytes.formatFailure?.kind != .tooLarge)
    }

    /// Octal was read by BigInt multiplying word by word (quadratic: a 10⁷-digit literal took
    /// minutes before any budget applied); every power-of-two radix is now read from its bits.
    @Test("octal, hex and binary digits read to the same value as BigInt, long ones quickly", .timeLimit(.minutes(1)))
    func powerOfTwoRadixDigits() throws {
        var rng = SplitMix(seed: 7)
        for radix in [2, 8, 16] {
            for length in [1, 2, 21, 22, 63, 64, 65, 500, 3001] {
                let digits = String((0..<length).map { _ in Character(String(rng.next(radix), radix: radix)) })
                let text = "1" + digits
                #expect(PyInt(digits: text, radix: radix)?.big == BigInt(text, radix: radix), "\(radix) \(text)")
                #expect(PyInt(digits: text.uppercased(), radix: radix)?.big == BigInt(text, radix: radix))
            }
            #expect(PyInt(digits: "", radix: radix) == nil)
            #expect(PyInt(digits: "1" + String(radix, radix: 36), radix: radix) == nil)
        }
        let long = try #require(PyInt(digits: String(repeating: "7", count: 2_000_000), radix: 8))
        #expect(long.bitWidth == 6_000_000)
    }

    /// Found in review: a substring test checked the needle at every start (80,000 × 160,000
    /// comparisons here), and every keyword was looked up among all earlier ones (40,000²/2).
    @Test("a long substring test and many keywords cost linear time", .timeLimit(.minutes(1)))
    func linearSearchAndKeywords() throws {
        // Comparisons are computed where the reference evaluates them (a typed value, an f-string field).
        #expect(try GoldEdits.parseValue("('a'*80000+'b') in 'a'*160000") == .bool(false))
        #expect(try GoldEdits.parseValue("('a'*80000+'b') in 'a'*160000+'b'") == .bool(true))
        let keywords = (0..<40_000).map { "a\($0)=0" }.joined(separator: ", ")
        let many = try Self.verdict(gold: "1", prediction: "A:[f(\(keywords), v=1, a7=2)]")
        #expect(many.format)
        let call = try #require(many.prediction?.calls.first)
        #expect(call.arguments.count == 40_001)
        #expect(PyValue.pyEqual(call.arguments[7].value, .int(.small(2))))
    }

    /// What Python accepts around a newline still parses: inside brackets, and trailing lines.
    @Test("newlines inside brackets and at the end still parse", arguments: ["1\n", "1\n\n  \n", "1 # c\n", "[1,\n2]"])
    func newlinesThatParse(_ text: String) throws {
        _ = try PyParser.parseExpression(text)
    }

    // MARK: - Small inputs with huge costs (defect 4)

    /// One case whose gold for `f.v` is `gold` (JSON text), scored against `prediction`.
    static func verdict(gold: String, prediction: String) throws -> CaseDiagnosis {
        let data = #"[{"answer": ["A", [{"f": {"v": ["# + gold + #"]}}]], "query_params": ["v"], "profile_params": []}]"#
        let c = try #require(try SplitData.index(Array(data.utf8), split: "s", file: "data.json").first)
        return Scorer.diagnose(c, line: .text(prediction))
    }

    /// 21 characters make 1.6·10¹³ nested elements; 15 make 16 million. The reference builds
    /// both in memory; ptscope refuses them before building, as a "too large" format failure.
    @Test(
        "a repeated nested list over the budget is a quick too-large failure", .timeLimit(.minutes(1)),
        arguments: [
            "[[1]*4000000]*4000000", "[[1]*4000]*4000", "((1,)*4000000,)*4000000", "[[[1]*300]*300]*300",
            "'%9000000s%9000000s' % (1, 2)",
            "10**1000000", "3**100000*3**100000", "(1<<2000000)//((1<<2000000)-1)", "'ab'*6000000",
            // Found by FuzzEditValue: each power alone was allowed, together they cost seconds.
            "5555555055555555555552**2614*55*64-5555505555055555555555552**2614*5555555555555555555551",
            Array(repeating: "3**20000*3**20000", count: 20).joined(separator: "+"),
        ])
    func nestedRepetition(_ value: String) throws {
        let v = try Self.verdict(gold: "1", prediction: "A:[f(v=\(value))]")
        #expect(!v.format)
        #expect(v.formatFailure?.kind == .tooLarge)
        #expect(v.formatFailure?.message.contains("\(PyBudget.maxElements)") == true)
    }

    /// Just under the budget the value is computed, and everything shown about it is cut with a
    /// count: the findings, the call diff's reprs.
    @Test("a value under the budget is scored and shown cut, with counts", .timeLimit(.minutes(1)))
    func largeValueShownCut() throws {
        let v = try Self.verdict(gold: #"["a"]"#, prediction: "A:[f(v=[[1]*900]*900)]")
        // As in the reference: `'list' object has no attribute 'lower'` while matching.
        #expect(v.formatFailure?.kind == .comparisonRaised)
        let text = v.findings.map(\.sentence).joined()
        #expect(text.count < 3 * PyRepr.displayLimit)
        #expect(text.contains("…(+"))
        let calls = try #require(v.prediction?.calls)
        let shown = PyRepr.value(calls[0].arguments[0].value)
        #expect(shown.count < PyRepr.displayLimit + 200)
        #expect(shown.hasPrefix("[[1, 1, "))
        #expect(shown.hasSuffix(" more)]"))
    }

    /// A string repetition counts its characters: 800,000 are computed (and matched), as the
    /// reference would; 12 million are too large (the previous test).
    @Test("a long repeated string under the budget is computed and matched", .timeLimit(.minutes(1)))
    func longString() throws {
        let v = try Self.verdict(gold: #""x""#, prediction: "A:[f(v='ab'*400000)]")
        #expect(v.format)
        #expect(!v.overall)
    }

    @Test("a long list or string is cut with the count of what was left out")
    func boundedRepr() {
        let list = PyValue.list(Array(repeating: .int(.small(7)), count: 1_000_000))
        let shown = PyRepr.value(list, limit: 20)
        #expect(shown.hasPrefix("[7, 7, 7"))
        #expect(shown.hasSuffix(" more)]"))
        #expect(shown.count < 60)
        let text = PyRepr.value(.str(String(repeating: "ab'", count: 1000)), limit: 10)
        #expect(text.hasPrefix("\"ab'ab'"))
        #expect(text.hasSuffix("…(+2990 more characters)"))
        // Short values are Python's repr, untouched.
        #expect(PyRepr.value(.list([.str("x"), .tuple([.int(.small(1))])])) == "['x', (1,)]")
    }

    /// Python 3.11 prints no int over 4,300 digits (`ValueError`); ptscope never converts one
    /// (a quadratic conversion), in `%`, in repr, in the diagnosis.
    @Test("an int over 4,300 digits is never converted to decimal", .timeLimit(.minutes(1)))
    func longIntegers() throws {
        for format in ["'%d' % (1<<20000)", "'%s' % (1<<20000)", "'%r' % ((1<<20000),)", "'%s' % ([1<<4000000],)"] {
            guard case .failure(let f) = PredictionParser.parse("A:[f(v=\(format))]") else {
                Issue.record("\(format) computed; Python raises ValueError")
                continue
            }
            #expect(f.kind == .valueRaised)
            #expect(f.message.contains("4300 digits"))
        }
        // A power of two is a shift, computed at any size up to 2^22 bits.
        let two = try PredictionParser.parse("A:[f(v=(-2)**2000001)]").get().calls[0].arguments[0].value
        #expect(PyRepr.value(two) == "<int of about 602061 digits, more than Python prints>")
        // Octal and hex have no limit: checked against Python 3.11's lengths.
        let octal = PredictionParser.parse("A:[f(v='%o' % (1<<100000))]")
        #expect(try octal.get().calls[0].arguments[0].value.stringValue?.count == 33334)
        #expect(try octal.get().calls[0].arguments[0].value.stringValue?.hasPrefix("2000") == true)
        // The largest int Python prints has 4,300 digits; one bit more does not print.
        let zeros = String(repeating: "0", count: 3571)
        #expect(PyInt(digits: "1" + zeros, radix: 16)?.decimalText?.count == 4300)  // 2**14284
        #expect(PyInt(digits: "2" + zeros, radix: 16)?.decimalText == nil)  // 2**14285
        // 10**1000000 against a string: the reference raises while matching; the diagnosis
        // shows the int by its size.
        let v = try Self.verdict(gold: #""x""#, prediction: "A:[f(v=1<<4000000)]")
        #expect(v.formatFailure?.kind == .comparisonRaised)
        #expect(v.formatFailure?.message.contains("<int of about 1204121 digits") == true)
    }

    /// PTBench's `json.load` refuses data.json outright (`ValueError`); ptscope scores the other
    /// cases and makes this one a format failure naming the line, without converting the digits.
    @Test("a gold integer over 4,300 digits is a malformed-gold failure, found quickly", .timeLimit(.minutes(1)))
    func longGoldInteger() throws {
        for digits in [4301, 100_000, 1_000_000] {
            let v = try Self.verdict(gold: String(repeating: "7", count: digits), prediction: "A:[f(v=1)]")
            #expect(v.formatFailure?.kind == .malformedGold)
            #expect(v.formatFailure?.message.contains("\(digits) digits") == true)
            #expect(v.formatFailure?.message.contains("line 1") == true)
        }
        // 4,300 digits is still an int Python reads; matching 1 against it then raises (`z+0.01`).
        let v = try Self.verdict(gold: String(repeating: "7", count: 4300), prediction: "A:[f(v=1)]")
        #expect(v.formatFailure?.kind == .comparisonRaised)
        #expect(v.formatFailure?.message.contains("OverflowError") == true)
        // The JSON-style prediction format reads with json.loads too.
        let json = PredictionParser.parse(
            "{'platform': 'A', 'functions': [{'name': 'f', 'parameters': {'v': \(String(repeating: "1", count: 5000))}}]}",
            format: .json)
        guard case .failure(let f) = json else {
            Issue.record("a 5000-digit JSON int was read")
            return
        }
        #expect(f.kind == .syntax)
    }
}
