import Evaluator
import TUICore
import Testing

@testable import Explorer

/// `>` / `<` in the summary views: every table by any column, both ways, numbers by value, ties
/// in the model's order, the selection on its row; and `l` / `h` scrolling a table too wide.
@Suite("Summary view sorting and scrolling")
struct TriageSortTests {
    static func overlay(_ s: AppState) throws -> TriageOverlay {
        guard case .triage(let t)? = s.overlay else { throw Failure("no summary view open") }
        return t
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// The users view of the weak-sim sample at `width`×`height`.
    static func users(width: Int = 120, height: Int = 40) throws -> AppState {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: width, height: height)
        Fixture.keys(&s, .char("w"))
        return s
    }

    /// The rows of `t` that show a user, in the order shown.
    static func userRows(_ t: TriageOverlay) -> [TriageRow] { t.rows.filter { $0.user != nil } }

    /// `ids` ordered by `key` as a stable sort does, ties in their given order either way.
    static func stable<K: Comparable>(_ items: [Triage.UserRow], descending: Bool, _ key: (Triage.UserRow) -> K) -> [String] {
        items.enumerated().sorted { a, b in
            let (ka, kb) = (key(a.element), key(b.element))
            return ka != kb ? (descending ? ka > kb : ka < kb) : a.offset < b.offset
        }.map { "user \($0.element.name)" }
    }

    @Test func usersSortByEveryColumnBothWaysNumbersByValueTiesInTheModelsOrder() throws {
        var s = try Self.users()
        let model = try #require(s.session?.triage?.users)
        #expect(Self.userRows(try Self.overlay(s)).map(\.label) == model.map { "user \($0.name)" })
        // > : by user name (case-insensitive), the header marked; < reverses.
        Fixture.keys(&s, .char(">"))
        var t = try Self.overlay(s)
        #expect(Self.userRows(t).map(\.label) == Self.stable(model, descending: false) { $0.name.lowercased() })
        #expect(t.rows.contains { $0.line.plain.contains("user ▲") })
        #expect(s.status.message?.contains("sorted by user") == true)
        Fixture.keys(&s, .char("<"))
        t = try Self.overlay(s)
        #expect(Self.userRows(t).map(\.label) == Self.stable(model, descending: true) { $0.name.lowercased() })
        #expect(t.rows.contains { $0.line.plain.contains("user ▼") })
        // > > : cases, by the number (8 before 10, which text order would not give), ties kept.
        Fixture.keys(&s, .char(">"), .char(">"))
        t = try Self.overlay(s)
        #expect(Self.userRows(t).map(\.label) == Self.stable(model, descending: false) { $0.count })
        #expect(t.rows.contains { $0.line.plain.contains("cases ▲") })
        #expect(Set(model.map(\.count)).count > 1 && model.contains { $0.count >= 10 } && model.contains { $0.count < 10 })
        Fixture.keys(&s, .char("<"))
        t = try Self.overlay(s)
        #expect(Self.userRows(t).map(\.label) == Self.stable(model, descending: true) { $0.count })
        // Accuracy, by the value.
        Fixture.keys(&s, .char("<"), .char(">"), .char(">"))
        t = try Self.overlay(s)
        #expect(Self.userRows(t).map(\.label) == Self.stable(model, descending: false) { $0.accuracy ?? -1 })
        // After the last column, the model's order again, unmarked.
        Fixture.keys(&s, .char(">"), .char(">"))
        t = try Self.overlay(s)
        #expect(t.sort.isNatural)
        #expect(Self.userRows(t).map(\.label) == model.map { "user \($0.name)" })
        #expect(!t.rows.contains { $0.line.plain.contains("▲") || $0.line.plain.contains("▼") })
    }

    @Test func theSelectionStaysOnItsRowWhateverTheOrder() throws {
        var s = try Self.users()
        Fixture.keys(&s, .char("j"), .char("j"), .char("j"))
        let before = try Self.overlay(s)
        let selected = before.rows[before.cursor.index].label
        #expect(selected.hasPrefix("user "))
        for key in ">><>>>><" {
            Fixture.keys(&s, .char(key))
            let t = try Self.overlay(s)
            #expect(t.rows[t.cursor.index].label == selected, "after \(key)")
            #expect(t.cursor.index >= t.cursor.top && t.cursor.index < t.cursor.top + Layout(s).overlayRows)
        }
        // Enter still filters to that user.
        Fixture.keys(&s, .enter)
        #expect(s.status.message?.contains(selected) == true)
    }

    @Test func missingValuesSortLastBothWaysAndTiesKeepTheirOrder() {
        func row(_ name: String, _ v: Double?) -> TriageTable.Row {
            TriageTable.Row(cells: [Line(name)], keys: [.text(name), .of(v)], cases: [], label: name)
        }
        let rows = [row("a", 10), row("b", nil), row("c", 9), row("d", 100), row("e", 9), row("f", nil)]
        let up = TriageTable.sorted(rows, TriageSort(column: 1)).map(\.label)
        let down = TriageTable.sorted(rows, TriageSort(column: 1, descending: true)).map(\.label)
        #expect(up == ["c", "e", "a", "d", "b", "f"])
        #expect(down == ["d", "a", "c", "e", "b", "f"])
        // The natural order reversed, and text without regard to case.
        #expect(TriageTable.sorted(rows, TriageSort(descending: true)).map(\.label) == ["f", "e", "d", "c", "b", "a"])
        let words = [row("beta", 1), row("Alpha", 1), row("alpha", 1)]
        #expect(TriageTable.sorted(words, TriageSort(column: 0)).map(\.label) == ["Alpha", "alpha", "beta"])
    }

    @Test func toolsKeepEachAPIUnderItsPlatformSortedAmongThemselves() throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 120, height: 40)
        Fixture.keys(&s, .char("t"), .char(">"), .char(">"), .char("<"))
        let t = try Self.overlay(s)
        #expect(t.rows.contains { $0.line.plain.contains("gold ▼") })
        let platforms = try #require(s.session?.triage?.tools)
        // Platforms by gold count, most first; each one's APIs right below it, by gold count too.
        let shown = t.rows.filter { $0.label.hasPrefix("platform ") }.map(\.label)
        let expected = platforms.enumerated().sorted { a, b in
            a.element.gold != b.element.gold ? a.element.gold > b.element.gold : a.offset < b.offset
        }.map { "platform \($0.element.name)" }
        #expect(shown == expected)
        var current: Triage.PlatformRow?
        var golds: [Int] = []
        for row in t.rows where row.cases != nil {
            if row.label.hasPrefix("platform ") {
                #expect(golds == golds.sorted(by: >), "the APIs of \(current?.name ?? "")")
                current = platforms.first { "platform \($0.name)" == row.label }
                golds = []
            } else if let p = current {
                #expect(row.label.hasPrefix("API \(p.name)."), "\(row.label) under \(p.name)")
                golds.append(p.apis.first { "API \(p.name).\($0.name)" == row.label }?.gold ?? -1)
            }
        }
    }

    @Test func dashboardBreakdownsSortAndTheMetricsTableStays() throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 120, height: 40)
        Fixture.keys(&s, .char("d"))
        let before = try Self.overlay(s).rows.prefix(8).map(\.line.plain)
        Fixture.keys(&s, .char(">"), .char(">"), .char(">"), .char(">"))
        let t = try Self.overlay(s)
        #expect(Array(t.rows.prefix(8).map(\.line.plain)) == before, "PTBench's metrics are not a sortable table")
        let breakdowns = try #require(s.session?.triage?.dashboards.first?.breakdowns)
        for b in breakdowns {
            let shown = t.rows.filter { $0.label.hasPrefix("\(b.dimension.rawValue): ") }.map(\.label)
            let expected = b.rows.enumerated().sorted { x, y in
                let (a, c) = (x.element.accuracy ?? .infinity, y.element.accuracy ?? .infinity)
                return a != c ? a < c : x.offset < y.offset
            }.map { "\(b.dimension.rawValue): \($0.element.label)" }
            #expect(shown == expected, "by \(b.dimension.rawValue)")
        }
        #expect(t.rows.filter { $0.line.plain.contains("accuracy ▲") }.count == breakdowns.count)
    }

    @Test func aTableWiderThanThePaneScrollsByColumnsItsLabelFrozen() throws {
        var s = try Self.users(width: 80, height: 24)
        var t = try Self.overlay(s)
        let header = { (t: TriageOverlay) in t.rows.first { $0.line.plain.contains("cases") }?.line.plain ?? "" }
        // At 80 columns the error column (with its count) does not fit: it is out of view, not cut.
        #expect(t.overflowsRight == true)
        #expect(header(t).hasSuffix("→") && !header(t).contains("most common error"))
        #expect(!Screen.text(s).contains("(3") && !t.rows.dropFirst().contains { $0.line.plain.contains("…") })
        // l scrolls right: the user column stays, the others move, ← marks what went left.
        var steps = 0
        while t.overflowsRight && steps < 6 {
            Fixture.keys(&s, .char("l"))
            t = try Self.overlay(s)
            steps += 1
        }
        #expect(steps >= 1 && t.overflowsRight == false)
        #expect(header(t).contains("←") && header(t).contains("most common error") && header(t).hasPrefix("  user"))
        #expect(Screen.text(s).contains("Søren Østergaard") && Screen.text(s).contains("(3)"))
        Fixture.keys(&s, .char("l"))
        #expect(s.status.message == "every column is in view")
        // h (and ←) scroll back; at the first column it says so.
        for _ in 0..<steps { Fixture.keys(&s, .left) }
        t = try Self.overlay(s)
        #expect(t.columnOffset == 0 && !header(t).contains("←"))
        Fixture.keys(&s, .char("h"))
        #expect(s.status.message == "already at the first column")
        // The prompt view keeps ←/→ for its templates.
        Fixture.keys(&s, .escape, .char("p"), .char("l"))
        #expect(s.session?.options.promptTemplate == 1)
    }

    @Test func theMetricsTableOfALenientComparisonScrollsAtEightyColumns() throws {
        var s = Fixture.state(try Fixture.compared(), width: 80, height: 24)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "set lenient")
        Fixture.keys(&s, .enter, .char("d"))
        var t = try Self.overlay(s)
        // The row above the first metric's.
        let header = { (t: TriageOverlay) in
            t.rows.firstIndex { $0.label.hasSuffix(" missed") }.map { t.rows[$0 - 1].line.plain } ?? ""
        }
        // U, T, all and the reference whole; the runs' columns out of view on the right, not cut.
        #expect(header(t).contains("reference") && header(t).hasSuffix("→"), "\(header(t))")
        let metrics = t.rows.filter { $0.label.hasSuffix(" missed") }
        #expect(metrics.count == Metric.allCases.count && !metrics.contains { $0.line.plain.contains("…") })
        #expect(!header(t).contains("Δ"))
        Fixture.keys(&s, .char("l"), .char("l"))
        t = try Self.overlay(s)
        #expect(header(t).contains("Δ") && header(t).contains("←"), "\(header(t))")
        #expect(t.rows.first { $0.label == "overall missed" }?.line.plain.hasPrefix("  overall") == true)
        // Sorting leaves PTBench's metrics in their order.
        Fixture.keys(&s, .char(">"), .char(">"))
        t = try Self.overlay(s)
        #expect(t.rows.filter { $0.label.hasSuffix(" missed") }.map(\.label) == Metric.allCases.map { "\($0.rawValue) missed" })
    }

    @Test func aWiderTerminalScrollsBackWhatNoLongerNeedsScrolling() throws {
        var s = try Self.users(width: 80, height: 24)
        Fixture.keys(&s, .char("l"))
        #expect(try Self.overlay(s).columnOffset == 1)
        Fixture.send(&s, .resize(width: 200, height: 50))
        let t = try Self.overlay(s)
        #expect(t.columnOffset == 0 && t.overflowsRight == false)
        #expect(!t.rows.contains { $0.line.plain.contains("←") })
    }

    @Test func inASCIITheMarksAreASCII() throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 80, height: 24, glyphs: .ascii)
        Fixture.keys(&s, .char("w"), .char(">"))
        var t = try Self.overlay(s)
        let header = { (t: TriageOverlay) in t.rows.first { $0.line.plain.contains("cases") }?.line.plain ?? "" }
        #expect(header(t).contains("user ^") && header(t).hasSuffix(">"), "\(header(t))")
        Fixture.keys(&s, .char("<"), .char("l"))
        t = try Self.overlay(s)
        #expect(header(t).contains("user v") && header(t).contains("< "), "\(header(t))")
        #expect(Screen.text(s).unicodeScalars.allSatisfy { $0.isASCII || $0 == "\n" })
    }
}
