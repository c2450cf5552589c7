import Foundation

// MARK: - ScoreSummary

/// What `ptscope score` (and the explorer's `--print`) shows: the reference reading's summary and,
/// when asked for, the lenient reading's beside it, as a text table or as JSON.
public struct ScoreSummary: Sendable {
    /// PTBench's reading.
    public let reference: ScoreReport
    /// The lenient reading (think blocks, fences and prose stripped), when asked for.
    public let lenient: ScoreReport?

    /// Pairs a reference report with an optional lenient one.
    public init(reference: ScoreReport, lenient: ScoreReport?) {
        self.reference = reference
        self.lenient = lenient
    }

    /// The summary of `reference` (`bench` scored with `format`) with, when `lenient` is set,
    /// `bench` scored again leniently.
    public init(_ reference: ScoreReport, of bench: Benchmark, format: PredictionParser.Format, lenient: Bool) {
        self.reference = reference
        self.lenient = lenient ? bench.score(options: Scorer.Options(format: format, lenient: true)) : nil
    }

    /// The reference table, then (after a blank line) the lenient one.
    public var table: String {
        reference.table() + (lenient.map { "\n" + $0.table() } ?? "")
    }

    /// The reference summary as JSON; with a lenient reading, `{"reference": ..., "lenient": ...}`.
    public var json: String {
        lenient.map { "{\"reference\": \(reference.json()), \"lenient\": \($0.json())}" } ?? reference.json()
    }
}

// MARK: - Per-case output and warnings

extension ScoreReport {
    /// One `--per-case` JSON Lines record per case, split by split, each line ending in a newline.
    public var perCaseJSONLines: String {
        var text = ""
        for split in splits {
            for k in split.verdicts.indices { text += split.diagnosis(k).jsonLine(split: split.name, index: k) + "\n" }
        }
        return text
    }

    /// One `--per-case` JSON Lines record per case of `bench` (the data this report scored), each
    /// with its ``CaseContext`` (the review from `annotations` when given) and, when `lenient` (the
    /// same data scored leniently) is given, its ``LenientRecord`` as a last `lenient` member.
    public func perCaseJSONLines(of bench: Benchmark, annotations: Annotations?, lenient: ScoreReport? = nil) -> String {
        var text = ""
        for split in splits {
            guard let data = bench.splits.first(where: { $0.name == split.name }) else { continue }
            let predictions = bench.predictions[split.name]
            let lenientVerdicts = lenient?.splits.first(where: { $0.name == split.name })?.verdicts
            for k in split.verdicts.indices where k < data.cases.count {
                var context = CaseContext(data.cases[k], in: data, predictions: predictions, annotations: annotations)
                if lenient != nil {
                    let verdict = lenientVerdicts.flatMap { k < $0.count ? $0[k] : nil } ?? CaseVerdict()
                    let format = split.source?.options.format ?? .reference
                    context.lenient = LenientRecord(text: context.predictionText, verdict: verdict, format: format)
                }
                text += split.diagnosis(k).jsonLine(split: split.name, index: k, context: context) + "\n"
            }
        }
        return text
    }

    /// Writes ``perCaseJSONLines`` to `path` (atomically); the error names `path` as given.
    public func writePerCase(toPath path: String) throws(InputError) {
        try Self.write(perCaseJSONLines, toPath: path)
    }

    /// Writes ``perCaseJSONLines(of:annotations:lenient:)`` to `path` (atomically); the error names `path`.
    public func writePerCase(
        toPath path: String, of bench: Benchmark, annotations: Annotations?, lenient: ScoreReport? = nil
    ) throws(InputError) {
        try Self.write(perCaseJSONLines(of: bench, annotations: annotations, lenient: lenient), toPath: path)
    }

    static func write(_ text: String, toPath path: String) throws(InputError) {
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw InputError(file: path, "cannot write: \(error.localizedDescription)")
        }
    }

    /// One warning per split and metric whose denominator is zero (written as n/a, where PTBench's
    /// scorer would crash).
    public var zeroDenominatorWarnings: [String] {
        splits.flatMap { split in
            Metric.allCases.filter { (split.accuracy[$0] ?? nil) == nil }.map { m in
                "\(split.name): \(m.rawValue) has a zero denominator; written as n/a (PTBench's scorer would crash here)"
            }
        }
    }
}
