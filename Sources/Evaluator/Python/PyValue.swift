// MARK: - PyValue

/// A Python value as the reference scorer sees it: parsed from a prediction or decoded from JSON.
public indirect enum PyValue: Sendable {
    case none
    case bool(Bool)
    case int(PyInt)
    case float(Double)
    case complex(Double, Double)
    case str(String)
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

    public var stringValue: String? { if case .str(let s) = self { return s } else { return nil } }
}

// MARK: - Errors raised while computing

/// A Python exception the reference would raise (`TypeError: ...`).
public struct PyException: Error, Sendable, Equatable, CustomStringConvertible {
    public let type: String
    public let message: String

    public init(_ type: String, _ message: String) {
        self.type = type
        self.message = message
    }

    public var description: String { "\(type): \(message)" }
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
        case (.str(let x), .str(let y)): return x.scalarsEqual(y)
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
            return s.pyContains(needle)
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
        let hay = Array(unicodeScalars), n = Array(needle.unicodeScalars)
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

// MARK: - Hashing (Python hash-equality classes)

/// A hashable stand-in for a hashable Python value: equal Python values give equal keys.
public enum PyHashKey: Hashable, Sendable {
    case none
    case ellipsis
    case int(PyInt)
    case float(UInt64)
    case complex(UInt64, UInt64)
    case str(String)
    case bytes([UInt8])
    case tuple([PyHashKey])
    case frozenset(Set<PyHashKey>)
}

extension PyValue {
    /// The key under which Python would hash this value; throws `TypeError: unhashable type` otherwise.
    public func hashKey() throws(PyException) -> PyHashKey {
        switch self {
        case .none: return .none
        case .ellipsis: return .ellipsis
        case .bool(let b): return .int(.small(b ? 1 : 0))
        case .int(let i): return .int(i)
        case .float(let d): return PyValue.floatKey(d)
        case .complex(let r, let i):
            if i == 0 { return PyValue.floatKey(r) }
            return .complex(r.bitPattern, (i == 0 ? 0 : i).bitPattern)
        case .str(let s): return .str(s.scalarKey)
        case .bytes(let b): return .bytes(b)
        case .tuple(let items):
            var keys: [PyHashKey] = []
            for item in items { keys.append(try item.hashKey()) }
            return .tuple(keys)
        case .list: throw PyException("TypeError", "unhashable type: 'list'")
        case .dict: throw PyException("TypeError", "unhashable type: 'dict'")
        case .set: throw PyException("TypeError", "unhashable type: 'set'")
        }
    }

    static func floatKey(_ d: Double) -> PyHashKey {
        if d.isFinite, d == d.rounded(.towardZero) {
            // An integral float hashes like the int it equals.
            if let i = Int(exactly: d) { return .int(.small(i)) }
            return .int(PyInt(BigIntBridge.fromDouble(d)))
        }
        return .float((d == 0 ? 0.0 : d).bitPattern)
    }
}

// MARK: - PyDict

/// A Python `dict`: insertion-ordered; a repeated key keeps its first position and its last value.
public struct PyDict: Sendable {
    public private(set) var entries: [(key: PyValue, value: PyValue)] = []
    /// Each entry's hash key, parallel to `entries`.
    private var keys: [PyHashKey] = []
    /// Positions by hash key, built once the dict is large enough for hashing to beat a scan.
    private var index: [PyHashKey: Int]?
    private static let scanLimit = 12

    public init() {}

    public var count: Int { entries.count }

    private func position(of h: PyHashKey) -> Int? {
        if let index { return index[h] }
        return keys.firstIndex(of: h)
    }

    /// Sets `key` to `value` (Python `d[key] = value`).
    public mutating func set(_ key: PyValue, _ value: PyValue) throws(PyException) {
        let h = try key.hashKey()
        if let at = position(of: h) {
            entries[at].value = value
            return
        }
        if index != nil {
            index![h] = entries.count
        } else if keys.count >= PyDict.scanLimit {
            var built: [PyHashKey: Int] = [:]
            for (k, existing) in keys.enumerated() { built[existing] = k }
            built[h] = keys.count
            index = built
        }
        keys.append(h)
        entries.append((key, value))
    }

    /// The value stored under a key equal to `key`, if any.
    public subscript(key: PyValue) -> PyValue? {
        guard let h = try? key.hashKey(), let at = position(of: h) else { return nil }
        return entries[at].value
    }
}

// MARK: - PySet

/// A Python `set`: unique by Python equality, in insertion order (Python's order is unspecified).
public struct PySet: Sendable {
    public private(set) var elements: [PyValue] = []
    private var keys: Set<PyHashKey> = []

    public init() {}

    public var count: Int { elements.count }

    public mutating func insert(_ value: PyValue) throws(PyException) {
        if keys.insert(try value.hashKey()).inserted { elements.append(value) }
    }

    public func contains(_ value: PyValue) -> Bool {
        guard let h = try? value.hashKey() else { return false }
        return keys.contains(h)
    }

    var keySet: Set<PyHashKey> { keys }
}
