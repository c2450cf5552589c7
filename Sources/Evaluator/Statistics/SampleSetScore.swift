import Foundation

// MARK: - SampleSetScore

/// A run made of several samples (`DIR/sample-1 … sample-K`, each a PTBench output folder of the
/// same data): per case how many samples answered it and how many passed, and pass@k / pass^k
/// (``PassAtK``) averaged over cases, per split and overall.
///
/// A case passes in a sample when its overall verdict is right (`format && overall`, the case
/// PTBench's `overall` accuracy counts). A sample without predictions for a split (no
/// `generation.jsonl` there) does not count for that split's cases, with a warning; a sample with
/// too few lines counts its missing cases as failures, as PTBench does.
///
/// The overall figures are the plain mean over every case of every split, not PTBench's fixed
/// 609/474 weighting of the two split means: pass@k is a per-case estimate, so each case weighs the
/// same (on PTBench's own data, 609 and 474 cases, the two agree).
public struct SampleSetScore: Sendable {
    /// One split: how many samples answered its cases and how many passed, per case.
    public struct Split: Sendable, Equatable {
        /// The split's folder name.
        public let name: String
        /// How many samples have predictions for this split (the n of every case of it).
        public let samples: Int
        /// Per case, in the split's order: in how many of the ``samples`` it passed.
        public let passed: [Int]
        /// How many cases passed c times, for c = 0…samples (the estimates depend on nothing else).
        public let histogram: [Int]
        /// The first count outside 0…samples, if any (an estimate over it is refused).
        let firstInvalid: Int?

        /// A split of `passed.count` cases answered `samples` times.
        public init(name: String, samples: Int, passed: [Int]) {
            self.name = name
            self.samples = samples
            self.passed = passed
            var histogram = [Int](repeating: 0, count: max(0, samples) + 1)
            var firstInvalid: Int?
            for c in passed {
                if c >= 0 && c < histogram.count {
                    histogram[c] += 1
                } else if firstInvalid == nil {
                    firstInvalid = c
                }
            }
            self.histogram = histogram
            self.firstInvalid = firstInvalid
        }

        /// The cases that pass in some samples and fail in others.
        public var flakyCount: Int { passed.reduce(0) { $0 + ($1 > 0 && $1 < samples ? 1 : 0) } }
    }

    /// The samples' numbers (`sample-N`), in order.
    public let sampleNumbers: [Int]
    /// The splits, in the reports' order.
    public let splits: [Split]
    /// What the counts leave out (a sample without a split's predictions).
    public let warnings: [String]
    /// What a pass is: the case's verdict on this metric (one of ``Metric/perCase``).
    public let metric: Metric

    /// The counts of `samples` (each a sample's number and its report on the same data), a case
    /// passing when its verdict on `metric` is right (a metric of ``Metric/perCase``; the overall
    /// verdict by default).
    public init(samples: [(number: Int, report: ScoreReport)], metric: Metric = .overall) {
        precondition(Metric.perCase.contains(metric), "pass@k counts a metric a case passes or fails")
        sampleNumbers = samples.map(\.number)
        self.metric = metric
        var warnings: [String] = []
        var splits: [Split] = []
        for (s, split) in (samples.first?.report.splits ?? []).enumerated() {
            var passed = [Int](repeating: 0, count: split.caseCount)
            var answered = 0
            for (number, report) in samples {
                guard s < report.splits.count, report.splits[s].name == split.name else { continue }
                let other = report.splits[s]
                if let source = other.source, source.predictions == nil {
                    warnings.append("sample-\(number) has no predictions for split \(split.name): not counted in its n")
                    continue
                }
                answered += 1
                for (k, v) in other.verdicts.enumerated() where k < passed.count && metric.passes(v) == true {
                    passed[k] += 1
                }
            }
            splits.append(Split(name: split.name, samples: answered, passed: passed))
        }
        self.splits = splits
        self.warnings = warnings
    }

    /// The counts as given (for tests and callers that count themselves).
    public init(sampleNumbers: [Int], splits: [Split], warnings: [String] = [], metric: Metric = .overall) {
        self.sampleNumbers = sampleNumbers
        self.splits = splits
        self.warnings = warnings
        self.metric = metric
    }

    /// What a pass is, for titles: "its overall verdict is right", "its tool_names is right".
    public var passWord: String {
        metric == .overall
            ? "its overall verdict is right" : metric == .format ? "it has the format" : "its \(metric.rawValue) is right"
    }

    /// The largest k every counted case allows: the fewest samples of any split with cases.
    public var maximumK: Int { splits.filter { !$0.passed.isEmpty }.map(\.samples).min() ?? 0 }

    /// The cases that pass in some samples and fail in others, over every split.
    public var flakyCount: Int { splits.reduce(0) { $0 + $1.flakyCount } }

    /// Case `id`'s counts, ids running over the splits in order (as ``Verdicts`` numbers them).
    public func tally(_ id: Int) -> (passed: Int, samples: Int)? {
        var k = id
        for split in splits {
            if k < split.passed.count { return (split.passed[k], split.samples) }
            k -= split.passed.count
        }
        return nil
    }

    /// Whether case `id` passes in some samples and fails in others.
    public func isFlaky(_ id: Int) -> Bool {
        guard let t = tally(id) else { return false }
        return t.passed > 0 && t.passed < t.samples
    }

    // MARK: Estimates

    /// Which estimator.
    public enum Estimator: String, Sendable, CaseIterable {
        /// At least one of k passes (``PassAtK/passAt(_:samples:passed:)``).
        case passAt = "pass@k"
        /// All k pass (``PassAtK/passHat(_:samples:passed:)``).
        case passHat = "pass^k"

        /// The row label for `k`: `pass@3`, `pass^3`.
        public func label(_ k: Int) -> String { self == .passAt ? "pass@\(k)" : "pass^\(k)" }
    }

    /// The mean of `estimator` at `k` over the cases of `split` (nil: over every case of every
    /// split); nil when there are no cases; k outside 1…n of a counted split is refused.
    public func mean(_ estimator: Estimator, k: Int, split: String? = nil) throws(SampleEstimateError) -> Double? {
        var sum = 0.0
        var count = 0
        for s in splits where split == nil || s.name == split {
            guard !s.passed.isEmpty else { continue }
            // A count outside 0…n is refused as PassAtK refuses it.
            if let bad = s.firstInvalid {
                throw SampleEstimateError.counts(samples: s.samples, passed: bad)
            }
            // By how many cases passed c times: the cost is in n, not in the cases.
            for (c, cases) in s.histogram.enumerated() where cases > 0 {
                switch estimator {
                case .passAt: sum += Double(cases) * (try PassAtK.passAt(k, samples: s.samples, passed: c))
                case .passHat: sum += Double(cases) * (try PassAtK.passHat(k, samples: s.samples, passed: c))
                }
            }
            count += s.passed.count
        }
        return count == 0 ? nil : sum / Double(count)
    }

    /// `mean` with a refused k read as n/a (nil), for tables.
    func value(_ estimator: Estimator, k: Int, split: String?) -> Double? {
        (try? mean(estimator, k: k, split: split)) ?? nil
    }

    /// The column groups of the tables: every split, then `overall` when there are several.
    var groups: [String?] { splits.map(\.name) + (splits.count > 1 ? [nil] : []) }

    // MARK: Reports

    /// A text table: pass@k then pass^k for k = 1…K per split and overall, the flaky and case
    /// counts, and how the overall column is made.
    public func table() -> String {
        let names = groups.map { $0 ?? "overall" }
        let labelWidth = 16
        let width = max(12, names.map(\.count).max() ?? 0) + 2
        func pad(_ s: String, _ w: Int, left: Bool = false) -> String {
            let n = s.count
            if n >= w { return s }
            return left ? s + String(repeating: " ", count: w - n) : String(repeating: " ", count: w - n) + s
        }
        let sampleCount = sampleNumbers.count
        let plural = sampleCount == 1 ? "" : "s"
        var out = "pass@k and pass^k over \(sampleCount) sample\(plural) (a case passes when \(passWord))\n"
        out += pad("", labelWidth, left: true) + names.map { pad($0, width) }.joined() + "\n"
        out += String(repeating: "-", count: labelWidth + width * names.count) + "\n"
        for estimator in Estimator.allCases {
            for k in 1...max(1, sampleCount) {
                out += pad(estimator.label(k), labelWidth, left: true)
                out +=
                    groups.map { g in
                        pad(value(estimator, k: k, split: g).map { String(format: "%.4f", $0) } ?? "n/a", width)
                    }.joined() + "\n"
            }
        }
        out += "\n"
        let rows: [(String, (Split?) -> Int)] = [
            ("samples (n)", { s in s?.samples ?? maximumK }),
            ("cases", { s in s?.passed.count ?? splits.reduce(0) { $0 + $1.passed.count } }),
            ("flaky cases", { s in s?.flakyCount ?? flakyCount }),
            ("never passed", { s in s.map(Self.never) ?? splits.reduce(0) { $0 + Self.never($1) } }),
            ("always passed", { s in s.map(Self.always) ?? splits.reduce(0) { $0 + Self.always($1) } }),
        ]
        for (label, count) in rows {
            out += pad(label, labelWidth, left: true)
            out += groups.map { g in pad(String(count(g.flatMap { n in splits.first { $0.name == n } })), width) }.joined() + "\n"
        }
        if splits.count > 1 {
            out += "\noverall = the plain mean over every case of every split (not PTBench's 609/474 weights)\n"
        }
        if maximumK < sampleCount { out += "n/a: k is larger than the samples of a split\n" }
        return out
    }

    static func never(_ s: Split) -> Int { s.passed.filter { $0 == 0 }.count }
    static func always(_ s: Split) -> Int { s.passed.filter { $0 == s.samples && s.samples > 0 }.count }

    /// The same as ``table()`` as JSON: `{"samples": [1, 2, 3], "splits": {NAME: {...}}, "overall": {...}}`,
    /// each group with its n, cases, flaky count and `pass@k` / `pass^k` arrays (index 0 is k = 1;
    /// null where k is larger than the samples).
    public func json() -> String {
        func group(_ g: String?) -> String {
            let split = g.flatMap { n in splits.first { $0.name == n } }
            var fields: [(String, String)] = [
                ("samples", String(split?.samples ?? maximumK)),
                ("cases", String(split?.passed.count ?? splits.reduce(0) { $0 + $1.passed.count })),
                ("flaky", String(split?.flakyCount ?? flakyCount)),
            ]
            for e in Estimator.allCases {
                let values = (0..<sampleNumbers.count).map { JSONText.number(value(e, k: $0 + 1, split: g)) }
                fields.append((e.rawValue, "[" + values.joined(separator: ", ") + "]"))
            }
            return JSONText.object(fields)
        }
        var parts: [(String, String)] = [
            ("samples", "[" + sampleNumbers.map(String.init).joined(separator: ", ") + "]"),
            ("metric", JSONText.string(metric.rawValue)),
        ]
        parts.append(("splits", JSONText.object(splits.map { ($0.name, group($0.name)) })))
        if splits.count > 1 { parts.append(("overall", group(nil))) }
        parts.append(("overall_weighting", JSONText.string("plain mean over every case of every split")))
        parts.append(("warnings", "[" + warnings.map { JSONText.string($0) }.joined(separator: ", ") + "]"))
        return JSONText.object(parts)
    }
}
