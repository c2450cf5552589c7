// MARK: - PairedBootstrap

/// A paired-bootstrap 95 % interval of the difference of two accuracies (B − A) on the same
/// cases: the cases are resampled with replacement (the same draw for both runs), the difference
/// recomputed, and the 2.5th and 97.5th percentiles of the resampled differences taken.
///
/// Deterministic: the draws come from ``SplitMix64`` seeded with `seed`, in a fixed order (for each
/// resample, each stratum in turn, its cases' draws), so the same inputs, resamples and seed give
/// the same interval on every machine. Percentiles interpolate linearly between order statistics
/// (position p·(R − 1) in the sorted differences, as numpy's default `percentile`).
public enum PairedBootstrap {
    /// The number of resamples when none is given.
    public static let defaultResamples = 10_000
    /// The seed when none is given.
    public static let defaultSeed: UInt64 = 12

    /// One stratum of paired outcomes (a split) and its weight in the overall difference.
    public struct Stratum: Sendable {
        /// Whether run A passed each case.
        public var a: [Bool]
        /// Whether run B passed each case (same cases, same order as `a`).
        public var b: [Bool]
        /// The stratum's weight in the overall value (PTBench: 609 and 474 for its two splits).
        public var weight: Double

        /// A stratum of `a` and `b` (equal lengths) weighted by `weight`.
        public init(a: [Bool], b: [Bool], weight: Double) {
            self.a = a
            self.b = b
            self.weight = weight
        }
    }

    /// The interval of mean(b) − mean(a) for one set of paired outcomes; nil when there are no
    /// cases, the lengths differ, or `resamples` < 1.
    public static func interval(
        a: [Bool], b: [Bool], resamples: Int = defaultResamples, seed: UInt64 = defaultSeed
    ) -> Interval? {
        interval(strata: [Stratum(a: a, b: b, weight: 1)], resamples: resamples, seed: seed)
    }

    /// The interval of the weighted difference Σ wₛ·(mean(bₛ) − mean(aₛ)) / Σ wₛ, each stratum
    /// resampled within itself (strata with no cases or no weight are left out); nil when nothing
    /// is left, lengths differ, or `resamples` < 1.
    public static func interval(
        strata: [Stratum], resamples: Int = defaultResamples, seed: UInt64 = defaultSeed
    ) -> Interval? {
        guard resamples >= 1, strata.allSatisfy({ $0.a.count == $0.b.count }) else { return nil }
        let used = strata.filter { !$0.a.isEmpty && $0.weight > 0 }
        let total = used.reduce(0) { $0 + $1.weight }
        guard !used.isEmpty, total > 0 else { return nil }
        // Per case: +1 pass in B only, −1 pass in A only, 0 otherwise.
        let deltas: [[Int8]] = used.map { s in zip(s.a, s.b).map { Int8($1 ? 1 : 0) - Int8($0 ? 1 : 0) } }
        let scale = used.map { $0.weight / total / Double($0.a.count) }
        var rng = SplitMix64(seed: seed)
        var values = [Double](repeating: 0, count: resamples)
        for r in 0..<resamples {
            var value = 0.0
            for (k, d) in deltas.enumerated() {
                var sum = 0
                d.withUnsafeBufferPointer { p in
                    for _ in 0..<p.count { sum += Int(p[rng.below(p.count)]) }
                }
                value += Double(sum) * scale[k]
            }
            values[r] = value
        }
        values.sort()
        return Interval(low: percentile(values, 0.025), high: percentile(values, 0.975))
    }

    /// The `p` percentile of sorted `values` (not empty), interpolating linearly at p·(count − 1).
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let h = p * Double(values.count - 1)
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, values.count - 1)
        return values[lower] + (h - Double(lower)) * (values[upper] - values[lower])
    }
}
