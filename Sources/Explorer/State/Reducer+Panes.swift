import Evaluator
import TUICore

// MARK: - Panes

extension Reducer {
    /// Drops the selected case's detail and lines (and any build under way): what they show
    /// changed (scores, options, gold); the next ``clamp(_:keepListTop:)`` asks for them again.
    static func invalidateDetail(_ s: inout AppState) {
        s.panes.detail = nil
        s.panes.lines = nil
        s.panes.pending = nil
    }

    /// The runs the case pane shows side by side: with several runs on a screen of three panes
    /// (160 columns or more), the compared pair; else nil (the runs stacked).
    static func sideBySide(_ session: Session, _ layout: Layout) -> RunPair? {
        guard session.data.runs.count > 1, layout.kind == .three else { return nil }
        return session.comparedRuns
    }

    /// Asks for the selected case's panes when what they show changed (built off the input loop);
    /// a detail of another case is dropped at once. Keeps the pane scroll offsets inside the lines.
    static func requestPanes(_ s: inout AppState, _ layout: Layout) {
        if let session = s.session, let entry = s.selected {
            if s.panes.detail?.caseID != entry.id {
                s.panes.detail = nil
                s.panes.lines = nil
            }
            let key = PaneLines.Key(
                caseID: entry.id, detailWidth: layout.detailWidth, contextWidth: layout.contextWidth,
                contextMode: s.panes.contextMode, query: s.list.search.query, version: session.version, glyphs: s.glyphs,
                focusedRun: session.focusedRun, sideBySide: sideBySide(session, layout), compared: session.comparedRuns)
            if s.panes.lines?.key != key && s.panes.pending != key {
                s.panes.pending = key
                s.panes.request += 1
            } else if s.panes.lines?.key == key {
                s.panes.pending = nil
            }
        } else {
            invalidateDetail(&s)
        }
        s.panes.clampScroll(layout: layout)
    }
}
