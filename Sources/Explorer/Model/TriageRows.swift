import Evaluator
import TUICore

// MARK: - TriageRows

/// The rows of the summary views, laid out for a width.
public enum TriageRows {
    /// Everything the rows of a view depend on: they are laid out again only when it changes.
    public struct Key: Sendable, Equatable {
        var kind: TriageKind
        var width: Int
        /// ``Session/version``: scores, gold and options.
        var version: Int
        var scored: Bool
        /// The scoring the triage model was built from (nil: no model yet).
        var triage: Int?
        var template: Int
        var exact: Bool
        /// ``SessionOptions/confidenceIntervals``.
        var ci: Bool
        /// The pair the triage model's paired statistics are of (they arrive after the model's dashboards).
        var statistics: RunPair?
        var selected: Int?
        var glyphs: Glyphs
        var sort: TriageSort
        var columnOffset: Int
        /// The suspect-gold queue's K (``SessionOptions/suspectAgreement``).
        var suspectAgreement: Int?
        /// The focused run and the compared pair (``Session/focusedRun``, ``Session/comparedRuns``).
        var run: Int
        var pair: RunPair
        /// The leaderboard's cell cursor (``TriageOverlay/cell``).
        var cell: Triage.Leaderboard.Column?

        public init(
            _ s: ViewContext, _ kind: TriageKind, width: Int, sort: TriageSort = TriageSort(), columnOffset: Int = 0,
            cell: Triage.Leaderboard.Column? = nil
        ) {
            self.cell = kind == .leaderboard ? cell : nil
            self.sort = sort
            self.columnOffset = columnOffset
            self.kind = kind
            self.width = width
            version = s.session.version
            scored = s.verdicts != nil
            triage = s.triage?.request
            template = s.promptTemplate
            exact = s.session.options.exactValues
            ci = s.session.options.confidenceIntervals
            statistics = s.triage?.pairStatistics?.pair
            // Only the prompt view shows the selected case.
            selected = kind == .prompt ? s.selected?.id : nil
            glyphs = s.glyphs
            suspectAgreement = s.session.options.suspectAgreement
            run = s.session.focusedRun
            pair = s.session.comparedRuns
        }
    }

    /// The columns the tables of `kind` sort by (`>` steps through them, `<` reverses), in the
    /// order of their header; empty for a view without tables.
    public static func sortColumns(_ kind: TriageKind) -> [String] { sortColumns(kind, nil) }

    /// ``sortColumns(_:)`` for `data` (the leaderboard's columns follow its splits).
    public static func sortColumns(_ kind: TriageKind, _ data: ExplorerData?) -> [String] {
        switch kind {
        case .leaderboard: return leaderboardSortColumns(data)
        case .dashboard:
            // In a comparison the breakdowns add the compared pair's paired statistics.
            return dashboardColumns + ((data?.runs.count ?? 1) > 1 ? pairedColumns : [])
        case .patterns: return ["cases", "label"]
        case .users: return ["user", "split", "cases", "pass", "accuracy", "most common error"]
        case .tools: return ["platform / API", "gold", "predicted", "failures", "in catalog"]
        case .prompt: return []
        case .suspects: return suspectColumns
        }
    }

    /// The rows of `kind` at `width` columns, its tables ordered by `sort` and scrolled
    /// `columnOffset` columns to the right; `cell` is the leaderboard's cell cursor (nil: its first
    /// `overall` column).
    public static func rows(
        _ s: ViewContext, _ kind: TriageKind, width: Int, sort: TriageSort = TriageSort(), columnOffset: Int = 0,
        cell: Triage.Leaderboard.Column? = nil
    ) -> [TriageRow] {
        var layout = TableLayout(width: width, sort: sort, columnOffset: columnOffset, glyphs: s.glyphs)
        layout.cellColumn = cell
        let data = s.data
        if kind == .prompt { return prompt(s, data, width: width) }
        guard let model = s.triage else {
            return [TriageRow(Line(s.verdicts == nil ? "scoring… the summaries appear when it finishes" : "computing…", .muted))]
        }
        // The patterns, users and tools of another run than the focused one: asked for already.
        let run = s.session.focusedRun
        if kind != .dashboard && model.run != run && run < data.runs.count {
            return [TriageRow(Line("computing run \(Session.runLetter(run))'s \(kind.rawValue)…", .muted))]
        }
        switch kind {
        case .dashboard: return dashboard(s, data, model, layout)
        case .patterns: return patterns(s, data, model, layout)
        case .users: return users(model.users, layout)
        case .tools: return tools(model.tools, layout)
        case .suspects: return suspects(s, data, model.suspects, layout)
        case .leaderboard: return leaderboard(s, data, model, layout)
        case .prompt: return []
        }
    }

    /// How the tables of a view are laid out: width, order, horizontal scroll.
    struct TableLayout {
        var width: Int
        var sort: TriageSort
        var columnOffset: Int
        var glyphs: Glyphs
        /// The leaderboard's cell cursor, by identity (nil: its default column).
        var cellColumn: Triage.Leaderboard.Column?

        /// `t` laid out; `cell` (an index in `t.columns`) is the cell cursor's column, its header
        /// marked and its place recorded in each row (``TriageRow/cell``).
        func lines(_ t: TriageTable, cell: Int? = nil) -> [TriageRow] {
            t.lines(width: width, sort: sort, columnOffset: columnOffset, glyphs: glyphs, cell: cell)
        }
    }

    /// A number column: right-aligned and never narrower than its content (a table too wide
    /// scrolls instead of cutting it).
    static func number(_ title: String, _ cells: [String]) -> Table.Column {
        Table.Column(
            title, alignment: .right, minWidth: ([title] + cells).map { TextWidth.of($0) }.max() ?? 1)
    }

    /// A label column: as wide as its content up to `max`, no narrower than `min` (cut with the
    /// ellipsis below that).
    static func label(_ title: String, min: Int = 12, max: Int = 40) -> Table.Column {
        Table.Column(title, minWidth: min, maxWidth: max, priority: 1)
    }

    /// `text` right-aligned in `width` columns.
    static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - TextWidth.of(text))) + text
    }

    static func pct(_ v: Double?) -> String {
        guard let v else { return "n/a" }
        return String(format: "%5.1f%%", v * 100)
    }

    static func heading(_ t: String, _ extra: String = "") -> TriageRow { TriageRow(Text.heading(t, extra)) }
    static let blank = TriageRow(Line(""))

    // MARK: - Dashboard

    static func dashboard(_ s: ViewContext, _ data: ExplorerData, _ m: TriageModel, _ layout: TableLayout) -> [TriageRow] {
        let width = layout.width
        // The focused run's dashboard and its original-gold one; PTBench's reading is run A's only.
        let focus = max(0, min(s.session.focusedRun, m.dashboards.count - 1))
        let d = m.dashboards[focus]
        let reference = focus == 0 ? m.reference : nil
        let original = m.originals.flatMap { focus < $0.count ? $0[focus] : nil }
        var out: [TriageRow] = []
        var columns = d.splits + (d.overall.map { [$0] } ?? [])
        let names = columns.map { Text.clean($0.letter.isEmpty ? $0.name : $0.letter) }
        // A metric as a percentage, or as the CSV writes it (`:set exact`, the o options).
        let exact = s.session.options.exactValues
        func shown(_ m: Triage.MetricCell?) -> String {
            guard let m else { return "n/a" }
            return exact ? m.text : pct(m.value).trimmingCharacters(in: .whitespaces)
        }
        // With `:set ci`, the value and its 95 % Wilson interval.
        let ci = s.session.options.confidenceIntervals
        func cell(_ c: Triage.ScoreColumn?, _ metric: Metric) -> String {
            let value = shown(c?.metric(metric))
            guard ci, let interval = c?.interval(metric) else { return value }
            return value + " " + wilson(interval, exact: exact, s.glyphs)
        }
        let metricCells = columns.flatMap { c in Metric.allCases.map { shown(c.metric($0)) } }
        // Columns as wide as the widest value; labels as wide as the widest label, so a label
        // never runs into its numbers.
        let cw = max(7, metricCells.map { TextWidth.of($0) }.max() ?? 0, names.map { TextWidth.of($0) }.max() ?? 0) + 2
        let labels =
            Metric.allCases.map(\.rawValue) + ErrorColumn.allCases.map(\.rawValue)
            + Triage.HiddenCount.allCases.map(\.rawValue)
        let lw = (labels.map { TextWidth.of($0) }.max() ?? 20) + 2
        func row(_ label: String, _ cells: [String], _ role: Role = .normal, cases: [Int]? = nil, select: String = "")
            -> TriageRow
        {
            // Numbers right-aligned in their columns, as in the metrics table above them.
            let text = "  " + TextWidth.pad(label, to: lw) + cells.map { right($0, cw - 2) + "  " }.joined()
            return TriageRow(Line(text, role), cases: cases, label: select)
        }
        if d.lenient {
            out.append(
                TriageRow(Line("LENIENT reading (o): these are not PTBench's numbers; the reference is beside them", .warning)))
        }
        // In a comparison the other runs' overall values and the difference between the compared
        // runs are columns of the same first table, so every headline number fits one screen.
        let otherRuns = m.dashboards.indices.filter { $0 != focus }
        let others = otherRuns.map(Session.runLetter)
        let pair = s.session.comparedRuns
        let (deltaSign, minus) = (s.glyphs.delta, s.glyphs.missing)
        let (letterA, letterB) = (Session.runLetter(pair.a), Session.runLetter(pair.b))
        let compare = others.isEmpty ? [] : others + ["\(deltaSign) \(letterB)\(minus)\(letterA)"]
        var extra = exact ? "as acc_results.csv" : "% of cases (exact CSV values: :set exact)"
        if !others.isEmpty {
            extra = "U, T, all: run \(Session.runLetter(focus)) (b: next run); " + others.joined(separator: ", ") + ": overall"
        }
        out.append(heading("PTBench metrics", extra))
        if !others.isEmpty {
            let runNames = data.runs.indices.map { "\(Session.runLetter($0)) = \(Text.clean(data.runs[$0].name))" }
            out.append(TriageRow(Line("  " + runNames.joined(separator: "  "), .muted)))
        }
        // A table: wider than the view (several runs, the reference), it scrolls by columns
        // (l, h) with the metric names frozen, the per-split columns first.
        var metricRows: [TriageTable.Row] = []
        for metric in Metric.allCases {
            var cells = columns.map { cell($0, metric) }
            if let r = reference {
                cells.append(cell(r.overall ?? r.splits.first, metric))
            }
            if !others.isEmpty {
                let headline = m.dashboards.map { $0.overall ?? $0.splits.first }
                let values = headline.map { $0?.metric(metric) }
                cells += otherRuns.map { cell(headline[$0], metric) }
                if pair.a < values.count, pair.b < values.count, let a = values[pair.a]?.value, let b = values[pair.b]?.value {
                    cells.append(String(format: "%+.1f pt", (b - a) * 100))
                } else {
                    cells.append("")
                }
            }
            let missed = columns.last?.metric(metric)?.missed
            metricRows.append(
                TriageTable.Row(
                    cells: [Line(metric.rawValue)] + cells.map { Line($0) }, keys: [], cases: missed,
                    label: "\(metric.rawValue) missed"))
        }
        let titles = names + (reference != nil ? ["reference"] : []) + compare
        let metricColumns =
            [Table.Column("", minWidth: lw - 2, maxWidth: lw - 2, priority: 1)]
            + titles.enumerated().map { c, title in
                var column = number(title, metricRows.map { $0.cells[c + 1].plain })
                column.minWidth = max(column.minWidth, cw - 2)
                return column
            }
        out += layout.lines(TriageTable(columns: metricColumns, rows: metricRows, sortable: false))
        out.append(
            TriageRow(
                Line(
                    "  Enter on a metric lists the cases\(others.isEmpty ? "" : " of run \(Session.runLetter(focus))") it missed",
                    .muted)))
        var paired: Triage.PairStatistics?
        if !others.isEmpty {
            out.append(blank)
            paired = m.pairStatistics.flatMap { $0.pair == pair ? $0 : nil }
            out += pairedSummary(paired, pair: pair, width: width, s.glyphs)
        }
        if let rules = d.lenientRules { out += lenientRules(rules, layout) }
        if let set = s.session.sampleSetRuns, let samples = s.session.sampleSet {
            out += sampleRows(samples, set: set.name, data, exact: exact, layout)
        }
        out.append(blank)
        out.append(heading("Errors", "error_results.csv (the names are swapped: what each counts is below it)"))
        out.append(row("", names, .muted))
        let maxCount = max(1, ErrorColumn.allCases.map { c in columns.last?.error(c)?.count ?? 0 }.max() ?? 1)
        for c in ErrorColumn.allCases {
            let cells = columns.map { String($0.error(c)?.count ?? 0) }
            let all = columns.last?.error(c)
            out.append(row(c.rawValue, cells, cases: all?.cases, select: c.rawValue))
            out.append(TriageRow(Line("      = " + c.meaning, .muted)))
        }
        out.append(blank)
        out.append(heading("Counted by the reference, never written"))
        for h in Triage.HiddenCount.allCases {
            let cells = columns.map { String($0.hidden(h)?.count ?? 0) }
            out.append(row(h.rawValue, cells, cases: columns.last?.hidden(h)?.cases, select: h.rawValue))
        }
        out.append(blank)
        out.append(heading("Error categories", Text.clean(columns.last?.name ?? "")))
        let barWidth = max(10, min(50, width - 40))
        var bars: [(String, Int, [Int])] = ErrorColumn.allCases.map { c in
            (c.rawValue, columns.last?.error(c)?.count ?? 0, columns.last?.error(c)?.cases ?? [])
        }
        for h in [Triage.HiddenCount.platformErrors, .formatFailures] {
            bars.append((h.rawValue, columns.last?.hidden(h)?.count ?? 0, columns.last?.hidden(h)?.cases ?? []))
        }
        let maxBar = max(maxCount, bars.map(\.1).max() ?? 1)
        for (label, n, cases) in bars {
            let len = n == 0 ? 0 : max(1, n * barWidth / maxBar)
            out.append(
                TriageRow(
                    Line([
                        Span("  " + TextWidth.pad(label, to: 26)), Span(String(repeating: s.glyphs.bar, count: len), .fail),
                        Span(" \(n)", .muted),
                    ]), cases: cases, label: label))
        }
        if let o = original {
            out.append(blank)
            out.append(
                heading("Corrected gold vs original", "the journal's gold edits; \(deltaSign) = corrected \(minus) original"))
            out.append(row("", ["original", "corrected", deltaSign], .muted))
            for metric in Metric.allCases {
                let a = (o.overall ?? o.splits.first)?.metric(metric)?.value
                let b = (d.overall ?? d.splits.first)?.metric(metric)?.value
                let delta = a.flatMap { a in b.map { String(format: "%+.2f pt", ($0 - a) * 100) } } ?? ""
                out.append(row(metric.rawValue, [pct(a), pct(b), delta]))
            }
        }
        for b in d.breakdowns {
            let stats = paired?.rows(b.dimension) ?? []
            let withStats = stats.count == b.rows.count && !stats.isEmpty
            out.append(blank)
            var extra = others.isEmpty ? "" : "run \(Session.runLetter(focus))"
            if withStats {
                extra += "; \(deltaSign) \(letterB)\(minus)\(letterA) paired"
                if stats.contains(where: { $0.cases > 0 && $0.isWeak }) {
                    extra += "; ? weak test (< \(McNemar.weakBelow) discordant)"
                }
            }
            out.append(heading("By \(b.dimension.rawValue)", extra))
            let rows = b.rows.enumerated().map { k, r in
                var accuracy = pct(r.accuracy)
                if ci, let interval = Wilson.interval(successes: r.pass, n: r.count) {
                    accuracy += " " + wilson(interval, exact: false, s.glyphs)
                }
                var cells = [
                    Line(Text.clean(r.label)), Line(String(r.count)), Line(String(r.pass)), Line(accuracy),
                    Line(String(r.formatFailures)),
                ]
                var keys: [TriageTable.SortKey] = [
                    .text(r.label), .of(r.count), .of(r.pass), .of(r.accuracy), .of(r.formatFailures),
                ]
                if withStats {
                    let p = stats[k]
                    cells += pairedCells(p).map { Line($0) }
                    keys +=
                        p.cases == 0
                        ? [.missing, .missing, .missing, .missing]
                        : [
                            .number(p.delta), .of(p.interval?.low), .number(p.p), .of(p.holm),
                        ]
                }
                return TriageTable.Row(cells: cells, keys: keys, cases: r.cases, label: "\(b.dimension.rawValue): \(r.label)")
            }
            let titles =
                dashboardColumns
                + (withStats ? ["\(deltaSign) \(letterB)\(minus)\(letterA)", "95 % CI (pt)", "p", "Holm p"] : [])
            let columns =
                [label(b.dimension.rawValue)]
                + titles.indices.dropFirst().map { c in number(titles[c], rows.map { $0.cells[c].plain }) }
            out += layout.lines(TriageTable(columns: columns, rows: rows))
        }
        columns = []
        return out
    }

    /// The lenient reading's table: per recovery rule the cases it read, of which parse, of which
    /// pass (overall), per split and overall, then the total; Enter on a row lists its cases.
    static func lenientRules(_ rules: Triage.LenientRules, _ layout: TableLayout) -> [TriageRow] {
        var out = [blank, heading("Lenient recovery rules", "cases the lenient reading read: read / of which parse / pass")]
        let titles = rules.columns.flatMap { ["\($0) read", "\($0) parse", "\($0) pass"] }
        let rows = (rules.rows + [rules.total]).enumerated().map { k, row in
            let total = k == rules.rows.count
            let label = total ? "total" : row.label
            let cells = row.counts.flatMap { [$0.read, $0.parse, $0.pass] }.map { Line(String($0)) }
            return TriageTable.Row(
                cells: [Line(Text.clean(label), total ? .header : .normal)] + cells, keys: [], cases: row.cases,
                label: "lenient: \(label)")
        }
        let columns =
            [label("rule", max: 44)]
            + titles.enumerated().map { c, title in number(title, rows.map { $0.cells[c + 1].plain }) }
        out += layout.lines(TriageTable(columns: columns, rows: rows, sortable: false))
        return out
    }

    /// The sample set's table: pass@k then pass^k for k = 1…K per split and over every case (a
    /// plain mean, not PTBench's weights), then the flaky cases (Enter lists them).
    static func sampleRows(
        _ set: SampleSetScore, set name: String, _ data: ExplorerData, exact: Bool, _ layout: TableLayout
    ) -> [TriageRow] {
        let k = set.sampleNumbers.count
        var out = [
            blank,
            heading(
                "Samples",
                "\(Text.clean(name)): \(k) sample\(k == 1 ? "" : "s"), a case passes when \(set.passWord) (:samples METRIC, :filter flaky)"
            ),
        ]
        let groups: [String?] = set.splits.map(\.name) + (set.splits.count > 1 ? [nil] : [])
        let titles = set.splits.indices.map { data.splitLetter($0) } + (set.splits.count > 1 ? ["all"] : [])
        func value(_ e: SampleSetScore.Estimator, _ k: Int, _ g: String?) -> String {
            guard let v = (try? set.mean(e, k: k, split: g)) ?? nil else { return "n/a" }
            return exact ? String(format: "%.4f", v) : pct(v).trimmingCharacters(in: .whitespaces)
        }
        var rows: [TriageTable.Row] = []
        for e in SampleSetScore.Estimator.allCases {
            for k in 1...max(1, k) {
                rows.append(
                    TriageTable.Row(
                        cells: [Line(e.label(k))] + groups.map { Line(value(e, k, $0)) }, keys: [], cases: nil,
                        label: e.label(k)))
            }
        }
        var flaky: [Int] = []
        var id = 0
        for split in set.splits {
            for c in split.passed {
                if c > 0 && c < split.samples { flaky.append(id) }
                id += 1
            }
        }
        let counts = set.splits.map { String($0.flakyCount) } + (set.splits.count > 1 ? [String(set.flakyCount)] : [])
        rows.append(
            TriageTable.Row(cells: [Line("flaky")] + counts.map { Line($0) }, keys: [], cases: flaky, label: "flaky cases"))
        let columns =
            [label("", min: 8, max: 12)]
            + titles.enumerated().map { c, title in number(title, rows.map { $0.cells[c + 1].plain }) }
        out += layout.lines(TriageTable(columns: columns, rows: rows, sortable: false))
        var note = "  Enter on flaky lists the cases that pass in some samples and fail in others"
        if set.splits.count > 1 { note += "; all: a plain mean over every case" }
        out.append(TriageRow(Line(note, .muted)))
        for w in set.warnings { out.append(TriageRow(Line("  " + Text.clean(w), .warning))) }
        return out
    }

    /// The breakdown tables' columns (their sort names).
    static let dashboardColumns = ["value", "cases", "pass", "accuracy", "format failures"]
    /// The columns a comparison adds to the breakdown tables.
    static let pairedColumns = ["difference", "interval", "p", "Holm p"]

    /// A 95 % Wilson interval as a cell's suffix: `[63.6–78.0]` (percent), or `[0.636–0.780]`
    /// beside the CSV files' exact values.
    static func wilson(_ i: Interval, exact: Bool, _ g: Glyphs) -> String {
        let to = g.missing == "-" ? "-" : "\u{2013}"
        let f = exact ? "%.3f" : "%.1f"
        let scale = exact ? 1.0 : 100.0
        return "[" + String(format: f, i.low * scale) + to + String(format: f, i.high * scale) + "]"
    }

    /// A count with thousands separated by commas: `10,000`.
    static func grouped(_ n: Int) -> String {
        var digits = String(n.magnitude)
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return (n < 0 ? "-" : "") + digits + out
    }

    /// A difference of two rates (fractions) in points with its sign: `+2.1`.
    static func points(_ d: Double) -> String { String(format: "%+.1f", d * 100) }

    /// A p value: three decimals, or two significant digits below 0.001.
    static func pValue(_ p: Double) -> String {
        if p == 0 { return "<1e-300" }
        return p >= 0.001 ? String(format: "%.3f", p) : String(format: "%.1e", p)
    }

    /// A breakdown row's paired cells: the difference, its bootstrap interval, McNemar's p (`?`
    /// where fewer than 25 discordant pairs make the test weak) and the Holm-adjusted p.
    public static func pairedCells(_ p: Triage.PairedRow) -> [String] {
        guard p.cases > 0 else { return ["", "", "", ""] }
        let interval = p.interval.map { "[\(points($0.low)), \(points($0.high))]" } ?? ""
        return [points(p.delta), interval, pValue(p.p) + (p.isWeak ? "?" : " "), p.holm.map(pValue) ?? ""]
    }

    /// The dashboard's paired section: the compared pair's overall difference, interval and p, the
    /// weak-test warning and the multiple-comparison caution; a line saying they are computed
    /// while `paired` (of `pair`) has not arrived.
    static func pairedSummary(_ paired: Triage.PairStatistics?, pair: RunPair, width: Int, _ g: Glyphs) -> [TriageRow] {
        let (a, b) = (Session.runLetter(pair.a), Session.runLetter(pair.b))
        guard let paired else {
            return [
                heading("Paired: run \(b) \(g.missing) run \(a)"),
                TriageRow(Line("  computing McNemar's tests and the bootstrap intervals…", .muted)),
            ]
        }
        let o = paired.overall
        let resamples = grouped(paired.resamples)
        var out = [
            heading("Paired: run \(b) \(g.missing) run \(a)", "bootstrap: \(resamples) resamples, seed \(paired.seed)")
        ]
        func text(_ t: String, _ role: Role = .normal) {
            for (i, l) in TextWidth.wrap(t, width: max(10, width - 6)).enumerated() {
                out.append(TriageRow(Line((i == 0 ? "  " : "    ") + l, role)))
            }
        }
        let interval = o.interval.map { ", 95 % CI [\(points($0.low)), \(points($0.high))] (paired bootstrap)" } ?? ""
        text(
            "overall: \(points(o.delta)) points\(interval); McNemar's exact p = \(pValue(o.p)) on "
                + "\(o.regressions + o.improvements) discordant of \(o.cases) cases (\(a) only \(o.regressions), "
                + "\(b) only \(o.improvements))")
        if let warning = McNemar.warning(b: o.regressions, c: o.improvements) { text("? " + warning, .warning) }
        let rows = paired.testedRows
        let expected = Double(rows) * 0.05
        let about = expected >= 1 ? String(format: "%.0f", expected) : String(format: "%.1f", expected)
        text(
            "\(rows) breakdown rows below: expect about \(about) p < 0.05 by chance even with no real difference; "
                + "Holm-adjusted p (within each table) in the last column", .muted)
        return out
    }

    // MARK: - Patterns

    static func patterns(_ s: ViewContext, _ data: ExplorerData, _ m: TriageModel, _ layout: TableLayout) -> [TriageRow] {
        let p = m.patterns
        var out: [TriageRow] = [
            heading("Failure signatures", "\(p.failing.count) failing cases; a case can show several signatures")
        ]
        /// Groups of cases: their counts and labels; Enter lists a group's cases.
        func groups(_ title: String, _ groups: [(count: Int, label: String, cases: [Int])]) -> [TriageRow] {
            let rows = groups.map { g in
                TriageTable.Row(
                    cells: [Line(String(g.count), .fail), Line(Text.clean(g.label))], keys: [.of(g.count), .text(g.label)],
                    cases: g.cases, label: g.label)
            }
            let columns = [
                number("cases", rows.map { $0.cells[0].plain }), Table.Column(title, minWidth: 10, priority: 1),
            ]
            return layout.lines(TriageTable(columns: columns, rows: rows, frozen: 0))
        }
        out += groups("signature", p.groups.map { ($0.count, $0.label, $0.cases) })
        out.append(blank)
        out.append(heading("Where wrong profile values came from"))
        if p.provenance.isEmpty {
            out.append(TriageRow(Line("  (no profile value mismatches)", .muted)))
        } else {
            out += groups("source", p.provenance.map { ($0.count, $0.label, $0.cases) })
        }
        out.append(blank)
        out.append(heading("Platform preference", "did the model pick the user's stated preferred platform?"))
        let pr = p.preference
        func cell(_ label: String, _ c: Triage.PreferenceStats.Cell, of total: Int) -> TriageRow {
            let rate = total == 0 ? "n/a" : pct(Double(c.count) / Double(total))
            return TriageRow(
                Line("  " + TextWidth.pad(label, to: 52) + TextWidth.pad(String(c.count), to: 7) + rate), cases: c.cases,
                label: label)
        }
        out.append(
            cell(
                "gold = preferred, model picked the preferred", pr.goldIsPreferred.predictedPreferred,
                of: pr.goldIsPreferred.count))
        out.append(
            cell("gold = preferred, model picked another", pr.goldIsPreferred.predictedOther, of: pr.goldIsPreferred.count))
        out.append(
            cell(
                "gold \(s.glyphs.notEqual) preferred, model still picked the preferred", pr.goldIsNotPreferred.predictedPreferred,
                of: pr.goldIsNotPreferred.count))
        out.append(
            cell(
                "gold \(s.glyphs.notEqual) preferred, model picked another", pr.goldIsNotPreferred.predictedOther,
                of: pr.goldIsNotPreferred.count))
        out.append(
            TriageRow(Line("  the profile states no preference", .muted), cases: pr.noPreference, label: "no stated preference"))
        return out
    }

    // MARK: - Users and tools

    static func users(_ users: [Triage.UserRow], _ layout: TableLayout) -> [TriageRow] {
        let rows = users.map { u in
            let err = u.mostCommonError.map { "\($0.label) (\(u.mostCommonErrorCount))" } ?? "—"
            let splits = u.splits.joined(separator: ",")
            return TriageTable.Row(
                cells: [
                    Line(Text.clean(u.name)), Line(Text.clean(splits)), Line(String(u.count)), Line(String(u.pass)),
                    Line(pct(u.accuracy)), Line(err),
                ],
                keys: [
                    .text(u.name), .text(splits), .of(u.count), .of(u.pass), .of(u.accuracy),
                    u.mostCommonError == nil ? .missing : .text(err),
                ], cases: u.cases, label: "user \(u.name)", user: u.user)
        }
        let cells = { (c: Int) in rows.map { $0.cells[c].plain } }
        let names = sortColumns(.users)
        let columns = [
            // Names whole up to 20 columns: a table too wide scrolls rather than cutting them.
            label(names[0], min: min(20, max(12, cells(0).map { TextWidth.of($0) }.max() ?? 0)), max: 30),
            Table.Column(names[1], minWidth: max(5, cells(1).map { TextWidth.of($0) }.max() ?? 0)),
            number(names[2], cells(2)), number(names[3], cells(3)), number(names[4], cells(4)),
            Table.Column(names[5], minWidth: ([names[5]] + cells(5)).map { TextWidth.of($0) }.max() ?? 1),
        ]
        return [heading("Users", "identified by profile content; Enter filters the list to the user and shows the profile")]
            + layout.lines(TriageTable(columns: columns, rows: rows))
    }

    static func tools(_ platforms: [Triage.PlatformRow], _ layout: TableLayout) -> [TriageRow] {
        func row(_ name: String, _ gold: Int, _ predicted: Int, _ failures: Int, _ inCatalog: Bool, _ role: Role) -> (
            [Line], [TriageTable.SortKey]
        ) {
            let cells = [
                Line(Text.clean(name), role), Line(String(gold), role), Line(String(predicted), role),
                Line(String(failures), role), Line(inCatalog ? "yes" : "no", inCatalog ? role : .warning),
            ]
            return (cells, [.text(name), .of(gold), .of(predicted), .of(failures), .text(inCatalog ? "yes" : "no")])
        }
        let rows = platforms.map { p in
            let (cells, keys) = row(p.name, p.gold, p.predicted, p.failures, p.inCatalog, .header)
            return TriageTable.Row(
                cells: cells, keys: keys, cases: p.cases, label: "platform \(p.name)",
                children: p.apis.map { a in
                    let (cells, keys) = row(a.name, a.gold, a.predicted, a.failures, a.inCatalog, .normal)
                    return TriageTable.Row(cells: cells, keys: keys, cases: a.cases, label: "API \(p.name).\(a.name)")
                })
        }
        let all = rows.flatMap { [$0] + $0.children }
        let names = sortColumns(.tools)
        let columns =
            [label(names[0])] + (1...3).map { c in number(names[c], all.map { $0.cells[c].plain }) }
            + [Table.Column(names[4], minWidth: TextWidth.of(names[4]))]
        return [
            heading(
                "Tools", "how often each platform and API is gold, predicted, and failed; Enter lists the cases involving it")
        ] + layout.lines(TriageTable(columns: columns, rows: rows))
    }

    // MARK: - Prompt

    /// `api` then the chat templates: ←/→ switch.
    public static let promptNames = ["api"] + Prompts.templates

    static func prompt(_ s: ViewContext, _ data: ExplorerData, width: Int) -> [TriageRow] {
        guard let entry = s.selected, let json = data.split(of: entry).fullCase(data.benchmarkCase(entry)) else {
            return [TriageRow(Line("no case selected", .muted))]
        }
        let name = promptNames[s.promptTemplate % promptNames.count]
        var out: [TriageRow] = [
            TriageRow(
                Line(
                    promptNames.map { $0 == name ? Span("[\($0)] ", .key) : Span(" \($0)  ", .muted) }
                        + [Span("  ←/→ switch", .muted)]))
        ]
        let about =
            "case \(entry.index) of \(Text.clean(data.split(of: entry).name)); exactly what PTBench sends (control characters shown escaped)"
        out += TextWidth.wrap(about, width: max(10, width)).map { TriageRow(Line($0, .muted)) }
        out.append(blank)
        func text(_ t: String) {
            for l in Sanitizer.clean(t, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false) {
                for w in TextWidth.wrap(String(l), width: max(10, width - 2)) { out.append(TriageRow(Line("  " + w))) }
            }
        }
        if name == "api" {
            for m in Prompts.api(case: json) {
                out.append(heading("[\(m.role)]"))
                text(m.content)
                out.append(blank)
            }
        } else if let r = Prompts.render(template: name, case: json) {
            // Notes wrap to the width (they were cut at the edge), continuation lines under the text.
            for n in r.notes {
                let lines = TextWidth.wrap(Text.clean(n), width: max(10, width - 4))
                for (i, l) in lines.enumerated() { out.append(TriageRow(Line((i == 0 ? "  ! " : "    ") + l, .warning))) }
            }
            if !r.notes.isEmpty { out.append(blank) }
            text(r.text)
        }
        return out
    }
}
