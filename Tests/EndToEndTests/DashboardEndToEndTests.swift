import Foundation
import TestSupport
import Testing

/// The dashboard at the smallest supported terminal shows PTBench's headline numbers whole.
@Suite(
    "ptscope dashboard in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct DashboardEndToEndTests {
    static let metrics = [
        "format", "platforms", "tool_names", "tool_param_names", "tool_param_values", "query_params", "profile_params",
        "overall",
    ]

    /// Each metric's row of `ptscope --print` (4 decimals) as percentages (U, T, overall).
    static func printedPercentages() async throws -> [String: [Double]] {
        let folder = try TemporaryFolder()
        let out = folder.path + "/out"
        let status = try await Spawn.run(
            [try TmuxSession.ptscopeBinary(), "--print"], environment: ProcessInfo.processInfo.environment, stdout: out,
            stderr: folder.path + "/err")
        #expect(status == 0)
        var rows: [String: [Double]] = [:]
        for line in try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n") {
            let words = line.split(separator: " ")
            guard let name = words.first, metrics.contains(String(name)), words.count == 4 else { continue }
            rows[String(name)] = words.dropFirst().map { (Double($0) ?? .nan) * 100 }
        }
        return rows
    }

    @Test("80×24: d shows every PTBench metric with its three percentages whole, equal to --print's values")
    func headlineNumbersFit() async throws {
        let expected = try await Self.printedPercentages()
        #expect(expected.count == Self.metrics.count, "\(expected)")
        let t = try TmuxSession(width: 80, height: 24, arguments: ["--fresh"])
        try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.overallAccuracy != nil }
        try t.send("d")
        let s = try await t.waitUntil("the dashboard's metrics") { $0.contains("profile_params") && $0.contains("%") }
        for metric in Self.metrics {
            // The row: the metric's name, then three percentages with one decimal, none cut.
            let rows = s.lines.map { $0.split(separator: " ").map { $0.trimmingCharacters(in: ["│"]) } }
                .filter { $0.contains(metric) }
            let shown = try #require(
                rows.map { $0.filter { $0.hasSuffix("%") } }.first { $0.count == 3 }, "no \(metric) row:\n\(s.framed)")
            let want = expected[metric] ?? []
            for (text, value) in zip(shown, want) {
                // One decimal shown, four printed: the same number up to the rounding of each.
                let number = Double(text.dropLast()) ?? .nan
                #expect(abs(number - value) <= 0.051, "\(metric): \(shown) vs \(want)\n\(s.framed)")
                #expect(text.split(separator: ".").last?.count == 2, "\(metric): \(text) is cut")
            }
        }
    }

    @Test("120×40: :set ci shows every dashboard accuracy with its 95 % Wilson interval; :set noci hides them")
    func wilsonIntervals() async throws {
        let t = try TmuxSession(width: 120, height: 40, arguments: ["--fresh"])
        try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.overallAccuracy != nil }
        try t.send(":")
        try t.type("set ci")
        try t.send("Enter")
        try await t.waitUntil("ci on in the status line") { $0.statusBar.contains("ci on") }
        try t.send("d")
        let s = try await t.waitUntil("the dashboard with intervals") {
            $0.lines.contains { $0.contains("overall") && $0.contains("% [") && $0.contains("\u{2013}") }
        }
        // Every metric row: three values, each with its interval inside [0, 100] around it.
        for metric in Self.metrics {
            let row = try #require(
                s.lines.first {
                    $0.split(separator: " ").map { $0.trimmingCharacters(in: ["│"]) }.first { !$0.isEmpty } == metric
                },
                "no \(metric) row:\n\(s.framed)")
            let cells = row.split(separator: "[").dropFirst().map { $0.prefix { $0 != "]" } }
            #expect(cells.count == 3, "\(metric): \(row)")
            for cell in cells {
                let bounds = cell.split(separator: "\u{2013}").compactMap { Double($0) }
                #expect(bounds.count == 2 && bounds[0] <= bounds[1] && bounds[1] <= 100, "\(metric): \(row)")
            }
        }
        try t.send("Escape")
        try await t.waitUntil("the case list again") { !$0.contains("PTBench metrics") }
        try t.send(":")
        try t.type("set noci")
        try t.send("Enter")
        try t.send("d")
        let off = try await t.waitUntil("the dashboard without intervals") {
            $0.contains("profile_params") && !$0.contains("% [")
        }
        #expect(off.contains("overall"))
    }

    @Test("120×40 comparison: the dashboard states B − A with McNemar's p and the bootstrap's resamples and seed")
    func pairedStatistics() async throws {
        let t = try TmuxSession(width: 120, height: 40, arguments: ["--fresh", "--compare"])
        try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.overallAccuracy != nil }
        try t.send("d")
        let s = try await t.waitUntil("the paired section") { $0.contains("10,000 resamples, seed 12") }
        #expect(s.contains("Paired: run B \u{2212} run A"), "\(s.framed)")
        #expect(s.lines.contains { $0.contains("overall:") && $0.contains("points") }, "\(s.framed)")
    }
}
