import Evaluator
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The journal against odd files and hostile limits: numbers out of range, repeated numbers, a
/// hand-edited last line, a folder that cannot be written, a file size limit.
@Suite("Journal reliability")
struct JournalReliabilityTests {
    static let key = CaseKey(split: "s", index: 0, hash: "0000000000000000")

    /// A valid journal line numbered `seq` (the number's text as given) with note `note`.
    static func line(seq: String, note: String) -> String {
        JournalEntry(seq: 1, time: "2025-01-01T00:00:00.000Z", author: "a", key: key, kind: .setNote, note: note).jsonLine
            .replacingOccurrences(of: "\"seq\": 1,", with: "\"seq\": \(seq),")
    }

    // MARK: - Sequence numbers

    @Test(
        "a sequence number out of range is skipped with file:line, and the next edit is numbered without a trap",
        arguments: ["9223372036854775807", "9007199254740992", "0", "-1", "-9223372036854775808"])
    func seqOutOfRange(seq: String) throws {
        let url = try temporaryFolder().appendingPathComponent("annotations.jsonl")
        let text = [Self.line(seq: "1", note: "one"), Self.line(seq: seq, note: "bad"), Self.line(seq: "2", note: "two")]
        try Data((text.joined(separator: "\n") + "\n").utf8).write(to: url)

        let journal = try Journal.open(url)
        #expect(journal.entries.map(\.seq) == [1, 2])
        #expect(
            journal.warnings.contains { $0.hasPrefix("\(url.path):2:") && $0.contains("seq") && $0.contains(seq) },
            "\(journal.warnings)")
        let next = try journal.append(kind: .setNote, key: Self.key, note: "three", author: "a")
        #expect(next.seq == 3)
        journal.close()
        let raw = try String(contentsOf: url, encoding: .utf8)
        #expect(raw.contains("\"seq\": \(seq),"), "the skipped line is kept in the file")
        #expect(try Journal.load(url).entries.map(\.seq) == [1, 2, 3])
    }

    @Test("the largest sequence number allowed is used; the edit after it is refused, not trapped")
    func seqAtTheLimit() throws {
        let url = try temporaryFolder().appendingPathComponent("annotations.jsonl")
        let top = String(JournalEntry.maxSeq)
        try Data((Self.line(seq: top, note: "top") + "\n").utf8).write(to: url)
        let journal = try Journal.open(url)
        #expect(journal.entries.map(\.seq) == [JournalEntry.maxSeq])
        #expect(journal.warnings.isEmpty)
        #expect {
            try journal.append(kind: .setNote, key: Self.key, note: "one more", author: "a")
        } throws: { error in
            "\(error)".contains("not saved") && "\(error)".contains(top)
        }
        #expect(try Data(contentsOf: url) == Data((Self.line(seq: top, note: "top") + "\n").utf8))
    }

    @Test("a sequence number used twice is reported with both lines; the first line with it applies")
    func duplicateSeq() throws {
        let url = try temporaryFolder().appendingPathComponent("annotations.jsonl")
        let text = [
            Self.line(seq: "1", note: "one"), Self.line(seq: "2", note: "first two"), Self.line(seq: "2", note: "second two"),
            Self.line(seq: "3", note: "three"),
        ]
        try Data((text.joined(separator: "\n") + "\n").utf8).write(to: url)
        for journal in [try Journal.load(url), try Journal.open(url)] {
            #expect(journal.entries.map(\.seq) == [1, 2, 3])
            #expect(journal.entries.map(\.note) == ["one", "first two", "three"])
            let warning = try #require(journal.warnings.first { $0.contains("seq 2") }, "\(journal.warnings)")
            #expect(warning.hasPrefix("\(url.path):3:") && warning.contains("line 2"), "\(warning)")
            #expect(journal.warnings.count == 1)
            journal.close()
        }
    }

    @Test("an alternative number at the ends of Int is refused with a message, not a trap", arguments: [Int.max, Int.min])
    func alternativeNumberAtTheLimit(index: Int) throws {
        let session = try Session()
        let (split, c, function, queryParam, _) = try session.caseWithBothKindsOfParameters()
        let gold = session.live.current(c, in: split)
        #expect {
            try GoldEdits.editAlternative(gold, function: function, parameter: queryParam, index: index, value: .null)
        } throws: { error in
            "\(error)".contains("has no alternative")
        }
        #expect(throws: GoldEditError.self) {
            try GoldEdits.removeAlternative(gold, function: function, parameter: queryParam, index: index)
        }
    }

    // MARK: - The last line

    @Test("a complete (newline-terminated) but unreadable last line is kept and skipped, not cut as a torn write")
    func terminatedBadLastLine() throws {
        let url = try temporaryFolder().appendingPathComponent("annotations.jsonl")
        let handEdit = #"{"v": 1, "seq": 3, "note": "edited by hand, no author"}"#
        let text = Self.line(seq: "1", note: "one") + "\n" + Self.line(seq: "2", note: "two") + "\n" + handEdit + "\n"
        try Data(text.utf8).write(to: url)

        let journal = try Journal.open(url)
        #expect(journal.entries.map(\.seq) == [1, 2])
        #expect(journal.warnings.count == 1)
        #expect(
            journal.warnings.contains { $0.hasPrefix("\(url.path):3:") && $0.contains("not a journal entry") },
            "\(journal.warnings)")
        let next = try journal.append(kind: .setNote, key: Self.key, note: "after", author: "a")
        #expect(next.seq == 3)
        journal.close()

        let after = try String(contentsOf: url, encoding: .utf8)
        #expect(after.hasPrefix(text), "the hand-edited line is still there")
        #expect(after.hasSuffix("\n") && after.split(separator: "\n").count == 4)
        let reread = try Journal.open(url)
        #expect(reread.entries.map(\.note) == ["one", "two", "after"])
        #expect(reread.warnings.count == 1 && reread.warnings[0].hasPrefix("\(url.path):3:"), "\(reread.warnings)")
    }

    // MARK: - A folder that cannot be written

    // MARK: - Not a regular file

    @Test("a FIFO or a link to /dev/zero as the journal is refused at once, naming what it is")
    func notARegularFile() throws {
        let folder = try temporaryFolder()
        let fifo = folder.appendingPathComponent("fifo.jsonl")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let zero = folder.appendingPathComponent("zero.jsonl")
        try FileManager.default.createSymbolicLink(atPath: zero.path, withDestinationPath: "/dev/zero")
        for (url, what) in [(fifo, "FIFO"), (zero, "/dev/zero")] {
            for open in [{ try Journal.open(url) }, { try Journal.load(url) }] as [() throws -> Journal] {
                do {
                    _ = try open()
                    Issue.record("\(url.path) was opened as a journal")
                } catch {
                    let message = "\(error)"
                    #expect(message.contains("not a regular file") && message.contains(what), "\(message)")
                }
            }
        }
    }

    @Test("a journal that cannot be created (a real EACCES: /sys refuses new files): the first edit says why, nothing is made")
    func cannotCreateOpensReadOnly() throws {
        let url = URL(fileURLWithPath: "/sys/ptscope-annotations-\(UUID().uuidString).jsonl")
        let refused = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        let code = errno
        if refused >= 0 {
            close(refused)
            unlink(url.path)
        }
        try #require(refused < 0 && (code == EACCES || code == EROFS || code == EPERM), "/sys refuses new files here")

        // sysfs has no O_TMPFILE and root passes access(): only creating the file can tell.
        let journal = try Journal.open(url)
        #expect(journal.entries.isEmpty)
        #expect {
            try journal.append(kind: .setNote, key: Self.key, note: "x", author: "a")
        } throws: { error in
            "\(error)".contains("not saved") && "\(error)".contains("cannot create \(url.path)")
                && "\(error)".contains(String(cString: strerror(code)))
        }
        #expect(journal.readOnly)
        let warning = try #require(journal.warnings.first)
        #expect(warning.contains("cannot create \(url.path)") && warning.contains(String(cString: strerror(code))))
        #expect(warning.contains("read-only") && !warning.contains("cannot open"), "\(warning)")
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test("a journal in a folder this user cannot write: ptscope opens it read-only and says create, not open")
    func readOnlyFolderInTheBinary() throws {
        let folder = try temporaryFolder()
        let journal = folder.appendingPathComponent("annotations.jsonl").path
        // Root may write anywhere: the child runs as nobody (setpriv) when the tests run as root.
        try #require(chmod(folder.path, 0o555) == 0)
        defer { _ = chmod(folder.path, 0o755) }
        let (status, _, stderr) = try Self.runShell(
            asNobody: true, #"exec "$0" annotations "$1" --stress-append 1"#, try Child.binary(), journal)
        #expect(status == 2, "\(stderr)")
        #expect(stderr.contains("cannot create \(journal) (Permission denied); opened read-only"), "\(stderr)")
        #expect(stderr.contains("the edit was not saved"), "\(stderr)")
        #expect(!stderr.contains("cannot open"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: journal))
    }

    // MARK: - Created on the first edit

    @Test("opening a journal that does not exist creates nothing; the first edit creates it and takes the lock")
    func createdOnTheFirstEditNotOnOpen() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("annotations.jsonl")
        let journal = try Journal.open(url)
        #expect(!journal.readOnly)
        #expect(journal.warnings.isEmpty, "\(journal.warnings)")
        #expect(!FileManager.default.fileExists(atPath: url.path), "opening wrote the journal")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "nothing left in the folder")
        journal.close()
        #expect(!FileManager.default.fileExists(atPath: url.path), "closing wrote the journal")

        let writer = try Journal.open(url)
        try writer.append(kind: .setNote, key: Self.key, note: "first", author: "a")
        #expect(try Journal.load(url).entries.map(\.note) == ["first"])
        let second = try Journal.open(url)
        #expect(second.readOnly, "the first edit took the lock")
        #expect(second.warnings.contains { $0.contains("locked by another ptscope") })
        try writer.append(kind: .setNote, key: Self.key, note: "second", author: "a")
        #expect(writer.entries.map(\.seq) == [1, 2])
    }

    @Test("two ptscopes open a journal not created yet: the first edit wins; the other's edit is refused naming the holder")
    func twoOpenBeforeTheFirstEdit() throws {
        let url = try temporaryFolder().appendingPathComponent("annotations.jsonl")
        let a = try Journal.open(url)
        let b = try Journal.open(url)
        try a.append(kind: .setNote, key: Self.key, note: "a", author: "a")
        #expect {
            try b.append(kind: .setNote, key: Self.key, note: "b", author: "b")
        } throws: { error in
            "\(error)".contains("locked by another ptscope (pid \(getpid()), this process)") && "\(error)".contains("not saved")
        }
        #expect(b.readOnly)
        #expect(b.warnings.contains { $0.contains(url.path) && $0.contains("locked by another ptscope") })
        a.close()
        // Made by another ptscope that has let go since: its entries are read, and numbering goes on after them.
        let c = try Journal.open(url.deletingLastPathComponent().appendingPathComponent("other.jsonl"))
        let d = try Journal.open(url.deletingLastPathComponent().appendingPathComponent("other.jsonl"))
        try c.append(kind: .setNote, key: Self.key, note: "c", author: "c")
        c.close()
        try d.append(kind: .setNote, key: Self.key, note: "d", author: "d")
        #expect(d.entries.map(\.seq) == [1, 2])
        #expect(try Journal.load(d.url).entries.map(\.note) == ["c", "d"])
    }

    @Test("a journal whose folder does not exist is refused at open, naming the file")
    func missingFolderIsRefused() throws {
        let url = try temporaryFolder().appendingPathComponent("no-such-folder/annotations.jsonl")
        #expect {
            _ = try Journal.open(url)
        } throws: { error in
            "\(error)".contains(url.path) && "\(error)".contains("No such file or directory")
        }
    }

    // MARK: - The file size limit

    @Test(
        "past the file size limit (ulimit -f) an edit is 'not saved': no SIGXFSZ, no torn line, nothing earlier lost",
        .disabled(if: Sanitizers.thread, "ThreadSanitizer's runtime cannot start under ulimit -f 8"))
    func fileSizeLimit() throws {
        let url = try temporaryFolder().appendingPathComponent("annotations.jsonl")
        // 8 blocks of 512 bytes: a few dozen entries fit.
        let (status, stdout, stderr) = try Self.runShell(
            asNobody: false, #"ulimit -f 8 && exec "$0" annotations "$1" --stress-append 100000"#, try Child.binary(),
            url.path)
        #expect(status == 2, "exit status \(status) (\(128 + SIGXFSZ): killed by SIGXFSZ): \(stderr)")
        #expect(stderr.contains("File too large") && stderr.contains("the edit was not saved"), "\(stderr)")
        let acks = stdout.split(separator: "\n").compactMap { $0.hasPrefix("ack ") ? Int($0.dropFirst(4)) : nil }
        #expect(acks.count > 10, "\(stdout)")

        let bytes = try Data(contentsOf: url)
        #expect(bytes.count <= 8 * 512)
        #expect(bytes.last == 0x0A, "no torn last line")
        let journal = try Journal.load(url)
        #expect(journal.warnings.isEmpty, "\(journal.warnings)")
        #expect(journal.entries.map(\.seq) == acks, "every acknowledged edit, and nothing else")
    }

    // MARK: - Helpers

    /// Runs `sh -c script arguments…` (as nobody when asked and when running as root) with every
    /// signal at its default disposition (the test runner ignores some, and an ignored signal stays
    /// ignored across exec); its exit status (128 + n when signal n killed it), stdout and stderr.
    static func runShell(asNobody: Bool, _ script: String, _ arguments: String...) throws -> (Int32, String, String) {
        var argv = ["/bin/sh", "-c", script] + arguments
        if asNobody && getuid() == 0 { argv = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + argv }
        let dir = try temporaryFolder()
        let (out, err) = (dir.appendingPathComponent("stdout").path, dir.appendingPathComponent("stderr").path)
        let status = try Spawn.run(argv, stdout: out, stderr: err)
        let text = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return (status, text(out), text(err))
    }
}
