import Evaluator
import Explorer
import Foundation
import TUICore
import Testing

/// The case pane says where a wrong profile value came from; the profile context marks the field
/// gold's value is in and the field the prediction took.
@Suite("Provenance in the case and profile panes")
struct ProvenancePaneTests {
    /// weak-sim at 200×50 on test_untrained_user #`index`, with the profile in the context pane.
    static func opened(_ index: Int) throws -> AppState {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 200, height: 50)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "U \(index)")
        Fixture.keys(&s, .enter, .char("c"))
        return s
    }

    static func texts(_ lines: [Line]) -> [String] { lines.map { $0.spans.map(\.text).joined() } }

    /// The marks after the field `label` of the profile tree: at the end of its line, or the next line.
    static func marked(_ context: [String], _ label: String) -> String? {
        guard let k = context.firstIndex(where: { $0.contains(label) }) else { return nil }
        for line in context[k...].prefix(2) {
            if let r = line.range(of: "● ") ?? line.range(of: "◆ ") { return String(line[r.lowerBound...]) }
        }
        return nil
    }

    @Test func aSwappedAddressSaysWhichFieldWasUsedAndBothFieldsAreMarked() throws {
        // Hand-checked (TriageTests.provenanceOfASwappedAddress): #8 used the work address where gold
        // accepts the home address.
        let s = try Self.opened(8)
        let lines = try #require(s.panes.lines)
        let detail = Self.texts(lines.detail)
        let finding = try #require(detail.firstIndex { $0.contains("value mismatch return_item.pickup_address") })
        // Under the finding (its wrapped lines first, before the next finding or the blank line).
        let under = detail[(finding + 1)...].prefix { !$0.isEmpty && !$0.hasPrefix("  • ") }
        #expect(under.contains { $0.hasPrefix("    → used `work_address` instead of `home_address`") }, "\(detail)")

        let context = Self.texts(lines.context)
        #expect(context.first?.contains("● gold's profile value  ◆ the prediction's") == true)
        // On the field's line when it fits, else on the line below it.
        #expect(Self.marked(context, "home_address:") == "● return_item.pickup_address", "\(context)")
        #expect(Self.marked(context, "work_address:") == "◆ return_item.pickup_address", "\(context)")
        // The marks carry the gold and predicted roles.
        let span = try #require(lines.context.flatMap(\.spans).first { $0.text == " ● return_item.pickup_address" })
        #expect(span.role == .gold)
        // On screen, in the context pane.
        #expect(Screen.text(s).contains("◆ return_item.pickup_address"))
    }

    @Test func anInventedValueAndANearMissSayThat() throws {
        var detail = Self.texts(try #require(try Self.opened(20).panes.lines).detail)
        #expect(detail.contains { $0.contains("→ invented (in neither the profile nor the query)") }, "\(detail)")
        detail = Self.texts(try #require(try Self.opened(65).panes.lines).detail)
        #expect(detail.contains { $0.contains("→ a float within 0.01 of the gold number") }, "\(detail)")
    }

    @Test func aPassingCaseMarksTheGoldFieldTheRightValueCameFrom() throws {
        // strong-sim answered #8 with the home address: gold and prediction on the same field.
        var s = Fixture.state(try Fixture.sample("strong-sim"), width: 200, height: 50)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "U 8")
        Fixture.keys(&s, .enter, .char("c"))
        let context = Self.texts(try #require(s.panes.lines).context)
        #expect(
            Self.marked(context, "home_address:") == "● return_item.pickup_address ◆ return_item.pickup_address",
            "\(context)")
        #expect(!Self.texts(try #require(s.panes.lines).detail).contains { $0.contains("→ used") })
    }
}
