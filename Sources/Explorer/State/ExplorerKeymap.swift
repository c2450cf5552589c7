import TUICore

// MARK: - Keymap contexts

/// Where a key is read: a pane, an overlay, or everywhere.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case global, list, detail, context, help, messages, raw, filter, options, triage, edits, export, command, search
    case lineEditor
    /// The suspect-gold view (its keys before the summary views') and the run chooser of `a` in a comparison.
    case suspects, runChoice
    /// The leaderboard's cell cursor (its keys before the summary views').
    case leaderboard
    /// The re-ask view (`A`, issue 14).
    case reask
}

// MARK: - ExplorerKeymap

/// The one table of keys: dispatch (every context, the line editors included), the status-bar
/// hints, the `?` overlay and the README table.
public enum ExplorerKeymap {
    // MARK: Asking again (issue 14)

    /// `A` in the case list and the panes.
    static let reaskKey = KeyBinding<Command>(
        [.char("A")], .reask, hint: "ask again",
        help: "ask the endpoint again for this case (--base-url or its run.json; Esc drops it)")

    /// The re-ask view's section.
    static let reaskSection: (KeyContext, String, [KeyBinding<Command>]) = (
        .reask, "Asked again (A)",
        navigation(.text, status: false, space: true) + [
            KeyBinding([.char("A")], .reask, hint: "ask again", help: "ask the endpoint again for this case", status: true),
            KeyBinding(
                [.char("W")], .saveReask, hint: "save run",
                help:
                    "save the answers asked again as a new run beside the recorded one (<run>-reask, with run.json), "
                    + "and open it",
                status: true),
            KeyBinding(
                [.escape, .char("q")], .back, hint: "close", help: "close the view (an answer still being asked is dropped)",
                status: true),
            helpKey,
        ]
    )

    /// Keys that work wherever no pane, overlay or line claims them.
    static let global: [KeyBinding<Command>] = [
        KeyBinding(
            [.char("]")], .nextFailure, hint: "next fail", help: "next failing case (fail or format failure)",
            status: true),
        KeyBinding([.char("[")], .previousFailure, hint: "prev fail", help: "previous failing case"),
        KeyBinding(
            [.char("/")], .search, hint: "search",
            help:
                "search query, profile, tools, gold and raw prediction, any case (query: pred: gold: profile: tools: limit it, re: a regex)",
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
        KeyBinding(
            [.char(">")], .sortNext, hint: "sort",
            help: "sort the case list by the next column (#, user, scenario, platform, each verdict, error, status)"),
        KeyBinding([.char("<")], .sortReverse, hint: "reverse", help: "reverse the case list's order"),
        KeyBinding([.char("e")], .recentEdits, hint: "edits", help: "recent edits (Enter revisits the case)"),
        KeyBinding([.char("C")], .confirm, hint: "confirm", help: "status: confirmed (gold is right)"),
        KeyBinding([.char("!")], .flag, hint: "flag", help: "status: flagged, with a reason"),
        KeyBinding([.char("m")], .note, hint: "note", help: "a free-text note on the case"),
        KeyBinding(
            [.char(":")], .editCommand, hint: "command",
            help: "the command line: jump to case N (:12, :T 40), set options, messages, or edit the gold (see below)"),
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
        // The leaderboard (issue 12).
        KeyBinding(
            [.char("L")], .leaderboard, hint: "leaderboard",
            help: "leaderboard: every run's PTBench metrics and errors per split and overall, sortable"),
        KeyBinding(
            [.char("S")], .suspects, hint: "suspects",
            help: "suspect gold: values several runs agree on that gold rejects; failures every run shares"),
        KeyBinding(
            [.char("s")], .rescore, hint: "score", help: "score every case again (background, progress in the header)"),
        KeyBinding([.char("R")], .reload, hint: "reload", help: "reload the files from disk and re-score"),
        KeyBinding(
            [.char("o")], .options, hint: "options", help: "options: reference vs lenient reading, prediction format"),
        KeyBinding(
            [.char("x")], .export, hint: "export",
            help: "export the listed cases (verdicts, diagnosis) to CSV or JSON Lines"),
        KeyBinding([.tab], .focusNext, hint: "pane", help: "focus the next pane", status: true),
        KeyBinding([.backTab], .focusPrevious, hint: "pane", help: "focus the previous pane"),
        KeyBinding([.escape], .back, hint: "back", help: "back / clear the search and the message"),
        KeyBinding([.char("?"), .function(1)], .help, hint: "help", help: "this help", status: true),
        KeyBinding([.char("q"), .ctrl("c")], .quit, hint: "quit", help: "quit", status: true),
        // Getting things out: the case list's and panes' y, Y, v (the overlays' are below).
        KeyBinding(
            [.char("y")], .copy, hint: "copy",
            help: "copy the predicted call as text (context pane: the profile or catalog JSON) to the clipboard (OSC 52)"),
        copyPrediction,
        KeyBinding(
            [.char("v")], .page, hint: "pager",
            help: "show the case pane's text (context pane: the profile or catalog JSON) in $PAGER (default less -R)"),
        // A comparison: the focused run (:run NAME picks one by name, :compare X Y the pair).
        KeyBinding(
            [.char("b")], .focusNextRun, hint: "run",
            help: "focus the next run in a comparison: list, counts, ] [, filters and views follow it"),
        KeyBinding([.char("B")], .focusPreviousRun, hint: "prev run", help: "focus the previous run"),
        // Asking again (issue 14): the case list and the panes.
        reaskKey,
    ]

    /// The keys that open an overlay or a line, as its section title names them: `(d F w t p)`.
    static func openedBy(_ commands: Command...) -> String {
        let keys = commands.compactMap { c in global.first { $0.action == c }?.keys.first?.description }
        return "(" + keys.joined(separator: " ") + ")"
    }

    /// The words of a list or a scrolled text for ``navigation(_:status:space:)``.
    struct Moves {
        var hint: String
        var next: String
        var previous: String
        var first: String
        var last: String
        var firstHint: String
        var lastHint: String

        static let cases = Moves(
            hint: "move", next: "next case", previous: "previous case", first: "first case", last: "last case",
            firstHint: "first", lastHint: "last")
        static let text = Moves(
            hint: "scroll", next: "scroll down", previous: "scroll up", first: "top", last: "bottom", firstHint: "top",
            lastHint: "bottom")
        static func rows(_ noun: String, next: String? = nil, previous: String? = nil) -> Moves {
            Moves(
                hint: "move", next: next ?? "next \(noun)", previous: previous ?? "previous \(noun)", first: "first \(noun)",
                last: "last \(noun)", firstHint: "first", lastHint: "last")
        }
    }

    /// j/k, pages and both ends: the same keys in every list and scrolled text. `space` adds Space
    /// as page down where it has no other meaning; `status` puts the move in the status bar.
    static func navigation(_ m: Moves, status: Bool, space: Bool) -> [KeyBinding<Command>] {
        [
            KeyBinding([.char("j"), .down], .moveDown, hint: m.hint, help: m.next, status: status),
            KeyBinding([.char("k"), .up], .moveUp, hint: m.hint, help: m.previous),
            KeyBinding([.pageDown, .ctrl("f")] + (space ? [.char(" ")] : []), .pageDown, hint: "page", help: "page down"),
            KeyBinding([.pageUp, .ctrl("b")], .pageUp, hint: "page", help: "page up"),
            KeyBinding([.char("g"), .home], .first, hint: m.firstHint, help: m.first),
            KeyBinding([.char("G"), .end], .last, hint: m.lastHint, help: m.last),
        ]
    }

    /// `?` inside an overlay: the help, that overlay's keys first; closing it comes back here.
    static let helpKey = KeyBinding<Command>(
        [.char("?"), .function(1)], .help, hint: "help", help: "the help, this view's keys first", status: true)

    // MARK: Getting things out (y, v, Alt-E)

    /// `y` and `v` in a context: `what` names the text both take (`copied` only `y`'s, when it differs).
    static func gettingOut(_ what: String, copied: String? = nil) -> [KeyBinding<Command>] {
        [
            KeyBinding([.char("y")], .copy, hint: "copy", help: "copy \(copied ?? what) to the clipboard (OSC 52)"),
            KeyBinding([.char("v")], .page, hint: "pager", help: "show \(what) in $PAGER (default less -R)"),
        ]
    }

    static let copyPrediction = KeyBinding<Command>(
        [.char("Y")], .copyPrediction, hint: "copy raw", help: "copy the prediction as the model wrote it (OSC 52)")
    static let outsHelp = gettingOut("the help text")
    static let outsMessages = gettingOut("every message")
    static let outsRaw =
        gettingOut("the case's JSON and the prediction line", copied: "the case's JSON") + [copyPrediction]
    static let outsTriage = gettingOut(
        "the whole view (prompt view: the prompt)", copied: "the highlighted row (prompt view: the prompt)")
    static let outsCommand = [
        KeyBinding<Command>(
            [.alt("e")], .externalEditor, hint: "$EDITOR",
            help: "edit the note, the flag reason (or the line) in $VISUAL / $EDITOR (default vi)")
    ]

    /// Editing keys of every line being typed (search, export path, edit command).
    static let lineEditing: [KeyBinding<Command>] = [
        KeyBinding([.left, .ctrl("b")], .cursorLeft, hint: "left", help: "cursor one character left"),
        KeyBinding([.right, .ctrl("f")], .cursorRight, hint: "right", help: "cursor one character right"),
        KeyBinding([.home, .ctrl("a")], .lineStart, hint: "start", help: "cursor to the start of the line"),
        KeyBinding([.end, .ctrl("e")], .lineEnd, hint: "end", help: "cursor to the end of the line"),
        KeyBinding([.backspace], .deleteBackward, hint: "delete", help: "delete the character before the cursor"),
        KeyBinding([.delete, .ctrl("d")], .deleteForward, hint: "delete", help: "delete the character under the cursor"),
        KeyBinding([.alt("b")], .wordLeft, hint: "word left", help: "cursor to the start of the word (or the one before)"),
        KeyBinding([.alt("f")], .wordRight, hint: "word right", help: "cursor to the end of the word (or the one after)"),
        KeyBinding(
            [.ctrl("w"), .altBackspace], .deleteWord, hint: "delete word", help: "delete the word before the cursor"),
        KeyBinding([.alt("d")], .deleteWordForward, hint: "delete word", help: "delete the word after the cursor"),
        KeyBinding([.ctrl("u")], .clearLine, hint: "clear", help: "delete everything before the cursor", status: true),
        KeyBinding([.ctrl("k")], .deleteToEnd, hint: "kill", help: "delete everything from the cursor on"),
        KeyBinding(
            [.up, .ctrl("p")], .historyOlder, hint: "history",
            help: "the previous line of this kind (search, command, path), kept across runs", status: true),
        KeyBinding(
            [.down, .ctrl("n")], .historyNewer, hint: "history",
            help: "the next line of this kind; after the newest, the line being typed"),
        KeyBinding(
            [.tab], .complete, hint: "complete",
            help:
                "complete the word (commands, FN.PARAM, names, paths); several: the common part and the list, Tab again steps through them",
            status: true),
        KeyBinding([.backTab], .completeBack, hint: "complete", help: "step back through the completions"),
    ]

    public static let table = Keymap<KeyContext, Command>([
        (
            .list, "Case list",
            navigation(.cases, status: true, space: false) + [
                KeyBinding(
                    [.enter, .right, .char("l")], .open, hint: "open", help: "open the case (focus the case pane)", status: true)
            ]
        ),
        (
            .detail, "Case pane",
            navigation(.text, status: true, space: true) + [
                KeyBinding(
                    [.enter, .right, .char("l")], .open, hint: "context", help: "show the context pane (tool catalog / profile)"),
                KeyBinding([.left, .char("h")], .back, hint: "list", help: "back to the case list"),
            ]
        ),
        (
            .context, "Context pane",
            navigation(.text, status: true, space: true) + [
                KeyBinding([.left, .char("h")], .back, hint: "case", help: "back to the case pane")
            ]
        ),
        (.global, "Everywhere", global),
        (
            .filter, "Filter \(openedBy(.filter))",
            navigation(.rows("value"), status: false, space: false) + [
                KeyBinding(
                    [.char(" "), .enter], .toggleFilterItem, hint: "toggle",
                    help: "select / deselect the value (applies at once)", status: true),
                KeyBinding([.char("x")], .clearFilter, hint: "clear", help: "clear every filter", status: true),
                KeyBinding([.escape, .char("f"), .char("q")], .back, hint: "close", help: "close the filter menu", status: true),
                helpKey,
            ]
        ),
        (
            .help, "Help \(openedBy(.help))",
            navigation(.text, status: false, space: true) + [
                KeyBinding(
                    [.escape, .char("?"), .char("q"), .function(1)], .back, hint: "close",
                    help: "close the help (after a search, clear it first)", status: true),
                KeyBinding([.char("/")], .search, hint: "search", help: "search the help (matches highlighted)", status: true),
                KeyBinding([.char("n")], .searchNext, hint: "next match", help: "next match of the help's search"),
                KeyBinding([.char("N")], .searchPrevious, hint: "prev match", help: "previous match of the help's search"),
            ] + outsHelp
        ),
        (
            .messages, "Messages (:messages)",
            navigation(.text, status: true, space: true) + [
                KeyBinding([.escape, .char("q")], .back, hint: "close", help: "close the messages", status: true),
                helpKey,
            ] + outsMessages
        ),
        (
            .raw, "Raw JSON \(openedBy(.raw))",
            navigation(.text, status: true, space: true) + [
                KeyBinding([.escape, .char("r"), .char("q")], .back, hint: "close", help: "close the raw view", status: true),
                helpKey,
            ] + outsRaw
        ),
        (
            .triage, "Summary views \(openedBy(.dashboard, .patterns, .users, .tools, .prompt, .leaderboard))",
            navigation(.rows("row"), status: true, space: true) + [
                KeyBinding([.enter], .open, hint: "cases", help: "show exactly this row's cases in the list", status: true),
                KeyBinding(
                    [.right, .char("l")], .nextTemplate, hint: "columns",
                    help: "scroll a wide table's columns right (its label stays); prompt view: next template"),
                KeyBinding(
                    [.left, .char("h")], .previousTemplate, hint: "columns",
                    help: "scroll the columns back left; prompt view: previous template"),
                KeyBinding(
                    [.char(">")], .sortNext, hint: "sort",
                    help: "sort the view's tables by the next column (marked in the header; after the last, as computed)"),
                KeyBinding([.char("<")], .sortReverse, hint: "reverse", help: "reverse the tables' order"),
                KeyBinding([.escape, .char("q")], .back, hint: "close", help: "close the view", status: true),
                helpKey,
            ] + outsTriage
        ),
        (
            .edits, "Recent edits \(openedBy(.recentEdits))",
            navigation(.rows("edit", next: "older edit", previous: "newer edit"), status: true, space: true) + [
                KeyBinding([.enter], .open, hint: "revisit", help: "select the edited case", status: true),
                KeyBinding([.escape, .char("e"), .char("q")], .back, hint: "close", help: "close the list", status: true),
                helpKey,
            ]
        ),
        (
            .options, "Options \(openedBy(.options))",
            navigation(.rows("option"), status: false, space: false) + [
                KeyBinding(
                    [.char(" "), .enter], .toggleFilterItem, hint: "toggle", help: "change the option and re-score", status: true),
                KeyBinding([.escape, .char("o"), .char("q")], .back, hint: "close", help: "close the options", status: true),
                helpKey,
            ]
        ),
        (
            .command, "Typing a command \(openedBy(.editCommand, .flag, .note))",
            [
                KeyBinding(
                    [.enter], .submit, hint: "run",
                    help: "run it: a jump (N, U N, T N), set, messages, help, q, or a gold edit (validated, journaled, fsync'ed)",
                    status: true),
                KeyBinding(
                    [.escape], .cancel, hint: "cancel", help: "cancel (shortcuts are suspended while typing)", status: true),
            ] + outsCommand
        ),
        (
            .export, "Typing an export path \(openedBy(.export))",
            [
                KeyBinding(
                    [.enter], .submit, hint: "write", help: "write the listed cases (.csv: CSV, anything else: JSON Lines)",
                    status: true),
                KeyBinding([.escape], .cancel, hint: "cancel", help: "cancel", status: true),
            ]
        ),
        (
            .search, "Typing a search \(openedBy(.search))",
            [
                KeyBinding(
                    [.enter], .submit, hint: "search",
                    help:
                        "run the search: [SCOPE:]…[re:]TEXT, SCOPE query pred gold profile tools (query:pred:x), re: a regex; any case",
                    status: true),
                KeyBinding(
                    [.escape], .cancel, hint: "cancel", help: "cancel (shortcuts are suspended while typing)", status: true),
            ]
        ),
        (.lineEditor, "Editing any line being typed", lineEditing),
        reaskSection,
        // Suspect gold and the run chooser (issue 12).
        (
            .suspects, "Suspect gold \(openedBy(.suspects))",
            [
                KeyBinding(
                    [.char("a")], .accept, hint: "accept",
                    help: "accept the agreed value (platform) as gold for that case (journaled)",
                    status: true),
                KeyBinding(
                    [.char("+"), .char("=")], .moreAgreement, hint: "K+1", help: "list values more runs agree on (K + 1)"),
                KeyBinding(
                    [.char("-")], .fewerAgreement, hint: "K-1", help: "list values fewer runs agree on (K - 1, at least 2)"),
            ]
        ),
        (
            .runChoice, "Which run's value to accept (a in a comparison)",
            navigation(.rows("run"), status: true, space: false) + [
                KeyBinding(
                    [.enter], .open, hint: "accept", help: "accept the highlighted run's value as gold (journaled)", status: true),
                KeyBinding([.escape, .char("q")], .back, hint: "cancel", help: "accept nothing", status: true),
                helpKey,
            ]
        ),
        // The leaderboard's cell cursor (issue 12).
        (
            .leaderboard, "Leaderboard \(openedBy(.leaderboard))",
            [
                KeyBinding(
                    [.enter], .open, hint: "cases",
                    help:
                        "list the cases behind the cell under the cursor (a metric's failures, an error column's cases); focus its run",
                    status: true),
                KeyBinding(
                    [.right, .char("l")], .cellRight, hint: "column",
                    help: "cell cursor one column right (the table scrolls to keep it in view)", status: true),
                KeyBinding([.left, .char("h")], .cellLeft, hint: "column", help: "cell cursor one column left"),
                KeyBinding([.char("0")], .firstCell, hint: "first column", help: "cell cursor to the first column"),
                KeyBinding([.char("$")], .lastCell, hint: "last column", help: "cell cursor to the last column"),
                KeyBinding(
                    [.char(">")], .sortCellAscending, hint: "sort",
                    help: "sort the runs by the cursor's column, ascending (again: the runs' own order)", status: true),
                KeyBinding(
                    [.char("<")], .sortCellDescending, hint: "sort down",
                    help: "sort the runs by the cursor's column, descending (again: the runs' own order)"),
            ]
        ),
    ])

    /// The contexts searched for a key, most specific first.
    public static func contexts(for state: AppState) -> [KeyContext] {
        if let editor = state.editor {
            switch editor.purpose {
            case .search: return [.search, .lineEditor]
            case .export: return [.export, .lineEditor]
            case .command: return [.command, .lineEditor]
            }
        }
        switch state.overlay?.kind {
        case .help?: return [.help]
        case .messages?: return [.messages]
        case .raw?: return [.raw]
        case .filter?: return [.filter]
        case .options?: return [.options]
        case .triage(.suspects)?: return [.suspects, .triage]
        case .triage(.leaderboard)?: return [.leaderboard, .triage]
        case .runChoice?: return [.runChoice]
        case .triage?: return [.triage]
        case .edits?: return [.edits]
        case .reask?: return [.reask]
        case nil: break
        }
        switch state.panes.focus {
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
