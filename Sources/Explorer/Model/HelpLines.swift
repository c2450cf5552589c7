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
