// MARK: - Expr

/// A Python expression node with its source range (code-point offsets into the parsed text).
public struct Expr: Sendable {
    public var kind: Kind
    /// Code-point offsets `[start, end)` in the text handed to ``PyParser``.
    public var range: Range<Int>

    /// Nodes on the longest path down from this one (a leaf is 1); Python bounds how deep an AST may be.
    public let depth: Int

    public init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
        self.depth = 1 + Expr.childDepth(kind)
    }

    /// The deepest child, read from the children's stored depths (no recursion).
    static func childDepth(_ kind: Kind) -> Int {
        func d(_ e: Expr?) -> Int { e?.depth ?? 0 }
        func m(_ es: [Expr]) -> Int { es.reduce(0) { max($0, $1.depth) } }
        func comps(_ cs: [Comprehension]) -> Int {
            cs.reduce(0) { max($0, $1.target.depth + 1, $1.iter.depth + 1, m($1.ifs) + 1) }
        }
        func parts(_ ps: [FStringPart]) -> Int {
            ps.reduce(0) { acc, p in
                if case .field(let f) = p { return max(acc, f.expression.depth + 1, parts(f.formatSpec ?? []) + 1) }
                return max(acc, 1)
            }
        }
        switch kind {
        case .name, .constant: return 0
        case .joinedStr(let ps): return parts(ps)
        case .unary(_, let e), .await(let e), .yieldFrom(let e), .starred(let e), .attribute(let e, _): return e.depth
        case .yield(let e): return d(e)
        case .binary(let l, _, let r): return max(l.depth, r.depth)
        case .boolOp(_, let es), .list(let es), .tuple(let es), .set(let es): return m(es)
        case .compare(let l, let ops): return max(l.depth, m(ops.map { $0.1 }))
        case .ifExp(let a, let b, let c): return max(a.depth, b.depth, c.depth)
        case .lambda(let p, let body): return max(body.depth, m(p.defaults) + 1, m(p.keywordDefaults.compactMap { $0 }) + 1)
        case .namedExpr(let t, let v): return max(t.depth, v.depth)
        case .dict(let pairs): return pairs.reduce(0) { max($0, d($1.key), $1.value.depth) }
        case .listComp(let e, let cs), .setComp(let e, let cs), .generator(let e, let cs): return max(e.depth, comps(cs))
        case .dictComp(let k, let v, let cs): return max(k.depth, v.depth, comps(cs))
        case .call(let f, let args, let kws): return max(f.depth, m(args), m(kws.map(\.value)) + 1)
        case .subscription(let v, let i): return max(v.depth, i.depth)
        case .slice(let a, let b, let c): return max(d(a), d(b), d(c))
        }
    }

    public indirect enum Kind: Sendable {
        case name(String)
        case constant(Constant)
        case joinedStr([FStringPart])
        case unary(UnaryOperator, Expr)
        case binary(Expr, BinaryOperator, Expr)
        case boolOp(BoolOperator, [Expr])
        case compare(Expr, [(CompareOperator, Expr)])
        case ifExp(test: Expr, body: Expr, orElse: Expr)
        case lambda(Parameters, Expr)
        case namedExpr(target: Expr, value: Expr)
        case list([Expr])
        case tuple([Expr])
        case set([Expr])
        /// Dict display; a nil key is a `**mapping` entry.
        case dict([(key: Expr?, value: Expr)])
        case listComp(Expr, [Comprehension])
        case setComp(Expr, [Comprehension])
        case generator(Expr, [Comprehension])
        case dictComp(key: Expr, value: Expr, [Comprehension])
        case await(Expr)
        case yield(Expr?)
        case yieldFrom(Expr)
        case call(function: Expr, arguments: [Expr], keywords: [Keyword])
        case attribute(Expr, String)
        case subscription(Expr, Expr)
        case starred(Expr)
        case slice(lower: Expr?, upper: Expr?, step: Expr?)
    }

    /// A short node name (as Python's `ast` calls it) for diagnostics.
    public var nodeName: String {
        switch kind {
        case .name: return "Name"
        case .constant: return "Constant"
        case .joinedStr: return "JoinedStr"
        case .unary: return "UnaryOp"
        case .binary: return "BinOp"
        case .boolOp: return "BoolOp"
        case .compare: return "Compare"
        case .ifExp: return "IfExp"
        case .lambda: return "Lambda"
        case .namedExpr: return "NamedExpr"
        case .list: return "List"
        case .tuple: return "Tuple"
        case .set: return "Set"
        case .dict: return "Dict"
        case .listComp: return "ListComp"
        case .setComp: return "SetComp"
        case .generator: return "GeneratorExp"
        case .dictComp: return "DictComp"
        case .await: return "Await"
        case .yield: return "Yield"
        case .yieldFrom: return "YieldFrom"
        case .call: return "Call"
        case .attribute: return "Attribute"
        case .subscription: return "Subscript"
        case .starred: return "Starred"
        case .slice: return "Slice"
        }
    }
}

// MARK: - Leaves

/// A literal constant.
public enum Constant: Sendable {
    case none
    case bool(Bool)
    case ellipsis
    case int(PyInt)
    case float(Double)
    /// An imaginary literal `3j` (its imaginary part).
    case imaginary(Double)
    /// A string; `uPrefix` is Python's `kind == "u"`.
    case str(CodePointString, uPrefix: Bool)
    case bytes([UInt8])
}

/// One piece of an f-string.
public enum FStringPart: Sendable {
    case literal(CodePointString)
    case field(FormattedValue)
}

/// `{expr!conv:spec}` inside an f-string.
public struct FormattedValue: Sendable {
    public var expression: Expr
    /// `r`, `s`, `a` or nil.
    public var conversion: Character?
    public var formatSpec: [FStringPart]?
    /// Source text of `expr=` self-documenting fields, prepended as a literal by Python.
    public var selfDocumenting: Bool
}

public enum UnaryOperator: String, Sendable {
    case not = "not"
    case invert = "~"
    case plus = "+"
    case minus = "-"
}

public enum BinaryOperator: String, Sendable {
    case add = "+"
    case sub = "-"
    case mul = "*"
    case matMul = "@"
    case div = "/"
    case mod = "%"
    case pow = "**"
    case lShift = "<<"
    case rShift = ">>"
    case bitOr = "|"
    case bitXor = "^"
    case bitAnd = "&"
    case floorDiv = "//"
}

public enum BoolOperator: String, Sendable { case and, or }

public enum CompareOperator: String, Sendable {
    case eq = "=="
    case notEq = "!="
    case lt = "<"
    case ltE = "<="
    case gt = ">"
    case gtE = ">="
    case `is` = "is"
    case isNot = "is not"
    case `in` = "in"
    case notIn = "not in"
}

/// `name=value` or `**value` (name nil) in a call.
public struct Keyword: Sendable {
    public var name: String?
    public var value: Expr
    public var range: Range<Int>
}

/// `for target in iter if cond...` in a comprehension.
public struct Comprehension: Sendable {
    public var target: Expr
    public var iter: Expr
    public var ifs: [Expr]
    public var isAsync: Bool
}

/// A lambda's parameter list.
public struct Parameters: Sendable {
    public var positionalOnly: [Parameter] = []
    public var regular: [Parameter] = []
    /// Defaults for the last parameters of `positionalOnly + regular`.
    public var defaults: [Expr] = []
    public var varArgs: String?
    public var keywordOnly: [Parameter] = []
    /// One per keyword-only parameter (nil: no default).
    public var keywordDefaults: [Expr?] = []
    public var kwArgs: String?
}

public struct Parameter: Sendable {
    public var name: String
}
