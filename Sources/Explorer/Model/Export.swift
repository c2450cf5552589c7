import Evaluator
import Foundation

// MARK: - Export

/// Writes the current view of the cases (those listed, with every run's verdict and diagnosis)
/// to CSV or JSON Lines, chosen by the file's extension: long format, one row per case per run
/// with a `run` column, each row carrying the query, gold and predicted platform, the raw
/// prediction, every metric flag, the review status and note, and the diagnosis with its parts
/// (kind, function, parameter, predicted and accepted values, rule, query/profile, provenance);
/// with the lenient option on, a JSON Lines row also carries the case's `lenient` reading.
public enum Export {
    /// The CSV columns: the first nine as they have always been, then the added ones.
    static let csvColumns = [
        "split", "index", "user", "scenario", "gold_platform", "run", "verdict", "error_columns", "diagnosis",
        "query", "predicted_platform", "prediction", "format", "platforms", "tool_names", "tool_param_names",
        "tool_param_values", "overall", "query_params_hit", "profile_params_hit", "status", "note", "diagnosis_json",
    ]

    /// Writes `cases` (ids) to `path`, each case's review from `annotations` when given; returns
    /// the message for the status bar (naming the folder when the file's folder does not exist or
    /// is not a folder: it is not made).
    public static func write(
        _ data: ExplorerData, scores: Scores?, annotations: Annotations? = nil, cases: [Int], to path: String
    ) -> String {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        let csv = url.pathExtension.lowercased() == "csv"
        var out = csv ? csvColumns.joined(separator: ",") + "\r\n" : ""
        for id in cases {
            let entry = data.cases[id]
            let splitData = data.split(of: entry)
            let split = splitData.name
            let benchmarkCase = data.benchmarkCase(entry)
            let review = annotations.map { $0.current(benchmarkCase, in: splitData) }
            let provenance = ProvenanceFields(data, entry)
            for (k, run) in data.runs.enumerated() {
                let verdict = scores.flatMap { k < $0.runs.count ? $0.runs[k].diagnosis(id) : nil }
                let lines = run.predictions[split]?.lines
                var context = CaseContext(
                    query: entry.query, goldPlatform: entry.goldPlatform,
                    prediction: lines.flatMap { entry.index < $0.count ? $0[entry.index] : nil }, status: review?.status,
                    note: review?.note)
                // With the lenient option, the case's lenient reading and verdict (as `score --lenient --per-case`).
                if let verdict, let scores, k < scores.result.reports.count, scores.result.reports[k].lenient {
                    let format = scores.result.reports[k].splits.first?.source?.options.format ?? .reference
                    context.lenient = LenientRecord(text: context.predictionText, verdict: verdict.verdict, format: format)
                }
                if csv {
                    out += csvRow(data, entry, run: run.name, verdict: verdict, context: context, provenance: provenance)
                } else {
                    let head = JSONText.object([
                        ("run", JSONText.string(run.name)), ("user", JSONText.string(data.users[entry.user].name)),
                        ("scenario", JSONText.string(data.scenarios[entry.scenario])),
                        ("verdict", JSONText.string(Filter.verdict(verdict?.verdict).rawValue)),
                    ])
                    let body =
                        verdict?.jsonLine(split: split, index: entry.index, context: context, extra: provenance.fields)
                        ?? JSONText.object([
                            ("split", JSONText.string(split)), ("index", String(entry.index)),
                            ("gold_platform", JSONText.string(entry.goldPlatform)),
                        ])
                    out += String(head.dropLast()) + ", " + String(body.dropFirst()) + "\n"
                }
            }
        }
        // Foundation's own message names neither the folder nor what is wrong with it. (The folder
        // is named in full; the file by its name, which was just typed: the message must fit.)
        if let problem = OutputFolder.problem(url.deletingLastPathComponent()) {
            return "cannot write \(url.lastPathComponent): \(problem)"
        }
        do {
            try Data(out.utf8).write(to: url, options: .atomic)
        } catch {
            return "cannot write \(url.path): \(error.localizedDescription)"
        }
        let runs = data.runs.count > 1 ? " × \(data.runs.count) runs" : ""
        return "wrote \(cases.count) cases\(runs) to \(url.path) (\(csv ? "CSV" : "JSON Lines"))"
    }

    /// One CSV row (ending in `\r\n`) of ``csvColumns``.
    static func csvRow(
        _ data: ExplorerData, _ entry: CaseEntry, run: String, verdict: CaseDiagnosis?, context: CaseContext,
        provenance: ProvenanceFields
    ) -> String {
        let v = verdict?.verdict
        func flag(_ f: (CaseVerdict) -> Bool) -> String { v.map { String($0.format && f($0)) } ?? "" }
        let predictedPlatform = verdict?.prediction.map { $0.platform.stringValue ?? PyRepr.value($0.platform) } ?? ""
        let prediction: String
        switch context.prediction {
        case .text(let s), .loneSurrogate(let s): prediction = s
        case .notText(let j): prediction = j.dumps
        case .unusable, nil: prediction = ""
        }
        let structured = (verdict?.problems ?? []).map { f in
            JSONText.object(
                [("kind", JSONText.string(f.kind)), ("text", JSONText.string(f.sentence))] + f.structuredFields
                    + provenance.fields(f))
        }
        let hits =
            v.map { [String($0.format ? $0.queryParamsHit : 0), String($0.format ? $0.profileParamsHit : 0)] } ?? ["", ""]
        var fields: [String] = [
            data.split(of: entry).name, String(entry.index), data.users[entry.user].name, data.scenarios[entry.scenario],
            entry.goldPlatform, run, Filter.verdict(v).rawValue,
        ]
        fields.append((v?.errorColumns ?? []).map(\.rawValue).joined(separator: " "))
        fields.append((verdict?.problems ?? []).map(\.sentence).joined(separator: "; "))
        fields += [entry.query, predictedPlatform, prediction, v.map { String($0.format) } ?? ""]
        fields += [flag(\.platforms), flag(\.toolNames), flag(\.toolParamNames), flag(\.toolParamValues), flag(\.overall)]
        fields += hits
        fields += [context.status?.rawValue ?? "", context.note ?? "", "[" + structured.joined(separator: ", ") + "]"]
        return fields.map(quote).joined(separator: ",") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }
}

// MARK: - Provenance in exports

/// Where a wrong profile value came from, as JSON members of a diagnosis item: `provenance` (the
/// origin), `provenance_text`, `predicted_field` and `gold_field` (profile key paths, or null).
struct ProvenanceFields {
    let id: Int
    let profile: Triage.ProfileIndex
    let query: String

    init(_ data: ExplorerData, _ entry: CaseEntry) {
        id = entry.id
        profile = Triage.ProfileIndex(data.split(of: entry).decodeRaw(data.benchmarkCase(entry), "user_profile"))
        query = entry.query
    }

    /// The members for `f`: none unless it is a profile value mismatch.
    func fields(_ f: Finding) -> [(String, String)] {
        guard case .valueMismatch(let function, let parameter, let x, let y, _, .profile) = f else { return [] }
        let item = Triage.provenance(
            case: id, function: function, parameter: parameter, predicted: x, accepted: y, profile: profile, query: query)
        return [
            ("provenance", JSONText.string(item.origin.rawValue)), ("provenance_text", JSONText.string(item.sentence)),
            ("predicted_field", item.predictedField.map(JSONText.string) ?? "null"),
            ("gold_field", item.goldField.map(JSONText.string) ?? "null"),
        ]
    }
}
