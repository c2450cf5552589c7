// MARK: - Interval

/// A closed interval of real numbers: a confidence interval's bounds.
public struct Interval: Sendable, Equatable {
    /// The lower bound.
    public var low: Double
    /// The upper bound.
    public var high: Double

    /// An interval from `low` to `high`.
    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// Whether `x` lies in the interval (bounds included).
    public func contains(_ x: Double) -> Bool { low <= x && x <= high }
}
