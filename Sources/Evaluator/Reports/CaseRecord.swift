import Foundation

// MARK: - CaseRecord

/// What a notebook-friendly per-case record carries beside the verdict: the case's query and gold
/// platform, the raw prediction, and the case's review status and note (`score --per-case`, the
/// explorer's export).
public struct CaseContext: Sendable {
    /// The case's query.
    public var query: String?
    /// The gold answer's platform.
    public var goldPlatform: String?
    /// The model's raw text (nil: no line for the case).
    public var prediction: PredictionLine?
    /// The review status, when a journal was read.
    public var status: CaseStatus?
    /// The review note.
    public var note: String?

    /// A context of the given parts.
    public init(
        query: String?, goldPlatform: String?, prediction: PredictionLine?, status: CaseStatus? = nil, note: String? = nil
    ) {
        self.query = query
        self.goldPlatform = goldPlatform
        self.prediction = prediction
        self.status = status
        self.note = note
    }

    /// The context of `c` with `predictions`' line for it, and its review in `annotations` when given.
    public init(_ c: BenchmarkCase, in split: SplitData, predictions: PredictionFile?, annotations: Annotations?) {
        let gold = c.answer.arrayValue?.first?.stringValue
        let line = predictions.flatMap { c.index < $0.lines.count ? $0.lines[c.index] : nil }
        let review = annotations.map { $0.current(c, in: split) }
        self.init(query: c.query, goldPlatform: gold, prediction: line, status: review?.status, note: review?.note)
    }

    /// The raw prediction as a JSON value: the text (a `predict` that is not text as its JSON),
    /// null for an unusable or missing line.
    var predictionJSON: String {
        switch prediction {
        case .text(let s), .loneSurrogate(let s): return JSONText.string(s)
        case .notText(let v): return JSONText.string(v.dumps)
        case .unusable, nil: return "null"
        }
    }

    /// Why the line has no usable text, when it has none.
    var predictionProblem: String? {
        switch prediction {
        case .unusable(let why): return why
        case nil: return "no prediction line for this case"
        default: return nil
        }
    }
}

extension Finding {
    /// The finding's parts as JSON members: `function`, `parameter`, `predicted` and `accepted`
    /// (Python `repr`s), `rule` and `source` (`query`, `profile`), those the finding has; a format
    /// failure's `failure` kind and `byte_range` in the prediction.
    public var structuredFields: [(String, String)] {
        func repr(_ v: PyValue) -> String { JSONText.string(PyRepr.value(v)) }
        switch self {
        case .wrongPlatform(let g, let p): return [("predicted", repr(p)), ("accepted", repr(g))]
        case .extraFunction(let n): return [("function", JSONText.string(n))]
        case .missingFunction(let n): return [("function", JSONText.string(Finding.plain(n)))]
        case .extraParameter(let f, let p, let v, let s):
            return [
                ("function", JSONText.string(f)), ("parameter", p.map(JSONText.string) ?? "null"), ("predicted", repr(v)),
                ("source", JSONText.string(s.rawValue)),
            ]
        case .missingParameter(let f, let p, let a, let s):
            return [
                ("function", JSONText.string(f)), ("parameter", JSONText.string(Finding.plain(p))), ("accepted", repr(a)),
                ("source", JSONText.string(s.rawValue)),
            ]
        case .valueMismatch(let f, let p, let v, let a, let r, let s), .valueMatch(let f, let p, let v, let a, let r, let s):
            return [
                ("function", JSONText.string(f)), ("parameter", JSONText.string(p)), ("predicted", repr(v)),
                ("accepted", repr(a)), ("rule", JSONText.string(r.rawValue)), ("source", JSONText.string(s.rawValue)),
            ]
        case .formatFailure(let x):
            let range = x.range.map { [("byte_range", "[\($0.lowerBound), \($0.upperBound)]")] } ?? []
            return [("failure", JSONText.string(x.kind.rawValue))] + range
        case .comparisonRaised(let f, let p, let v, let a, let x):
            return [
                ("function", JSONText.string(f)), ("parameter", JSONText.string(p)), ("predicted", repr(v)),
                ("accepted", repr(a)), ("exception", JSONText.string("\(x)")),
            ]
        }
    }
}

extension CaseDiagnosis {
    /// One `--per-case` JSON Lines record with `context`'s fields after the verdict's:
    /// `query`, `gold_platform`, `predicted_platform`, `prediction` (the raw text),
    /// `prediction_problem`, `status`, `note`; each `diagnosis` item carries its
    /// ``Finding/structuredFields`` and what `extra` adds (the explorer's provenance).
    public func jsonLine(
        split: String, index: Int, context: CaseContext, extra: (Finding) -> [(String, String)] = { _ in [] }
    ) -> String {
        let base = jsonLine(split: split, index: index, diagnosisFields: { f in f.structuredFields + extra(f) })
        let predicted: String
        if let p = prediction?.platform {
            predicted = JSONText.string(p.stringValue ?? PyRepr.value(p))
        } else {
            predicted = "null"
        }
        let more = JSONText.object([
            ("query", context.query.map(JSONText.string) ?? "null"),
            ("gold_platform", context.goldPlatform.map(JSONText.string) ?? "null"),
            ("predicted_platform", predicted),
            ("prediction", context.predictionJSON),
            ("prediction_problem", context.predictionProblem.map(JSONText.string) ?? "null"),
            ("status", context.status.map { JSONText.string($0.rawValue) } ?? "null"),
            ("note", context.note.map(JSONText.string) ?? "null"),
        ])
        return String(base.dropLast()) + ", " + String(more.dropFirst())
    }
}
