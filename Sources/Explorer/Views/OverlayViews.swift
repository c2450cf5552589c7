import Evaluator
import TUICore

// MARK: - HelpView

/// The `?` overlay, generated from the keymap table.
public enum HelpView {
    public static func lines(_ s: AppState) -> [Line] {
        let g = s.glyphs
        var out: [Line] = []
        for section in ExplorerKeymap.table.sections {
            out.append(Line(section.title, .header))
            for b in section.bindings {
                out.append(Line([Span("  " + TextWidth.pad(b.keyLabel, to: 24), .key), Span(b.help)]))
            }
            out.append("")
        }
        out.append(Line("Edit commands (: in the case list or case pane; every edit is journaled)", .header))
        for (cmd, what) in EditCommand.help {
            out.append(Line([Span("  " + TextWidth.pad(cmd, to: 48), .key), Span(what)]))
        }
        out.append("")
        out.append(Line("Glyphs", .header))
        out.append(
            Line([
                Span("  \(g.pass) pass   ", .pass), Span("\(g.fail) fail   ", .fail),
                Span("\(g.format) format failure   ", .format), Span("\(g.pending) not scored yet", .muted),
            ]))
        out.append(
            Line([
                Span("  \(g.missing) missing (gold only)   ", .missing), Span("\(g.extra) extra (predicted only)   ", .extra),
                Span("• search match", .match),
            ]))
        out.append("")
        out.append(Line("Error columns (error_results.csv; the reference's names are swapped)", .header))
        for c in ErrorCategory.allCases {
            out.append(
                Line([
                    Span("  " + TextWidth.pad(c.shortName, to: 5), .key), Span(TextWidth.pad(c.source, to: 23)),
                    Span(c.meaning, .muted),
                ]))
        }
        return out
    }
}

// MARK: - RawView

/// The `r` overlay: the case's JSON as stored (pretty-printed, key order kept) and its prediction line.
public enum RawView {
    public static func lines(_ s: AppState) -> [Line] {
        guard let data = s.data, let entry = s.selected else { return [] }
        let split = data.split(of: entry)
        let c = data.benchmarkCase(entry)
        let width = Layout(s).overlayWidth
        var out: [Line] = [Line("\(Text.clean(split.url.path)) · case \(entry.index) · line \(c.line)", .header)]
        if let value = split.fullCase(c) {
            for l in JSONRender.pretty(value) { out += wrap(l, width) }
        } else {
            out.append(Line("(the case could not be decoded)", .fail))
        }
        out.append("")
        if let file = data.benchmark.predictions[split.name] {
            out.append(Line("\(Text.clean(file.url.path)) · line \(entry.index + 1)", .header))
            switch data.predictionLine(entry) {
            case .text(let t)?, .loneSurrogate(let t)?:
                out.append(Line("predict:", .muted))
                for l in Sanitizer.clean(t, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false) {
                    out += wrap(String(l), width)
                }
            case .notText(let v)?: out += wrap("predict: " + JSONRender.compact(v), width)
            case .unusable(let why)?: out += wrap("unusable line: " + why, width)
            case nil: out.append(Line("(no line for this case)", .muted))
            }
        } else {
            out.append(Line("(no predictions file for this split)", .muted))
        }
        return out
    }

    static func wrap(_ text: String, _ width: Int) -> [Line] {
        let clean = Text.clean(text)
        let indent = clean.prefix(while: { $0 == " " }).count
        let parts = TextWidth.wrap(clean, width: max(8, width))
        return parts.enumerated().map { i, p in
            i == 0
                ? Line(p)
                : Line(String(repeating: " ", count: min(indent + 2, width / 2)) + p.drop(while: { $0 == " " }), .normal)
        }
    }
}

extension JSONRender {
    /// Pretty-printed JSON, two-space indent, key order kept.
    public static func pretty(_ v: JSONValue) -> [String] {
        var out: [String] = []
        func emit(_ v: JSONValue, _ indent: Int, _ prefix: String, _ suffix: String) {
            let pad = String(repeating: "  ", count: indent)
            switch v {
            case .array(let a) where !a.isEmpty:
                out.append(pad + prefix + "[")
                for (i, item) in a.enumerated() { emit(item, indent + 1, "", i == a.count - 1 ? "" : ",") }
                out.append(pad + "]" + suffix)
            case .object(let o) where !o.members.isEmpty:
                out.append(pad + prefix + "{")
                for (i, m) in o.members.enumerated() {
                    emit(m.value, indent + 1, JSONText.string(m.key) + ": ", i == o.members.count - 1 ? "" : ",")
                }
                out.append(pad + "}" + suffix)
            default:
                out.append(pad + prefix + compact(v) + suffix)
            }
        }
        emit(v, 0, "", "")
        return out
    }
}

// MARK: - FilterView

/// The `f` overlay.
enum FilterView {
    static func render(_ s: AppState, _ menu: FilterMenu, _ data: ExplorerData, in rect: Rect, into buf: inout ScreenBuffer) {
        let g = s.glyphs
        let shown = s.visible.count
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
                let on = s.filter.contains(item)
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
