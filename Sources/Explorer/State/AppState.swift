import Evaluator
import TUICore

// MARK: - AppState

/// Everything the explorer shows, as one value: a few feature models, each owning its part.
///
/// ``Reducer/reduce(_:_:)`` is the only writer; views only read it. Values that follow from
/// others (the focused run's verdicts, the selected case) are computed, never stored twice.
public struct AppState: Sendable {
    /// The terminal's size in cells.
    public var width: Int
    public var height: Int
    /// The symbols to draw with (ASCII when the locale is not UTF-8).
    public var glyphs: Glyphs
    /// The loaded data, its scores, annotations and options; nil until the data is loaded.
    public var session: Session?
    /// The case list: which cases show, the selection, the filter and the search.
    public var list = CaseList()
    /// The case and context panes: focus, scroll positions and the selected case's laid-out lines.
    public var panes = Panes()
    /// A full-screen layer over the panes, with its own state.
    public var overlay: Overlay?
    /// A line being typed (search, export path, edit command); shortcuts are suspended meanwhile.
    public var editor: Editor?
    /// The lines submitted before, per kind of input (↑/↓ while typing), and where new ones go.
    public var history = InputHistory()
    /// The status bar's message, loading state, mouse and quit.
    public var status = Status()
    /// The options the first session starts with (the command line's); later sessions (reloads)
    /// keep the options of the one before.
    public var startOptions = SessionOptions()
    /// The view saved when this data was last left (``SavedView``), applied when it first loads;
    /// its case is kept until the first scores come (a verdict filter hides every case before).
    public var restore: SavedView?
    /// The keys in effect: the bundled table with the config file's remapping (dispatch, the
    /// status-bar hints and the `?` help all read this one).
    public var keymap = ExplorerKeymap.table
    /// What `A` asks a case again with (nil: the explorer was opened without an endpoint).
    public var asker: (any CaseAsker)?
    /// The answers asked again (`A`) and the requests in flight.
    public var reask = Reask()

    public init(width: Int, height: Int, glyphs: Glyphs = .unicode) {
        self.width = width
        self.height = height
        self.glyphs = glyphs
    }

    /// The loaded data.
    public var data: ExplorerData? { session?.data }

    /// Every run's scores, nil before the first scoring finishes.
    public var scores: Scores? { session?.scores }

    /// The id of the selected case.
    public var selectedID: Int? { list.selectedID }

    /// The selected case's entry.
    public var selected: CaseEntry? { selectedID.flatMap { data?.cases[$0] } }

    /// The annotation status of case `id` (nil: never annotated).
    public func annotation(_ id: Int) -> CorrectedCase? { session?.annotation(id) }

    /// The focused run's verdict summary of case `id`, nil before scoring.
    public func summary(_ id: Int) -> CaseSummary? { session?.focused?.summaries[safe: id] }

    /// The focused run's verdict of case `id`, nil before scoring.
    public func verdict(_ id: Int) -> CaseVerdict? { session?.focused?.verdicts[safe: id] }

    /// Whether the explorer should stop.
    public var quit: Bool { status.quit }

    /// The status bar's message.
    public var message: String? { status.message }
}

extension RandomAccessCollection where Index == Int {
    /// The element at `i`, nil outside the collection.
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}

extension Layout {
    /// Where everything goes for the state's size and focus.
    public init(_ s: AppState) {
        self.init(width: s.width, height: s.height, focus: s.panes.focus, listWant: s.data.map(ListColumns.want))
    }
}

extension AppState {
    /// What the line builders read (nil before the data is loaded).
    public var viewContext: ViewContext? {
        session.map {
            ViewContext(
                session: $0, glyphs: glyphs, query: list.search.query, contextMode: panes.contextMode, selected: selected)
        }
    }
}
