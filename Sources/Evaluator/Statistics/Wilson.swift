// MARK: - Wilson

/// The Wilson score interval for a proportion: centre (k + z²/2)/(n + z²), half-width
/// z·√(k(n−k)/n + z²/4)/(n + z²). Unlike the normal interval it stays inside [0, 1] and is
/// useful at 0 and n successes.
public enum Wilson {
    /// The normal quantile for a two-sided 95 % interval.
    public static let z95 = 1.959963984540054

    /// The 95 % (or `z`'s) interval for `successes` out of `n`; nil when `n` is 0 or the counts
    /// are impossible (negative, or more successes than trials).
    public static func interval(successes: Int, n: Int, z: Double = z95) -> Interval? {
        guard n > 0, successes >= 0, successes <= n else { return nil }
        let k = Double(successes)
        let m = Double(n)
        let z2 = z * z
        let centre = (k + z2 / 2) / (m + z2)
        let half = z * (k * (m - k) / m + z2 / 4).squareRoot() / (m + z2)
        return Interval(low: max(0, centre - half), high: min(1, centre + half))
    }
}
