// MARK: - PyHashKey

/// A hashable stand-in for a hashable Python value: equal Python values give equal keys.
public enum PyHashKey: Hashable, Sendable {
    case none
    case ellipsis
    case int(PyInt)
    case float(UInt64)
    case complex(UInt64, UInt64)
    case str(CodePointString)
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
        case .str(let s): return .str(s)
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
