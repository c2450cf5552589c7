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
        return interval(proportion: Double(successes) / Double(n), n: n, z: z)
    }
}

extension Wilson {
    /// The interval for an observed `proportion` of `n` trials (k = proportion·n, which need not be
    /// whole: a weighted accuracy such as PTBench's overall, read at the pooled case count).
    public static func interval(proportion: Double, n: Int, z: Double = z95) -> Interval? {
        guard n > 0, proportion >= 0, proportion <= 1 else { return nil }
        let m = Double(n)
        let k = proportion * m
        let z2 = z * z
        let centre = (k + z2 / 2) / (m + z2)
        let half = z * (k * (m - k) / m + z2 / 4).squareRoot() / (m + z2)
        return Interval(low: max(0, centre - half), high: min(1, centre + half))
    }
}
