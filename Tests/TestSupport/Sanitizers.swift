import Foundation

// MARK: - Sanitizers

/// Which sanitizer this test process (and so the binary it runs) is built with.
public enum Sanitizers {
    /// AddressSanitizer: its quarantine keeps freed memory resident on purpose.
    public static let address = linked("__asan_init")
    /// ThreadSanitizer: its runtime cannot start under a tiny file size limit (SIGBUS on its shadow memory).
    public static let thread = linked("__tsan_init")

    static func linked(_ symbol: String) -> Bool { dlsym(UnsafeMutableRawPointer(bitPattern: 0), symbol) != nil }
}
