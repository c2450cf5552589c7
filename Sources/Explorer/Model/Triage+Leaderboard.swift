import Evaluator
import TUICore

// MARK: - Leaderboard

extension Triage {
    /// Every run's PTBench numbers side by side: one row per run, one column per metric and error
    /// count of each scope (overall first, then each split), taken from the runs' dashboards.
    public struct Leaderboard: Sendable {
        /// One column: a metric or an error count of one scope.
        public struct Column: Sendable, Equatable {
            /// `all` (PTBench's overall file) or a split's letter.
            public var scope: String
            public var metric: Metric?
            public var error: ErrorColumn?

            /// `all overall`, `U format`, `T value_error`, …
            public var title: String { "\(scope) \(metric?.rawValue ?? error?.rawValue ?? "")" }
            /// Whether a smaller value is the better one (the error counts).
            public var fewerIsBetter: Bool { error != nil }
        }

        /// One run's value of one column and the cases behind it (those that missed the metric,
        /// those the error column counts).
        public struct Cell: Sendable {
            /// The accuracy (0…1) or the count; nil where the metric has a zero denominator.
            public var value: Double?
            /// As the CSV file writes it.
            public var exact: String
            /// A metric as a percentage with one decimal (`71.3%`), a count as it is.
            public var percent: String
            public var cases: [Int]
            /// The value against the original gold, when the journal's gold edits are in effect.
            public var original: Double?
            /// Corrected − original beside the value (`+1.25` points, `-1` error), empty when equal
            /// or when no gold edit is in effect; `deltaExact` the same in the CSV's units.
            public var delta = ""
            public var deltaExact = ""

            init(value: Double?, exact: String, isCount: Bool, cases: [Int]) {
                self.value = value
                self.exact = exact
                // Formatted once, where the model is built: a layout per key would format every cell.
                percent = isCount ? exact : TriageRows.pct(value).trimmingCharacters(in: .whitespaces)
                self.cases = cases
            }

            /// Sets the original-gold value and formats the delta to it.
            mutating func compare(to original: Double?, isCount: Bool) {
                self.original = original
                guard let value, let original, value != original else { return }
                let d = value - original
                if isCount {
                    delta = (d > 0 ? "+" : "") + String(Int(d))
                    deltaExact = delta
                } else {
                    delta = String(format: "%+.2f", d * 100)
                    deltaExact = String(format: "%+.4f", d)
                }
            }
        }

        public var columns: [Column]
        /// The runs' names, in the order they were opened.
        public var runs: [String]
        /// `cells[run][column]`.
        public var cells: [[Cell]]
        /// Whether the journal's gold edits are in effect: each cell then holds its value against
        /// the original gold too (``Cell/original``).
        public var corrected = false

        /// The runs holding the best value of column `c` (the highest accuracy, the fewest errors);
        /// empty when no run has a value.
        public func best(_ c: Int) -> Set<Int> {
            let values = cells.map { $0[c].value }
            let present = values.compactMap { $0 }
            guard let top = columns[c].fewerIsBetter ? present.min() : present.max() else { return [] }
            return Set(values.indices.filter { values[$0] == top })
        }

        /// Each run's rank in column `c` (1: the best; runs with equal values share a rank; runs
        /// without a value rank last), by the corrected values or, `original`, the original gold's.
        public func ranks(_ c: Int, original: Bool = false) -> [Int] {
            let values = cells.map { original && corrected ? $0[c].original : $0[c].value }
            let better: (Double, Double) -> Bool = columns[c].fewerIsBetter ? { $0 < $1 } : { $0 > $1 }
            return values.map { v in
                guard let v else { return values.count(where: { $0 != nil }) + 1 }
                return 1 + values.count { other in other.map { better($0, v) } ?? false }
            }
        }
    }

    /// The scopes of the leaderboard's columns for `data`: `all` when PTBench's overall file
    /// exists (both reference splits), then each split's letter.
    public static func leaderboardScopes(_ data: ExplorerData) -> [String] {
        let names = Set(data.benchmark.splits.map(\.name))
        let overall = Benchmark.referenceSplits.allSatisfy(names.contains)
        return (overall ? ["all"] : []) + data.benchmark.splits.indices.map(data.splitLetter)
    }

    /// The leaderboard's columns for the scopes `scopes`: each scope's `overall`, its other seven
    /// metrics in CSV order, then its six error counts (so the headline number comes first).
    public static func leaderboardColumns(_ scopes: [String]) -> [Leaderboard.Column] {
        let metrics = [Metric.overall] + Metric.allCases.filter { $0 != .overall }
        return scopes.flatMap { scope in
            metrics.map { Leaderboard.Column(scope: scope, metric: $0) }
                + ErrorColumn.allCases.map { Leaderboard.Column(scope: scope, error: $0) }
        }
    }

    /// The leaderboard of `data`'s runs from their dashboards (``TriageModel/dashboards``), with
    /// each run's value against the original gold and the delta to it when `originals` (the
    /// dashboards against the original gold, one per run) are given.
    public static func leaderboard(data: ExplorerData, dashboards: [Dashboard], originals: [Dashboard]? = nil) -> Leaderboard {
        let scopes = leaderboardScopes(data)
        let columns = leaderboardColumns(scopes)
        func cells(_ d: Dashboard) -> [Leaderboard.Cell] {
            columns.map { c -> Leaderboard.Cell in
                let column = c.scope == "all" ? d.overall : d.splits.first { $0.letter == c.scope }
                if let metric = c.metric, let m = column?.metric(metric) {
                    return Leaderboard.Cell(value: m.value, exact: m.text, isCount: false, cases: m.missed)
                }
                if let error = c.error, let e = column?.error(error) {
                    return Leaderboard.Cell(value: Double(e.count), exact: String(e.count), isCount: true, cases: e.cases)
                }
                return Leaderboard.Cell(value: nil, exact: "n/a", isCount: c.error != nil, cases: [])
            }
        }
        var board = Leaderboard(columns: columns, runs: data.runs.map(\.name), cells: dashboards.map(cells))
        if let originals, originals.count == dashboards.count {
            board.corrected = true
            for (r, o) in originals.enumerated() {
                for (c, cell) in cells(o).enumerated() {
                    board.cells[r][c].compare(to: cell.value, isCount: columns[c].error != nil)
                }
            }
        }
        return board
    }
}

// MARK: - Leaderboard rows

extension TriageRows {
    /// The leaderboard's sort columns for `data` (nil: the reference layout, both splits).
    static func leaderboardSortColumns(_ data: ExplorerData?) -> [String] {
        let scopes = data.map(Triage.leaderboardScopes) ?? ["all", "U", "T"]
        return ["run"] + Triage.leaderboardColumns(scopes).map(\.title)
    }

    /// The column of `board` the cell cursor `cell` is on: its own while the board has it, else
    /// the first `overall` (`all overall` with both reference splits).
    static func leaderboardCell(_ board: Triage.Leaderboard, _ cell: Triage.Leaderboard.Column?) -> Int {
        cell.flatMap(board.columns.firstIndex(of:)) ?? board.columns.firstIndex { $0.metric == .overall } ?? 0
    }

    /// What Enter on a leaderboard cell lists, as the list's filter names it: `weak-sim: U
    /// tool_names missed` (a metric's failures), `weak-sim: all value_error` (an error column's cases).
    static func leaderboardSlice(_ run: String, _ column: Triage.Leaderboard.Column) -> String {
        "\(run): \(column.title)\(column.metric != nil ? " missed" : "")"
    }

    /// One row per run; the best value of each column marked; the cell cursor's column
    /// (``TableLayout/cellColumn``) marked in the header, and Enter lists the cases behind its cell.
    static func leaderboard(_ s: ViewContext, _ data: ExplorerData, _ m: TriageModel, _ layout: TableLayout) -> [TriageRow] {
        let board = m.leaderboard
        let exact = s.session.options.exactValues
        let mark = s.glyphs.preferred
        let best = board.columns.indices.map(board.best)
        // The cell Enter lists: the cell cursor's.
        let chosen = leaderboardCell(board, layout.cellColumn)
        // With gold edits in effect: each value's delta beside it, and the runs whose rank in the
        // chosen column the edits changed.
        let (ranks, originalRanks) = (board.ranks(chosen), board.ranks(chosen, original: true))
        let rows = board.runs.indices.map { r in
            let cells = board.columns.indices.map { c -> Line in
                let cell = board.cells[r][c]
                let text = exact ? cell.exact : cell.percent
                var line =
                    best[c].contains(r) && best[c].count < board.runs.count
                    ? Line([Span(mark, .pass), Span(text, .pass)]) : Line(" " + text)
                let delta = exact ? cell.deltaExact : cell.delta
                if !delta.isEmpty { line.spans.append(Span(" " + delta, .warning)) }
                return line
            }
            var name = Line(Text.clean(board.runs[r]))
            if board.corrected && ranks[r] != originalRanks[r] {
                name.spans.append(Span(" #\(ranks[r]) was #\(originalRanks[r])", .warning))
            }
            var row = TriageTable.Row(
                cells: [name] + cells,
                keys: [.text(board.runs[r])] + board.cells[r].map { TriageTable.SortKey.of($0.value) },
                cases: board.cells[r][chosen].cases, label: leaderboardSlice(board.runs[r], board.columns[chosen]))
            row.identity = "run \(r)"
            row.run = r
            return row
        }
        // Room for ` #k was #j` after a name when gold edits are in effect.
        let rankRoom = board.corrected ? 12 : 0
        let columns =
            [
                label(
                    "run", min: min(24 + rankRoom, max(8, rows.map { TextWidth.of($0.cells[0].plain) }.max() ?? 0)),
                    max: 32 + rankRoom)
            ]
            + board.columns.indices.map { c in
                // Room for the sort mark after the title, so a sorted column's name is never cut.
                var column = number(board.columns[c].title, rows.map { $0.cells[c + 1].plain })
                column.minWidth = max(column.minWidth, TextWidth.of(board.columns[c].title) + 2)
                return column
            }
        let what = exact ? "as acc_results.csv / error_results.csv" : "% of cases (exact CSV values: :set exact)"
        var out = [heading("Runs × PTBench metrics", "\(board.runs.count) run\(board.runs.count == 1 ? "" : "s"); \(what)")]
        let legend = board.runs.count > 1 ? "\(mark) best per column (errors: fewest); " : ""
        out.append(
            TriageRow(
                Line(
                    "  \(legend)h/l column, >/< sort by it, Enter lists the run's cases behind \(board.columns[chosen].title)",
                    .muted)))
        if board.corrected {
            let unit = exact ? "in the CSV's units" : "in points"
            out.append(
                TriageRow(
                    Line(
                        "  gold edits in effect: beside each value corrected \(s.glyphs.missing) original gold \(unit); "
                            + "#k was #j: the rank in \(board.columns[chosen].title) the edits changed",
                        .warning)))
        }
        out += layout.lines(TriageTable(columns: columns, rows: rows), cell: chosen + 1)
        return out
    }
}
