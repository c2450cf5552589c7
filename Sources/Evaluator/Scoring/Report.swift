import Foundation

// MARK: - JSON text

/// Small, deterministic JSON writing for reports (keys in a fixed order).
public enum JSONText {
    public static func string(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let control = c.value < 0x20 || c.value == 0x7F || (c.value >= 0x80 && c.value < 0xA0)
                if control || c == "\u{2028}" || c == "\u{2029}" {
                    out += "\\u" + PyRepr.hex(c.value, 4)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    /// A JSON string of `s`, a lone surrogate written as its escape `\udXXX`.
    public static func string(_ s: CodePointString) -> String {
        guard s.hasLoneSurrogate else { return string(s.escaped) }
        var out = ""
        var run = String.UnicodeScalarView()
        for point in s.points {
            if let c = Unicode.Scalar(point.value) {
                run.append(c)
            } else {
                out += string(String(run)).dropFirst().dropLast() + "\\u" + String(point.value, radix: 16)
                run = String.UnicodeScalarView()
            }
        }
        return "\"" + out + string(String(run)).dropFirst()
    }

    public static func number(_ d: Double?) -> String {
        guard let d, d.isFinite else { return "null" }
        return PyRepr.float(d)
    }

    public static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }
}

// MARK: - Per-case lines

extension CaseDiagnosis {
    /// One `--per-case` JSON Lines record.
    public func jsonLine(split: String, index: Int) -> String {
        jsonLine(split: split, index: index, diagnosisFields: { _ in [] })
    }

    /// One `--per-case` JSON Lines record whose `diagnosis` items carry `diagnosisFields`' members
    /// after `kind` and `text`.
    func jsonLine(split: String, index: Int, diagnosisFields: (Finding) -> [(String, String)]) -> String {
        let diagnosis = problems.map { f in
            JSONText.object([("kind", JSONText.string(f.kind)), ("text", JSONText.string(f.sentence))] + diagnosisFields(f))
        }
        let v = verdict
        let format = v.format
        return JSONText.object([
            ("split", JSONText.string(split)),
            ("index", String(index)),
            ("format", String(format)),
            ("platforms", String(format && v.platforms)),
            ("tool_names", String(format && v.toolNames)),
            ("tool_param_names", String(format && v.toolParamNames)),
            ("tool_param_values", String(format && v.toolParamValues)),
            ("overall", String(format && v.overall)),
            ("query_params_hit", String(format ? v.queryParamsHit : 0)),
            ("profile_params_hit", String(format ? v.profileParamsHit : 0)),
            ("error_column", v.errorColumn.map { JSONText.string($0.rawValue) } ?? "null"),
            ("error_columns", "[" + v.errorColumns.map { JSONText.string($0.rawValue) }.joined(separator: ", ") + "]"),
            ("diagnosis", "[" + diagnosis.joined(separator: ", ") + "]"),
        ])
    }
}

// MARK: - Summary table

extension ScoreReport {
    /// A readable table: per split and overall, every metric, the six error counts and the hidden counts.
    public func table() -> String {
        // The counts the reference keeps but never writes, in the order of their rows below.
        let hiddenCounts: [KeyPath<SplitScore, Int>] = [
            \.caseCount, \.platformErrors, \.formatFailures, \.queryValueErrors, \.profileValueErrors,
        ]
        var columns: [(String, [Metric: Double?], [ErrorColumn: Int], [String])] = splits.map { s in
            (s.name, s.accuracy, s.errorCounts, hiddenCounts.map { String(s[keyPath: $0]) })
        }
        if let overall {
            let sums = hiddenCounts.map { k in String(splits.reduce(0) { $0 + $1[keyPath: k] }) }
            columns.append(("overall", overall.accuracy, overall.errorCounts, sums))
        }
        let hidden = ["cases", "platform errors", "format failures", "query-value errors", "profile-value errors"]
        // As wide as the longest row label (the error rows' meanings are longer than any fixed width),
        // so every value ends where its header ends.
        let labels = Metric.allCases.map(\.rawValue) + ErrorColumn.allCases.map { "\($0.rawValue): \($0.meaning)" } + hidden
        let labelWidth = (labels.map(\.count).max() ?? 0) + 2
        let width = max(12, columns.map { $0.0.count }.max() ?? 0) + 2
        func pad(_ s: String, _ w: Int, left: Bool = false) -> String {
            let n = s.count
            if n >= w { return s }
            return left ? s + String(repeating: " ", count: w - n) : String(repeating: " ", count: w - n) + s
        }
        var out = ""
        if lenient { out += "LENIENT READING: think blocks, fences and prose stripped. These are NOT PTBench's numbers.\n" }
        out += pad("", labelWidth, left: true) + columns.map { pad($0.0, width) }.joined() + "\n"
        out += String(repeating: "-", count: labelWidth + width * columns.count) + "\n"
        for m in Metric.allCases {
            out += pad("\(m.rawValue)", labelWidth, left: true)
            out += columns.map { c in pad((c.1[m] ?? nil).map { String(format: "%.4f", $0) } ?? "n/a", width) }.joined() + "\n"
        }
        out += "\nerror_results.csv (the reference's names; real meaning after the colon)\n"
        for e in ErrorColumn.allCases {
            out += pad("\(e.rawValue): \(e.meaning)", labelWidth, left: true)
            out += columns.map { pad(String($0.2[e] ?? 0), width) }.joined() + "\n"
        }
        out += "\ncounted but not written by the reference\n"
        for (k, label) in hidden.enumerated() {
            out += pad(label, labelWidth, left: true) + columns.map { pad($0.3[k], width) }.joined() + "\n"
        }
        if overall != nil {
            out += "\noverall accuracy = (untrained × 609 + trained × 474) / 1083, PTBench's fixed weights\n"
        }
        return out
    }

    /// The same as ``table()`` as JSON.
    public func json() -> String {
        func acc(_ a: [Metric: Double?]) -> String {
            JSONText.object(Metric.allCases.map { ($0.rawValue, JSONText.number(a[$0] ?? nil)) })
        }
        func err(_ e: [ErrorColumn: Int]) -> String {
            JSONText.object(ErrorColumn.allCases.map { ($0.rawValue, String(e[$0] ?? 0)) })
        }
        var parts: [(String, String)] = []
        for s in splits {
            let fields = JSONText.object([
                ("cases", String(s.caseCount)), ("accuracy", acc(s.accuracy)), ("errors", err(s.errorCounts)),
                ("platform_errors", String(s.platformErrors)), ("format_failures", String(s.formatFailures)),
                ("query_value_errors", String(s.queryValueErrors)), ("profile_value_errors", String(s.profileValueErrors)),
            ])
            parts.append((s.name, fields))
        }
        if let overall {
            let fields = JSONText.object([("accuracy", acc(overall.accuracy)), ("errors", err(overall.errorCounts))])
            parts.append(("overall", fields))
        }
        parts.append(("lenient", String(lenient)))
        parts.append(("warnings", "[" + warnings.map { JSONText.string($0.description) }.joined(separator: ", ") + "]"))
        return JSONText.object(parts)
    }
}
