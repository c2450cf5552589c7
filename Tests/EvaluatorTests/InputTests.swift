import Evaluator
import Foundation
import Testing

/// Bad input: clear messages with file and line, never a crash.
@Suite("Bad input")
struct InputTests {
    func temp(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-input-\(UUID().uuidString)")
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return dir
    }

    static let goodCase = #"{"query": "q", "answer": ["A", [{"f": {"x": ["1"]}}]], "query_params": ["x"], "profile_params": []}"#

    @Test("malformed JSON names file, line and column")
    func malformed() throws {
        let dir = try temp(["d/test_untrained_user/data.json": "[\n" + InputTests.goodCase + ",\n {\"answer\": [1,}\n]"])
        #expect {
            _ = try Benchmark.load(data: dir.appendingPathComponent("d"), predictions: nil)
        } throws: { error in
            let e = try #require(error as? InputError)
            return e.line == 3 && e.file.hasSuffix("data.json") && e.message.contains("malformed JSON")
        }
    }

    @Test("a case missing a key is refused with its index and line")
    func missingKey() throws {
        let data = "[\n" + InputTests.goodCase + ",\n" + #"{"answer": ["A", []], "query_params": []}"# + "\n]"
        let dir = try temp(["d/test_untrained_user/data.json": data])
        #expect {
            _ = try Benchmark.load(data: dir.appendingPathComponent("d"), predictions: nil)
        } throws: { error in
            let e = try #require(error as? InputError)
            return e.line == 3 && e.message.contains("case 1") && e.message.contains("profile_params")
        }
    }

    @Test("blank and broken prediction lines, too few and too many lines: warned, scored as format failures")
    func predictionLines() throws {
        let data = "[" + Array(repeating: InputTests.goodCase, count: 4).joined(separator: ",") + "]"
        let pred = #"{"predict": "A:[f(x='1')]"}"# + "\n\n" + "{not json\n"
        let dir = try temp(["d/test_untrained_user/data.json": data, "p/test_untrained_user/generation.jsonl": pred])
        let bench = try Benchmark.load(data: dir.appendingPathComponent("d"), predictions: dir.appendingPathComponent("p"))
        let report = bench.score()
        let split = try #require(report.splits.first)
        #expect(split.verdicts.map(\.format) == [true, false, false, false])
        #expect(report.warnings.contains { $0.line == 2 && $0.message.contains("blank") })
        #expect(report.warnings.contains { $0.line == 3 && $0.message.contains("malformed JSON") })
        #expect(report.warnings.contains { $0.message.contains("3 prediction lines for 4 cases") })
        #expect(report.overall == nil, "one split only: no overall file")
    }

    @Test("a zero denominator is n/a in the CSV, not a crash")
    func zeroDenominator() throws {
        let data = "[" + InputTests.goodCase + "]"
        let dir = try temp([
            "d/test_untrained_user/data.json": data,
            "p/test_untrained_user/generation.jsonl": #"{"predict": "A:[f(x='1')]"}"#,
        ])
        let bench = try Benchmark.load(data: dir.appendingPathComponent("d"), predictions: dir.appendingPathComponent("p"))
        let csv = CSVOutput.accuracy(bench.score().splits[0].accuracy)
        let want =
            "format,platforms,tool_names,tool_param_names,tool_param_values,query_params,profile_params,overall\r\n"
            + "1.0,1.0,1.0,1.0,1.0,1.0,n/a,1.0\r\n"
        #expect(csv == want)
    }

    @Test("wrong types in answer are reported by check with file:line")
    func answerTypes() throws {
        let bad = #"{"answer": ["A", [{"f": {"x": "1"}}]], "query_params": ["x"], "profile_params": []}"#
        let dir = try temp(["d/test_untrained_user/data.json": "[\n" + bad + "\n]"])
        let bench = try Benchmark.load(data: dir.appendingPathComponent("d"), predictions: nil)
        let problems = Validation.problems(in: bench)
        #expect(problems.contains { $0.line == 2 && $0.message.contains("f.x must be a list of accepted alternatives") })
    }

    @Test("100,000 nested brackets are a format failure, not a stack overflow")
    func deepNesting() {
        let text = "A:" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        guard case .failure(let f) = PredictionParser.parse(text) else {
            Issue.record("parsed")
            return
        }
        #expect(f.message.contains("too many nested parentheses"))
        let long = "A:[f(x=" + Array(repeating: "1", count: 50_000).joined(separator: "+") + ")]"
        guard case .failure = PredictionParser.parse(long) else {
            Issue.record("a 50,000-term sum parsed; Python stops at its recursion limit")
            return
        }
    }
}

/// CSV bytes and Python's float formatting.
@Suite("CSV and floats")
struct CSVTests {
    /// Doubles and their Python `repr`.
    static let floats: [(Double, String)] = [
        (0.8181818181818182, "0.8181818181818182"), (1.0, "1.0"), (0.0, "0.0"), (1e-05, "1e-05"),
        (4.99775101204458e-05, "4.99775101204458e-05"), (0.0001, "0.0001"), (1e16, "1e+16"),
        (1e15, "1000000000000000.0"), (1.25, "1.25"), (123456789.0, "123456789.0"),
    ]

    @Test("floats print as Python's repr", arguments: floats)
    func floatRepr(_ value: Double, _ text: String) {
        #expect(PyRepr.float(value) == text)
    }

    @Test("error CSV uses CRLF and integer counts")
    func errorCSV() {
        var counts: [ErrorColumn: Int] = [:]
        for (k, c) in ErrorColumn.allCases.enumerated() { counts[c] = k }
        let want =
            "func_wrong_error,func_missing_error,func_excessive_error,param_missing_error,param_excessive_error,value_error\r\n"
            + "0,1,2,3,4,5\r\n"
        #expect(CSVOutput.errors(counts) == want)
    }

    @Test("a case with an extra and a missing parameter counts in both parameter columns, first one reported")
    func bothParamColumns() {
        var e = ErrorFlags()
        e.paramLack = true
        e.paramExcess = true
        #expect(ErrorColumn.columns(for: e) == [.paramMissing, .paramExcessive])
    }
}
