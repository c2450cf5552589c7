// MARK: - PyValue

/// A Python value as the reference scorer sees it: parsed from a prediction or decoded from JSON.
public indirect enum PyValue: Sendable {
    case none
    case bool(Bool)
    case int(PyInt)
    case float(Double)
    case complex(Double, Double)
    case str(CodePointString)
    case bytes([UInt8])
    case ellipsis
    case list([PyValue])
    case tuple([PyValue])
    case dict(PyDict)
    case set(PySet)

    /// Python's type name (`int`, `str`, `list`...), for messages.
    public var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .complex: return "complex"
        case .str: return "str"
        case .bytes: return "bytes"
        case .ellipsis: return "ellipsis"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .set: return "set"
        }
    }

    /// A `str` value holding `s`.
    public static func str(_ s: String) -> PyValue { .str(CodePointString(s)) }

    /// The string, when this is a `str` (a lone surrogate shown as its escape `\udXXX`).
    public var stringValue: String? { if case .str(let s) = self { return s.escaped } else { return nil } }

    /// The string with its code points, when this is a `str`.
    public var codePointString: CodePointString? { if case .str(let s) = self { return s } else { return nil } }
}

// MARK: - Equality (Python ==)

extension PyValue {
    /// The numeric value, for the numeric tower (bool < int < float < complex).
    enum Numeric {
        case int(PyInt)
        case float(Double)
        case complex(Double, Double)
    }

    var numeric: Numeric? {
        switch self {
        case .bool(let b): return .int(.small(b ? 1 : 0))
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .complex(let r, let i): return .complex(r, i)
        default: return nil
        }
    }

    /// Python `a == b` (no identity shortcut; NaN is unequal to itself).
    public static func pyEqual(_ a: PyValue, _ b: PyValue) -> Bool {
        if let x = a.numeric, let y = b.numeric { return numericEqual(x, y) }
        switch (a, b) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.str(let x), .str(let y)): return x == y
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { pyEqual($0, $1) }
        case (.dict(let x), .dict(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x.entries {
                guard let w = y[k], pyEqual(v, w) else { return false }
            }
            return true
        case (.set(let x), .set(let y)):
            return x.count == y.count && x.elements.allSatisfy { y.contains($0) }
        default: return false
        }
    }

    static func numericEqual(_ x: Numeric, _ y: Numeric) -> Bool {
        switch (x, y) {
        case (.int(let a), .int(let b)): return a == b
        case (.int(let a), .float(let d)), (.float(let d), .int(let a)): return a.compare(toDouble: d) == 0
        case (.float(let a), .float(let b)): return a == b
        case (.complex(let r, let i), .complex(let r2, let i2)): return r == r2 && i == i2
        case (.complex(let r, let i), let other), (let other, .complex(let r, let i)):
            return i == 0 && numericEqual(.float(r), other)
        }
    }

    /// Python `x in container` for a list, tuple, set, dict (keys) or str; throws like Python.
    public static func contains(_ container: PyValue, _ x: PyValue) throws(PyException) -> Bool {
        switch container {
        case .list(let items), .tuple(let items):
            return items.contains { pyEqual($0, x) }
        case .set(let set):
            _ = try x.hashKey()
            return set.contains(x)
        case .dict(let dict):
            _ = try x.hashKey()
            return dict[x] != nil
        case .str(let s):
            guard case .str(let needle) = x else {
                throw PyException("TypeError", "'in <string>' requires string as left operand, not \(x.typeName)")
            }
            return s.contains(needle)
        case .bytes(let b):
            switch x {
            case .bytes(let needle): return b.containsSubsequence(needle)
            case .int(let i):
                guard case .small(let v) = i, (0...255).contains(v) else {
                    throw PyException("ValueError", "byte must be in range(0, 256)")
                }
                return b.contains(UInt8(v))
            default:
                throw PyException("TypeError", "a bytes-like object is required, not '\(x.typeName)'")
            }
        default:
            throw PyException("TypeError", "argument of type '\(container.typeName)' is not iterable")
        }
    }
}

extension String {
    /// Python's `needle in self` (code-point substring test).
    func pyContains(_ needle: String) -> Bool {
        let hay = Array(unicodeScalars)
        let n = Array(needle.unicodeScalars)
        return hay.containsSubsequence(n)
    }
}

extension Array where Element: Equatable {
    /// Whether `needle` occurs in this array, in time linear in both lengths (Knuth–Morris–Pratt:
    /// checking at every start costs length × length, seconds for a 100,000-character needle).
    func containsSubsequence(_ needle: [Element]) -> Bool {
        if needle.isEmpty { return true }
        if needle.count > count { return false }
        // fallback[i]: the length of the longest proper prefix of needle[...i] that is also its suffix.
        var fallback = [Int](repeating: 0, count: needle.count)
        var k = 0
        for i in needle.indices.dropFirst() {
            while k > 0 && needle[i] != needle[k] { k = fallback[k - 1] }
            if needle[i] == needle[k] { k += 1 }
            fallback[i] = k
        }
        k = 0
        for x in self {
            while k > 0 && x != needle[k] { k = fallback[k - 1] }
            if x == needle[k] {
                k += 1
                if k == needle.count { return true }
            }
        }
        return false
    }
}
