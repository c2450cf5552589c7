import Evaluator
import TUICore

// MARK: - FilterView

/// The `f` overlay.
enum FilterView {
    static func render(_ s: AppState, _ menu: FilterMenu, _ data: ExplorerData, in rect: Rect, into buf: inout ScreenBuffer) {
        let g = s.glyphs
        let shown = s.list.visible.count
        let block = Block(
            title: Line([Span("Filter", .title), Span("  \(shown)/\(data.cases.count) cases shown", .muted)]), focused: true,
            glyphs: g)
        block.render(in: rect, into: &buf)
        let inner = block.inner(rect)
        // Only the rows shown are laid out (a data set can have thousands of users).
        let window = menu.cursor.top..<min(menu.items.count, menu.cursor.top + max(0, inner.height))
        let rows = window.map { i -> Line in
            let item = menu.items[i]
            if case .heading(let t) = item { return Line(Text.clean(t), .header) }
            let on = s.list.filter.contains(item)
            var line = Line([
                Span("  " + (on ? g.selected : g.unselected) + " ", on ? .key : .muted),
                Span(label(item, data, pair: menu.pair), .normal),
            ])
            if let n = menu.counts[i] {
                line.spans.append(Span("  \(n)", .muted))
            } else if item == .rescued {
                line.spans.append(Span("  (needs :set lenient)", .muted))
            }
            return line
        }
        let cursor = ListCursor(index: menu.cursor.index - menu.cursor.top, top: 0)
        let selectable = menu.valueRows.filter { window.contains($0) }.map { $0 - menu.cursor.top }
        SelectableList(rows, cursor: cursor, focused: true, selectable: selectable, glyphs: g).render(in: inner, into: &buf)
    }

    static func label(_ item: FilterMenu.Item, _ data: ExplorerData, pair: RunPair = RunPair(a: 0, b: 1)) -> String {
        switch item {
        case .heading(let t): return t
        case .verdict(let v): return v.rawValue
        case .error(.column(let c)): return "\(c.rawValue) — \(c.meaning)"
        case .error(let e): return "\(e.label) (counted, never written by the reference)"
        case .split(let i): return "\(data.splitLetter(i))  \(Text.clean(data.benchmark.splits[i].name))"
        case .scenario(let i): return Text.clean(data.scenarios[i])
        case .platform(let p): return Text.clean(p)
        case .user(let u): return Text.clean(data.users[u].name)
        case .comparison(let c): return c.label(pair)
        case .status(let st): return st.rawValue
        case .rescued: return Filter.rescuedLabel
        case .flaky: return Filter.flakyLabel
        }
    }
}
