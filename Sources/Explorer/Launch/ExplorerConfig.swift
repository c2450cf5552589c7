import Evaluator
import Foundation
import TUICore

// MARK: - ExplorerConfig

/// The user's configuration (`config.json5`): the default theme, the journal author, the `o`
/// options the explorer starts with, and key remapping per context.
///
/// A JSON5 file read with `JSONDecoder` (`allowsJSON5`), versioned like the themes: `version` is
/// required, a newer version refuses the whole file with both numbers, unknown keys are warned
/// about. Every problem names the file and the key path (`keys.list."J"`); a value with an error
/// is ignored, and any error in `keys` leaves the bundled keymap whole. The command line wins
/// over every value here.
public struct ExplorerConfig: Sendable, Equatable {
    /// The file format version this ptscope reads and writes.
    public static let formatVersion = 1

    /// The theme when `--theme` is not given: a bundled name or a path (relative to the file).
    public var theme: String?
    /// The name written in journal entries when `--author` is not given.
    public var author: String?
    /// The `o` options (by their `:set` names) the explorer starts with.
    public var options: [ExplorerCommandLine.SessionOption: Bool] = [:]
    /// The key remaps in the order they apply (by context, then key name).
    public var keys: [KeyRemap] = []

    /// An empty configuration: everything bundled.
    public init() {}

    /// One key bound to a command (or unbound, `command` nil) in one context.
    public struct KeyRemap: Sendable, Equatable {
        public var context: KeyContext
        /// The key as the file names it.
        public var name: String
        public var key: Key
        /// Nil: the key is unbound in that context.
        public var command: Command?

        public init(_ context: KeyContext, _ name: String, _ key: Key, _ command: Command?) {
            self.context = context
            self.name = name
            self.key = key
            self.command = command
        }

        /// The key path in the file: `keys.list."J"`.
        public var path: String { "keys.\(context.rawValue).\(ExplorerConfig.quote(name))" }
    }

    /// A problem with the file: an error (the value is ignored) or a warning (it is used, or only
    /// an unknown key is ignored). The text names the file and the key path.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var isError: Bool
        public var description: String
    }

    // MARK: - Applying it

    /// `options` with the configured `o` options set.
    public func apply(to options: inout SessionOptions) {
        for (option, on) in self.options {
            switch option {
            case .lenient: options.scorer.lenient = on
            case .json: options.scorer.format = on ? .json : .reference
            case .corrected: options.useCorrectedGold = on
            case .advance: options.autoAdvance = on
            case .exact: options.exactValues = on
            case .ci: options.confidenceIntervals = on
            }
        }
    }

    /// The options the explorer starts with: these, then the command line's (`--format` when
    /// given, `--lenient` when set) over them.
    public func startOptions(format: PredictionParser.Format?, lenient: Bool) -> SessionOptions {
        var options = SessionOptions()
        apply(to: &options)
        if let format { options.scorer.format = format }
        if lenient { options.scorer.lenient = true }
        return options
    }

    /// The bundled keymap with ``keys`` applied: a remapped key leaves whatever it did in its context
    /// and joins the command's binding there (first, so the status bar shows it), or becomes a new
    /// binding with the command's help text; an unbound key is removed.
    public func keymap(base: Keymap<KeyContext, Command> = ExplorerKeymap.table) -> Keymap<KeyContext, Command> {
        var sections = base.sections
        for remap in keys {
            guard let i = sections.firstIndex(where: { $0.context == remap.context }) else { continue }
            var bindings = sections[i].bindings
            for j in bindings.indices { bindings[j].keys.removeAll { $0 == remap.key } }
            if let command = remap.command {
                if let j = bindings.firstIndex(where: { $0.action == command }) {
                    bindings[j].keys.insert(remap.key, at: 0)
                } else {
                    let global = base.sections.first { $0.context == .global }?.bindings ?? []
                    let template =
                        global.first { $0.action == command }
                        ?? base.sections.lazy.flatMap(\.bindings).first { $0.action == command }
                    bindings.append(
                        KeyBinding(
                            [remap.key], command, hint: template?.hint ?? command.rawValue,
                            help: template?.help ?? command.rawValue,
                            status: template?.inStatusBar ?? false))
                }
            }
            bindings.removeAll { $0.keys.isEmpty }
            sections[i].bindings = bindings
        }
        return Keymap(sections)
    }

    // MARK: - Text

    /// `text` as a JSON5 string literal (quotes, backslashes and controls escaped).
    static func quote(_ text: String) -> String {
        var out = "\""
        for s in text.unicodeScalars {
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if s.value < 0x20 || (0x7F...0x9F).contains(s.value) {
                    let hex = String(s.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out + "\""
    }
}
