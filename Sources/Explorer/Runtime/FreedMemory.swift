import Dispatch

// MARK: - FreedMemory

/// Gives memory that was freed back to the system.
///
/// glibc keeps freed pages in each thread's arena; after a reload of a 100× set (1.3 GB) they
/// would stay resident, so the process would grow by most of a data set per reload. `malloc_trim`
/// releases them; it walks the heap, so it runs on a background queue, never on the input loop.
enum FreedMemory {
    static func returnToSystem() {
        #if os(Linux)
            DispatchQueue.global(qos: .utility).async { _ = glibcMallocTrim(0) }
        #endif
    }
}

#if os(Linux)
    /// glibc's `malloc_trim` (malloc.h is not part of the Glibc module).
    @_silgen_name("malloc_trim")
    private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
