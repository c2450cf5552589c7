import ArgumentParser
import Evaluator
import Explorer
import Foundation
import TUICore

// MARK: - config

/// Checks the config file, prints where it is (`--path`) or the configuration in effect (`--print`).
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the config file ($XDG_CONFIG_HOME/ptscope/config.json5, else ~/.config/ptscope/config.json5).",
        discussion:
            "With no option: checks the file and lists its problems. Exits 1 when the file has errors (the explorer then "
            + "starts with the values that have none, and the bundled keys).")

    @Flag(help: "Print where the config file is (whether or not it exists).")
    var path = false

    @Flag(name: .customLong("print"), help: "Print the configuration in effect as JSON5, the defaults filled in.")
    var printConfig = false

    @Flag(help: "List the command names keys can be bound to, and the contexts each works in.")
    var commands = false

    @Option(help: "Check FILE instead of the config file.", completion: .file(extensions: ["json5", "json"]))
    var check: String?

    func run() throws {
        let url = check.map { URL(fileURLWithPath: $0) } ?? ExplorerConfig.location()
        if commands {
            TerminalText.print(ExplorerConfig.commandList(), terminator: "")
            return
        }
        if path {
            TerminalText.print(url.path)
            return
        }
        let loaded = ExplorerConfig.load(url)
        if check != nil && !loaded.exists {
            warn("ptscope: \(url.path): no such file")
            throw ExitCode(2)
        }
        loaded.printProblems()
        // The theme is read as the explorer would read it (its warnings: a missing file, a bad theme).
        if let theme = loaded.config.theme {
            for w in ThemeLoader.load(theme).warnings { warn("warning: \(url.path): theme: \(w)") }
        }
        if printConfig {
            TerminalText.print(
                loaded.config.json5(file: url, exists: loaded.exists, defaultAuthor: Journal.defaultAuthor), terminator: "")
        } else if !loaded.hasErrors {
            let remaps = loaded.config.keys.count
            TerminalText.print(
                loaded.exists
                    ? "\(url.path): ok (\(remaps) key remap\(remaps == 1 ? "" : "s"))"
                    : "\(url.path): no such file; the defaults are in use (ptscope config --print shows them)")
        }
        if loaded.hasErrors { throw ExitCode(1) }
    }
}

extension ExplorerConfig.Loaded {
    /// Writes every problem to standard error: `error: …` / `warning: …`, each naming the file.
    func printProblems() {
        for problem in problems { warn((problem.isError ? "error: " : "warning: ") + problem.description) }
    }
}
