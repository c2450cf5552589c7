import Evaluator

// MARK: - Filter

/// Which cases the list shows: within a dimension any selected value matches, across dimensions
/// all must (verdict ∧ error column ∧ split ∧ scenario ∧ platform ∧ user).
public struct Filter: Sendable, Equatable {
    public enum Verdict: String, Sendable, CaseIterable {
        case pass, fail
        case format = "format failure"
        case unscored = "not scored"
    }

    public var verdicts: Set<Verdict> = []
    public var errors: Set<ErrorCategory> = []
    public var splits: Set<Int> = []
    public var scenarios: Set<Int> = []
    public var platforms: Set<String> = []
    public var users: Set<Int> = []
    /// Annotation statuses (unreviewed covers never-annotated cases).
    public var statuses: Set<CaseStatus> = []
    /// Run comparison (run 0 = A, run 1 = B; `differs` looks at every run).
    public var comparisons: Set<Comparison> = []
    /// A drill-down from a view (dashboard row, failure pattern, user, tool): exactly these cases.
    public var slice: Slice?
    /// Only the cases rescued by the lenient reading: a format failure in PTBench's reading that
    /// the lenient reading passes (overall), in the focused run. Needs the lenient option
    /// (``rescuedCases(_:)``); without it nothing is filtered out.
    public var rescued = false
    /// Only the flaky cases of the sample set: those that pass in some samples and fail in others
    /// (``Session/flakyCases``). Needs a sample set loaded; without one nothing is filtered out.
    public var flaky = false

    /// The menu's and the status bar's name of ``rescued``.
    public static let rescuedLabel = "rescued by lenient: a reference format failure the lenient reading passes"

    /// The menu's and the status bar's name of ``flaky``.
    public static let flakyLabel = "flaky: passes in some samples and fails in others"

    /// What the status bar says when ``flaky`` is asked for without a sample set.
    public static let flakyNeedsSamples =
        "the flaky filter needs a sample set: open a folder of sample-1 … sample-K runs (ptscope run --samples K)"

    /// How two runs' verdicts relate (the runs of ``Session/comparedRuns``).
    public enum Comparison: String, Sendable, CaseIterable {
        case regressed = "regressions: pass in A, fail in B"
        case improved = "improvements: fail in A, pass in B"
        case differs = "the verdict differs between runs"

        /// The menu's label for `pair` named by `letter` (`regressions: pass in A, fail in C`).
        public func label(_ pair: RunPair, letter: (Int) -> String = Session.runLetter) -> String {
            let (a, b) = (letter(pair.a), letter(pair.b))
            switch self {
            case .regressed: return "regressions: pass in \(a), fail in \(b)"
            case .improved: return "improvements: fail in \(a), pass in \(b)"
            case .differs: return "the verdict differs between \(a) and \(b)"
            }
        }
    }

    /// A named set of cases.
    public struct Slice: Sendable, Equatable {
        public var label: String
        public var cases: Set<Int>
        public init(label: String, cases: Set<Int>) {
            self.label = label
            self.cases = cases
        }
    }

    public init() {}

    public var isEmpty: Bool {
        verdicts.isEmpty && errors.isEmpty && splits.isEmpty && scenarios.isEmpty && platforms.isEmpty && users.isEmpty
            && comparisons.isEmpty && slice == nil && statuses.isEmpty && !rescued
            && !flaky
    }

    /// Whether each case (by id) of `session`'s focused run is rescued by the lenient reading: a
    /// format failure in PTBench's reading, a pass (overall) in the lenient one. Nil without the
    /// lenient option; none is rescued while its scoring runs (PTBench's reading not yet beside it).
    public static func rescuedCases(_ session: Session) -> [Bool]? {
        guard session.options.scorer.lenient else { return nil }
        guard let scores = session.scores, let lenient = session.focused, scores.report.lenient,
            let references = scores.result.referenceReports, !references.isEmpty
        else { return Array(repeating: false, count: session.data.cases.count) }
        let reference = references[max(0, min(session.focusedRun, references.count - 1))].verdicts
        let count = min(reference.count, lenient.verdicts.count)
        return (0..<session.data.cases.count).map { id in
            guard id < count else { return false }
            let r = reference[id]
            let l = lenient.verdicts[id]
            return !r.format && l.format && l.overall
        }
    }

    /// What the status bar says when ``rescued`` is asked for without the lenient option.
    public static let rescuedNeedsLenient = "the rescued filter needs the lenient reading: :set lenient (or o)"

    /// Whether case `id` passes the run-comparison part (run summaries by run, then case id),
    /// comparing run `pair.a` with run `pair.b`.
    public func matchesComparison(_ id: Int, _ runs: [[CaseSummary]], pair: RunPair = RunPair(a: 0, b: 1)) -> Bool {
        guard !comparisons.isEmpty else { return true }
        guard runs.count >= 2, pair.a < runs.count, pair.b < runs.count, pair.a != pair.b else { return false }
        let va = runs[pair.a][id].verdict
        let vb = runs[pair.b][id].verdict
        let a = va == .pass
        let b = vb == .pass
        return comparisons.contains { c in
            switch c {
            case .regressed: return a && !b
            case .improved: return !a && b
            case .differs: return va != vb
            }
        }
    }

    /// Whether `entry` (with its verdict summary, nil before scoring) passes the verdict, error,
    /// split, scenario, platform and user dimensions. The slice, the statuses and the run
    /// comparisons need the session: ``CaseList`` checks them.
    @inline(__always)
    public func matches(_ entry: borrowing CaseEntry, _ summary: CaseSummary?) -> Bool {
        if !verdicts.isEmpty && !verdicts.contains(summary?.verdict ?? .unscored) { return false }
        if !errors.isEmpty {
            guard let summary, errors.contains(where: summary.has) else { return false }
        }
        if !splits.isEmpty && !splits.contains(entry.split) { return false }
        if !scenarios.isEmpty && !scenarios.contains(entry.scenario) { return false }
        if !platforms.isEmpty && !platforms.contains(entry.goldPlatform) { return false }
        if !users.isEmpty && !users.contains(entry.user) { return false }
        return true
    }

    /// pass / fail / format failure / not scored.
    public static func verdict(_ v: CaseVerdict?) -> Verdict {
        guard let v else { return .unscored }
        if !v.format { return .format }
        return v.overall ? .pass : .fail
    }
}

extension Filter {
    /// Whether a menu row is selected.
    public func contains(_ item: FilterMenu.Item) -> Bool {
        switch item {
        case .heading: return false
        case .verdict(let v): return verdicts.contains(v)
        case .error(let e): return errors.contains(e)
        case .split(let s): return splits.contains(s)
        case .scenario(let s): return scenarios.contains(s)
        case .platform(let p): return platforms.contains(p)
        case .user(let u): return users.contains(u)
        case .comparison(let c): return comparisons.contains(c)
        case .status(let st): return statuses.contains(st)
        case .rescued: return rescued
        case .flaky: return flaky
        }
    }

    /// Selects or deselects a menu row.
    public mutating func toggle(_ item: FilterMenu.Item) {
        func flip<T: Hashable>(_ set: inout Set<T>, _ v: T) { if set.remove(v) == nil { set.insert(v) } }
        switch item {
        case .heading: break
        case .verdict(let v): flip(&verdicts, v)
        case .error(let e): flip(&errors, e)
        case .split(let s): flip(&splits, s)
        case .scenario(let s): flip(&scenarios, s)
        case .platform(let p): flip(&platforms, p)
        case .user(let u): flip(&users, u)
        case .comparison(let c): flip(&comparisons, c)
        case .status(let st): flip(&statuses, st)
        case .rescued: rescued.toggle()
        case .flaky: flaky.toggle()
        }
    }

    /// A short description for the status bar (`fail · value_error · U`).
    public func summary(_ data: ExplorerData) -> String {
        var parts: [String] = []
        if let slice { parts.append(slice.label) }
        if rescued { parts.append("rescued by lenient") }
        if flaky { parts.append("flaky") }
        parts += statuses.map(\.rawValue).sorted()
        parts += comparisons.map { String($0.rawValue.prefix(while: { $0 != ":" })) }.sorted()
        parts += verdicts.map(\.rawValue).sorted()
        parts += errors.map(\.label).sorted()
        parts += splits.sorted().map { data.splitLetter($0) }
        parts += scenarios.sorted().map { data.scenarios[$0] }
        parts += platforms.sorted()
        parts += users.sorted().map { data.users[$0].name }
        return parts.joined(separator: " · ")
    }
}
