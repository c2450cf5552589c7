import Evaluator

// MARK: - CaseDetail

/// The selected case, decoded: profile, catalog, the call diff and the raw prediction.
public struct CaseDetail: Sendable {
    public let caseID: Int
    public let profile: JSONValue?
    public let catalog: Catalog
    /// Run 0's verdict.
    public var verdict: CaseVerdict { runs[0].verdict }
    /// Run 0's verdict with its findings and parsed prediction.
    public var diagnosis: CaseDiagnosis { runs[0].diagnosis }
    public let diff: CallDiff
    /// The model's raw text (nil when the line is missing or not text).
    public let predictionText: String?
    /// Why there is no text, when there is none.
    public let predictionNote: String?
    /// The user's stated preferred platform among the case's platforms.
    public let preferredPlatform: String?
    public let queryParams: [String]
    public let profileParams: [String]
    /// Every run's verdict, call diff and text (run 0 repeats the fields above).
    public let runs: [RunDetail]

    /// One run's view of the case.
    public struct RunDetail: Sendable {
        public let name: String
        /// The verdict with its findings and parsed prediction.
        public let diagnosis: CaseDiagnosis
        public let diff: CallDiff
        public let predictionText: String?
        public let predictionNote: String?
        /// With the lenient option, what the lenient reading did to the prediction and PTBench's
        /// verdict beside it; nil when the option is off or the reference parses the text as it is.
        public var lenient: LenientDetail? = nil

        /// The verdict's flags and counts.
        public var verdict: CaseVerdict { diagnosis.verdict }
    }

    /// A run's lenient reading of the case (``RunDetail/diagnosis`` is then the lenient verdict)
    /// with the verdict of PTBench's reading beside it.
    public struct LenientDetail: Sendable {
        /// The steps taken and the text recovered.
        public let reading: LenientReading
        /// The verdict in PTBench's reading (the reference options, same gold).
        public let reference: CaseVerdict
    }

    /// Decodes case `entry` of `data`, scoring it again for every run (the findings and parsed
    /// prediction are not kept with the verdicts), against the gold `annotations` corrects when given.
    public init(data: ExplorerData, entry: CaseEntry, options: Scorer.Options, annotations: Annotations? = nil) {
        let split = data.split(of: entry)
        // With annotations, the corrected gold: the diff and the verdict are against it.
        let c = annotations?.benchmarkCase(data.benchmarkCase(entry), in: split) ?? data.benchmarkCase(entry)
        caseID = entry.id
        profile = split.decodeRaw(c, "user_profile")
        catalog = Catalog(platforms: split.decodeRaw(c, "platforms"), tools: split.decodeRaw(c, "tools"))
        var runs: [RunDetail] = []
        for (k, run) in data.runs.enumerated() {
            runs.append(CaseDetail.runDetail(c, name: run.name, line: data.predictionLine(entry, run: k), options: options))
        }
        self.runs = runs
        diff = runs[0].diff
        predictionText = runs[0].predictionText
        predictionNote = runs[0].predictionNote
        let names = catalog.platforms.map(\.name)
        preferredPlatform = data.users[entry.user].preferredPlatform(among: names.isEmpty ? data.platforms : names)
        func strings(_ v: JSONValue) -> [String] { (v.arrayValue ?? []).map { $0.stringValue ?? JSONRender.compact($0) } }
        queryParams = strings(c.queryParams)
        profileParams = strings(c.profileParams)
    }

    /// One run's view of case `c` (its gold as given) for the prediction `line`: scored as the
    /// Evaluator scores a recorded answer, with its call diff and text.
    public static func runDetail(_ c: BenchmarkCase, name: String, line: PredictionLine?, options: Scorer.Options)
        -> RunDetail
    {
        let diagnosis = Scorer.diagnose(c, line: line, options: options)
        let diff = CallDiff.build(
            answer: PyValue(json: c.answer), queryParams: PyValue(json: c.queryParams),
            profileParams: PyValue(json: c.profileParams), verdict: diagnosis)
        let (text, note) = CaseDetail.text(line)
        var detail = RunDetail(name: name, diagnosis: diagnosis, diff: diff, predictionText: text, predictionNote: note)
        if options.lenient, case .text(let raw)? = line, let reading = Lenient.read(raw, format: options.format) {
            let reference = Scorer.verdict(for: c, line: line, options: Scorer.Options(format: options.format))
            detail.lenient = LenientDetail(reading: reading, reference: reference)
        }
        return detail
    }

    /// The raw text of a prediction line, or why there is none.
    static func text(_ line: PredictionLine?) -> (String?, String?) {
        let predictionText: String?
        let predictionNote: String?
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
        return (predictionText, predictionNote)
    }
}
