import Evaluator
import TUICore

// MARK: - FilterMenu

/// The `f` overlay: every filter value as a toggleable row, grouped by dimension.
public struct FilterMenu: Sendable, Equatable {
    public enum Item: Sendable, Equatable {
        case heading(String)
        case verdict(Filter.Verdict)
        case error(ErrorCategory)
        case split(Int)
        case scenario(Int)
        case platform(String)
        case user(Int)
        case comparison(Filter.Comparison)
        case status(CaseStatus)
        /// Rescued by the lenient reading (``Filter/rescued``).
        case rescued
        /// Flaky over the sample set's samples (``Filter/flaky``).
        case flaky
    }

    public var items: [Item]
    /// How many cases have each row's value (nil for headings, and for verdicts before scoring).
    public var counts: [Int?]
    /// The highlighted row (always a value row, never a heading) and the first row shown.
    public var cursor = ListCursor()
    /// The value rows (not headings), ascending: the rows the cursor steps over.
    public var valueRows: [Int]
    /// The runs the comparison rows compare (their labels name them).
    public var pair = RunPair(a: 0, b: 1)

    /// The rows for `data`, with counts from `summaries` (by case id, the focused run's) when
    /// scored, and the run comparison rows between `pair`'s runs when there are several runs;
    /// `rescued` (``Filter/rescuedCases(_:)``, nil without the lenient option) counts its row;
    /// `flaky` (``Session/flakyCases``) counts the flaky row, shown only when a sample set is loaded.
    public init(
        data: ExplorerData, summaries verdicts: [CaseSummary]?, runs: [[CaseSummary]] = [],
        pair: RunPair = RunPair(a: 0, b: 1), rescued: [Bool]? = nil, flaky: [Bool]? = nil
    ) {
        var items: [Item] = []
        self.pair = pair
        if data.runs.count > 1, max(pair.a, pair.b) < data.runs.count {
            let (a, b) = (Session.runLetter(pair.a), Session.runLetter(pair.b))
            items.append(
                .heading(
                    "Runs (\(a) = \(data.runs[pair.a].name), \(b) = \(data.runs[pair.b].name); :compare picks two)"))
            items += Filter.Comparison.allCases.map(Item.comparison)
        }
        items.append(.heading("Verdict"))
        items += Filter.Verdict.allCases.filter { $0 != .unscored }.map(Item.verdict)
        items.append(.rescued)
        if data.runs.contains(where: { $0.sample != nil }) { items.append(.flaky) }
        items.append(.heading("Error (error_results.csv column, or platform)"))
        items += ErrorCategory.filterable.map(Item.error)
        items.append(.heading("Annotation status"))
        items += CaseStatus.allCases.map(Item.status)
        items.append(.heading("Split"))
        items += data.benchmark.splits.indices.map(Item.split)
        items.append(.heading("Scenario"))
        items += data.scenarios.indices.map(Item.scenario)
        items.append(.heading("Platform (gold)"))
        items += data.platforms.map(Item.platform)
        items.append(.heading("User"))
        items += data.users.indices.map(Item.user)
        self.items = items
        valueRows = items.indices.filter { if case .heading = items[$0] { false } else { true } }
        // Counts by verdict and error from the summaries: one pass over small arrays.
        var byVerdict = [Int](repeating: 0, count: Filter.Verdict.allCases.count)
        var byBit = [Int](repeating: 0, count: 8)
        for v in verdicts ?? [] {
            byVerdict[Filter.Verdict.allCases.firstIndex(of: v.verdict)!] += 1
            var bits = v.errorBits
            while bits != 0 {
                byBit[bits.trailingZeroBitCount] += 1
                bits &= bits - 1
            }
        }
        func errorCount(_ e: ErrorCategory) -> Int { byBit[e.bit.trailingZeroBitCount] }
        counts = items.map { item in
            switch item {
            case .heading: return nil
            case .verdict(let v): return verdicts == nil ? nil : byVerdict[Filter.Verdict.allCases.firstIndex(of: v)!]
            case .error(let e): return verdicts == nil ? nil : errorCount(e)
            case .split(let s): return data.splitCounts[s]
            case .scenario(let s): return data.scenarioCounts[s]
            case .platform(let p): return data.platformCounts[p, default: 0]
            case .user(let u): return data.users[u].caseCount
            case .status: return nil
            case .rescued: return rescued.map { $0.reduce(0) { $0 + ($1 ? 1 : 0) } }
            case .flaky: return flaky.map { $0.reduce(0) { $0 + ($1 ? 1 : 0) } }
            case .comparison(let c):
                guard runs.count >= 2 else { return nil }
                var f = Filter()
                f.comparisons = [c]
                return (0..<data.cases.count).reduce(0) { $0 + (f.matchesComparison($1, runs, pair: pair) ? 1 : 0) }
            }
        }
        cursor.stepSelectable(.first, selectable: valueRows, rows: items.count)
    }

    /// The highlighted row's value.
    public var selectedItem: Item { items[cursor.index] }

    /// Moves the cursor by `motion` over the value rows (headings are skipped), `rows` shown.
    public mutating func move(_ motion: Motion, rows: Int) {
        cursor.stepSelectable(motion, selectable: valueRows, rows: rows)
    }
}
