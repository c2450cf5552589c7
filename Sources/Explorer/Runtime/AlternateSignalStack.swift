import Foundation

// MARK: - Alternate signal stack

/// Gives the calling thread an alternate signal stack, once, so a stack overflow on it still runs
/// the fatal-signal handler that restores the terminal (the kernel cannot push the handler's
/// frame onto the overflowed stack). Freed when the thread ends.
enum AlternateSignalStack {
    static let size = 64 * 1024

    /// The key whose destructor frees a thread's stack when it ends.
    private static let key: pthread_key_t? = {
        var key = pthread_key_t()
        let made = pthread_key_create(&key) { memory in
            var off = stack_t()
            off.ss_flags = Int32(SS_DISABLE)
            _ = sigaltstack(&off, nil)
            free(memory)
        }
        return made == 0 ? key : nil
    }()

    /// Installs a stack for the calling thread unless it has one.
    static func ensure() {
        var current = stack_t()
        guard let key, sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        guard let memory = malloc(size) else { return }
        var stack = stack_t()
        stack.ss_sp = memory
        stack.ss_size = size
        guard sigaltstack(&stack, nil) == 0 else {
            free(memory)
            return
        }
        _ = pthread_setspecific(key, memory)
    }
}
