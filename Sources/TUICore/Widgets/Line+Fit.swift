// MARK: - Line + fit

extension Line {
    /// The line cut to `width` columns, ending in `ellipsis` (a span of `ellipsisRole`) when cut.
    ///
    /// A line that fits comes back unchanged. Otherwise whole spans are kept while they leave room
    /// for the ellipsis, the span that does not fit is cut to the columns left (a wide character
    /// that would straddle the cut is left out), and the ellipsis follows. When `width` is narrower
    /// than the ellipsis the result is the ellipsis alone: drawing clips it to the area.
    public func fitted(to width: Int, ellipsis: String, ellipsisRole: Role = .muted) -> Line {
        if self.width <= width { return self }
        let room = width - TextWidth.of(ellipsis)
        var out: [Span] = []
        var used = 0
        for span in spans {
            let w = TextWidth.of(span.text)
            if used + w <= room {
                out.append(span)
                used += w
                continue
            }
            if room - used > 0 { out.append(Span(TextWidth.prefix(span.text, width: room - used), span.role)) }
            out.append(Span(ellipsis, ellipsisRole))
            break
        }
        return Line(out)
    }

    /// The line with every span given `role` (a highlighted row).
    public func withRole(_ role: Role) -> Line {
        Line(spans.map { Span($0.text, role) })
    }
}
