// MARK: - PySet

/// A Python `set`: unique by Python equality, in insertion order (Python's order is unspecified).
public struct PySet: Sendable {
    public private(set) var elements: [PyValue] = []
    private var keys: Set<PyHashKey> = []

    public init() {}

    public var count: Int { elements.count }

    /// Where CPython's hash table holds each element (in `elements` order), the table's size and
    /// its fill (deleted slots included), when the set was built as CPython builds it
    /// (``PySetOrder``): what its printing and operations on it depend on.
    var layout: (size: Int, slots: [Int], fill: Int)?

    public mutating func insert(_ value: PyValue) throws(PyException) {
        if keys.insert(try value.hashKey()).inserted {
            elements.append(value)
            layout = nil
        }
    }

    public func contains(_ value: PyValue) -> Bool {
        guard let h = try? value.hashKey() else { return false }
        return keys.contains(h)
    }

    var keySet: Set<PyHashKey> { keys }
}
