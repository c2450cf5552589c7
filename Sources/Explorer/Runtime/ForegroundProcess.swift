import Evaluator

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - ForegroundProcess

/// A pager or an editor run on the terminal while the explorer waits: started without a shell,
/// its words split from `$PAGER` / `$EDITOR` as a shell would split them.
enum ForegroundProcess {
    /// Why a program could not be run or its file not be written or read.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The words of a command variable (`less -R`, `"my editor" --wait`), split as a shell splits
    /// a simple command: blanks separate words, single quotes keep everything, double quotes keep
    /// everything but `\"` and `\\`, a backslash outside quotes keeps the next character. No
    /// expansion. Nil when a quote is not closed.
    static func words(_ text: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var chars = text.makeIterator()
        while let c = chars.next() {
            switch c {
            case " ", "\t", "\n":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "'":
                inWord = true
                var closed = false
                while let d = chars.next() {
                    if d == "'" {
                        closed = true
                        break
                    }
                    word.append(d)
                }
                guard closed else { return nil }
            case "\"":
                inWord = true
                var closed = false
                while let d = chars.next() {
                    if d == "\"" {
                        closed = true
                        break
                    }
                    if d == "\\" {
                        guard let e = chars.next() else { return nil }
                        if e != "\"" && e != "\\" { word.append("\\") }
                        word.append(e)
                    } else {
                        word.append(d)
                    }
                }
                guard closed else { return nil }
            case "\\":
                inWord = true
                if let d = chars.next() { word.append(d) }
            default:
                inWord = true
                word.append(c)
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// Runs `argv` (looked up in `PATH`) on this process's terminal and waits for it: every
    /// signal at its default disposition and none blocked in the child (the explorer ignores some
    /// while the child runs, and an ignored signal stays ignored across exec). Returns the exit
    /// status, 128 + n when signal n ended it. When `interrupted` turns true (SIGTERM, SIGHUP)
    /// the child is sent SIGTERM and waited for.
    static func run(_ argv: [String], interrupted: () -> Bool) throws(Failure) -> Int32 {
        guard let program = argv.first else { throw Failure("no program given") }
        #if canImport(Darwin)
            var attr: posix_spawnattr_t? = nil
        #else
            var attr = posix_spawnattr_t()
        #endif
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attr, &signals)
        for sig in 1..<32 where sig != SIGKILL && sig != SIGSTOP { sigaddset(&signals, Int32(sig)) }
        posix_spawnattr_setsigdefault(&attr, &signals)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid = pid_t()
        let rc = posix_spawnp(&pid, program, nil, &attr, cArgs, environ)
        guard rc == 0 else { throw Failure("cannot start “\(program)”: \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var sentTerm = false
        // Polled, not blocked in waitpid: SIGTERM or SIGHUP may be delivered to another thread of
        // this process, and then a blocking waitpid would not return early to pass it on.
        while true {
            let r = waitpid(pid, &status, WNOHANG | WUNTRACED)
            if r < 0 {
                guard errno == EINTR else {
                    throw Failure("waiting for “\(program)” failed: \(String(cString: strerror(errno)))")
                }
                continue
            }
            if r == 0 {
                if interrupted() && !sentTerm {
                    kill(pid, SIGTERM)
                    sentTerm = true
                }
                usleep(20_000)
                continue
            }
            // Ctrl-Z stopped the child (after it put the terminal back): stop with it, so the shell
            // reports the job stopped once the child's screen is gone (ptscope ignores SIGTSTP
            // meanwhile). `fg` continues both, and the wait goes on.
            if (status & 0xFF) == 0x7F {
                kill(getpid(), SIGSTOP)
                continue
            }
            break
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    // MARK: - Files

    /// A new file in `directory` (0600, from `mkstemps`) holding `text`; its path.
    static func temporaryFile(_ text: String, in directory: String, suffix: String) throws(Failure) -> String {
        var template = Array(((directory.hasSuffix("/") ? directory : directory + "/") + "ptscope-XXXXXX" + suffix).utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(suffix.utf8.count)) }
        guard fd >= 0 else {
            throw Failure("cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))")
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { close(fd) }
        let code = FileWrite.all(fd, Array(text.utf8)).error
        if code != 0 {
            unlink(path)
            throw Failure("cannot write \(path): \(String(cString: strerror(code)))")
        }
        return path
    }

    /// The content of the file at `path` as UTF-8 text, at most `limit` bytes.
    static func readText(_ path: String, limit: Int) throws(Failure) -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw Failure("cannot read \(path): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            bytes += chunk[..<n]
            guard bytes.count <= limit else { throw Failure("the edited text is longer than \(limit / 1000) KB") }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Failure("the edited text is not UTF-8")
        }
        return text
    }
}
