// MARK: - Verdict parts

/// The reference's per-case error flags (`error_analysis`), in its own (swapped) names.
public struct ErrorFlags: Sendable, Equatable, Codable {
    public var platform = false
    /// A predicted function that is not in the gold answer (an *extra* function).
    public var funcLack = false
    /// A gold function that was not predicted (a *missing* function).
    public var funcExcess = false
    /// A predicted parameter that is not in the gold function (an *extra* parameter).
    public var paramLack = false
    /// A gold parameter that was not predicted (a *missing* parameter).
    public var paramExcess = false
    public var value = false
    public var queryValue = false
    public var profileValue = false

    public init() {}
}

/// A column of `error_results.csv`.
public enum ErrorColumn: String, Sendable, CaseIterable, Codable {
    case funcWrong = "func_wrong_error"
    case funcMissing = "func_missing_error"
    case funcExcessive = "func_excessive_error"
    case paramMissing = "param_missing_error"
    case paramExcessive = "param_excessive_error"
    case value = "value_error"

    /// What the column really counts (the reference's names are swapped).
    public var meaning: String {
        switch self {
        case .funcWrong: return "an extra and a missing function"
        case .funcMissing: return "an extra function (despite the name)"
        case .funcExcessive: return "a missing function (despite the name)"
        case .paramMissing: return "an extra parameter (despite the name)"
        case .paramExcessive: return "a missing parameter (despite the name)"
        case .value: return "a wrong parameter value"
        }
    }

    /// A short label for narrow columns.
    public var shortName: String {
        switch self {
        case .funcWrong: return "F±"
        case .funcMissing: return "F+"
        case .funcExcessive: return "F-"
        case .paramMissing: return "P+"
        case .paramExcessive: return "P-"
        case .value: return "V"
        }
    }

    /// Every column a case with `flags` is counted in, in CSV order (two when a parameter is both extra and missing).
    public static func columns(for e: ErrorFlags) -> [ErrorColumn] {
        let funcError = e.funcLack || e.funcExcess
        let paramError = e.paramLack || e.paramExcess
        var out: [ErrorColumn] = []
        if e.funcLack && e.funcExcess { out.append(.funcWrong) }
        if e.funcLack && !e.funcExcess { out.append(.funcMissing) }
        if e.funcExcess && !e.funcLack { out.append(.funcExcessive) }
        if e.paramLack && !funcError { out.append(.paramMissing) }
        if e.paramExcess && !funcError { out.append(.paramExcessive) }
        if e.value && !funcError && !paramError { out.append(.value) }
        return out
    }
}

/// Where a gold parameter's value comes from, by `query_params` / `profile_params`.
public enum ParamSource: String, Sendable, Codable {
    case query, profile, neither
}

// MARK: - Findings (the diagnosis)

/// One thing the scorer found about a case, in plain terms.
public enum Finding: Sendable {
    case wrongPlatform(gold: PyValue, predicted: PyValue)
    case extraFunction(name: String)
    case missingFunction(name: PyValue)
    case extraParameter(function: String, parameter: String?, value: PyValue, source: ParamSource)
    case missingParameter(function: String, parameter: PyValue, accepted: PyValue, source: ParamSource)
    case valueMismatch(function: String, parameter: String, predicted: PyValue, accepted: PyValue, rule: MatchRule, source: ParamSource)
    case valueMatch(function: String, parameter: String, predicted: PyValue, accepted: PyValue, rule: MatchRule, source: ParamSource)
    case formatFailure(FormatFailure)
    case comparisonRaised(function: String, parameter: String, predicted: PyValue, accepted: PyValue, exception: PyException)

    /// One line for people.
    public var sentence: String {
        switch self {
        case .wrongPlatform(let g, let p):
            return "wrong platform: gold \(PyRepr.value(g)), predicted \(PyRepr.value(p))"
        case .extraFunction(let n): return "extra function \(n)"
        case .missingFunction(let n): return "missing function \(Finding.plain(n))"
        case .extraParameter(let f, let p, let v, _):
            return "extra parameter \(f).\(p ?? "**") = \(PyRepr.value(v))"
        case .missingParameter(let f, let p, let a, let s):
            return "missing parameter \(f).\(Finding.plain(p)) (gold \(PyRepr.value(a)), from \(s.rawValue))"
        case .valueMismatch(let f, let p, let v, let a, let r, let s):
            return "value mismatch \(f).\(p): predicted \(PyRepr.value(v)), accepted \(PyRepr.value(a)) (\(r.phrase); from \(s.rawValue))"
        case .valueMatch(let f, let p, let v, _, let r, _):
            return "match \(f).\(p) = \(PyRepr.value(v)) (\(r.phrase))"
        case .formatFailure(let failure):
            return "format failure: \(failure.message)"
        case .comparisonRaised(let f, let p, let v, let a, let x):
            return "comparison raised in the reference: \(f).\(p) predicted \(PyRepr.value(v)) against \(PyRepr.value(a)): \(x)"
        }
    }

    /// A stable kind name for grouping and JSON.
    public var kind: String {
        switch self {
        case .wrongPlatform: return "wrong_platform"
        case .extraFunction: return "extra_function"
        case .missingFunction: return "missing_function"
        case .extraParameter: return "extra_parameter"
        case .missingParameter: return "missing_parameter"
        case .valueMismatch: return "value_mismatch"
        case .valueMatch: return "value_match"
        case .formatFailure: return "format_failure"
        case .comparisonRaised: return "comparison_raised"
        }
    }

    /// Whether this finding is a problem (matches are not).
    public var isProblem: Bool { if case .valueMatch = self { return false } else { return true } }

    static func plain(_ v: PyValue) -> String { v.stringValue ?? PyRepr.value(v) }
}

// MARK: - CaseVerdict

/// Everything the reference computes for one case, plus the diagnosis.
public struct CaseVerdict: Sendable {
    /// Whether the prediction parsed and scored without raising (the `format` metric).
    public var format = false
    public var platforms = false
    public var toolNames = false
    public var toolParamNames = false
    public var toolParamValues = false
    public var overall = false
    public var queryParamsHit = 0
    public var profileParamsHit = 0
    public var errors = ErrorFlags()
    /// The reference's `error_analysis` raised although `evaluate` did not (a `**kw` argument tested
    /// with `in` against a string-valued parameter list): counted in `format` for accuracy but as a
    /// format error, in no column, for `error_results.csv`.
    public var errorAnalysisRaised = false
    /// Every finding, in the order the two passes met them.
    public var findings: [Finding] = []
    /// The parsed prediction, when it parsed.
    public var prediction: ParsedPrediction?

    public init() {}

    /// The `error_results.csv` columns this case is counted in (empty for a pass or a format failure).
    public var errorColumns: [ErrorColumn] { format && !errorAnalysisRaised ? ErrorColumn.columns(for: errors) : [] }

    /// Whether the case counts as parsed in `error_results.csv` (its hidden counts included).
    public var countsInErrorAnalysis: Bool { format && !errorAnalysisRaised }

    /// The first column, as PTBench's per-case view would name it.
    public var errorColumn: ErrorColumn? { errorColumns.first }

    /// The format failure, when there is one.
    public var formatFailure: FormatFailure? {
        for f in findings { if case .formatFailure(let x) = f { return x } }
        return nil
    }

    /// Problems only (no matches).
    public var problems: [Finding] { findings.filter(\.isProblem) }
}

// MARK: - CaseScorer

/// Scores one case exactly as `evaluate` and `error_analysis` do.
public enum CaseScorer {
    /// Scores `prediction` against the gold `answer` with the case's parameter lists.
    public static func score(answer: PyValue, queryParams: PyValue, profileParams: PyValue, prediction: Result<ParsedPrediction, FormatFailure>) -> CaseVerdict {
        var verdict = CaseVerdict()
        switch prediction {
        case .failure(let failure):
            verdict.findings = [.formatFailure(failure)]
            return verdict
        case .success(let parsed):
            verdict.prediction = parsed
            do {
                try run(answer: answer, queryParams: queryParams, profileParams: profileParams, parsed: parsed, into: &verdict)
                verdict.format = true
            } catch let failure as FormatFailure {
                verdict = CaseVerdict()
                verdict.prediction = parsed
                verdict.findings = [.formatFailure(failure)]
            } catch {
                verdict = CaseVerdict()
                verdict.findings = [.formatFailure(FormatFailure(.malformedGold, "\(error)"))]
            }
            return verdict
        }
    }

    struct GoldFunction {
        var name: PyValue
        var params: PyValue
    }

    static func source(_ name: PyValue, _ query: PyValue, _ profile: PyValue) throws -> ParamSource {
        if try PyValue.contains(query, name) { return .query }
        if try PyValue.contains(profile, name) { return .profile }
        return .neither
    }

    static func paramsDict(_ v: PyValue) throws -> PyDict {
        guard case .dict(let d) = v else {
            throw FormatFailure(.malformedGold, "the gold answer is malformed: a function's parameters are \(v.typeName), not a dict ('\(v.typeName)' object has no attribute 'keys')")
        }
        return d
    }

    static func run(answer: PyValue, queryParams: PyValue, profileParams: PyValue, parsed: ParsedPrediction, into v: inout CaseVerdict) throws {
        // real_platform, real_funcs = answer
        let parts: [PyValue]
        do { parts = try Matching.iterate(answer) } catch {
            throw FormatFailure(.malformedGold, "the gold answer is malformed: \(error)")
        }
        guard parts.count == 2 else {
            throw FormatFailure(.malformedGold, "the gold answer is malformed: expected [platform, functions], found \(parts.count) item(s)")
        }
        let goldPlatform = parts[0]
        var goldFunctions: [GoldFunction] = []
        do {
            for item in try Matching.iterate(parts[1]) {
                guard case .dict(let d) = item else {
                    throw FormatFailure(.malformedGold, "the gold answer is malformed: a function is \(item.typeName), not a dict")
                }
                guard let first = d.entries.first else {
                    throw FormatFailure(.malformedGold, "the gold answer is malformed: a function entry is empty")
                }
                goldFunctions.append(GoldFunction(name: first.key, params: first.value))
            }
        } catch let e as PyException {
            throw FormatFailure(.malformedGold, "the gold answer is malformed: \(e)")
        }

        v.platforms = PyValue.pyEqual(goldPlatform, parsed.platform)
        v.errors.platform = !v.platforms
        if !v.platforms { v.findings.append(.wrongPlatform(gold: goldPlatform, predicted: parsed.platform)) }
        var funcAcc = true
        var namesAcc = true
        var argAcc = true

        func check(_ call: PredictedCall, _ param: String, _ x: PyValue, _ y: PyValue) throws -> Bool {
            do {
                return try Matching.include(x, y)
            } catch {
                throw FormatFailure(
                    .comparisonRaised,
                    "comparing \(call.name).\(param) = \(PyRepr.value(x)) with \(PyRepr.value(y)) raises \(error) in the reference",
                    call.arguments.firstIndex { $0.name?.scalarsEqual(param) ?? false }.map { call.argumentRanges[$0] })
            }
        }

        // Pass 1: every predicted call against the first gold function of that name.
        for call in parsed.calls {
            let name = PyValue.str(call.name)
            guard let pos = goldFunctions.firstIndex(where: { PyValue.pyEqual($0.name, name) }) else {
                namesAcc = false; argAcc = false; funcAcc = false
                v.errors.funcLack = true
                v.findings.append(.extraFunction(name: call.name))
                continue
            }
            let gold = try paramsDict(goldFunctions[pos].params)
            for (paramName, x) in call.arguments {
                let key = paramName.map { PyValue.str($0) } ?? .none
                if let paramName, let y = gold[key] {
                    let src = try source(key, queryParams, profileParams)
                    if try check(call, paramName, x, y) {
                        if src == .query { v.queryParamsHit += 1 } else if src == .profile { v.profileParamsHit += 1 }
                        v.findings.append(.valueMatch(function: call.name, parameter: paramName, predicted: x, accepted: y, rule: Matching.rule(for: x), source: src))
                    } else {
                        funcAcc = false
                        v.findings.append(.valueMismatch(function: call.name, parameter: paramName, predicted: x, accepted: y, rule: Matching.rule(for: x), source: src))
                    }
                } else {
                    argAcc = false; funcAcc = false
                    v.errors.paramLack = true
                    // error_analysis tests the name with `in` (None for `**kw`); against a string that raises there only.
                    let src: ParamSource
                    do { src = try source(key, queryParams, profileParams) } catch {
                        v.errorAnalysisRaised = true
                        src = .neither
                    }
                    if src == .query { v.errors.queryValue = true } else if src == .profile { v.errors.profileValue = true }
                    v.findings.append(.extraParameter(function: call.name, parameter: paramName, value: x, source: src))
                }
            }
        }

        // Pass 2: every gold function against the first predicted call of that name.
        for gold in goldFunctions {
            guard let call = parsed.calls.first(where: { PyValue.pyEqual(.str($0.name), gold.name) }) else {
                namesAcc = false; argAcc = false; funcAcc = false
                v.errors.funcExcess = true
                v.findings.append(.missingFunction(name: gold.name))
                continue
            }
            let params = try paramsDict(gold.params)
            for (paramKey, y) in params.entries {
                let src = try source(paramKey, queryParams, profileParams)
                guard let paramName = paramKey.stringValue, let x = call.argument(paramName) else {
                    argAcc = false; funcAcc = false
                    v.errors.paramExcess = true
                    v.findings.append(.missingParameter(function: call.name, parameter: paramKey, accepted: y, source: src))
                    continue
                }
                if !(try check(call, paramName, x, y)) {
                    funcAcc = false
                    v.errors.value = true
                    if src == .query { v.errors.queryValue = true } else if src == .profile { v.errors.profileValue = true }
                }
            }
        }
        v.toolNames = namesAcc
        v.toolParamNames = argAcc
        v.toolParamValues = funcAcc
        v.overall = v.platforms && funcAcc
    }
}
