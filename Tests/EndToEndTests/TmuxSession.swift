import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - TmuxSession

/// The built `ptscope` binary running in a private tmux server (its own socket, no config file),
/// at a fixed size, with `LANG=C.UTF-8` and `TERM=xterm-256color`.
///
/// The binary runs under `sh -c 'trap : INT; ulimit -c 0; ptscope …; echo "EXIT:$?"; exec sleep 60'`,
/// so after it ends the pane shows `EXIT:<status>` on the normal screen (no core file is left by a
/// fatal-signal test). The shell traps SIGINT (a trap, not an ignore, so ptscope gets the default
/// disposition back on exec): Ctrl-C reaches ptscope and the shell survives to print the status. The server is killed in `deinit`.
///
/// Every wait polls `capture-pane` until the screen says what is expected (30 s by default: a bound
/// on a hang, met in well under a second on a quiet machine and in seconds under a loaded suite), then
/// fails at the caller's line showing the last screen. Nothing sleeps and hopes.
final class TmuxSession {
    /// tmux on PATH, or nil (the suite is skipped).
    static let tmuxPath: String? = findExecutable("tmux")

    static var isAvailable: Bool { tmuxPath != nil }

    let width: Int
    let height: Int
    private let tmux: String
    private let dir: String
    private let socket: String
    private let target = "e2e:"
    private var killed = false
    /// The size after ``resize(_:_:)``.
    private var resized: (Int, Int)?
    private var currentWidth: Int { resized?.0 ?? width }
    private var currentHeight: Int { resized?.1 ?? height }

    /// Starts `ptscope arguments…` at `width`×`height` and returns once tmux has the session (the
    /// program may still be starting: wait for its first screen).
    ///
    /// With `interactiveShell`, the pane runs an interactive bash (job control, prompt `$ `) and the
    /// command line is typed into it: Ctrl-Z stops ptscope and `fg` resumes it, as for a user.
    /// `environment`: more variables for the session (ptscope's `PTSCOPE_TEST_CRASH`; `E2E_TERM`
    /// for the TERM ptscope sees, which tmux would otherwise set).
    init(
        width: Int, height: Int, arguments: [String] = [], interactiveShell: Bool = false,
        environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        self.width = width
        self.height = height
        self.tmux = try #require(Self.tmuxPath, "tmux is not installed", sourceLocation: sourceLocation)
        let binary = try Self.ptscopeBinary(sourceLocation: sourceLocation)
        // A short base: a Unix socket path must fit in 104–108 bytes.
        let tmp = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.utf8.count < 60 ? $0 : nil } ?? "/tmp"
        var template = Array((tmp.hasSuffix("/") ? tmp : tmp + "/").appending("ptscope-e2e.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw TmuxError("cannot create a temporary folder in \(tmp): errno \(errno)")
        }
        self.dir = String(cString: made)
        self.socket = dir + "/sock"
        var session = [
            "new-session", "-d", "-s", "e2e", "-x", "\(width)", "-y", "\(height)",
            "-e", "LANG=C.UTF-8", "-e", "TERM=xterm-256color",
            // Each session its own annotations journal for the sample (never the user's).
            "-e", "XDG_DATA_HOME=\(dir)",
            // And its own line-editor history (never the user's).
            "-e", "XDG_STATE_HOME=\(dir)",
            // And no config file (a user's remapped keys would change what the tests type).
            "-e", "XDG_CONFIG_HOME=\(dir)",
        ]
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) { session += ["-e", "\(name)=\(value)"] }
        if interactiveShell {
            let bash = try #require(Self.findExecutable("bash"), "bash is not installed", sourceLocation: sourceLocation)
            // The moment of each prompt goes to `prompt-at` (nanoseconds since 1970, by the shell).
            let prompted = #"date +%s%N > "$E2E_DIR/prompt-at""#
            try run(
                session + [
                    "-e", "PS1=$ ", "-e", "E2E_DIR=\(dir)", "-e", "PROMPT_COMMAND=\(prompted)", bash, "--norc", "--noprofile",
                    "-i",
                ])
            let quoted = ([binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
            try run(["send-keys", "-t", target, "-l", "ulimit -c 0; " + quoted.joined(separator: " ")])
            try run(["send-keys", "-t", target, "Enter"])
        } else {
            // tmux sets TERM itself (its default-terminal): `E2E_TERM` in `environment` overrides it.
            // The moment ptscope ended goes to `exit-at` (nanoseconds since 1970, by the shell): a
            // test measures from it, not from when its own poller, maybe starved, saw the EXIT line.
            let script =
                #"[ -z "$E2E_TERM" ] || export TERM="$E2E_TERM"; trap : INT; ulimit -c 0; "$@"; s=$?; "#
                + #"date +%s%N > "$E2E_DIR/exit-at"; echo "EXIT:$s"; exec sleep 60"#
            try run(session + ["-e", "E2E_DIR=\(dir)", "sh", "-c", script, "ptscope-e2e", binary] + arguments)
        }
    }

    deinit { kill() }

    /// Kills the tmux server (and with it ptscope and the wrapper shell); removes the socket folder.
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? run(["kill-server"], check: false)
        try? FileManager.default.removeItem(atPath: dir)
    }

    // MARK: Screen

    /// The pane now: text and styles (`capture-pane -p -e`).
    var screen: Screen {
        get throws {
            Screen(styled: try run(["capture-pane", "-p", "-e", "-t", target]), width: currentWidth, height: currentHeight)
        }
    }

    /// A tmux format of the pane (`display-message -p`), e.g. `#{alternate_on}`.
    func format(_ f: String) throws -> String {
        try run(["display-message", "-p", "-t", target, f]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: The process and its terminal

    /// The process id of ptscope: the child of the pane's shell.
    func ptscopePID(sourceLocation: SourceLocation = #_sourceLocation) throws -> pid_t {
        let shell = try format("#{pane_pid}")
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let pids = children.split(separator: " ").compactMap { pid_t($0) }
        return try #require(pids.first, "the pane's shell (\(shell)) has no child process", sourceLocation: sourceLocation)
    }

    /// Sends `signal` to ptscope (`kill`, from outside the terminal).
    func signal(_ signal: Int32, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let pid = try ptscopePID(sourceLocation: sourceLocation)
        try #require(
            deliver(signal, to: pid) == 0, "kill(\(pid), \(signal)) failed: errno \(errno)", sourceLocation: sourceLocation)
    }

    /// The pane terminal's line discipline as `stty -a` reports it: whether it echoes and whether
    /// it is in canonical (line) mode; curses mode has both off.
    func ttyModes() throws -> (echo: Bool, canonical: Bool) {
        let tty = try format("#{pane_tty}")
        let stty = try #require(Self.findExecutable("stty"), "stty is not installed")
        let status = try Self.spawnAndWait(
            [stty, "-F", tty, "-a"], environment: Self.environment, stdout: dir + "/stty.out", stderr: dir + "/stty.err")
        let text = (try? String(contentsOfFile: dir + "/stty.out", encoding: .utf8)) ?? ""
        try #require(status == 0, "stty -F \(tty) -a exited \(status)")
        let words = Set(text.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "\n" }).map(String.init))
        return (words.contains("echo"), words.contains("icanon"))
    }

    /// Runs a tmux command on this session's server (`set-option -g set-clipboard on`,
    /// `show-buffer`) and returns its output.
    @discardableResult
    func command(_ arguments: String...) throws -> String {
        try run(arguments)
    }

    // MARK: Input

    /// Sends tmux key names (`"j"`, `"Enter"`, `"Escape"`, `"Tab"`, `"C-c"`, `"Space"`), as typed.
    func send(_ keys: String...) throws {
        try run(["send-keys", "-t", target] + keys)
    }

    /// Types `text` literally (`send-keys -l`), UTF-8 included.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", target, "-l", text])
    }

    /// Resizes the window (`resize-window`, which also switches a detached session's
    /// `window-size` to manual) and checks tmux took the new size. ptscope gets SIGWINCH; wait for
    /// its redraw.
    func resize(_ w: Int, _ h: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try run(["resize-window", "-t", target, "-x", "\(w)", "-y", "\(h)"])
        let size = try format("#{window_width}x#{window_height}")
        try #require(size == "\(w)x\(h)", "tmux did not resize the window", sourceLocation: sourceLocation)
        resized = (w, h)
    }

    // MARK: Waiting

    /// Polls the screen until `predicate` holds on a settled screen (two captures 15 ms apart
    /// agree); fails at the caller (showing the last screen) after `timeout`.
    ///
    /// `settled: false` takes one capture where the predicate holds: for a screen that never
    /// settles (a spinner turning), when the screen itself is not read afterwards.
    @discardableResult
    func waitUntil(
        _ what: String, timeout: Duration = .seconds(30), settled: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ predicate: (Screen) throws -> Bool
    ) async throws -> Screen {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last: Screen
        var previous: Screen?
        repeat {
            last = try screen
            // A capture can land in the middle of ptscope writing a frame (the top rows new, the
            // status bar still old): accept a screen only when the next capture is the same.
            if !settled, try predicate(last) { return last }
            if let p = previous, p == last, try predicate(last) { return last }
            previous = last
            try await Task.sleep(for: .milliseconds(15))
        } while clock.now < deadline
        // A poller starved of CPU (a loaded machine) may wake only after the deadline: one last
        // settled look before failing, so the bound limits the wait, not the looking.
        last = try screen
        try await Task.sleep(for: .milliseconds(15))
        let next = try screen
        if next == last || !settled, try predicate(last) { return last }
        // Why: the predicate never held, or it held but the screen kept changing (which rows).
        let why =
            if try predicate(last) {
                "it held on the last screen, but the next capture differed (rows "
                    + "\((0..<max(last.lines.count, next.lines.count)).filter { y in y >= last.lines.count || y >= next.lines.count || last.lines[y] != next.lines[y] || last.highlight[y] != next.highlight[y] })): "
            } else { "" }
        let timedOut = true
        try #require(
            timedOut == false,
            "timed out after \(timeout) waiting for \(what); \(why)the last screen (\(last.width)×\(last.height)):\n\(last.framed)",
            sourceLocation: sourceLocation)
        return last
    }

    /// Polls until `text` is on the screen.
    @discardableResult
    func waitFor(
        _ text: String, timeout: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Screen {
        try await waitUntil("“\(text)”", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// When ptscope ended, as the wrapper shell wrote it (after ``waitForExit(sourceLocation:)``).
    var exitedAt: Date {
        get throws { try Self.nanoseconds(in: dir + "/exit-at") }
    }

    /// When the interactive shell (`interactiveShell`) last showed its prompt, as it wrote it.
    var promptedAt: Date {
        get throws { try Self.nanoseconds(in: dir + "/prompt-at") }
    }

    /// A time the shell wrote with `date +%s%N`.
    private static func nanoseconds(in path: String) throws -> Date {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let ns = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TmuxError("\(path) holds “\(text)”, not nanoseconds")
        }
        return Date(timeIntervalSince1970: ns / 1e9)
    }

    /// Waits for the wrapper's `EXIT:<status>` line and returns the status.
    func waitForExit(timeout: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> Int32
    {
        let screen = try await waitUntil("ptscope to exit (EXIT:<status>)", timeout: timeout, sourceLocation: sourceLocation) {
            $0.exitStatus != nil
        }
        return try #require(screen.exitStatus, sourceLocation: sourceLocation)
    }

    /// After the exit: the normal screen is back with nothing of ptscope on it, the cursor is
    /// visible again and the keypad is out of application mode.
    ///
    /// `message` accepts other lines ptscope may leave on the normal screen (a fatal signal's
    /// report on stderr); the line discipline is checked too (echo and canonical mode back on).
    func expectTerminalRestored(
        allowing message: (String) -> Bool = { _ in false }, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let screen = try screen
        let modes = try ttyModes()
        #expect(
            modes.echo && modes.canonical, "the terminal is still in curses mode (stty: -echo or -icanon)",
            sourceLocation: sourceLocation)
        #expect(try format("#{alternate_on}") == "0", "the alternate screen is still on", sourceLocation: sourceLocation)
        #expect(try format("#{cursor_flag}") == "1", "the cursor is still hidden", sourceLocation: sourceLocation)
        #expect(
            try format("#{keypad_flag}#{keypad_cursor_flag}") == "00", "the keypad is still in application mode",
            sourceLocation: sourceLocation)
        let left = screen.lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !message($0) }
        #expect(
            left.count == 1 && left.first?.hasPrefix("EXIT:") == true,
            "after the exit only the wrapper's EXIT line should be on the normal screen:\n\(screen.framed)",
            sourceLocation: sourceLocation)
    }

    // MARK: tmux

    /// Runs tmux on our socket and waits for it.
    ///
    /// `posix_spawn` + `waitpid`, not Foundation's `Process`: the first command forks the tmux
    /// server, which inherits the spawning thread's signal mask (a test worker thread blocks
    /// SIGCHLD, SIGTERM, SIGHUP…; the server then never reaps its panes nor exits), so the child
    /// starts with an empty mask and default dispositions. Output goes to files, not pipes: the
    /// server keeps the client's stdout and stderr open, so a pipe would never reach end of file.
    @discardableResult
    private func run(_ args: [String], check: Bool = true) throws -> String {
        let outPath = dir + "/out"
        let errPath = dir + "/err"
        let argv = [tmux, "-u", "-S", socket, "-f", "/dev/null"] + args
        let status = try Self.spawnAndWait(argv, environment: Self.environment, stdout: outPath, stderr: errPath)
        let stdout = FileManager.default.contents(atPath: outPath) ?? Data()
        if check && status != 0 {
            let stderr = FileManager.default.contents(atPath: errPath) ?? Data()
            throw TmuxError(
                "tmux \(args.joined(separator: " ")) exited \(status): \(String(decoding: stderr, as: UTF8.self))")
        }
        return String(decoding: stdout, as: UTF8.self)
    }

    /// Spawns `argv` (absolute path first) with stdin from /dev/null and stdout/stderr to files,
    /// an empty signal mask and default signal dispositions; returns its exit status (128 + n
    /// when signal n killed it).
    static func spawnAndWait(_ argv: [String], environment: [String: String], stdout: String, stderr: String) throws
        -> Int32
    {
        do { return try Spawn.run(argv, environment: environment, stdout: stdout, stderr: stderr) } catch {
            throw TmuxError("\(error)")
        }
    }

    /// The test's environment without what would change the pane: a TMUX of our own, LINES/COLUMNS
    /// (they override the real size in curses), locale, TERM, NO_COLOR and ptscope's own variables.
    private static let environment: [String: String] = {
        var env = ProcessInfo.processInfo.environment.filter { key, _ in
            !(key.hasPrefix("LC_") || key.hasPrefix("TMUX") || key.hasPrefix("PTSCOPE")
                || ["LANG", "LANGUAGE", "TERM", "LINES", "COLUMNS", "NO_COLOR"].contains(key))
        }
        env["LANG"] = "C.UTF-8"
        return env
    }()

    // MARK: Finding the binary

    /// The `ptscope` built with the tests: `PTSCOPE_BINARY` if set, else next to the test bundle
    /// (the test process's executable, or the `.xctest` bundle on macOS), else `.build/debug/ptscope`
    /// in a folder above this source file.
    static func ptscopeBinary(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        var candidates: [String] = []
        if let path = ProcessInfo.processInfo.environment["PTSCOPE_BINARY"], !path.isEmpty { candidates.append(path) }
        var folders: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        if let exe = Bundle.main.executableURL { folders.append(exe.resolvingSymlinksInPath().deletingLastPathComponent()) }
        if let arg0 = CommandLine.arguments.first, arg0.contains("/") {
            folders.append(URL(fileURLWithPath: arg0).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        candidates += folders.map { $0.appendingPathComponent("ptscope").path }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            candidates.append(dir.appendingPathComponent(".build/debug/ptscope").path)
            dir.deleteLastPathComponent()
        }
        var seen = Set<String>()
        candidates = candidates.filter { seen.insert($0).inserted }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        let none: String? = nil
        return try #require(
            none,
            """
            the ptscope binary was not found (build it with `swift build --build-tests`, or set PTSCOPE_BINARY); looked at:
            \(candidates.map { "  " + $0 }.joined(separator: "\n"))
            """,
            sourceLocation: sourceLocation)
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let dirs = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        return dirs.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// `kill(2)` (inside ``TmuxSession`` the name is its own method).
private func deliver(_ signal: Int32, to pid: pid_t) -> Int32 { kill(pid, signal) }

struct TmuxError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

// MARK: - Screen

/// One capture of the pane: its lines of text, and for each character whether it is highlighted
/// (drawn with a background colour or in reverse video: the selection and menu cursors).
struct Screen: CustomStringConvertible, Equatable, Sendable {
    let width: Int
    let height: Int
    /// The text, one entry a row (trailing blanks trimmed by tmux).
    let lines: [String]
    /// Per row, per character: highlighted or not.
    let highlight: [[Bool]]

    init(styled: String, width: Int, height: Int) {
        self.width = width
        self.height = height
        var lines: [String] = []
        var highlight: [[Bool]] = []
        var text = ""
        var marks: [Bool] = []
        var style = SGRState()
        var chars = Array(styled)
        if chars.last == "\n" { chars.removeLast() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\u{1B}" {
                i = style.consume(chars, from: i)
                continue
            }
            if c == "\n" {
                lines.append(text)
                highlight.append(marks)
                text = ""
                marks = []
            } else {
                text.append(c)
                marks.append(style.highlighted)
            }
            i += 1
        }
        lines.append(text)
        highlight.append(marks)
        self.lines = lines
        self.highlight = highlight
    }

    var text: String { lines.joined(separator: "\n") }
    var description: String { text }

    /// The screen with its row numbers, for failure messages.
    var framed: String {
        lines.enumerated().map { i, line in (i < 10 ? " " : "") + "\(i)│" + line }.joined(separator: "\n")
    }

    func contains(_ s: String) -> Bool { lines.contains { $0.contains(s) } }

    /// The bottom row: ptscope's status bar.
    var statusBar: String { lines.last ?? "" }

    /// The first word of the status bar: LIST, CASE, CATALOG, PROFILE, HELP, FILTER, RAW, DASHBOARD,
    /// USERS, TOOLS, PROMPT, OPTIONS (`export` while typing an export path).
    var mode: String { statusBar.split(separator: " ").first.map(String.init) ?? "" }

    /// `EXIT:<n>` printed by the wrapper shell after ptscope ended.
    var exitStatus: Int32? {
        for line in lines {
            if let m = line.firstMatch(of: #/^EXIT:(\d+)$/#) { return Int32(m.1) }
        }
        return nil
    }

    /// Whether the first occurrence of `s` on the screen starts on a highlighted cell; nil when
    /// `s` is not on the screen.
    func isHighlighted(_ s: String) -> Bool? {
        for (row, line) in lines.enumerated() {
            guard let r = line.range(of: s) else { continue }
            let column = line.distance(from: line.startIndex, to: r.lowerBound)
            return highlight[row].indices.contains(column) ? highlight[row][column] : false
        }
        return nil
    }

    // MARK: ptscope's panes

    /// The highlighted (selected) row of the case list, or nil.
    var listSelection: ListRow? {
        listRows.first { row in highlight[row.row].indices.contains(3) && highlight[row.row][3] }
    }

    /// Whether a pane titled `title` is drawn (its box's top-left corner and title).
    func hasPane(_ title: String) -> Bool { contains("┌─ " + title + " ") || contains("┌─ " + title + "─") }

    /// The case list title's counts: "Cases 34/150  ✓ 0  ✗ 34  ! 0".
    var listCounts: (shown: Int, total: Int, pass: Int, fail: Int, format: Int)? {
        for line in lines {
            if let m = line.firstMatch(of: #/Cases (\d+)\/(\d+)  ✓ (\d+)  ✗ (\d+)  ! (\d+)/#) {
                return (Int(m.1)!, Int(m.2)!, Int(m.3)!, Int(m.4)!, Int(m.5)!)
            }
        }
        return nil
    }

    /// The case shown in the case pane ("Case 6 · test_untrained_user · …").
    var shownCase: (number: Int, split: String)? {
        for line in lines {
            if let m = line.firstMatch(of: #/│Case (\d+) · (\S+) · /#) { return (Int(m.1)!, String(m.2)) }
        }
        return nil
    }

    /// The verdict line of the case pane ("✓ pass", "✗ fail", "! format failure"), or nil.
    var shownVerdict: String? {
        for line in lines {
            if let m = line.firstMatch(of: #/│([✓✗!~] (?:pass|fail|format failure))/#) { return String(m.1) }
        }
        return nil
    }

    /// The visible rows of the case list (leftmost pane): `│• 12 U User name  scenario/Platform  ✗ P+ P-  │`,
    /// with one verdict glyph per run (`✓✗` when two runs are compared).
    var listRows: [ListRow] {
        var rows: [ListRow] = []
        for (y, line) in lines.enumerated() {
            guard
                let m = line.firstMatch(
                    of: #/^│([• ])\s*(\d+) ([A-Z]) (.+?)\s+(\S+)\s+([✓✗!~·]+)(?:\s+(.*?))?\s*│/#)
            else { continue }
            let verdicts = m.6.map(String.init)
            rows.append(
                ListRow(
                    row: y, marked: m.1 == "•", number: Int(m.2)!, split: String(m.3), verdict: verdicts[0],
                    user: String(m.4), scenario: String(m.5), verdicts: verdicts, error: m.7.map(String.init) ?? ""))
        }
        return rows
    }

    /// The case list's column header (`│   # S User  Scenario/platform  V Error  │`; `AB` instead of
    /// `V` when two runs are compared), or nil.
    var listHeader: String? {
        lines.lazy.compactMap { $0.firstMatch(of: #/^│(\s+# S User\s.*?)│/#).map { String($0.1) } }.first
    }

    // MARK: Header, overlays

    /// The top row: run name, counts, then `scoring N/M` while scoring or `overall acc X%` (and
    /// `LENIENT`).
    var header: String { lines.first ?? "" }

    /// The header's re-scoring progress `scoring N/M`, or nil.
    var scoringProgress: (done: Int, total: Int)? {
        header.firstMatch(of: #/scoring (\d+)\/(\d+)/#).map { (Int($0.1)!, Int($0.2)!) }
    }

    /// The header's `overall acc 71.3%` as text ("71.3"), or nil.
    var overallAccuracy: String? {
        header.firstMatch(of: #/overall acc (\d+(?:\.\d+)?)%/#).map { String($0.1) }
    }

    /// The text of the first highlighted row inside a pane or overlay (the cell at column 3 drawn
    /// highlighted: the list selection, a menu or summary-view cursor), box borders and blanks
    /// trimmed; the status bar is not looked at. Nil when no row is highlighted.
    var cursorRow: String? {
        for (y, line) in lines.enumerated().dropLast() where highlight[y].indices.contains(3) && highlight[y][3] {
            return line.trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
        }
        return nil
    }
}

/// One visible row of the case list.
struct ListRow: Equatable, Sendable {
    var row: Int
    /// The search-match marker `•` in the first column.
    var marked: Bool
    var number: Int
    var split: String
    /// The first run's verdict glyph.
    var verdict: String
    /// The user column (a long name ends in `…`).
    var user: String = ""
    /// The scenario/gold platform column (`work/Teams`; a long one ends in `…`).
    var scenario: String = ""
    /// One verdict glyph per run (A, B, …).
    var verdicts: [String] = []
    /// The error column (`plat`, `F±`, `P+ P-`, `V`, `fmt`), empty for a pass.
    var error: String = ""
    var failing: Bool { verdict == "✗" || verdict == "!" }

    /// Whether the user column shows `name` (whole, or cut short with `…`).
    func userIs(_ name: String) -> Bool {
        guard user.hasSuffix("…") else { return user == name }
        let start = user.dropLast()
        return !start.isEmpty && name.hasPrefix(start)
    }
}

/// Just enough of SGR to know whether a cell has a background or is reversed. The state runs on
/// across lines: `capture-pane -e` writes only changes.
private struct SGRState {
    var background = false
    var reverse = false

    var highlighted: Bool { background || reverse }

    /// Consumes the escape sequence at `i`, returns the index after it.
    mutating func consume(_ chars: [Character], from i: Int) -> Int {
        var j = i + 1
        guard j < chars.count else { return j }
        if chars[j] == "[" {
            j += 1
            var params = ""
            while j < chars.count, let a = chars[j].asciiValue, !(0x40...0x7E).contains(a) {
                params.append(chars[j])
                j += 1
            }
            if j < chars.count, chars[j] == "m" { apply(params) }
            return j + 1
        }
        if chars[j] == "]" {  // OSC, to BEL or ST
            while j < chars.count, chars[j] != "\u{07}", chars[j] != "\u{1B}" { j += 1 }
            return chars.indices.contains(j) && chars[j] == "\u{1B}" ? j + 2 : j + 1
        }
        return j + 1
    }

    private mutating func apply(_ params: String) {
        let p = params.split(separator: ";", omittingEmptySubsequences: false).map {
            Int($0.split(separator: ":").first ?? "0") ?? 0
        }
        var k = 0
        while k < p.count {
            switch p[k] {
            case 0:
                background = false
                reverse = false
            case 7: reverse = true
            case 27: reverse = false
            case 40...47, 100...107: background = true
            case 49: background = false
            case 48, 38:
                let isBackground = p[k] == 48
                if k + 1 < p.count, p[k + 1] == 5 { k += 2 } else if k + 1 < p.count, p[k + 1] == 2 { k += 4 }
                if isBackground { background = true }
            default: break
            }
            k += 1
        }
    }
}
