import Evaluator
import TUICore

// MARK: - RootView

/// Renders the whole screen for a state. Pure: the same state gives the same buffer.
public enum RootView {
    /// Draws `s` into `buf` (which has the state's size).
    public static func render(_ s: AppState, into buf: inout ScreenBuffer) {
        buf.fill(buf.area)
        let layout = Layout(s)
        if layout.kind == .tooSmall {
            tooSmall(s, into: &buf)
            return
        }
        header(s, layout.header, into: &buf)
        if let data = s.data {
            if let r = layout.list {
                ListView.render(s, data, in: r, focused: s.panes.focus == .list && s.overlay == nil, into: &buf)
            }
            if let r = layout.detail { PaneViews.detail(s, r, into: &buf) }
            if let r = layout.context { PaneViews.context(s, r, into: &buf) }
        } else {
            let msg = s.status.loadError.map { "cannot open: \($0)" } ?? s.status.loading
            let lines = TextWidth.wrap(Text.clean(msg), width: max(10, buf.width - 4))
            for (i, l) in lines.enumerated() { buf.put(l, x: 2, y: 2 + i, role: s.status.loadError == nil ? .muted : .fail) }
        }
        if let overlay = s.overlay {
            // The overlay floats on a cleared body: nothing of the panes shows beside its border.
            buf.fill(Rect(x: 0, y: 1, width: buf.width, height: buf.height - 2))
            OverlayViews.render(s, overlay, layout, into: &buf)
        }
        if s.editor != nil, layout.status.y > 1 {
            StatusBar.hint(s, Rect(x: layout.status.x, y: layout.status.y - 1, width: layout.status.width, height: 1), into: &buf)
        }
        StatusBar.render(s, layout.status, into: &buf)
        if s.glyphs == .ascii { asciiOnly(&buf) }
    }

    /// A terminal without a UTF-8 locale cannot show other characters: the views' own symbols
    /// and typographic quotes and dashes get ASCII stand-ins, anything else from data becomes `?`.
    static func asciiOnly(_ buf: inout ScreenBuffer) {
        let map: [String: String] = [
            "…": "~", "●": "*", "◆": "@", "★": "*", "•": "*", "█": "_", "—": "-", "↔": "<>", "→": ">", "←": "<", "↑": "^",
            "↓": "v", "−": "-", "⟂": "_", "·": ".", "“": "\"", "”": "\"", "‘": "'", "’": "'", "–": "-", "×": "x",
        ]
        for y in 0..<buf.height {
            for x in 0..<buf.width {
                let cell = buf[x, y]
                if cell.text.utf8.allSatisfy({ $0 < 0x80 }) && !cell.isContinuation { continue }
                if cell.isContinuation {
                    buf[x, y] = Cell(" ", role: cell.role)
                } else {
                    buf[x, y] = Cell(map[cell.text] ?? "?", role: cell.role)
                }
            }
        }
    }

    static func header(_ s: AppState, _ r: Rect, into buf: inout ScreenBuffer) {
        var line = Line([Span(" ptscope ", .title)])
        if let data = s.data {
            // The focused run: with several, its letter and how many there are (b: the next one).
            let focus = min(s.session?.focusedRun ?? 0, data.runs.count - 1)
            if data.runs.count > 1 {
                line.spans.append(Span("run \(Session.runLetter(focus))/\(data.runs.count) ", .muted))
            }
            let nameIndex = line.spans.count
            line.spans.append(Span(Text.clean(data.runs[focus].name), .accent))
            let countsIndex = line.spans.count
            line.spans.append(
                Span(
                    "  \(data.cases.count) cases · \(data.users.count) users · \(data.benchmark.splits.count) split\(data.benchmark.splits.count == 1 ? "" : "s")",
                    .muted))
            defer {
                // Too wide (80 columns, a long run name): the counts go first, then the name is cut,
                // so the overall accuracy and the warnings after it stay whole.
                func width(_ l: Line) -> Int { l.spans.reduce(0) { $0 + TextWidth.of($1.text) } }
                if width(line) > r.width { line.spans[countsIndex].text = "" }
                let over = width(line) - r.width
                if over > 0 {
                    let name = line.spans[nameIndex].text
                    let room = max(6, TextWidth.of(name) - over)
                    line.spans[nameIndex].text = TextWidth.truncate(name, to: room)
                }
            }
            if data.journalReadOnly { line.spans.append(Span("  journal read-only", .warning)) }
            if let text = s.session?.scoringText {
                line.spans.append(Span("  " + text, .warning))
            } else if let reports = s.scores?.result.reports, !reports.isEmpty {
                let report = reports[min(focus, reports.count - 1)]
                let overall = report.overall?.accuracy[.overall] ?? report.splits.first?.accuracy[.overall] ?? nil
                if let overall { line.spans.append(Span("  overall acc \(percent(overall))", .header)) }
                if report.lenient { line.spans.append(Span("  LENIENT", .warning)) }
            }
        }
        buf.put(line.fitted(to: r.width, ellipsis: s.glyphs.ellipsis), x: r.x, y: r.y, maxX: r.maxX)
    }

    static func percent(_ v: Double) -> String {
        let x = (v * 1000).rounded() / 10
        return "\(x)%"
    }

    static func tooSmall(_ s: AppState, into buf: inout ScreenBuffer) {
        let lines = [
            "terminal too small",
            "needs \(Layout.minWidth)×\(Layout.minHeight), have \(s.width)×\(s.height)",
            "enlarge it, or q to quit",
        ]
        let top = max(0, (s.height - lines.count) / 2)
        for (i, l) in lines.enumerated() {
            let t = TextWidth.truncate(l, to: s.width)
            buf.put(t, x: max(0, (s.width - TextWidth.of(t)) / 2), y: top + i, role: i == 0 ? .warning : .muted)
        }
    }
}
