import Evaluator

// MARK: - Users

extension Triage {
    /// One user's cases and how the model did on them.
    public struct UserRow: Sendable {
        /// Index in ``ExplorerData/users``.
        public var user: Int
        /// 1-based number in order of first appearance.
        public var number: Int
        public var name: String
        /// Letters of the splits the user has cases in (`U`, `T`), in benchmark order.
        public var splits: [String]
        public var count: Int
        public var pass: Int
        /// `pass / count` (nil for no cases).
        public var accuracy: Double?
        /// The most frequent error of the user's cases (nil when none has one); ties go to the CSV
        /// columns' order, then wrong platform, then format failure.
        public var mostCommonError: ErrorCategory?
        /// How many of the user's cases have ``mostCommonError``.
        public var mostCommonErrorCount: Int
        public var cases: [Int]
    }

    /// Every user of `data`, in ``ExplorerData/users`` order, scored as `verdicts` (by case id).
    public static func users(data: ExplorerData, verdicts: Verdicts) -> [UserRow] {
        let ctx = Context(data: data, verdicts: verdicts)
        var tallies = [Tally](repeating: Tally(), count: data.users.count)
        var errors = [[ErrorCategory: Int]](repeating: [:], count: data.users.count)
        for entry in data.cases {
            tallies[entry.user].add(entry.id, ctx.outcomes[entry.id])
            if let v = ctx.verdict(entry.id) {
                for e in ErrorCategory.of(v) { errors[entry.user][e, default: 0] += 1 }
            }
        }
        return data.users.indices.map { u in
            let user = data.users[u]
            let t = tallies[u]
            var top: (ErrorCategory, Int)?
            for e in ErrorCategory.allCases {
                if let n = errors[u][e], n > (top?.1 ?? 0) { top = (e, n) }
            }
            return UserRow(
                user: u, number: user.number, name: user.name,
                splits: user.splits.sorted().map { data.splitLetter($0) }, count: t.cases.count, pass: t.pass,
                accuracy: ratio(t.pass, t.cases.count), mostCommonError: top?.0, mostCommonErrorCount: top?.1 ?? 0,
                cases: t.cases)
        }
    }
}
