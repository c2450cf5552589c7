#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - FileWrite

/// Writing a whole buffer to a file descriptor: `write(2)` again after a short write or EINTR.
public enum FileWrite {
    /// Writes every byte of `bytes` to `fd` (at `offset` with `pwrite` when given). Returns how
    /// many bytes were written and 0, or the `errno` of the write that failed (the bytes before it
    /// are written).
    @discardableResult
    public static func all(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, offset: Int? = nil) -> (written: Int, error: Int32) {
        var written = 0
        while written < bytes.count {
            let rest = bytes.count - written
            let n =
                offset.map { pwrite(fd, bytes.baseAddress! + written, rest, off_t($0 + written)) }
                ?? write(fd, bytes.baseAddress! + written, rest)
            if n < 0 {
                if errno == EINTR { continue }
                return (written, errno)
            }
            if n == 0 { return (written, EIO) }
            written += n
        }
        return (written, 0)
    }

    /// ``all(_:_:offset:)`` for an array of bytes.
    @discardableResult
    public static func all(_ fd: Int32, _ bytes: [UInt8], offset: Int? = nil) -> (written: Int, error: Int32) {
        bytes.withUnsafeBytes { all(fd, $0, offset: offset) }
    }
}
