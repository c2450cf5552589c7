import Evaluator

// MARK: - Patterns

extension Triage {
    /// The failing cases grouped by what went wrong, where wrong profile values came from, and how
    /// the model followed the users' stated platform preferences.
    public struct Patterns: Sendable {
        /// Every failing case (fail or format failure).
        public var failing: [Int]
        /// One group per signature, most cases first (then by label). A case is in one group per
        /// distinct problem signature it has.
        public var groups: [PatternGroup]
        /// Profile parameters with a value mismatch, grouped by where the predicted value came from,
        /// most cases first.
        public var provenance: [ProvenanceGroup]
        /// Every profile value mismatch, in case order.
        public var provenanceItems: [ProvenanceItem]
        /// How the model's platform choice relates to the users' stated preferences.
        public var preference: PreferenceStats
    }

    /// What kind of problem a pattern group has.
    public enum PatternKind: String, Sendable, CaseIterable {
        case wrongPlatform = "wrong platform"
        case extraFunction = "extra function"
        case missingFunction = "missing function"
        case extraParameter = "extra parameter"
        case missingParameter = "missing parameter"
        case valueMismatch = "value mismatch"
        case comparisonRaised = "comparison raised"
        case formatFailure = "format failure"
        /// A failing case whose verdict has no problem finding (the gold → prediction pass found a
        /// mismatch the prediction → gold pass did not meet, e.g. a gold function listed twice).
        case undiagnosed = "no finding"
    }

    /// Failing cases sharing one signature: kind + function + parameter + value source
    /// (`value mismatch · place_order.address · profile`), a format failure's kind, or the two platforms.
    public struct PatternGroup: Sendable {
        public var label: String
        public var kind: PatternKind
        public var function: String?
        public var parameter: String?
        public var source: ParamSource?
        public var formatKind: FormatFailure.Kind?
        /// For ``PatternKind/wrongPlatform``: the gold and the predicted platform.
        public var goldPlatform: String?
        public var predictedPlatform: String?
        public var cases: [Int]

        public var count: Int { cases.count }
    }

    /// How a format failure's kind reads in a group label.
    public static func phrase(_ kind: FormatFailure.Kind) -> String {
        switch kind {
        case .syntax: return "syntax error"
        case .notMapping: return "not a Platform:[...] mapping"
        case .badKey: return "bad platform key"
        case .notCalls: return "value is not a list of calls"
        case .unsupportedValue: return "unsupported parameter value"
        case .valueRaised: return "computing a value raised"
        case .wouldExecute: return "would execute code"
        case .missingPrediction: return "no prediction line"
        case .notText: return "predict is not a string"
        case .comparisonRaised: return "comparison with the gold value raised"
        case .malformedGold: return "malformed gold answer"
        case .jsonShape: return "JSON format of the wrong shape"
        case .tooLarge: return "value too large to compute"
        }
    }
}

// MARK: - Preference statistics

extension Triage {
    /// Cases whose user states a preferred platform among the case's platforms and whose prediction
    /// parsed, split by whether gold is that platform and whether the model predicted it.
    public struct PreferenceStats: Sendable {
        /// A cell of the 2×2 table.
        public struct Cell: Sendable {
            public var cases: [Int] = []
            public var count: Int { cases.count }
        }

        /// One row of the table: the cases where gold is (or is not) the preferred platform.
        public struct Row: Sendable {
            /// The model predicted the preferred platform.
            public var predictedPreferred = Cell()
            /// The model predicted another platform.
            public var predictedOther = Cell()

            public var count: Int { predictedPreferred.count + predictedOther.count }
            /// How often the model predicted the preferred platform here (nil: no cases).
            public var preferredRate: Double? { Triage.ratio(predictedPreferred.count, count) }
        }

        /// Gold is the preferred platform: `predictedPreferred` followed the preference.
        public var goldIsPreferred = Row()
        /// Gold is another platform: `predictedPreferred` chose the preference although the query asked otherwise.
        public var goldIsNotPreferred = Row()
        /// Cases whose user states no preference among the case's platforms.
        public var noPreference: [Int] = []
        /// Cases with a preference whose prediction did not parse (no platform to compare).
        public var unparsed: [Int] = []
    }
}

// MARK: - Building the patterns

extension Triage {
    /// Groups the failing cases of `data` (scored as `verdicts`, by case id) by problem signature.
    public static func patterns(data: ExplorerData, verdicts: Verdicts) -> Patterns {
        let ctx = Context(data: data, verdicts: verdicts)
        var failing: [Int] = []
        var groups: [SignatureKey: PatternGroup] = [:]
        var profiles = ProfileCache()
        var items: [ProvenanceItem] = []
        for entry in data.cases {
            let id = entry.id
            guard ctx.outcomes[id] == .fail || ctx.outcomes[id] == .format, let v = ctx.diagnosis(id) else { continue }
            failing.append(id)
            var any = false
            for finding in v.findings where finding.isProblem {
                guard let g = group(of: finding) else { continue }
                any = true
                let key = SignatureKey(g)
                if groups[key] == nil { groups[key] = g }
                if groups[key]!.cases.last != id { groups[key]!.cases.append(id) }
                if case .valueMismatch(let f, let p, let x, let y, _, .profile) = finding {
                    let index = profiles.index(data, user: entry.user)
                    items.append(
                        provenance(
                            case: id, function: f, parameter: p, predicted: x, accepted: y, profile: index, query: entry.query))
                }
            }
            if !any {
                let key = SignatureKey(kind: .undiagnosed, parts: [])
                if groups[key] == nil {
                    groups[key] = PatternGroup(label: PatternKind.undiagnosed.rawValue, kind: .undiagnosed, cases: [])
                }
                groups[key]!.cases.append(id)
            }
        }
        // Most cases first, then by label; equal labels (odd names) by their signature, so the order is stable.
        let sorted = groups.sorted { a, b in
            if a.value.count != b.value.count { return a.value.count > b.value.count }
            if a.value.label != b.value.label { return a.value.label < b.value.label }
            return "\(a.key.kind.rawValue)\(a.key.parts)" < "\(b.key.kind.rawValue)\(b.key.parts)"
        }.map(\.value)
        return Patterns(
            failing: failing, groups: sorted, provenance: provenanceGroups(items), provenanceItems: items,
            preference: preferenceStats(ctx))
    }

    /// What identifies a group (labels could collide for odd names).
    struct SignatureKey: Hashable {
        var kind: PatternKind
        var parts: [String?]

        init(kind: PatternKind, parts: [String?]) {
            self.kind = kind
            self.parts = parts
        }

        init(_ g: PatternGroup) {
            kind = g.kind
            parts = [g.function, g.parameter, g.source?.rawValue, g.formatKind?.rawValue, g.goldPlatform, g.predictedPlatform]
        }
    }

    /// The (empty) group a problem finding belongs to.
    static func group(of finding: Finding) -> PatternGroup? {
        func make(_ kind: PatternKind, _ function: String?, _ parameter: String?, _ source: ParamSource?) -> PatternGroup {
            var label = kind.rawValue
            if let function { label += " · " + function + (parameter.map { "." + $0 } ?? "") }
            if let source { label += " · " + source.rawValue }
            return PatternGroup(label: label, kind: kind, function: function, parameter: parameter, source: source, cases: [])
        }
        switch finding {
        case .wrongPlatform(let gold, let predicted):
            var g = make(.wrongPlatform, nil, nil, nil)
            g.goldPlatform = plain(gold)
            g.predictedPlatform = plain(predicted)
            g.label += " · gold \(plain(gold)) → predicted \(plain(predicted))"
            return g
        case .extraFunction(let name): return make(.extraFunction, name, nil, nil)
        case .missingFunction(let name): return make(.missingFunction, plain(name), nil, nil)
        case .extraParameter(let f, let p, _, let source): return make(.extraParameter, f, p ?? "**", source)
        case .missingParameter(let f, let p, _, let source): return make(.missingParameter, f, plain(p), source)
        case .valueMismatch(let f, let p, _, _, _, let source): return make(.valueMismatch, f, p, source)
        case .comparisonRaised(let f, let p, _, _, _): return make(.comparisonRaised, f, p, nil)
        case .formatFailure(let failure):
            var g = make(.formatFailure, nil, nil, nil)
            g.formatKind = failure.kind
            g.label += " · " + phrase(failure.kind)
            return g
        case .valueMatch: return nil
        }
    }

    static func preferenceStats(_ ctx: Context) -> PreferenceStats {
        let preferred = ctx.preferredPlatforms(ctx.platformLists())
        var stats = PreferenceStats()
        for entry in ctx.data.cases {
            let id = entry.id
            guard let p = preferred[id] else {
                stats.noPreference.append(id)
                continue
            }
            guard let predicted = ctx.predictedPlatform(id) else {
                stats.unparsed.append(id)
                continue
            }
            let predictedPreferred = predicted.scalarsEqual(p)
            if p.scalarsEqual(entry.goldPlatform) {
                if predictedPreferred {
                    stats.goldIsPreferred.predictedPreferred.cases.append(id)
                } else {
                    stats.goldIsPreferred.predictedOther.cases.append(id)
                }
            } else if predictedPreferred {
                stats.goldIsNotPreferred.predictedPreferred.cases.append(id)
            } else {
                stats.goldIsNotPreferred.predictedOther.cases.append(id)
            }
        }
        return stats
    }
}
