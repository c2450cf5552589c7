import Evaluator
import TUICore

// MARK: - ListView

/// The case list: a title with counts, column headings, and only the visible rows.
enum ListView {
    static func render(_ s: AppState, _ data: ExplorerData, in rect: Rect, focused: Bool, into buf: inout ScreenBuffer) {
        let g = s.glyphs
        let list = s.list
        var title = Line([Span("Cases", .title), Span(" \(list.visible.count)/\(data.cases.count)", .normal)])
        if let counts = list.counts {
            title =
                title
                + Line([
                    Span("  \(g.pass) \(counts.pass)", .pass), Span("  \(g.fail) \(counts.fail)", .fail),
                    Span("  \(g.format) \(counts.format)", .format),
                ])
        } else if let p = s.session?.scoring {
            title = title + Line("  scoring \(p.total > 0 ? p.done * 100 / p.total : 0)%", .muted)
        }
        let block = Block(title: title, focused: focused, glyphs: g)
        block.render(in: rect, into: &buf)
        let inner = block.inner(rect)
        guard !inner.isEmpty else { return }
        var cols = Columns(
            width: inner.width, maxIndex: data.cases.count, runs: data.runs.count,
            widest: (data.widestUser, data.widestPlace))
        cols.focused = s.session?.focusedRun ?? 0
        buf.put(
            cols.header(list.sort, g).fitted(to: inner.width, ellipsis: g.ellipsis), x: inner.x, y: inner.y, maxX: inner.maxX)
        if list.visible.isEmpty {
            buf.put(
                list.filter.isEmpty ? "no cases" : "no case matches the filter (f, then x clears it)", x: inner.x + 1,
                y: inner.y + 1, role: .muted, maxX: inner.maxX)
            return
        }
        // Only the rows shown are laid out: a list can hold 100,000 cases.
        let body = Rect(
            x: inner.x, y: inner.y + Layout.listHeaderRows, width: inner.width,
            height: max(0, inner.height - Layout.listHeaderRows))
        let shown = list.cursor.top..<min(list.visible.count, list.cursor.top + body.height)
        let rows = shown.map { i -> Line in
            let entry = data.cases[list.visible[i]]
            let verdicts: [CaseVerdict?] = s.scores.map { $0.runs.map { $0.verdicts[entry.id] } } ?? data.runs.map { _ in nil }
            return cols.row(
                entry, verdicts, data, g, match: list.search.matchSet.contains(entry.id), status: s.annotation(entry.id))
        }
        let window = ListCursor(index: list.cursor.index - list.cursor.top, top: 0)
        SelectableList(rows, cursor: window, focused: focused, glyphs: g).render(in: body, into: &buf)
    }

    /// ✎ corrected, ⚑ flagged, ☑ confirmed (C, F, K in ASCII), blank otherwise.
    static func statusSpan(_ c: CorrectedCase?, _ g: Glyphs) -> Span {
        switch c?.status {
        case .corrected?: return Span(g.corrected, .accent)
        case .flagged?: return Span(g.flagged, .warning)
        case .confirmed?: return Span(g.confirmed, .pass)
        default: return Span(" ")
        }
    }

    /// The short error text of a case: its error categories' short names.
    static func errorText(_ v: CaseVerdict?, _ g: Glyphs) -> String {
        v.map { ErrorCategory.of($0).map { $0.shortName(g) }.joined(separator: " ") } ?? ""
    }

    /// Column widths for an inner width.
    struct Columns {
        var index: Int
        var user: Int
        var scenario: Int
        var runs: Int
        /// The focused run: its letter stands out in the header, its verdict fills the error column.
        var focused = 0
        static let error = ListColumns.error

        init(width: Int, maxIndex: Int, runs: Int = 1, widest: (user: Int, place: Int)? = nil) {
            index = ListColumns.numberWidth(maxIndex)
            self.runs = runs
            (user, scenario) = ListColumns.names(width: width, maxIndex: maxIndex, runs: runs, widest: widest)
        }

        /// The column titles, the sorted one marked (▲ up, ▼ down).
        func header(_ sort: CaseSort = CaseSort(), _ g: Glyphs = .unicode) -> Line {
            let mark = sort.isNatural ? "" : sort.descending ? g.sortDescending : g.sortAscending
            func title(_ text: String, _ column: CaseSort.Column) -> String { sort.column == column ? text + mark : text }
            let number = title("#", .index)
            let place =
                sort.column == .scenario ? title("Scenario", .scenario) + "/platform" : title("Scenario/platform", .platform)
            // A glyph column per run, headed by its letter; past 26 runs (letters of two) the
            // columns are headed by their range (`A…AX`): the status line names the focused run.
            let letters =
                runs > 26
                ? TextWidth.pad("A\(g.ellipsis)\(Session.runLetter(runs - 1))", to: runs)
                : runs > 1 ? (0..<runs).map(Session.runLetter).joined() : "V"
            let verdict = title(title(letters, .verdict), .status)
            let before =
                String(repeating: " ", count: max(0, index + 1 - TextWidth.of(number))) + number + " S "
                + TextWidth.pad(title("User", .user), to: user) + " " + TextWidth.pad(place, to: scenario) + " "
            let after = TextWidth.pad(verdict, to: runs + 2).dropFirst(letters.count) + title("Error", .error)
            // In a comparison the focused run's letter stands out (as a key does), and the letter of
            // the run the list is sorted by beside the mark.
            let sorted = sort.column == .verdict && runs > 1 ? min(sort.run, runs - 1) : nil
            let spans =
                runs > 26
                ? [Span(letters, .muted)]
                : letters.enumerated().map { i, c in
                    Span(String(c), runs > 1 && i == focused ? .key : i == sorted ? .title : .muted)
                }
            return Line([Span(before, .muted)] + spans + [Span(String(after), .muted)])
        }

        func row(
            _ e: CaseEntry, _ verdicts: [CaseVerdict?], _ data: ExplorerData, _ g: Glyphs, match: Bool,
            status: CorrectedCase? = nil
        ) -> Line {
            let idx = String(e.index)
            let v = focused < verdicts.count ? verdicts[focused] : nil
            let (glyph, role) = g.verdict(verdicts.first ?? nil)
            let errorRole = g.verdict(v).1
            let place = data.scenarios[e.scenario] + "/" + e.goldPlatform
            return Line(
                [
                    Span(match ? g.bullet : " ", match ? .match : .normal),
                    Span(String(repeating: " ", count: max(0, index - idx.count)) + idx, .muted),
                    Span(" " + Text.clean(data.splitLetter(e.split)) + " ", .muted),
                    Span(TextWidth.pad(Text.clean(data.users[e.user].name), to: user) + " "),
                    Span(TextWidth.pad(Text.clean(place), to: scenario) + " ", .normal),
                    Span(glyph, role),
                ]
                    + verdicts.dropFirst().map { other in
                        let (glyph, role) = g.verdict(other)
                        return Span(glyph, role)
                    } + [
                        ListView.statusSpan(status, g),
                        Span(" "),
                        Span(TextWidth.pad(errorText(v, g), to: Columns.error), errorRole == .pass ? .muted : errorRole),
                    ])
        }
    }
}
