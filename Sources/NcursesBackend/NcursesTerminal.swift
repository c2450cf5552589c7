import CNcursesw
import TUICore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - NcursesTerminal

/// The terminal, seen through ncursesw: set-up and restore, frame flushing, key reading.
///
/// Frames arrive as ``ScreenBuffer`` values; only the cells that changed since the previous frame
/// are written (wide-character API, colour pairs allocated lazily), then the screen is updated
/// once. Every method selects this terminal's `SCREEN` first, so several instances (tests) can
/// coexist; ncurses is not thread-safe, so use one instance from one thread at a time.
///
/// The signal helpers of the C shim keep their state in the object file that calls them: this is
/// the only Swift file that may call them.
public final class NcursesTerminal {
    private let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    /// Files opened for a headless terminal, closed when it goes away.
    private let ownedFiles: [UnsafeMutablePointer<FILE>]
    /// Where curses writes: control sequences (``writeControl(_:)``) go there too.
    private let output: UnsafeMutablePointer<FILE>
    private let isHeadless: Bool
    private let installedSignalHandlers: Bool
    private let mouse: Bool
    private var restored = false

    /// The last frame written, the base of the next diff.
    private var lastBuffer: ScreenBuffer?
    /// The styles of the last frame written: a theme change redraws everything.
    private var lastStyles: [Role: TextStyle]?
    private var lastDepth: ColorDepth?
    /// The window's size at the last draw: a terminal resize redraws everything.
    private var lastWindowSize: (width: Int, height: Int)?
    private var needsFullRedraw = true
    private var needsClear = false

    /// True once `start_color` succeeded.
    private let colorEnabled: Bool
    /// True once `use_default_colors` succeeded: -1 means the terminal's own colour.
    private let defaultColors: Bool
    /// What unprintable text is shown as: U+FFFD, or `?` when the locale cannot show that.
    private let replacement: wchar_t
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    /// At most this many pairs are allocated before the cache starts over (tests lower it).
    var pairLimit: Int

    /// How many cells the last ``draw(_:theme:)`` wrote.
    public private(set) var cellsWritten = 0
    /// How many times the colour-pair cache was full and started over.
    public private(set) var pairCacheResets = 0

    private struct PairKey: Hashable {
        var fg: Int32
        var bg: Int32
    }

    // MARK: - Start and stop

    /// Starts curses on the process's terminal (stdin/stdout) and installs the signal handlers.
    ///
    /// Every fatal signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS, SIGQUIT)
    /// restores the terminal from the handler itself, says so on stderr and ends the process by
    /// the signal; a crash of the process is first shown by the Swift runtime's backtracer, made
    /// non-interactive. SIGINT, SIGTERM and SIGHUP make ``interrupted`` true (the caller restores
    /// and calls ``exit(bySignal:)``); if the process does not end within 1 s, the handler does it.
    /// SIGTSTP restores the terminal while stopped; after SIGCONT ``readKey(timeoutMilliseconds:)``
    /// reports a ``Key/resize`` and the next frame is drawn whole.
    ///
    /// Sets the locale from the environment, then `cbreak`, `noecho`, `keypad`, an invisible
    /// cursor, a 25 ms escape delay, and colours with the terminal's defaults when it has colours.
    /// The mouse is reported only when `mouse` is true (it steals text selection).
    /// Throws ``NcursesError/cannotOpenTerminal(term:)`` when `TERM` is unset or unknown, and
    /// ``NcursesError/cannotAddressCursor(term:)`` (with the terminal given back) when it cannot
    /// move the cursor.
    public init(mouse: Bool) throws {
        setlocale(LC_ALL, "")
        // The window size comes from the terminal, not from stale LINES/COLUMNS in the environment.
        use_tioctl(true)
        // ncurses writes to stdout: what the signal handlers restore is its mode before curses.
        ptscope_save_shell_mode(STDOUT_FILENO)
        // curses writes to a duplicate of stdout that the fatal handlers silence before they
        // restore the terminal: a frame drawn on this thread while another one crashes must not
        // land on the restored screen. Kept open until the process ends, like stdout.
        let output: UnsafeMutablePointer<FILE> = ptscope_curses_output(STDOUT_FILENO) ?? ptscope_stdout()
        guard let screen = newterm(nil, output, ptscope_stdin()) else {
            throw NcursesError.cannotOpenTerminal(term: getenv("TERM").map { String(cString: $0) })
        }
        set_term(screen)
        guard ptscope_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            throw NcursesError.cannotAddressCursor(term: getenv("TERM").map { String(cString: $0) })
        }
        self.screen = screen
        window = ptscope_stdscr()
        ownedFiles = []
        self.output = output
        isHeadless = false
        (colorEnabled, defaultColors) = NcursesTerminal.setUp(window: window, mouse: mouse)
        replacement = ptscope_wcwidth(0xFFFD) == 1 ? 0xFFFD : 0x3F
        pairLimit = max(0, Int(ptscope_color_pairs()) - 1)
        self.mouse = mouse
        ptscope_install_signal_handlers(mouse ? 1 : 0)
        installedSignalHandlers = true
    }

    private init(headlessScreen: OpaquePointer, files: [UnsafeMutablePointer<FILE>], mouse: Bool) {
        screen = headlessScreen
        output = files[0]
        set_term(headlessScreen)
        window = ptscope_stdscr()
        ownedFiles = files
        isHeadless = true
        (colorEnabled, defaultColors) = NcursesTerminal.setUp(window: window, mouse: mouse)
        replacement = ptscope_wcwidth(0xFFFD) == 1 ? 0xFFFD : 0x3F
        pairLimit = max(0, Int(ptscope_color_pairs()) - 1)
        self.mouse = mouse
        installedSignalHandlers = false
    }

    /// A terminal that writes to `/dev/null` and reads nothing, `width`×`height` cells, for tests.
    ///
    /// Switches `LC_CTYPE` to `C.UTF-8` when the current locale is not UTF-8 (wide characters
    /// need it). Installs no signal handlers. Nil when `term` is unknown.
    public static func headless(width: Int, height: Int, term: String = "xterm-256color") -> NcursesTerminal? {
        headless(width: width, height: height, term: term, input: nil, mouse: false)
    }

    /// A headless terminal reading keys from `input` (a pipe in tests) instead of `/dev/null`.
    /// Takes ownership of `input`.
    static func headless(
        width: Int, height: Int, term: String, input: UnsafeMutablePointer<FILE>?, mouse: Bool
    ) -> NcursesTerminal? {
        if ptscope_locale_is_utf8() == 0 { setlocale(LC_CTYPE, "C.UTF-8") }
        guard let output = fopen("/dev/null", "w") else { return nil }
        guard let input = input ?? fopen("/dev/null", "r") else {
            fclose(output)
            return nil
        }
        guard let screen = newterm(term, output, input) else {
            fclose(output)
            fclose(input)
            return nil
        }
        let terminal = NcursesTerminal(headlessScreen: screen, files: [output, input], mouse: mouse)
        terminal.resize(width: width, height: height)
        flushinp()  // the resize queued a KEY_RESIZE nobody asked for
        return terminal
    }

    /// The common set-up; returns whether colours and default colours are available.
    private static func setUp(window: UnsafeMutablePointer<WINDOW>, mouse: Bool) -> (Bool, Bool) {
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        scrollok(window, false)
        idlok(window, false)
        leaveok(window, true)
        curs_set(0)
        set_escdelay(25)
        if mouse {
            // Every button event, not only the mapped ones: a report outside the mask makes
            // wget_wch wait for the next input, ignoring its timeout (checked with ncurses 6.4).
            // No REPORT_MOUSE_POSITION: no motion reports. No click resolution: a press is a click.
            mousemask(ptscope_all_mouse_events(), nil)
            mouseinterval(0)
        }
        guard has_colors(), start_color() != ERR else { return (false, false) }
        return (true, use_default_colors() != ERR)
    }

    /// Ends curses mode: the terminal is back in normal mode and the signal handlers are the ones
    /// from before. Safe to call more than once; also called when the terminal goes away. Nothing
    /// is drawn afterwards.
    public func restore() {
        guard !restored else { return }
        restored = true
        select()
        endwin()
        if installedSignalHandlers { ptscope_restore_signal_handlers() }
    }

    deinit {
        restore()
        if isHeadless {
            delscreen(screen)
            for file in ownedFiles { fclose(file) }
        }
    }

    /// Ends the process by `signal` with its default action, so the shell reports 128 + `signal`
    /// (call after ``restore()`` and any other clean-up, for the signal behind ``interruptSignal``).
    public static func exit(bySignal signal: Int32) -> Never {
        ptscope_exit_by_signal(signal)
        fatalError("signal \(signal) did not end the process")
    }

    /// Makes this terminal ncurses' current screen.
    func select() {
        set_term(screen)
    }

    // MARK: - Properties

    /// Columns of the terminal.
    public var width: Int {
        select()
        return Int(getmaxx(window))
    }

    /// Rows of the terminal.
    public var height: Int {
        select()
        return Int(getmaxy(window))
    }

    /// The colours the terminal offers (`mono` when it has none).
    public var colorDepth: ColorDepth {
        guard colorEnabled else { return .mono }
        select()
        return ColorDepth(colors: Int(ptscope_colors()))
    }

    /// True when the locale's character set is UTF-8 (otherwise use ASCII glyphs).
    public var isUTF8: Bool { ptscope_locale_is_utf8() != 0 }

    /// True once SIGINT, SIGTERM or SIGHUP arrived (the process should restore and exit).
    public var interrupted: Bool { ptscope_interrupt_signal() != 0 }

    /// The signal behind ``interrupted`` (0 when none arrived).
    public var interruptSignal: Int32 { Int32(ptscope_interrupt_signal()) }

    // MARK: - Drawing

    /// Writes `buffer` to the terminal: only the cells changed since the previous frame (all of
    /// them after a size or theme change or ``invalidate()``), then one screen update.
    public func draw(_ buffer: ScreenBuffer, theme: ResolvedTheme) {
        guard !restored else { return }
        select()
        let depth: ColorDepth = colorEnabled ? theme.depth : .mono
        let maxX = Int(getmaxx(window))
        let maxY = Int(getmaxy(window))
        let themeChanged = lastStyles != theme.styles || lastDepth != depth
        let bufferResized = lastBuffer.map { $0.width != buffer.width || $0.height != buffer.height } ?? true
        let windowResized = lastWindowSize.map { $0.width != maxX || $0.height != maxY } ?? true
        let sizeChanged = bufferResized || windowResized
        var full = needsFullRedraw || themeChanged || sizeChanged
        var diff = FrameDiff(from: full ? nil : lastBuffer, to: buffer)

        // Each role's attributes and colour pair for this frame. A full pair cache starts over with
        // a full redraw (no cell on screen keeps a pair that now means something else), but only
        // when it holds pairs this frame does not use: otherwise the excess styles get pair 0.
        var styles: [Role: (attrs: attr_t, pair: Int32)] = [:]
        if depth != .mono {
            var roles = Set<Role>()
            for run in diff.runs { for cell in run.cells { roles.insert(cell.role) } }
            let missing = Set(roles.compactMap { pairKey(theme[$0]) }).subtracting(pairs.keys)
            if pairs.count + missing.count > pairLimit && !pairs.isEmpty
                && !pairs.keys.allSatisfy(pairKeys(buffer, theme: theme).contains)
            {
                pairs = [:]
                nextPair = 1
                pairCacheResets += 1
                if !full {
                    full = true
                    diff = FrameDiff(from: nil, to: buffer)
                }
            }
        }
        func style(_ role: Role) -> (attrs: attr_t, pair: Int32) {
            if let s = styles[role] { return s }
            let textStyle = theme[role]
            let s = (attrs: attributes(textStyle), pair: depth == .mono ? 0 : pair(textStyle))
            styles[role] = s
            return s
        }

        if full {
            werase(window)
            if needsClear || sizeChanged { clearok(window, true) }
        }
        var written = 0
        for run in diff.runs where run.y < maxY {
            var x = run.x
            var coveredColumn = -1
            for cell in run.cells {
                defer { x += 1 }
                if x >= maxX { break }
                if cell.isContinuation {
                    // The wide grapheme written just before covers this column.
                    if x == coveredColumn { continue }
                    put([0x20], x: x, y: run.y, style: style(cell.role))
                    written += 1
                    continue
                }
                let (chars, covers) = glyph(cell, x: x, maxX: maxX)
                put(chars, x: x, y: run.y, style: style(cell.role))
                written += 1
                if covers { coveredColumn = x + 1 }
            }
        }
        wnoutrefresh(window)
        doupdate()

        cellsWritten = written
        lastBuffer = buffer
        lastStyles = theme.styles
        lastDepth = depth
        lastWindowSize = (maxX, maxY)
        needsFullRedraw = false
        needsClear = false
    }

    /// Forces a full redraw, screen cleared first, on the next ``draw(_:theme:)`` (after a
    /// resume, or when something else wrote to the terminal).
    public func invalidate() {
        needsFullRedraw = true
        needsClear = true
    }

    /// Changes the size curses works with (`resizeterm`); the next draw is a full redraw, and
    /// curses queues a ``Key/resize`` for ``readKey(timeoutMilliseconds:)``, as after a real resize.
    public func resize(width: Int, height: Int) {
        select()
        resizeterm(Int32(clamping: max(1, height)), Int32(clamping: max(1, width)))
    }

    /// The wide characters to write for `cell` at column `x`, and whether they cover column x+1.
    ///
    /// Where ncurses' `wcwidth` disagrees with the buffer's width, a stand-in keeps both views of
    /// the row aligned: a wide grapheme ncurses sees as narrow is written narrow (its continuation
    /// becomes a space), anything unprintable becomes U+FFFD, and a wide grapheme at the right edge
    /// becomes a space.
    private func glyph(_ cell: Cell, x: Int, maxX: Int) -> (chars: [wchar_t], covers: Bool) {
        var chars: [wchar_t] = []
        let limit = Int(ptscope_ccharw_max())
        for scalar in cell.text.unicodeScalars.prefix(limit) { chars.append(wchar_t(scalar.value)) }
        guard let first = chars.first else { return ([0x20], false) }
        let cursesWidth = ptscope_wcwidth(first)
        if cell.width >= 2 {
            if x + 1 >= maxX { return ([0x20], false) }
            switch cursesWidth {
            case 2: return (chars, true)
            case 1: return (chars, false)
            default: return ([replacement], false)
            }
        }
        switch cursesWidth {
        case 1: return (chars, false)
        case 0: return ([0x25CC] + chars.prefix(limit - 1), false)  // a base for a lone combining mark
        default: return ([replacement], false)
        }
    }

    /// Writes one cell. ERR at the bottom-right corner (the cursor cannot move on) is expected.
    private func put(_ chars: [wchar_t], x: Int, y: Int, style: (attrs: attr_t, pair: Int32)) {
        _ = chars.withUnsafeBufferPointer { p in
            ptscope_put_cell(window, Int32(y), Int32(x), p.baseAddress, Int32(p.count), style.attrs, style.pair)
        }
    }

    // MARK: - Styles

    /// The curses attributes of `style`.
    private func attributes(_ style: TextStyle) -> attr_t {
        var a = ptscope_a_normal()
        if style.bold { a |= ptscope_a_bold() }
        if style.underline { a |= ptscope_a_underline() }
        if style.reverse { a |= ptscope_a_reverse() }
        if style.dim { a |= ptscope_a_dim() }
        return a
    }

    /// The colours `style` asks for, as this terminal can show them; nil means pair 0.
    private func pairKey(_ style: TextStyle) -> PairKey? {
        let colors = Int(ptscope_colors())
        func usable(_ c: Int, fallback: Int32) -> Int32 {
            let c = c >= 0 && c < colors ? Int32(c) : -1
            return c == -1 && !defaultColors ? fallback : c
        }
        let key = PairKey(fg: usable(style.fg, fallback: 7), bg: usable(style.bg, fallback: 0))
        return key.fg == -1 && key.bg == -1 ? nil : key
    }

    /// The colour pairs every cell of `buffer` needs.
    private func pairKeys(_ buffer: ScreenBuffer, theme: ResolvedTheme) -> Set<PairKey> {
        var roles = Set<Role>()
        for cell in buffer.cells { roles.insert(cell.role) }
        return Set(roles.compactMap { pairKey(theme[$0]) })
    }

    /// The colour pair for `style`, allocated with `init_extended_pair` on first use.
    private func pair(_ style: TextStyle) -> Int32 {
        guard let key = pairKey(style) else { return 0 }
        if let p = pairs[key] { return p }
        guard pairs.count < pairLimit, init_extended_pair(nextPair, key.fg, key.bg) != ERR else { return 0 }
        let p = nextPair
        pairs[key] = p
        nextPair += 1
        return p
    }

    // MARK: - Control sequences and hand-over

    /// Writes `bytes` to the terminal after the last frame (curses has flushed it), unchanged:
    /// the caller made them safe (an OSC 52 copy is base64 between fixed bytes).
    public func writeControl(_ bytes: [UInt8]) {
        guard !restored, !bytes.isEmpty else { return }
        select()
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, output) }
        fflush(output)
    }

    /// Hands the terminal to `body` (a pager or an editor run in the foreground) and takes it
    /// back: `def_prog_mode` and `endwin` first (the shell's modes, the normal screen), the
    /// keyboard's signals left to the child meanwhile, then curses' modes again, input typed
    /// meanwhile dropped, and a full redraw on the next ``draw(_:theme:)``. No key is read while
    /// `body` runs: it runs on the caller's (the input loop's) thread.
    public func handOver<Result>(_ body: () -> Result) -> Result {
        guard !restored else { return body() }
        select()
        def_prog_mode()
        endwin()
        fflush(output)
        if installedSignalHandlers { ptscope_hand_over_signals(1) }
        let result = body()
        if installedSignalHandlers { ptscope_hand_over_signals(0) }
        select()
        reset_prog_mode()
        // The child may have left keypad transmit and the cursor as it liked them: curses'
        // view of both is stale, so set them again, and the mouse mode (endwin turned it off).
        keypad(window, true)
        curs_set(0)
        if mouse {
            mousemask(0, nil)
            mousemask(ptscope_all_mouse_events(), nil)
        }
        flushinp()
        invalidate()
        return result
    }

    // MARK: - Input

    /// The next key, waiting at most `timeoutMilliseconds` (negative: forever). Nil on timeout,
    /// when a signal interrupted the wait, for input that is no key (an unused mouse event or
    /// control character), and at once after ``restore()``. After a stop and continue
    /// (Ctrl-Z, `fg`): ``Key/resize``, and the next ``draw(_:theme:)`` redraws everything.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard !restored else { return nil }
        select()
        if installedSignalHandlers && ptscope_take_resumed() != 0 {
            invalidate()
            if mouse {
                // The stop turned mouse reporting off behind curses' back: switch it off and on.
                mousemask(0, nil)
                mousemask(ptscope_all_mouse_events(), nil)
            }
            return .resize
        }
        wtimeout(window, Int32(clamping: max(-1, timeoutMilliseconds)))
        var ch: wint_t = 0
        switch wget_wch(window, &ch) {
        case OK:
            let value = UInt32(ch)
            return value == 27 ? escapeOrAlt() : NcursesTerminal.key(character: value)
        case KEY_CODE_YES: return keyCode(Int32(bitPattern: UInt32(ch)))
        default: return nil
        }
    }

    /// After an Esc: Alt plus the character that came with it, else Esc.
    ///
    /// curses has already waited the escape delay (25 ms) for a function key's sequence; a
    /// character that arrived within it (a terminal sends Alt-b as Esc then `b` in one write) is
    /// waiting in curses' queue and is taken without waiting more, so a lone Esc stays prompt. Esc
    /// before another Esc, a key code or a control character is Esc, and that input is read next.
    private func escapeOrAlt() -> Key {
        wtimeout(window, 0)
        var ch: wint_t = 0
        switch wget_wch(window, &ch) {
        case OK:
            let value = UInt32(ch)
            if let alt = NcursesTerminal.altKey(character: value) { return alt }
            unget_wch(wchar_t(bitPattern: value))
        case KEY_CODE_YES:
            // Backspace is a key code where terminfo names DEL as the backspace key (`kbs`).
            let code = Int32(bitPattern: UInt32(ch))
            if code == KEY_BACKSPACE { return .altBackspace }
            ungetch(code)
        default:
            break
        }
        return .escape
    }

    /// The Alt key for a character read right after an Esc (nil: Esc and then that character).
    static func altKey(character value: UInt32) -> Key? {
        switch value {
        case 8, 127: return .altBackspace
        case 0..<32, 0x7F..<0xA0: return nil
        default: return Unicode.Scalar(value).map { .alt(Character($0)) }
        }
    }

    /// The key for a curses key code (`KEY_*`).
    private func keyCode(_ code: Int32) -> Key? {
        if code == KEY_MOUSE {
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            return NcursesTerminal.key(mouse: mmask_t(event.bstate), x: Int(event.x), y: Int(event.y))
        }
        return NcursesTerminal.key(code: code)
    }

    /// The key for a curses key code other than `KEY_MOUSE`.
    static func key(code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_RESIZE: return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    /// The key for a mouse event's button state at (`x`, `y`).
    static func key(mouse state: mmask_t, x: Int, y: Int) -> Key? {
        if state & (ptscope_button1_pressed() | ptscope_button1_clicked()) != 0 {
            return .mouse(MouseEvent(.click, x: x, y: y))
        }
        if state & ptscope_button4_pressed() != 0 { return .mouse(MouseEvent(.wheelUp, x: x, y: y)) }
        if state & ptscope_button5_pressed() != 0 { return .mouse(MouseEvent(.wheelDown, x: x, y: y)) }
        return nil
    }

    /// The key for a character read as text.
    static func key(character value: UInt32) -> Key? {
        switch value {
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(96 + value))))
        case 0..<32, 0x80..<0xA0: return nil
        default: return Unicode.Scalar(value).map { .char(Character($0)) }
        }
    }
}
