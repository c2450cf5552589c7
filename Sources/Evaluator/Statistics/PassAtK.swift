// MARK: - PassAtK

/// The estimators of a case answered `n` times of which `c` passed: pass@k, the chance that at
/// least one of k answers drawn without replacement passes (Chen et al. 2021, "Evaluating Large
/// Language Models Trained on Code", unbiased: 1 − C(n−c, k)/C(n, k)), and pass^k, the chance that
/// all k pass (Yao et al. 2024, τ-bench: C(c, k)/C(n, k)).
///
/// Both ratios of binomials are computed as products of k factors, never as binomials, so they
/// stay exact to a few ulps for n in the hundreds (C(300, 150) overflows a double).
public enum PassAtK {
    /// pass@k for `passed` passes out of `samples` answers.
    public static func passAt(_ k: Int, samples n: Int, passed c: Int) throws(SampleEstimateError) -> Double {
        try check(k, n, c)
        // C(n−c, k)/C(n, k) = ∏_{i<k} (n−c−i)/(n−i), zero once fewer than k failures remain.
        if n - c < k { return 1 }
        var allFail = 1.0
        for i in 0..<k { allFail *= Double(n - c - i) / Double(n - i) }
        return 1 - allFail
    }

    /// pass^k for `passed` passes out of `samples` answers.
    public static func passHat(_ k: Int, samples n: Int, passed c: Int) throws(SampleEstimateError) -> Double {
        try check(k, n, c)
        // C(c, k)/C(n, k) = ∏_{i<k} (c−i)/(n−i), zero once fewer than k passes remain.
        if c < k { return 0 }
        var allPass = 1.0
        for i in 0..<k { allPass *= Double(c - i) / Double(n - i) }
        return allPass
    }

    static func check(_ k: Int, _ n: Int, _ c: Int) throws(SampleEstimateError) {
        guard n >= 1, c >= 0, c <= n else { throw SampleEstimateError.counts(samples: n, passed: c) }
        guard k >= 1, k <= n else { throw SampleEstimateError.k(k, samples: n) }
    }
}

/// Why an estimate cannot be made: k outside 1…n, or counts that cannot be.
public enum SampleEstimateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// k is not between 1 and the number of samples.
    case k(Int, samples: Int)
    /// No samples, or passes outside 0…samples.
    case counts(samples: Int, passed: Int)

    public var description: String {
        switch self {
        case .k(let k, let n): return "k = \(k) is outside 1…\(n): pass@k needs at least k samples of each case"
        case .counts(let n, let c):
            return "\(c) passes out of \(n) samples cannot be (expected 0 ≤ passes ≤ samples, samples ≥ 1)"
        }
    }
}
