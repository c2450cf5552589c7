import TUICore
import Testing

@Suite("LineHistory")
struct LineHistoryTests {
    @Test func recordsSubmittedLinesButNotBlankOnesOrARepeatOfTheNewest() {
        var h = LineHistory()
        var stored: [Bool] = []
        for line in ["alpha", "alpha", "", "   \t", "beta", "alpha"] { stored.append(h.record(line)) }
        // A repeat of an older entry is stored again: it is the newest now.
        #expect(stored == [true, false, false, false, true, true])
        #expect(h.entries == ["alpha", "beta", "alpha"])
        let long = h.record(String(repeating: "x", count: LineHistory.maxLineLength + 1))
        let longest = h.record(String(repeating: "x", count: LineHistory.maxLineLength))
        #expect(!long && longest)
    }

    @Test func keepsAtMostTheLimitDroppingTheOldest() {
        var h = LineHistory(limit: 3)
        for line in ["1", "2", "3", "4", "5"] { h.record(line) }
        #expect(h.entries == ["3", "4", "5"])
        let full = LineHistory((1...600).map(String.init))
        #expect(full.entries.count == 500 && full.entries.first == "101" && full.entries.last == "600")
        #expect(LineHistory(["a", "a", "b", "b"]).entries == ["a", "b"])
    }

    @Test func upGoesOlderDownNewerAndTheTypedLineComesBackAfterTheNewest() {
        let h = LineHistory(["first", "second", "third"])
        var r = LineHistory.Recall()
        var shown: [String?] = []
        shown.append(r.newer(in: h))  // nothing newer than the typed line
        shown.append(r.older(in: h, current: "dra"))
        shown.append(r.older(in: h, current: "third"))
        shown.append(r.older(in: h, current: "second"))
        shown.append(r.older(in: h, current: "first"))  // the oldest: stays
        #expect(shown == [nil, "third", "second", "first", nil])
        #expect(r.index == 0)
        shown = [r.newer(in: h), r.newer(in: h), r.newer(in: h), r.newer(in: h)]
        #expect(shown == ["second", "third", "dra", nil])
        #expect(r.index == nil)
        // A new walk keeps the line typed now.
        shown = [r.older(in: h, current: "other"), r.newer(in: h)]
        #expect(shown == ["third", "other"])
    }

    @Test func anEmptyHistoryRecallsNothing() {
        var r = LineHistory.Recall()
        let shown = [r.older(in: LineHistory(), current: "typed"), r.newer(in: LineHistory())]
        #expect(shown == [nil, nil])
        #expect(r == LineHistory.Recall())
    }
}
