import Foundation

// MARK: - Deltas between two reports

extension ScoreReport {
    /// Every metric's difference from `base` in percentage points, per split (matched by name)
    /// and overall, as a text table headed `title`; n/a where either value is.
    public func deltaTable(against base: ScoreReport, title: String) -> String {
        var columns: [(String, [Metric: Double?], [Metric: Double?])] = splits.compactMap { s in
            base.splits.first { $0.name == s.name }.map { (s.name, s.accuracy, $0.accuracy) }
        }
        if let overall, let baseOverall = base.overall {
            columns.append(("overall", overall.accuracy, baseOverall.accuracy))
        }
        let labelWidth = (Metric.allCases.map(\.rawValue.count).max() ?? 0) + 2
        let width = max(12, columns.map(\.0.count).max() ?? 0) + 2
        func pad(_ s: String, _ w: Int, left: Bool = false) -> String {
            let gap = String(repeating: " ", count: max(0, w - s.count))
            return left ? s + gap : gap + s
        }
        var out = title + "\n" + pad("", labelWidth, left: true) + columns.map { pad($0.0, width) }.joined() + "\n"
        out += String(repeating: "-", count: labelWidth + width * columns.count) + "\n"
        for m in Metric.allCases {
            out += pad(m.rawValue, labelWidth, left: true)
            out +=
                columns.map { c in
                    guard let v = c.1[m] ?? nil, let b = c.2[m] ?? nil else { return pad("n/a", width) }
                    return pad(String(format: "%+.2f", (v - b) * 100), width)
                }.joined() + "\n"
        }
        return out
    }
}
