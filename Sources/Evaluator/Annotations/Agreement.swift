// MARK: - Agreement

/// How far several annotators' journals agree, on the cases every one of them annotated: on the
/// statuses (Cohen's kappa for two annotators, Fleiss' kappa for more) and on the gold (the share of
/// those cases whose corrected gold is the same for all).
public struct Agreement: Sendable, Equatable {
    /// One annotator's reading of one case.
    public struct Reading: Sendable, Equatable {
        public var status: CaseStatus
        /// The gold in effect, as text (equal text: equal gold).
        public var gold: String

        /// Makes a reading from its parts.
        public init(status: CaseStatus, gold: String) {
            self.status = status
            self.gold = gold
        }
    }

    /// How many annotators (journals).
    public var annotators: Int
    /// How many cases each annotator annotated.
    public var annotated: [Int]
    /// n: the cases every annotator annotated.
    public var common: Int
    /// The cases on which every annotator gave the same status.
    public var sameStatus: Int
    /// Cohen's kappa (two annotators) or Fleiss' kappa (more) on the statuses; nil when it is not
    /// defined (no common case, or every rating in one category, so chance agreement is 1).
    public var kappa: Double?
    /// The cases whose gold in effect is the same for every annotator.
    public var sameGold: Int

    /// `"Cohen"` for two annotators, `"Fleiss"` for more.
    public var kappaName: String { annotators == 2 ? "Cohen" : "Fleiss" }

    /// The agreement of `readings` (one map per annotator, by case).
    public init(_ readings: [[CaseKey: Reading]]) {
        annotators = readings.count
        annotated = readings.map(\.count)
        var keys = Set(readings.first?.keys.map { $0 } ?? [])
        for r in readings.dropFirst() { keys.formIntersection(r.keys) }
        let ordered = keys.sorted { ($0.split, $0.index, $0.hash) < ($1.split, $1.index, $1.hash) }
        common = ordered.count
        let statuses = ordered.map { key in readings.map { $0[key]!.status } }
        sameStatus = statuses.filter { Set($0).count == 1 }.count
        sameGold = ordered.filter { key in Set(readings.map { $0[key]!.gold }).count == 1 }.count
        kappa = readings.count == 2 ? Self.cohen(statuses) : Self.fleiss(statuses)
    }

    // MARK: Kappa

    /// Cohen's kappa of two raters: (p_o − p_e) / (1 − p_e), p_e from each rater's own category shares.
    static func cohen(_ ratings: [[CaseStatus]]) -> Double? {
        let n = Double(ratings.count)
        guard n > 0 else { return nil }
        let observed = Double(ratings.filter { $0[0] == $0[1] }.count) / n
        var chance = 0.0
        for c in CaseStatus.allCases {
            let a = Double(ratings.filter { $0[0] == c }.count) / n
            let b = Double(ratings.filter { $0[1] == c }.count) / n
            chance += a * b
        }
        guard chance < 1 else { return nil }
        return (observed - chance) / (1 - chance)
    }

    /// Fleiss' kappa of m ≥ 2 raters on every subject: (P̄ − P̄_e) / (1 − P̄_e), with
    /// P_i = (Σ_j n_ij² − m) / (m (m − 1)) and P̄_e = Σ_j p_j², p_j the share of all ratings in j.
    static func fleiss(_ ratings: [[CaseStatus]]) -> Double? {
        guard let m = ratings.first?.count, m >= 2, !ratings.isEmpty else { return nil }
        let n = Double(ratings.count)
        var totals: [CaseStatus: Double] = [:]
        var agreement = 0.0
        for subject in ratings {
            var counts: [CaseStatus: Double] = [:]
            for r in subject { counts[r, default: 0] += 1 }
            for (c, k) in counts { totals[c, default: 0] += k }
            agreement += (counts.values.map { $0 * $0 }.reduce(0, +) - Double(m)) / Double(m * (m - 1))
        }
        let observed = agreement / n
        let chance = totals.values.map { ($0 / (n * Double(m))) * ($0 / (n * Double(m))) }.reduce(0, +)
        guard chance < 1 else { return nil }
        return (observed - chance) / (1 - chance)
    }

    // MARK: Readings

    /// What a journal alone says of each case it annotates (a status or a gold change in effect;
    /// notes alone do not count): the last status in effect, else `corrected` when gold changes are
    /// in effect; the gold is the list of changes in effect.
    public static func readings(_ entries: [JournalEntry]) -> [CaseKey: Reading] {
        JournalMerge.versions(entries).filter { !$0.value.isEmpty }.mapValues { v in
            Reading(
                status: v.status ?? (v.changes.isEmpty ? .unreviewed : .corrected),
                gold: v.changes.map(JournalEntry.encode).joined(separator: ", "))
        }
    }

    /// The journal replayed over the data: each case with a status set or its gold changed, with its
    /// status and its corrected gold (answer, query and profile parameters).
    public static func readings(_ annotations: Annotations) -> [CaseKey: Reading] {
        var result: [CaseKey: Reading] = [:]
        for (key, c) in annotations.cases where c.explicitStatus != nil || c.goldChanged {
            result[key] = Reading(
                status: c.status, gold: [c.answer.dumps, c.queryParams.dumps, c.profileParams.dumps].joined(separator: "\n"))
        }
        return result
    }

    // MARK: Output

    /// The numbers as text, each with its n.
    public var text: String {
        let k = kappa.map { String(format: "%.4f", $0) } ?? "undefined (one category only, or no case)"
        func share(_ x: Int) -> String { common == 0 ? "–" : String(format: "%.1f %%", 100 * Double(x) / Double(common)) }
        return """
            annotators: \(annotators) (cases annotated: \(annotated.map(String.init).joined(separator: ", ")))
            cases every annotator annotated: n = \(common)
            statuses: same on \(sameStatus) of \(common) (\(share(sameStatus))); \(kappaName)'s kappa = \(k) (n = \(common))
            gold: same edits in effect on \(sameGold) of \(common) (\(share(sameGold)))

            """
    }

    /// The numbers as one JSON object.
    public var json: String {
        JSONText.object([
            ("annotators", String(annotators)), ("annotated", "[" + annotated.map(String.init).joined(separator: ", ") + "]"),
            ("n", String(common)), ("same_status", String(sameStatus)), ("kappa_kind", JSONText.string(kappaName.lowercased())),
            ("kappa", kappa.map { String($0) } ?? "null"),
            ("same_gold", String(sameGold)),
        ])
    }
}
