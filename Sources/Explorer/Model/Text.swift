import TUICore

// MARK: - Text

/// Text helpers for views: every string from data goes through `clean` before it is drawn.
enum Text {
    /// Data text made safe for one line (control characters and newlines escaped).
    static func clean(_ s: String) -> String { Sanitizer.clean(s) }

    /// `label` then `value` wrapped to `width`, continuation lines indented under the value.
    static func labelled(
        _ indent: Int, _ label: String, _ value: String, width: Int, labelRole: Role = .muted, valueRole: Role = .normal,
        labelWidth: Int? = nil
    ) -> [Line] {
        let pad = String(repeating: " ", count: indent)
        let label = clean(label)
        let lw = max(labelWidth ?? 0, TextWidth.of(label) + 1)
        let head = pad + TextWidth.pad(label, to: lw)
        let room = max(8, width - TextWidth.of(head))
        let wrapped = TextWidth.wrap(clean(value), width: room)
        var out: [Line] = []
        for (i, part) in (wrapped.isEmpty ? [""] : wrapped).enumerated() {
            if i == 0 {
                out.append(Line([Span(head, labelRole), Span(part, valueRole)]))
            } else {
                out.append(Line([Span(String(repeating: " ", count: TextWidth.of(head))), Span(part, valueRole)]))
            }
        }
        return out
    }

    /// A paragraph wrapped to `width` with `indent` spaces in front of every line.
    static func paragraph(_ text: String, indent: Int, width: Int, role: Role = .normal, keepNewlines: Bool = true) -> [Line] {
        let pad = String(repeating: " ", count: indent)
        let clean = Sanitizer.clean(text, keepNewlines: keepNewlines)
        return TextWidth.wrap(clean, width: max(4, width - indent)).map { Line([Span(pad), Span($0, role)]) }
    }

    /// A heading line.
    static func heading(_ title: String, _ extra: String = "") -> Line {
        let (title, extra) = (clean(title), clean(extra))
        return extra.isEmpty ? Line(title, .header) : Line([Span(title, .header), Span("  " + extra, .muted)])
    }
}
