// MARK: - MatchRule

/// The rule of the reference's `include(x, y)` that decided a comparison.
public enum MatchRule: String, Sendable, Codable {
    /// The predicted string `'true'`/`'false'` read as a JSON boolean, then looked up.
    case booleanString = "boolean-string"
    /// A predicted boolean looked up with Python equality (`True == 1`).
    case boolean
    /// A string compared case-insensitively with every alternative.
    case caseInsensitiveString = "case-insensitive-string"
    /// A list compared as a set of lowercased strings with each alternative.
    case set
    /// An integer within ±0.01 of the first alternative only.
    case numericTolerance = "numeric-tolerance"
    /// Anything else: exact membership (`x in y`).
    case exact

    /// A short phrase for people.
    public var phrase: String {
        switch self {
        case .booleanString: return "'true'/'false' read as a boolean"
        case .boolean: return "boolean equality"
        case .caseInsensitiveString: return "case-insensitive string"
        case .set: return "set of lowercased strings"
        case .numericTolerance: return "±0.01 around the first alternative"
        case .exact: return "exact"
        }
    }
}

// MARK: - Matching

/// The reference's value matching, `include(predicted, accepted)`, with Python's exceptions.
public enum Matching {
    /// The rule that applies to a predicted value (it depends on the value only).
    public static func rule(for x: PyValue) -> MatchRule {
        if case .str(let s) = x, s == "true" || s == "false" { return .booleanString }
        switch x {
        case .bool: return .boolean
        case .str: return .caseInsensitiveString
        case .list: return .set
        case .int: return .numericTolerance
        default: return .exact
        }
    }

    /// Whether `x` is accepted by the alternatives `y`; throws what Python would raise.
    public static func include(_ x: PyValue, _ y: PyValue) throws(PyException) -> Bool {
        switch rule(for: x) {
        case .booleanString:
            guard case .str(let s) = x else { return false }
            return try PyValue.contains(y, .bool(s == "true"))
        case .boolean, .exact:
            return try PyValue.contains(y, x)
        case .caseInsensitiveString:
            guard case .str(let s) = x else { return false }
            // `x.lower() in [j.lower() for j in y]`: every alternative is lowered (and may raise)
            // before the lookup; only strings can equal a string.
            let target = s.pyLowercased
            var found = false
            for item in try iterate(y) {
                switch item {
                case .str(let j): if !found { found = lowercasedEquals(j, target) }
                default: _ = try lower(item)
                }
            }
            return found
        case .set:
            guard case .list(let items) = x else { return false }
            var mine = PySet()
            for item in items { try mine.insert(try lower(item)) }
            var theirs: [PySet] = []
            for j in try iterate(y) {
                var s = PySet()
                for item in try iterate(j) { try s.insert(try lower(item)) }
                theirs.append(s)
            }
            return theirs.contains { PyValue.pyEqual(.set($0), .set(mine)) }
        case .numericTolerance:
            guard case .int(let i) = x else { return false }
            let z = try first(y)
            let center: Double
            switch z {
            case .int(let k):
                guard let d = k.doubleValue else { throw PyException("OverflowError", "int too large to convert to float") }
                center = d
            case .bool(let b): center = b ? 1 : 0
            case .float(let d): center = d
            default:
                throw PyException("TypeError", "unsupported operand type(s) for +: '\(z.typeName)' and 'float'")
            }
            guard let hi = i.compare(toDouble: center + 0.01), hi <= 0 else { return false }
            guard let lo = i.compare(toDouble: center - 0.01) else { return false }
            return lo >= 0
        }
    }

    /// Python iteration over a value (`for i in y`).
    static func iterate(_ v: PyValue) throws(PyException) -> [PyValue] {
        switch v {
        case .list(let items), .tuple(let items): return items
        case .set(let s): return s.elements
        case .dict(let d): return d.entries.map { $0.key }
        case .str(let s): return s.points.map { .str(CodePointString(points: [$0])) }
        case .bytes(let b): return b.map { .int(.small(Int($0))) }
        default: throw PyException("TypeError", "'\(v.typeName)' object is not iterable")
        }
    }

    /// `y[0]`.
    static func first(_ y: PyValue) throws(PyException) -> PyValue {
        switch y {
        case .list(let items), .tuple(let items):
            guard let f = items.first else { throw PyException("IndexError", "list index out of range") }
            return f
        case .str(let s):
            guard let c = s.points.first else { throw PyException("IndexError", "string index out of range") }
            return .str(CodePointString(points: [c]))
        case .dict(let d):
            guard let v = d[.int(.small(0))] else { throw PyException("KeyError", "0") }
            return v
        case .bytes(let b):
            guard let f = b.first else { throw PyException("IndexError", "index out of range") }
            return .int(.small(Int(f)))
        default:
            throw PyException("TypeError", "'\(y.typeName)' object is not subscriptable")
        }
    }

    /// Whether `j.lower() == target` (by code points), without building `j.lower()` for ASCII `j`.
    static func lowercasedEquals(_ j: CodePointString, _ target: CodePointString) -> Bool {
        guard let j = j.text, let target = target.text else { return j.pyLowercased == target }
        let fast = j.utf8.withContiguousStorageIfAvailable { a in
            target.utf8.withContiguousStorageIfAvailable { b in asciiLowercasedEquals(a, b) } ?? nil
        }
        if let fast = fast ?? nil { return fast }
        return j.pyLowercased.scalarsEqual(target)
    }

    /// ``lowercasedEquals(_:_:)`` on UTF-8 bytes while `a` is ASCII; nil once the answer needs
    /// Python's full `lower()`.
    static func asciiLowercasedEquals(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        // An ASCII string lowers byte by byte (A-Z only) and keeps its length.
        guard a.count == b.count else { return a.allSatisfy { $0 < 0x80 } ? false : nil }
        for k in 0..<a.count {
            let c = a[k]
            if c >= 0x80 { return nil }
            let lowered = c >= 0x41 && c <= 0x5A ? c + 32 : c
            // The lowered prefix is ASCII, byte for byte: it already differs from `b`.
            if lowered != b[k] { return false }
        }
        return true
    }

    /// `i.lower()`.
    static func lower(_ v: PyValue) throws(PyException) -> PyValue {
        switch v {
        case .str(let s): return .str(s.pyLowercased)
        case .bytes(let b): return .bytes(b.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 })
        default: throw PyException("AttributeError", "'\(v.typeName)' object has no attribute 'lower'")
        }
    }
}

extension String {
    /// Python's `str.lower()`: full Unicode lowercasing, with Greek final sigma by context.
    public var pyLowercased: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return lowercased() }
        let scalars = Array(unicodeScalars)
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scalars.count)
        for (k, s) in scalars.enumerated() {
            if s.value < 0x80 {
                // ASCII lowers A-Z only, whatever surrounds it.
                out.append(s.value >= 0x41 && s.value <= 0x5A ? Unicode.Scalar(UInt8(s.value) + 32) : s)
            } else if s == "\u{03A3}" {
                out.append(PyLowercase.finalSigma(scalars, k) ? "\u{03C2}" : "\u{03C3}")
            } else {
                out.append(contentsOf: PythonUnicode.lowercase(s).unicodeScalars)
            }
        }
        return PyLiterals.string(out)
    }
}

enum PyLowercase {
    /// Python's `_PyUnicode_IsFinalSigma` context: cased letter before (skipping case-ignorable), none after.
    static func finalSigma(_ s: [Unicode.Scalar], _ k: Int) -> Bool {
        var j = k - 1
        while j >= 0 && s[j].properties.isCaseIgnorable { j -= 1 }
        guard j >= 0 && s[j].properties.isCased else { return false }
        j = k + 1
        while j < s.count && s[j].properties.isCaseIgnorable { j += 1 }
        return j == s.count || !s[j].properties.isCased
    }
}
