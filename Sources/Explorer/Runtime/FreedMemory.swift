import Dispatch

// MARK: - FreedMemory

/// Gives memory that was freed back to the system.
///
/// glibc keeps freed pages in each thread's arena; after a reload of a 100× set (1.3 GB) they
/// would stay resident, so the process would grow by most of a data set per reload. `malloc_trim`
/// releases them; it walks the heap, so it runs on a background queue, never on the input loop.
/// What a reload or a re-score replaces is released on that queue too: freeing it is the costly
/// part (a key pressed just after a 100× re-score waited 300 ms for it).
enum FreedMemory {
    /// Holds a value that is about to be replaced, so that its last reference goes away on a
    /// background thread (``release(_:)``) and not on the input loop.
    final class Retired: @unchecked Sendable {
        private var values: [Any?]

        init(_ values: [Any?]) { self.values = values }

        /// Drops the values (on whichever thread calls it).
        func drop() { values = [] }
    }

    /// Releases `retired` on a background queue, then gives the freed memory back to the system.
    static func release(_ retired: Retired) {
        DispatchQueue.global(qos: .utility).async {
            retired.drop()
            returnToSystem()
        }
    }

    /// Gives freed memory back to the system (call off the input loop: it walks the heap).
    static func returnToSystem() {
        #if os(Linux)
            _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
    /// glibc's `malloc_trim` (malloc.h is not part of the Glibc module).
    @_silgen_name("malloc_trim")
    private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
