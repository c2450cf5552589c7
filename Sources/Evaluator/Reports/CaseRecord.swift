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
    /// The case's lenient reading and verdict (`score --lenient`): nil writes no `lenient` member.
    public var lenient: LenientRecord?

    /// A context of the given parts.
    public init(
        query: String?, goldPlatform: String?, prediction: PredictionLine?, status: CaseStatus? = nil, note: String? = nil,
        lenient: LenientRecord? = nil
    ) {
        self.query = query
        self.goldPlatform = goldPlatform
        self.prediction = prediction
        self.status = status
        self.note = note
        self.lenient = lenient
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

    /// The prediction's text, when the line is text the parser reads.
    public var predictionText: String? {
        if case .text(let s)? = prediction { return s }
        return nil
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

// MARK: - LenientRecord

/// A case's lenient reading with the verdict the lenient scorer gave it: the `lenient` member of a
/// `--per-case` record (`score --lenient`, the explorer's export with the lenient option on).
public struct LenientRecord: Sendable {
    /// The reading; nil when the reference parses the prediction as it is (or it is not text).
    public var reading: LenientReading?
    /// The case's verdict scored with the lenient options.
    public var verdict: CaseVerdict

    /// A record of `reading` scored as `verdict`.
    public init(reading: LenientReading?, verdict: CaseVerdict) {
        self.reading = reading
        self.verdict = verdict
    }

    /// The record of a case whose prediction is `text` (nil: not text) and whose lenient verdict
    /// is `verdict`.
    public init(text: String?, verdict: CaseVerdict, format: PredictionParser.Format = .reference) {
        self.init(reading: text.flatMap { Lenient.read($0, format: format) }, verdict: verdict)
    }

    /// `null` without a reading, else `{"rule", "steps": [{"rule", "bytes": [lo, hi], "note"}],
    /// "text", "verdict": {"format", "overall", "platforms", "tool_names", "tool_param_names",
    /// "tool_param_values", "error_column"}}`.
    public var json: String {
        guard let reading else { return "null" }
        let steps = reading.steps.map { step in
            JSONText.object([
                ("rule", JSONText.string(step.rule.rawValue)),
                ("bytes", "[\(step.range.lowerBound), \(step.range.upperBound)]"), ("note", JSONText.string(step.note)),
            ])
        }
        let v = verdict
        let verdictJSON = JSONText.object([
            ("format", String(v.format)), ("overall", String(v.format && v.overall)),
            ("platforms", String(v.format && v.platforms)), ("tool_names", String(v.format && v.toolNames)),
            ("tool_param_names", String(v.format && v.toolParamNames)),
            ("tool_param_values", String(v.format && v.toolParamValues)),
            ("error_column", v.errorColumn.map { JSONText.string($0.rawValue) } ?? "null"),
        ])
        return JSONText.object([
            ("rule", reading.rule.map { JSONText.string($0.rawValue) } ?? "null"),
            ("steps", "[" + steps.joined(separator: ", ") + "]"), ("text", reading.text.map(JSONText.string) ?? "null"),
            ("verdict", verdictJSON),
        ])
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
        var members: [(String, String)] = [
            ("query", context.query.map(JSONText.string) ?? "null"),
            ("gold_platform", context.goldPlatform.map(JSONText.string) ?? "null"),
            ("predicted_platform", predicted),
            ("prediction", context.predictionJSON),
            ("prediction_problem", context.predictionProblem.map(JSONText.string) ?? "null"),
            ("status", context.status.map { JSONText.string($0.rawValue) } ?? "null"),
            ("note", context.note.map(JSONText.string) ?? "null"),
        ]
        if let lenient = context.lenient { members.append(("lenient", lenient.json)) }
        let more = JSONText.object(members)
        return String(base.dropLast()) + ", " + String(more.dropFirst())
    }
}
