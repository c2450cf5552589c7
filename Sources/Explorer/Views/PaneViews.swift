import Evaluator
import TUICore

// MARK: - PaneViews

/// The case pane and the context pane: a block around the selected case's laid-out lines.
enum PaneViews {
    /// The case pane. Its lines are laid out off the input loop (a large case takes long): until
    /// they fit the pane, it says so rather than laying them out here.
    static func detail(_ s: AppState, _ r: Rect, into buf: inout ScreenBuffer) {
        let focused = s.panes.focus == .detail && s.overlay == nil
        guard let d = s.panes.detail,
            let lines = s.panes.lines.flatMap({
                $0.key.caseID == d.caseID && $0.key.detailWidth == r.width - 2 ? $0.detail : nil
            })
        else {
            let block = Block(title: Line("Case", .title), focused: focused, glyphs: s.glyphs)
            block.render(in: r, into: &buf)
            if let id = s.panes.pending?.caseID ?? s.selectedID, let entry = s.data?.cases[id] {
                let building = Line([Span("Case \(entry.index)", .title), Span(" · building…", .muted)])
                Paragraph([building], glyphs: s.glyphs).render(in: block.inner(r), into: &buf)
            }
            return
        }
        let scroll = s.panes.detailScroll
        let block = Block(
            title: Line("Case", .title), focused: focused, scroll: (scroll.offset, lines.count), glyphs: s.glyphs)
        block.render(in: r, into: &buf)
        Paragraph(lines, scroll: scroll, glyphs: s.glyphs).render(in: block.inner(r), into: &buf)
    }

    /// The context pane: the tool catalog or the user profile.
    static func context(_ s: AppState, _ r: Rect, into buf: inout ScreenBuffer) {
        let focused = s.panes.focus == .context && s.overlay == nil
        let title = Line(s.panes.contextMode.title, .title)
        guard let d = s.panes.detail,
            let lines = s.panes.lines.flatMap({
                $0.key.caseID == d.caseID && $0.key.contextWidth == r.width - 2 && $0.key.contextMode == s.panes.contextMode
                    ? $0.context : nil
            })
        else {
            Block(title: title, focused: focused, glyphs: s.glyphs).render(in: r, into: &buf)
            return
        }
        let scroll = s.panes.contextScroll
        let block = Block(title: title, focused: focused, scroll: (scroll.offset, lines.count), glyphs: s.glyphs)
        block.render(in: r, into: &buf)
        Paragraph(lines, scroll: scroll, glyphs: s.glyphs).render(in: block.inner(r), into: &buf)
    }
}
