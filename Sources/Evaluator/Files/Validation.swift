// MARK: - Validation

/// Checks a loaded benchmark for what would make PTBench's scorer crash or silently differ.
public enum Validation {
    /// Every problem, each naming file and line.
    public static func problems(in bench: Benchmark) -> [InputWarning] {
        var out = bench.warnings
        for split in bench.splits {
            let file = split.url.path
            var queryTotal = 0
            var profileTotal = 0
            for c in split.cases {
                queryTotal += c.queryParamCount
                profileTotal += c.profileParamCount
                for problem in answerProblems(c.answer) {
                    out.append(InputWarning(file: file, line: c.line, "case \(c.index): answer \(problem)"))
                }
                for (key, v) in [("answer", c.answer), ("query_params", c.queryParams), ("profile_params", c.profileParams)] {
                    if let digits = v.overlongIntegerDigits {
                        let problem =
                            "case \(c.index): \(key) holds an integer of \(digits) digits; Python's json refuses more than "
                            + "\(PyInt.maxDecimalDigits) (PTBench stops); ptscope counts the case as a format failure"
                        out.append(InputWarning(file: file, line: c.line, problem))
                    }
                }
                for key in ["query_params", "profile_params"] {
                    let v = key == "query_params" ? c.queryParams : c.profileParams
                    if case .string = v {
                        out.append(
                            InputWarning(
                                file: file, line: c.line,
                                "case \(c.index): \(key) is a string; PTBench tests names with substring `in`"))
                    } else if case .array(let items) = v, items.contains(where: { $0.stringValue == nil }) {
                        out.append(InputWarning(file: file, line: c.line, "case \(c.index): \(key) holds a non-string entry"))
                    }
                }
            }
            if !split.cases.isEmpty && queryTotal == 0 {
                let message =
                    "every case has empty query_params: the query_params metric divides by zero "
                    + "(PTBench crashes; ptscope shows n/a)"
                out.append(InputWarning(file: file, message))
            }
            if !split.cases.isEmpty && profileTotal == 0 {
                let message =
                    "every case has empty profile_params: the profile_params metric divides by zero "
                    + "(PTBench crashes; ptscope shows n/a)"
                out.append(InputWarning(file: file, message))
            }
            if let pred = bench.predictions[split.name] {
                out += pred.warnings
                if pred.lines.count != split.cases.count {
                    out.append(
                        InputWarning(
                            file: pred.url.path,
                            "\(pred.lines.count) prediction lines for \(split.cases.count) cases (matched by line number)"))
                }
                for (k, line) in pred.lines.enumerated() {
                    if case .notText(let v) = line {
                        out.append(
                            InputWarning(file: pred.url.path, line: k + 1, "\"predict\" is \(v.kindDescription), not a string"))
                    }
                }
            }
        }
        return out
    }

    /// What is wrong with an answer's shape (`[platform, [{func: {param: [alternatives]}}]]`).
    public static func answerProblems(_ answer: JSONValue) -> [String] {
        guard case .array(let parts) = answer, parts.count == 2 else {
            return ["must be [platform, [functions]]"]
        }
        var out: [String] = []
        if parts[0].stringValue == nil { out.append("platform is \(parts[0].kindDescription), not a string") }
        guard case .array(let functions) = parts[1] else { return out + ["functions must be a list"] }
        for (k, f) in functions.enumerated() {
            guard case .object(let o) = f, let first = o.pythonMembers.first else {
                out.append("function \(k) must be an object {name: {param: [alternatives]}}")
                continue
            }
            // Names come from the data: escaped, so a message never carries a control character raw.
            let function = InputError.escaped(first.key)
            if o.pythonMembers.count > 1 {
                out.append("function \(k) has \(o.pythonMembers.count) keys; only the first (\(function)) is read")
            }
            guard case .object(let params) = first.value else {
                out.append("function \(function): parameters must be an object")
                continue
            }
            for (key, alternatives) in params.pythonMembers {
                let name = InputError.escaped(key)
                if case .array(let alts) = alternatives {
                    if alts.isEmpty { out.append("\(function).\(name) has no accepted alternative") }
                } else {
                    out.append(
                        "\(function).\(name) must be a list of accepted alternatives, found \(alternatives.kindDescription)")
                }
            }
        }
        return out
    }
}
