import Foundation
import Testing

/// `ptscope diff` and `ptscope table` against the files `ptscope score` writes: the real binary
/// on the bundled sample's two simulated models (no tmux needed).
@Suite("ptscope diff and table", .timeLimit(.minutes(2)))
struct StatisticsCommandTests {
    static let data = CLIOutputTests.sample.appendingPathComponent("data").path
    static let strong = CLIOutputTests.sample.appendingPathComponent("runs/strong-sim").path
    static let weak = CLIOutputTests.sample.appendingPathComponent("runs/weak-sim").path

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "one JSON object: \(text)")
    }

    /// `score --per-case` for `pred` (CSV files into a folder of `tmp`): (split, index) → overall.
    static func perCase(_ pred: String, in tmp: TemporaryFolder, name: String) async throws -> [String: Bool] {
        let file = tmp.path + "/\(name).jsonl"
        let run = try await CLIOutputTests.run(
            ["score", data, pred, "--out", tmp.path + "/\(name)", "--per-case", file], in: tmp)
        #expect(run.status == 0, "\(run.errors)")
        var out: [String: Bool] = [:]
        for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
            let o = try object(String(line))
            let key = "\(o["split"] as? String ?? "?")#\(o["index"] as? Int ?? -1)"
            out[key] = try #require(o["overall"] as? Bool)
        }
        return out
    }

    @Test("diff --json: regressions and improvements equal a per-case comparison of two score --per-case files")
    func diffMatchesPerCase() async throws {
        let tmp = try TemporaryFolder()
        let a = try await Self.perCase(Self.strong, in: tmp, name: "a")
        let b = try await Self.perCase(Self.weak, in: tmp, name: "b")
        let run = try await CLIOutputTests.run(
            ["diff", Self.data, Self.strong, Self.weak, "--json", "--resamples", "500"], in: tmp)
        #expect(run.status == 0, "\(run.errors)")
        let o = try Self.object(run.text)
        func keys(_ name: String) throws -> Set<String> {
            let list = try #require(o[name] as? [[String: Any]])
            return Set(list.map { "\($0["split"] as? String ?? "?")#\($0["index"] as? Int ?? -1)" })
        }
        let regressions = Set(a.keys.filter { a[$0] == true && b[$0] == false })
        let improvements = Set(a.keys.filter { a[$0] == false && b[$0] == true })
        #expect(!regressions.isEmpty)
        #expect(try keys("regressions") == regressions)
        #expect(try keys("improvements") == improvements)
        #expect(o["both_pass"] as? Int == a.keys.filter { a[$0] == true && b[$0] == true }.count)
        #expect(o["both_fail"] as? Int == a.keys.filter { a[$0] == false && b[$0] == false }.count)
        #expect(o["runs"] as? [String] == ["strong-sim", "weak-sim"])
        #expect(o["resamples"] as? Int == 500)
        // delta_overall is the difference of the two overall/acc_results.csv overall values.
        func overall(_ name: String) async throws -> Double {
            let csv = try String(contentsOfFile: tmp.path + "/\(name)/overall/acc_results.csv", encoding: .utf8)
            let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",").map(String.init) }
            let k = try #require(rows[0].firstIndex(of: "overall"))
            return try #require(Double(rows[1][k]))
        }
        let delta = try #require(o["delta_overall"] as? Double)
        await #expect(abs(delta - (try overall("b") - overall("a"))) < 1e-12)
        let ci = try #require(o["delta_ci95"] as? [Double])
        #expect(ci.count == 2 && ci[0] <= delta && delta <= ci[1])
        let p = try #require(o["mcnemar_p"] as? Double)
        #expect(p > 0 && p < 0.001)

        let same = try await CLIOutputTests.run(["diff", Self.data, Self.strong, "again=" + Self.strong, "--json"], in: tmp)
        let s = try Self.object(same.text)
        #expect(s["delta_ci95"] as? [Double] == [0, 0])
        #expect(s["mcnemar_p"] as? Double == 1)
        #expect((s["warning"] as? String)?.contains("only 0 discordant") == true)
        #expect(s["runs"] as? [String] == ["strong-sim", "again"])
    }

    @Test("diff rejects a resample count out of range, naming it")
    func diffOptions() async throws {
        let tmp = try TemporaryFolder()
        // Two folders of the same name are told apart by their parents.
        try FileManager.default.createDirectory(atPath: tmp.path + "/m1", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: tmp.path + "/m2", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.strong, toPath: tmp.path + "/m1/pred")
        try FileManager.default.copyItem(atPath: Self.weak, toPath: tmp.path + "/m2/pred")
        let same = try await CLIOutputTests.run(
            ["diff", Self.data, tmp.path + "/m1/pred", tmp.path + "/m2/pred", "--json", "--resamples", "10"], in: tmp)
        #expect(try Self.object(same.text)["runs"] as? [String] == ["m1/pred", "m2/pred"])

        let run = try await CLIOutputTests.run(["diff", Self.data, Self.strong, Self.weak, "--resamples", "0"], in: tmp)
        #expect(run.status == 64)
        CLIOutputTests.expectShows(run.errors, "--resamples must be between 1 and 1000000, got 0", "the message")
    }

    @Test("table --format csv: every printed value is the score CSV's value rounded the same way", arguments: [1, 3])
    func tableMatchesCSV(digits: Int) async throws {
        let tmp = try TemporaryFolder()
        for (name, pred) in [("a", Self.strong), ("b", Self.weak)] {
            let run = try await CLIOutputTests.run(["score", Self.data, pred, "--out", tmp.path + "/" + name], in: tmp)
            #expect(run.status == 0, "\(run.errors)")
        }
        let table = try await CLIOutputTests.run(
            ["table", Self.data, "a=" + Self.strong, "b=" + Self.weak, "--format", "csv", "--digits", String(digits)], in: tmp)
        #expect(table.status == 0, "\(table.errors)")
        let lines = table.text.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let header = lines[0]
        #expect(header.count == 1 + 3 * 8)
        var compared = 0
        for row in lines.dropFirst() {
            for (k, column) in header.enumerated().dropFirst() {
                let parts = column.split(separator: ".").map(String.init)
                let csv = try String(contentsOfFile: "\(tmp.path)/\(row[0])/\(parts[0])/acc_results.csv", encoding: .utf8)
                let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",").map(String.init) }
                let m = try #require(rows[0].firstIndex(of: parts[1]))
                let value = try #require(Double(rows[1][m]))
                #expect(row[k] == String(format: "%.\(digits)f", value * 100), "\(row[0]) \(column)")
                compared += 1
            }
        }
        #expect(compared == 2 * 24)
    }

    @Test("table --format markdown and latex bold the best of each column; latex escapes run names")
    func tableBold() async throws {
        let tmp = try TemporaryFolder()
        let md = try await CLIOutputTests.run(["table", Self.data, Self.strong, Self.weak, "--ci"], in: tmp)
        #expect(md.status == 0, "\(md.errors)")
        let strongRow = try #require(md.text.split(separator: "\n").first { $0.hasPrefix("| strong-sim |") })
        #expect(strongRow.components(separatedBy: "**").count == 2 * 24 + 1, "every column bold: \(strongRow)")
        CLIOutputTests.expectShows(md.text, "Wilson 95 % interval", "the --ci note")
        let tex = try await CLIOutputTests.run(
            ["table", Self.data, "a_b&c%=" + Self.strong, Self.weak, "--format", "latex"], in: tmp)
        CLIOutputTests.expectShows(tex.text, "a\\_b\\&c\\% & \\textbf{", "the escaped name and a bold cell")
        #expect(!tex.text.contains("weak-sim & \\textbf"))
    }

    @Test("diff and table show hostile folder names and data inert")
    func hostile() async throws {
        let tmp = try TemporaryFolder()
        let (data, pred) = try CLIOutputTests.hostileSet(in: tmp)
        for args in [["diff", data, pred, Self.weak], ["table", data, pred, Self.weak, "--format", "csv"]] {
            let run = try await CLIOutputTests.run(args, in: tmp)
            CLIOutputTests.expectInert(run.stdout, "\(args[0]) stdout")
            CLIOutputTests.expectInert(run.stderr, "\(args[0]) stderr")
        }
    }

    // MARK: - --print of every run

    /// The rows `name v1 v2 v3` of `text` after the line starting with `heading`, until a blank line.
    static func rows(_ text: String, after heading: String) -> [String: [Double]] {
        var out: [String: [Double]] = [:]
        guard let start = text.range(of: heading) else { return out }
        for line in text[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            if line.isEmpty && !out.isEmpty { break }
            if words.count == 4, let values = Optional(words.dropFirst().compactMap(Double.init)), values.count == 3 {
                out[words[0]] = values
            }
        }
        return out
    }

    @Test("--print with two runs prints both tables under the explorer's names, and B − A deltas equal the tables' difference")
    func printEveryRun() async throws {
        let tmp = try TemporaryFolder()
        for (args, names) in [
            (["--compare", "--print"], ["sample · strong-sim", "sample · weak-sim"]),
            (["open", Self.data, Self.strong, "--run", "mine=" + Self.weak, "--print"], ["strong-sim", "mine"]),
        ] {
            let run = try await CLIOutputTests.run(args, in: tmp)
            #expect(run.status == 0, "\(run.errors)")
            CLIOutputTests.expectShows(run.text, "run A: \(names[0])\n", "A's name")
            CLIOutputTests.expectShows(run.text, "run B: \(names[1])\n", "B's name")
            let a = Self.rows(run.text, after: "run A: ")
            let b = Self.rows(run.text, after: "run B: ")
            let delta = Self.rows(run.text, after: "run B − run A")
            #expect(a.count == 8 && b.count == 8 && delta.count == 8, "\(a) \(b) \(delta)")
            for (metric, d) in delta {
                for k in 0..<3 {
                    // Printed to 4 decimals (tables) and 2 (points): within rounding.
                    let expected = ((b[metric]?[k] ?? .nan) - (a[metric]?[k] ?? .nan)) * 100
                    #expect(abs(d[k] - expected) <= 0.011, "\(metric)[\(k)]: \(d[k]) vs \(expected)")
                }
            }
            CLIOutputTests.expectShows(run.text, "paired bootstrap, 10000 resamples, seed 12", "the statistics")
        }
    }
}
