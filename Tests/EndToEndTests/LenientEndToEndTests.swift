import Foundation
import Testing

/// The lenient reading in a real terminal and on the command line: `:set lenient`, `:filter
/// rescued`, the case pane's block, and `score --lenient --per-case`.
@Suite(
    "lenient reading in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct LenientEndToEndTests {
    /// The per-case records of `score` on the sample's weak-sim (with `--lenient` when asked).
    static func perCase(lenient: Bool, in tmp: TemporaryFolder) async throws -> [String] {
        let sample = CLIOutputTests.sample
        let file = tmp.path + "/cases-\(lenient).jsonl"
        let run = try await CLIOutputTests.run(
            [
                "score", sample.appendingPathComponent("data").path, sample.appendingPathComponent("runs/weak-sim").path,
                "--out", tmp.path + "/scores", "--per-case", file,
            ] + (lenient ? ["--lenient"] : []), in: tmp)
        #expect(run.status == 0, "\(run.errors)")
        return try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test("score --per-case: without --lenient no lenient member; with it the same records, each with one more")
    func perCaseRecords() async throws {
        let tmp = try TemporaryFolder()
        let plain = try await Self.perCase(lenient: false, in: tmp)
        let lenient = try await Self.perCase(lenient: true, in: tmp)
        #expect(plain.count == 150 && lenient.count == 150)
        for (p, l) in zip(plain, lenient) {
            #expect(!p.contains("\"lenient\""))
            #expect(l.hasPrefix(p.dropLast() + ", \"lenient\": "))
        }
    }

    @Test(
        "120×40: :set lenient then :filter rescued lists as many cases as score --lenient --per-case rescues; the pane shows the reading"
    )
    func rescuedFilter() async throws {
        let tmp = try TemporaryFolder()
        var rescued = 0
        for line in try await Self.perCase(lenient: true, in: tmp) {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let verdict = (o["lenient"] as? [String: Any])?["verdict"] as? [String: Any]
            if o["format"] as? Bool == false, verdict?["overall"] as? Bool == true { rescued += 1 }
        }
        #expect(rescued == 9)

        let t = try TmuxSession(width: 120, height: 40, arguments: ["--model", "weak-sim"])
        try await t.waitUntil("the scored case list") { $0.listCounts != nil }
        try t.send(":")
        try t.type("filter rescued")
        try t.send("Enter")
        try await t.waitUntil("the filter refused without the lenient option") { $0.statusBar.contains(":set lenient") }
        try t.send(":")
        try t.type("set lenient")
        try t.send("Enter")
        try await t.waitUntil("the lenient scores") { $0.header.contains("LENIENT") && $0.listCounts?.total == 150 }
        try t.send(":")
        try t.type("filter rescued")
        try t.send("Enter")
        let s = try await t.waitUntil("\(rescued) rescued cases listed, the first one's reading in the pane") {
            $0.listCounts?.shown == rescued && $0.contains("Lenient reading")
        }
        #expect(s.listCounts?.pass == rescued, "every rescued case passes in the lenient reading:\n\(s.framed)")
        #expect(s.contains("lenient: ✓ pass · reference: ! format failure"), "\(s.framed)")
    }
}
