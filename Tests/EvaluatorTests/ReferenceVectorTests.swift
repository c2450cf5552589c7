import Evaluator
import Foundation
import Testing

/// The vector files in Fixtures/reference whose names start with `prefix` (`parse.jsonl`,
/// `parse-names.jsonl`...): a new file of vectors is tested by being there.
func referenceVectorFiles(_ prefix: String) -> [String] {
    let folder = fixtures.appendingPathComponent("reference")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".jsonl") }.sorted()
}

/// Vectors produced by running PTBench's own scorer (Python 3.11.7) on each input
/// (Scripts/reference/ptbench_reference.py makes them).
@Suite("Reference vectors")
struct ReferenceVectorTests {
    @Test("the vector files are found")
    func files() {
        #expect(referenceVectorFiles("parse").contains("parse.jsonl"))
        #expect(referenceVectorFiles("cases").contains("cases.jsonl"))
    }

    @Test("prediction parser agrees with the reference's ast_parse", arguments: referenceVectorFiles("parse"))
    func parse(file: String) throws {
        let vectors = try jsonLines("reference/" + file)
        var mismatches: [String] = []
        var declined: [String] = []
        var nondeterministic: [String] = []
        for v in vectors {
            guard let inputText = v["input"]?.codePointString else { continue }
            guard let input = inputText.text else {
                // A text holding a lone surrogate cannot be encoded to parse: the reader makes it
                // PredictionLine.loneSurrogate, a format failure, whatever the rest says.
                let bytes = Array(("{\"predict\": " + JSONText.string(inputText) + "}").utf8)
                let line = PredictionFile.parse(bytes, file: "-", url: URL(fileURLWithPath: "/dev/null")).lines.first
                guard case .loneSurrogate? = line, v["ok"] == .bool(false) else {
                    mismatches.append(
                        "\(PyRepr.string(inputText)): \(String(describing: line)), reference ok: \(v["ok"] ?? .null)")
                    continue
                }
                continue
            }
            let result = PredictionParser.parse(input)
            // What ptscope declines to compute inside an operation although Python computed it: only
            // what the reference itself computes differently from run to run (a set of strings,
            // bytes or None printed: its order follows PYTHONHASHSEED or object addresses).
            if v["ok"] == .bool(true), v["expected_deviation"] != .bool(true),
                case .failure(let f) = result, f.kind == .wouldExecute
            {
                if f.message.contains("differs between runs of the reference itself") {
                    nondeterministic.append(input)
                    continue
                }
                if f.message.hasSuffix("not computed by ptscope") {
                    declined.append(input)
                    continue
                }
            }
            let deviation = v["expected_deviation"] == .bool(true)
            let wantOK = v["ok"] == .bool(true) && !deviation
            switch result {
            case .failure(let f):
                if wantOK { mismatches.append("\(PyRepr.string(input)): we fail (\(f.message)), reference parses") }
            case .success(let parsed):
                guard wantOK else {
                    mismatches.append(
                        "\(PyRepr.string(input)): we parse, reference fails (\(v["error"]?.stringValue ?? "deviation"))")
                    continue
                }
                guard let platform = tagged(v["platform"] ?? .null), strictEqual(platform, parsed.platform) else {
                    mismatches.append("\(PyRepr.string(input)): platform \(PyRepr.value(parsed.platform))")
                    continue
                }
                guard case .array(let calls) = v["calls"] ?? .null, calls.count == parsed.calls.count else {
                    mismatches.append("\(PyRepr.string(input)): \(parsed.calls.count) calls")
                    continue
                }
                for (want, got) in zip(calls, parsed.calls) {
                    guard case .array(let pair) = want, pair[0].stringValue.map({ $0.scalarsEqual(got.name) }) == true,
                        case .array(let args) = pair[1], args.count == got.arguments.count
                    else {
                        mismatches.append("\(PyRepr.string(input)): call \(got.name) with \(got.arguments.count) args")
                        continue
                    }
                    for (a, (name, value)) in zip(args, got.arguments) {
                        guard case .array(let kv) = a, let k = tagged(kv[0]), let val = tagged(kv[1]),
                            strictEqual(k, name.map { .str($0) } ?? .none), strictEqual(val, value)
                        else {
                            mismatches.append("\(PyRepr.string(input)): \(got.name).\(name ?? "None") = \(PyRepr.value(value))")
                            continue
                        }
                    }
                }
            }
        }
        expectNoMismatches(mismatches, of: vectors.count, "parse vectors in \(file)")
        #expect(declined.isEmpty, "values are declined: \(declined.map { PyRepr.string($0) })")
        #expect(nondeterministic.count <= 8, "more sets in hash order: \(nondeterministic.map { PyRepr.string($0) })")
    }

    @Test("ast.unparse is reproduced")
    func unparse() throws {
        let vectors = try jsonLines("reference/unparse.jsonl")
        var mismatches: [String] = []
        for v in vectors {
            guard let source = v["source"]?.stringValue, let want = v["unparse"]?.stringValue else { continue }
            do {
                let got = PyUnparser.unparse(try PyParser.parseExpression(source))
                if got != want { mismatches.append("\(source)  →  \(got)  (want \(want))") }
            } catch {
                mismatches.append("\(source): \(error)")
            }
        }
        expectNoMismatches(mismatches, of: vectors.count, "unparse vectors")
    }

    @Test("include(x, y) matches the reference, exceptions included")
    func include() throws {
        let vectors = try jsonLines("reference/include.jsonl")
        var mismatches: [String] = []
        for v in vectors {
            guard let x = tagged(v["x"] ?? .null), let y = tagged(v["y"] ?? .null) else {
                mismatches.append("undecodable vector \(v)")
                continue
            }
            let got: String
            do { got = try Matching.include(x, y) ? "true" : "false" } catch { got = "raises: \(error.type)" }
            let want: String
            switch v["result"] {
            case .bool(let b)?: want = b ? "true" : "false"
            case .string(let text)?:
                let s = text.escaped
                let raises = String(s.prefix(while: { $0 != ":" })) == "raises"
                want = raises ? "raises: " + s.dropFirst(8).prefix(while: { $0 != ":" }) : s
            default: want = "?"
            }
            if got != want { mismatches.append("include(\(PyRepr.value(x)), \(PyRepr.value(y))) = \(got), want \(want)") }
        }
        expectNoMismatches(mismatches, of: vectors.count, "include vectors")
    }

    @Test("whole cases: accuracy flags, hits and error flags", arguments: referenceVectorFiles("cases"))
    func cases(file: String) throws {
        let vectors = try jsonLines("reference/" + file)
        var mismatches: [String] = []
        for (number, v) in vectors.enumerated() {
            // Whole-run crashes (unsized parameter lists) are refused at load time instead.
            if v["set_level_crash"] == .bool(true) { continue }
            let rawAnswer = try v["answer_json"]?.stringValue.map { try JSONReader.parse($0) }
            guard let answer = rawAnswer ?? v["answer"], let q = v["query_params"], let p = v["profile_params"],
                let acc = v["acc"], let err = v["err"]
            else { continue }
            let prediction: Result<ParsedPrediction, FormatFailure>
            switch v["predict"] {
            case .string(let text)?:
                // As the scorer does: a text with a lone surrogate cannot be encoded to parse.
                prediction =
                    text.text.map { PredictionParser.parse($0) }
                    ?? .failure(FormatFailure(.syntax, "a lone surrogate"))
            default: prediction = .failure(FormatFailure(.notText, "not text"))
            }
            let verdict = CaseScorer.score(
                answer: PyValue(json: answer), queryParams: PyValue(json: q), profileParams: PyValue(json: p),
                prediction: prediction)
            let label = "#\(number) \(v["predict"]?.stringValue.map(PyRepr.string) ?? "non-text predict")"
            if v["expected_deviation"] == .bool(true) {
                if verdict.format { mismatches.append("\(label): expected a refused execution") }
                continue
            }
            let wantOK = acc["ok"] == .bool(true)
            if verdict.format != wantOK {
                mismatches.append("\(label): format \(verdict.format), want \(wantOK) (\(verdict.formatFailure?.message ?? ""))")
                continue
            }
            let errOK = err["ok"] == .bool(true)
            if wantOK && verdict.errorAnalysisRaised == errOK {
                mismatches.append("\(label): error analysis raised \(verdict.errorAnalysisRaised), want \(!errOK)")
            }
            guard wantOK else { continue }
            func int(_ j: JSONValue?) -> Int {
                if case .number(let n)? = j { return Int(n.text) ?? -1 }
                return -1
            }
            let flags: [(String, Bool)] = [
                ("overall", verdict.overall), ("platforms", verdict.platforms), ("tool_names", verdict.toolNames),
                ("tool_param_names", verdict.toolParamNames), ("tool_param_values", verdict.toolParamValues),
            ]
            for (k, mine) in flags where int(acc[k]) != (mine ? 1 : 0) { mismatches.append("\(label): \(k) = \(mine)") }
            if int(acc["query_params_hit"]) != verdict.queryParamsHit {
                mismatches.append("\(label): query hits \(verdict.queryParamsHit)")
            }
            if int(acc["profile_params_hit"]) != verdict.profileParamsHit {
                mismatches.append("\(label): profile hits \(verdict.profileParamsHit)")
            }
            let e = verdict.errors
            let errs: [(String, Bool)] = [
                ("platform", e.platform), ("func_lack", e.funcLack), ("func_excess", e.funcExcess), ("param_lack", e.paramLack),
                ("param_excess", e.paramExcess), ("value", e.value), ("query_value", e.queryValue),
                ("profile_value", e.profileValue),
            ]
            for (k, mine) in errs where errOK && int(err[k]) != (mine ? 1 : 0) {
                mismatches.append("\(label): error \(k) = \(mine)")
            }
        }
        expectNoMismatches(mismatches, of: vectors.count, "case vectors in \(file)")
    }
}
