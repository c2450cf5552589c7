import Foundation
import TUICore

// MARK: - Reading the file

extension ExplorerConfig {
    /// The top-level keys a version 1 file may hold.
    static let knownKeys = ["version", "theme", "author", "options", "keys"]

    /// Reads a config file's bytes (JSON5). Never throws: what is wrong comes back as problems
    /// naming `file` and the key path, and the values with errors are left out of the result.
    public static func decode(_ data: Data, file: String) -> (config: ExplorerConfig, problems: [Problem]) {
        var reader = Reader(file: file)
        let config = reader.read(data)
        return (config, reader.problems)
    }

    /// Collects the problems while it reads.
    struct Reader {
        var file: String
        var problems: [Problem] = []

        mutating func error(_ path: String, _ message: String) {
            problems.append(Problem(isError: true, description: "\(file): \(path.isEmpty ? "" : path + ": ")\(message)"))
        }

        mutating func warning(_ path: String, _ message: String) {
            problems.append(Problem(isError: false, description: "\(file): \(path.isEmpty ? "" : path + ": ")\(message)"))
        }

        mutating func read(_ data: Data) -> ExplorerConfig {
            let decoder = JSONDecoder()
            decoder.allowsJSON5 = true
            let root: ConfigValue
            do {
                root = try decoder.decode(ConfigValue.self, from: data)
            } catch {
                // Foundation does not say where; the syntax check does.
                if let at = JSON5Syntax.firstError(in: String(decoding: data, as: UTF8.self)) {
                    self.error("", "not valid JSON5: line \(at.line), column \(at.column): expected \(at.expected)")
                } else {
                    self.error("", "not valid JSON5 (is it UTF-8 text?)")
                }
                return ExplorerConfig()
            }
            guard case .object(let top) = root else {
                self.error("", "expected an object ({ version: \(formatVersion), … }), found \(root.kind)")
                return ExplorerConfig()
            }
            guard let versionValue = top["version"] else {
                self.error("version", "missing (required; this ptscope reads version \(formatVersion))")
                return ExplorerConfig()
            }
            guard case .number(let v) = versionValue, let version = Int(exactly: v) else {
                self.error("version", "expected a whole number, found \(versionValue.kind)")
                return ExplorerConfig()
            }
            guard version <= formatVersion else {
                self.error(
                    "version",
                    "config version \(version) is newer than this ptscope reads (version \(formatVersion)); the file is ignored")
                return ExplorerConfig()
            }
            guard version >= 1 else {
                self.error("version", "must be 1 or more, found \(version)")
                return ExplorerConfig()
            }
            var config = ExplorerConfig()
            for key in top.keys.sorted() where !knownKeys.contains(key) {
                let near = ExplorerCommandLine.closest(key, in: knownKeys)
                warning(quoteIfNeeded(key), "unknown key, ignored" + (near.map { " (did you mean \"\($0)\"?)" } ?? ""))
            }
            config.theme = text(top["theme"], "theme")
            config.author = text(top["author"], "author")
            if let options = top["options"] { config.options = self.options(options) }
            if let keys = top["keys"] {
                let before = problems.filter(\.isError).count
                let remaps = self.keys(keys)
                // Any error in the keys: the bundled keymap, whole (never half of a user's remapping).
                if problems.filter(\.isError).count == before {
                    config.keys = remaps
                    shadowing(config)
                } else {
                    warning("keys", "not applied because of the errors above; the bundled keys are in use")
                }
            }
            return config
        }

        /// A non-empty string without control characters.
        mutating func text(_ value: ConfigValue?, _ path: String) -> String? {
            guard let value else { return nil }
            guard case .string(let s) = value else {
                error(path, "expected a string, found \(value.kind)")
                return nil
            }
            guard !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                error(path, "must not be empty")
                return nil
            }
            guard !s.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
                error(path, "must not hold control characters")
                return nil
            }
            return s
        }

        mutating func options(_ value: ConfigValue) -> [ExplorerCommandLine.SessionOption: Bool] {
            guard case .object(let fields) = value else {
                error("options", "expected an object ({ lenient: true, … }), found \(value.kind)")
                return [:]
            }
            let names = ExplorerCommandLine.SessionOption.allCases.map(\.rawValue)
            var out: [ExplorerCommandLine.SessionOption: Bool] = [:]
            for name in fields.keys.sorted() {
                let path = "options." + quoteIfNeeded(name)
                guard let option = ExplorerCommandLine.SessionOption(rawValue: name) else {
                    warning(path, "unknown option, ignored\(suggestion(name, names)) (options: \(names.joined(separator: ", ")))")
                    continue
                }
                guard case .bool(let on) = fields[name] else {
                    error(path, "expected true or false, found \(fields[name]!.kind)")
                    continue
                }
                out[option] = on
            }
            return out
        }

        mutating func keys(_ value: ConfigValue) -> [KeyRemap] {
            guard case .object(let contexts) = value else {
                error("keys", "expected an object ({ list: { \"J\": \"nextFailure\" } }), found \(value.kind)")
                return []
            }
            let contextNames = KeyContext.allCases.map(\.rawValue)
            var out: [KeyRemap] = []
            for name in contexts.keys.sorted() {
                let path = "keys." + quoteIfNeeded(name)
                guard let context = KeyContext(rawValue: name) else {
                    error(
                        path,
                        "unknown context\(suggestion(name, contextNames)) (contexts: \(contextNames.joined(separator: ", ")))")
                    continue
                }
                guard case .object(let bindings) = contexts[name] else {
                    error(path, "expected an object of key: command, found \(contexts[name]!.kind)")
                    continue
                }
                var seen: [Key: (name: String, command: Command?)] = [:]
                for keyName in bindings.keys.sorted() {
                    let path = "\(path).\(quote(keyName))"
                    let key: Key
                    do {
                        key = try Key(name: keyName)
                    } catch {
                        self.error(path, error.description)
                        continue
                    }
                    guard let command = self.command(bindings[keyName]!, path, context) else { continue }
                    if let other = seen[key], other.command != command {
                        error(
                            path,
                            "conflict: \(key) is also \(quote(other.name)), bound to \(other.command.map { quote($0.rawValue) } ?? "none")"
                        )
                        continue
                    }
                    seen[key] = (keyName, command)
                    if command == nil, ExplorerKeymap.table.binding(for: key, in: [context]) == nil {
                        warning(path, "\(key) is not bound in \(context.rawValue); nothing to unbind")
                    }
                    if let command, context.isLineInput, case .char = key {
                        warning(path, "\(key) can no longer be typed into the line (it runs \(command.rawValue))")
                    }
                    out.append(KeyRemap(context, keyName, key, command))
                }
            }
            return out
        }

        /// The command a value names: `.some(nil)` to unbind (`null` or `"none"`), nil on an error.
        mutating func command(_ value: ConfigValue, _ path: String, _ context: KeyContext) -> Command?? {
            if case .null = value { return .some(nil) }
            guard case .string(let name) = value else {
                error(path, "expected a command name, or null / \"none\" to unbind, found \(value.kind)")
                return nil
            }
            if name == "none" { return .some(nil) }
            guard let command = Command(rawValue: name) else {
                let all = Command.allCases.map(\.rawValue)
                error(path, "unknown command \(quote(name))\(suggestion(name, all)) (ptscope config --commands lists them)")
                return nil
            }
            if let why = context.refuses(command) {
                error(path, why)
                return nil
            }
            return .some(command)
        }

        /// Warnings for remaps that hide another context's key: a pane's key hiding a global one,
        /// a line's key hiding a line-editing one, or a global remap hidden in a pane.
        mutating func shadowing(_ config: ExplorerConfig) {
            let map = config.keymap()
            func bound(_ key: Key, _ context: KeyContext) -> Command? { map.binding(for: key, in: [context])?.action }
            for remap in config.keys {
                guard let command = remap.command else { continue }
                if let fallback = remap.context.fallback, let hidden = bound(remap.key, fallback), hidden != command {
                    warning(
                        remap.path,
                        "hides the \(fallback.rawValue) \(remap.key) (\(hidden.rawValue)) in \(remap.context.rawValue)")
                }
                let hiding = KeyContext.allCases.compactMap { specific in
                    bound(remap.key, specific).flatMap { over in
                        specific.fallback == remap.context && over != command ? "\(specific.rawValue) (\(over.rawValue))" : nil
                    }
                }
                if !hiding.isEmpty {
                    warning(remap.path, "hidden where \(remap.key) means something else: \(hiding.joined(separator: ", "))")
                }
            }
        }

        func suggestion(_ word: String, _ names: [String]) -> String {
            let lower = names.map { $0.lowercased() }
            guard let near = ExplorerCommandLine.closest(word.lowercased(), in: lower), let i = lower.firstIndex(of: near) else {
                return ""
            }
            return " (did you mean \(quote(names[i]))?)"
        }

        func quote(_ s: String) -> String { ExplorerConfig.quote(s) }

        /// A plain identifier as it is, anything else quoted.
        func quoteIfNeeded(_ s: String) -> String {
            !s.isEmpty && s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) ? s : quote(s)
        }
    }
}

// MARK: - What each context takes

extension KeyContext {
    /// A line being typed (its keys edit the line; other characters are typed into it).
    var isLineInput: Bool { [.search, .export, .command, .lineEditor].contains(self) }

    /// The context searched after this one (a pane's keys, then the global ones; a line's, then the
    /// line editor's).
    var fallback: KeyContext? {
        switch self {
        case .list, .detail, .context: return .global
        case .search, .export, .command: return .lineEditor
        default: return nil
        }
    }

    /// Why `command` cannot be bound here, nil when it can.
    func refuses(_ command: Command) -> String? {
        let lines = "search, export, command and lineEditor"
        if isLineInput {
            guard command.isLineEditing else {
                return "\"\(command.rawValue)\" does not work while a line is typed (only line-editing commands do in \(lines))"
            }
            return nil
        }
        if command.isLineEditing { return "\"\(command.rawValue)\" edits a line being typed: it belongs in \(lines)" }
        switch self {
        case .global, .list, .detail, .context:
            let overlayOnly: [Command: String] = [
                .toggleFilterItem: "filter and options", .clearFilter: "filter", .nextTemplate: "triage",
                .previousTemplate: "triage",
            ]
            return overlayOnly[command].map { "\"\(command.rawValue)\" works only in \($0)" }
        default:
            let here = (ExplorerKeymap.table.sections.first { $0.context == self }?.bindings.map(\.action) ?? []) + [.quit]
            guard !here.contains(command) else { return nil }
            var names: [String] = []
            for c in here where !names.contains(c.rawValue) { names.append(c.rawValue) }
            return "\"\(command.rawValue)\" does nothing in \(rawValue) (here: \(names.joined(separator: ", ")))"
        }
    }
}

// MARK: - ConfigValue

/// Any JSON5 value, read before it is checked (so every problem can name its key path).
enum ConfigValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([ConfigValue])
    case object([String: ConfigValue])

    init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            if single.decodeNil() {
                self = .null
                return
            }
            if let b = try? single.decode(Bool.self) {
                self = .bool(b)
                return
            }
            if let n = try? single.decode(Double.self) {
                self = .number(n)
                return
            }
            if let s = try? single.decode(String.self) {
                self = .string(s)
                return
            }
            if let a = try? single.decode([ConfigValue].self) {
                self = .array(a)
                return
            }
        }
        let c = try decoder.container(keyedBy: ConfigKey.self)
        var fields: [String: ConfigValue] = [:]
        for key in c.allKeys { fields[key.stringValue] = try c.decode(ConfigValue.self, forKey: key) }
        self = .object(fields)
    }

    /// What it is, for messages.
    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

struct ConfigKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
