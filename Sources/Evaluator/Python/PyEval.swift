import BigInt
import Foundation

// MARK: - PyEval

/// Evaluates literal-only expressions the way Python's `eval` would, for the reference's `BinOp` rule.
///
/// Names, calls and anything that would run code are refused (``Unsupported``): the reference
/// executes them, ptscope never does.
enum PyEval {
    /// The expression needs something ptscope refuses to execute (a name, a call...).
    struct Unsupported: Error {
        let node: Expr
        let reason: String
    }

    enum Failure: Error {
        case raised(PyException, Expr)
        case unsupported(Unsupported)
    }

    /// Ints larger than this many bits (about 1.26 million digits) are refused as too large to
    /// compute; `%` widths and precisions too.
    static let sizeLimit = 1 << 22

    /// Charges a division's schoolbook cost (words of the dividend × words of the divisor).
    static func checkDivision(_ a: PyInt, _ b: PyInt, _ budget: PyBudget) throws {
        try chargeWordSteps(a.bitWidth, b.bitWidth, budget)
    }

    /// Charges the schoolbook word steps of an operation on ints of `bitsA` and `bitsB` bits (one
    /// step for a one-word operand: the budget counts what costs time, and many large products
    /// in one prediction must add up, not each pass alone).
    static func chargeWordSteps(_ bitsA: Int, _ bitsB: Int, _ budget: PyBudget) throws {
        let (wa, wb) = (bitsA / 64 + 1, bitsB / 64 + 1)
        if wa > 1 && wb > 1 { try budget.charge(wa, times: wb) }
    }

    /// How deep an expression the reference can unparse and `eval` before Python's recursion
    /// limit (1000 frames, about three per node) stops it.
    static let maxDepth = 329

    /// The value of `e`, its operations charged to `budget` (a fresh one by default).
    static func evaluate(_ e: Expr, budget: PyBudget = PyBudget()) throws(Failure) -> PyValue {
        if e.depth > maxDepth {
            throw .raised(PyException("RecursionError", "maximum recursion depth exceeded while unparsing"), e)
        }
        if case .failure(let x) = PyUnparser.checkedUnparse(e) { throw .raised(x, e) }
        do {
            return try eval(e, budget)
        } catch let f as Failure {
            throw f
        } catch let u as Unsupported {
            throw .unsupported(u)
        } catch let x as PyException {
            throw .raised(x, e)
        } catch {
            throw .raised(PyException("Error", "\(error)"), e)
        }
    }

    static func raise(_ type: String, _ message: String, _ e: Expr) -> Failure {
        .raised(PyException(type, message), e)
    }

    static func eval(_ e: Expr, _ b: PyBudget) throws -> PyValue {
        switch e.kind {
        case .constant(let c): return value(of: c)
        case .name: throw Unsupported(node: e, reason: "a name inside an operation would be looked up and run by the reference")
        case .call: throw Unsupported(node: e, reason: "a call inside an operation would be executed by the reference")
        case .list(let items): return .list(try elements(items, b))
        case .tuple(let items): return .tuple(try elements(items, b))
        case .set(let items):
            var s = PySet()
            let values = try elements(items, b)
            for v in values { do { try s.insert(v) } catch { throw Failure.raised(error, e) } }
            let folded = items.count > 2 && items.allSatisfy(isFoldedConstant)
            return .set(try PySetOrder.display(s, items: values, folded: folded, b))
        case .dict(let pairs):
            var d = PyDict()
            for pair in pairs {
                if let key = pair.key {
                    try b.charge(1)
                    do {
                        try d.set(try eval(key, b), try eval(pair.value, b))
                    } catch let x as PyException {
                        throw Failure.raised(x, e)
                    }
                } else {
                    guard case .dict(let other) = try eval(pair.value, b) else {
                        throw raise("TypeError", "'**' argument must be a mapping", pair.value)
                    }
                    try b.charge(other.count)
                    for (k, v) in other.entries { try? d.set(k, v) }
                }
            }
            return .dict(d)
        case .unary(let op, let operand):
            let v = try eval(operand, b)
            return try unary(op, v, e)
        case .binary(let l, let op, let r):
            let x = try eval(l, b)
            let y = try eval(r, b)
            return try binary(x, op, y, e, b)
        case .boolOp(let op, let values):
            var last = PyValue.none
            for v in values {
                last = try eval(v, b)
                let t = truth(last)
                if op == .and && !t { return last }
                if op == .or && t { return last }
            }
            return last
        case .ifExp(let test, let body, let orElse):
            return truth(try eval(test, b)) ? try eval(body, b) : try eval(orElse, b)
        case .compare(let left, let ops):
            var x = try eval(left, b)
            var lhs = left
            for (op, rhs) in ops {
                let y = try eval(rhs, b)
                if op == .is || op == .isNot {
                    let same = try identical(x, lhs, y, rhs, e)
                    if same != (op == .is) { return .bool(false) }
                } else if !(try compare(x, op, y, e, b)) {
                    return .bool(false)
                }
                x = y
                lhs = rhs
            }
            return .bool(true)
        case .subscription(let value, let index):
            return try indexed(try eval(value, b), index, e, b)
        case .joinedStr(let parts):
            return .str(try joined(parts, e, b))
        default:
            throw Unsupported(node: e, reason: "\(e.nodeName) inside an operation is not computed by ptscope")
        }
    }

    /// Whether CPython's compiler folds `e` into a constant (a literal, a sign or operation on
    /// literals with a small result, a tuple of those), which decides how a set display is built.
    static func isFoldedConstant(_ e: Expr) -> Bool {
        switch e.kind {
        case .constant: return true
        case .unary(_, let operand): return isFoldedConstant(operand)
        case .tuple(let items): return items.allSatisfy(isFoldedConstant)
        case .binary(let l, let op, let r):
            guard isFoldedConstant(l), isFoldedConstant(r), let v = try? eval(e, PyBudget()) else { return false }
            // The optimizer leaves large products, powers and shifts to run time.
            if case .int(let i) = v, op == .mul || op == .pow || op == .lShift { return i.bitWidth <= 128 }
            return true
        default: return false
        }
    }

    static func value(of c: Constant) -> PyValue {
        switch c {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .ellipsis: return .ellipsis
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .imaginary(let d): return .complex(0, d)
        case .str(let s, _): return .str(s)
        case .bytes(let b): return .bytes(b)
        }
    }

    /// The elements of a display (`[a, *b]`), each slot charged to `b`.
    static func elements(_ items: [Expr], _ b: PyBudget) throws -> [PyValue] {
        var out: [PyValue] = []
        for item in items {
            if case .starred(let inner) = item.kind {
                let more = try iterate(try eval(inner, b), item)
                try b.charge(more.count)
                out += more
            } else {
                try b.charge(1)
                out.append(try eval(item, b))
            }
        }
        return out
    }

    /// An f-string's text: literal parts, and each field converted (`!r`, `!s`, `!a`) and formatted
    /// by its spec (``PyFormatSpec``), itself an f-string (`{x:{w}}`).
    static func joined(_ parts: [FStringPart], _ e: Expr, _ b: PyBudget) throws -> CodePointString {
        var out: CodePointString = ""
        for part in parts {
            switch part {
            case .literal(let text):
                out = out + text
            case .field(let field):
                var value = try eval(field.expression, b)
                // Printing walks the whole value.
                _ = try b.walk(value)
                switch field.conversion {
                case "r": value = .str(try PyFormat.repr(value, field.expression))
                case "s": value = .str(try PyFormat.str(value, field.expression))
                case "a": value = .str(try PyFormat.ascii(value, field.expression))
                default: break
                }
                if let spec = field.formatSpec {
                    let specText = try joined(spec, e, b)
                    if !specText.isEmpty {
                        let text: CodePointString
                        do {
                            guard let specString = specText.text else { throw PyFormatSpec.LoneSurrogate() }
                            text = try PyFormatSpec.format(value, specString, field.expression, b)
                        } catch is PyFormatSpec.LoneSurrogate {
                            throw Unsupported(
                                node: field.expression,
                                reason: "a format spec holding a lone surrogate is not computed by ptscope")
                        }
                        try b.charge(text.utf8Count)
                        out.append(text)
                        continue
                    }
                }
                // format(value, '') is str(value).
                let text = try PyFormat.str(value, field.expression)
                try b.charge(text.utf8Count)
                out = out + text
            }
        }
        return out
    }

    static func iterate(_ v: PyValue, _ e: Expr) throws -> [PyValue] {
        do { return try Matching.iterate(v) } catch { throw Failure.raised(error, e) }
    }

    static func truth(_ v: PyValue) -> Bool {
        switch v {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return !i.isZero
        case .float(let d): return d != 0
        case .complex(let r, let i): return r != 0 || i != 0
        case .str(let s): return !s.isEmpty
        case .bytes(let b): return !b.isEmpty
        case .ellipsis: return true
        case .list(let x), .tuple(let x): return !x.isEmpty
        case .dict(let d): return d.count > 0
        case .set(let s): return s.count > 0
        }
    }

    // MARK: Unary

    static func unary(_ op: UnaryOperator, _ v: PyValue, _ e: Expr) throws -> PyValue {
        if op == .not { return .bool(!truth(v)) }
        switch (op, v.numeric) {
        case (.minus, .int(let i)?): return .int(-i)
        case (.minus, .float(let d)?): return .float(-d)
        case (.minus, .complex(let r, let i)?): return .complex(-r, -i)
        case (.plus, .int(let i)?): return .int(i)
        case (.plus, .float(let d)?): return .float(d)
        case (.plus, .complex(let r, let i)?): return .complex(r, i)
        case (.invert, .int(let i)?): return .int(~i)
        default:
            throw raise("TypeError", "bad operand type for unary \(op.rawValue): '\(v.typeName)'", e)
        }
    }

    // MARK: Binary

    static func binary(_ a: PyValue, _ op: BinaryOperator, _ b: PyValue, _ e: Expr, _ budget: PyBudget) throws -> PyValue {
        let unsupported = raise(
            "TypeError", "unsupported operand type(s) for \(op.rawValue): '\(a.typeName)' and '\(b.typeName)'", e)
        // bool & | ^ bool stays bool.
        if case .bool(let x) = a, case .bool(let y) = b {
            switch op {
            case .bitAnd: return .bool(x && y)
            case .bitOr: return .bool(x || y)
            case .bitXor: return .bool(x != y)
            default: break
            }
        }
        if let x = a.numeric, let y = b.numeric { return try numeric(x, op, y, e, unsupported, budget) }
        // What an operation on containers or text produces is charged before it is built: the
        // operands walked, the result counted deep.
        switch (a, op, b) {
        case (.str(let x), .add, .str(let y)):
            try budget.charge(x.utf8Count + y.utf8Count)
            return .str(x + y)
        case (.bytes(let x), .add, .bytes(let y)):
            try budget.charge(x.count + y.count)
            return .bytes(x + y)
        case (.list(let x), .add, .list(let y)):
            try budget.charge(try budget.walk(a) + budget.walk(b))
            return .list(x + y)
        case (.tuple(let x), .add, .tuple(let y)):
            try budget.charge(try budget.walk(a) + budget.walk(b))
            return .tuple(x + y)
        case (.str, .mul, _), (.bytes, .mul, _), (.list, .mul, _), (.tuple, .mul, _):
            return try repeatSequence(a, b, e, unsupported, budget)
        case (_, .mul, .str), (_, .mul, .bytes), (_, .mul, .list), (_, .mul, .tuple):
            return try repeatSequence(b, a, e, unsupported, budget)
        case (.dict, .bitOr, .dict), (.set, _, .set):
            try budget.charge(try budget.walk(a) + budget.walk(b))
        case (.str, .mod, _), (.bytes, .mod, _):
            // Printing walks every argument.
            _ = try budget.walk(b)
        default: break
        }
        switch (a, op, b) {
        case (.dict(let x), .bitOr, .dict(let y)):
            var d = x
            for (k, v) in y.entries { try? d.set(k, v) }
            return .dict(d)
        case (.set(let x), _, .set(let y)):
            var out = PySet()
            switch op {
            case .bitOr: for v in x.elements + y.elements { try? out.insert(v) }
            case .bitAnd: for v in x.elements where y.contains(v) { try? out.insert(v) }
            case .sub: for v in x.elements where !y.contains(v) { try? out.insert(v) }
            case .bitXor:
                for v in x.elements where !y.contains(v) { try? out.insert(v) }
                for v in y.elements where !x.contains(v) { try? out.insert(v) }
            default: throw unsupported
            }
            return .set(try PySetOrder.operate(x, op, y, result: out, budget) ?? out)
        case (.str(let format), .mod, _):
            return try PyFormat.percent(format, b, e, budget)
        case (.bytes(let format), .mod, _):
            return try PyFormat.percent(bytes: format, b, e, budget)
        default:
            throw unsupported
        }
    }

    /// `seq * count`: the result's deep size (`count` copies of every element, nested ones
    /// included) is charged before anything is built.
    static func repeatSequence(
        _ seq: PyValue, _ count: PyValue, _ e: Expr, _ unsupported: Failure, _ budget: PyBudget
    ) throws -> PyValue {
        let n: Int
        switch count {
        case .int(.small(let k)): n = max(0, k)
        case .bool(let b): n = b ? 1 : 0
        case .int(.big(let k)):
            if k.signum() < 0 { n = 0 } else { throw raise("OverflowError", "cannot fit 'int' into an index-sized integer", e) }
        default:
            throw raise("TypeError", "can't multiply sequence by non-int of type '\(count.typeName)'", e)
        }
        switch seq {
        case .str, .bytes, .list, .tuple:
            // The result holds `n` copies of what `seq` holds (its deep size less its own slot);
            // the top-level length alone, a lower bound, refuses most oversized results unwalked.
            let length = PyBudget.ownSize(seq) - 1 + PyBudget.topLevelCount(seq)
            // An empty sequence repeated is itself, however large the count (found by
            // FuzzEditValue: `()*3003**3` looped 27 billion times, charging nothing).
            if length == 0 { return seq }
            if n > 0 {
                try budget.charge(n, times: length)
                try budget.charge(n - 1, times: try budget.walk(seq) - 1 - length)
            }
        default: break
        }
        switch seq {
        case .str(let s):
            return .str(s.repeated(n))
        case .bytes(let b):
            return .bytes(Array([[UInt8]](repeating: b, count: n).joined()))
        case .list(let l):
            return .list(repeated(l, n))
        case .tuple(let l):
            return .tuple(repeated(l, n))
        default: throw unsupported
        }
    }

    /// `n` copies of `items`, one after another (a single element is filled in one pass).
    static func repeated(_ items: [PyValue], _ n: Int) -> [PyValue] {
        if items.count == 1 { return [PyValue](repeating: items[0], count: n) }
        var out: [PyValue] = []
        out.reserveCapacity(items.count * n)
        for _ in 0..<n { out.append(contentsOf: items) }
        return out
    }

    static func toDouble(_ i: PyInt, _ e: Expr) throws -> Double {
        guard let d = i.doubleValue else { throw raise("OverflowError", "int too large to convert to float", e) }
        return d
    }

    static func numeric(
        _ x: PyValue.Numeric, _ op: BinaryOperator, _ y: PyValue.Numeric, _ e: Expr, _ unsupported: Failure, _ budget: PyBudget
    ) throws -> PyValue {
        switch (x, y) {
        case (.int(let a), .int(let b)):
            let result = try intOp(a, op, b, e, unsupported, budget)
            try budget.charge(PyBudget.ownSize(result))
            return result
        case (.complex, _), (_, .complex):
            return try complexOp(try complexParts(x, e), op, try complexParts(y, e), e, unsupported)
        default:
            let a: Double
            let b: Double
            switch x {
            case .int(let i): a = try toDouble(i, e)
            case .float(let d): a = d
            default: a = 0
            }
            switch y {
            case .int(let i): b = try toDouble(i, e)
            case .float(let d): b = d
            default: b = 0
            }
            return try floatOp(a, op, b, e, unsupported)
        }
    }

    static func complexParts(_ x: PyValue.Numeric, _ e: Expr) throws -> (Double, Double) {
        switch x {
        case .int(let i): return (try toDouble(i, e), 0)
        case .float(let d): return (d, 0)
        case .complex(let r, let i): return (r, i)
        }
    }

    /// CPython's complex arithmetic (`_Py_c_sum`, `_Py_c_prod`, `_Py_c_quot`, integer powers).
    static func complexOp(
        _ a: (Double, Double), _ op: BinaryOperator, _ b: (Double, Double), _ e: Expr, _ unsupported: Failure
    ) throws -> PyValue {
        func prod(_ a: (Double, Double), _ b: (Double, Double)) -> (Double, Double) {
            (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
        }
        switch op {
        case .add: return .complex(a.0 + b.0, a.1 + b.1)
        case .sub: return .complex(a.0 - b.0, a.1 - b.1)
        case .mul:
            let p = prod(a, b)
            return .complex(p.0, p.1)
        case .div:
            let absBr = abs(b.0)
            let absBi = abs(b.1)
            if absBr >= absBi {
                if absBr == 0 { throw raise("ZeroDivisionError", "complex division by zero", e) }
                let ratio = b.1 / b.0
                let denom = b.0 + b.1 * ratio
                return .complex((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom)
            } else if absBi >= absBr {
                let ratio = b.0 / b.1
                let denom = b.0 * ratio + b.1
                return .complex((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom)
            }
            return .complex(.nan, .nan)
        case .pow:
            // Small integral real exponents use repeated multiplication, as CPython does; any other
            // exponent goes through polar form (|a|^b, angle × b) with the C library's functions.
            guard b.1 == 0, b.0 == b.0.rounded(), abs(b.0) <= 100 else {
                let r: (Double, Double)
                if b.0 == 0 && b.1 == 0 {
                    r = (1, 0)
                } else if a.0 == 0 && a.1 == 0 {
                    if b.1 != 0 || b.0 < 0 { throw raise("ZeroDivisionError", "0.0 to a negative or complex power", e) }
                    r = (0, 0)
                } else {
                    let magnitude = hypot(a.0, a.1)
                    var length = Foundation.pow(magnitude, b.0)
                    let angle = atan2(a.1, a.0)
                    var phase = angle * b.0
                    if b.1 != 0 {
                        length /= exp(angle * b.1)
                        phase += b.1 * log(magnitude)
                    }
                    r = (length * cos(phase), length * sin(phase))
                }
                if r.0.isInfinite || r.1.isInfinite { throw raise("OverflowError", "complex exponentiation", e) }
                return .complex(r.0, r.1)
            }
            var n = Int(abs(b.0))
            var result = (1.0, 0.0)
            var base = a
            while n > 0 {
                if n & 1 == 1 { result = prod(result, base) }
                base = prod(base, base)
                n >>= 1
            }
            if b.0 < 0 {
                if a.0 == 0 && a.1 == 0 { throw raise("ZeroDivisionError", "0.0 to a negative or complex power", e) }
                guard case .complex(let r, let i) = try complexOp((1, 0), .div, result, e, unsupported) else { throw unsupported }
                result = (r, i)
            }
            // An infinite part is reported as an overflow, as CPython does after any complex power.
            if result.0.isInfinite || result.1.isInfinite { throw raise("OverflowError", "complex exponentiation", e) }
            return .complex(result.0, result.1)
        default: throw unsupported
        }
    }

    static func intOp(
        _ a: PyInt, _ op: BinaryOperator, _ b: PyInt, _ e: Expr, _ unsupported: Failure, _ budget: PyBudget
    ) throws -> PyValue {
        switch op {
        case .add: return .int(a + b)
        case .sub: return .int(a - b)
        case .mul:
            if a.bitWidth + b.bitWidth > sizeLimit { try budget.exceed() }
            try chargeWordSteps(a.bitWidth, b.bitWidth, budget)
            return .int(a * b)
        case .div:
            try checkDivision(a, b, budget)
            guard let q = PyInt.trueDivide(a, b) else { throw raise("ZeroDivisionError", "division by zero", e) }
            if !q.isFinite { throw raise("OverflowError", "integer division result too large for a float", e) }
            return .float(q)
        case .floorDiv, .mod:
            try checkDivision(a, b, budget)
            guard let (q, r) = PyInt.floorDivMod(a, b) else {
                throw raise("ZeroDivisionError", op == .mod ? "integer modulo by zero" : "integer division or modulo by zero", e)
            }
            return .int(op == .mod ? r : q)
        case .pow:
            if b.signum < 0 {
                if a.isZero { throw raise("ZeroDivisionError", "0.0 cannot be raised to a negative power", e) }
                return try floatOp(try toDouble(a, e), .pow, try toDouble(b, e), e, unsupported)
            }
            guard case .small(let n) = b else {
                if case .small(let base) = a, abs(base) <= 1 {
                    return .int(base == 1 || base == 0 ? a : (b.big % 2 == 0 ? .small(1) : .small(-1)))
                }
                try budget.exceed()
            }
            if a.bitWidth.multipliedReportingOverflow(by: n).overflow || a.bitWidth * n > sizeLimit {
                try budget.exceed()
            }
            let magnitude = a.big.magnitude
            if magnitude > 1 && magnitude & (magnitude - 1) == 0 {
                // ±2^k to the n: a shift, linear in the result.
                let power = PyInt(BigInt(1) << ((a.bitWidth - 1) * n))
                return .int(a.signum < 0 && n % 2 == 1 ? -power : power)
            }
            // Squaring up to the result costs about its words squared.
            try chargeWordSteps(a.bitWidth * n, a.bitWidth * n, budget)
            return .int(PyInt.power(a, n))
        case .lShift, .rShift:
            if b.signum < 0 { throw raise("ValueError", "negative shift count", e) }
            guard case .small(let n) = b else {
                if op == .rShift { return .int(a.signum < 0 ? .small(-1) : .small(0)) }
                throw raise("OverflowError", "too many digits in integer", e)
            }
            if op == .lShift {
                if a.isZero { return .int(a) }
                if a.bitWidth + n > sizeLimit { try budget.exceed() }
                return .int(PyInt(a.big << n))
            }
            return .int(PyInt(a.big >> n))
        case .bitAnd: return .int(a & b)
        case .bitOr: return .int(a | b)
        case .bitXor: return .int(a ^ b)
        case .matMul: throw unsupported
        }
    }

    static func floatOp(_ a: Double, _ op: BinaryOperator, _ b: Double, _ e: Expr, _ unsupported: Failure) throws -> PyValue {
        switch op {
        case .add: return .float(a + b)
        case .sub: return .float(a - b)
        case .mul: return .float(a * b)
        case .div:
            if b == 0 { throw raise("ZeroDivisionError", "float division by zero", e) }
            return .float(a / b)
        case .floorDiv, .mod:
            if b == 0 { throw raise("ZeroDivisionError", op == .mod ? "float modulo" : "float floor division by zero", e) }
            var mod = fmod(a, b)
            var div = (a - mod) / b
            if mod != 0 {
                if (b < 0) != (mod < 0) {
                    mod += b
                    div -= 1
                }
            } else {
                mod = copysign(0, b)
            }
            var floorDiv: Double
            if div != 0 {
                floorDiv = div.rounded(.down)
                if div - floorDiv > 0.5 { floorDiv += 1 }
            } else {
                floorDiv = copysign(0, a / b)
            }
            return .float(op == .mod ? mod : floorDiv)
        case .pow:
            if b == 0 { return .float(1) }
            if a.isNaN { return .float(a) }
            if b.isNaN { return .float(a == 1 ? 1 : b) }
            if a == 0 && b < 0 && b.isFinite { throw raise("ZeroDivisionError", "0.0 cannot be raised to a negative power", e) }
            if a < 0 && a.isFinite && b.isFinite && b != b.rounded(.towardZero) {
                // Python hands a negative base with a fractional exponent to complex power.
                return try complexOp((a, 0), .pow, (b, 0), e, unsupported)
            }
            let r = Foundation.pow(a, b)
            if r.isInfinite && a.isFinite && b.isFinite {
                throw raise("OverflowError", "(34, 'Numerical result out of range')", e)
            }
            return .float(r)
        default: throw unsupported
        }
    }

    // MARK: Compare and subscript

    static func compare(_ a: PyValue, _ op: CompareOperator, _ b: PyValue, _ e: Expr, _ budget: PyBudget) throws -> Bool {
        // Equality, membership and ordering may walk both sides.
        try budget.charge(try budget.walk(a) + budget.walk(b))
        switch op {
        case .eq: return PyValue.pyEqual(a, b)
        case .notEq: return !PyValue.pyEqual(a, b)
        case .in, .notIn:
            do {
                let r = try PyValue.contains(b, a)
                return op == .in ? r : !r
            } catch { throw Failure.raised(error, e) }
        default:
            return try order(a, op, b, e)
        }
    }

    /// `a is b` for values of literals (`x` and `y` the expressions they come from): the
    /// singletons (`None`, `...`, `True`, `False`) and CPython's cached small ints are themselves;
    /// a list, dict or set display is a new object each time; equal constants of one type are one
    /// object (the compiler merges them). Anything else is refused: whether a value computed at
    /// run time is a given object is CPython's memory management.
    static func identical(_ a: PyValue, _ x: Expr, _ b: PyValue, _ y: Expr, _ e: Expr) throws -> Bool {
        switch (a, b) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.bool(let p), .bool(let q)): return p == q
        case (.none, _), (_, .none), (.ellipsis, _), (_, .ellipsis), (.bool, _), (_, .bool): return false
        case (.list, _), (_, .list), (.dict, _), (_, .dict), (.set, _), (_, .set): return false
        default: break
        }
        if a.typeName != b.typeName || !PyValue.pyEqual(a, b) { return false }
        if case .int(.small(let n)) = a, (-5...256).contains(n) { return true }
        if isFoldedConstant(x) && isFoldedConstant(y) {
            // Merged by type and exact value: 0.0 and -0.0 stay two objects.
            switch (a, b) {
            case (.float(let p), .float(let q)): return p.bitPattern == q.bitPattern
            case (.complex(let p, let q), .complex(let r, let t)):
                return p.bitPattern == r.bitPattern && q.bitPattern == t.bitPattern
            default: return true
            }
        }
        throw Unsupported(
            node: e, reason: "whether a value computed at run time is a given object is CPython's memory management")
    }

    /// `a < b` (and `<=`, `>`, `>=`) as Python orders numbers, strings, bytes, lists, tuples and
    /// sets; TypeError for anything else.
    static func order(_ a: PyValue, _ op: CompareOperator, _ b: PyValue, _ e: Expr) throws -> Bool {
        func result(_ c: Int) -> Bool {
            switch op {
            case .lt: return c < 0
            case .ltE: return c <= 0
            case .gt: return c > 0
            default: return c >= 0
            }
        }
        switch (a, b) {
        case (.str(let x), .str(let y)):
            // By code point (lone surrogates included), as Python orders strings.
            return result(x < y ? -1 : (x == y ? 0 : 1))
        case (.bytes(let x), .bytes(let y)):
            return result(x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1))
        case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)):
            // The first elements that differ decide, with the same operator; else the lengths.
            for (p, q) in zip(x, y) where !PyValue.pyEqual(p, q) { return try order(p, op, q, e) }
            return result(x.count < y.count ? -1 : (x.count == y.count ? 0 : 1))
        case (.set(let x), .set(let y)):
            let subset = x.elements.allSatisfy { y.contains($0) }
            let superset = y.elements.allSatisfy { x.contains($0) }
            switch op {
            case .lt: return subset && x.count < y.count
            case .ltE: return subset
            case .gt: return superset && x.count > y.count
            default: return superset
            }
        default: break
        }
        let c: Int
        switch (a.numeric, b.numeric) {
        case (.int(let x)?, .int(let y)?): c = x < y ? -1 : (x == y ? 0 : 1)
        case (.int(let x)?, .float(let d)?):
            guard let r = x.compare(toDouble: d) else { return false }
            c = r
        case (.float(let d)?, .int(let x)?):
            guard let r = x.compare(toDouble: d) else { return false }
            c = -r
        case (.float(let x)?, .float(let y)?):
            if x.isNaN || y.isNaN { return false }
            c = x < y ? -1 : (x == y ? 0 : 1)
        default:
            throw raise(
                "TypeError", "'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'", e)
        }
        return result(c)
    }

    static func indexed(_ v: PyValue, _ index: Expr, _ e: Expr, _ b: PyBudget) throws -> PyValue {
        if case .slice(let lower, let upper, let step) = index.kind {
            let bounds = (try lower.map { try eval($0, b) }, try upper.map { try eval($0, b) }, try step.map { try eval($0, b) })
            return try sliced(v, bounds.0, bounds.1, bounds.2, e, b)
        }
        let i = try eval(index, b)
        func position(_ count: Int) throws -> Int {
            let k: Int
            switch i {
            case .int(.small(let n)): k = n
            case .bool(let b): k = b ? 1 : 0
            case .int(.big): throw raise("IndexError", "cannot fit 'int' into an index-sized integer", e)
            default: throw raise("TypeError", "\(v.typeName) indices must be integers or slices, not \(i.typeName)", e)
            }
            let p = k < 0 ? k + count : k
            guard p >= 0 && p < count else { throw raise("IndexError", "\(v.typeName) index out of range", e) }
            return p
        }
        switch v {
        case .list(let items), .tuple(let items): return items[try position(items.count)]
        case .str(let s):
            let points = s.points
            return .str(CodePointString(points: [points[try position(points.count)]]))
        case .bytes(let b): return .int(.small(Int(b[try position(b.count)])))
        case .dict(let d):
            do { _ = try i.hashKey() } catch { throw Failure.raised(error, e) }
            guard let found = d[i] else { throw raise("KeyError", PyRepr.value(i), e) }
            return found
        default:
            throw raise("TypeError", "'\(v.typeName)' object is not subscriptable", e)
        }
    }

    // MARK: Slices

    /// `v[lower:upper:step]` for a str, bytes, list or tuple, as Python's `PySlice_Unpack` and
    /// `PySlice_AdjustIndices` work it out (big bounds clamp, a zero step raises).
    static func sliced(_ v: PyValue, _ lower: PyValue?, _ upper: PyValue?, _ step: PyValue?, _ e: Expr, _ b: PyBudget) throws
        -> PyValue
    {
        switch v {
        case .str, .bytes, .list, .tuple: break
        case .dict: throw raise("TypeError", "unhashable type: 'slice'", e)
        default: throw raise("TypeError", "'\(v.typeName)' object is not subscriptable", e)
        }
        /// A bound as a machine int, clamped as Python clamps it; nil for None.
        func index(_ x: PyValue?) throws -> Int? {
            switch x {
            case nil, .none?: return nil
            case .bool(let t)?: return t ? 1 : 0
            case .int(.small(let n))?: return n
            case .int(.big(let n))?: return n.signum() < 0 ? Int.min : Int.max
            default: throw raise("TypeError", "slice indices must be integers or None or have an __index__ method", e)
            }
        }
        var stride = 1
        if let s = try index(step) {
            if s == 0 { throw raise("ValueError", "slice step cannot be zero", e) }
            stride = max(s, -Int.max)
        }
        var start = try index(lower) ?? (stride < 0 ? Int.max : 0)
        var stop = try index(upper) ?? (stride < 0 ? Int.min : Int.max)
        let length: Int
        switch v {
        case .str(let s): length = s.count
        case .bytes(let x): length = x.count
        case .list(let x), .tuple(let x): length = x.count
        default: length = 0
        }
        func adjust(_ i: inout Int) {
            if i < 0 {
                i = i < -length ? (stride < 0 ? -1 : 0) : i + length
            } else if i >= length {
                i = stride < 0 ? length - 1 : length
            }
        }
        adjust(&start)
        adjust(&stop)
        var positions: [Int] = []
        var k = start
        while stride > 0 ? k < stop : k > stop {
            positions.append(k)
            let (next, overflow) = k.addingReportingOverflow(stride)
            if overflow { break }
            k = next
        }
        try b.charge(positions.count)
        switch v {
        case .str(let s):
            let points = s.points
            return .str(CodePointString(points: positions.map { points[$0] }))
        case .bytes(let x): return .bytes(positions.map { x[$0] })
        case .list(let x): return .list(positions.map { x[$0] })
        case .tuple(let x): return .tuple(positions.map { x[$0] })
        default: return v
        }
    }
}
