import Dispatch
import Foundation
import TUICore
import Testing

@testable import NcursesBackend

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Alt keys: the terminal sends Esc and the character in one write; a lone Esc stays Esc.
///
/// Nested in the serialized headless suite: curses' state is global, two terminals at once crash.
extension NcursesBackendTests {
    @Suite("Alt keys")
    struct AltKeyTests {
        @Test func escThenACharacterAtOnceIsAlt() throws {
            let p = try PipedTerminal()
            p.send("\u{1b}b\u{1b}f\u{1b}B\u{1b}é\u{1b}用x")
            #expect(p.keys() == [.alt("b"), .alt("f"), .alt("B"), .alt("é"), .alt("用"), .char("x")])
        }

        @Test func escThenBackspaceIsAltBackspace() throws {
            let p = try PipedTerminal()
            p.send("\u{1b}\u{7f}\u{1b}\u{8}")
            #expect(p.keys() == [.altBackspace, .altBackspace])
        }

        @Test func escBeforeAnotherEscOrAKeyIsEscThenThatKey() throws {
            let p = try PipedTerminal()
            // Esc Esc: two Escs (not Alt-Esc); Esc before an arrow's sequence, Enter or Tab: Esc, then the key.
            p.send("\u{1b}\u{1b}")
            #expect(p.keys() == [.escape, .escape])
            p.send("\u{1b}\u{1b}OA")
            #expect(p.keys() == [.escape, .up])
            p.send("\u{1b}\r\u{1b}\t")
            #expect(p.keys() == [.escape, .enter, .escape, .tab])
            // A function key's own sequence is still that key.
            p.send("\u{1b}OB\u{1b}[3~")
            #expect(p.keys() == [.down, .delete])
        }

        @Test func aLoneEscIsEscPromptly() throws {
            let p = try PipedTerminal()
            p.send("\u{1b}")
            let start = DispatchTime.now()
            let key = p.terminal.readKey(timeoutMilliseconds: 1000)
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
            #expect(key == .escape)
            // Some 25 ms here; ncurses' default wait for the rest of a sequence is 1,000 ms. The
            // bound leaves room for this thread being preempted under a full suite.
            #expect(ms < 600, "a lone Esc took \(ms) ms")
            // A character typed after the Esc came alone is itself, not Alt.
            p.send("b")
            #expect(p.keys() == [.char("b")])
        }
    }
}
