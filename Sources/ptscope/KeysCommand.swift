import ArgumentParser
import Explorer

// MARK: - keys

/// Prints the explorer's key table (Markdown), generated from the one keymap the explorer uses.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every explorer key as a Markdown table (the README's table comes from here).")

    func run() {
        print(ExplorerKeymap.markdown(), terminator: "")
    }
}
