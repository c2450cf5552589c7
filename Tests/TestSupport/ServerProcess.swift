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
        pid = try Spawn.start(argv, stdout: folder.appendingPathComponent("stdout").path, stderr: stderrPath(folder))
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
}

private func stderrPath(_ folder: URL) -> String { folder.appendingPathComponent("stderr").path }
