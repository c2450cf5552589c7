// MARK: - Parsed predictions

/// One predicted call: `name(param=value, ...)`.
public struct PredictedCall: Sendable {
    /// The dotted function name (`a.b.c`), or the reference's reading of an odd callee (`""` for `f()()`).
    public var name: String
    /// Keyword arguments in Python dict order; a nil name is a `**mapping` entry.
    public var arguments: [(name: String?, value: PyValue)]
    /// Where each argument stands in the prediction text (code-point offsets), parallel to `arguments`.
    public var argumentRanges: [Range<Int>]
    /// Where the call stands in the prediction text.
    public var range: Range<Int>

    /// The value of the argument named `name`, if any.
    public func argument(_ name: String) -> PyValue? {
        arguments.first { $0.name?.scalarsEqual(name) ?? false }?.value
    }
}

/// A prediction read as the reference reads it: the platform key and the calls.
public struct ParsedPrediction: Sendable {
    /// The first key of the mapping (a name or a literal).
    public var platform: PyValue
    public var platformRange: Range<Int>
    public var calls: [PredictedCall]
}

/// Why a prediction counts as a format failure, and where (code-point offsets into the text).
public struct FormatFailure: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Python could not parse the text (wrapped in `{...}`).
        case syntax
        /// It parsed, but not as a `Platform: [...]` mapping.
        case notMapping
        /// The first key is neither a bare name nor a literal.
        case badKey
        /// The value is neither a call nor a list, tuple or set of calls.
        case notCalls
        /// A parameter value of a kind the reference cannot read (attribute, f-string, comparison...).
        case unsupportedValue
        /// Computing a value raised in the reference (`-'a'`, `1/0`).
        case valueRaised
        /// The reference would execute code here; ptscope refuses and counts a format failure.
        case wouldExecute
        /// The predictions file has no usable line for this case.
        case missingPrediction
        /// The `predict` field is not a string.
        case notText
        /// A comparison with the gold value raised in the reference.
        case comparisonRaised
        /// The gold answer itself is malformed, which makes the reference raise.
        case malformedGold
        /// The JSON-style prediction format did not have the expected shape.
        case jsonShape
        /// Computing the prediction's values would pass ptscope's budget (``PyBudget/maxElements``).
        case tooLarge
    }

    public var kind: Kind
    public var message: String
    /// Code-point offsets in the prediction text, when a span is to blame.
    public var range: Range<Int>?

    public init(_ kind: Kind, _ message: String, _ range: Range<Int>? = nil) {
        self.kind = kind
        self.message = message
        self.range = range
    }

    public var description: String { message }
}

// MARK: - PredictionParser

/// Reads model output with the reference scorer's exact semantics (`src/parse.py`).
public enum PredictionParser {
    /// Which text format the predictions use.
    public enum Format: String, Sendable, CaseIterable {
        /// `Platform:[f(a=1), g(b='x')]`, the format PTBench asks for and scores.
        case reference
        /// `{'platform': ..., 'functions': [{'name': ..., 'parameters': {...}}]}` (the reference's alternative parser).
        case json
    }

    /// Parses `text`; a failure says why and where.
    public static func parse(_ text: String, format: Format = .reference) -> Result<ParsedPrediction, FormatFailure> {
        // Deep nesting needs long text; only then is the work moved to a thread with a large stack.
        if text.utf8.count > 600 {
            return LargeStack.run { parseOnThisThread(text, format: format) }
        }
        return parseOnThisThread(text, format: format)
    }

    static func parseOnThisThread(_ text: String, format: Format) -> Result<ParsedPrediction, FormatFailure> {
        switch format {
        case .reference: return parseReference(text)
        case .json: return parseJSONStyle(text)
        }
    }

    // MARK: Reference format

    static func parseReference(_ text: String) -> Result<ParsedPrediction, FormatFailure> {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count + 2)
        scalars.append("{")
        let copiedASCII = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            for b in bytes { scalars.append(Unicode.Scalar(b)) }
            return true
        }
        if copiedASCII != true { scalars.append(contentsOf: text.unicodeScalars) }
        scalars.append("}")
        let textLength = scalars.count - 2
        let (translated, map) = PyParser.translateNewlines(scalars)
        // Offsets in the wrapped, translated source → offsets in `text`.
        func toText(_ r: Range<Int>) -> Range<Int> {
            func one(_ k: Int) -> Int {
                let original = map.map { $0[min(max(k, 0), $0.count - 1)] } ?? k
                return min(max(original - 1, 0), textLength)
            }
            let lo = one(r.lowerBound)
            return lo..<max(lo, one(r.upperBound))
        }
        var parser = PyParser(scalars: translated)
        let body: Expr
        do {
            body = try parser.parseEval()
        } catch {
            return .failure(FormatFailure(.syntax, "not valid Python: \(error.message)", toText(error.range)))
        }
        guard case .dict(let pairs) = body.kind, let first = pairs.first else {
            let message = "expected `Platform:[call(...), ...]`; the text reads as \(PyParserSupport.named(body))"
            return .failure(FormatFailure(.notMapping, message, toText(body.range)))
        }
        guard let keyExpr = first.key else {
            return .failure(FormatFailure(.badKey, "the first entry is `**...`, not `Platform:`", toText(first.value.range)))
        }
        let platform: PyValue
        switch keyExpr.kind {
        case .name(let n): platform = .str(n)
        case .constant(let c):
            if case .ellipsis = c { platform = .ellipsis } else { platform = PyEval.value(of: c) }
        default:
            let message = "the platform must be a bare name or a literal, not \(PyParserSupport.named(keyExpr))"
            return .failure(FormatFailure(.badKey, message, toText(keyExpr.range)))
        }
        var calls: [PredictedCall] = []
        let budget = PyBudget()
        let elements: [Expr]
        switch first.value.kind {
        case .call: elements = [first.value]
        case .list(let items), .tuple(let items), .set(let items): elements = items
        default:
            let message = "expected a call or a list of calls after `Platform:`, found \(PyParserSupport.named(first.value))"
            return .failure(FormatFailure(.notCalls, message, toText(first.value.range)))
        }
        for element in elements {
            guard case .call = element.kind else {
                let message = "every element must be a call, found \(PyParserSupport.named(element))"
                return .failure(FormatFailure(.notCalls, message, toText(element.range)))
            }
            switch resolveCall(element, budget) {
            case .success(let call):
                var c = call
                c.range = toText(c.range)
                c.argumentRanges = c.argumentRanges.map(toText)
                calls.append(c)
            case .failure(var f):
                f.range = f.range.map(toText)
                return .failure(f)
            }
        }
        return .success(ParsedPrediction(platform: platform, platformRange: toText(keyExpr.range), calls: calls))
    }

    /// The reference's reading of a call: dotted name, keyword arguments only.
    static func resolveCall(_ e: Expr, _ budget: PyBudget) -> Result<PredictedCall, FormatFailure> {
        guard case .call(let function, _, let keywords) = e.kind else {
            return .failure(FormatFailure(.notCalls, "not a call", e.range))
        }
        var parts: [String] = []
        var f = function
        while case .attribute(let value, let attr) = f.kind {
            parts.append(attr)
            f = value
        }
        if case .name(let n) = f.kind { parts.append(n) }
        let name = parts.reversed().joined(separator: ".")
        var arguments: [(name: String?, value: PyValue)] = []
        var ranges: [Range<Int>] = []
        // Where each name is in `arguments`, by its code points (a repeated keyword keeps its first
        // position and takes the last value).
        var position: [[UInt8]: Int] = [:]
        for keyword in keywords {
            let value: PyValue
            switch resolveValue(keyword.value, budget) {
            case .success(let v): value = v
            case .failure(let failure): return .failure(failure)
            }
            // A name is never empty, so `[]` stands for `**x` (all of which share one entry).
            let key = keyword.name.map { Array($0.utf8) } ?? []
            if let at = position[key] {
                arguments[at].value = value
                ranges[at] = keyword.range
            } else {
                position[key] = arguments.count
                arguments.append((keyword.name, value))
                ranges.append(keyword.range)
            }
        }
        return .success(PredictedCall(name: name, arguments: arguments, argumentRanges: ranges, range: e.range))
    }

    /// The reference's `resolve_ast_by_type`; what its operations compute is charged to `budget`.
    static func resolveValue(_ e: Expr, _ budget: PyBudget) -> Result<PyValue, FormatFailure> {
        switch e.kind {
        case .constant(let c):
            if case .ellipsis = c { return .success(.str("...")) }
            return .success(PyEval.value(of: c))
        case .unary(let op, let operand):
            // The reference negates the operand's literal value whatever the operator is.
            guard case .constant(let c) = operand.kind else {
                let message = "a unary `\(op.rawValue)` applies only to a literal here, not to \(PyParserSupport.named(operand))"
                return .failure(FormatFailure(.unsupportedValue, message, e.range))
            }
            switch PyEval.value(of: c) {
            case .int(let i): return .success(.int(-i))
            case .bool(let b): return .success(.int(.small(b ? -1 : 0)))
            case .float(let d): return .success(.float(-d))
            case .complex(let r, let i): return .success(.complex(-r, -i))
            case let other:
                let message = "the reference negates the literal and raises: bad operand type for unary -: '\(other.typeName)'"
                return .failure(FormatFailure(.valueRaised, message, e.range))
            }
        case .list(let items):
            return resolveAll(items, budget).map { .list($0) }
        case .tuple(let items):
            return resolveAll(items, budget).map { .tuple($0) }
        case .dict(let pairs):
            var d = PyDict()
            for pair in pairs {
                guard let keyExpr = pair.key else {
                    let message = "`**` inside a dict value is not readable by the reference"
                    return .failure(FormatFailure(.unsupportedValue, message, pair.value.range))
                }
                let key: PyValue
                switch resolveValue(keyExpr, budget) {
                case .success(let v): key = v
                case .failure(let f): return .failure(f)
                }
                let value: PyValue
                switch resolveValue(pair.value, budget) {
                case .success(let v): value = v
                case .failure(let f): return .failure(f)
                }
                do { try d.set(key, value) } catch {
                    return .failure(FormatFailure(.valueRaised, "the reference raises: \(error)", keyExpr.range))
                }
            }
            return .success(.dict(d))
        case .binary:
            do {
                return .success(try PyEval.evaluate(e, budget: budget))
            } catch {
                if budget.exceeded { return .failure(tooLarge(e)) }
                switch error {
                case .raised(let x, let node):
                    return .failure(FormatFailure(.valueRaised, "computing this operation raises \(x)", node.range))
                case .unsupported(let u):
                    return .failure(FormatFailure(.wouldExecute, u.reason, u.node.range))
                }
            }
        case .name(let n):
            return .success(.str(n))
        case .call(_, _, let keywords):
            if keywords.isEmpty {
                if e.depth > PyEval.maxDepth { return .failure(recursion(e)) }
                return unparsed(e).map { .str($0) }
            }
            switch resolveCall(e, budget) {
            case .success(let call):
                var args = PyDict()
                for (k, v) in call.arguments { try? args.set(k.map { PyValue.str($0) } ?? .none, v) }
                var outer = PyDict()
                try? outer.set(.str(call.name), .dict(args))
                return .success(.dict(outer))
            case .failure(let f):
                return .failure(f)
            }
        case .subscription(let value, let slice):
            if value.depth >= PyEval.maxDepth || slice.depth >= PyEval.maxDepth { return .failure(recursion(e)) }
            return unparsed(value).flatMap { v in unparsed(slice).map { .str(v + "[" + $0 + "]") } }
        case .lambda:
            return .failure(FormatFailure(.unsupportedValue, "a lambda value makes the reference raise", e.range))
        default:
            let message = "a \(PyParserSupport.describe(e)) is not a value the reference can read"
            return .failure(FormatFailure(.unsupportedValue, message, e.range))
        }
    }

    /// Resolves each element in order; the first failure wins.
    static func resolveAll(_ items: [Expr], _ budget: PyBudget) -> Result<[PyValue], FormatFailure> {
        var out: [PyValue] = []
        for item in items {
            switch resolveValue(item, budget) {
            case .success(let v): out.append(v)
            case .failure(let f): return .failure(f)
            }
        }
        return .success(out)
    }

    static func unparsed(_ e: Expr) -> Result<String, FormatFailure> {
        PyUnparser.checkedUnparse(e).mapError {
            FormatFailure(.valueRaised, "printing this back raises \($0) in the reference", e.range)
        }
    }

    /// The failure of a prediction whose operations pass the budget.
    static func tooLarge(_ e: Expr) -> FormatFailure {
        FormatFailure(
            .tooLarge,
            "too large to compute: ptscope computes at most \(PyBudget.maxElements) elements (nested ones counted) and ints of "
                + "\(PyEval.sizeLimit) bits per prediction; PTBench's scorer would try to build this value in memory", e.range)
    }

    static func recursion(_ e: Expr) -> FormatFailure {
        FormatFailure(
            .valueRaised, "the reference's ast.unparse hits Python's recursion limit on an expression this deep", e.range)
    }

    // MARK: JSON-style format

    static func parseJSONStyle(_ text: String) -> Result<ParsedPrediction, FormatFailure> {
        // The reference swaps every ' for " and True/False for true/false, then reads JSON.
        let swapped = text.replacingOccurrences(of: "'", with: "\"").replacingOccurrences(of: "True", with: "true")
            .replacingOccurrences(of: "False", with: "false")
        let value: JSONValue
        do {
            value = try JSONReader.parse(swapped)
        } catch {
            let offset = swapped.utf8.index(swapped.utf8.startIndex, offsetBy: min(error.offset, swapped.utf8.count))
            let at = swapped.unicodeScalars.distance(from: swapped.unicodeScalars.startIndex, to: offset)
            return .failure(FormatFailure(.syntax, "not valid JSON: \(error.message)", at..<(at + 1)))
        }
        if let digits = value.overlongIntegerDigits {
            return .failure(
                FormatFailure(
                    .syntax, "not valid JSON for Python: an integer of \(digits) digits; \(PyInt.tooManyDigits) (json.loads)"))
        }
        guard case .object(let object) = value, let platform = object["platform"] else {
            return .failure(FormatFailure(.jsonShape, "expected an object with \"platform\" and \"functions\""))
        }
        guard case .array(let functions) = object["functions"] ?? .null else {
            return .failure(FormatFailure(.jsonShape, "\"functions\" must be a list"))
        }
        var calls: [PredictedCall] = []
        for function in functions {
            guard case .object(let f) = function, case .string(let name) = f["name"] ?? .null,
                case .object(let parameters) = f["parameters"] ?? .null
            else {
                return .failure(FormatFailure(.jsonShape, "each function needs a string \"name\" and an object \"parameters\""))
            }
            let arguments = parameters.pythonMembers.map { (name: Optional($0.key), value: PyValue(json: $0.value)) }
            calls.append(
                PredictedCall(
                    name: name.escaped, arguments: arguments, argumentRanges: arguments.map { _ in 0..<0 }, range: 0..<0))
        }
        return .success(ParsedPrediction(platform: PyValue(json: platform), platformRange: 0..<0, calls: calls))
    }
}

// MARK: - Helpers

enum PyParserSupport {
    static func describe(_ e: Expr) -> String {
        switch e.kind {
        case .attribute: return "attribute access (`x.y`)"
        case .joinedStr: return "f-string"
        case .compare: return "comparison"
        case .set: return "set display"
        case .ifExp: return "conditional expression"
        case .starred: return "starred expression"
        case .boolOp: return "boolean operation"
        case .namedExpr: return "assignment expression (`:=`)"
        case .listComp, .setComp, .dictComp, .generator: return "comprehension"
        case .await: return "await expression"
        case .yield, .yieldFrom: return "yield expression"
        case .name: return "name"
        case .constant: return "literal"
        case .unary: return "unary operation"
        case .binary: return "binary operation"
        case .lambda: return "lambda"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .call: return "call"
        case .subscription: return "subscript"
        case .slice: return "slice"
        }
    }

    /// The expression's kind in words, with its article: "a call", "an f-string", "an attribute
    /// access (`x.y`)".
    static func named(_ e: Expr) -> String {
        let words = describe(e)
        let vowelSound = words.first.map { "aeiou".contains($0) } ?? false || words.hasPrefix("f-")
        return (vowelSound ? "an " : "a ") + words
    }
}

// MARK: - JSON → Python

extension JSONValue {
    /// The digit count of the first integer Python's `json` refuses to read (more than
    /// ``PyInt/maxDecimalDigits`` digits: `ValueError`), if any. Cost: one walk of the value.
    public var overlongIntegerDigits: Int? {
        switch self {
        case .number(let n):
            guard n.isInteger else { return nil }
            let digits = n.text.utf8.count - (n.text.hasPrefix("-") ? 1 : 0)
            return digits > PyInt.maxDecimalDigits ? digits : nil
        case .array(let items):
            for item in items { if let d = item.overlongIntegerDigits { return d } }
            return nil
        case .object(let object):
            for member in object.members { if let d = member.value.overlongIntegerDigits { return d } }
            return nil
        default: return nil
        }
    }
}

extension PyValue {
    /// The value Python's `json` module gives for `json`. An integer of more than 4,300 digits,
    /// which Python's `json` refuses (check ``JSONValue/overlongIntegerDigits`` first), is never
    /// converted (that is quadratic): it becomes a string saying so, for display only.
    public init(json: JSONValue) {
        switch json {
        case .null: self = .none
        case .bool(let b): self = .bool(b)
        case .number(let n):
            if n.isInteger {
                let digits = n.text.utf8.count - (n.text.hasPrefix("-") ? 1 : 0)
                if digits > PyInt.maxDecimalDigits {
                    self = .str("<int of \(digits) digits, more than Python's json reads>")
                } else if let i = PyInt(decimal: n.text) {
                    self = .int(i)
                } else {
                    self = .float(n.doubleValue)
                }
            } else {
                self = .float(n.doubleValue)
            }
        case .string(let s): self = .str(s)
        case .array(let items): self = .list(items.map(PyValue.init(json:)))
        case .object(let object):
            var d = PyDict()
            if object.surrogateKeys.isEmpty {
                for (k, v) in object.pythonMembers { try? d.set(.str(k), PyValue(json: v)) }
            } else {
                for (k, v) in object.exactPythonMembers { try? d.set(.str(k), PyValue(json: v)) }
            }
            self = .dict(d)
        }
    }
}
