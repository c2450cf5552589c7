import Evaluator
import Explorer
import Foundation
import Sample
import TUICore
import Testing

/// The suspect-gold queue, `a` in a comparison and the status line naming the runs a gold edit
/// changed, on the bundled sample's two simulated models (A = strong-sim, B = weak-sim).
///
/// Hand-checked in `Sources/Sample/Data`: case 46 of test_trained_user (T 46, id 130) has gold
/// `delivery_address: ['455 Myrtle Ave, Brooklyn, NY 11205', '455 Myrtle Ave, Brooklyn']` and both
/// runs predict `delivery_address='33 Nassau Ave, Brooklyn, NY 11222'`, their only mistake; case 78
/// of test_untrained_user (U 78) has gold platform `Deliveroo` and both runs predict `DoorDash`.
@Suite("Suspect gold")
struct SuspectTests {
    static let t46 = 130
    static let u78 = 78

    /// The two models with a fresh journal.
    static func compared() throws -> (AppState, Journal) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-suspects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let journal = try Journal.open(dir.appendingPathComponent("annotations.jsonl"))
        return (Fixture.state(try Fixture.compared(), width: 160, height: 45), journal)
    }

    /// A, B, and A again: what A gets wrong, two runs agree on; what A and B both get wrong, three.
    static func threeRuns() throws -> ExplorerData {
        let root = try #require(Sample.dataRoot)
        let a = try Benchmark.load(data: root, predictions: try #require(Sample.run("strong-sim") as URL?))
        let b = try Benchmark.load(data: root, predictions: try #require(Sample.run("weak-sim") as URL?))
        return ExplorerData(
            benchmark: a, runName: "strong-sim",
            otherRuns: [
                RunData(name: "weak-sim", predictions: b.predictions), RunData(name: "again", predictions: a.predictions),
            ])
    }

    static func suspects(_ s: AppState) throws -> Triage.Suspects { try #require(s.session?.triage?.suspects) }

    static func triage(_ s: AppState) throws -> TriageOverlay {
        guard case .triage(let t)? = s.overlay else { throw Failure("no summary view open") }
        return t
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// Moves the view's cursor to the row labelled `label`.
    static func select(_ s: inout AppState, _ journal: Journal, row label: String) throws {
        for _ in 0..<40 where try triage(s).rows[try triage(s).cursor.index].label != label {
            AnnotateTests.send(&s, journal, .char("j"))
        }
        #expect(try triage(s).rows[try triage(s).cursor.index].label == label)
    }

    // MARK: - The queue

    @Test func theQueueOfTheTwoModelsHoldsWhatBothGetWrongAlike() throws {
        let (s, _) = try Self.compared()
        let m = try Self.suspects(s)
        #expect(m.runs == 2)
        // Ranked by runs (all 2 here), then by case: U 78 (id 78) before T 46 (id 130).
        #expect(m.agreements.map(\.caseID) == [Self.u78, Self.t46])
        let platform = m.agreements[0]
        #expect(platform.function == nil && platform.target == "platform" && platform.runs == [0, 1])
        #expect(PyRepr.value(platform.value) == "'DoorDash'" && PyRepr.value(platform.accepted) == "'Deliveroo'")
        let address = m.agreements[1]
        #expect(address.target == "order_food.delivery_address" && address.runs == [0, 1])
        #expect(PyRepr.value(address.value) == "'33 Nassau Ave, Brooklyn, NY 11222'")
        #expect(PyRepr.value(address.accepted) == "['455 Myrtle Ave, Brooklyn, NY 11205', '455 Myrtle Ave, Brooklyn']")
        // Cases where each run has the same finding on the same parameter.
        #expect(m.unanimous.map(\.caseID) == [Self.u78, 110, Self.t46])
        #expect(
            m.unanimous.map(\.signature) == [
                "wrong platform", "format failure · syntax error", "value mismatch · order_food.delivery_address",
            ])
        // Values count as the same as the scorer compares them: case and type differences the
        // reference accepts do not split an agreement.
        #expect(Triage.sameValue(.str("DoorDash"), .str("doordash")))
        #expect(Triage.sameValue(.int(.small(3)), .float(3.0)))
        #expect(!Triage.sameValue(.str("3"), .int(.small(3))))
    }

    @Test func theViewListsTheQueueAndTheCasesEveryRunFailsAlike() throws {
        var (s, journal) = try Self.compared()
        AnnotateTests.send(&s, journal, .char("S"))
        let text = Screen.text(s)
        #expect(text.contains("Values 2 or more of 2 runs agree on that gold rejects"))
        #expect(text.contains("U 78    platform"))
        #expect(text.contains("'33 Nassau Ave, Brooklyn, NY 11222'"))
        #expect(text.contains("Every run fails the same way"))
        #expect(text.contains("T 26    format failure · syntax error"))
        // The first row of the queue is highlighted.
        #expect(try Self.triage(s).rows[try Self.triage(s).cursor.index].label == (try Self.suspects(s)).agreements[0].label)
    }

    @Test func kIsHalfTheRunsByDefaultAndCanBeChanged() throws {
        var (s, journal) = (Fixture.state(try Self.threeRuns(), width: 160, height: 45), try Self.compared().1)
        let m = try Self.suspects(s)
        #expect(Triage.Suspects.defaultAgreement(runs: 3) == 2)
        #expect(Triage.Suspects.defaultAgreement(runs: 2) == 2)
        #expect(Triage.Suspects.defaultAgreement(runs: 5) == 3)
        // Ranked by agreement: the two things all three runs agree on first, then by case.
        let counts = m.agreements.map(\.runs.count)
        #expect(counts == counts.sorted(by: >))
        #expect(m.agreements.prefix(2).map(\.caseID) == [Self.u78, Self.t46])
        #expect(m.agreements.prefix(2).allSatisfy { $0.runs == [0, 1, 2] })
        let twos = m.agreements.dropFirst(2)
        #expect(twos.count >= 5 && twos.allSatisfy { $0.runs == [0, 2] })
        #expect(twos.map(\.caseID) == twos.map(\.caseID).sorted())
        AnnotateTests.send(&s, journal, .char("S"))
        #expect(Screen.text(s).contains("Values 2 or more of 3 runs agree on"))
        let rowsAt2 = try Self.triage(s).selectable.count
        AnnotateTests.send(&s, journal, .char("+"))
        #expect(s.session?.options.suspectAgreement == 3)
        #expect(Screen.text(s).contains("Values 3 or more of 3 runs agree on"))
        // The queue lost every two-run row; the second table stays.
        #expect(try Self.triage(s).selectable.count == rowsAt2 - twos.count)
        AnnotateTests.send(&s, journal, .char("+"))
        #expect(s.status.message == "K is already every run (3)")
        AnnotateTests.send(&s, journal, .char("-"))
        #expect(s.session?.options.suspectAgreement == 2)
        // The command line sets it too, and refuses a K below 2.
        AnnotateTests.send(&s, journal, .escape, .char(":"))
        AnnotateTests.type(&s, journal, "set suspect 3")
        AnnotateTests.send(&s, journal, .enter)
        #expect(s.session?.options.suspectAgreement == 3)
        AnnotateTests.send(&s, journal, .char(":"))
        AnnotateTests.type(&s, journal, "set suspect 1")
        AnnotateTests.send(&s, journal, .enter)
        #expect(s.status.message?.contains("2 or more") == true)
        #expect(s.session?.options.suspectAgreement == 3)
    }

    @Test func oneRunIsNotEnough() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 30)
        Fixture.keys(&s, .char("S"))
        #expect(Screen.text(s).contains("needs two or more runs"))
        #expect(try Self.suspects(s).agreements.isEmpty)
        Fixture.keys(&s, .char("a"))
        #expect(s.status.message == "the suspect-gold queue needs two or more runs")
    }

    // MARK: - Enter and a

    @Test func enterOpensTheCaseWithTheQueueAsTheFilter() throws {
        var (s, journal) = try Self.compared()
        AnnotateTests.send(&s, journal, .char("S"))
        try Self.select(&s, journal, row: (try Self.suspects(s)).agreements[1].label)
        AnnotateTests.send(&s, journal, .enter)
        #expect(s.overlay == nil)
        #expect(s.selectedID == Self.t46)
        #expect(s.panes.focus == .detail)
        #expect(s.list.visible == [Self.u78, Self.t46])
        #expect(s.status.message?.hasPrefix("T 46: 2 cases in suspect gold") == true)
    }

    @Test func aInTheViewAcceptsTheAgreedValueAndNamesTheRunsItChanged() throws {
        var (s, journal) = try Self.compared()
        #expect(s.session?.scores?.runs.map { $0.verdicts[Self.t46].overall } == [false, false])
        AnnotateTests.send(&s, journal, .char("S"))
        try Self.select(&s, journal, row: (try Self.suspects(s)).agreements[1].label)
        AnnotateTests.send(&s, journal, .char("a"))
        let entries = try Journal.load(journal.url).entries
        #expect(entries.count == 1)
        #expect(entries.first?.kind == .addAlternative)
        #expect(entries.first?.key.split == "test_trained_user" && entries.first?.key.index == 46)
        #expect(entries.first?.changes.first?.after == .string("33 Nassau Ave, Brooklyn, NY 11222"))
        // Both runs now pass the case, and the status line says so.
        #expect(s.session?.scores?.runs.map { $0.verdicts[Self.t46].overall } == [true, true])
        #expect(s.status.message?.hasPrefix("gold edit: A and B now pass case T 46 · saved #1") == true)
        // Re-scored: the queue no longer holds it, and the view stays open.
        #expect(try Self.suspects(s).agreements.map(\.caseID) == [Self.u78])
        #expect(try Self.triage(s).kind == .suspects)
    }

    @Test func aOnTheAgreedPlatformSetsTheGoldPlatform() throws {
        var (s, journal) = try Self.compared()
        AnnotateTests.send(&s, journal, .char("S"), .char("a"))
        let entry = try #require(try Journal.load(journal.url).entries.first)
        #expect(entry.kind == .setPlatform && entry.key.index == 78)
        #expect(entry.changes.first?.after == .string("DoorDash"))
        #expect(s.status.message?.contains("gold edit: A and B now pass case U 78") == true)
    }

    // MARK: - a in a comparison

    @Test func aInAComparisonAsksWhichRunsValueToAccept() throws {
        var (s, journal) = try Self.compared()
        // U 4: A's title is accepted, B's is not.
        AnnotateTests.send(&s, journal, .char(":"))
        AnnotateTests.type(&s, journal, "U 4")
        AnnotateTests.send(&s, journal, .enter, .char("a"))
        guard case .runChoice(let choice)? = s.overlay else {
            Issue.record("no chooser")
            return
        }
        #expect(choice.function == "rate_content" && choice.parameter == "title")
        #expect(choice.choices.map { $0.value == nil } == [true, false])
        #expect(choice.choices[1].shown == "'Harbor Lights'")
        #expect(choice.cursor.index == 1)
        let text = Screen.text(s)
        #expect(text.contains("Accept which run's value"))
        #expect(text.contains("B  weak-sim    'Harbor Lights'"))
        #expect(text.contains("(gold accepts it already)"))
        #expect(journal.entries.isEmpty)
        AnnotateTests.send(&s, journal, .enter)
        #expect(s.overlay == nil)
        let entry = try #require(try Journal.load(journal.url).entries.first)
        #expect(entry.reason?.hasPrefix("accepted run B (weak-sim)'s predicted value 'Harbor Lights'") == true)
        #expect(s.status.message?.contains("gold edit: B now passes case U 4") == true)
        #expect(s.session?.scores?.runs.map { $0.verdicts[4].overall } == [true, true])
    }

    @Test func theChooserStartsOnRunAAndEscAcceptsNothing() throws {
        var (s, journal) = try Self.compared()
        AnnotateTests.send(&s, journal, .char(":"))
        AnnotateTests.type(&s, journal, "T 46")
        AnnotateTests.send(&s, journal, .enter, .char("a"))
        guard case .runChoice(let choice)? = s.overlay else {
            Issue.record("no chooser")
            return
        }
        #expect(choice.cursor.index == 0)
        #expect(s.status.message?.contains("(the focused run's, b / B to focus another)") == true)
        AnnotateTests.send(&s, journal, .char("j"))
        guard case .runChoice(let moved)? = s.overlay else { return }
        #expect(moved.cursor.index == 1)
        AnnotateTests.send(&s, journal, .escape)
        #expect(s.overlay == nil)
        #expect(journal.entries.isEmpty)
    }

    // MARK: - The status line after any gold edit

    @Test func aGoldEditThatBreaksARunSaysSo() throws {
        var (s, journal) = try Self.compared()
        // U 21: B's delivery time is gold's; changing the platform makes B fail.
        AnnotateTests.send(&s, journal, .char(":"))
        AnnotateTests.type(&s, journal, "U 21")
        AnnotateTests.send(&s, journal, .enter, .char(":"))
        AnnotateTests.type(&s, journal, "platform! Nowhere")
        AnnotateTests.send(&s, journal, .enter)
        #expect(s.status.message?.contains("gold edit: B now fails case U 21") == true)
        AnnotateTests.send(&s, journal, .char("u"))
        #expect(s.status.message?.contains("gold edit: B now passes case U 21") == true)
        // A note changes no gold: nothing is said about verdicts.
        AnnotateTests.send(&s, journal, .char(":"))
        AnnotateTests.type(&s, journal, "note checked")
        AnnotateTests.send(&s, journal, .enter)
        #expect(s.status.message?.contains("gold edit") == false)
    }

    @Test func theChooserStartsOnTheFocusedRun() throws {
        var (s, journal) = try Self.compared()
        AnnotateTests.send(&s, journal, .char(":"))
        AnnotateTests.type(&s, journal, "T 46")
        AnnotateTests.send(&s, journal, .enter, .char("b"), .char("a"))
        guard case .runChoice(let choice)? = s.overlay else {
            Issue.record("no chooser")
            return
        }
        #expect(s.session?.focusedRun == 1 && choice.cursor.index == 1)
        #expect(s.status.message?.contains("run B highlighted") == true, "\(s.status.message ?? "")")
    }
}
