import Explorer
import Foundation
import TUICore
import Testing

@Suite("Keymap")
struct KeymapTests {
    @Test func noKeyIsBoundTwiceInAContext() {
        let conflicts = ExplorerKeymap.table.conflicts()
        #expect(conflicts.isEmpty, "\(conflicts)")
        // Pane contexts are searched before global: a pane key must not shadow a global one.
        let global = Set(ExplorerKeymap.table.sections.first { $0.context == .global }!.bindings.flatMap(\.keys))
        for section in ExplorerKeymap.table.sections where [.list, .detail, .context].contains(section.context) {
            let shadowed = section.bindings.flatMap(\.keys).filter { global.contains($0) }
            #expect(shadowed.isEmpty, "\(section.context) shadows \(shadowed)")
        }
    }

    @Test func everyBindingHasHelpAndEveryCommandIsBound() {
        var bound = Set<Command>()
        for section in ExplorerKeymap.table.sections {
            for b in section.bindings {
                #expect(!b.help.isEmpty && !b.hint.isEmpty && !b.keys.isEmpty)
                bound.insert(b.action)
            }
        }
        #expect(bound == Set(Command.allCases))
    }

    @Test func theHelpOverlayListsEveryBinding() throws {
        let s = AppState(width: 120, height: 40)
        let text = HelpLines.lines(glyphs: s.glyphs).map(\.plain).joined(separator: "\n")
        for section in ExplorerKeymap.table.sections {
            #expect(text.contains(section.title))
            for b in section.bindings { #expect(text.contains(b.keyLabel) && text.contains(b.help), "\(b.keyLabel)") }
        }
    }

    @Test func theReadmeKeyTableIsTheGeneratedOne() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        #expect(
            text.contains(ExplorerKeymap.markdown()),
            "README.md's key table is out of date: paste ExplorerKeymap.markdown() (swift run ptscope keys)")
    }

    @Test func theRequiredKeysAreThere() {
        let t = ExplorerKeymap.table
        let expectations: [(Key, KeyContext, Command)] = [
            (.char("j"), .list, .moveDown), (.down, .list, .moveDown), (.char("k"), .list, .moveUp), (.up, .list, .moveUp),
            (.pageDown, .list, .pageDown), (.pageUp, .list, .pageUp), (.char("g"), .list, .first), (.char("G"), .list, .last),
            (.tab, .global, .focusNext), (.backTab, .global, .focusPrevious), (.enter, .list, .open), (.escape, .global, .back),
            (.char("]"), .global, .nextFailure), (.char("["), .global, .previousFailure), (.char("/"), .global, .search),
            (.char("n"), .global, .searchNext), (.char("N"), .global, .searchPrevious), (.char("f"), .global, .filter),
            (.char("c"), .global, .toggleContext), (.char("r"), .global, .raw), (.char("?"), .global, .help),
            (.char("q"), .global, .quit),
        ]
        for (key, context, command) in expectations {
            #expect(t.binding(for: key, in: [context])?.action == command, "\(key) in \(context)")
        }
    }
}
