import Evaluator
import Foundation
import TUICore
import Testing

@testable import Explorer

/// `/` with scopes (`query:`, `pred:`, `gold:`, `profile:`, `tools:`), `re:` and case-insensitive
/// matching for all of Unicode.
@Suite("Scoped search")
struct ScopedSearchTests {
    static func ids(_ query: String, _ data: ExplorerData) -> [Int] { Search.run(query, in: data) }

    @Test func readsScopesAndRegex() throws {
        #expect(try Search.Query.parse("Müller") == .init(scopes: [], pattern: "Müller", isRegex: false))
        #expect(try Search.Query.parse("query:pred:x") == .init(scopes: [.query, .pred], pattern: "x", isRegex: false))
        #expect(try Search.Query.parse("pred:re:^\\[") == .init(scopes: [.pred], pattern: "^\\[", isRegex: true))
        // After re: everything is the pattern; an unknown word before a colon is text.
        #expect(try Search.Query.parse("re:query:") == .init(scopes: [], pattern: "query:", isRegex: true))
        #expect(try Search.Query.parse("time: 10:30") == .init(scopes: [], pattern: "time: 10:30", isRegex: false))
        #expect(throws: Search.Failure.self) { try Search.Query.parse("gold:") }
    }

    @Test func anInvalidRegexSaysWhereItFailed() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "pred:re:^\\[(ab")
        Fixture.keys(&s, .enter)
        let message = try #require(s.message)
        #expect(message.hasPrefix("re: cannot read the regular expression at character 4 (after “^\\[”): "), "\(message)")
        #expect(s.list.search.query.isEmpty)
    }

    @Test func scopesLimitWhereItLooks() throws {
        let data = try Fixture.sample()
        // "Reykjavík" is in queries; a user's home is never there.
        let inQueries = Self.ids("query:reykjavík", data)
        #expect(!inQueries.isEmpty)
        #expect(inQueries.allSatisfy { data.cases[$0].query.lowercased().contains("reykjavík") })
        // Profiles: Zoë Ångström's name is in her profile, in no query.
        #expect(Self.ids("query:Ångström", data).isEmpty)
        let hers = Self.ids("profile:Ångström", data)
        #expect(!hers.isEmpty && hers.allSatisfy { data.users[data.cases[$0].user].name == "Zoë Ångström" })
        // Gold: the platform in the answer; tools: the catalog has platforms gold does not use.
        let gold = Self.ids("gold:re:^\\[\"Teams\"", data)
        #expect(gold.count == data.cases.filter { $0.goldPlatform == "Teams" }.count)
        #expect(Self.ids("tools:Slack", data).count > Self.ids("gold:Slack", data).count)
        // Two scopes: the union.
        let both = Set(Self.ids("query:pred:Reykjavík", data))
        #expect(both.isSuperset(of: inQueries) && both.count >= inQueries.count)
    }

    @Test func regexMatchesPerScope() throws {
        let data = try Fixture.sample()
        // Predictions that start with the platform name (`Teams:[…]` or similar), not with a bracket.
        let bracket = Self.ids("pred:re:^\\[", data)
        let all = Self.ids("pred:re:.", data)
        #expect(!all.isEmpty && bracket.count < all.count)
        #expect(Self.ids("re:zzz+q", data).isEmpty)
        #expect(Self.ids("query:re:REYKJAV[ÍI]K", data) == Self.ids("query:reykjavík", data))
    }

    @Test func unicodeCaseInsensitive() throws {
        let data = try Fixture.sample()
        #expect(Self.ids("REYKJAVÍK", data) == Self.ids("reykjavík", data))
        // Her name is written “Zoë Ångström”: any case finds it.
        let hers = Self.ids("ÅNGSTRÖM", data)
        #expect(!hers.isEmpty && hers == Self.ids("ångström", data) && hers == Self.ids("zoë ångström", data))
        #expect(!Self.ids("SØREN ØSTERGAARD", data).isEmpty)
        // The matcher on texts the sample does not have: folding beyond lowercasing.
        func finds(_ needle: String, _ text: String) throws -> Bool {
            try Search.Matcher(Search.Query.parse(needle)).text(text)
        }
        #expect(try finds("ÉCOLE", "une école"))
        #expect(try finds("école", "UNE ÉCOLE"))
        #expect(try finds("STRASSE", "die Hauptstraße"))
        #expect(try finds("straße", "HAUPTSTRASSE"))
        #expect(try finds("ΟΔΟΣ", "μια οδος"))
        #expect(try finds("οδοσ", "ΜΙΑ ΟΔΟΣ"))
        #expect(try finds("kelvin", "\u{212A}ELVIN"))
        #expect(try !finds("ecole", "école"))
        // Only the text around such characters is compared the Unicode way: far into a long text,
        // next to others, and past the most positions listed (then the whole text is compared).
        let long = String(repeating: "x", count: 3000) + " Die HAUPTSTRAẞE " + String(repeating: "y", count: 3000)
        #expect(try finds("hauptstraße", long) && finds("STRASSE", long) && !finds("strassen", long))
        let crowded = String(repeating: "É ", count: 40) + "ÉCOLE"
        #expect(try finds("école", crowded) && !finds("écoles", crowded))
        #expect(try finds("e\u{301}cole", "UNE ÉCOLE"))  // a combining accent: canonically the same
        // JSON text with \u escapes is read as its characters.
        let json = Array(#"{"name": "\u00c9COLE"}"#.utf8)
        #expect(try Search.Matcher(Search.Query.parse("école")).bytes(json, 0..<json.count))
        #expect(try Search.Matcher(Search.Query.parse("re:^.*ÉCOLE")).bytes(json, 0..<json.count))
    }

    @Test func highlightsFollowTheQuery() {
        let text = "Fly to REYKJAVÍK, then reykjavík"
        #expect(Search.ranges(of: "query:reykjavík", in: text).count == 2)
        #expect(Search.ranges(of: "re:rey[a-z]+", in: text).map { String(text[$0]) } == ["REYKJAV", "reykjav"])
    }
}
