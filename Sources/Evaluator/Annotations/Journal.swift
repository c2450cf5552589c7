import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - Journal

/// The annotations journal: one JSON line per edit, appended and fsync'ed, never rewritten.
///
/// The data files are never modified; the journal is replayed over them (``Annotations``). An open
/// journal holds an exclusive `flock` on its file for as long as it lives, so a second ptscope
/// cannot write to it: it opens read-only, or is refused. A journal that does not exist yet is
/// created (and locked) by the first edit, never by opening: result folders are often read-only or
/// shared, and looking at results must leave them as they were.
public final class Journal: @unchecked Sendable {
    /// The journal file.
    public let url: URL
    /// Every readable entry, in file order.
    public var entries: [JournalEntry] { lock.withLock { stored } }
    /// What was odd while reading (a torn last line, an unreadable line, a lock held elsewhere), with file:line.
    public var warnings: [String] { lock.withLock { storedWarnings } }
    /// Whether edits are refused (the file is locked by another process, or not writable).
    public var readOnly: Bool { lock.withLock { storedReadOnly } }
    /// The line of each entry in the file, for a journal read with ``load(_:)`` (else empty).
    public private(set) var lines: [Int] = []
    /// The old journals read with this one (``open(_:readOnlyIfLocked:old:hint:)``), by path.
    public private(set) var oldRead: [URL] = []

    private let lock = NSLock()
    private var stored: [JournalEntry]
    private var storedWarnings: [String]
    private var storedReadOnly: Bool
    /// The open file, or -1 (read without opening for writing, or not created yet).
    private var fd: Int32
    /// The file did not exist when opened and its folder looked writable: the first edit creates it.
    private var notCreated = false
    /// Bytes of the file that hold complete lines; anything after (a torn line) is cut before the next append.
    private var validLength: Int
    /// The file's length as last seen.
    private var fileLength: Int
    /// The last complete line lacks its newline (edited by hand): one is written before the next entry.
    private var needsNewline: Bool
    /// Why appending is refused, when it is.
    private var readOnlyReason: String
    /// The entries of the old journals read with this one, each journal's in file order.
    private var oldEntries: [[JournalEntry]] = []
    /// Said when the old journals and this one cannot be numbered together: `readOnlyReason` then.
    private var oldHint = ""

    private init(url: URL, fd: Int32, parsed: Parsed, warnings: [String], readOnly: Bool, readOnlyReason: String) {
        self.url = url
        self.fd = fd
        self.stored = parsed.entries
        self.storedWarnings = warnings + parsed.warnings
        self.storedReadOnly = readOnly
        self.validLength = parsed.validLength
        self.fileLength = parsed.fileLength
        self.needsNewline = parsed.needsNewline
        self.readOnlyReason = readOnlyReason
    }

    deinit {
        if fd >= 0 { systemClose(fd) }
    }

    /// Closes the file and releases the lock; the journal is read-only afterwards.
    public func close() {
        lock.withLock {
            if fd >= 0 { systemClose(fd) }
            fd = -1
            notCreated = false
            storedReadOnly = true
            readOnlyReason = "the journal was closed"
        }
    }

    // MARK: Where

    /// The journal's default place: `<predictions root>/annotations.jsonl`, else beside the data
    /// (inside a data root or split folder, next to a `data.json` given as a file).
    public static func defaultURL(predictionsRoot: URL?, dataRoot: URL) -> URL {
        if let predictionsRoot { return predictionsRoot.appendingPathComponent("annotations.jsonl") }
        var isDir: ObjCBool = false
        let folder =
            FileManager.default.fileExists(atPath: dataRoot.path, isDirectory: &isDir) && !isDir.boolValue
            ? dataRoot.deletingLastPathComponent() : dataRoot
        return folder.appendingPathComponent("annotations.jsonl")
    }

    /// The author recorded when none is given: the login name.
    public static var defaultAuthor: String {
        let env = ProcessInfo.processInfo.environment
        for name in ["USER", "LOGNAME"] {
            if let user = env[name], !user.isEmpty { return user }
        }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }

    // MARK: Opening

    /// Opens `url` for writing and reads every entry; a missing file is created by the first edit.
    ///
    /// Takes an exclusive lock on the file. When another process holds it: `readOnlyIfLocked`
    /// opens read-only with a warning naming the file, else throws. A file that cannot be written
    /// opens read-only with a warning saying what failed. A missing file is not created here: when
    /// its folder cannot be written (probed with an unnamed `O_TMPFILE` file, else `access`) the
    /// journal opens read-only with a warning; otherwise the first ``append(_:author:)`` creates it,
    /// takes the lock (refusing the edit, naming the holder, when another ptscope created it first)
    /// and reads what another ptscope may have written meanwhile. A folder that does not exist is
    /// refused here. A torn last line (unterminated: a crash mid-write) is skipped with a warning and cut
    /// before the next append; any other unreadable line, the last one included when it ends with
    /// a newline, is skipped with a warning and kept, as is a line whose `seq` is outside
    /// 1...``JournalEntry/maxSeq`` or repeats an earlier line's (the first line with a number applies;
    /// the warning names both lines). A line written by a newer ptscope is refused with both version numbers.
    ///
    /// `old` journals (where earlier ptscopes kept them, ``JournalLocation/oldJournals(environment:home:)``)
    /// are read with it, never written: their entries come first, numbered 1...L
    /// (``JournalMerge/combine(own:old:)``), and new edits go to `url`, numbered after them, so moving
    /// them in later (`hint`: the command that does) keeps every number. An old journal already moved
    /// in is not read again. When `url` already numbers edits within 1...L, the journal opens
    /// read-only until the old ones are moved in. Each old journal read is named in a warning with `hint`.
    public static func open(
        _ url: URL, readOnlyIfLocked: Bool = true, old: [URL] = [], hint: String? = nil
    ) throws(InputError) -> Journal {
        let journal = try openOwn(url, readOnlyIfLocked: readOnlyIfLocked)
        if !old.isEmpty { journal.readOld(old, hint: hint) }
        return journal
    }

    /// ``open(_:readOnlyIfLocked:old:hint:)`` without old journals.
    static func openOwn(_ url: URL, readOnlyIfLocked: Bool) throws(InputError) -> Journal {
        let path = url.path
        func failure(_ what: String, _ code: Int32) -> InputError {
            InputError(file: path, "cannot \(what) the annotations journal: \(String(cString: strerror(code)))")
        }
        /// The errors that mean "this user may not write here" (rather than a wrong path).
        func refusesWrites(_ code: Int32) -> Bool { code == EACCES || code == EROFS || code == EPERM }
        var warnings: [String] = []
        var readOnly = false
        var reason = ""
        var fd = systemOpen(path, O_RDWR | O_CLOEXEC | O_NONBLOCK, 0)
        if fd < 0 && errno == ENOENT {
            // No journal yet: nothing to read. Say now whether an edit could create it.
            let code = folderRefusesNewFiles(url.deletingLastPathComponent().path)
            if code == 0 {
                let journal = Journal(url: url, fd: -1, parsed: Parsed(), warnings: [], readOnly: false, readOnlyReason: "")
                journal.notCreated = true
                return journal
            }
            fd = systemOpen(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0)
            if fd >= 0 {
                // It is there after all (made meanwhile): read it, without writing.
                readOnly = true
                reason = "\(path) is not writable (\(String(cString: strerror(code))))"
                warnings.append("\(reason); opened read-only: edits are not saved (--journal FILE puts them elsewhere)")
            } else if refusesWrites(code) {
                reason = "cannot create \(path) (\(String(cString: strerror(code))))"
                warnings.append("\(reason); opened read-only: edits are not saved (--journal FILE puts them elsewhere)")
                return Journal(url: url, fd: -1, parsed: Parsed(), warnings: warnings, readOnly: true, readOnlyReason: reason)
            } else {
                throw failure("create", code)
            }
        } else if fd < 0 {
            if refusesWrites(errno) {
                let why = String(cString: strerror(errno))
                fd = systemOpen(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0)
                if fd >= 0 {
                    readOnly = true
                    reason = "\(path) is not writable (\(why))"
                    warnings.append("\(reason); opened read-only: edits are not saved (--journal FILE puts them elsewhere)")
                }
            }
            if fd < 0 { throw failure("open", errno) }
        }
        if !readOnly && !Journal.lock(fd) {
            let code = errno
            guard code == EWOULDBLOCK || code == EAGAIN else {
                systemClose(fd)
                throw failure("lock", code)
            }
            let message = lockedMessage(fd)
            guard readOnlyIfLocked else {
                systemClose(fd)
                throw InputError(file: path, "\(message); close it, or choose another journal with --journal")
            }
            readOnly = true
            reason = "\(path) \(message)"
            warnings.append("\(reason); opened read-only: edits are not saved")
        }
        let bytes: [UInt8]
        // Only a regular file is read (O_NONBLOCK kept opening a FIFO from blocking), and at most
        // as much as any input file.
        do { bytes = try FileBytes.read(fd: fd, path: path) } catch {
            systemClose(fd)
            throw error
        }
        let parsed: Parsed
        do { parsed = try parse(bytes, file: path, writable: !readOnly) } catch {
            systemClose(fd)
            throw error
        }
        return Journal(url: url, fd: fd, parsed: parsed, warnings: warnings, readOnly: readOnly, readOnlyReason: reason)
    }

    /// Reads `url` without locking, creating or ever writing it (for `export` and `annotations`).
    public static func load(_ url: URL) throws(InputError) -> Journal {
        let bytes = try FileBytes.read(url)
        let parsed = try parse(bytes, file: url.path, writable: false)
        let journal = Journal(
            url: url, fd: -1, parsed: parsed, warnings: [], readOnly: true, readOnlyReason: "\(url.path) was read only")
        journal.lines = parsed.lines
        return journal
    }

    /// Reads `url` (when it exists) and the `old` journals before it, as
    /// ``open(_:readOnlyIfLocked:old:hint:)`` does, without locking, creating or writing anything.
    public static func load(_ url: URL, old: [URL], hint: String?) throws(InputError) -> Journal {
        let journal =
            FileManager.default.fileExists(atPath: url.path)
            ? try load(url)
            : Journal(
                url: url, fd: -1, parsed: Parsed(), warnings: [], readOnly: true, readOnlyReason: "\(url.path) was read only")
        if !old.isEmpty {
            journal.lines = []
            journal.readOld(old, hint: hint)
        }
        return journal
    }

    // MARK: Old journals

    /// Reads `old` with this journal (see ``open(_:readOnlyIfLocked:old:hint:)``).
    private func readOld(_ old: [URL], hint: String?) {
        lock.lock()
        defer { lock.unlock() }
        let move = hint.map { "; move it there with: \($0)" } ?? ""
        var loaded: [(url: URL, entries: [JournalEntry])] = []
        for u in old {
            do {
                let j = try Journal.load(u)
                storedWarnings += j.warnings
                loaded.append((u, j.entries))
            } catch {
                storedWarnings.append("\(error) (an old journal: not read)")
            }
        }
        let combined = JournalMerge.combine(own: stored, old: loaded.map(\.entries))
        let usedSet = Set(combined.used)
        for (k, o) in loaded.enumerated() {
            if usedSet.contains(k) {
                storedWarnings.append(
                    "\(o.url.path): an annotations journal where an earlier ptscope kept it (\(o.entries.count) "
                        + "entries), read with \(url.path), where new edits go\(move)")
            } else if !o.entries.isEmpty {
                // (An empty one holds nothing to read or move: not worth a line on every exit.)
                storedWarnings.append(
                    "\(o.url.path) is already in \(url.path) (an earlier migration stopped before removing it)"
                        + (hint.map { "; \($0) removes it" } ?? ""))
            }
        }
        oldEntries = combined.used.map { loaded[$0].entries }
        oldRead = combined.used.map { loaded[$0].url }
        oldHint = hint ?? "ptscope annotations migrate"
        stored = combined.entries
        if combined.renumbered { refuseForOld() }
    }

    /// One line for the status bar when old journals are read with this one, else nil.
    public var oldNotice: String? {
        lock.withLock {
            guard !oldRead.isEmpty else { return nil }
            let n = oldRead.count
            return "read \(n) old journal\(n == 1 ? "" : "s") with \(url.lastPathComponent) (see the warnings on exit); "
                + "move \(n == 1 ? "it" : "them") in with: \(oldHint)"
        }
    }

    /// Makes the journal read-only because its own numbers overlap the old journals'. Called with `lock` held.
    private func refuseForOld() {
        let why =
            "\(url.path) and the old journals read with it (\(oldRead.map(\.path).joined(separator: ", "))) "
            + "number their edits alike: edits are not saved until the old journals are moved in with: \(oldHint)"
        if !storedReadOnly { storedWarnings.insert(why, at: 0) }
        storedReadOnly = true
        readOnlyReason = why
    }

    // MARK: Appending

    /// Appends one edit as one JSON line and fsyncs it before returning: once this returns, the
    /// edit survives a crash. Numbers it (last + 1) and stamps the time.
    @discardableResult
    public func append(
        kind: EditKind, key: CaseKey, changes: [GoldChange] = [], status: CaseStatus? = nil, note: String? = nil,
        reason: String? = nil, undoOf: Int? = nil, author: String
    ) throws(InputError) -> JournalEntry {
        try append(
            EditStep(kind: kind, key: key, changes: changes, status: status, note: note, reason: reason, undoOf: undoOf),
            author: author)
    }

    /// Appends `step` (see ``append(kind:key:changes:status:note:reason:undoOf:author:)``).
    @discardableResult
    public func append(_ step: EditStep, author: String) throws(InputError) -> JournalEntry {
        lock.lock()
        defer { lock.unlock() }
        let path = url.path
        if notCreated && !storedReadOnly { try create() }
        guard !storedReadOnly, fd >= 0 else { throw InputError(file: path, "\(readOnlyReason): the edit was not saved") }
        func failure(_ what: String, _ code: Int32) -> InputError {
            // EFBIG: the file size limit (SIGXFSZ is ignored at start-up, so write() says so instead of killing).
            let limit = code == EFBIG ? " (the file size limit, ulimit -f, is reached)" : ""
            return InputError(file: path, "cannot \(what): \(String(cString: strerror(code)))\(limit); the edit was not saved")
        }
        // Sequence numbers were checked on reading (1...maxSeq), so this cannot overflow.
        let last = stored.map(\.seq).max() ?? 0
        guard last < JournalEntry.maxSeq else {
            throw InputError(
                file: path, "the journal's sequence numbers are used up (the last is \(last)); the edit was not saved")
        }
        if fileLength != validLength {
            // A torn last line from a crash: cut it so the journal stays valid JSON Lines.
            if ftruncate(fd, off_t(validLength)) != 0 { throw failure("remove the torn last line", errno) }
            fileLength = validLength
        }
        let entry = JournalEntry(
            seq: last + 1, time: Journal.now(), author: author, key: step.key, kind: step.kind, changes: step.changes,
            status: step.status, note: step.note, reason: step.reason, undoOf: step.undoOf)
        let bytes = Array(((needsNewline ? "\n" : "") + entry.jsonLine + "\n").utf8)
        var (written, code) = FileWrite.all(fd, bytes, offset: validLength)
        if code == 0 && !Journal.sync(fd) { code = errno }
        if code != 0 {
            // Leave no partial line behind (ENOSPC, EFBIG and EIO may come after part of the line was
            // written); when even that fails, the next append cuts it first.
            if ftruncate(fd, off_t(validLength)) != 0 { fileLength = validLength + written }
            throw failure("write", code)
        }
        validLength += bytes.count
        fileLength = validLength
        needsNewline = false
        stored.append(entry)
        return entry
    }

    // MARK: Creating

    /// Creates the file on the first edit (or opens it, when another ptscope made it meanwhile),
    /// fsyncs the folder, takes the lock and reads what is already there. When it cannot, the
    /// journal becomes read-only with a warning saying why, and the edit is refused by the caller.
    /// Called with `lock` held.
    private func create() throws(InputError) {
        let path = url.path
        notCreated = false
        func refuse(_ why: String) {
            storedReadOnly = true
            readOnlyReason = why
            storedWarnings.append("\(why); read-only since the first edit: edits are not saved")
        }
        var made = systemOpen(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NONBLOCK, 0o644)
        let created = made >= 0
        if made < 0 && errno == EEXIST { made = systemOpen(path, O_RDWR | O_CLOEXEC | O_NONBLOCK, 0) }
        guard made >= 0 else {
            refuse("cannot create \(path) (\(String(cString: strerror(errno))))")
            return
        }
        if created {
            // The new name must survive a crash too.
            let dir = systemOpen(url.deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC, 0)
            if dir >= 0 {
                _ = fsync(dir)
                systemClose(dir)
            }
        }
        guard Journal.lock(made) else {
            let code = errno
            let why =
                code == EWOULDBLOCK || code == EAGAIN
                ? "\(path) \(Journal.lockedMessage(made))" : "cannot lock \(path) (\(String(cString: strerror(code))))"
            systemClose(made)
            refuse(why)
            return
        }
        // Another ptscope may have made it and written edits, then let go: read them, so numbering goes on after them.
        let parsed: Parsed
        do { parsed = try Journal.parse(try FileBytes.read(fd: made, path: path), file: path, writable: true) } catch {
            systemClose(made)
            refuse("\(error)")
            throw error
        }
        fd = made
        let combined = JournalMerge.combine(own: parsed.entries, old: oldEntries)
        stored = combined.entries
        storedWarnings += parsed.warnings
        if combined.renumbered { refuseForOld() }
        validLength = parsed.validLength
        fileLength = parsed.fileLength
        needsNewline = parsed.needsNewline
    }

    /// 0 when `folder` takes a new file: an unnamed `O_TMPFILE` one is made and dropped (nothing
    /// appears in the folder); where the file system has no `O_TMPFILE`, `access` decides. Else the
    /// errno saying why not.
    static func folderRefusesNewFiles(_ folder: String) -> Int32 {
        #if os(Linux)
            // O_TMPFILE is a macro Swift does not import: __O_TMPFILE (020000000 on Linux) | O_DIRECTORY.
            let probe = systemOpen(folder, 0o20000000 | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o600)
            if probe >= 0 {
                systemClose(probe)
                return 0
            }
            let code = errno
            guard code == EOPNOTSUPP || code == EISDIR || code == EINVAL else { return code }
        #endif
        return access(folder, W_OK | X_OK) == 0 ? 0 : errno
    }

    /// "is locked by another ptscope (pid N)", naming the holder when it can be known.
    static func lockedMessage(_ fd: Int32) -> String {
        let holder = lockHolder(fd).map { " (pid \($0)\($0 == getpid() ? ", this process" : ""))" } ?? ""
        return "is locked by another ptscope\(holder)"
    }

    // MARK: Helpers

    static func sync(_ fd: Int32) -> Bool {
        #if canImport(Darwin)
            if fcntl(fd, F_FULLFSYNC) == 0 { return true }
        #endif
        return fsync(fd) == 0
    }

    /// Now, in ISO 8601 UTC with milliseconds.
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = time_t(spec.tv_sec)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let millis = Int(spec.tv_nsec) / 1_000_000
        let ms = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(ms)Z"
    }

    /// Takes the exclusive lock on `fd`, waiting up to a quarter of a second for a holder to let go:
    /// a lock can outlive its ptscope for a moment (a child forked by any thread of a process holds
    /// a copy of every descriptor until it execs), and a second ptscope closing must not make this
    /// one read-only. False with errno set when the lock stays held or cannot be taken.
    static func lock(_ fd: Int32) -> Bool {
        for attempt in 0..<26 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
            let code = errno
            guard code == EWOULDBLOCK || code == EAGAIN, attempt < 25 else {
                errno = code
                return false
            }
            usleep(10_000)
        }
        return false
    }

    /// The pid holding a `flock` on the file behind `fd`, from `/proc/locks` (Linux), if it can be known.
    static func lockHolder(_ fd: Int32) -> Int32? {
        var info = stat()
        guard fstat(fd, &info) == 0, let text = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else {
            return nil
        }
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            // "1: FLOCK  ADVISORY  WRITE 4242 00:2d:123456 0 EOF" (waiters have "->" after the number).
            guard fields.count >= 6, fields[1] == "FLOCK", let pid = Int32(fields[4]) else { continue }
            let device = fields[5].split(separator: ":")
            if device.count == 3, UInt64(device[2]) == UInt64(info.st_ino) { return pid }
        }
        return nil
    }

    // MARK: Parsing

    struct Parsed {
        var entries: [JournalEntry] = []
        var warnings: [String] = []
        var validLength = 0
        var fileLength = 0
        var needsNewline = false
        /// The line of each entry.
        var lines: [Int] = []
    }

    /// Splits `bytes` into lines and reads each; see ``open(_:readOnlyIfLocked:)`` for what is skipped.
    /// A sequence number used twice is warned about with both lines; the first line with it applies.
    static func parse(_ bytes: [UInt8], file: String, writable: Bool) throws(InputError) -> Parsed {
        var result = Parsed()
        result.fileLength = bytes.count
        var lines: [(number: Int, range: Range<Int>, terminated: Bool)] = []
        var start = 0
        var number = 0
        for k in bytes.indices where bytes[k] == 0x0A {
            number += 1
            lines.append((number, start..<k, true))
            start = k + 1
        }
        if start < bytes.count { lines.append((number + 1, start..<bytes.count, false)) }
        let lastContent = lines.lastIndex { line in
            !bytes[line.range].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        }
        result.validLength = bytes.count
        var unknown: Set<String> = []
        /// The line of each sequence number read so far.
        var lineOf: [Int: Int] = [:]
        for (k, line) in lines.enumerated() {
            let slice = bytes[line.range]
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            var unknownKeys: [String] = []
            do {
                let entry = try JournalEntry.decode(slice, unknownKeys: &unknownKeys)
                if k == lastContent && !line.terminated { result.needsNewline = true }
                if let first = lineOf[entry.seq] {
                    // Hand-merged or hand-edited: the first line with a number is the edit it names.
                    result.warnings.append(
                        "\(file):\(line.number): seq \(entry.seq) is also on line \(first) (\(file):\(first)); "
                            + "this line is skipped (the first line with a number applies) and kept in the file")
                    continue
                }
                lineOf[entry.seq] = line.number
                result.entries.append(entry)
                result.lines.append(line.number)
                for key in unknownKeys where unknown.insert(key).inserted {
                    result.warnings.append("\(file):\(line.number): unknown key \"\(key)\" ignored")
                }
            } catch {
                switch error {
                case .newerVersion(let v):
                    throw InputError(
                        file: file, line: line.number,
                        "written by a newer ptscope (journal format version \(v); this ptscope reads version "
                            + "\(JournalEntry.formatVersion)): update ptscope")
                case .unreadable(let why):
                    // Only an unterminated last line can be a write cut short; a complete line is someone's text.
                    if k == lastContent && !line.terminated {
                        let cut = writable ? "; it is removed before the next edit is saved" : ""
                        result.warnings.append(
                            "\(file):\(line.number): the last line is incomplete (no newline: a write cut short?), "
                                + "skipped\(cut): \(why)")
                        result.validLength = line.range.lowerBound
                    } else {
                        result.warnings.append("\(file):\(line.number): not a journal entry, skipped: \(why)")
                    }
                }
            }
        }
        return result
    }
}

// Free functions under names that do not clash with this type's own `open`/`close`.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemClose(_ fd: Int32) { _ = close(fd) }
