import Evaluator
import Foundation
import TUICore

// MARK: - HelpLines

/// The `?` overlay, generated from the keymap table.
public enum HelpLines {
    /// Every section of `keymap` (those of `first` first: the keys of where the help was
    /// opened), the commands of the `:` line, the glyphs and the error categories. Laid out once
    /// per glyph set and keymap; only the order of the sections changes.
    public static func lines(
        glyphs g: Glyphs, keymap: Keymap<KeyContext, Command> = ExplorerKeymap.table, first: [KeyContext] = []
    ) -> [Line] {
        let parts =
            keymap == ExplorerKeymap.table
            ? (g == .unicode ? unicode : g == .ascii ? ascii : build(g)) : remapped.parts(g, keymap)
        let order = first.compactMap { c in keymap.sections.firstIndex { $0.context == c } }
        let rest = parts.sections.indices.filter { !order.contains($0) }
        return (order + rest).flatMap { parts.sections[$0] } + parts.tail
    }

    /// The blocks of the help, in order: each keymap section (those of `first` first), then each
    /// part after them (commands, edit commands, glyphs, error columns), each ending in a blank line.
    public static func sections(
        glyphs g: Glyphs, keymap: Keymap<KeyContext, Command> = ExplorerKeymap.table, first: [KeyContext] = []
    ) -> [[Line]] {
        let parts =
            keymap == ExplorerKeymap.table
            ? (g == .unicode ? unicode : g == .ascii ? ascii : build(g)) : remapped.parts(g, keymap)
        let order = first.compactMap { c in keymap.sections.firstIndex { $0.context == c } }
        let rest = parts.sections.indices.filter { !order.contains($0) }
        var tail: [[Line]] = [[]]
        for line in parts.tail {
            tail[tail.count - 1].append(line)
            if line.width == 0 { tail.append([]) }
        }
        return (order + rest).map { parts.sections[$0] } + tail.filter { !$0.isEmpty }
    }

    // MARK: - Page

    /// The help laid out for a width: one column, or at 160 columns and more the sections flowed
    /// into two (three from 240) columns of about equal height, each section kept whole and long
    /// lines wrapped inside their column; the lines containing `query` (any case) highlighted.
    public struct Page: Sendable, Equatable {
        /// The rows on screen, top to bottom.
        public var lines: [Line]
        /// The rows with a match of the query, ascending.
        public var matches: [Int]
        /// How many columns the sections were flowed into.
        public var columns: Int
        /// The row each block of ``HelpLines/sections(glyphs:first:)`` starts on, in its order
        /// (where `:help TOPIC` scrolls to).
        public var sectionRows: [Int]
    }

    /// The columns help uses at `width`: 1 below 160, 2 below 240, else 3.
    public static func columnCount(width: Int) -> Int { width >= 240 ? 3 : width >= 160 ? 2 : 1 }

    /// Blank columns between two columns of help.
    static let gutter = 3

    /// The help at `width` columns, the sections of `first` first, matches of `query` highlighted.
    public static func page(
        glyphs g: Glyphs, keymap: Keymap<KeyContext, Command> = ExplorerKeymap.table, first: [KeyContext] = [],
        width: Int, query: String = ""
    ) -> Page {
        let n = columnCount(width: width)
        var rows: [Line]
        var starts: [Int]
        if n == 1 {
            let blocks = sections(glyphs: g, keymap: keymap, first: first)
            rows = blocks.flatMap { $0 }
            starts = blocks.indices.map { i in blocks[..<i].reduce(0) { $0 + $1.count } }
        } else {
            let columnWidth = max(1, (width - gutter * (n - 1)) / n)
            let blocks = sections(glyphs: g, keymap: keymap, first: first).map { $0.flatMap { wrap($0, width: columnWidth) } }
            let placed = flowIndices(blocks.map(\.count), into: n)
            starts = Array(repeating: 0, count: blocks.count)
            for column in placed {
                var y = 0
                for b in column {
                    starts[b] = y
                    y += blocks[b].count
                }
            }
            let flowed = placed.map { $0.flatMap { blocks[$0] } }
            let height = flowed.map(\.count).max() ?? 0
            rows = (0..<height).map { y in
                var line = Line([])
                for (c, column) in flowed.enumerated() {
                    let cell = y < column.count ? column[y] : Line("")
                    if c < flowed.count - 1 {
                        line = line + cell + Line(String(repeating: " ", count: max(0, columnWidth - cell.width + gutter)))
                    } else {
                        line = line + cell
                    }
                }
                return line
            }
        }
        var matches: [Int] = []
        if !query.isEmpty {
            for i in rows.indices {
                let (marked, found) = highlight(rows[i], query)
                if found {
                    rows[i] = marked
                    matches.append(i)
                }
            }
        }
        return Page(lines: rows, matches: matches, columns: n, sectionRows: starts)
    }

    /// `blocks` in `n` columns, in order, each whole: the smallest height that takes them all.
    static func flow(_ blocks: [[Line]], into n: Int) -> [[Line]] {
        flowIndices(blocks.map(\.count), into: n).map { $0.flatMap { blocks[$0] } }
    }

    /// The blocks (by index) of each column when blocks `heights` high flow into `n` columns.
    static func flowIndices(_ heights: [Int], into n: Int) -> [[Int]] {
        /// The columns needed at most `h` rows high (a block taller than `h` gets a column alone).
        func columns(_ h: Int) -> [[Int]] {
            var out: [[Int]] = [[]]
            var used = 0
            for (i, b) in heights.enumerated() {
                if used > 0 && used + b > h {
                    out.append([])
                    used = 0
                }
                out[out.count - 1].append(i)
                used += b
            }
            return out
        }
        var low = heights.max() ?? 0
        var high = heights.reduce(0, +)
        while low < high {
            let mid = (low + high) / 2
            if columns(mid).count <= n { high = mid } else { low = mid + 1 }
        }
        return columns(low)
    }

    /// `line` in lines at most `width` wide: its last span (the help text) wrapped under itself,
    /// the keys before it kept on the first line; cut with `…` where that leaves too little room.
    static func wrap(_ line: Line, width: Int) -> [Line] {
        guard line.width > width else { return [line] }
        let head = Line(Array(line.spans.dropLast()))
        guard let last = line.spans.last else { return [line] }
        let indent = head.width
        if indent > width / 2 {
            // The key column is too wide: the text goes on its own lines under it, indented by 4.
            let rest = TextWidth.wrap(last.text.trimmingCharacters(in: .whitespaces), width: max(1, width - 4))
            return [head.fitted(to: width, ellipsis: "…")] + rest.map { Line([Span("    "), Span($0, last.role)]) }
        }
        let parts = TextWidth.wrap(last.text, width: max(1, width - indent))
        return parts.enumerated().map { i, text in
            i == 0
                ? head + Line([Span(text, last.role)])
                : Line([Span(String(repeating: " ", count: indent)), Span(text, last.role)])
        }
    }

    /// `line` with every occurrence of `query` (any case) in the ``Role/match`` role, and whether
    /// there was one.
    static func highlight(_ line: Line, _ query: String) -> (Line, Bool) {
        var spans: [Span] = []
        var found = false
        for span in line.spans {
            var rest = Substring(span.text)
            while let r = rest.range(of: query, options: [.caseInsensitive]) {
                found = true
                if r.lowerBound > rest.startIndex { spans.append(Span(String(rest[..<r.lowerBound]), span.role)) }
                spans.append(Span(String(rest[r]), .match))
                rest = rest[r.upperBound...]
            }
            if !rest.isEmpty || span.text.isEmpty { spans.append(Span(String(rest), span.role)) }
        }
        return (Line(spans), found)
    }

    /// One block of lines per keymap section, then everything after the sections.
    struct Parts: Sendable {
        var sections: [[Line]]
        var tail: [Line]
    }

    static let unicode = build(.unicode)
    static let ascii = build(.ascii)
    /// The last remapped keymap's lines (a config file's keymap stays the same for a session).
    static let remapped = Memo()

    /// The lines of the last glyph set and keymap asked for.
    final class Memo: @unchecked Sendable {
        private let lock = NSLock()
        private var last: (glyphs: Glyphs, keymap: Keymap<KeyContext, Command>, parts: Parts)?

        func parts(_ g: Glyphs, _ keymap: Keymap<KeyContext, Command>) -> Parts {
            lock.lock()
            defer { lock.unlock() }
            if let last, last.glyphs == g, last.keymap == keymap { return last.parts }
            let parts = build(g, keymap)
            last = (g, keymap, parts)
            return parts
        }
    }

    static func build(_ g: Glyphs, _ keymap: Keymap<KeyContext, Command> = ExplorerKeymap.table) -> Parts {
        let sections = keymap.sections.map { section -> [Line] in
            [Line(section.title, .header)]
                + section.bindings.map { b in Line([Span("  " + TextWidth.pad(b.keyLabel, to: 24), .key), Span(b.help)]) }
                + [""]
        }
        var out: [Line] = []
        out.append(Line("Commands (: then Enter)", .header))
        for (cmd, what) in ExplorerCommandLine.helpLines {
            out.append(Line([Span("  " + TextWidth.pad(cmd, to: 48), .key), Span(what)]))
        }
        out.append("")
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
                Span("\(g.bullet) search match", .match),
            ]))
        out.append("")
        out.append(Line("Error columns (error_results.csv; the reference's names are swapped)", .header))
        for c in ErrorCategory.allCases {
            out.append(
                Line([
                    Span("  " + TextWidth.pad(c.shortName(g), to: 5), .key), Span(TextWidth.pad(c.source, to: 23)),
                    Span(c.meaning, .muted),
                ]))
        }
        return Parts(sections: sections, tail: out)
    }
}
