import Evaluator
import Foundation

// MARK: - Printing the effective configuration

extension ExplorerConfig {
    /// The configuration in effect as a JSON5 config file (`ptscope config --print`): every value,
    /// the defaults filled in (`defaultAuthor` when no author is set), the key remaps, and the file
    /// named in a comment. It reads back as the same configuration.
    public func json5(file: URL, exists: Bool, defaultAuthor: String) -> String {
        var options = SessionOptions()
        apply(to: &options)
        let values: [(ExplorerCommandLine.SessionOption, Bool)] = ExplorerCommandLine.SessionOption.allCases.map {
            switch $0 {
            case .lenient: ($0, options.scorer.lenient)
            case .json: ($0, options.scorer.format == .json)
            case .corrected: ($0, options.useCorrectedGold)
            case .advance: ($0, options.autoAdvance)
            case .exact: ($0, options.exactValues)
            case .ci: ($0, options.confidenceIntervals)
            }
        }
        var out = "// ptscope configuration: \(file.path)\(exists ? "" : " (no such file: every value is the default)")\n{\n"
        out += "  version: \(ExplorerConfig.formatVersion),\n"
        out += "  theme: \(ExplorerConfig.quote(theme ?? "default")),\n"
        out += "  author: \(ExplorerConfig.quote(author ?? defaultAuthor)),\n"
        out += "  options: {\n" + values.map { "    \($0.0.rawValue): \($0.1),\n" }.joined() + "  },\n"
        out += "  // The bundled keys (ptscope keys) with these changes; null unbinds.\n  keys: {\n"
        for context in KeyContext.allCases {
            let remaps = keys.filter { $0.context == context }
            guard !remaps.isEmpty else { continue }
            out += "    \(context.rawValue): {\n"
            for r in remaps {
                out +=
                    "      \(ExplorerConfig.quote(r.name)): \(r.command.map { ExplorerConfig.quote($0.rawValue) } ?? "null"),\n"
            }
            out += "    },\n"
        }
        return out + "  },\n}\n"
    }
}

// MARK: - The command names

extension ExplorerConfig {
    /// Every command a key can be bound to, with the contexts it works in and its help text
    /// (`ptscope config --commands`).
    public static func commandList() -> String {
        let table = ExplorerKeymap.table
        var out = ""
        for command in Command.allCases {
            let help =
                table.sections.first { $0.context == .global }?.bindings.first { $0.action == command }?.help
                ?? table.sections.lazy.flatMap(\.bindings).first { $0.action == command }?.help ?? ""
            let contexts = KeyContext.allCases.filter { $0.refuses(command) == nil }.map(\.rawValue)
            out += "\(command.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(help)\n"
            out += String(repeating: " ", count: 19) + "in: \(contexts.joined(separator: ", "))\n"
        }
        return out
    }
}
