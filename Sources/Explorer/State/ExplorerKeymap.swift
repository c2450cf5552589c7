import TUICore

// MARK: - Keymap contexts

/// Where a key is read: a pane, an overlay, or everywhere.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case global, list, detail, context, help, raw, filter, options, triage, edits, export, command, search
}

// MARK: - ExplorerKeymap

/// The one table of keys: dispatch, status-bar hints, the `?` overlay and the README table.
public enum ExplorerKeymap {
    public static let table = Keymap<KeyContext, Command>([
        (
            .list, "Case list",
            [
                KeyBinding([.char("j"), .down], .moveDown, hint: "move", help: "next case", status: true),
                KeyBinding([.char("k"), .up], .moveUp, hint: "move", help: "previous case"),
                KeyBinding([.pageDown, .ctrl("f")], .pageDown, hint: "page", help: "page down"),
                KeyBinding([.pageUp, .ctrl("b")], .pageUp, hint: "page", help: "page up"),
                KeyBinding([.char("g"), .home], .first, hint: "first", help: "first case"),
                KeyBinding([.char("G"), .end], .last, hint: "last", help: "last case"),
                KeyBinding(
                    [.enter, .right, .char("l")], .open, hint: "open", help: "open the case (focus the case pane)", status: true),
            ]
        ),
        (
            .detail, "Case pane",
            [
                KeyBinding([.char("j"), .down], .moveDown, hint: "scroll", help: "scroll down", status: true),
                KeyBinding([.char("k"), .up], .moveUp, hint: "scroll", help: "scroll up"),
                KeyBinding([.pageDown, .ctrl("f"), .char(" ")], .pageDown, hint: "page", help: "page down"),
                KeyBinding([.pageUp, .ctrl("b")], .pageUp, hint: "page", help: "page up"),
                KeyBinding([.char("g"), .home], .first, hint: "top", help: "top"),
                KeyBinding([.char("G"), .end], .last, hint: "bottom", help: "bottom"),
                KeyBinding(
                    [.enter, .right, .char("l")], .open, hint: "context", help: "show the context pane (tool catalog / profile)"),
                KeyBinding([.left, .char("h")], .back, hint: "list", help: "back to the case list"),
            ]
        ),
        (
            .context, "Context pane",
            [
                KeyBinding([.char("j"), .down], .moveDown, hint: "scroll", help: "scroll down", status: true),
                KeyBinding([.char("k"), .up], .moveUp, hint: "scroll", help: "scroll up"),
                KeyBinding([.pageDown, .ctrl("f"), .char(" ")], .pageDown, hint: "page", help: "page down"),
                KeyBinding([.pageUp, .ctrl("b")], .pageUp, hint: "page", help: "page up"),
                KeyBinding([.char("g"), .home], .first, hint: "top", help: "top"),
                KeyBinding([.char("G"), .end], .last, hint: "bottom", help: "bottom"),
                KeyBinding([.left, .char("h")], .back, hint: "case", help: "back to the case pane"),
            ]
        ),
        (
            .global, "Everywhere",
            [
                KeyBinding(
                    [.char("]")], .nextFailure, hint: "next fail", help: "next failing case (fail or format failure)",
                    status: true),
                KeyBinding([.char("[")], .previousFailure, hint: "prev fail", help: "previous failing case"),
                KeyBinding(
                    [.char("/")], .search, hint: "search", help: "search query, profile, tools, gold values and raw prediction",
                    status: true),
                KeyBinding([.char("n")], .searchNext, hint: "next match", help: "next search match"),
                KeyBinding([.char("N")], .searchPrevious, hint: "prev match", help: "previous search match"),
                KeyBinding(
                    [.char("f")], .filter, hint: "filter",
                    help: "filter by verdict, error column, split, scenario, platform, user", status: true),
                KeyBinding(
                    [.char("c")], .toggleContext, hint: "catalog/profile", help: "context pane: tool catalog ↔ full user profile",
                    status: true),
                KeyBinding([.char("r")], .raw, hint: "raw", help: "raw JSON of the case and the prediction line"),
                KeyBinding(
                    [.char("a")], .accept, hint: "accept",
                    help: "accept the predicted value as one more gold alternative (first mismatch)", status: true),
                KeyBinding([.char("u")], .undo, hint: "undo", help: "undo the last gold edit or status (journaled)"),
                KeyBinding([.char("U")], .redo, hint: "redo", help: "redo"),
                KeyBinding([.char("e")], .recentEdits, hint: "edits", help: "recent edits (Enter revisits the case)"),
                KeyBinding([.char("C")], .confirm, hint: "confirm", help: "status: confirmed (gold is right)"),
                KeyBinding([.char("!")], .flag, hint: "flag", help: "status: flagged, with a reason"),
                KeyBinding([.char("m")], .note, hint: "note", help: "a free-text note on the case"),
                KeyBinding(
                    [.char(":")], .editCommand, hint: "edit",
                    help: "edit the gold by command (platform, alt, fn, param, status; see below)"),
                KeyBinding(
                    [.char("d")], .dashboard, hint: "dashboard", help: "dashboard: PTBench's table, errors, breakdowns",
                    status: true),
                KeyBinding(
                    [.char("F")], .patterns, hint: "patterns",
                    help: "failure patterns: signatures, profile value provenance, preference"),
                KeyBinding([.char("w")], .users, hint: "users", help: "users: cases, accuracy, most common error"),
                KeyBinding([.char("t")], .tools, hint: "tools", help: "tools: platforms and APIs, gold / predicted / failures"),
                KeyBinding(
                    [.char("p")], .prompt, hint: "prompt",
                    help: "the exact prompt PTBench built for this case (API and chat templates)"),
                KeyBinding(
                    [.char("s")], .rescore, hint: "score", help: "score every case again (background, progress in the header)"),
                KeyBinding([.char("R")], .reload, hint: "reload", help: "reload the files from disk and re-score"),
                KeyBinding(
                    [.char("o")], .options, hint: "options", help: "options: reference vs lenient parsing, prediction format"),
                KeyBinding(
                    [.char("x")], .export, hint: "export",
                    help: "export the listed cases (verdicts, diagnosis) to CSV or JSON Lines"),
                KeyBinding([.tab], .focusNext, hint: "pane", help: "focus the next pane", status: true),
                KeyBinding([.backTab], .focusPrevious, hint: "pane", help: "focus the previous pane"),
                KeyBinding([.escape], .back, hint: "back", help: "back / clear the search and the message"),
                KeyBinding([.char("?"), .function(1)], .help, hint: "help", help: "this help", status: true),
                KeyBinding([.char("q"), .ctrl("c")], .quit, hint: "quit", help: "quit", status: true),
            ]
        ),
        (
            .filter, "Filter (f)",
            [
                KeyBinding([.char("j"), .down], .moveDown, hint: "move", help: "next value"),
                KeyBinding([.char("k"), .up], .moveUp, hint: "move", help: "previous value"),
                KeyBinding([.pageDown], .pageDown, hint: "page", help: "page down"),
                KeyBinding([.pageUp], .pageUp, hint: "page", help: "page up"),
                KeyBinding([.char("g"), .home], .first, hint: "first", help: "first value"),
                KeyBinding([.char("G"), .end], .last, hint: "last", help: "last value"),
                KeyBinding(
                    [.char(" "), .enter], .toggleFilterItem, hint: "toggle",
                    help: "select / deselect the value (applies at once)", status: true),
                KeyBinding([.char("x")], .clearFilter, hint: "clear", help: "clear every filter", status: true),
                KeyBinding([.escape, .char("f"), .char("q")], .back, hint: "close", help: "close the filter menu", status: true),
            ]
        ),
        (
            .help, "Help (?)",
            [
                KeyBinding([.char("j"), .down], .moveDown, hint: "scroll", help: "scroll down"),
                KeyBinding([.char("k"), .up], .moveUp, hint: "scroll", help: "scroll up"),
                KeyBinding([.pageDown, .char(" ")], .pageDown, hint: "page", help: "page down"),
                KeyBinding([.pageUp], .pageUp, hint: "page", help: "page up"),
                KeyBinding(
                    [.escape, .char("?"), .char("q"), .function(1)], .back, hint: "close", help: "close the help", status: true),
            ]
        ),
        (
            .raw, "Raw JSON (r)",
            [
                KeyBinding([.char("j"), .down], .moveDown, hint: "scroll", help: "scroll down", status: true),
                KeyBinding([.char("k"), .up], .moveUp, hint: "scroll", help: "scroll up"),
                KeyBinding([.pageDown, .char(" ")], .pageDown, hint: "page", help: "page down"),
                KeyBinding([.pageUp], .pageUp, hint: "page", help: "page up"),
                KeyBinding([.char("g"), .home], .first, hint: "top", help: "top"),
                KeyBinding([.char("G"), .end], .last, hint: "bottom", help: "bottom"),
                KeyBinding([.escape, .char("r"), .char("q")], .back, hint: "close", help: "close the raw view", status: true),
            ]
        ),
        (
            .triage, "Summary views (d F u t p)",
            [
                KeyBinding([.char("j"), .down], .moveDown, hint: "move", help: "next row", status: true),
                KeyBinding([.char("k"), .up], .moveUp, hint: "move", help: "previous row"),
                KeyBinding([.pageDown, .char(" ")], .pageDown, hint: "page", help: "page down"),
                KeyBinding([.pageUp], .pageUp, hint: "page", help: "page up"),
                KeyBinding([.char("g"), .home], .first, hint: "top", help: "first row"),
                KeyBinding([.char("G"), .end], .last, hint: "bottom", help: "last row"),
                KeyBinding([.enter], .open, hint: "cases", help: "show exactly this row's cases in the list", status: true),
                KeyBinding([.right, .char("l")], .nextTemplate, hint: "template", help: "prompt view: next template"),
                KeyBinding([.left, .char("h")], .previousTemplate, hint: "template", help: "prompt view: previous template"),
                KeyBinding([.escape, .char("q")], .back, hint: "close", help: "close the view", status: true),
            ]
        ),
        (
            .edits, "Recent edits (e)",
            [
                KeyBinding([.char("j"), .down], .moveDown, hint: "move", help: "older edit", status: true),
                KeyBinding([.char("k"), .up], .moveUp, hint: "move", help: "newer edit"),
                KeyBinding([.pageDown, .char(" ")], .pageDown, hint: "page", help: "page down"),
                KeyBinding([.pageUp], .pageUp, hint: "page", help: "page up"),
                KeyBinding([.enter], .open, hint: "revisit", help: "select the edited case", status: true),
                KeyBinding([.escape, .char("e"), .char("q")], .back, hint: "close", help: "close the list", status: true),
            ]
        ),
        (
            .command, "Typing an edit command (:)",
            [
                KeyBinding([.enter], .open, hint: "save", help: "validate, write to the journal (fsync), apply", status: true),
                KeyBinding(
                    [.escape], .back, hint: "cancel", help: "cancel (shortcuts are suspended while typing; Ctrl-U clears)",
                    status: true),
            ]
        ),
        (
            .options, "Options (o)",
            [
                KeyBinding([.char("j"), .down], .moveDown, hint: "move", help: "next option"),
                KeyBinding([.char("k"), .up], .moveUp, hint: "move", help: "previous option"),
                KeyBinding(
                    [.char(" "), .enter], .toggleFilterItem, hint: "toggle", help: "change the option and re-score", status: true),
                KeyBinding([.escape, .char("o"), .char("q")], .back, hint: "close", help: "close the options", status: true),
            ]
        ),
        (
            .export, "Typing an export path (x)",
            [
                KeyBinding(
                    [.enter], .open, hint: "write", help: "write the listed cases (.csv: CSV, anything else: JSON Lines)",
                    status: true),
                KeyBinding([.escape], .back, hint: "cancel", help: "cancel", status: true),
            ]
        ),
        (
            .search, "Typing a search (/)",
            [
                KeyBinding([.enter], .open, hint: "search", help: "run the search and jump to the first match", status: true),
                KeyBinding([.escape], .back, hint: "cancel", help: "cancel (shortcuts are suspended while typing)", status: true),
            ]
        ),
    ])

    /// The contexts searched for a key, most specific first.
    public static func contexts(for state: AppState) -> [KeyContext] {
        if state.search.input != nil { return [.search] }
        if state.exportInput != nil { return [.export] }
        if state.commandInput != nil { return [.command] }
        switch state.overlay {
        case .help?: return [.help]
        case .raw?: return [.raw]
        case .filter?: return [.filter]
        case .options?: return [.options]
        case .triage?: return [.triage]
        case .edits?: return [.edits]
        case nil: break
        }
        switch state.focus {
        case .list: return [.list, .global]
        case .detail: return [.detail, .global]
        case .context: return [.context, .global]
        }
    }

    /// The keys of the README, generated from the table (Markdown).
    public static func markdown() -> String {
        var out = ""
        for section in table.sections {
            out += "\n**\(section.title)**\n\n| keys | action |\n|---|---|\n"
            for b in section.bindings { out += "| `\(b.keyLabel.replacingOccurrences(of: "|", with: "\\|"))` | \(b.help) |\n" }
        }
        return out
    }
}
