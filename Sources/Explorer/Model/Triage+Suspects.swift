import Evaluator

// MARK: - Suspect gold

extension Triage {
    /// Where gold may be wrong: values (or platforms) that several runs agree on and gold rejects,
    /// and cases every run fails the same way.
    ///
    /// Computed once per scoring, off the input loop, for every agreement of two runs or more; the
    /// view keeps those of at least K runs (``SessionOptions/suspectAgreement``), so changing K
    /// needs no new model.
    public struct Suspects: Sendable {
        /// How many runs were compared.
        public var runs: Int
        /// Every value or platform at least two runs agree on and gold rejects: most runs first,
        /// then by case, then by label.
        public var agreements: [Agreement]
        /// Every failure signature (finding kind on a function.parameter) that every run has in a
        /// case, by case then label; empty for fewer than two runs.
        public var unanimous: [Unanimous]

        /// The agreements of at least `k` runs, in rank order.
        public func queue(_ k: Int) -> [Agreement] { agreements.filter { $0.runs.count >= k } }

        /// The K a queue starts with: half the runs (rounded up), at least 2.
        public static func defaultAgreement(runs: Int) -> Int { max(2, (runs + 1) / 2) }
    }

    /// A value (or platform) that `runs` predicted alike for one case and gold rejects.
    public struct Agreement: Sendable {
        /// The case (index in ``ExplorerData/cases``).
        public var caseID: Int
        /// The gold function and parameter; nil for the platform.
        public var function: String?
        public var parameter: String?
        /// The agreed value, as the first of the runs wrote it.
        public var value: PyValue
        /// Gold's accepted values (the alternatives, or the gold platform), as scored.
        public var accepted: PyValue
        /// The runs that predicted it (indexes, ascending).
        public var runs: [Int]

        /// `function.parameter`, or `platform`.
        public var target: String { function.map { "\($0).\(parameter ?? "")" } ?? "platform" }

        /// What identifies the row (the view keeps its cursor on it and `a` finds it by it).
        public var label: String { "suspect gold: case \(caseID) · \(target) = \(PyRepr.value(value))" }
    }

    /// A failure signature every run has in one case.
    public struct Unanimous: Sendable {
        /// The case (index in ``ExplorerData/cases``).
        public var caseID: Int
        /// The finding's kind, function and parameter (nil where the kind has none).
        public var kind: PatternKind
        public var function: String?
        public var parameter: String?
        /// `kind · function.parameter` (a format failure: its kind).
        public var signature: String

        /// What identifies the row.
        public var label: String { "every run fails: case \(caseID) · \(signature)" }
    }

    /// Whether two predicted values are the same as the scorer compares values: each accepted by
    /// the other as the only alternative (`include(a, [b])` and `include(b, [a])`, nothing raised).
    public static func sameValue(_ a: PyValue, _ b: PyValue) -> Bool {
        (try? Matching.include(a, .list([b]))) == true && (try? Matching.include(b, .list([a]))) == true
    }

    /// The suspects of `data` scored by every run (`runs[r][id]` is run r's verdict of case id).
    public static func suspects(data: ExplorerData, runs: [Verdicts]) -> Suspects {
        var agreements: [Agreement] = []
        var unanimous: [Unanimous] = []
        for id in data.cases.indices {
            let verdicts = runs.compactMap { id < $0.count ? $0[id] : nil }
            guard verdicts.count == runs.count, runs.count >= 2 else { continue }
            var here: [Agreement] = []
            func add(_ function: String?, _ parameter: String?, _ value: PyValue, _ accepted: PyValue, run: Int) {
                let same: (PyValue) -> Bool =
                    function == nil ? { PyValue.pyEqual($0, value) } : { sameValue($0, value) }
                if let i = here.firstIndex(where: { $0.function == function && $0.parameter == parameter && same($0.value) }) {
                    if here[i].runs.last != run { here[i].runs.append(run) }
                } else {
                    here.append(
                        Agreement(
                            caseID: id, function: function, parameter: parameter, value: value, accepted: accepted, runs: [run]))
                }
            }
            // Only a parsed, failing prediction has a value mismatch or a wrong platform.
            for (r, v) in verdicts.enumerated() where v.format && !v.overall {
                for f in runs[r].diagnosis(id).findings {
                    switch f {
                    case .valueMismatch(let function, let parameter, let predicted, let accepted, _, _):
                        add(function, parameter, predicted, accepted, run: r)
                    case .wrongPlatform(let gold, let predicted):
                        add(nil, nil, predicted, gold, run: r)
                    default:
                        continue
                    }
                }
            }
            agreements += here.filter { $0.runs.count >= 2 }
            unanimous += signaturesOfEveryRun(id, verdicts) { runs[$0].diagnosis(id) }
        }
        agreements.sort { a, b in
            if a.runs.count != b.runs.count { return a.runs.count > b.runs.count }
            if a.caseID != b.caseID { return a.caseID < b.caseID }
            return a.label < b.label
        }
        return Suspects(runs: runs.count, agreements: agreements, unanimous: unanimous)
    }

    /// The signatures (kind, function, parameter; a format failure's kind) every run's verdict
    /// of case `id` has, when every run fails it (`diagnose` gives run r's diagnosis of it).
    static func signaturesOfEveryRun(_ id: Int, _ verdicts: [CaseVerdict], diagnose: (Int) -> CaseDiagnosis) -> [Unanimous] {
        guard verdicts.allSatisfy({ !$0.overall }) else { return [] }
        func signatures(_ v: CaseDiagnosis) -> [Unanimous] {
            var out: [Unanimous] = []
            for f in v.findings where f.isProblem {
                guard let g = group(of: f) else { continue }
                var signature = g.kind.rawValue
                if let function = g.function { signature += " · " + function + (g.parameter.map { "." + $0 } ?? "") }
                if let kind = g.formatKind { signature += " · " + phrase(kind) }
                if !out.contains(where: { $0.signature == signature }) {
                    out.append(
                        Unanimous(caseID: id, kind: g.kind, function: g.function, parameter: g.parameter, signature: signature))
                }
            }
            return out
        }
        var common = signatures(diagnose(0))
        for r in verdicts.indices.dropFirst() where !common.isEmpty {
            let theirs = Set(signatures(diagnose(r)).map(\.signature))
            common.removeAll { !theirs.contains($0.signature) }
        }
        return common.sorted { $0.signature < $1.signature }
    }
}
