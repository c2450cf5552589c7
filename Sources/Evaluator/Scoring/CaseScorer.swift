// MARK: - CaseScorer

/// Scores one case exactly as `evaluate` and `error_analysis` do.
public enum CaseScorer {
    /// Scores `prediction` against the gold `answer` with the case's parameter lists.
    public static func score(
        answer: PyValue, queryParams: PyValue, profileParams: PyValue, prediction: Result<ParsedPrediction, FormatFailure>
    ) -> CaseDiagnosis {
        var diagnosis = diagnose(answer: answer, queryParams: queryParams, profileParams: profileParams, prediction: prediction)
        // A format failure is the only finding then: its kind is kept with the verdict.
        if case .formatFailure(let failure)? = diagnosis.findings.first { diagnosis.formatFailureKind = failure.kind }
        return diagnosis
    }

    static func diagnose(
        answer: PyValue, queryParams: PyValue, profileParams: PyValue, prediction: Result<ParsedPrediction, FormatFailure>
    ) -> CaseDiagnosis {
        var verdict = CaseDiagnosis()
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
                verdict = CaseDiagnosis()
                verdict.prediction = parsed
                verdict.findings = [.formatFailure(failure)]
            } catch {
                verdict = CaseDiagnosis()
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
            let message =
                "the gold answer is malformed: a function's parameters are \(v.typeName), not a dict "
                + "('\(v.typeName)' object has no attribute 'keys')"
            throw FormatFailure(.malformedGold, message)
        }
        return d
    }

    static func run(
        answer: PyValue, queryParams: PyValue, profileParams: PyValue, parsed: ParsedPrediction, into v: inout CaseDiagnosis
    ) throws {
        // real_platform, real_funcs = answer
        let parts: [PyValue]
        do { parts = try Matching.iterate(answer) } catch {
            throw FormatFailure(.malformedGold, "the gold answer is malformed: \(error)")
        }
        guard parts.count == 2 else {
            throw FormatFailure(
                .malformedGold, "the gold answer is malformed: expected [platform, functions], found \(parts.count) item(s)")
        }
        let goldPlatform = parts[0]
        var goldFunctions: [GoldFunction] = []
        do {
            for item in try Matching.iterate(parts[1]) {
                guard case .dict(let d) = item else {
                    throw FormatFailure(
                        .malformedGold, "the gold answer is malformed: a function is \(item.typeName), not a dict")
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
                let message =
                    "comparing \(call.name).\(param) = \(PyRepr.value(x)) with \(PyRepr.value(y)) "
                    + "raises \(error) in the reference"
                let range = call.arguments.firstIndex { $0.name?.scalarsEqual(param) ?? false }.map { call.argumentRanges[$0] }
                throw FormatFailure(.comparisonRaised, message, range)
            }
        }

        // Pass 1: every predicted call against the first gold function of that name.
        for call in parsed.calls {
            let name = PyValue.str(call.name)
            guard let pos = goldFunctions.firstIndex(where: { PyValue.pyEqual($0.name, name) }) else {
                namesAcc = false
                argAcc = false
                funcAcc = false
                v.errors.funcLack = true
                v.findings.append(.extraFunction(name: call.name))
                continue
            }
            let gold = try paramsDict(goldFunctions[pos].params)
            for (paramName, x) in call.arguments {
                let key = paramName.map { PyValue.str($0) } ?? .none
                if let paramName, let y = gold[key] {
                    let src = try source(key, queryParams, profileParams)
                    let rule = Matching.rule(for: x)
                    if try check(call, paramName, x, y) {
                        if src == .query { v.queryParamsHit += 1 } else if src == .profile { v.profileParamsHit += 1 }
                        v.findings.append(
                            .valueMatch(
                                function: call.name, parameter: paramName, predicted: x, accepted: y, rule: rule, source: src))
                    } else {
                        funcAcc = false
                        v.findings.append(
                            .valueMismatch(
                                function: call.name, parameter: paramName, predicted: x, accepted: y, rule: rule, source: src))
                    }
                } else {
                    argAcc = false
                    funcAcc = false
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
                namesAcc = false
                argAcc = false
                funcAcc = false
                v.errors.funcExcess = true
                v.findings.append(.missingFunction(name: gold.name))
                continue
            }
            let params = try paramsDict(gold.params)
            for (paramKey, y) in params.entries {
                let src = try source(paramKey, queryParams, profileParams)
                guard let paramName = paramKey.stringValue, let x = call.argument(paramName) else {
                    argAcc = false
                    funcAcc = false
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
