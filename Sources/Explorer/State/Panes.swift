import Evaluator
import TUICore

// MARK: - Panes

/// The main screen's panes: which has the focus, what the context pane shows, scroll positions,
/// and the selected case's detail with its laid-out lines (built off the input loop).
public struct Panes: Sendable {
    /// A pane of the main screen.
    public enum Pane: Int, Sendable, CaseIterable {
        case list, detail, context
    }

    public var focus: Pane = .list
    public var contextMode: ContextMode = .catalog
    public var detailScroll = ScrollText()
    public var contextScroll = ScrollText()
    /// The selected case, decoded (rebuilt off the input loop when the selection changes).
    public var detail: CaseDetail?
    /// The case and context panes' lines, built off the input loop once per change of what they
    /// show (case, width, mode, search, scores) so a key that only moves does not lay them out twice.
    public var lines: PaneLines?
    /// What the panes' lines are being built for (``Effect/buildDetail(request:)``), nil when
    /// nothing is being built; until they arrive the case pane says "building…".
    public var pending: PaneLines.Key?
    /// The number of the latest detail request; a result of an earlier one is dropped.
    public var request = 0

    public init() {}

    /// Focus and context-pane commands, with the screen laid out as it was when the key came.
    public mutating func update(_ command: Command, layout: Layout) {
        switch command {
        case .toggleContext:
            contextMode = contextMode == .catalog ? .profile : .catalog
            // Where the context pane is not on screen, toggling it shows it.
            if layout.context == nil { focus = .context }
        case .focusNext:
            focus = Pane(rawValue: (focus.rawValue + 1) % 3)!
        case .focusPrevious:
            focus = Pane(rawValue: (focus.rawValue + 2) % 3)!
        case .open:
            if focus == .list { focus = .detail } else if focus == .detail { focus = .context }
        case .back:
            if focus == .context { focus = .detail } else if focus == .detail { focus = .list }
        default:
            break
        }
    }

    /// Scrolls the focused case or context pane by `motion` (the list moves in ``CaseList``).
    public mutating func scroll(_ motion: Motion, layout: Layout) {
        switch focus {
        case .list: break
        case .detail: detailScroll.scroll(motion, rows: layout.detailRows)
        case .context: contextScroll.scroll(motion, rows: layout.contextRows)
        }
    }

    /// Keeps both scroll positions inside their laid-out lines.
    public mutating func clampScroll(layout: Layout) {
        guard let lines else { return }
        detailScroll.clamp(lines: lines.detail.count, rows: layout.detailRows)
        contextScroll.clamp(lines: lines.context.count, rows: layout.contextRows)
    }
}
