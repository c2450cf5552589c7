import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - JournalMigration

/// Moving old journals (where earlier ptscopes kept them) into the journal of the data
/// (`ptscope annotations migrate`).
///
/// The new journal is the old journals' entries, numbered 1...L in order, then the journal's own
/// lines as they are (or, when they are numbered within 1...L too, renumbered after them): the same
/// entries, numbers, authors and times the explorer shows while it reads the old journals with the
/// journal (``JournalMerge/combine(own:old:)``). It is written to a temporary file, synced and
/// renamed over the journal; only then are the old journals removed. A crash in between leaves the
/// old journals beside a journal that already holds them: they are then recognised (every entry
/// already in the journal), not read again, and removed by the next migration, which has nothing
/// else to do. Cases that two old journals leave differently are conflicts: ``run()`` is refused
/// while there are any, unless forced, when the later journals' entries on them are held for
/// adjudication (``JournalEntry/held``) rather than applied.
public final class JournalMigration: @unchecked Sendable {
    /// The journal the old ones are moved into.
    public let target: URL
    /// The old journals whose entries are moved in.
    public let moved: [URL]
    /// The old journals already in the target (a migration stopped before removing them).
    public let alreadyIn: [URL]
    /// How many entries are moved in.
    public let movedEntries: Int
    /// How many entries the journal has afterwards.
    public let totalEntries: Int
    /// The cases two of the journals leave differently.
    public let conflicts: [JournalMerge.Conflict]

    private let journal: Journal
    private let bytes: [UInt8]

    private init(
        target: URL, moved: [URL], alreadyIn: [URL], movedEntries: Int, totalEntries: Int,
        conflicts: [JournalMerge.Conflict], journal: Journal, bytes: [UInt8]
    ) {
        self.target = target
        self.moved = moved
        self.alreadyIn = alreadyIn
        self.movedEntries = movedEntries
        self.totalEntries = totalEntries
        self.conflicts = conflicts
        self.journal = journal
        self.bytes = bytes
    }

    deinit { journal.close() }

    /// Whether there is nothing to do.
    public var isEmpty: Bool { moved.isEmpty && alreadyIn.isEmpty }

    /// Reads `target` (taking its lock: refused while a ptscope has it open) and the `old` journals,
    /// and works out the new journal. Nothing is written. With `force`, conflicting cases are held
    /// for adjudication in the later journals; without, ``run()`` refuses while there are conflicts.
    public static func plan(target: URL, old: [URL], force: Bool) throws(InputError) -> JournalMigration {
        let journal = try Journal.open(target, readOnlyIfLocked: false)
        if journal.readOnly {
            defer { journal.close() }
            throw InputError(
                file: target.path,
                "cannot write the journal: \(journal.warnings.first ?? "read-only"); nothing was moved")
        }
        var sources: [JournalMerge.Source] = []
        for url in old {
            let j = try Journal.load(url)
            sources.append(JournalMerge.Source(j))
        }
        let own = journal.entries
        let combined = JournalMerge.combine(own: own, old: sources.map(\.entries))
        let used = combined.used.map { sources[$0] }
        let usedSet = Set(combined.used)
        let alreadyIn = old.indices.filter { !usedSet.contains($0) }.map { old[$0] }
        // Conflicts are between journals made independently: the old ones, and the journal when its
        // numbers overlap theirs (edits made while they were read with it continue from them).
        let ownSource = JournalMerge.Source(file: target.path, entries: own)
        let ranked = (combined.renumbered ? [ownSource] : []) + used
        let conflicts = JournalMerge.conflicts(ranked)
        let marks = JournalMerge.holds(ranked).marks.dropFirst(combined.renumbered ? 1 : 0).flatMap { $0 }
        var imported = Array(combined.entries.prefix(combined.oldCount))
        if force {
            for k in imported.indices where imported[k].held == nil { imported[k].held = marks[k] }
        }
        var text = imported.map { $0.jsonLine + "\n" }.joined()
        var bytes: [UInt8]
        if combined.renumbered {
            if let odd = journal.warnings.first {
                throw InputError(
                    file: target.path,
                    "its entries must be renumbered after the old journals', and it has lines that are not entries "
                        + "(\(odd)): fix or remove them first; nothing was moved")
            }
            text += combined.entries.dropFirst(combined.oldCount).map { $0.jsonLine + "\n" }.joined()
            bytes = Array(text.utf8)
        } else {
            bytes = Array(text.utf8)
            if FileManager.default.fileExists(atPath: target.path) {
                // The journal's own lines are kept byte for byte (lines that are not entries included).
                var mine = try FileBytes.read(target)
                if let last = mine.last, last != 0x0A { mine.append(0x0A) }
                bytes += mine
            }
        }
        return JournalMigration(
            target: target, moved: used.map { URL(fileURLWithPath: $0.file) }, alreadyIn: alreadyIn,
            movedEntries: combined.oldCount, totalEntries: combined.entries.count,
            conflicts: force ? [] : conflicts, journal: journal, bytes: bytes)
    }

    /// Writes the new journal (atomically) and removes the old ones. Returns the old journals that
    /// could not be removed, with why (they are in the journal and are not read again).
    public func run() throws(InputError) -> [String] {
        if !conflicts.isEmpty {
            throw InputError(file: target.path, "\(conflicts.count) conflicting cases; nothing was moved")
        }
        if !moved.isEmpty { try Self.writeAtomically(bytes, to: target, replacing: true) }
        var problems: [String] = []
        for url in moved + alreadyIn {
            if unlink(url.path) != 0 {
                problems.append(
                    "\(url.path): cannot remove it (\(String(cString: strerror(errno)))); it is in \(target.path) already and is not read again"
                )
                continue
            }
            Self.syncFolder(url.deletingLastPathComponent())
        }
        journal.close()
        return problems
    }

    // MARK: Writing

    /// Writes `bytes` to `url` through a temporary file in the same folder, synced, then renamed
    /// over it (`replacing`) or linked to its name (refused when `url` exists); the folder is synced.
    /// Either the old file or the whole new one is there after a crash, never part of one.
    public static func writeAtomically(_ bytes: [UInt8], to url: URL, replacing: Bool) throws(InputError) {
        let folder = url.deletingLastPathComponent()
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        func failure(_ what: String, _ code: Int32) -> InputError {
            InputError(file: url.path, "cannot \(what): \(String(cString: strerror(code))); nothing was written")
        }
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("create \(temp.path)", errno) }
        var code = FileWrite.all(fd, bytes).error
        if code == 0 && fsync(fd) != 0 { code = errno }
        _ = close(fd)
        if code != 0 {
            unlink(temp.path)
            throw failure("write \(temp.path)", code)
        }
        if replacing {
            if rename(temp.path, url.path) != 0 {
                let e = errno
                unlink(temp.path)
                throw failure("rename \(temp.path) to \(url.lastPathComponent)", e)
            }
        } else {
            if link(temp.path, url.path) != 0 {
                let e = errno
                unlink(temp.path)
                throw e == EEXIST
                    ? InputError(file: url.path, "exists already: choose a new file; nothing was written")
                    : failure("create", e)
            }
            unlink(temp.path)
        }
        syncFolder(folder)
    }

    /// Syncs a folder, so that a name made or removed in it survives a crash (best effort).
    static func syncFolder(_ folder: URL) {
        let dir = open(folder.path, O_RDONLY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            _ = close(dir)
        }
    }
}
