import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - Spawn

/// Why a child could not be started or waited for.
public struct SpawnError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Starts children for tests the way a shell would: every signal at its default disposition.
public enum Spawn {
    /// Runs `argv` (a path first, or a name looked up in `PATH`) with stdin from /dev/null and stdout/stderr written to
    /// the files named, an empty signal mask and every signal at its default disposition (the
    /// test runner ignores some, and an ignored signal stays ignored across exec); `environment`
    /// nil inherits this process's. Returns the exit status, 128 + n when signal n ended it.
    public static func run(_ argv: [String], environment: [String: String]? = nil, stdout: String, stderr: String)
        throws -> Int32
    {
        let pid = try start(argv, environment: environment, stdout: stdout, stderr: stderr)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw SpawnError("waitpid for \(argv[0]) failed: errno \(errno)") }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// ``run(_:environment:stdout:stderr:)`` waited for on a thread of its own (``OffPool``), so a
    /// child that runs for seconds does not hold one of the cooperative pool's few threads; at
    /// most as many such children as cores run at once (``ChildSlots``), as when each held a
    /// pool thread, so the other tests' timing is not squeezed further.
    public static func run(_ argv: [String], environment: [String: String]? = nil, stdout: String, stderr: String)
        async throws -> Int32
    {
        await ChildSlots.shared.acquire()
        let result = await OffPool.run {
            Result { try run(argv, environment: environment, stdout: stdout, stderr: stderr) }
        }
        await ChildSlots.shared.release()
        return try result.get()
    }

    /// Starts `argv` as ``run(_:environment:stdout:stderr:)`` does (a first word without a slash
    /// is looked up in `PATH`) and returns its process id without waiting for it.
    public static func start(_ argv: [String], environment: [String: String]? = nil, stdout: String, stderr: String)
        throws -> pid_t
    {
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
        let cEnv = environment.map { env in env.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer {
            for p in cArgs + (cEnv ?? []) { free(p) }
        }
        var pid = pid_t()
        let rc =
            if var cEnv { posix_spawnp(&pid, argv[0], &actions, &attr, cArgs, &cEnv) } else {
                posix_spawnp(&pid, argv[0], &actions, &attr, cArgs, environ)
            }
        guard rc == 0 else { throw SpawnError("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        return pid
    }
}

// MARK: - ChildSlots

/// A counting semaphore for the tests' children, waited on without holding a thread.
public actor ChildSlots {
    /// As many slots as cores (at least two).
    public static let shared = ChildSlots(limit: max(2, ProcessInfo.processInfo.activeProcessorCount))

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(limit: Int) { free = limit }

    /// Takes a slot, waiting for one when none is free.
    public func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Gives a slot back (to the longest waiting, if any).
    public func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
