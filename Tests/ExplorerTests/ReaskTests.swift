import Evaluator
import Explorer
import Foundation
import Sample
import TUICore
import TestSupport
import Testing

/// An in-process ``CaseAsker`` of the tests' own: answers each question with `text(question)`, at
/// once, on the caller's thread (the protocol's test double; the real one, with an HTTP endpoint,
/// is tested end to end in tmux).
struct FixedAsker: CaseAsker {
    var text: @Sendable (ReaskQuestion) -> Result<String, ReaskFailure> = { _ in .success("I cannot help with that.") }
    var available = true

    func source(run: Int) -> String? { available ? "http://127.0.0.1:9/v1, model “fixed”, chat messages" : nil }
    func refusal(run: Int) -> String { "A cannot ask again: run \(run) has no run.json" }
    func ask(_ question: ReaskQuestion, answer: @escaping @Sendable (Result<String, ReaskFailure>) -> Void)
        -> @Sendable () -> Void
    {
        answer(text(question))
        return {}
    }
    func record(_ save: ReaskSave) -> [UInt8]? {
        Array("{\"reasked\": \(save.cases.map { "\($0.split):\($0.index)" })}\n".utf8)
    }
    /// Every run is asked alike.
    func adding(run: Int, askedAs source: Int) -> any CaseAsker { self }
}

@Suite("Asking a case again (A)")
struct ReaskTests {
    /// The sample at 120×40 with `asker`, on the first case the strong model passes.
    static func passingCase(asker: (any CaseAsker)?, data: ExplorerData? = nil) throws -> AppState {
        var s = Fixture.state(try data ?? Fixture.sample(), width: 120, height: 40)
        s.asker = asker
        let id = try #require(s.list.visible.first { s.verdict($0)?.overall == true })
        while s.selectedID != id { Fixture.keys(&s, .char("j")) }
        return s
    }

    /// The state after `keys`, with the effects they ask for returned instead of run.
    static func reduce(_ s: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { Reducer.reduce(&s, .key($0)) }
    }

    /// Runs `effects` for `s` (as the runtime would, later) and reduces what they give back.
    static func deliver(_ s: inout AppState, _ effects: [Effect], as of: AppState? = nil) {
        for action in SynchronousEffectRunner(author: "test").perform(effects, for: of ?? s) { Fixture.send(&s, action) }
    }

    @Test func withoutAnEndpointASaysWhyItCannotAsk() throws {
        var s = try Self.passingCase(asker: nil)
        let effects = Self.reduce(&s, .char("A"))
        #expect(effects.isEmpty)
        #expect(s.overlay == nil)
        #expect(s.message?.contains("--base-url URL --model NAME") == true)
        #expect(Screen.text(s).contains("A cannot ask again"))
    }

    @Test func aRunTheAskerCannotAskIsRefusedWithItsReason() throws {
        var s = try Self.passingCase(asker: FixedAsker(available: false))
        #expect(Self.reduce(&s, .char("A")).isEmpty)
        #expect(s.message == "A cannot ask again: run 0 has no run.json")
    }

    @Test func theNewAnswerIsScoredAgainstGoldBesideTheRecordedOne() throws {
        var s = try Self.passingCase(asker: FixedAsker())
        let selected = try #require(s.selected)
        let recorded = "\(String(describing: s.data?.predictionLine(selected)))"
        let effects = Self.reduce(&s, .char("A"))
        #expect(effects.count == 1)
        // Asking: the status line spins, keys keep working.
        #expect(s.reask.pending.count == 1)
        #expect(Screen.text(s).contains("| asking"))
        Self.deliver(&s, effects)
        guard case .reask(let view)? = s.overlay else {
            Issue.record("the re-ask view did not open: \(String(describing: s.overlay))")
            return
        }
        let text = FocusedText.plain(view.lines)
        // The new text is a format failure against gold; the recorded answer passes.
        // Side by side, the new answer on the left: its verdict, then ≠ and the recorded one's.
        #expect(text.contains("New answer"))
        #expect(text.contains("Recorded run A sample · strong-sim"))
        #expect(text.contains("! format failure (syntax error)") && text.contains("≠ ✓ pass"))
        // The calls against the same gold, ≠ where they differ: the new answer has none.
        #expect(text.contains("− set_status missing") && text.contains("≠ ✓ set_status"))
        #expect(text.contains("I cannot help with that."))
        #expect(text.contains("the new text differs from the recorded one"))
        // Never written into the recorded run.
        #expect("\(String(describing: s.data?.predictionLine(selected)))" == recorded)
        #expect(s.verdict(try #require(s.selectedID))?.overall == true)
        #expect(s.reask.pending.isEmpty)
    }

    @Test func answersLandOnTheirOwnCaseWhateverTheOrder() throws {
        let asker = FixedAsker(text: { q in .success("answer for \(q.split.name) \(q.index)") })
        var s = try Self.passingCase(asker: asker)
        let first = try #require(s.selectedID)
        let askFirst = Self.reduce(&s, .char("A"))
        let stateOfFirst = s
        // Esc is not pressed: the first request stays in flight while another case is asked.
        Fixture.keys(&s, .char("j"))
        let second = try #require(s.selectedID)
        #expect(first != second)
        let askSecond = Self.reduce(&s, .char("A"))
        #expect(s.reask.pending.count == 2)
        // The second answer first, then the first one.
        Self.deliver(&s, askSecond)
        Self.deliver(&s, askFirst, as: stateOfFirst)
        let firstEntry = try #require(s.data?.cases[first])
        let secondEntry = try #require(s.data?.cases[second])
        let split = { (e: CaseEntry) in s.data!.split(of: e).name }
        #expect(s.reask.answers[Reask.Tag(caseID: first, run: 0)]?.text == "answer for \(split(firstEntry)) \(firstEntry.index)")
        #expect(
            s.reask.answers[Reask.Tag(caseID: second, run: 0)]?.text == "answer for \(split(secondEntry)) \(secondEntry.index)")
        // The view shows the selected case's answer; the other is said to be in.
        guard case .reask(let view)? = s.overlay else {
            Issue.record("the re-ask view did not open")
            return
        }
        #expect(view.tag == Reask.Tag(caseID: second, run: 0))
        #expect(s.message?.contains("the new answer is in") == true)
    }

    @Test func escDropsAnAnswerNotYetShown() throws {
        var s = try Self.passingCase(asker: FixedAsker())
        let effects = Self.reduce(&s, .char("A"))
        let asked = s
        let request = try #require(s.reask.pending.keys.first)
        // The request is stopped too (its connection closed), not left to finish.
        #expect(Self.reduce(&s, .escape) == [.dropReask(requests: [request])])
        #expect(s.reask.pending.isEmpty)
        #expect(s.message == "dropped the answer being asked again")
        // Esc again has nothing to stop.
        #expect(Self.reduce(&s, .escape).isEmpty)
        Self.deliver(&s, effects, as: asked)
        #expect(s.overlay == nil)
        #expect(s.reask.answers.isEmpty)
    }

    /// The journal entry setting case `id`'s gold platform to `Nowhere`.
    static func platformEdit(_ s: AppState, _ id: Int) throws -> JournalEntry {
        let data = try #require(s.data)
        let entry = data.cases[id]
        let platform = try #require(data.benchmarkCase(entry).answer.arrayValue?.first)
        return JournalEntry(
            seq: 1, time: "2026-12-05T00:00:00Z", author: "t", key: data.caseKey(entry), kind: .setPlatform,
            changes: [GoldChange(field: .answer, path: [.index(0)], before: platform, after: .string("Nowhere"))])
    }

    @Test func aGoldEditScoresTheAnswersAskedAgainAgain() throws {
        var s = try Self.passingCase(asker: FixedAsker())
        Self.deliver(&s, Self.reduce(&s, .char("A")))
        let id = try #require(s.selectedID)
        let tag = Reask.Tag(caseID: id, run: 0)
        #expect(s.reask.answers[tag]?.recorded.verdict.overall == true)
        // The gold platform changed (corrected gold in effect): the runs are scored again, and so
        // are the answers asked again, the open view with them.
        Self.deliver(&s, Reducer.reduce(&s, .journaled(try Self.platformEdit(s, id))))
        #expect(s.verdict(id)?.overall == false, "the recorded run is scored against the edited gold")
        #expect(s.reask.answers[tag]?.recorded.verdict.overall == false)
        guard case .reask(let view)? = s.overlay else {
            Issue.record("the re-ask view closed: \(String(describing: s.overlay))")
            return
        }
        let text = FocusedText.plain(view.lines)
        #expect(text.contains("platform  'Nowhere'"), "\(text)")
        #expect(!text.contains("≠ ✓ pass"), "\(text)")
    }

    @Test func anAnswerScoredBeforeAGoldEditIsScoredAgainWhenItLands() throws {
        var s = try Self.passingCase(asker: FixedAsker())
        let ask = Self.reduce(&s, .char("A"))
        let asked = s
        let id = try #require(s.selectedID)
        // The edit lands while the request is in flight; the answer was scored as it was asked.
        _ = Reducer.reduce(&s, .journaled(try Self.platformEdit(s, id)))
        Self.deliver(&s, ask, as: asked)
        let answer = try #require(s.reask.answers[Reask.Tag(caseID: id, run: 0)])
        #expect(answer.recorded.verdict.overall == false, "scored against the edited gold")
        #expect(answer.scoredAt == s.session?.version)
    }

    @Test func aFailureIsOneCleanLine() throws {
        let asker = FixedAsker(text: { _ in
            .failure(ReaskFailure("http://h/v1/chat/completions: 401 Unauthorized\n\u{1B}[2Jthe key \u{7}was refused"))
        })
        var s = try Self.passingCase(asker: asker)
        Self.deliver(&s, Self.reduce(&s, .char("A")))
        let message = try #require(s.message)
        #expect(message.contains("401 Unauthorized"))
        #expect(!message.contains("\n"))
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 })
        #expect(s.overlay == nil)
        #expect(s.reask.pending.isEmpty)
    }

    @Test func aKeptAnswerShowsAgainWithoutAsking() throws {
        var s = try Self.passingCase(asker: FixedAsker())
        Self.deliver(&s, Self.reduce(&s, .char("A")))
        _ = Self.reduce(&s, .escape)
        #expect(s.overlay == nil)
        #expect(Self.reduce(&s, .char("A")).isEmpty)
        guard case .reask? = s.overlay else {
            Issue.record("the kept answer is not shown")
            return
        }
        // In the view, A asks again.
        #expect(Self.reduce(&s, .char("A")).count == 1)
    }

    @Test func savingWritesANewRunBesideTheRecordedOne() throws {
        // A copy of the sample's run, so the new folder goes to a temporary place.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-reask-\(UUID().uuidString)")
        let run = dir.appendingPathComponent("strong-sim")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try #require(Sample.run("strong-sim")), to: run)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bench = try Benchmark.load(data: try #require(Sample.dataRoot), predictions: run)
        let data = ExplorerData(benchmark: bench, runName: "strong-sim")
        var s = try Self.passingCase(asker: FixedAsker(), data: data)
        let entry = try #require(s.selected)
        let split = data.split(of: entry)
        let before = try Self.files(run)
        Self.deliver(&s, Self.reduce(&s, .char("A")))
        Self.deliver(&s, Self.reduce(&s, .char("W")))
        let saved = dir.appendingPathComponent("strong-sim-reask")
        #expect(
            s.message
                == "opened run B strong-sim-reask: 1 answer asked again, saved in \(saved.path) (the recorded run is unchanged)")
        // The new run is open beside the recorded one, read from its files and scored with it; the
        // view stays open.
        #expect(s.data?.runs.map(\.name) == ["strong-sim", "strong-sim-reask"])
        let scores = try #require(s.session?.scores)
        #expect(scores.run(0).verdicts[entry.id].overall == true)
        #expect(scores.run(1).verdicts[entry.id].overall == false, "the refusal asked again fails")
        let others = s.list.visible.filter { $0 != entry.id }
        #expect(others.allSatisfy { scores.run(0).verdicts[$0].overall == scores.run(1).verdicts[$0].overall })
        guard case .reask? = s.overlay else {
            Issue.record("the re-ask view closed on saving")
            return
        }
        // The recorded run is unchanged; the new one differs only in the re-asked line.
        #expect(try Self.files(run) == before)
        let after = try Self.files(saved)
        #expect(Set(after.keys) == Set(before.keys).union(["run.json"]))
        #expect(after["run.json"] == Array("{\"reasked\": [\"\(split.name):\(entry.index)\"]}\n".utf8))
        for (name, bytes) in before {
            let new = try #require(after[name])
            guard name.hasPrefix(split.name + "/") else {
                #expect(new == bytes, "\(name) changed")
                continue
            }
            let old = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            let lines = new.split(separator: 0x0A, omittingEmptySubsequences: false)
            #expect(lines.count == old.count)
            for k in old.indices where k != entry.index { #expect(lines[k] == old[k], "line \(k + 1) changed") }
            let json = try #require(split.fullCase(split.cases[entry.index]))
            let expected = GenerationLine.line(
                query: json["query"] ?? .null, label: json["answer"] ?? .null, predict: "I cannot help with that.")
            #expect(Array(lines[entry.index]) + [0x0A] == Array(expected.utf8))
        }
        // Saving again makes another folder, opened as another run; nothing is overwritten.
        Self.deliver(&s, Self.reduce(&s, .char("W")))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("strong-sim-reask-2").path))
        #expect(s.data?.runs.map(\.name) == ["strong-sim", "strong-sim-reask", "strong-sim-reask-2"])
        #expect(s.message?.hasPrefix("opened run C strong-sim-reask-2: 1 answer asked again, saved in ") == true)
    }

    /// Every file under `root` (relative path → bytes).
    static func files(_ root: URL) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let paths = FileManager.default.subpaths(atPath: root.path) ?? []
        for p in paths {
            var isFolder: ObjCBool = false
            let url = root.appendingPathComponent(p)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            out[p] = Array(try Data(contentsOf: url))
        }
        return out
    }

    @Test func snapshotOfTheViewWithAnAnswerAt120x40() throws {
        var s = try Self.passingCase(asker: FixedAsker())
        Self.deliver(&s, Self.reduce(&s, .char("A")))
        goldens.check("reask-120x40", Screen.text(s))
    }
}
