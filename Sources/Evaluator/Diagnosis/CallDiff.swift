// MARK: - CallDiff

/// The predicted call set against the gold answer, aligned for display: platforms, functions by
/// name (matched / missing / extra) and, under each, every parameter with its verdict.
///
/// Verdicts come from the scorer's findings (``CaseDiagnosis/findings``); this type only aligns them
/// with the gold structure, so what it shows is what the reference decided.
public struct CallDiff: Sendable {
    /// How a function lines up.
    public enum FunctionStatus: String, Sendable {
        case matched, missing, extra
    }

    /// How a parameter's value was judged.
    public enum ParamStatus: String, Sendable {
        /// Accepted by `include`.
        case match
        /// Present on both sides, value not accepted.
        case mismatch
        /// In gold, not predicted.
        case missing
        /// Predicted, not in gold.
        case extra
        /// The comparison raised in the reference (the case is a format failure).
        case raised
        /// Not compared (the prediction did not parse, or the function is missing/extra).
        case unscored
    }

    public struct Param: Sendable {
        public var name: String
        /// The accepted alternatives (gold), nil for an extra parameter.
        public var gold: PyValue?
        /// The predicted value, nil when not predicted.
        public var predicted: PyValue?
        public var status: ParamStatus
        /// The matching rule that decided (match / mismatch).
        public var rule: MatchRule?
        public var source: ParamSource
    }

    public struct Function: Sendable {
        public var name: String
        public var status: FunctionStatus
        public var params: [Param]
    }

    public var goldPlatform: PyValue?
    public var predictedPlatform: PyValue?
    /// Whether the platforms are equal, as the scorer decided (nil: not compared).
    public var platformMatches: Bool?
    public var functions: [Function]

    /// Aligns `verdict` (with its parsed prediction, if any) with the gold `answer`.
    public static func build(answer: PyValue, queryParams: PyValue, profileParams: PyValue, verdict: CaseDiagnosis?) -> CallDiff {
        let parts = (try? Matching.iterate(answer)) ?? []
        let goldPlatform = parts.first
        var gold: [(name: String, params: [(PyValue, PyValue)])] = []
        if parts.count == 2, let items = try? Matching.iterate(parts[1]) {
            for item in items {
                guard case .dict(let d) = item, let first = d.entries.first else { continue }
                var params: [(PyValue, PyValue)] = []
                if case .dict(let p) = first.value { params = p.entries }
                gold.append((plain(first.key), params))
            }
        }
        let prediction = verdict?.prediction
        let scored = verdict?.verdict.format == true
        var diff = CallDiff(
            goldPlatform: goldPlatform, predictedPlatform: prediction?.platform,
            platformMatches: scored ? verdict?.verdict.platforms : nil, functions: [])

        func source(_ name: PyValue) -> ParamSource {
            if (try? PyValue.contains(queryParams, name)) == true { return .query }
            if (try? PyValue.contains(profileParams, name)) == true { return .profile }
            return .neither
        }
        // Findings by (function, parameter) for the statuses the scorer decided.
        var decided: [String: (ParamStatus, MatchRule?)] = [:]
        for f in verdict?.findings ?? [] {
            switch f {
            case .valueMatch(let fn, let p, _, _, let rule, _):
                decided[fn + "\u{0}" + p] = decided[fn + "\u{0}" + p] ?? (.match, rule)
            case .valueMismatch(let fn, let p, _, _, let rule, _):
                decided[fn + "\u{0}" + p] = decided[fn + "\u{0}" + p] ?? (.mismatch, rule)
            case .comparisonRaised(let fn, let p, _, _, _): decided[fn + "\u{0}" + p] = (.raised, nil)
            default: break
            }
        }
        var raisedAt: (String, String)?
        if case .formatFailure(let failure)? = verdict?.findings.first, failure.kind == .comparisonRaised, let prediction {
            // The scorer stopped at the comparison that raised: find it by its source range.
            for call in prediction.calls {
                for (i, arg) in call.arguments.enumerated() where call.argumentRanges[i] == failure.range {
                    raisedAt = (call.name, arg.name ?? "**")
                }
            }
        }

        let calls = prediction?.calls ?? []
        var usedCalls = Set<Int>()
        for g in gold {
            guard let ci = calls.firstIndex(where: { $0.name.scalarsEqual(g.name) }) else {
                let params = g.params.map { key, accepted in
                    Param(name: plain(key), gold: accepted, predicted: nil, status: .unscored, rule: nil, source: source(key))
                }
                diff.functions.append(Function(name: g.name, status: .missing, params: params))
                continue
            }
            usedCalls.insert(ci)
            let call = calls[ci]
            var params: [Param] = []
            for (key, accepted) in g.params {
                let name = plain(key)
                let predicted = key.stringValue.flatMap { call.argument($0) }
                var status: ParamStatus = predicted == nil ? .missing : .unscored
                var rule: MatchRule?
                if predicted != nil, let d = decided[call.name + "\u{0}" + name] { (status, rule) = d }
                if predicted != nil && status == .unscored && scored {
                    // Pass 2 compared it and the scorer found no mismatch in pass 1: it matched there.
                    rule = Matching.rule(for: predicted!)
                }
                if let r = raisedAt, r.0 == call.name, r.1 == name { status = .raised }
                params.append(
                    Param(name: name, gold: accepted, predicted: predicted, status: status, rule: rule, source: source(key)))
            }
            // A repeated keyword keeps the last value: list it once, at its last occurrence.
            var last: [String: Int] = [:]
            for (i, arg) in call.arguments.enumerated() { if let n = arg.name { last[n] = i } }
            for (i, arg) in call.arguments.enumerated() {
                let name = arg.name ?? "**"
                let inGold = arg.name.map { n in g.params.contains { $0.0.stringValue?.scalarsEqual(n) ?? false } } ?? false
                if inGold { continue }
                if let n = arg.name, last[n] != i { continue }
                let from = arg.name.map { source(.str($0)) } ?? .neither
                params.append(Param(name: name, gold: nil, predicted: arg.value, status: .extra, rule: nil, source: from))
            }
            diff.functions.append(Function(name: g.name, status: .matched, params: params))
        }
        for (i, call) in calls.enumerated() where !usedCalls.contains(i) {
            if gold.contains(where: { call.name.scalarsEqual($0.name) }) { continue }  // a repeated call of a gold function
            let params = call.arguments.map {
                Param(name: $0.name ?? "**", gold: nil, predicted: $0.value, status: .extra, rule: nil, source: .neither)
            }
            diff.functions.append(Function(name: call.name, status: .extra, params: params))
        }
        return diff
    }

    static func plain(_ v: PyValue) -> String { v.stringValue ?? PyRepr.value(v) }
}
