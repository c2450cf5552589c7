// MARK: - PyParser

/// A parser for Python 3.11 expressions, faithful to what `ast.parse(..., mode="eval")` accepts.
///
/// It builds ``Expr`` trees with code-point source ranges. Nesting is bounded (Python refuses more
/// than 200 open brackets), so hostile input is a syntax error, never a stack overflow.
public struct PyParser {
    var tokens: [Token] = []
    var i = 0
    let src: [Unicode.Scalar]
    var depth = 0
    /// A safety bound on the parser's own recursion (Python's parser stack holds 6000).
    static let maxDepth = 6000
    /// Python 3.11 refuses to build an AST deeper than about this many nodes ("maximum recursion
    /// depth exceeded during ast construction"), counted from the `Expression` node.
    static let maxTreeDepth = 2982

    /// Prepares `scalars` (newlines already translated).
    init(scalars: [Unicode.Scalar]) {
        self.src = scalars
    }

    /// Parses `text` as one eval-mode expression (a top-level tuple allowed, as Python does).
    public static func parseExpression(_ text: String) throws(PySyntaxError) -> Expr {
        var parser = PyParser(scalars: PyParser.translateNewlines(Array(text.unicodeScalars)).scalars)
        return try parser.parseEval()
    }

    /// Python's tokenizer reads `\r\n` and lone `\r` as `\n`; the map gives each new offset's original one.
    static func translateNewlines(_ scalars: [Unicode.Scalar]) -> (scalars: [Unicode.Scalar], map: [Int]?) {
        guard scalars.contains("\r") else { return (scalars, nil) }
        var out: [Unicode.Scalar] = []
        var map: [Int] = []
        out.reserveCapacity(scalars.count)
        var k = 0
        while k < scalars.count {
            if scalars[k] == "\r" {
                out.append("\n")
                map.append(k)
                k += (k + 1 < scalars.count && scalars[k + 1] == "\n") ? 2 : 1
            } else {
                out.append(scalars[k])
                map.append(k)
                k += 1
            }
        }
        map.append(scalars.count)
        return (out, map)
    }

    mutating func parseEval() throws(PySyntaxError) -> Expr {
        if let nul = src.firstIndex(of: "\0") {
            throw PySyntaxError("source code string cannot contain null bytes", nul..<(nul + 1))
        }
        var tokenizer = PyTokenizer(src)
        tokens.reserveCapacity(src.count / 4 + 8)
        while true {
            let t = try tokenizer.next()
            tokens.append(t)
            if t.kind == .end { break }
        }
        if let (open, at) = tokenizer.brackets.last {
            throw PySyntaxError("'\(Character(open))' was never closed", at..<(at + 1))
        }
        let body = try expressions()
        guard current.kind == .end else { throw unexpected() }
        if body.depth + 1 > PyParser.maxTreeDepth {
            throw PySyntaxError("RecursionError: maximum recursion depth exceeded during ast construction", body.range)
        }
        return body
    }

    // MARK: Token helpers

    var current: Token { tokens[i] }
    func peek(_ k: Int = 1) -> Token { tokens[min(i + k, tokens.count - 1)] }

    mutating func advance() -> Token {
        let t = tokens[i]
        if i < tokens.count - 1 { i += 1 }
        return t
    }

    @inline(__always) func at(_ op: PyOp) -> Bool { tokens[i].op == op }
    @inline(__always) func atKeyword(_ k: PyKeyword) -> Bool { tokens[i].keyword == k }

    @inline(__always)
    mutating func accept(_ op: PyOp) -> Bool {
        if at(op) {
            i += 1
            return true
        }
        return false
    }

    @inline(__always)
    mutating func acceptKeyword(_ k: PyKeyword) -> Bool {
        if atKeyword(k) {
            i += 1
            return true
        }
        return false
    }

    mutating func expect(_ op: PyOp) throws(PySyntaxError) -> Token {
        guard at(op) else { throw unexpected(expecting: op.text) }
        return advance()
    }

    func unexpected(expecting: String? = nil) -> PySyntaxError {
        let t = current
        let what: String
        if t.kind == .end {
            what = "end of input"
        } else if t.isOp(.newline) {
            what = "a line break outside brackets"
        } else {
            what = "'\(String(String.UnicodeScalarView(src[t.start..<t.end])))'"
        }
        let message = expecting.map { "expected '\($0)', found \(what)" } ?? "invalid syntax at \(what)"
        return PySyntaxError(message, t.start..<max(t.end, t.start + 1))
    }

    mutating func enter() throws(PySyntaxError) {
        depth += 1
        if depth > PyParser.maxDepth {
            throw PySyntaxError("too many nested expressions", current.start..<(current.start + 1))
        }
    }

    func span(_ start: Int) -> Range<Int> {
        let end = i > 0 ? tokens[i - 1].end : start
        return start..<max(start, end)
    }

    /// Whether the current token can start an expression.
    var startsExpression: Bool {
        let t = tokens[i]
        switch t.kind {
        case .name:
            return t.keyword?.startsExpression ?? true
        case .number, .string: return true
        case .end: return false
        case .op:
            switch t.op {
            case .lpar, .lsqb, .lbrace, .minus, .plus, .tilde, .ellipsis, .star: return true
            default: return false
            }
        }
    }

    // MARK: Expression lists

    /// `expressions`: a bare tuple when a comma follows.
    mutating func expressions() throws(PySyntaxError) -> Expr {
        let start = current.start
        let first = try expression()
        guard at(.comma) else { return first }
        var items = [first]
        while accept(.comma) {
            if !startsExpression || at(.star) { break }
            items.append(try expression())
        }
        return Expr(.tuple(items), span(start))
    }

    /// `star_named_expression`: `*bitwise_or` or a named expression.
    mutating func starNamedExpression() throws(PySyntaxError) -> Expr {
        if at(.star) {
            let start = advance().start
            let value = try bitwiseOr()
            return Expr(.starred(value), span(start))
        }
        return try namedExpression()
    }

    /// `named_expression`: `NAME := expression` or an expression not followed by `:=`.
    mutating func namedExpression() throws(PySyntaxError) -> Expr {
        if current.kind == .name && peek().isOp(.colonEqual) {
            let nameToken = advance()
            guard nameToken.keyword == nil else {
                throw PySyntaxError("cannot use assignment expressions with \(nameToken.text)", nameToken.range)
            }
            _ = advance()
            let value = try expression()
            return Expr(.namedExpr(target: Expr(.name(nameToken.text), nameToken.range), value: value), span(nameToken.start))
        }
        let e = try expression()
        if at(.colonEqual) { throw PySyntaxError("cannot use assignment expressions with \(e.nodeName)", e.range) }
        return e
    }

    // MARK: expression / lambda / ternary

    mutating func expression() throws(PySyntaxError) -> Expr {
        try enter()
        defer { depth -= 1 }
        if let atom = try loneAtom() { return atom }
        if atKeyword(.lambda) { return try lambda() }
        let start = current.start
        let body = try disjunction()
        if atKeyword(.if) {
            _ = advance()
            let test = try disjunction()
            guard acceptKeyword(.else) else { throw unexpected(expecting: "else") }
            let orElse = try expression()
            return Expr(.ifExp(test: test, body: body, orElse: orElse), span(start))
        }
        return body
    }

    /// A shortcut for the commonest expression, a literal or plain name standing alone (followed by
    /// `,` `)` `]` `}` `:` or the end): no operator, trailer or keyword can follow it, so the whole
    /// chain from `disjunction` down to `atom` would return the atom itself.
    mutating func loneAtom() throws(PySyntaxError) -> Expr? {
        let t = tokens[i]
        switch t.kind {
        case .string, .number: break
        case .name:
            if let k = t.keyword, k != .True, k != .False, k != .None { return nil }
        case .op, .end: return nil
        }
        var j = i + 1
        if t.kind == .string { while j < tokens.count && tokens[j].kind == .string { j += 1 } }
        guard j < tokens.count else { return nil }
        let next = tokens[j]
        switch next.kind {
        case .end: break
        case .op:
            switch next.op {
            case .comma, .rpar, .rsqb, .rbrace, .colon: break
            default: return nil
            }
        default: return nil
        }
        return try atom()
    }

    mutating func lambda() throws(PySyntaxError) -> Expr {
        let start = advance().start
        let params = try lambdaParameters()
        _ = try expect(.colon)
        let body = try expression()
        return Expr(.lambda(params, body), span(start))
    }

    mutating func lambdaParameters() throws(PySyntaxError) -> Parameters {
        var p = Parameters()
        var seenDefault = false
        var seenSlash = false
        var seenStar = false
        var params: [Parameter] = []
        while !at(.colon) {
            if accept(.slash) {
                guard !seenSlash, !seenStar, !params.isEmpty else { throw unexpected() }
                seenSlash = true
                p.positionalOnly = params
                params = []
            } else if accept(.doubleStar) {
                let name = try parameterName()
                p.kwArgs = name
                _ = accept(.comma)
                guard at(.colon) else { throw unexpected(expecting: ":") }
                break
            } else if accept(.star) {
                guard !seenStar else { throw unexpected() }
                seenStar = true
                p.regular = params
                params = []
                if current.kind == .name {
                    p.varArgs = try parameterName()
                } else if !at(.comma) || peek().isOp(.colon) || peek().isOp(.doubleStar) {
                    // A bare `*` needs a named keyword-only parameter after it.
                    guard at(.comma), !peek().isOp(.colon), !peek().isOp(.doubleStar) else {
                        throw PySyntaxError("named arguments must follow bare *", current.range)
                    }
                }
                if !seenStar { break }
            } else {
                let name = try parameterName()
                var defaultValue: Expr?
                if accept(.equal) { defaultValue = try expression() }
                if seenStar {
                    p.keywordOnly.append(Parameter(name: name))
                    p.keywordDefaults.append(defaultValue)
                } else {
                    if let d = defaultValue {
                        seenDefault = true
                        p.defaults.append(d)
                    } else if seenDefault {
                        throw PySyntaxError("non-default argument follows default argument", current.range)
                    }
                    params.append(Parameter(name: name))
                }
            }
            if at(.colon) { break }
            _ = try expect(.comma)
        }
        if seenStar {
            if p.varArgs == nil && p.keywordOnly.isEmpty && p.kwArgs == nil { throw unexpected() }
        } else {
            p.regular = params
        }
        if seenStar && p.varArgs == nil && p.keywordOnly.isEmpty {
            throw PySyntaxError("named arguments must follow bare *", current.range)
        }
        return p
    }

    mutating func parameterName() throws(PySyntaxError) -> String {
        guard current.kind == .name, current.keyword == nil else { throw unexpected() }
        return advance().text
    }

    // MARK: Boolean operators

    mutating func disjunction() throws(PySyntaxError) -> Expr {
        let start = current.start
        let first = try conjunction()
        guard atKeyword(.or) else { return first }
        var values = [first]
        while acceptKeyword(.or) { values.append(try conjunction()) }
        return Expr(.boolOp(.or, values), span(start))
    }

    mutating func conjunction() throws(PySyntaxError) -> Expr {
        let start = current.start
        let first = try inversion()
        guard atKeyword(.and) else { return first }
        var values = [first]
        while acceptKeyword(.and) { values.append(try inversion()) }
        return Expr(.boolOp(.and, values), span(start))
    }

    mutating func inversion() throws(PySyntaxError) -> Expr {
        if atKeyword(.not) {
            try enter()
            defer { depth -= 1 }
            let start = advance().start
            let operand = try inversion()
            return Expr(.unary(.not, operand), span(start))
        }
        return try comparison()
    }

    mutating func comparison() throws(PySyntaxError) -> Expr {
        let start = current.start
        let left = try binary(0)
        var ops: [(CompareOperator, Expr)] = []
        while true {
            let op: CompareOperator
            if let o = PyParser.compareOperator(current.op) {
                op = o
                _ = advance()
            } else if atKeyword(.in) {
                op = .in
                _ = advance()
            } else if atKeyword(.not) && peek().isKeyword(.in) {
                op = .notIn
                _ = advance()
                _ = advance()
            } else if atKeyword(.is) {
                _ = advance()
                op = acceptKeyword(.not) ? .isNot : .is
            } else {
                break
            }
            ops.append((op, try binary(0)))
        }
        return ops.isEmpty ? left : Expr(.compare(left, ops), span(start))
    }

    // MARK: Binary operators (precedence climbing)

    static let levelCount = 6

    /// A binary operator token's precedence level (0 = `|` ... 5 = `*`) and operator.
    @inline(__always)
    static func binaryOperator(_ t: Token) -> (Int, BinaryOperator)? {
        guard t.kind == .op else { return nil }
        switch t.op {
        case .vbar: return (0, .bitOr)
        case .circumflex: return (1, .bitXor)
        case .amper: return (2, .bitAnd)
        case .leftShift: return (3, .lShift)
        case .rightShift: return (3, .rShift)
        case .plus: return (4, .add)
        case .minus: return (4, .sub)
        case .star: return (5, .mul)
        case .slash: return (5, .div)
        case .doubleSlash: return (5, .floorDiv)
        case .percent: return (5, .mod)
        case .at: return (5, .matMul)
        default: return nil
        }
    }

    /// A comparison operator token's operator (`in`, `not in`, `is` are keywords, handled apart).
    @inline(__always)
    static func compareOperator(_ op: PyOp) -> CompareOperator? {
        switch op {
        case .eqEqual: return .eq
        case .notEqual: return .notEq
        case .less: return .lt
        case .lessEqual: return .ltE
        case .greater: return .gt
        case .greaterEqual: return .gtE
        default: return nil
        }
    }

    mutating func binary(_ level: Int) throws(PySyntaxError) -> Expr {
        if level == PyParser.levelCount { return try factor() }
        let start = current.start
        var left = try binary(level + 1)
        while let (l, op) = PyParser.binaryOperator(current), l == level {
            _ = advance()
            let right = try binary(level + 1)
            left = Expr(.binary(left, op, right), span(start))
        }
        return left
    }

    mutating func bitwiseOr() throws(PySyntaxError) -> Expr { try binary(0) }

    mutating func factor() throws(PySyntaxError) -> Expr {
        let op: UnaryOperator?
        switch current.op {
        case .plus: op = .plus
        case .minus: op = .minus
        case .tilde: op = .invert
        default: op = nil
        }
        if let op {
            try enter()
            defer { depth -= 1 }
            let start = advance().start
            let operand = try factor()
            return Expr(.unary(op, operand), span(start))
        }
        return try power()
    }

    mutating func power() throws(PySyntaxError) -> Expr {
        let start = current.start
        let base = try awaitPrimary()
        if accept(.doubleStar) {
            try enter()
            defer { depth -= 1 }
            let exponent = try factor()
            return Expr(.binary(base, .pow, exponent), span(start))
        }
        return base
    }

    mutating func awaitPrimary() throws(PySyntaxError) -> Expr {
        if atKeyword(.await) {
            let start = advance().start
            let value = try primary()
            return Expr(.await(value), span(start))
        }
        return try primary()
    }

    // MARK: Primary (trailers)

    mutating func primary() throws(PySyntaxError) -> Expr {
        let start = current.start
        var e = try atom()
        while true {
            if accept(.dot) {
                guard current.kind == .name, current.keyword == nil else { throw unexpected() }
                let name = advance().text
                e = Expr(.attribute(e, name), span(start))
            } else if at(.lpar) {
                e = try call(e, start: start)
            } else if accept(.lsqb) {
                let index = try slices()
                _ = try expect(.rsqb)
                e = Expr(.subscription(e, index), span(start))
            } else {
                return e
            }
        }
    }

    mutating func call(_ function: Expr, start: Int) throws(PySyntaxError) -> Expr {
        try enter()
        defer { depth -= 1 }
        _ = try expect(.lpar)
        var args: [Expr] = []
        var keywords: [Keyword] = []
        var sawKeyword = false
        var sawDoubleStar = false
        while !at(.rpar) {
            let argStart = current.start
            if accept(.doubleStar) {
                let value = try expression()
                keywords.append(Keyword(name: nil, value: value, range: span(argStart)))
                sawDoubleStar = true
            } else if accept(.star) {
                if sawDoubleStar {
                    throw PySyntaxError("iterable argument unpacking follows keyword argument unpacking", span(argStart))
                }
                let value = try expression()
                args.append(Expr(.starred(value), span(argStart)))
            } else if current.kind == .name && peek().isOp(.equal) && current.keyword == nil {
                let name = advance().text
                _ = advance()
                let value = try expression()
                keywords.append(Keyword(name: name, value: value, range: span(argStart)))
                sawKeyword = true
            } else {
                var value = try namedExpression()
                if at(.equal) {
                    throw PySyntaxError("expression cannot contain assignment, perhaps you meant \"==\"?", span(argStart))
                }
                if atKeyword(.for) || atKeyword(.async) {
                    // A generator argument: only as the sole argument, without a trailing comma.
                    let comps = try comprehensionClauses()
                    value = Expr(.generator(value, comps), span(argStart))
                    guard args.isEmpty && keywords.isEmpty && at(.rpar) else {
                        throw PySyntaxError("Generator expression must be parenthesized", value.range)
                    }
                }
                if sawKeyword || sawDoubleStar {
                    throw PySyntaxError(
                        sawDoubleStar
                            ? "positional argument follows keyword argument unpacking"
                            : "positional argument follows keyword argument", value.range)
                }
                args.append(value)
            }
            if at(.rpar) { break }
            _ = try expect(.comma)
        }
        _ = try expect(.rpar)
        return Expr(.call(function: function, arguments: args, keywords: keywords), span(start))
    }

    /// `slices`: one slice, or a tuple of slices and starred expressions.
    mutating func slices() throws(PySyntaxError) -> Expr {
        let start = current.start
        let first = try sliceItem()
        guard at(.comma) else {
            if case .starred = first.kind { return Expr(.tuple([first]), span(start)) }
            return first
        }
        var items = [first]
        while accept(.comma) {
            if at(.rsqb) { break }
            items.append(try sliceItem())
        }
        return Expr(.tuple(items), span(start))
    }

    mutating func sliceItem() throws(PySyntaxError) -> Expr {
        let start = current.start
        if at(.star) {
            _ = advance()
            let value = try bitwiseOr()
            return Expr(.starred(value), span(start))
        }
        var lower: Expr?
        if !at(.colon) {
            let e = try namedExpression()
            guard at(.colon) else { return e }
            if case .namedExpr = e.kind { throw unexpected() }
            lower = e
        }
        _ = try expect(.colon)
        var upper: Expr?
        var step: Expr?
        if !at(.colon) && !at(.comma) && !at(.rsqb) { upper = try expression() }
        if accept(.colon) {
            if !at(.comma) && !at(.rsqb) { step = try expression() }
        }
        return Expr(.slice(lower: lower, upper: upper, step: step), span(start))
    }

    // MARK: Atoms

    mutating func atom() throws(PySyntaxError) -> Expr {
        let t = current
        switch t.kind {
        case .name:
            switch t.keyword {
            case .True?:
                _ = advance()
                return Expr(.constant(.bool(true)), t.range)
            case .False?:
                _ = advance()
                return Expr(.constant(.bool(false)), t.range)
            case .None?:
                _ = advance()
                return Expr(.constant(.none), t.range)
            default:
                if t.keyword != nil { throw unexpected() }
                _ = advance()
                return Expr(.name(t.text), t.range)
            }
        case .number:
            _ = advance()
            if let small = PyLiterals.smallDecimal(t.text) { return Expr(.constant(.int(.small(small))), t.range) }
            return Expr(.constant(try PyLiterals.number(t.text, range: t.range)), t.range)
        case .string:
            return try strings()
        case .end:
            throw unexpected()
        case .op:
            switch t.op {
            case .ellipsis:
                _ = advance()
                return Expr(.constant(.ellipsis), t.range)
            case .lpar: return try parenthesized()
            case .lsqb: return try listDisplay()
            case .lbrace: return try braceDisplay()
            default: throw unexpected()
            }
        }
    }

    mutating func strings() throws(PySyntaxError) -> Expr {
        let start = current.start
        var parts: [StringToken] = []
        var ranges: [Range<Int>] = []
        while current.kind == .string, let s = current.string {
            parts.append(s)
            ranges.append(current.range)
            _ = advance()
        }
        let kind = try PyLiterals.concatenate(
            parts, ranges: ranges,
            parseField: { text, offset throws(PySyntaxError) in
                try PyParser.parseFStringExpression(text, offset: offset)
            })
        return Expr(kind, span(start))
    }

    /// Parses the expression inside an f-string replacement field (`(expr)` as Python does).
    static func parseFStringExpression(_ scalars: [Unicode.Scalar], offset: Int) throws(PySyntaxError) -> Expr {
        // Positions are shifted so they point into the enclosing source.
        var padded = [Unicode.Scalar](repeating: " ", count: max(0, offset - 1))
        padded.append("(")
        padded.append(contentsOf: scalars)
        padded.append(")")
        var parser = PyParser(scalars: padded)
        let e = try parser.parseEval()
        return e
    }

    mutating func parenthesized() throws(PySyntaxError) -> Expr {
        try enter()
        defer { depth -= 1 }
        let start = advance().start
        if accept(.rpar) { return Expr(.tuple([]), span(start)) }
        if atKeyword(.yield) {
            let y = try yieldExpression()
            _ = try expect(.rpar)
            return Expr(y.kind, span(start))
        }
        let first: Expr
        if at(.star) { first = try starNamedExpression() } else { first = try namedExpression() }
        if atKeyword(.for) || atKeyword(.async) {
            if case .starred = first.kind { throw unexpected() }
            let comps = try comprehensionClauses()
            _ = try expect(.rpar)
            return Expr(.generator(first, comps), span(start))
        }
        if accept(.rpar) {
            if case .starred = first.kind {
                throw PySyntaxError("cannot use starred expression here", first.range)
            }
            var e = first
            e.range = span(start)
            return e
        }
        var items = [first]
        while accept(.comma) {
            if at(.rpar) { break }
            items.append(try starNamedExpression())
        }
        _ = try expect(.rpar)
        return Expr(.tuple(items), span(start))
    }

    mutating func yieldExpression() throws(PySyntaxError) -> Expr {
        let start = advance().start
        if acceptKeyword(.from) {
            let value = try expression()
            return Expr(.yieldFrom(value), span(start))
        }
        if at(.rpar) { return Expr(.yield(nil), span(start)) }
        let vstart = current.start
        let first = at(.star) ? try starNamedExpression() : try expression()
        if at(.comma) {
            var items = [first]
            while accept(.comma) {
                if at(.rpar) { break }
                items.append(at(.star) ? try starNamedExpression() : try expression())
            }
            return Expr(.yield(Expr(.tuple(items), span(vstart))), span(start))
        }
        if case .starred = first.kind { throw unexpected() }
        return Expr(.yield(first), span(start))
    }

    mutating func listDisplay() throws(PySyntaxError) -> Expr {
        try enter()
        defer { depth -= 1 }
        let start = advance().start
        if accept(.rsqb) { return Expr(.list([]), span(start)) }
        let first = try starNamedExpression()
        if atKeyword(.for) || atKeyword(.async) {
            if case .starred = first.kind { throw unexpected() }
            let comps = try comprehensionClauses()
            _ = try expect(.rsqb)
            return Expr(.listComp(first, comps), span(start))
        }
        var items = [first]
        while accept(.comma) {
            if at(.rsqb) { break }
            items.append(try starNamedExpression())
        }
        _ = try expect(.rsqb)
        return Expr(.list(items), span(start))
    }

    mutating func braceDisplay() throws(PySyntaxError) -> Expr {
        try enter()
        defer { depth -= 1 }
        let start = advance().start
        if accept(.rbrace) { return Expr(.dict([]), span(start)) }
        // Dict: starts with `**` or `expression ':'`.
        if at(.doubleStar) { return try dictRest(start: start, first: nil) }
        let first = try starNamedExpression()
        if at(.colon) {
            if case .starred = first.kind { throw unexpected() }
            if case .namedExpr = first.kind, src[first.range.lowerBound] != "(" { throw unexpected() }
            _ = advance()
            let value = try expression()
            if atKeyword(.for) || atKeyword(.async) {
                let comps = try comprehensionClauses()
                _ = try expect(.rbrace)
                return Expr(.dictComp(key: first, value: value, comps), span(start))
            }
            return try dictRest(start: start, first: (first, value))
        }
        if atKeyword(.for) || atKeyword(.async) {
            if case .starred = first.kind { throw unexpected() }
            let comps = try comprehensionClauses()
            _ = try expect(.rbrace)
            return Expr(.setComp(first, comps), span(start))
        }
        var items = [first]
        while accept(.comma) {
            if at(.rbrace) { break }
            items.append(try starNamedExpression())
        }
        _ = try expect(.rbrace)
        return Expr(.set(items), span(start))
    }

    mutating func dictRest(start: Int, first: (Expr, Expr)?) throws(PySyntaxError) -> Expr {
        var pairs: [(key: Expr?, value: Expr)] = []
        if let first {
            pairs.append((first.0, first.1))
        } else {
            _ = try expect(.doubleStar)
            pairs.append((nil, try bitwiseOr()))
        }
        while accept(.comma) {
            if at(.rbrace) { break }
            if accept(.doubleStar) {
                pairs.append((nil, try bitwiseOr()))
            } else {
                let key = try expression()
                _ = try expect(.colon)
                pairs.append((key, try expression()))
            }
        }
        _ = try expect(.rbrace)
        return Expr(.dict(pairs), span(start))
    }

    // MARK: Comprehensions

    mutating func comprehensionClauses() throws(PySyntaxError) -> [Comprehension] {
        var result: [Comprehension] = []
        while atKeyword(.for) || (atKeyword(.async) && peek().isKeyword(.for)) {
            let isAsync = acceptKeyword(.async)
            _ = advance()  // for
            let target = try targetList()
            guard acceptKeyword(.in) else { throw unexpected(expecting: "in") }
            let iter = try disjunction()
            var ifs: [Expr] = []
            while acceptKeyword(.if) { ifs.append(try disjunction()) }
            result.append(Comprehension(target: target, iter: iter, ifs: ifs, isAsync: isAsync))
        }
        return result
    }

    /// `star_targets` of a `for` clause.
    mutating func targetList() throws(PySyntaxError) -> Expr {
        let start = current.start
        let first = try starTarget()
        guard at(.comma) else { return first }
        var items = [first]
        while accept(.comma) {
            if atKeyword(.in) { break }
            items.append(try starTarget())
        }
        return Expr(.tuple(items), span(start))
    }

    mutating func starTarget() throws(PySyntaxError) -> Expr {
        let start = current.start
        if accept(.star) {
            if at(.star) { throw unexpected() }
            let inner = try starTarget()
            return Expr(.starred(inner), span(start))
        }
        let e = try primary()
        try PyParser.validateTarget(e)
        return e
    }

    static func validateTarget(_ e: Expr) throws(PySyntaxError) {
        switch e.kind {
        case .name, .attribute, .subscription: return
        case .tuple(let items), .list(let items):
            for item in items {
                if case .starred(let inner) = item.kind { try validateTarget(inner) } else { try validateTarget(item) }
            }
        case .starred(let inner): try validateTarget(inner)
        default:
            throw PySyntaxError("cannot assign to \(e.nodeName)", e.range)
        }
    }
}
