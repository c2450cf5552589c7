import Evaluator
import Foundation
import Testing

/// Python strings hold any code points, lone surrogates included (issue 13, class 4).
@Suite("Lone surrogates")
struct LoneSurrogateTests {
    /// The only argument value of the only call of `text`, parsed as the reference parses it.
    func argument(_ text: String) throws -> PyValue {
        let parsed = try PredictionParser.parse(text).get()
        return try #require(parsed.calls.first?.arguments.first?.value)
    }

    func json(_ text: String) throws -> PyValue { PyValue(json: try JSONReader.parse(text)) }

    @Test("gold JSON keeps a lone surrogate, joins a pair, and compares by code point")
    func goldJSON() throws {
        let lone = try json(#""\ud83c""#)
        #expect(lone.codePointString?.codePoints == [0xD83C])
        #expect(!PyValue.pyEqual(lone, try json(#""\ud83d""#)))
        #expect(!PyValue.pyEqual(lone, try json(#""\ufffd""#)))
        #expect(PyValue.pyEqual(try json(#""\ud83c\udf89""#), .str("🎉")))
        #expect(try json(#""a\udc00b""#).codePointString?.codePoints == [0x61, 0xDC00, 0x62])
    }

    @Test("gold object keys keep lone surrogates: Python's dict, its repeats, and the JSON written back")
    func goldKeys() throws {
        let text = #"{"\ud800": 1, "\ufffd": 2, "\ud800": 3}"#
        let gold = try json(text)
        guard case .dict(let d) = gold else { throw Failure("not a dict: \(gold)") }
        #expect(d.count == 2)
        #expect(d[.str(CodePointString(codePoints: [0xD800]))].map { PyValue.pyEqual($0, .int(.small(3))) } == true)
        #expect(PyValue.pyEqual(gold, try argument(#"P:[f(x={'\ud800': 3, '\ufffd': 2})]"#)))
        #expect(try JSONReader.parse(text).dumps == #"{"\ud800": 3, ""# + "\u{FFFD}" + #"": 2}"#)
    }

    @Test("a prediction's escape gives the same code point, and an escaped pair stays two")
    func predictionEscapes() throws {
        let lone = try argument(#"P:[f(x='\ud83c')]"#)
        #expect(PyValue.pyEqual(lone, try json(#""\ud83c""#)))
        #expect(!PyValue.pyEqual(lone, .str("\u{FFFD}")))
        let pair = try argument(#"P:[f(x='\ud83c\udf89')]"#)
        #expect(pair.codePointString?.codePoints == [0xD83C, 0xDF89])
        #expect(!PyValue.pyEqual(pair, .str("🎉")))
        #expect(PyValue.pyEqual(try argument(#"P:[f(x='\U0001f389')]"#), .str("🎉")))
    }

    @Test("matching lowers around surrogates, and sets and dict keys tell them apart")
    func matching() throws {
        let gold = try json(#"["AB\ud83c"]"#)
        #expect(try Matching.include(try argument(#"P:[f(x='ab\ud83c')]"#), gold))
        #expect(try !Matching.include(try argument(#"P:[f(x='ab\ud83d')]"#), gold))
        #expect(try !Matching.include(try argument(#"P:[f(x='ab\ufffd')]"#), gold))
        let set = try argument(#"P:[f(x=['\ud800', '\udc00'])]"#)
        #expect(try Matching.include(set, try json(#"[["\udc00", "\ud800"]]"#)))
        #expect(try !Matching.include(set, try json(#"[["\ud800", "\ud800"]]"#)))
        let dict = try argument(#"P:[f(x={'\ud800': 1, '\udc00': 2})]"#)
        guard case .dict(let d) = dict else { throw Failure("not a dict: \(dict)") }
        #expect(d.count == 2)
        #expect(d[try json(#""\udc00""#)].map { PyValue.pyEqual($0, .int(.small(2))) } == true)
    }

    @Test("operations on literals work on code points")
    func operations() throws {
        let cases: [(String, [UInt32])] = [
            (#"'\ud83c' + '\udf89'"#, [0xD83C, 0xDF89]),
            (#"'\ud800' * 3"#, [0xD800, 0xD800, 0xD800]),
            (#"'%s|%c' % ('\udc80', 0xdfff)"#, [0xDC80, 0x7C, 0xDFFF]),
            (#"f'\ud800{1}x' + ''"#, [0xD800, 0x31, 0x78]),
            (#"'\ud800\udc00'[1] + 'a'"#, [0xDC00, 0x61]),
        ]
        for (expression, want) in cases {
            let got = try argument("P:[f(x=\(expression))]")
            #expect(got.codePointString?.codePoints == want, "\(expression)")
        }
    }

    @Test("repr, unparse and JSON output write the escape, never raw bytes")
    func output() throws {
        let value = try argument(#"P:[f(x='a\ud83c"')]"#)
        #expect(PyRepr.value(value) == #"'a\ud83c"'"#)
        #expect(PyUnparser.unparse(try PyParser.parseExpression(#"'\udfff'"#)) == #"'\udfff'"#)
        #expect(PyUnparser.unparse(try PyParser.parseExpression(#"f'\udc00{y}{{'"#)) == #"f'\udc00{y}{{'"#)
        let gold = try JSONReader.parse(#"{"k": ["\ud83c!"]}"#)
        #expect(gold.dumps == #"{"k": ["\ud83c!"]}"#)
        #expect(try JSONReader.parse(gold.dumps) == gold)
        #expect(JSONText.string(try #require(gold["k"]?.arrayValue?.first?.codePointString)) == #""\ud83c!""#)
        #expect(gold["k"]?.arrayValue?.first?.stringValue == #"\ud83c!"#)
    }

    @Test("a prediction text that holds a lone surrogate is still a format failure")
    func predictionText() throws {
        let bytes = Array(#"{"predict": "P:[f(x='\ud83c')]"}"#.utf8)
        let line = PredictionFile.parse(bytes, file: "-", url: URL(fileURLWithPath: "/dev/null")).lines.first
        guard case .loneSurrogate(let shown)? = line else { throw Failure("read as \(String(describing: line))") }
        #expect(shown == #"P:[f(x='\ud83c')]"#)
        let escaped = Array(#"{"predict": "P:[f(x='\\ud83c')]"}"#.utf8)
        guard case .text? = PredictionFile.parse(escaped, file: "-", url: URL(fileURLWithPath: "/dev/null")).lines.first
        else { throw Failure("an escaped escape is plain text") }
    }
}

/// A test failure with a message.
private struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
