import Evaluator

// MARK: - CaseSort

/// How the case list is ordered: by a column, up or down. Ties keep the data's order.
public struct CaseSort: Sendable, Equatable {
    /// A column of the case list.
    public enum Column: String, Sendable, CaseIterable {
        case index, user, scenario, platform, verdict, error, status
    }

    public var column: Column = .index
    public var descending = false

    public init(_ column: Column = .index, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }

    /// The data's own order (split, then index): the list's default.
    public var isNatural: Bool { column == .index && !descending }

    /// `ids` ordered by the column (stable: ties keep their order), reversed when descending.
    func apply(_ ids: [Int], _ session: Session) -> [Int] {
        guard !isNatural else { return ids }
        let data = session.data
        let summaries = session.scores?.primary.summaries
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
            sorted = stable(ids) { rank[summaries?[$0].verdict ?? .unscored] ?? 3 }
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
