import Foundation

// MARK: - Lenient

/// A clearly labelled lenient reading of model output: never used for PTBench's numbers.
///
/// Strips a `<think>…</think>` block, takes the inside of a Markdown code fence, and otherwise
/// looks for the first `Name:[...]` span in surrounding prose.
public enum Lenient {
    /// The text the lenient reading would parse, or nil when it changes nothing.
    public static func extract(_ text: String) -> String? {
        var s = Substring(text)
        if let close = s.range(of: "</think>", options: .backwards) { s = s[close.upperBound...] }
        if let fenceStart = s.range(of: "```") {
            let afterFence = s[fenceStart.upperBound...]
            let bodyStart = afterFence.firstIndex(of: "\n").map { afterFence.index(after: $0) } ?? afterFence.startIndex
            if let fenceEnd = afterFence[bodyStart...].range(of: "```") {
                s = afterFence[bodyStart..<fenceEnd.lowerBound]
            }
        }
        var trimmed = String(s).trimmingCharacters(in: .whitespacesAndNewlines)
        if case .failure = PredictionParser.parse(trimmed), let span = callListSpan(trimmed) {
            trimmed = span
        }
        return trimmed == text ? nil : trimmed
    }

    /// The first `Name:[ ... ]` in `text`, brackets balanced outside string literals.
    static func callListSpan(_ text: String) -> String? {
        let chars = Array(text)
        var k = 0
        while k < chars.count {
            guard chars[k].isLetter || chars[k] == "_",
                k == 0 || !(chars[k - 1].isLetter || chars[k - 1].isNumber || chars[k - 1] == "_")
            else {
                k += 1
                continue
            }
            var j = k
            while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "." { j += 1 }
            var p = j
            while p < chars.count, chars[p] == " " { p += 1 }
            guard p < chars.count, chars[p] == ":" else {
                k = j
                continue
            }
            p += 1
            while p < chars.count, chars[p] == " " { p += 1 }
            guard p < chars.count, chars[p] == "[" else {
                k = j
                continue
            }
            var depth = 0
            var quote: Character?
            var q = p
            while q < chars.count {
                let c = chars[q]
                if let open = quote {
                    if c == "\\" {
                        q += 2
                        continue
                    }
                    if c == open { quote = nil }
                } else if c == "'" || c == "\"" {
                    quote = c
                } else if c == "[" || c == "(" || c == "{" {
                    depth += 1
                } else if c == "]" || c == ")" || c == "}" {
                    depth -= 1
                    if depth == 0 { return String(chars[k...q]) }
                }
                q += 1
            }
            return nil
        }
        return nil
    }
}
