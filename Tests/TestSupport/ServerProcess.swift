import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - ServerProcess

/// A server child of the test process that says `listening PORT` on stdout once it accepts
/// connections (`Scripts/fault_server.py`, `Scripts/llama_server.py`).
///
/// The child starts with every signal at its default disposition and an empty mask (as
/// ``Spawn/run(_:environment:stdout:stderr:)`` does), stdin from /dev/null, stdout and stderr in
/// files of a folder of its own. Both scripts poll their parent's id and stop when the test process
/// dies, so none outlives the tests. Stopping it reaps it; a process never stopped is killed when
/// the value goes away.
final class ServerProcess: @unchecked Sendable {
    /// The child's process id.
    let pid: pid_t
    /// The port it said it listens on.
    private(set) var port = 0
    /// Where its stdout and stderr go.
    let folder: URL

    private let lock = NSLock()
    private var status: Int32?

    /// Starts `argv` (a name is looked up in `PATH`) and waits at most `timeout` seconds for its
    /// `listening PORT` line.
    init(_ argv: [String], folder: URL, timeout: Double) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        pid = try Self.spawn(argv, stdout: folder.appendingPathComponent("stdout").path, stderr: stderrPath(folder))
        port = try waitForPort(argv: argv, timeout: timeout)
    }

    deinit {
        _ = end(signal: SIGKILL, grace: 5)
    }

    /// Whether the child has not ended yet (reaps it if it has).
    var isRunning: Bool {
        lock.withLock {
            guard status == nil else { return false }
            return !reap(options: WNOHANG)
        }
    }

    /// The end of its stderr (at most `bytes`), for messages.
    func stderrTail(_ bytes: Int = 2000) -> String {
        guard let data = FileManager.default.contents(atPath: stderrPath(folder)) else { return "" }
        return String(decoding: data.suffix(bytes), as: UTF8.self)
    }

    /// Sends `signal`, waits at most `grace` seconds for the child to end, then kills it; returns
    /// its wait status (nil when it could not be reaped).
    @discardableResult
    func end(signal: Int32 = SIGTERM, grace: Double = 5) -> Int32? {
        lock.withLock {
            if let status { return status }
            kill(pid, signal)
            let deadline = Date(timeIntervalSinceNow: grace)
            while Date() < deadline {
                if reap(options: WNOHANG) { return status }
                usleep(10_000)
            }
            kill(pid, SIGKILL)
            _ = reap(options: 0)
            return status
        }
    }

    /// Reaps the child if it ended (with `WNOHANG`) or once it ends; true when it did. Holds `lock`.
    private func reap(options: Int32) -> Bool {
        var raw: Int32 = 0
        while true {
            let rc = waitpid(pid, &raw, options)
            if rc == pid {
                status = raw
                return true
            }
            if rc == 0 { return false }
            if errno == EINTR { continue }
            status = -1
            return true
        }
    }

    private func waitForPort(argv: [String], timeout: Double) throws -> Int {
        let out = folder.appendingPathComponent("stdout").path
        let deadline = Date(timeIntervalSinceNow: timeout)
        while true {
            if let data = FileManager.default.contents(atPath: out),
                let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first(where: {
                    $0.hasPrefix("listening ")
                }),
                let port = Int(line.dropFirst("listening ".count)), port > 0
            {
                return port
            }
            if !isRunning {
                throw SpawnError("\(argv.joined(separator: " ")) ended before listening: \(stderrTail())")
            }
            if Date() >= deadline {
                end(signal: SIGKILL)
                throw SpawnError(
                    "\(argv.joined(separator: " ")) did not say 'listening PORT' within \(timeout) s: \(stderrTail())")
            }
            usleep(20_000)
        }
    }

    private static func spawn(_ argv: [String], stdout: String, stderr: String) throws -> pid_t {
        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t? = nil
            var attr: posix_spawnattr_t? = nil
        #else
            var actions = posix_spawn_file_actions_t()
            var attr = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
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
        let rc = posix_spawnp(&pid, argv[0], &actions, &attr, cArgs, environ)
        guard rc == 0 else { throw SpawnError("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        return pid
    }
}

private func stderrPath(_ folder: URL) -> String { folder.appendingPathComponent("stderr").path }
