import TUICore

// MARK: - Layout

/// Where everything goes at the state's size: three panes at 160 columns or more, two at
/// 100–159 (case list | case or context), one below 100, and a notice below 60×15.
public struct Layout: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case three, two, one, tooSmall
    }

    public static let minWidth = 60
    public static let minHeight = 15
    /// Rows of the list pane above its first case (column headings).
    public static let listHeaderRows = 1

    public var kind: Kind
    public var header: Rect
    public var status: Rect
    /// Outer rectangles (border included) of the panes on screen; nil when not shown.
    public var list: Rect?
    public var detail: Rect?
    public var context: Rect?
    /// The rectangles a pane has when it is shown (for scroll clamping of hidden panes).
    var detailFrame: Rect
    var contextFrame: Rect
    var listFrame: Rect
    public var overlay: Rect

    /// `listWant`: the width the case list would take to show its names and places whole; with
    /// three panes it gets up to 35 % of the screen for them (at least 58 columns).
    public init(width: Int, height: Int, focus: Panes.Pane, listWant: Int? = nil) {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        (header, _) = screen.splitTop(1)
        (_, status) = screen.splitBottom(1)
        let body = Rect(x: 0, y: 1, width: width, height: max(0, height - 2))
        overlay = Rect(x: 2, y: 2, width: width - 4, height: height - 4)
        if width < Layout.minWidth || height < Layout.minHeight {
            kind = .tooSmall
            listFrame = body
            detailFrame = body
            contextFrame = body
            return
        }
        if width >= 160 {
            kind = .three
            let listWidth = min(max(58, listWant ?? 58), max(58, width * 7 / 20))
            let detailWidth = (width - listWidth) * 11 / 20
            let cols = body.columns([listWidth, detailWidth, width - listWidth - detailWidth])
            (list, detail, context) = (cols[0], cols[1], cols[2])
            (listFrame, detailFrame, contextFrame) = (cols[0], cols[1], cols[2])
        } else if width >= 100 {
            kind = .two
            let cols = body.columns([46, width - 46])
            list = cols[0]
            if focus == .context { context = cols[1] } else { detail = cols[1] }
            (listFrame, detailFrame, contextFrame) = (cols[0], cols[1], cols[1])
        } else {
            kind = .one
            switch focus {
            case .list: list = body
            case .detail: detail = body
            case .context: context = body
            }
            (listFrame, detailFrame, contextFrame) = (body, body, body)
        }
    }

    /// Case rows the list shows.
    public var listRows: Int { max(1, listFrame.height - 2 - Layout.listHeaderRows) }
    public var detailRows: Int { max(1, detailFrame.height - 2) }
    public var detailWidth: Int { max(1, detailFrame.width - 2) }
    public var contextRows: Int { max(1, contextFrame.height - 2) }
    public var contextWidth: Int { max(1, contextFrame.width - 2) }
    /// Content rows of an overlay (help, raw, filter).
    public var overlayRows: Int { max(1, overlay.height - 2) }
    public var overlayWidth: Int { max(1, overlay.width - 2) }
}
