import Evaluator
import TUICore

// MARK: - Session

/// The loaded data and what belongs to it: scores, annotations, the journal's entries, options.
public struct Session: Sendable {
    public var data: ExplorerData
    /// Every run scored, nil until the first scoring finishes.
    public var scores: Scores?
    /// Scoring progress (cases done, total) while it runs.
    public var scoring: (done: Int, total: Int)?
    /// The summary views' model, computed after scoring.
    public var triage: TriageModel?
    /// Gold corrections and case statuses (the journal replayed).
    public var annotations: Annotations
    /// Every journal entry so far (oldest first).
    public var journalEntries: [JournalEntry]
    /// How cases are scored and what happens after a verdict.
    public var options = SessionOptions()
    /// The number of the latest scoring request; a result of an earlier one is dropped.
    public var scoreRequest = 0
    /// Bumped whenever verdicts or gold change (cached lines keyed by it are laid out again).
    public var version = 0
    /// The run the user looks at (`b`, `:run`): its verdicts drive the list's verdict and error
    /// columns, counts, `]`/`[`, filters, sorting and the summary views. 0 is run A.
    public var focusedRun = 0
    /// What a sample of a sample set passes (`:samples METRIC`): the overall verdict by default,
    /// else that metric's verdict (one of ``Metric/perCase``).
    public var sampleMetric = Metric.overall
    /// The two runs regressions, improvements and the side-by-side view compare (`:compare A C`);
    /// nil: the first and the focused run (``comparedRuns``).
    public var chosenPair: RunPair?

    /// A session on freshly loaded `data` (its journal replayed). After a reload, `previous`
    /// passes on its options and counters (so no result or cached line of the old data is
    /// mistaken for one of the new).
    public init(data: ExplorerData, options: SessionOptions = SessionOptions(), after previous: Session? = nil) {
        self.data = data
        self.options = options
        annotations = data.initialAnnotations
        journalEntries = data.journalEntries
        if let previous {
            self.options = previous.options
            scoreRequest = previous.scoreRequest
            version = previous.version + 1
            // The same runs reloaded keep the focus and the pair; fewer runs forget them.
            if previous.focusedRun < data.runs.count { focusedRun = previous.focusedRun }
            if let pair = previous.chosenPair, max(pair.a, pair.b) < data.runs.count { chosenPair = pair }
        }
    }

    /// The focused run's verdicts, nil before scoring.
    public var focused: Scores.Run? { scores?.run(focusedRun) }

    /// The two runs compared: the chosen pair, else the first and the focused run (the first and
    /// the second while the first is focused). Both are 0 with a single run.
    public var comparedRuns: RunPair {
        if let chosenPair { return chosenPair }
        let b = focusedRun == 0 ? min(1, data.runs.count - 1) : focusedRun
        return RunPair(a: 0, b: b)
    }

    /// The letters of run `index` as every view names it: A … Z, then AA, AB, … AZ, BA, … (as
    /// spreadsheet columns, so no two runs share a name); `:run` takes them in any case.
    public static func runLetter(_ index: Int) -> String {
        var n = max(0, index) + 1
        var letters: [Character] = []
        while n > 0 {
            n -= 1
            letters.append(Character(UnicodeScalar(UInt8(65 + n % 26))))
            n /= 26
        }
        return String(letters.reversed())
    }

    /// The annotation status of case `id` (nil: never annotated).
    public func annotation(_ id: Int) -> CorrectedCase? {
        let e = data.cases[id]
        return annotations.corrected(data.benchmarkCase(e), in: data.split(of: e))
    }

    /// The annotations scoring uses: nil when scoring against the original gold.
    public var scoringAnnotations: Annotations? { options.useCorrectedGold ? annotations : nil }
}

// MARK: - RunPair

/// Two runs compared with each other (indexes into ``ExplorerData/runs``): regressions pass in
/// `a` and fail in `b`.
public struct RunPair: Sendable, Equatable, Hashable {
    public var a: Int
    public var b: Int

    public init(a: Int, b: Int) {
        self.a = a
        self.b = b
    }
}
