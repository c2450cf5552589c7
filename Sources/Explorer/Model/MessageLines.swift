import TUICore

// MARK: - MessageLines

/// The `:messages` overlay: every message of the log in full, newest first, each wrapped to the
/// width and numbered as it was shown (1 is the first of the session).
public enum MessageLines {
    public static func lines(_ log: [String], width: Int) -> [Line] {
        guard !log.isEmpty else { return [Line("no messages yet", .muted)] }
        var out: [Line] = []
        for (i, message) in log.enumerated().reversed() {
            let number = "\(i + 1)".padding(toLength: 5, withPad: " ", startingAt: 0)
            let body = Text.paragraph(message, indent: 5, width: width, keepNewlines: true)
            for (k, line) in body.enumerated() {
                out.append(k == 0 ? Line([Span(number, .muted)] + line.spans.dropFirst()) : line)
            }
        }
        return out
    }
}
