import Foundation
import TUICore

// MARK: - Writing

/// The one way the commands write text for people: made inert by TUICore's ``TerminalText`` first.
extension TerminalText {
    /// Prints `text` (made inert) to standard output.
    static func print(_ text: String, terminator: String = "\n") {
        Swift.print(clean(text), terminator: terminator)
    }

    /// Prints a JSON text (made inert, see ``json(_:)``) to standard output.
    static func printJSON(_ text: String) {
        Swift.print(json(text))
    }
}

/// Writes `text` (made inert) and a newline to standard error.
func warn(_ text: String) { FileHandle.standardError.write(Data((TerminalText.clean(text) + "\n").utf8)) }
