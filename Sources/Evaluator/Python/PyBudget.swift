// MARK: - PyBudget

/// How much computing one prediction may cost ptscope, counted in elements.
///
/// The reference `eval`s every operation in a prediction, so 21 characters
/// (`[[1]*4000000]*4000000`) make a value of 1.6·10¹³ elements once nested lists are counted. Every
/// operation ptscope computes charges the elements it produces (list, tuple, set and dict slots
/// counted deep, string characters, bytes, the 64-bit words of an int) and the elements it has to
/// walk to know a value's size; past ``maxElements`` for the whole prediction the computation stops
/// and the prediction is a "too large" format failure. Every value a prediction holds is then at
/// most this large plus its own text, so matching, repr and the call diff stay linear.
public final class PyBudget {
    /// The elements one prediction's operations may produce and walk, in total.
    public static let maxElements = 1_000_000

    /// Elements charged so far.
    public private(set) var used = 0
    /// Whether a charge went past ``maxElements``.
    public private(set) var exceeded = false

    /// A fresh budget, for one prediction (or one typed value).
    public init() {}

    /// The exception an over-budget computation stops with (Python's own would be a MemoryError).
    static var exception: PyException {
        PyException("MemoryError", "too large for ptscope: over \(maxElements) elements computed for one prediction")
    }

    /// Counts `n` more elements; throws once the total passes ``maxElements``.
    func charge(_ n: Int) throws(PyException) {
        let (sum, overflow) = used.addingReportingOverflow(max(0, n))
        if overflow || sum > PyBudget.maxElements { try exceed() }
        used = sum
    }

    /// Stops the computation as over budget (a size no charge could fit, such as a 5·10⁷ width).
    func exceed() throws(PyException) -> Never {
        exceeded = true
        throw PyBudget.exception
    }

    /// Charges `count × each` elements, refusing a product that overflows.
    func charge(_ count: Int, times each: Int) throws(PyException) {
        let (product, overflow) = max(0, count).multipliedReportingOverflow(by: max(0, each))
        if overflow { try exceed() }
        try charge(product)
    }

    /// The deep size of `v` in elements, charged as it is walked (the walk stops at the limit).
    func walk(_ v: PyValue) throws(PyException) -> Int {
        let own = PyBudget.ownSize(v)
        try charge(own)
        var total = own
        switch v {
        case .list(let items), .tuple(let items):
            for item in items { total += try walk(item) }
        case .set(let s):
            for item in s.elements { total += try walk(item) }
        case .dict(let d):
            for (k, value) in d.entries { total += try walk(k) + walk(value) }
        default: break
        }
        return total
    }

    /// The number of elements directly in a list or tuple (0 for anything else).
    static func topLevelCount(_ v: PyValue) -> Int {
        switch v {
        case .list(let items), .tuple(let items): return items.count
        default: return 0
        }
    }

    /// The size of `v` without its elements: 1 for a container or a small scalar, the length of a
    /// string (UTF-8 bytes) or bytes, the 64-bit words of an int.
    static func ownSize(_ v: PyValue) -> Int {
        switch v {
        case .str(let s): return 1 + s.utf8Count
        case .bytes(let b): return 1 + b.count
        case .int(let i): return 1 + i.bitWidth / 64
        default: return 1
        }
    }
}
