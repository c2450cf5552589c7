import Evaluator
import Testing

/// The tokenizer matches keywords and operators without making strings; these pin its tables.
@Suite("Tokenizer tables")
struct TokenizerTests {
    /// Python 3.11's `keyword.kwlist`.
    static let keywords = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
        "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
        "with", "yield",
    ]

    @Test("every keyword is a keyword, and nothing near one is")
    func keywords() throws {
        for k in TokenizerTests.keywords {
            switch k {
            case "True", "False", "None":
                guard case .constant = try PyParser.parseExpression(k).kind else {
                    Issue.record("\(k) should be a constant")
                    continue
                }
            default:
                #expect(throws: PySyntaxError.self, "\(k) alone is not an expression") { try PyParser.parseExpression(k) }
            }
            // Longer, shorter, differently cased: plain names.
            for name in [k + "x", "x" + k, String(k.dropLast()), k.uppercased(), k.lowercased(), k.capitalized]
            where !TokenizerTests.keywords.contains(name) && !name.isEmpty {
                guard case .name(let n) = try PyParser.parseExpression(name).kind else {
                    Issue.record("\(name) should be a name")
                    continue
                }
                #expect(n == name)
            }
        }
        // Soft keywords are names.
        for name in ["match", "case", "_", "type", "print", "exec"] {
            guard case .name = try PyParser.parseExpression(name).kind else {
                Issue.record("\(name) should be a name")
                continue
            }
        }
    }

    @Test("operators of one, two and three characters")
    func operators() throws {
        let binary: [(String, BinaryOperator)] = [
            ("+", .add), ("-", .sub), ("*", .mul), ("@", .matMul), ("/", .div), ("%", .mod), ("**", .pow),
            ("<<", .lShift), (">>", .rShift), ("|", .bitOr), ("^", .bitXor), ("&", .bitAnd), ("//", .floorDiv),
        ]
        for (text, op) in binary {
            guard case .binary(_, let got, _) = try PyParser.parseExpression("a \(text) b").kind else {
                Issue.record("a \(text) b should be a binary operation")
                continue
            }
            #expect(got == op, "a \(text) b")
        }
        let compare: [(String, CompareOperator)] = [
            ("==", .eq), ("!=", .notEq), ("<", .lt), ("<=", .ltE), (">", .gt), (">=", .gtE),
            ("in", .in), ("not in", .notIn), ("is", .is), ("is not", .isNot),
        ]
        for (text, op) in compare {
            guard case .compare(_, let ops) = try PyParser.parseExpression("a \(text) b").kind else {
                Issue.record("a \(text) b should be a comparison")
                continue
            }
            #expect(ops.map(\.0) == [op], "a \(text) b")
        }
        guard case .constant(.ellipsis) = try PyParser.parseExpression("...").kind else {
            Issue.record("... should be Ellipsis")
            return
        }
        guard case .namedExpr = try PyParser.parseExpression("(a := 1)").kind else {
            Issue.record("(a := 1) should be an assignment expression")
            return
        }
        // Augmented assignments, arrows, `<>` and a lone `!` are tokens but never expressions.
        for text in [
            "a += 1", "a -= 1", "a *= 1", "a /= 1", "a //= 1", "a %= 1", "a **= 1", "a >>= 1", "a <<= 1",
            "a &= 1", "a |= 1", "a ^= 1", "a @= 1", "a -> b", "a <> b", "a ! b", "a ;",
        ] {
            #expect(throws: PySyntaxError.self, "\(text)") { try PyParser.parseExpression(text) }
        }
    }
}
