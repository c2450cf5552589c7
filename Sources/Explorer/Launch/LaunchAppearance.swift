import Evaluator
import Foundation
import TUICore

// MARK: - LaunchAppearance

/// How the explorer looks on this terminal: the theme (`--theme`, a bundled name or a file), whether
/// colour is off (`--no-color` or a non-empty `NO_COLOR`), and the glyphs the locale can show.
public struct LaunchAppearance: Sendable {
    /// The theme read from `--theme` (the default one when the spec is unusable).
    public let theme: Theme
    /// Why the theme asked for was not used, or parts of it were not (shown at start and after exit).
    public let warnings: [String]
    /// No colour: attributes and glyphs only.
    public let monochrome: Bool

    /// Reads the theme `spec` (nil: the default); colour is off with `noColor` or a non-empty
    /// `NO_COLOR` in `environment`.
    public init(themeSpec spec: String?, noColor: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) {
        (theme, warnings) = ThemeLoader.load(spec)
        monochrome = noColor || !(environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The theme resolved for a terminal showing `depth` colours (monochrome when colour is off).
    public func resolvedTheme(terminalDepth depth: ColorDepth) -> ResolvedTheme {
        theme.resolve(depth: monochrome ? .mono : depth)
    }

    /// Unicode glyphs on a UTF-8 locale, ASCII ones otherwise.
    public static func glyphs(utf8: Bool) -> Glyphs { utf8 ? .unicode : .ascii }

    /// The status line's first message: that the locale is not UTF-8, else the first theme warning.
    public func startMessage(utf8: Bool) -> String? {
        utf8 ? warnings.first : "the locale is not UTF-8: ASCII glyphs (set LANG=C.UTF-8 for the real ones)"
    }

    /// The explorer's state before the data has loaded, on a `width` × `height` terminal.
    public func initialState(
        width: Int, height: Int, utf8: Bool, mouse: Bool, options: SessionOptions, loading plan: LaunchPlan
    ) -> AppState {
        var state = AppState(width: width, height: height, glyphs: Self.glyphs(utf8: utf8))
        state.status.mouse = mouse
        state.startOptions = options
        state.status.loading = "loading \(plan.data.path)…"
        state.status.message = startMessage(utf8: utf8)
        return state
    }
}
