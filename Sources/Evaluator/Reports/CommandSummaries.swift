import Foundation

// MARK: - Check

extension Validation {
    /// The last line of `ptscope check`: how many splits, cases and problems.
    public static func summary(of bench: Benchmark, problems: [InputWarning]) -> String {
        let cases = bench.splits.reduce(0) { $0 + $1.cases.count }
        return "\(bench.splits.count) split(s), \(cases) cases, \(problems.count) problem(s)"
    }
}

// MARK: - Export

extension CorrectedExport {
    /// The line `ptscope export` ends with: where the corrected data went, how many cases have
    /// corrected gold or are flagged, and how many journal entries were not applied.
    public static func summary(_ annotations: Annotations, writtenTo folder: URL) -> String {
        let changed = annotations.cases.values.filter(\.goldChanged).count
        let flagged = annotations.cases.values.filter { $0.status == .flagged }.count
        let problems = annotations.problems.count
        return "wrote \(folder.path): \(changed) case(s) with corrected gold, \(flagged) flagged, "
            + "\(problems) entr\(problems == 1 ? "y" : "ies") not applied (CHANGES.md, changes.jsonl)"
    }
}
