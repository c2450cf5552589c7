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

    /// What Python accepts around a newline still parses: inside brackets, and trailing lines.
    @Test("newlines inside brackets and at the end still parse", arguments: ["1\n", "1\n\n  \n", "1 # c\n", "[1,\n2]"])
    func newlinesThatParse(_ text: String) throws {
        _ = try PyParser.parseExpression(text)
    }
}
