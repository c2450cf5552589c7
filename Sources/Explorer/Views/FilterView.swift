import Evaluator
import TUICore

// MARK: - FilterView

/// The `f` overlay.
enum FilterView {
    static func render(_ s: AppState, _ menu: FilterMenu, _ data: ExplorerData, in rect: Rect, into buf: inout ScreenBuffer) {
        let g = s.glyphs
        let shown = s.list.visible.count
        let inner = buf.box(
            rect, title: Line([Span("Filter", .title), Span("  \(shown)/\(data.cases.count) cases shown", .muted)]),
            focused: true, glyphs: g)
        for row in 0..<inner.height {
            let i = menu.top + row
            guard i < menu.items.count else { break }
            let item = menu.items[i]
            let y = inner.y + row
            var line: Line
            switch item {
            case .heading(let t): line = Line(Text.clean(t), .header)
            default:
                let on = s.list.filter.contains(item)
                line = Line([
                    Span("  " + (on ? g.selected : g.unselected) + " ", on ? .key : .muted), Span(label(item, data), .normal),
                ])
                if let n = menu.counts[i] { line.spans.append(Span("  \(n)", .muted)) }
            }
            if i == menu.cursor {
                buf.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection)
                line.spans = line.spans.map { Span($0.text, .selection) }
            }
            buf.put(Text.fit(line, inner.width), x: inner.x, y: y, maxX: inner.maxX)
        }
    }

    static func label(_ item: FilterMenu.Item, _ data: ExplorerData) -> String {
        switch item {
        case .heading(let t): return t
        case .verdict(let v): return v.rawValue
        case .error(.column(let c)): return "\(c.rawValue) — \(c.meaning)"
        case .error(let e): return "\(e.label) (counted, never written by the reference)"
        case .split(let i): return "\(data.splitLetter(i))  \(Text.clean(data.benchmark.splits[i].name))"
        case .scenario(let i): return Text.clean(data.scenarios[i])
        case .platform(let p): return Text.clean(p)
        case .user(let u): return Text.clean(data.users[u].name)
        case .comparison(let c): return c.rawValue
        case .status(let st): return st.rawValue
        }
    }
}
