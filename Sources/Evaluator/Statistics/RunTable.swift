import Foundation

// MARK: - RunTable

/// The table a paper prints: one row per run, PTBench's accuracy metrics per split and overall,
/// as percentages to a number of digits, the best value of each column marked, and optionally
/// each value's Wilson 95 % interval.
public struct RunTable: Sendable {
    /// An output format.
    public enum Format: String, Sendable, CaseIterable {
        case markdown, latex, csv, json
    }

    /// A column: a split (or `overall`) and a metric.
    public struct Column: Sendable, Equatable {
        /// The split's folder name, or `overall`.
        public var group: String
        public var metric: Metric

        /// The header: `untrained overall`, `trained platforms`, `overall tool_names`.
        public var title: String { "\(RunTable.short(group)) \(metric.rawValue)" }
    }

    /// One run's values.
    public struct Row: Sendable {
        public var name: String
        /// Per column: the accuracy as a fraction (nil: n/a) and its Wilson interval.
        public var values: [Double?]
        public var intervals: [Interval?]
    }

    public let columns: [Column]
    public let rows: [Row]
    public let digits: Int
    public let showIntervals: Bool

    /// The table of `runs` (each a name and its report on the same data); `denominators` gives
    /// each split's trials per metric for the Wilson intervals (see ``denominators(of:)``).
    public init(
        runs: [(name: String, report: ScoreReport)], denominators: [String: [Metric: Int]], digits: Int = 1,
        intervals: Bool = false
    ) {
        self.digits = digits
        showIntervals = intervals
        let splits = runs.first?.report.splits.map(\.name) ?? []
        let hasOverall = runs.first?.report.overall != nil
        var columns: [Column] = []
        for group in splits + (hasOverall ? ["overall"] : []) {
            columns += Metric.allCases.map { Column(group: group, metric: $0) }
        }
        self.columns = columns
        var overallDenominators: [Metric: Int] = [:]
        for m in Metric.allCases { overallDenominators[m] = splits.reduce(0) { $0 + (denominators[$1]?[m] ?? 0) } }
        rows = runs.map { run in
            var values: [Double?] = []
            var cis: [Interval?] = []
            for c in columns {
                let value: Double?
                let n: Int
                if c.group == "overall" {
                    value = run.report.overall?.accuracy[c.metric] ?? nil
                    n = overallDenominators[c.metric] ?? 0
                } else {
                    value = run.report.splits.first { $0.name == c.group }?.accuracy[c.metric] ?? nil
                    n = denominators[c.group]?[c.metric] ?? 0
                }
                values.append(value)
                cis.append(value.flatMap { Wilson.interval(proportion: $0, n: n) })
            }
            return Row(name: run.name, values: values, intervals: cis)
        }
    }

    /// Each split's trials per metric: its cases, and for `query_params` / `profile_params` its
    /// query or profile parameters.
    public static func denominators(of bench: Benchmark) -> [String: [Metric: Int]] {
        var out: [String: [Metric: Int]] = [:]
        for split in bench.splits {
            var d: [Metric: Int] = [:]
            for m in Metric.allCases { d[m] = split.cases.count }
            d[.queryParams] = split.cases.reduce(0) { $0 + $1.queryParamCount }
            d[.profileParams] = split.cases.reduce(0) { $0 + $1.profileParamCount }
            out[split.name] = d
        }
        return out
    }

    /// `test_untrained_user` → `untrained`, `test_trained_user` → `trained`; others as they are.
    static func short(_ group: String) -> String {
        switch group {
        case Benchmark.referenceSplits[0]: return "untrained"
        case Benchmark.referenceSplits[1]: return "trained"
        default: return group
        }
    }

    // MARK: Values

    /// A fraction as a percentage with ``digits`` digits (`n/a` for nil).
    public func percent(_ v: Double?) -> String {
        guard let v else { return "n/a" }
        return String(format: "%.\(digits)f", v * 100)
    }

    /// Whether row `r`'s value in column `c` is the column's best as printed (ties all best).
    public func isBest(row r: Int, column c: Int) -> Bool {
        guard rows[r].values[c] != nil else { return false }
        let printed = rows.compactMap { $0.values[c] }.map { Double(percent($0)) ?? -1 }
        return Double(percent(rows[r].values[c])) == printed.max()
    }

    /// The value cell, with its interval when asked for (`76.5 [73.0, 79.6]`).
    func cell(_ r: Int, _ c: Int) -> String {
        let v = percent(rows[r].values[c])
        guard showIntervals, let ci = rows[r].intervals[c] else { return v }
        return "\(v) [\(percent(ci.low)), \(percent(ci.high))]"
    }

    // MARK: Rendering

    /// The table in `format`.
    public func render(_ format: Format) -> String {
        switch format {
        case .markdown: return markdown
        case .latex: return latex
        case .csv: return csv
        case .json: return json
        }
    }

    var note: String {
        var s = "Accuracy in %, \(digits) digit(s); best per column in bold"
        if columns.contains(where: { $0.group == "overall" }) {
            s += "; overall = (untrained × 609 + trained × 474) / 1083 as PTBench"
        }
        if showIntervals {
            s += "; [low, high] = Wilson 95 % interval (overall: at the pooled number of trials)"
        }
        return s + "."
    }

    var markdown: String {
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "| run | " + columns.map(\.title).joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---:|", count: columns.count) + "\n"
        for r in rows.indices {
            let cells = columns.indices.map { c in isBest(row: r, column: c) ? "**\(cell(r, c))**" : cell(r, c) }
            out += "| \(escape(rows[r].name)) | " + cells.joined(separator: " | ") + " |\n"
        }
        return out + "\n" + note + "\n"
    }

    /// `text` with LaTeX's special characters escaped.
    public static func latexEscape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\textbackslash{}"
            case "&", "%", "$", "#", "_", "{", "}": out += "\\\(ch)"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            default: out.append(ch)
            }
        }
        return out
    }

    var latex: String {
        let groups = columns.reduce(into: [String]()) { if $0.last != $1.group { $0.append($1.group) } }
        var out = "% \(note)\n\\begin{tabular}{l" + String(repeating: "r", count: columns.count) + "}\n\\hline\n"
        out +=
            " & "
            + groups.map { g in
                "\\multicolumn{\(columns.filter { $0.group == g }.count)}{c}{\(Self.latexEscape(Self.short(g)))}"
            }.joined(separator: " & ") + " \\\\\n"
        out += "run & " + columns.map { Self.latexEscape($0.metric.rawValue) }.joined(separator: " & ") + " \\\\\n\\hline\n"
        for r in rows.indices {
            let cells = columns.indices.map { c in
                isBest(row: r, column: c) ? "\\textbf{\(cell(r, c))}" : cell(r, c)
            }
            out += Self.latexEscape(rows[r].name) + " & " + cells.joined(separator: " & ") + " \\\\\n"
        }
        return out + "\\hline\n\\end{tabular}\n"
    }

    var csv: String {
        func quote(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var header = ["run"]
        for c in columns {
            let key = "\(c.group).\(c.metric.rawValue)"
            header.append(key)
            if showIntervals { header += [key + ".ci_low", key + ".ci_high"] }
        }
        var out = header.joined(separator: ",") + "\n"
        for row in rows {
            var fields = [quote(row.name)]
            for c in columns.indices {
                fields.append(percent(row.values[c]))
                if showIntervals { fields += [percent(row.intervals[c]?.low), percent(row.intervals[c]?.high)] }
            }
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    var json: String {
        let runs = rows.indices.map { r in
            let values = columns.indices.map { c -> String in
                var pairs: [(String, String)] = [
                    ("split", JSONText.string(columns[c].group)), ("metric", JSONText.string(columns[c].metric.rawValue)),
                    ("value", JSONText.number(rows[r].values[c])), ("best", String(isBest(row: r, column: c))),
                ]
                if showIntervals {
                    let ci = rows[r].intervals[c].map { "[\(JSONText.number($0.low)), \(JSONText.number($0.high))]" }
                    pairs.append(("ci95", ci ?? "null"))
                }
                return JSONText.object(pairs)
            }
            return JSONText.object([
                ("run", JSONText.string(rows[r].name)), ("values", "[" + values.joined(separator: ", ") + "]"),
            ])
        }
        return JSONText.object([
            ("digits", String(digits)), ("unit", JSONText.string("fraction (printed formats: percent)")),
            ("note", JSONText.string(note)), ("runs", "[" + runs.joined(separator: ", ") + "]"),
        ]) + "\n"
    }
}
