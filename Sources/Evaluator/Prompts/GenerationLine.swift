// MARK: - GenerationLine

/// One line of PTBench's `generation.jsonl`, byte for byte as its runners write it:
/// `json.dump({"query": ..., "label": ..., "predict": ...}, f)` then a newline, with `json.dump`'s
/// defaults (`ensure_ascii=True`, `", "` and `": "` separators) over the values `json.load` gave.
public enum GenerationLine {
    /// The line for a case whose `query` and `answer` are `query` and `label`, and the model's text
    /// `predict`, ending with `\n`.
    public static func line(query: JSONValue, label: JSONValue, predict: String) -> String {
        var out = "{\"query\": "
        dump(query, into: &out)
        out += ", \"label\": "
        dump(label, into: &out)
        out += ", \"predict\": "
        dumpString(CodePointString(predict), into: &out)
        out += "}\n"
        return out
    }

    /// The line for case `index` of `split` (its `query` and `answer` as `data.json` holds them)
    /// with the model's text `predict`, ending with `\n`.
    public static func line(_ split: SplitData, index: Int, predict: String) -> String {
        let json = split.fullCase(split.cases[index]) ?? .null
        return line(query: json["query"] ?? .null, label: json["answer"] ?? .null, predict: predict)
    }

    /// `json.dumps(value)` (ASCII only) of the value Python's `json.load` reads from `value`.
    public static func dumps(_ value: JSONValue) -> String {
        var out = ""
        dump(value, into: &out)
        return out
    }

    static func dump(_ v: JSONValue, into out: inout String) {
        JSONValue.dump(v, into: &out, number: number, string: dumpString)
    }

    /// An `int` as `int.__repr__` prints it, a `float` as `float.__repr__` (`Infinity`, `NaN` as
    /// `json.dumps` spells them).
    static func number(_ n: JSONNumber) -> String {
        if n.isInteger, let i = PyInt(decimal: n.text) { return i.description }
        let d = n.doubleValue
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return PyRepr.float(d)
    }

    /// `py_encode_basestring_ascii`: `"`, `\` and the usual control escapes; everything outside
    /// printable ASCII as `\uXXXX` (a pair for code points past U+FFFF; a lone surrogate as itself).
    static func dumpString(_ s: CodePointString, into out: inout String) {
        func hex4(_ v: UInt32) {
            let h = String(v, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
        }
        out += "\""
        for point in s.points {
            let v = point.value
            switch v {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(UInt8(v)))
            case 0x10000...:
                let u = v - 0x10000
                hex4(0xD800 + (u >> 10))
                hex4(0xDC00 + (u & 0x3FF))
            default: hex4(v)
            }
        }
        out += "\""
    }
}
