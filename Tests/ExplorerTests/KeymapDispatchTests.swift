import Evaluator
import Explorer
import Foundation
import TUICore
import Testing

/// Every binding of every keymap context, reduced in a state where it can act: a key that changes
/// nothing on screen (text or roles) and asks for no effect is decoration, and fails here.
@Suite("Keymap dispatch")
struct KeymapDispatchTests {
    /// A state at 200×24 (three panes, short enough that the panes scroll) with a journal, after
    /// `keys`.
    static func state(_ keys: [Key], compared: Bool = false) throws -> (AppState, Journal) {
        var (base, journal, _) = try AnnotateTests.setUp()
        if compared { base = Fixture.state(try Fixture.compared(), width: 160, height: 45) }
        var s = base
        // `A` asks an in-process asker (the re-ask view's keys need an answer on screen).
        s.asker = FixedAsker()
        s.width = 200
        s.height = 24
        Fixture.send(&s, .resize(width: 200, height: 24))
        for k in keys { AnnotateTests.send(&s, journal, k) }
        return (s, journal)
    }

    static func chars(_ text: String) -> [Key] { text.map { Key.char($0) } }

    /// The keys that bring the explorer into each context, with room for every binding there to
    /// act (a cursor in the middle, panes scrolled, a search committed, a line half typed).
    static func setUp(_ context: KeyContext, for command: Command) -> [Key] {
        let search: [Key] = [.char("/")] + chars("zo") + [.enter]
        switch context {
        case .list, .global: return search + [.char("g"), .char("j"), .char("j"), .char("j")]
        case .detail: return [.enter] + chars("jjj")
        case .context: return [.enter, .enter] + chars("jjj")
        case .help: return [.char("?")] + chars("jjj")
        case .messages:
            // Thirty messages (undo and redo with nothing to do, in turn), then the log, scrolled.
            return Array(repeating: chars("uU"), count: 15).flatMap { $0 } + [.char(":")] + chars("messages")
                + [.enter] + chars("jjj")
        case .raw: return [.char("r")] + chars("jjj")
        case .filter: return [.char("f")] + chars("jjj")
        case .options: return [.char("o"), .char("j")]
        case .triage:
            if command == .nextTemplate || command == .previousTemplate { return [.char("p")] }
            return [.char("d")] + chars("jjj")
        case .edits: return chars("CjCjCj") + [.char("e"), .char("j")]
        case .command: return [.char(":")] + chars("fn add x") + [.left]
        case .export: return [.char("x"), .left]
        case .lineEditor where command == .historyOlder: return search + [.char("/")] + chars("hel")
        case .lineEditor where command == .historyNewer: return search + [.char("/")] + chars("hel") + [.up]
        case .search, .lineEditor: return [.char("/")] + chars("hello wo") + [.left, .left]
        case .suspects: return [.char("S"), .char("j")]
        // The cell cursor one column in, so every move has somewhere to go.
        case .leaderboard: return [.char("L"), .char("l")]
        case .reask: return [.char("A")] + chars("jjj")
        case .runChoice:
            // T 46: both runs have a value to accept; the moves up start from the second.
            let down: Set<Command> = [.moveUp, .first, .pageUp]
            return [.char(":")] + chars("T 46") + [.enter, .char("a")] + (down.contains(command) ? [.char("j")] : [])
        }
    }

    @Test func everyBindingInEveryContextDoesSomething() throws {
        // One state per set-up (loading and scoring the sample is the slow part).
        var states: [String: AppState] = [:]
        for section in ExplorerKeymap.table.sections {
            for binding in section.bindings {
                let setup = Self.setUp(section.context, for: binding.action)
                let compared = [.suspects, .runChoice, .leaderboard].contains(section.context)
                let name = (compared ? "compared " : "") + setup.map(\.description).joined(separator: " ")
                let before = try states[name] ?? Self.state(setup, compared: compared).0
                states[name] = before
                #expect(
                    ExplorerKeymap.contexts(for: before).contains(section.context),
                    "the set-up for \(section.context) does not reach it")
                for key in binding.keys {
                    var s = before
                    let effects = Reducer.reduce(&s, .key(key))
                    // The whole frame, roles included (a selection moves by its colour).
                    let changed = Screen.render(s) != Screen.render(before)
                    #expect(
                        changed || !effects.isEmpty,
                        "\(key) (\(binding.action)) in \(section.context) changes nothing and asks for nothing")
                }
            }
        }
    }

    @Test func aLineBeingTypedTakesEveryEditingKeyFromTheTable() throws {
        var (s, journal) = try Self.state([.char("/")] + Self.chars("hello world"))
        for k in [Key.ctrl("a"), .right, .right, .delete, .end, .ctrl("w")] { AnnotateTests.send(&s, journal, k) }
        #expect(s.editor?.line.text == "helo ")
        AnnotateTests.send(&s, journal, .ctrl("b"))
        AnnotateTests.send(&s, journal, .ctrl("k"))
        #expect(s.editor?.line.text == "helo")
        AnnotateTests.send(&s, journal, .ctrl("u"))
        #expect(s.editor?.line.text == "")
        // The status bar's hints come from the table: the search context's and the editor's.
        let bar = Screen.text(s).split(separator: "\n").last.map(String.init) ?? ""
        #expect(bar.contains("Enter search") && bar.contains("Esc cancel") && bar.contains("Ctrl-U clear"), "\(bar)")
        AnnotateTests.send(&s, journal, .escape)
        #expect(s.editor == nil && s.list.search.query.isEmpty)
    }
}
