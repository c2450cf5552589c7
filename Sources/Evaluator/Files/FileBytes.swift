import Foundation

#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

// MARK: - FileBytes

/// Reads a whole file straight into a byte array (one copy from the page cache, no `Data` in between).
enum FileBytes {
    /// The file's size in bytes (0 when unknown), to start the largest reads first.
    static func size(_ url: URL) -> Int {
        var info = stat()
        return stat(url.path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Creates or truncates `url` and writes `bytes` to it.
    static func write(_ bytes: [UInt8], to url: URL) throws(InputError) {
        func failure(_ code: Int32) -> InputError {
            InputError(file: url.path, "cannot write: \(String(cString: strerror(code)))")
        }
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        if fd < 0 { throw failure(errno) }
        var writeError = FileWrite.all(fd, bytes).error
        if close(fd) != 0 && writeError == 0 { writeError = errno }
        if writeError != 0 { throw failure(writeError) }
    }

    /// The most ptscope reads from one file: 2 GiB, over twice the data.json of a set 100 times the
    /// size of PTBench (about 860 MB).
    static let maximumSize = 2 << 30

    /// Reads a regular file whole. Anything else is refused before it is read (a FIFO would block
    /// `open` until a writer came, a device can be read forever), as is a file larger than `limit`
    /// (also one that grows past it while it is read).
    static func read(_ url: URL, limit: Int = maximumSize) throws(InputError) -> [UInt8] {
        let path = url.path
        var info = stat()
        if stat(path, &info) != 0 { throw InputError(file: path, FileProbe.unreachable(path, errno)) }
        if info.st_mode & S_IFMT != S_IFREG { throw notRegular(path, info.st_mode) }
        // O_NONBLOCK: should the name turn into a FIFO after stat, open still returns at once.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { throw InputError(file: path, FileProbe.unreachable(path, errno)) }
        defer { close(fd) }
        return try read(fd: fd, path: path, limit: limit)
    }

    static func notRegular(_ path: String, _ mode: mode_t) -> InputError {
        InputError(file: path, "\(FileProbe.describe(path, mode: mode)), not a regular file: ptscope reads only regular files")
    }

    /// Reads the regular file open as `fd` (named `path`) whole from its current offset, with the
    /// checks and limit of ``read(_:limit:)`` (for a file that is open already, as the journal is).
    static func read(fd: Int32, path: String, limit: Int = maximumSize) throws(InputError) -> [UInt8] {
        func failure(_ code: Int32) -> InputError { InputError(file: path, FileProbe.unreachable(path, code)) }
        func tooLarge(_ size: Int?) -> InputError {
            let what = size.map { "is \(FileBytes.sizeText($0))" } ?? "grew while it was read"
            return InputError(
                file: path,
                "\(what), larger than \(FileBytes.sizeText(limit)), the most ptscope reads from one file "
                    + "(a set 100 times the size of PTBench has an 860 MB data.json)")
        }
        var info = stat()
        if fstat(fd, &info) != 0 { throw failure(errno) }
        if info.st_mode & S_IFMT != S_IFREG { throw notRegular(path, info.st_mode) }
        var size = Int(info.st_size)
        if size > limit { throw tooLarge(size) }
        var bytes = [UInt8]()
        while true {
            // Read what fstat promised (plus one byte, to notice a file that grew), then anything
            // left, never more than one byte past the limit.
            var readError: Int32 = 0
            let capacity = min(size + 1, limit + 1 - bytes.count)
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, filled in
                filled = 0
                while filled < capacity {
                    let n = systemRead(fd, buffer.baseAddress! + filled, capacity - filled)
                    if n < 0 {
                        if errno == EINTR { continue }
                        readError = errno
                        return
                    }
                    if n == 0 { return }
                    filled += n
                }
            }
            if readError != 0 { throw failure(readError) }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if bytes.count > limit { throw tooLarge(nil) }
            if chunk.count < capacity { return bytes }
            size = max(size, 1 << 16)
        }
    }

    /// A byte count in words ("2 GiB", "860.0 MB", "12 bytes").
    static func sizeText(_ bytes: Int) -> String {
        if bytes >= 1 << 30 && bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 30 { return String(format: "%.1f GiB (%lld bytes)", Double(bytes) / Double(1 << 30), Int64(bytes)) }
        if bytes >= 1_000_000 { return String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        return "\(bytes) bytes"
    }
}
