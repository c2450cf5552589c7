import Evaluator
import Foundation
import TUICore
import Testing

@testable import Explorer

/// `y` (copy), `v` (pager) and Alt-E (editor): what each view hands out, through the reducer (the
/// effect it asks for, with its text), how the text is made safe and cut.
@Suite("Getting things out")
struct GettingOutTests {
    /// The sample loaded and scored at `width`×`height`, after `keys`.
    static func state(_ keys: [Key] = [], width: Int = 160, height: Int = 45) throws -> AppState {
        var s = Fixture.state(try Fixture.sample(), width: width, height: height)
        for k in keys { Fixture.send(&s, .key(k)) }
        return s
    }

    /// The one effect `key` asks for in `s`.
    static func effect(_ s: inout AppState, _ key: Key, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Effect? {
        let effects = Reducer.reduce(&s, .key(key)).filter { if case .buildDetail = $0 { false } else { true } }
        #expect(effects.count == 1, "\(key) asked for \(effects)", sourceLocation: sourceLocation)
        return effects.first
    }

    static func copied(_ s: AppState, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> FocusedText? {
        var s = s
        guard case .copy(let text)? = effect(&s, .char("y"), sourceLocation: sourceLocation) else { return nil }
        return text
    }

    static func paged(_ s: AppState, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> FocusedText? {
        var s = s
        guard case .page(let text)? = effect(&s, .char("v"), sourceLocation: sourceLocation) else { return nil }
        return text
    }

    static func json(_ s: AppState) throws -> JSONValue {
        let data = try #require(s.data)
        let entry = try #require(s.selected)
        return try #require(data.split(of: entry).fullCase(data.benchmarkCase(entry)))
    }

    // MARK: - What y and v take

    @Test func theCaseListAndCasePaneCopyThePredictedCallAsPTBenchWritesIt() throws {
        let s = try Self.state()
        let copy = try #require(Self.copied(s))
        #expect(copy.what == "the predicted call")
        // The model wrote `Teams:[set_status(status='out_of_office',until='2025-06-24 09:00')]`.
        #expect(copy.text == "Teams: [set_status(status='out_of_office', until='2025-06-24 09:00')]", "\(copy.text)")
        let inPane = try Self.state([.enter])
        #expect(Self.copied(inPane) == copy)
        // Y: the prediction as the model wrote it.
        var y = inPane
        #expect(
            Self.effect(&y, .char("Y"))
                == .copy(FocusedText("the raw prediction", "Teams:[set_status(status='out_of_office',until='2025-06-24 09:00')]"))
        )
        // v: the case pane's text, as laid out for the pane.
        let page = try #require(Self.paged(inPane))
        #expect(page.what == "the case pane")
        #expect(page.text.hasPrefix("Case 0 · test_untrained_user"), "\(String(page.text.prefix(80)))")
        #expect(page.text == FocusedText.plain(try #require(inPane.panes.lines?.detail)))
        #expect(page.text.contains("\nPrediction (raw text)\n  Teams:[set_status(status='out_of_office',until='2025"))
    }

    @Test func theContextPaneGivesTheProfileOrTheCatalogAsJSON() throws {
        let catalog = try Self.state([.enter, .enter])
        let json = try Self.json(catalog)
        let c = try #require(Self.copied(catalog))
        #expect(c.what == "the tool catalog")
        #expect(c.text.hasPrefix("{\n  \"platforms\": ["), "\(String(c.text.prefix(60)))")
        #expect(c.text.contains("\"tools\": "))
        #expect(Self.paged(catalog) == c)
        let profile = try Self.state([.enter, .enter, .char("c")])
        let p = try #require(Self.copied(profile))
        #expect(p.what == "the user profile")
        #expect(p.text == JSONRender.pretty(try #require(json["user_profile"])).joined(separator: "\n"))
    }

    @Test func theRawViewGivesTheCasesJSONAndThePrediction() throws {
        let raw = try Self.state([.char("r")], width: 100, height: 24)
        let json = JSONRender.pretty(try Self.json(raw)).joined(separator: "\n")
        #expect(json.hasPrefix("{\n  \"user_profile\": {\n"), "\(String(json.prefix(40)))")
        #expect(Self.copied(raw) == FocusedText("the case's JSON", json))
        let prediction = "Teams:[set_status(status='out_of_office',until='2025-06-24 09:00')]"
        var y = raw
        #expect(Self.effect(&y, .char("Y")) == .copy(FocusedText("the raw prediction", prediction)))
        #expect(Self.paged(raw) == FocusedText("the raw view", json + "\n\npredict:\n" + prediction))
    }

    @Test func thePromptViewGivesThePromptShown() throws {
        let api = try Self.state([.char("p")])
        let a = try #require(Self.copied(api))
        #expect(a.what == "the API prompt")
        let messages = Prompts.api(case: try Self.json(api))
        #expect(a.text == "[system]\n\(messages[0].content)\n\n[user]\n\(messages[1].content)")
        let qwen = try Self.state([.char("p"), .char("l")])
        let q = try #require(Self.copied(qwen))
        #expect(q.what == "the qwen prompt")
        #expect(q.text == Prompts.render(template: "qwen", case: try Self.json(qwen))?.text)
        #expect(Self.paged(qwen) == q)
    }

    @Test func aSummaryViewGivesTheHighlightedRowOrTheWholeView() throws {
        let s = try Self.state([.char("w"), .char("j")])
        guard case .triage(let t)? = s.overlay else {
            Issue.record("no users view")
            return
        }
        let row = try #require(Self.copied(s))
        #expect(row.what == "the row")
        #expect(row.text == FocusedText.plain([t.rows[t.cursor.index].line]).drop(while: { $0 == " " }).description)
        #expect(!row.text.isEmpty && !row.text.contains("\n"))
        let view = try #require(Self.paged(s))
        #expect(view.what == "the users view")
        #expect(view.text.split(separator: "\n", omittingEmptySubsequences: false).count == t.rows.count)
    }

    @Test func helpAndMessagesGiveTheirText() throws {
        let help = try Self.state([.char("?")])
        let h = try #require(Self.copied(help))
        #expect(h.what == "the help")
        #expect(h.text.contains("copy the help text to the clipboard (OSC 52)"))
        #expect(Self.paged(help) == h)
        var s = try Self.state([.char("u")])  // "nothing to undo": one message in the log
        Fixture.type(&s, ":messages")
        Fixture.send(&s, .key(.enter))
        let m = try #require(Self.copied(s))
        #expect(m.what == "the messages")
        #expect(m.text.contains("nothing to undo"), "\(m.text)")
    }

    @Test func nothingToTakeSaysSoAndAsksForNothing() throws {
        var s = try Self.state([.char("f")])
        #expect(Reducer.reduce(&s, .key(.char("y"))).isEmpty)
        #expect(s.message?.contains("does nothing here") == true, "\(s.message ?? "")")
    }

    // MARK: - Safe and capped

    @Test func copiedTextIsSanitizedButKeepsNewlinesAndTabs() {
        let t = FocusedText("x", "a\u{1B}]52;c;AAAA\u{07}b\u{202E}c\td\ne\r\u{85}")
        #expect(t.text == "a\\x1b]52;c;AAAA\\x07b\\u202ec\td\ne\\r\\x85")
    }

    @Test func theQuickCheckForCleanTextAgreesWithTheSanitizer() {
        var scalars = Array(0..<0x3000) + [0xFEFF, 0xFFFD, 0xFFFF, 0x1F600, 0x10FFFF]
        scalars.removeAll { (0xD800..<0xE000).contains($0) }
        for v in scalars {
            let text = "a" + String(Unicode.Scalar(UInt32(v))!) + "b"
            let sanitized = v == 0x09 || Sanitizer.clean(text, keepNewlines: true) == text
            #expect(FocusedText.isSafe(text) == sanitized, "U+\(String(v, radix: 16))")
        }
        // At the very end of the text too (a sequence cut short is not read past the end).
        #expect(!FocusedText.isSafe("x\u{202E}") && !FocusedText.isSafe("x\u{FEFF}") && !FocusedText.isSafe("\u{85}"))
    }

    @Test func theClipboardSequenceIsBase64BetweenOSC52AndBEL() throws {
        #expect(Clipboard.base64(Array("Man".utf8)) == Array("TWFu".utf8))
        #expect(Clipboard.base64(Array("Ma".utf8)) == Array("TWE=".utf8))
        #expect(Clipboard.base64(Array("M".utf8)) == Array("TQ==".utf8))
        let (bytes, cut) = Clipboard.sequence("zoë ✓")
        #expect(!cut)
        #expect(bytes.prefix(7) == Array("\u{1B}]52;c;".utf8)[...] && bytes.last == 0x07)
        let payload = try #require(Data(base64Encoded: Data(bytes.dropFirst(7).dropLast())))
        #expect(String(decoding: payload, as: UTF8.self) == "zoë ✓")
    }

    @Test func aLongTextIsCutAtACharacterBoundaryAndTheMessageSaysSo() throws {
        let long = String(repeating: "é", count: 60_000)  // 120,000 bytes
        let (bytes, cut) = Clipboard.sequence(long)
        #expect(cut)
        let payload = try #require(Data(base64Encoded: Data(bytes.dropFirst(7).dropLast())))
        #expect(payload.count == 100_000)
        #expect(String(decoding: payload, as: UTF8.self) == String(repeating: "é", count: 50_000))
        #expect(
            Clipboard.message(what: "the prediction", bytes: 100_000, cut: true, tmux: false)
                == "copied the prediction (100000 bytes, cut to the first 100 KB)")
        #expect(
            Clipboard.message(what: "the prediction", bytes: 312, cut: false, tmux: true)
                == "copied the prediction (312 bytes); tmux needs set-clipboard on")
    }

    // MARK: - Alt-E

    @Test func altEHandsTheNoteToTheEditorAndTakesItsTextBack() throws {
        var s = try Self.state([.char("m")])
        Fixture.type(&s, "first try")
        let edit = ExternalEdit(line: "note first try", prefix: "note ", text: "first try")
        #expect(Self.effect(&s, .alt("e")) == .editExternally(edit))
        Fixture.send(&s, .externallyEdited(edit, result: "written in vi", message: nil))
        #expect(s.editor?.line.text == "note written in vi")
        #expect(s.editor?.line.cursor == "note written in vi".count)
        // An editor that failed leaves the line and says why.
        let again = ExternalEdit.split("note written in vi")
        Fixture.send(&s, .externallyEdited(again, result: nil, message: "the editor (vi) exited with status 1"))
        #expect(s.editor?.line.text == "note written in vi")
        #expect(s.message == "the editor (vi) exited with status 1")
        // A result for a line that changed meanwhile is dropped.
        Fixture.send(&s, .externallyEdited(edit, result: "stale", message: nil))
        #expect(s.editor?.line.text == "note written in vi")
    }

    @Test func theEditorGetsTheReasonOfAFlagOrAnEditAndElseTheLine() {
        #expect(ExternalEdit.split("flag gold is wrong").prefix == "flag ")
        #expect(
            ExternalEdit.split("fn add x -- the reason")
                == ExternalEdit(
                    line: "fn add x -- the reason", prefix: "fn add x -- ", text: "the reason"))
        #expect(ExternalEdit.split("fn add x").prefix.isEmpty)
    }

    @Test func theEditorsFileBecomesOneLine() {
        #expect(ExternalEdit.line(fromFile: "one\ntwo\tthree\n\n") == "one two three")
        #expect(ExternalEdit.line(fromFile: "crlf\r\nline\r\n") == "crlf line")
        #expect(ExternalEdit.line(fromFile: "esc \u{1B}[2J") == "esc \\x1b[2J")
    }

    @Test func commandVariablesSplitLikeShellWords() {
        #expect(ForegroundProcess.words("less -R") == ["less", "-R"])
        #expect(
            ForegroundProcess.words("  'my pager'  \"-x \\\"y\\\" \\n\" a\\ b ''") == ["my pager", "-x \"y\" \\n", "a b", ""])
        #expect(ForegroundProcess.words("vi 'unclosed") == nil)
        #expect(ForegroundProcess.words("") == [])
    }
}
