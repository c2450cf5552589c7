import Evaluator
import TUICore

// MARK: - RawLines

/// The `r` overlay: the case's JSON as stored (pretty-printed, key order kept) and its prediction line.
public enum RawLines {
    /// The lines of case `entry` and run `run`'s prediction line, wrapped to `width`.
    public static func lines(_ data: ExplorerData, _ entry: CaseEntry, width: Int, run: Int = 0) -> [Line] {
        let split = data.split(of: entry)
        let c = data.benchmarkCase(entry)
        var out: [Line] = [Line("\(Text.clean(split.url.path)) · case \(entry.index) · line \(c.line)", .header)]
        if let value = split.fullCase(c) {
            for l in JSONRender.pretty(value) { out += wrap(l, width) }
        } else {
            out.append(Line("(the case could not be decoded)", .fail))
        }
        out.append("")
        let run = max(0, min(run, data.runs.count - 1))
        if let file = data.predictionFile(entry.split, run: run) {
            out.append(Line("\(Text.clean(file.url.path)) · line \(entry.index + 1)", .header))
            switch data.predictionLine(entry, run: run) {
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
