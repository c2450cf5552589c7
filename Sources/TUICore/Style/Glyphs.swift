// MARK: - Glyphs

/// The symbols views draw, as one value: Unicode on a UTF-8 terminal, ASCII stand-ins otherwise.
///
/// Every symbol a view draws comes from here, so ASCII mode is a choice of value rather than a
/// rewrite of the frame. The ASCII stand-ins are the ones the explorer has always shown (for
/// example `~` for `…`, `.` for `·`, `C`/`F`/`K` for the annotation marks), so moving a view onto
/// these members leaves its ASCII frames unchanged.
public struct Glyphs: Sendable, Equatable {
    // MARK: Verdicts and call diffs

    /// A passing case (`✓`, ASCII `o`).
    public var pass: String
    /// A failing case (`✗`, ASCII `x`).
    public var fail: String
    /// A format failure (`!` in both).
    public var format: String
    /// A case not scored yet (`·`, ASCII `.`).
    public var pending: String
    /// A value that matches the gold (`✓`, ASCII `o`).
    public var match: String
    /// A value that differs from the gold (`✗`, ASCII `x`).
    public var mismatch: String
    /// In the gold only (`−`, ASCII `-`).
    public var missing: String
    /// Predicted only (`+` in both).
    public var extra: String

    // MARK: Text

    /// The end of a cut line (`…`, ASCII `~`).
    public var ellipsis: String
    /// A separator between items of one line (`·`, ASCII `.`).
    public var dot: String
    /// A bullet, and the search-match mark of a list row (`•`, ASCII `>`).
    public var bullet: String
    /// A dash between a name and its description, or standing for no value (`—`, ASCII `-`).
    public var dash: String
    /// The cursor at the end of a line being typed (`█`, ASCII `_`).
    public var cursor: String
    /// An empty or out-of-range error span in a prediction (`⟂`, ASCII `_`).
    public var insertionPoint: String
    /// A difference, as in `Δ B−A` (`Δ`, ASCII `D`).
    public var delta: String
    /// Not equal (`≠`, ASCII `!=`).
    public var notEqual: String
    /// Times, as in `× 2 runs` (`×`, ASCII `x`).
    public var times: String
    /// Plus or minus, as in the short name `F±` of an extra and a missing function (`±`, ASCII `+-`).
    public var plusMinus: String

    // MARK: Borders and rules

    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    /// A heavy rule around a section title (`━`, ASCII `=`).
    public var heavyHorizontal: String

    // MARK: Marks

    /// A checked option (`[x]` in both).
    public var selected: String
    /// An unchecked option (`[ ]` in both).
    public var unselected: String
    /// A bar of a histogram (`█`, ASCII `#`).
    public var bar: String
    /// The gold platform or function (`●`, ASCII `*`).
    public var gold: String
    /// The predicted platform or function (`◆`, ASCII `@`).
    public var predicted: String
    /// The user's preferred platform (`★`, ASCII `^`).
    public var preferred: String
    /// A case whose gold was corrected (`✎`, ASCII `C`).
    public var corrected: String
    /// A flagged case (`⚑`, ASCII `F`).
    public var flagged: String
    /// A confirmed case (`☑`, ASCII `K`).
    public var confirmed: String

    // MARK: Arrows

    /// Right, "becomes" (`→`, ASCII `>`).
    public var arrow: String
    /// Left (`←`, ASCII `<`).
    public var arrowLeft: String
    /// Up (`↑`, ASCII `^`).
    public var arrowUp: String
    /// Down (`↓`, ASCII `v`).
    public var arrowDown: String
    /// Both ways (`↔`, ASCII `<>`).
    public var arrowBoth: String
    /// The header mark of a table column sorted ascending (`▲`, ASCII `^`).
    public var sortAscending: String
    /// The header mark of a table column sorted descending (`▼`, ASCII `v`).
    public var sortDescending: String

    // MARK: - Sets

    /// The symbols of a UTF-8 terminal.
    public static let unicode = Glyphs(
        pass: "✓", fail: "✗", format: "!", pending: "·", match: "✓", mismatch: "✗", missing: "−", extra: "+",
        ellipsis: "…", dot: "·", bullet: "•", dash: "—", cursor: "█", insertionPoint: "⟂", delta: "Δ", notEqual: "≠",
        times: "×", plusMinus: "±",
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", heavyHorizontal: "━",
        selected: "[x]", unselected: "[ ]", bar: "█", gold: "●", predicted: "◆", preferred: "★", corrected: "✎",
        flagged: "⚑", confirmed: "☑",
        arrow: "→", arrowLeft: "←", arrowUp: "↑", arrowDown: "↓", arrowBoth: "↔", sortAscending: "▲", sortDescending: "▼")

    /// ASCII stand-ins, for a terminal whose locale is not UTF-8.
    public static let ascii = Glyphs(
        pass: "o", fail: "x", format: "!", pending: ".", match: "o", mismatch: "x", missing: "-", extra: "+",
        ellipsis: "~", dot: ".", bullet: ">", dash: "-", cursor: "_", insertionPoint: "_", delta: "D", notEqual: "!=",
        times: "x", plusMinus: "+-",
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", heavyHorizontal: "=",
        selected: "[x]", unselected: "[ ]", bar: "#", gold: "*", predicted: "@", preferred: "^", corrected: "C",
        flagged: "F", confirmed: "K",
        arrow: ">", arrowLeft: "<", arrowUp: "^", arrowDown: "v", arrowBoth: "<>", sortAscending: "^", sortDescending: "v")
}
