import Evaluator
import TUICore

// MARK: - HelpLines

/// The `?` overlay, generated from the keymap table.
public enum HelpLines {
    /// Every section of the keymap, the edit commands, the glyphs and the error categories. They
    /// depend on the glyphs only: laid out once per glyph set, not per frame or key.
    public static func lines(glyphs g: Glyphs) -> [Line] {
        switch g {
        case .unicode: return unicode
        case .ascii: return ascii
        default: return build(g)
        }
    }

    static let unicode = build(.unicode)
    static let ascii = build(.ascii)

    static func build(_ g: Glyphs) -> [Line] {
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
        return out
    }
}
