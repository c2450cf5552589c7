// MARK: - PyUnparser

/// Prints an ``Expr`` back as Python 3.11's `ast.unparse` does (spacing, quotes, parentheses).
public struct PyUnparser {
    /// Python's `_Precedence` levels.
    enum Prec: Int, Comparable {
        case namedExpr = 1
        case tuple, yield, test, or, and, not, cmp, expr, bxor, band, shift, arith, term, factor, power, await, atom
        static func < (a: Prec, b: Prec) -> Bool { a.rawValue < b.rawValue }
        var next: Prec { Prec(rawValue: min(rawValue + 1, Prec.atom.rawValue))! }
    }

    static let infString = "1e309"

    /// The text written so far (code points: an f-string's text may hold a lone surrogate until
    /// `_str_literal_helper` escapes it).
    var out: CodePointString = ""
    /// Set when Python itself would raise while printing (an int of more than 4300 digits).
    var failure: String?
    let avoidBackslashes: Bool

    init(avoidBackslashes: Bool = false) { self.avoidBackslashes = avoidBackslashes }

    /// `ast.unparse(node)`.
    public static func unparse(_ e: Expr) -> String {
        var u = PyUnparser()
        u.visit(e, .test)
        return u.out.escaped
    }

    /// `ast.unparse(node)`, or the error Python raises while printing it.
    public static func checkedUnparse(_ e: Expr) -> Result<String, PyException> {
        var u = PyUnparser()
        u.visit(e, .test)
        if let f = u.failure { return .failure(PyException("ValueError", f)) }
        return .success(u.out.escaped)
    }

    mutating func write(_ s: String) { out.append(CodePointString(s)) }

    mutating func write(_ s: CodePointString) { out.append(s) }

    mutating func parens(_ needed: Bool, _ body: (inout PyUnparser) -> Void) {
        if needed { write("(") }
        body(&self)
        if needed { write(")") }
    }

    mutating func items(_ elements: [Expr]) {
        if elements.count == 1 {
            visit(elements[0], .test)
            write(",")
        } else {
            interleave(elements) { $0.visit($1, .test) }
        }
    }

    mutating func interleave<T>(_ seq: [T], _ f: (inout PyUnparser, T) -> Void) {
        for (k, x) in seq.enumerated() {
            if k > 0 { write(", ") }
            f(&self, x)
        }
    }

    // MARK: Nodes

    mutating func visit(_ e: Expr, _ prec: Prec) {
        switch e.kind {
        case .name(let n): write(n)
        case .constant(let c): writeConstant(c)
        case .joinedStr(let parts): writeJoinedStr(parts)
        case .namedExpr(let target, let value):
            parens(prec > .namedExpr) { u in
                u.visit(target, .atom)
                u.write(" := ")
                u.visit(value, .atom)
            }
        case .await(let value):
            parens(prec > .await) { u in
                u.write("await ")
                u.visit(value, .atom)
            }
        case .yield(let value):
            parens(prec > .yield) { u in
                u.write("yield")
                if let value {
                    u.write(" ")
                    u.visit(value, .atom)
                }
            }
        case .yieldFrom(let value):
            parens(prec > .yield) { u in
                u.write("yield from ")
                u.visit(value, .atom)
            }
        case .list(let elements):
            write("[")
            interleave(elements) { $0.visit($1, .test) }
            write("]")
        case .listComp(let elt, let comps):
            write("[")
            visit(elt, .test)
            for comp in comps { visitComprehension(comp) }
            write("]")
        case .generator(let elt, let comps):
            write("(")
            visit(elt, .test)
            for comp in comps { visitComprehension(comp) }
            write(")")
        case .setComp(let elt, let comps):
            write("{")
            visit(elt, .test)
            for comp in comps { visitComprehension(comp) }
            write("}")
        case .dictComp(let key, let value, let comps):
            write("{")
            visit(key, .test)
            write(": ")
            visit(value, .test)
            for comp in comps { visitComprehension(comp) }
            write("}")
        case .ifExp(let test, let body, let orElse):
            parens(prec > .test) { u in
                u.visit(body, Prec.test.next)
                u.write(" if ")
                u.visit(test, Prec.test.next)
                u.write(" else ")
                u.visit(orElse, .test)
            }
        case .set(let elements):
            if elements.isEmpty {
                write("{*()}")
            } else {
                write("{")
                interleave(elements) { $0.visit($1, .test) }
                write("}")
            }
        case .dict(let pairs):
            write("{")
            interleave(pairs) { u, pair in
                if let key = pair.key {
                    u.visit(key, .test)
                    u.write(": ")
                    u.visit(pair.value, .test)
                } else {
                    u.write("**")
                    u.visit(pair.value, .expr)
                }
            }
            write("}")
        case .tuple(let elements):
            parens(elements.isEmpty || prec > .tuple) { $0.items(elements) }
        case .unary(let op, let operand):
            let opPrec: Prec = op == .not ? .not : .factor
            parens(prec > opPrec) { u in
                u.write(op.rawValue)
                if opPrec != .factor { u.write(" ") }
                u.visit(operand, opPrec)
            }
        case .binary(let left, let op, let right):
            let opPrec = PyUnparser.precedence(op)
            parens(prec > opPrec) { u in
                let leftPrec = op == .pow ? opPrec.next : opPrec
                let rightPrec = op == .pow ? opPrec : opPrec.next
                u.visit(left, leftPrec)
                u.write(" \(op.rawValue) ")
                u.visit(right, rightPrec)
            }
        case .compare(let left, let ops):
            parens(prec > .cmp) { u in
                u.visit(left, Prec.cmp.next)
                for (op, e) in ops {
                    u.write(" \(op.rawValue) ")
                    u.visit(e, Prec.cmp.next)
                }
            }
        case .boolOp(let op, let values):
            var level: Prec = op == .and ? .and : .or
            parens(prec > level) { u in
                for (k, v) in values.enumerated() {
                    if k > 0 { u.write(" \(op.rawValue) ") }
                    level = level.next
                    u.visit(v, level)
                }
            }
        case .attribute(let value, let attr):
            visit(value, .atom)
            // `3.x` would read as a float; Python also spaces `True .x` (bool is an int).
            if case .constant(let c) = value.kind {
                switch c {
                case .int, .bool: write(" ")
                default: break
                }
            }
            write(".")
            write(attr)
        case .call(let function, let arguments, let keywords):
            visit(function, .atom)
            write("(")
            var comma = false
            for a in arguments {
                if comma { write(", ") } else { comma = true }
                visit(a, .test)
            }
            for k in keywords {
                if comma { write(", ") } else { comma = true }
                if let name = k.name { write(name + "=") } else { write("**") }
                visit(k.value, .test)
            }
            write(")")
        case .subscription(let value, let slice):
            visit(value, .atom)
            write("[")
            if case .tuple(let elements) = slice.kind, !elements.isEmpty {
                items(elements)
            } else {
                visit(slice, .test)
            }
            write("]")
        case .starred(let value):
            write("*")
            visit(value, .expr)
        case .slice(let lower, let upper, let step):
            if let lower { visit(lower, .test) }
            write(":")
            if let upper { visit(upper, .test) }
            if let step {
                write(":")
                visit(step, .test)
            }
        case .lambda(let params, let body):
            parens(prec > .test) { u in
                u.write("lambda")
                var sub = PyUnparser(avoidBackslashes: u.avoidBackslashes)
                sub.writeParameters(params)
                if !sub.out.isEmpty {
                    u.write(" ")
                    u.write(sub.out)
                }
                u.write(": ")
                u.visit(body, .test)
            }
        }
    }

    static func precedence(_ op: BinaryOperator) -> Prec {
        switch op {
        case .add, .sub: return .arith
        case .mul, .matMul, .div, .mod, .floorDiv: return .term
        case .lShift, .rShift: return .shift
        case .bitOr: return .expr
        case .bitXor: return .bxor
        case .bitAnd: return .band
        case .pow: return .power
        }
    }

    mutating func visitComprehension(_ c: Comprehension) {
        write(c.isAsync ? " async for " : " for ")
        visit(c.target, .tuple)
        write(" in ")
        visit(c.iter, Prec.test.next)
        for cond in c.ifs {
            write(" if ")
            visit(cond, Prec.test.next)
        }
    }

    mutating func writeParameters(_ p: Parameters) {
        var first = true
        let all = p.positionalOnly + p.regular
        let defaults: [Expr?] = Array(repeating: nil, count: all.count - p.defaults.count) + p.defaults.map { $0 }
        for (index, (a, d)) in zip(all, defaults).enumerated() {
            if first { first = false } else { write(", ") }
            write(a.name)
            if let d {
                write("=")
                visit(d, .test)
            }
            if index + 1 == p.positionalOnly.count { write(", /") }
        }
        if p.varArgs != nil || !p.keywordOnly.isEmpty {
            if first { first = false } else { write(", ") }
            write("*")
            if let v = p.varArgs { write(v) }
        }
        for (a, d) in zip(p.keywordOnly, p.keywordDefaults) {
            write(", ")
            write(a.name)
            if let d {
                write("=")
                visit(d, .test)
            }
        }
        if let k = p.kwArgs {
            if !first { write(", ") }
            write("**" + k)
        }
    }

    // MARK: Constants

    mutating func writeConstant(_ c: Constant) {
        switch c {
        case .ellipsis: write("...")
        case .none: write("None")
        case .bool(let b): write(b ? "True" : "False")
        case .int(let i):
            // An int over 4,300 digits is never converted (Python refuses to, and it is quadratic).
            if let text = i.decimalText {
                write(text)
            } else {
                failure = "Exceeds the limit (4300 digits) for integer string conversion"
                write(PyRepr.oversized(i))
            }
        case .float(let d): write(PyUnparser.infSubstituted(PyRepr.float(d)))
        case .imaginary(let d): write(PyUnparser.infSubstituted(PyRepr.complex(0, d)))
        case .bytes(let b): write(PyRepr.bytes(b))
        case .str(let s, let u):
            if u { write("u") }
            if avoidBackslashes {
                let (body, quotes) = PyUnparser.strLiteralHelper(
                    s, quoteTypes: PyUnparser.allQuotes, escapeSpecialWhitespace: false)
                write(quotes[0] + body + quotes[0])
            } else {
                write(PyRepr.string(s))
            }
        }
    }

    static func infSubstituted(_ repr: String) -> String {
        repr.replacingOccurrences(of: "inf", with: infString).replacingOccurrences(of: "nan", with: "(\(infString)-\(infString))")
    }

    // MARK: f-strings

    static let singleQuotes = ["'", "\""]
    static let multiQuotes = ["\"\"\"", "'''"]
    static let allQuotes = singleQuotes + multiQuotes

    /// Python's `str.encode("unicode_escape")` for one code point.
    static func unicodeEscape(_ c: Unicode.Scalar) -> String {
        switch c {
        case "\\": return "\\\\"
        case "\t": return "\\t"
        case "\n": return "\\n"
        case "\r": return "\\r"
        default:
            if c.value < 0x20 || (c.value >= 0x7F && c.value <= 0xFF) { return "\\x" + PyRepr.hex(c.value, 2) }
            if c.value < 0x7F { return String(Character(c)) }
            if c.value <= 0xFFFF { return "\\u" + PyRepr.hex(c.value, 4) }
            return "\\U" + PyRepr.hex(c.value, 8)
        }
    }

    /// `_str_literal_helper`: the escaped body and the quote types that can hold it.
    static func strLiteralHelper(_ string: String, quoteTypes: [String], escapeSpecialWhitespace: Bool) -> (String, [String]) {
        strLiteralHelper(CodePointString(string), quoteTypes: quoteTypes, escapeSpecialWhitespace: escapeSpecialWhitespace)
    }

    /// `_str_literal_helper` on code points: a lone surrogate is escaped (`\udXXX`), as `unicode_escape` does.
    static func strLiteralHelper(
        _ string: CodePointString, quoteTypes: [String], escapeSpecialWhitespace: Bool
    ) -> (String, [String]) {
        var escaped = ""
        for point in string.points {
            guard let c = Unicode.Scalar(point.value) else {
                escaped += "\\u" + PyRepr.hex(point.value, 4)
                continue
            }
            if !escapeSpecialWhitespace && (c == "\n" || c == "\t") {
                escaped.unicodeScalars.append(c)
            } else if c == "\\" || !PyRepr.isPrintable(c) {
                escaped += unicodeEscape(c)
            } else {
                escaped.unicodeScalars.append(c)
            }
        }
        var possible = quoteTypes
        if escaped.unicodeScalars.contains("\n") { possible = possible.filter { multiQuotes.contains($0) } }
        possible = possible.filter { !escaped.contains($0) }
        if possible.isEmpty {
            let r = PyRepr.string(string)
            let first = String(r.first!)
            let quote = quoteTypes.first { $0.contains(first) } ?? first
            return (String(r.dropFirst().dropLast()), [quote])
        }
        if let last = escaped.last {
            // Stable sort: quotes whose character differs from the last one first.
            let lastText = String(last)
            possible = possible.filter { String($0.first!) != lastText } + possible.filter { String($0.first!) == lastText }
            if String(possible[0].first!) == lastText {
                escaped = String(escaped.dropLast()) + "\\" + lastText
            }
        }
        return (escaped, possible)
    }

    mutating func writeJoinedStr(_ parts: [FStringPart]) {
        write("f")
        if avoidBackslashes {
            var inner = PyUnparser(avoidBackslashes: avoidBackslashes)
            inner.writeFStringInner(parts)
            let (body, quotes) = PyUnparser.strLiteralHelper(
                inner.out, quoteTypes: PyUnparser.allQuotes, escapeSpecialWhitespace: false)
            write(quotes[0] + body + quotes[0])
            return
        }
        var pieces: [(CodePointString, Bool)] = []
        for part in parts {
            var inner = PyUnparser(avoidBackslashes: avoidBackslashes)
            inner.writeFStringInner([part])
            if case .literal = part { pieces.append((inner.out, true)) } else { pieces.append((inner.out, false)) }
        }
        var newPieces: [String] = []
        var quoteTypes = PyUnparser.allQuotes
        var fallback = false
        for (value, isConstant) in pieces {
            let (v, newQuotes) = PyUnparser.strLiteralHelper(value, quoteTypes: quoteTypes, escapeSpecialWhitespace: isConstant)
            newPieces.append(v)
            if Set(newQuotes).isDisjoint(with: quoteTypes) {
                fallback = true
                break
            }
            quoteTypes = newQuotes
        }
        if fallback {
            quoteTypes = ["'''"]
            newPieces = pieces.map { value, _ in
                let r = PyRepr.string("\"" + value)
                return String(r.dropFirst(2).dropLast())
            }
        }
        write(quoteTypes[0] + newPieces.joined() + quoteTypes[0])
    }

    mutating func writeFStringInner(_ parts: [FStringPart]) {
        for part in parts {
            switch part {
            case .literal(let s):
                if let text = s.text {
                    write(text.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}"))
                } else {
                    write(CodePointString(points: s.points.flatMap { $0 == "{" || $0 == "}" ? [$0, $0] : [$0] }))
                }
            case .field(let f):
                write("{")
                var inner = PyUnparser(avoidBackslashes: true)
                inner.visit(f.expression, Prec.test.next)
                if inner.out.escaped.hasPrefix("{") { write(" ") }
                write(inner.out)
                if let c = f.conversion { write("!\(c)") }
                if let spec = f.formatSpec, !spec.isEmpty {
                    write(":")
                    writeFStringInner(spec)
                }
                write("}")
            }
        }
    }
}
