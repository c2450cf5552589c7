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
