import Evaluator
import TUICore

// MARK: - Reask

/// `A`: the answers asked again this session, by case and run, and the requests in flight.
///
/// Each request is numbered and tagged with its case and run: an answer lands on its own case
/// whatever is selected when it comes, and an answer whose request was dropped (Esc) is ignored.
/// Answers live only here until saved as a new run (``Command/saveReask``).
public struct Reask: Sendable {
    /// A case of a run.
    public struct Tag: Hashable, Sendable {
        public let caseID: Int
        public let run: Int

        /// Case `caseID` (its id in the session) of run `run`.
        public init(caseID: Int, run: Int) {
            self.caseID = caseID
            self.run = run
        }
    }

    /// An answer asked again, scored as a recorded one is, with the recorded answer beside it.
    public struct Answer: Sendable {
        public let request: Int
        public let tag: Tag
        /// Where it was asked.
        public let source: String
        /// The model's text.
        public let text: String
        /// The new answer's verdict, call diff and findings (``Scorer/diagnose(_:line:options:)``).
        public let detail: CaseDetail.RunDetail
        /// The recorded answer's.
        public let recorded: CaseDetail.RunDetail
        /// The session's ``Session/version`` it was scored at.
        public var scoredAt = 0
    }

    /// The last request number given.
    var lastRequest = 0
    /// The requests in flight: number → case and run.
    public internal(set) var pending: [Int: Tag] = [:]
    /// The latest answer of each case and run asked again.
    public internal(set) var answers: [Tag: Answer] = [:]
    /// The spinner's step, advanced while a request is in flight.
    public internal(set) var spinner = 0

    public init() {}

    /// The spinner's frame (ASCII: it draws in every locale).
    public var spinnerFrame: String { ["|", "/", "-", "\\"][spinner & 3] }
}

extension Reask.Answer {
    /// `text`, asked for `tag` by request `request` from `source`, scored against the gold and
    /// with the options `session` has in effect, the recorded answer scored beside it.
    init(request: Int, tag: Reask.Tag, source: String, text: String, session: Session) {
        let data = session.data
        let entry = data.cases[tag.caseID]
        let c =
            session.scoringAnnotations?.benchmarkCase(data.benchmarkCase(entry), in: data.split(of: entry))
            ?? data.benchmarkCase(entry)
        let options = session.options.scorer
        self.init(
            request: request, tag: tag, source: source, text: text,
            detail: CaseDetail.runDetail(c, name: "new answer", line: .text(text), options: options),
            recorded: CaseDetail.runDetail(
                c, name: data.runs[tag.run].name, line: data.predictionLine(entry, run: tag.run), options: options),
            scoredAt: session.version)
    }

    /// This answer scored again against what `session` has in effect now.
    func rescored(in session: Session) -> Reask.Answer {
        Reask.Answer(request: request, tag: tag, source: source, text: text, session: session)
    }
}

/// The re-ask view's lines (laid out when an answer comes or the width changes) and its scroll position.
public struct ReaskOverlay: Sendable, Equatable {
    public let tag: Reask.Tag
    public var lines: [Line]
    public var scroll = ScrollText()
    /// The overlay width the lines were wrapped for.
    public var width: Int
}
