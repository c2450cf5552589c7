import Foundation

// MARK: - Reports

extension PairedComparison {
    /// One JSON object: `runs`, `regressions` and `improvements` (each `{split, index, verdict_a,
    /// verdict_b, finding_a, finding_b}`), `both_pass`, `both_fail`, `discordant`, `delta_overall`
    /// (B − A as a fraction), `delta_ci95` ([low, high] or null), `mcnemar_p`, `resamples`, `seed`,
    /// `weights` and `warning` (null when the test is not weak).
    public var json: String {
        func change(_ c: Change) -> String {
            JSONText.object([
                ("split", JSONText.string(c.split)), ("index", String(c.index)),
                ("verdict_a", JSONText.string(c.verdictA)), ("verdict_b", JSONText.string(c.verdictB)),
                ("finding_a", c.findingA.map(JSONText.string) ?? "null"),
                ("finding_b", c.findingB.map(JSONText.string) ?? "null"),
            ])
        }
        func list(_ changes: [Change]) -> String { "[" + changes.map(change).joined(separator: ", ") + "]" }
        let ci = deltaCI95.map { "[\(JSONText.number($0.low)), \(JSONText.number($0.high))]" } ?? "null"
        return JSONText.object([
            ("runs", "[\(JSONText.string(runs.0)), \(JSONText.string(runs.1))]"),
            ("regressions", list(regressions)), ("improvements", list(improvements)),
            ("both_pass", String(bothPass)), ("both_fail", String(bothFail)), ("discordant", String(discordant)),
            ("delta_overall", JSONText.number(deltaOverall)), ("delta_ci95", ci),
            ("mcnemar_p", JSONText.number(mcnemarP)), ("resamples", String(resamples)), ("seed", String(seed)),
            ("weights", JSONText.string(weightsDescription)),
            ("warning", warning.map(JSONText.string) ?? "null"),
        ])
    }

    /// How the overall values are weighted, in words.
    public var weightsDescription: String {
        let reference = Benchmark.referenceSplits
        return weights.keys.count == 2 && reference.allSatisfy { weights[$0] != nil }
            ? "PTBench's overall: (untrained × 609 + trained × 474) / 1083" : "pooled over the cases"
    }

    /// A readable report: the runs, the counts, the difference with its interval and p, the
    /// warning, then every regression and improvement with both verdicts and first findings; every
    /// text from the data passes through `cell` and columns are measured with `width`.
    public func text(cell: (String) -> String, width: (String) -> Int) -> String {
        var out = "A: \(cell(runs.0))\nB: \(cell(runs.1))\n\n" + summary
        for (title, changes) in [("regressions", regressions), ("improvements", improvements)] where !changes.isEmpty {
            out += "\n\(title) (\(changes.count))\n"
            let rows = changes.map { c in
                [
                    c.split, String(c.index), "\(c.verdictA) → \(c.verdictB)", "A: \(c.findingA ?? "—")",
                    "B: \(c.findingB ?? "—")",
                ]
            }
            out += PlainTextColumns.lines(rows.map { $0.map(cell) }, width: width)
        }
        return out
    }

    /// The counts, the difference with its interval, McNemar's p and the warning, one per line
    /// (no names: the caller says which runs are A and B).
    public var summary: String {
        func points(_ d: Double) -> String { (d >= 0 ? "+" : "−") + String(format: "%.2f", abs(d) * 100) }
        var out =
            "both pass \(bothPass) · both fail \(bothFail) · regressions (A pass, B not) \(regressions.count)"
            + " · improvements (B pass, A not) \(improvements.count)\n"
        out += "overall B − A: \(points(deltaOverall)) points (\(weightsDescription))\n"
        if let ci = deltaCI95 {
            out += "95 % interval: [\(points(ci.low)), \(points(ci.high))] points"
            out += " (paired bootstrap, \(resamples) resamples, seed \(seed))\n"
        }
        out += "McNemar's exact test: p = \(Self.pText(mcnemarP)) on \(discordant) discordant case(s)\n"
        if let warning { out += "warning: \(warning)\n" }
        return out
    }

    /// A p value for people: 4 significant digits, `< 1e-300` style below what prints usefully.
    static func pText(_ p: Double) -> String {
        if p == 0 { return "< 1e-300" }
        return p < 0.0001 ? String(format: "%.3g", p) : String(format: "%.4f", p)
    }
}
