import Evaluator
import TUICore

// MARK: - ViewContext

/// What the line builders of the panes and summary views read: the session, the selected case
/// and the few settings of the screen that change how lines are laid out. Built from the state by
/// ``AppState/viewContext``, so the builders never see the whole state.
public struct ViewContext: Sendable {
    public var session: Session
    public var glyphs: Glyphs
    /// The committed search query (highlighted).
    public var query: String
    public var contextMode: ContextMode
    /// The selected case (the prompt view shows its prompt).
    public var selected: CaseEntry?

    public init(session: Session, glyphs: Glyphs, query: String, contextMode: ContextMode, selected: CaseEntry?) {
        self.session = session
        self.glyphs = glyphs
        self.query = query
        self.contextMode = contextMode
        self.selected = selected
    }

    public var data: ExplorerData { session.data }
    public var triage: TriageModel? { session.triage }
    /// The focused run's verdicts, nil before scoring.
    public var verdicts: Verdicts? { session.focused?.verdicts }
    public var annotations: Annotations { session.annotations }
    public var useCorrectedGold: Bool { session.options.useCorrectedGold }
    public var promptTemplate: Int { session.options.promptTemplate }

    /// The annotation status of case `id` (nil: never annotated).
    public func annotation(_ id: Int) -> CorrectedCase? { session.annotation(id) }
}
