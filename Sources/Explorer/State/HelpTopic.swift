import TUICore

// MARK: - HelpTopic

/// What `:help TOPIC` opens the help at: a keymap section (by its context), or one of the parts
/// after the sections (the commands, the edit commands, the glyphs, the error columns).
public enum HelpTopic: Sendable, Equatable {
    /// A keymap section, shown first.
    case section(KeyContext)
    /// A part after the sections, scrolled to its title.
    case part(title: String)

    /// Each topic's name, in the order `:help` lists them.
    static let table: [(String, HelpTopic)] = [
        ("list", .section(.list)), ("case", .section(.detail)), ("context", .section(.context)),
        ("keys", .section(.global)), ("filter", .section(.filter)), ("help", .section(.help)),
        ("messages", .section(.messages)), ("raw", .section(.raw)), ("views", .section(.triage)),
        ("recent", .section(.edits)), ("options", .section(.options)), ("command", .section(.command)),
        ("export", .section(.export)), ("search", .section(.search)), ("editing", .section(.lineEditor)),
        ("commands", .part(title: "Commands")), ("edits", .part(title: "Edit commands")),
        ("glyphs", .part(title: "Glyphs")), ("errors", .part(title: "Error columns")),
    ]

    /// The topic names.
    public static let names = table.map(\.0)

    /// The topic named `name` (case-insensitively), nil when there is none.
    public static func named(_ name: String) -> HelpTopic? {
        table.first { $0.0 == name.lowercased() }?.1
    }
}
