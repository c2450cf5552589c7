// MARK: - KeyBinding

/// One entry of a keymap table: the keys, what they do, and the help people read.
///
/// The same table dispatches keys, fills the status-bar hints and the `?` overlay, and generates
/// the README's key table, so they can never disagree.
public struct KeyBinding<Action: Sendable>: Sendable {
    public var keys: [Key]
    public var action: Action
    /// A short verb for the status bar ("next fail").
    public var hint: String
    /// A sentence for the help overlay.
    public var help: String
    /// Whether the status bar shows it (the most useful keys of a context).
    public var inStatusBar: Bool

    public init(_ keys: [Key], _ action: Action, hint: String, help: String, status: Bool = false) {
        self.keys = keys
        self.action = action
        self.hint = hint
        self.help = help
        inStatusBar = status
    }

    /// The keys as people write them: `j/↓`.
    public var keyLabel: String { keys.map(\.description).joined(separator: "/") }
}

/// Every context's bindings (a pane, an overlay, a line being typed), each under a title.
public struct Keymap<Context: Hashable & Sendable, Action: Sendable>: Sendable {
    public var sections: [(context: Context, title: String, bindings: [KeyBinding<Action>])]

    public init(_ sections: [(context: Context, title: String, bindings: [KeyBinding<Action>])]) {
        self.sections = sections
    }

    /// The binding for `key` in the first of `contexts` (most specific first) that binds it.
    public func binding(for key: Key, in contexts: [Context]) -> KeyBinding<Action>? {
        for context in contexts {
            for section in sections where section.context == context {
                if let b = section.bindings.first(where: { $0.keys.contains(key) }) { return b }
            }
        }
        return nil
    }

    /// Keys bound twice inside one context (a test asserts there are none).
    public func conflicts() -> [(Context, Key)] {
        var out: [(Context, Key)] = []
        for section in sections {
            var seen = Set<Key>()
            for b in section.bindings {
                for k in b.keys where !seen.insert(k).inserted { out.append((section.context, k)) }
            }
        }
        return out
    }
}

// MARK: - Equality

extension KeyBinding: Equatable where Action: Equatable {}

extension Keymap: Equatable where Action: Equatable {
    /// Whether both tables have the same sections, titles and bindings in the same order (a cache
    /// of what is laid out from a keymap compares them).
    public static func == (a: Keymap, b: Keymap) -> Bool {
        a.sections.count == b.sections.count
            && zip(a.sections, b.sections).allSatisfy {
                $0.context == $1.context && $0.title == $1.title && $0.bindings == $1.bindings
            }
    }
}
