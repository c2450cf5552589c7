import Evaluator

// MARK: - Dashboard

extension Triage {
    /// The score table (one column per split and the overall file) and the breakdowns of every case.
    public struct Dashboard: Sendable {
        /// One column per split, in benchmark order.
        public var splits: [ScoreColumn]
        /// PTBench's overall file (weighted accuracies, summed counts); nil unless both reference splits exist.
        public var overall: ScoreColumn?
        /// Pass rates of every case by scenario, gold platform, gold API, user, task type and preference.
        public var breakdowns: [Breakdown]
        /// Whether the numbers come from the lenient reading (not PTBench's).
        public var lenient: Bool
        /// With the lenient reading, the cases it read counted per recovery rule (nil otherwise).
        public var lenientRules: LenientRules? = nil

        /// The breakdown along `dimension`.
        public func breakdown(_ dimension: Dimension) -> Breakdown? { breakdowns.first { $0.dimension == dimension } }
    }

    /// A split's (or the overall file's) numbers, as the CSV files have them, with the cases behind each count.
    public struct ScoreColumn: Sendable {
        /// The split's name, or `overall`.
        public var name: String
        /// `U`, `T` (see ``ExplorerData/splitLetter(_:)``) or `all`.
        public var letter: String
        /// The cases the column covers.
        public var cases: [Int]
        /// The eight `acc_results.csv` values, in CSV order.
        public var metrics: [MetricCell]
        /// The six `error_results.csv` counts, in CSV order.
        public var errors: [ErrorCell]
        /// What the reference counts but never writes, in ``HiddenCount`` order.
        public var hidden: [HiddenCell]

        /// The cell of `metric`.
        public func metric(_ metric: Metric) -> MetricCell? { metrics.first { $0.metric == metric } }
        /// The cell of `column`.
        public func error(_ column: ErrorColumn) -> ErrorCell? { errors.first { $0.column == column } }
        /// The cell of `kind`.
        public func hidden(_ kind: HiddenCount) -> HiddenCell? { hidden.first { $0.kind == kind } }

        /// The 95 % Wilson interval of `metric`: of its ``MetricCell/successes`` out of its
        /// ``MetricCell/trials``; for the overall column (`all`, PTBench's 609/474-weighted value) of
        /// its value read at the pooled trials. Nil for no trials or no value.
        public func interval(_ metric: Metric) -> Interval? {
            guard let cell = self.metric(metric), let value = cell.value else { return nil }
            if letter == "all" { return Wilson.interval(proportion: value, n: cell.trials) }
            return Wilson.interval(successes: cell.successes, n: cell.trials)
        }
    }

    /// One `acc_results.csv` value.
    public struct MetricCell: Sendable {
        public var metric: Metric
        /// The value from the report (nil: a zero denominator).
        public var value: Double?
        /// The value as the CSV file writes it (`PyRepr.float`, or `n/a`).
        public var text: String
        /// Cases that do not count for the metric: its per-case flag is 0 or, for `query_params` and
        /// `profile_params`, the case has such parameters and fewer hits than parameters.
        public var missed: [Int]
        /// What the value counts out of ``trials``: cases that count for the metric, or for
        /// `query_params` and `profile_params` the parameters matched (as PTBench divides them).
        public var successes = 0
        /// The value's denominator: the column's cases, or its query (profile) parameters.
        public var trials = 0

        public var meaning: String { metric.meaning }
    }

    /// One `error_results.csv` count and the cases it counts.
    public struct ErrorCell: Sendable {
        public var column: ErrorColumn
        /// The count from the report.
        public var count: Int
        public var cases: [Int]

        /// What the column really counts (the reference's names are swapped).
        public var meaning: String { column.meaning }
    }

    /// The counts the reference computes but does not write.
    public enum HiddenCount: String, Sendable, CaseIterable {
        case platformErrors = "platform errors"
        case formatFailures = "format failures"
        case queryValueErrors = "query value errors"
        case profileValueErrors = "profile value errors"

        /// What is counted.
        public var meaning: String {
            switch self {
            case .platformErrors: return "parsed predictions with the wrong platform"
            case .formatFailures:
                return "predictions the error analysis could not read (all format failures, "
                    + "and the cases whose error analysis raised)"
            case .queryValueErrors: return "parsed predictions with a wrong value or an extra parameter in query_params"
            case .profileValueErrors: return "parsed predictions with a wrong value or an extra parameter in profile_params"
            }
        }
    }

    /// One hidden count and the cases it counts.
    public struct HiddenCell: Sendable {
        public var kind: HiddenCount
        /// The count from the report (the overall column sums the splits).
        public var count: Int
        public var cases: [Int]
    }

    /// What a breakdown groups the cases by.
    public enum Dimension: String, Sendable, CaseIterable {
        case scenario
        case goldPlatform = "gold platform"
        case goldAPI = "gold API"
        case user
        case taskType = "task type"
        case preference
    }

    /// Every case grouped along one dimension.
    public struct Breakdown: Sendable {
        public var dimension: Dimension
        /// Whether each case is in exactly one row (every dimension but ``Dimension/goldAPI``).
        public var partitions: Bool
        public var rows: [BreakdownRow]
    }

    /// One group of cases and how the model did on them.
    public struct BreakdownRow: Sendable {
        public var label: String
        public var count: Int
        /// Cases with `overall` right (and a prediction that parsed).
        public var pass: Int
        /// `pass / count` (nil for no cases).
        public var accuracy: Double?
        /// Cases whose prediction did not parse or score (the list's `!`).
        public var formatFailures: Int
        public var cases: [Int]

        init(_ label: String, _ t: Tally) {
            self.label = label
            count = t.cases.count
            pass = t.pass
            accuracy = Triage.ratio(t.pass, t.cases.count)
            formatFailures = t.format
            cases = t.cases
        }
    }

    /// Task types (the rows of ``Dimension/taskType``).
    public static let profileDependentLabel = "profile-dependent (gold has profile parameters)"
    public static let queryOnlyLabel = "query only (no profile parameters)"
    /// Preference rows (the rows of ``Dimension/preference``).
    public static let goldIsPreferredLabel = "gold is the stated preferred platform"
    public static let goldIsNotPreferredLabel = "gold is not the stated preferred platform"
    public static let noPreferenceLabel = "the profile states no preference"
}

// MARK: - Lenient recovery rules

extension Triage {
    /// The cases the lenient reading read, counted per recovery rule (``LenientReading/rule``):
    /// one row per rule that occurs, then the total; per split and overall.
    public struct LenientRules: Sendable {
        /// The counts of one column (a split or all of them) of one row.
        public struct Count: Sendable, Equatable {
            /// Cases the reading read by the rule.
            public var read = 0
            /// Of which the recovered text parsed (the lenient `format`).
            public var parse = 0
            /// Of which the lenient reading passes overall.
            public var pass = 0
        }

        /// One rule's cases.
        public struct Row: Sendable {
            /// The rule; nil for readings that recognised nothing (no rule applied).
            public var rule: LenientReading.Rule?
            /// One count per column of ``LenientRules/columns``.
            public var counts: [Count]
            /// Every case the row counts (by id).
            public var cases: [Int]

            /// The row's name: the rule's title, or what a reading without rule means.
            public var label: String { rule?.title ?? "nothing recognised" }
        }

        /// The columns' names: each split's letter, then `all`.
        public var columns: [String]
        /// One row per rule that occurs, in ``LenientReading/Rule`` order (the readings without a
        /// rule last).
        public var rows: [Row]
        /// Every case read, per column.
        public var total: Row
    }

    /// Counts `data`'s cases of run `run` per recovery rule of their lenient reading, with their
    /// `lenient` verdicts (by case id); `reference`, PTBench's verdicts of the run, spares the
    /// reading of every case the reference parsed (the reading leaves those alone).
    public static func lenientRules(
        data: ExplorerData, run: Int, lenient: Verdicts, reference: Verdicts?, format: PredictionParser.Format = .reference
    ) -> LenientRules {
        let splits = data.benchmark.splits.count
        let columns = data.benchmark.splits.indices.map { data.splitLetter($0) } + ["all"]
        var byRule: [LenientReading.Rule?: LenientRules.Row] = [:]
        var total = LenientRules.Row(rule: nil, counts: Array(repeating: .init(), count: splits + 1), cases: [])
        for entry in data.cases {
            let id = entry.id
            if let reference, id < reference.count, reference[id].format { continue }
            guard case .text(let text)? = data.predictionLine(entry, run: run), let reading = Lenient.read(text, format: format)
            else {
                continue
            }
            let v = id < lenient.count ? lenient[id] : CaseVerdict()
            let rule = reading.rule
            var row = byRule[rule] ?? LenientRules.Row(rule: rule, counts: total.counts.map { _ in .init() }, cases: [])
            // The case's split's column and the overall one.
            func add(_ row: inout LenientRules.Row) {
                for column in [entry.split, splits] {
                    row.counts[column].read += 1
                    if v.format { row.counts[column].parse += 1 }
                    if v.format && v.overall { row.counts[column].pass += 1 }
                }
                row.cases.append(id)
            }
            add(&row)
            add(&total)
            byRule[rule] = row
        }
        let order: [LenientReading.Rule?] = LenientReading.Rule.allCases.map { $0 } + [nil]
        return LenientRules(columns: columns, rows: order.compactMap { byRule[$0] }, total: total)
    }
}

// MARK: - Building the dashboard

extension Triage {
    /// The dashboard of `data` scored as `verdicts` (by case id) and `report` (its numbers are used as
    /// they are: accuracies and counts are never recomputed, only the cases behind them are listed).
    public static func dashboard(data: ExplorerData, verdicts: Verdicts, report: ScoreReport) -> Dashboard {
        let ctx = Context(data: data, verdicts: verdicts)
        var bySplit = [[Int]](repeating: [], count: data.benchmark.splits.count)
        for entry in data.cases { bySplit[entry.split].append(entry.id) }
        var columns: [ScoreColumn] = []
        var scores: [SplitScore?] = []
        for (s, split) in data.benchmark.splits.enumerated() {
            let score = report.splits.first { $0.name == split.name }
            scores.append(score)
            columns.append(
                column(
                    ctx, name: split.name, letter: data.splitLetter(s), cases: bySplit[s], accuracy: score?.accuracy ?? [:],
                    errorCounts: score?.errorCounts ?? [:], hidden: hiddenCounts(score)))
        }
        var overall: ScoreColumn?
        if let o = report.overall {
            var hidden: [HiddenCount: Int] = [:]
            for score in scores { for (k, n) in hiddenCounts(score) { hidden[k, default: 0] += n } }
            overall = column(
                ctx, name: "overall", letter: "all", cases: data.cases.map(\.id), accuracy: o.accuracy,
                errorCounts: o.errorCounts, hidden: hidden)
        }
        return Dashboard(splits: columns, overall: overall, breakdowns: breakdowns(ctx), lenient: report.lenient)
    }

    static func hiddenCounts(_ score: SplitScore?) -> [HiddenCount: Int] {
        guard let score else { return [:] }
        return [
            .platformErrors: score.platformErrors, .formatFailures: score.formatFailures,
            .queryValueErrors: score.queryValueErrors, .profileValueErrors: score.profileValueErrors,
        ]
    }

    /// A column: the report's numbers, and the cases behind them found with the report's own predicates
    /// (see ``SplitScore``): a column counts `errorColumns`; the hidden counts look at cases that
    /// ``CaseVerdict/countsInErrorAnalysis`` (the others are its format failures).
    static func column(
        _ ctx: Context, name: String, letter: String, cases: [Int], accuracy: [Metric: Double?],
        errorCounts: [ErrorColumn: Int], hidden: [HiddenCount: Int]
    ) -> ScoreColumn {
        var missed = [[Int]](repeating: [], count: Metric.allCases.count)
        var errorIDs = [[Int]](repeating: [], count: ErrorColumn.allCases.count)
        var hiddenIDs = [[Int]](repeating: [], count: HiddenCount.allCases.count)
        // Matched and all query (profile) parameters: the two parameter metrics' counts.
        var (queryHit, queryTotal, profileHit, profileTotal) = (0, 0, 0, 0)
        let empty = CaseVerdict()
        for id in cases {
            let c = ctx.data.benchmarkCase(ctx.data.cases[id])
            let v = id < ctx.verdicts.count ? ctx.verdicts[id] : empty
            // In Metric.allCases order.
            let flags = [
                v.format, v.format && v.platforms, v.format && v.toolNames, v.format && v.toolParamNames,
                v.format && v.toolParamValues,
                c.queryParamCount == 0 || (v.format && v.queryParamsHit >= c.queryParamCount),
                c.profileParamCount == 0 || (v.format && v.profileParamsHit >= c.profileParamCount),
                v.format && v.overall,
            ]
            for (m, ok) in flags.enumerated() where !ok { missed[m].append(id) }
            queryTotal += c.queryParamCount
            profileTotal += c.profileParamCount
            if v.format {
                queryHit += v.queryParamsHit
                profileHit += v.profileParamsHit
            }
            for col in v.errorColumns { errorIDs[ErrorColumn.allCases.firstIndex(of: col)!].append(id) }
            // In HiddenCount.allCases order: platform, format, query value, profile value.
            if v.countsInErrorAnalysis {
                if v.errors.platform { hiddenIDs[0].append(id) }
                if v.errors.queryValue { hiddenIDs[2].append(id) }
                if v.errors.profileValue { hiddenIDs[3].append(id) }
            } else {
                hiddenIDs[1].append(id)
            }
        }
        return ScoreColumn(
            name: name, letter: letter, cases: cases,
            metrics: Metric.allCases.enumerated().map { k, m in
                let value = accuracy[m] ?? nil
                let (successes, trials) =
                    switch m {
                    case .queryParams: (queryHit, queryTotal)
                    case .profileParams: (profileHit, profileTotal)
                    default: (cases.count - missed[k].count, cases.count)
                    }
                return MetricCell(
                    metric: m, value: value, text: value.map(PyRepr.float) ?? "n/a", missed: missed[k], successes: successes,
                    trials: trials)
            },
            errors: ErrorColumn.allCases.enumerated().map { k, c in
                ErrorCell(column: c, count: errorCounts[c] ?? 0, cases: errorIDs[k])
            },
            hidden: HiddenCount.allCases.enumerated().map { k, h in
                HiddenCell(kind: h, count: hidden[h] ?? 0, cases: hiddenIDs[k])
            })
    }

    // MARK: Breakdowns

    static func breakdowns(_ ctx: Context) -> [Breakdown] {
        let data = ctx.data
        let preferred = ctx.preferredPlatforms(ctx.platformLists())
        var scenarios = [Tally](repeating: Tally(), count: data.scenarios.count)
        var platforms: [String: Tally] = [:]
        var apis: [String: Tally] = [:]
        var users = [Tally](repeating: Tally(), count: data.users.count)
        var task = [Tally](repeating: Tally(), count: 2)
        var preference = [Tally](repeating: Tally(), count: 3)
        for entry in data.cases {
            let id = entry.id
            let o = ctx.outcomes[id]
            scenarios[entry.scenario].add(id, o)
            platforms[entry.goldPlatform, default: Tally()].add(id, o)
            for f in entry.goldFunctions { apis[f, default: Tally()].add(id, o) }
            users[entry.user].add(id, o)
            task[data.benchmarkCase(entry).profileParamCount > 0 ? 0 : 1].add(id, o)
            if let p = preferred[id] {
                preference[p.scalarsEqual(entry.goldPlatform) ? 0 : 1].add(id, o)
            } else {
                preference[2].add(id, o)
            }
        }
        // Platform rows: the sorted gold platforms, then the malformed gold's "?" if any.
        let platformOrder = data.platforms + platforms.keys.filter { !data.platforms.contains($0) }.sorted()
        return [
            Breakdown(
                dimension: .scenario, partitions: true,
                rows: data.scenarios.indices.map { BreakdownRow(data.scenarios[$0], scenarios[$0]) }),
            Breakdown(
                dimension: .goldPlatform, partitions: true,
                rows: platformOrder.compactMap { p in platforms[p].map { BreakdownRow(p, $0) } }),
            Breakdown(
                dimension: .goldAPI, partitions: false,
                rows: apis.keys.sorted().map { BreakdownRow($0, apis[$0]!) }),
            Breakdown(
                dimension: .user, partitions: true,
                rows: zip(userLabels(data), users).map { BreakdownRow($0, $1) }),
            Breakdown(
                dimension: .taskType, partitions: true,
                rows: [BreakdownRow(profileDependentLabel, task[0]), BreakdownRow(queryOnlyLabel, task[1])]),
            Breakdown(
                dimension: .preference, partitions: true,
                rows: [
                    BreakdownRow(goldIsPreferredLabel, preference[0]), BreakdownRow(goldIsNotPreferredLabel, preference[1]),
                    BreakdownRow(noPreferenceLabel, preference[2]),
                ]),
        ]
    }

    /// Each user's name, with `#number` added where users share a name.
    static func userLabels(_ data: ExplorerData) -> [String] {
        var seen: [String: Int] = [:]
        for u in data.users { seen[u.name, default: 0] += 1 }
        return data.users.map { seen[$0.name]! > 1 ? "\($0.name) #\($0.number)" : $0.name }
    }
}
