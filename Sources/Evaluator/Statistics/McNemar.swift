import Foundation

// MARK: - McNemar

/// McNemar's exact test on paired pass/fail outcomes: only the discordant cases count, b (pass
/// in A only) and c (pass in B only); under "no difference" each is a fair coin, so the two-sided
/// p is min(1, 2·P[X ≤ min(b, c)]) for X ~ Binomial(b + c, ½), and 1 when b + c = 0.
public enum McNemar {
    /// Below this many discordant pairs the test has little power: a difference may be real
    /// although p is large.
    public static let weakBelow = 25

    /// The two-sided exact p for `b` and `c` discordant pairs (negative counts are read as 0).
    ///
    /// Computed in log space: the largest term, C(n, k)/2ⁿ with k = min(b, c), comes from
    /// `lgamma`, and the smaller ones from the ratio C(n, i−1)/C(n, i) = i/(n − i + 1), so nothing
    /// overflows or underflows at n = 10,000 or far beyond.
    public static func exactP(b: Int, c: Int) -> Double {
        let b = max(0, b)
        let c = max(0, c)
        let n = b + c
        if n == 0 { return 1 }
        let k = min(b, c)
        let nd = Double(n)
        let kd = Double(k)
        let logTop = lgamma(nd + 1) - lgamma(kd + 1) - lgamma(nd - kd + 1) - nd * M_LN2
        // Σ_{i ≤ k} C(n, i) / C(n, k): 1 + r_k + r_k·r_{k−1} + …, each ratio ≤ 1 since k ≤ n/2.
        var sum = 1.0
        var term = 1.0
        var i = k
        while i > 0 {
            term *= Double(i) / Double(n - i + 1)
            sum += term
            if term < sum * 1e-17 { break }
            i -= 1
        }
        return min(1, 2 * exp(logTop + log(sum)))
    }

    /// Whether `b + c` discordant pairs are too few for the test to tell much (fewer than
    /// ``weakBelow``).
    public static func isWeak(b: Int, c: Int) -> Bool { b + c < weakBelow }

    /// The warning shown beside a weak test, naming the count; nil when the test is not weak.
    public static func warning(b: Int, c: Int) -> String? {
        guard isWeak(b: b, c: c) else { return nil }
        return "only \(b + c) discordant case(s) (fewer than \(weakBelow)): McNemar's test is weak here; "
            + "a large p does not mean the runs are alike"
    }
}
