import Evaluator

// MARK: - CaseSort

/// How the case list is ordered: by a column, up or down. Ties keep the data's order.
///
/// In a comparison (several runs) each run's verdict is a column of its own: `verdict` is run A's,
/// `runB`, `runC`, … the others' (the letters of the list's header; `runA` is `verdict`).
/// ``columnNames(runs:)`` lists the names `:sort` takes, in the order `>` steps through them.
public struct CaseSort: Sendable, Equatable {
    /// A column of the case list.
    public enum Column: String, Sendable, CaseIterable {
        case index, user, scenario, platform, verdict, error, status
    }

    public var column: Column = .index
    public var descending = false
    /// With ``Column/verdict``: whose verdict (0 is run A).
    public var run = 0

    public init(_ column: Column = .index, descending: Bool = false, run: Int = 0) {
        self.column = column
        self.descending = descending
        self.run = column == .verdict ? max(0, run) : 0
    }

    /// The sort named `name` (as ``columnNames(runs:)`` spells it, any case; `runA` is `verdict`);
    /// nil for a name that is no column. A run's letter is not checked against the runs loaded.
    public init?(name: String, descending: Bool = false) {
        let lower = name.lowercased()
        if let column = Column(rawValue: lower) {
            self.init(column, descending: descending)
            return
        }
        guard lower.count == 4, lower.hasPrefix("run"), let letter = lower.last?.asciiValue,
            letter >= UInt8(ascii: "a"), letter <= UInt8(ascii: "z")
        else { return nil }
        self.init(.verdict, descending: descending, run: Int(letter - UInt8(ascii: "a")))
    }

    /// The column's name as `:sort` takes it.
    public var name: String { column == .verdict && run > 0 ? Self.runName(run) : column.rawValue }

    /// `runB` for run 1.
    static func runName(_ run: Int) -> String {
        "run" + String(UnicodeScalar(UInt8(ascii: "A") + UInt8(min(run, 25))))
    }

    /// The columns the case list sorts by with `runs` runs loaded, in the order `>` steps through
    /// them: `index user scenario platform verdict`, then `runB`, `runC`, … in a comparison, then
    /// `error status`. The `:sort` command and its completion take these names.
    public static func columnNames(runs: Int) -> [String] {
        let verdicts = (1..<max(1, min(runs, 26))).map(runName)
        return ["index", "user", "scenario", "platform", "verdict"] + verdicts + ["error", "status"]
    }

    /// The next column after this one (`>`), ascending; after the last, the data's order.
    public func next(runs: Int) -> CaseSort {
        let names = Self.columnNames(runs: runs)
        let i = names.firstIndex(of: name) ?? 0
        return CaseSort(name: names[(i + 1) % names.count]) ?? CaseSort()
    }

    /// The data's own order (split, then index): the list's default.
    public var isNatural: Bool { column == .index && !descending }

    /// `ids` ordered by the column (stable: ties keep their order), reversed when descending.
    func apply(_ ids: [Int], _ session: Session) -> [Int] {
        guard !isNatural else { return ids }
        let data = session.data
        let summaries = session.focused?.summaries
        let runs = session.scores?.runs ?? []
        let verdicts = run < runs.count ? runs[run].summaries : nil
        let sorted: [Int]
        switch column {
        case .index:
            return ids.reversed()
        case .user:
            sorted = stable(ids) { data.users[data.cases[$0].user].name }
        case .scenario:
            sorted = stable(ids) { data.scenarios[data.cases[$0].scenario] }
        case .platform:
            sorted = stable(ids) { data.cases[$0].goldPlatform }
        case .verdict:
            // Failing first: fail, format failure, pass, not scored.
            let rank: [Filter.Verdict: Int] = [.fail: 0, .format: 1, .pass: 2, .unscored: 3]
            sorted = stable(ids) { rank[verdicts?[$0].verdict ?? .unscored] ?? 3 }
        case .error:
            // By the error categories' bits, the cases without errors last.
            sorted = stable(ids) { id -> Int in
                let bits = Int(summaries?[id].errorBits ?? 0)
                return bits == 0 ? Int.max : bits.trailingZeroBitCount * 256 + bits
            }
        case .status:
            let order = CaseStatus.allCases
            sorted = stable(ids) { order.firstIndex(of: session.annotation($0)?.status ?? .unreviewed) ?? 0 }
        }
        return sorted
    }

    /// A stable sort of `ids` by `key`, up or down (ties keep the data's order either way).
    func stable<K: Comparable>(_ ids: [Int], by key: (Int) -> K) -> [Int] {
        let keyed = ids.enumerated().map { (key($0.element), $0.offset, $0.element) }
        let down = descending
        return keyed.sorted { a, b in a.0 != b.0 ? (down ? a.0 > b.0 : a.0 < b.0) : a.1 < b.1 }.map(\.2)
    }
}
