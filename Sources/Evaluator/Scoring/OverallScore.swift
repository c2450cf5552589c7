// MARK: - OverallScore

/// The reference's overall file: weighted 609/474 accuracies and summed error counts.
public struct OverallScore: Sendable {
    public let accuracy: [Metric: Double?]
    public let errorCounts: [ErrorColumn: Int]

    public static let untrainedWeight = 609.0
    public static let trainedWeight = 474.0
    public static let total = 1083.0

    public init(untrained: SplitScore, trained: SplitScore) {
        var acc: [Metric: Double?] = [:]
        for m in Metric.allCases {
            if let u = untrained.accuracy[m] ?? nil, let t = trained.accuracy[m] ?? nil {
                acc[m] = (u * OverallScore.untrainedWeight + t * OverallScore.trainedWeight) / OverallScore.total
            } else {
                acc[m] = .some(nil)
            }
        }
        accuracy = acc
        var e: [ErrorColumn: Int] = [:]
        for c in ErrorColumn.allCases { e[c] = (untrained.errorCounts[c] ?? 0) + (trained.errorCounts[c] ?? 0) }
        errorCounts = e
    }
}
