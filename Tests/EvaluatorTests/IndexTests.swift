import Evaluator
import Foundation
import Testing

/// Indexing a data.json: values that repeat from case to case are validated once and then
/// recognized byte for byte; lines, ranges, user keys and errors must not notice.
@Suite("Indexing data.json")
struct IndexTests {
    static let tools =
        #"[{"name": "search_flights", "description": "Search flights", "parameters": {"type": "object", "properties": {"origin": {"type": "string"}}}}]"#
    static let otherTools =
        #"[{"name": "search_flights", "description": "Search flights", "parameters": {"type": "object", "properties": {"origin": {"type": "number"}}}}]"#

    static func profile(_ name: String, indent: String = "") -> String {
        "{\n\(indent)  \"basic_features\": {\"name\": \"\(name)\", \"home_address\": \"1 Long Street, Somewhere Far Away\"},\n\(indent)  \"preferences\": {\"travel\": \"prefers window seats\"}\n\(indent)}"
    }

    static func caseText(profile: String, tools: String) -> String {
        """
          {
            "user_profile": \(profile),
            "platforms": ["Booking", "Expedia", "Agoda"],
            "tools": \(tools),
            "query": "q",
            "answer": ["A", [{"f": {"x": ["1"]}}]],
            "query_params": ["x"],
            "profile_params": []
          }
        """
    }

    static func file(_ cases: [String]) -> [UInt8] {
        Array(("[\n" + cases.joined(separator: ",\n") + "\n]\n").utf8)
    }

    /// The 1-based line of each case's opening brace, counted the slow way.
    static func caseLines(_ bytes: [UInt8]) -> [Int] {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element == "  {" }.map { $0.offset + 1 }
    }

    @Test("lines, raw ranges and user keys are right when values repeat")
    func repeatedValues() throws {
        let cases = [
            IndexTests.caseText(profile: IndexTests.profile("Ann"), tools: IndexTests.tools),
            IndexTests.caseText(profile: IndexTests.profile("Bob"), tools: IndexTests.tools),
            IndexTests.caseText(profile: IndexTests.profile("Ann"), tools: IndexTests.otherTools),
            IndexTests.caseText(profile: IndexTests.profile("Ann", indent: "    "), tools: IndexTests.tools),
            IndexTests.caseText(profile: IndexTests.profile("Bob"), tools: IndexTests.otherTools),
        ]
        let bytes = IndexTests.file(cases)
        let indexed = try SplitData.index(bytes, split: "test_trained_user", file: "data.json")
        #expect(indexed.count == 5)
        #expect(indexed.map(\.line) == IndexTests.caseLines(bytes))
        for (k, c) in indexed.enumerated() {
            let full = try JSONReader.parse(Array(bytes[c.byteRange]))
            for key in ["user_profile", "platforms", "tools"] {
                let range = try #require(c.rawRanges[key])
                let raw = try JSONReader.parse(Array(bytes[range]))
                #expect(raw == full[key], "case \(k) \(key)")
            }
        }
        // Same profile content (whitespace aside) is the same user; another name is another user.
        #expect(indexed[0].userKey == indexed[2].userKey)
        #expect(indexed[0].userKey == indexed[3].userKey)
        #expect(indexed[1].userKey == indexed[4].userKey)
        #expect(indexed[0].userKey != indexed[1].userKey)
    }

    @Test("a near-copy of a validated value is still validated")
    func nearCopies() throws {
        // The same first bytes as the tools seen before, then a raw tab inside a string (invalid JSON).
        let broken = IndexTests.tools.replacingOccurrences(of: "\"string\"", with: "\"str\ting\"")
        let bytes = IndexTests.file([
            IndexTests.caseText(profile: IndexTests.profile("Ann"), tools: IndexTests.tools),
            IndexTests.caseText(profile: IndexTests.profile("Ann"), tools: broken),
        ])
        #expect {
            _ = try SplitData.index(bytes, split: "s", file: "data.json")
        } throws: { error in
            let e = try #require(error as? InputError)
            let tab = bytes.firstIndex(of: 0x09)!
            return e.line == 1 + bytes[..<tab].filter { $0 == 0x0A }.count && e.message.contains("control character")
        }
        // A value with the same first bytes as an earlier one, but more after them, is read as itself.
        let longer = IndexTests.tools.dropLast() + #", {"name": "book_flight"}]"#
        let ok = IndexTests.file([
            IndexTests.caseText(profile: IndexTests.profile("Ann"), tools: IndexTests.tools),
            IndexTests.caseText(profile: IndexTests.profile("Ann"), tools: String(longer)),
        ])
        let indexed = try SplitData.index(ok, split: "s", file: "data.json")
        let range = try #require(indexed[1].rawRanges["tools"])
        #expect(String(decoding: ok[range], as: UTF8.self) == String(longer))
    }
}
