import Evaluator

// MARK: - CaseDetail

/// The selected case, decoded: profile, catalog, the call diff and the raw prediction.
public struct CaseDetail: Sendable {
    public let caseID: Int
    public let profile: JSONValue?
    public let catalog: Catalog
    public let verdict: CaseVerdict
    public let diff: CallDiff
    /// The model's raw text (nil when the line is missing or not text).
    public let predictionText: String?
    /// Why there is no text, when there is none.
    public let predictionNote: String?
    /// The user's stated preferred platform among the case's platforms.
    public let preferredPlatform: String?
    public let queryParams: [String]
    public let profileParams: [String]

    /// Decodes case `entry` of `data`. Uses the scorer's verdict when given, else asks the
    /// evaluator for this one case (before start-up scoring has finished).
    public init(data: ExplorerData, entry: CaseEntry, verdict given: CaseVerdict?, options: Scorer.Options) {
        let split = data.split(of: entry)
        let c = data.benchmarkCase(entry)
        caseID = entry.id
        profile = split.decodeRaw(c, "user_profile")
        catalog = Catalog(platforms: split.decodeRaw(c, "platforms"), tools: split.decodeRaw(c, "tools"))
        let line = data.predictionLine(entry)
        verdict = given ?? Scorer.verdict(for: c, line: line, options: options)
        diff = CallDiff.build(
            answer: PyValue(json: c.answer), queryParams: PyValue(json: c.queryParams),
            profileParams: PyValue(json: c.profileParams), verdict: verdict)
        switch line {
        case .text(let t)?, .loneSurrogate(let t)?:
            predictionText = t
            predictionNote = nil
        case .notText(let v)?:
            predictionText = nil
            predictionNote = "\"predict\" is \(v.kindDescription): \(JSONRender.compact(v))"
        case .unusable(let why)?:
            predictionText = nil
            predictionNote = "unusable prediction line: \(why)"
        case nil:
            predictionText = nil
            predictionNote = "no prediction line for this case"
        }
        let names = catalog.platforms.map(\.name)
        preferredPlatform = data.users[entry.user].preferredPlatform(among: names.isEmpty ? data.platforms : names)
        func strings(_ v: JSONValue) -> [String] { (v.arrayValue ?? []).map { $0.stringValue ?? JSONRender.compact($0) } }
        queryParams = strings(c.queryParams)
        profileParams = strings(c.profileParams)
    }
}
