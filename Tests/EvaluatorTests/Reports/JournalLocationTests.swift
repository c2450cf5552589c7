import Evaluator
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Where a run's annotations journal lives, on real folders.
@Suite("JournalLocation")
struct JournalLocationTests {
    /// A data root and a predictions root with one split each, in a fresh folder.
    static func layout() throws -> (base: URL, data: URL, pred: URL) {
        let base = try temporaryFolder()
        let data = base.appendingPathComponent("data")
        let pred = base.appendingPathComponent("pred")
        for folder in [data.appendingPathComponent("test_trained_user"), pred.appendingPathComponent("test_trained_user")] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try Data("[]".utf8).write(to: data.appendingPathComponent("test_trained_user/data.json"))
        try Data().write(to: pred.appendingPathComponent("test_trained_user/generation.jsonl"))
        return (base, data, pred)
    }

    @Test("--journal is used as given; nothing is created; no old journals are looked for")
    func explicit() throws {
        let (base, data, pred) = try Self.layout()
        try Data().write(to: pred.appendingPathComponent("annotations.jsonl"))
        let url = base.appendingPathComponent("elsewhere/j.jsonl")
        #expect(JournalLocation.explicit(url).resolve() == url)
        #expect(JournalLocation.explicit(url).oldJournals().isEmpty)
        #expect(JournalLocation.explicit(url).migrateCommand == nil)
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("elsewhere").path))
        #expect(JournalLocation.explicit(url) != .data(data, predictions: []))
    }

    @Test("the data's journal: in the data root, whether the root, a reference split folder or its data.json is given")
    func dataRoot() throws {
        let (base, data, pred) = try Self.layout()
        let expected = data.appendingPathComponent("annotations.jsonl").path
        let split = data.appendingPathComponent("test_trained_user")
        for given in [data, split, split.appendingPathComponent("data.json"), URL(fileURLWithPath: data.path + "/")] {
            #expect(JournalLocation.data(given, predictions: [pred]).resolve().path == expected, "\(given.path)")
        }
        // A data.json in a folder that is not a reference split: that folder is the root.
        let other = base.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("[]".utf8).write(to: other.appendingPathComponent("data.json"))
        #expect(JournalLocation.data(other, predictions: []).resolve().path == other.path + "/annotations.jsonl")
        #expect(
            JournalLocation.data(other.appendingPathComponent("data.json"), predictions: []).resolve().path
                == other.path + "/annotations.jsonl")
    }

    @Test(
        "old journals of the data: beside each run's predictions (root, or above a generation.jsonl's split), then beside the split given"
    )
    func oldJournalsOfTheData() throws {
        let (base, data, pred) = try Self.layout()
        let pred2 = base.appendingPathComponent("pred2/test_trained_user")
        try FileManager.default.createDirectory(at: pred2, withIntermediateDirectories: true)
        try Data().write(to: pred2.appendingPathComponent("generation.jsonl"))
        let split = data.appendingPathComponent("test_trained_user")
        let location = JournalLocation.data(
            split, predictions: [pred, pred2.appendingPathComponent("generation.jsonl"), pred])
        #expect(location.oldJournals().isEmpty, "none exist yet")
        for folder in [pred, base.appendingPathComponent("pred2"), split, data] {
            try Data().write(to: folder.appendingPathComponent("annotations.jsonl"))
        }
        // The data root's is the journal itself, not an old one; pred is named twice, found once.
        #expect(
            location.oldJournals().map(\.path) == [
                pred.path + "/annotations.jsonl", base.path + "/pred2/annotations.jsonl", split.path + "/annotations.jsonl",
            ])
        #expect(
            location.migrateCommand
                == "ptscope annotations migrate --data \(split.path) \(pred.path) \(pred2.path)/generation.jsonl \(pred.path)")
        #expect(
            JournalLocation.data(URL(fileURLWithPath: "/a b/it's"), predictions: []).migrateCommand
                == #"ptscope annotations migrate --data '/a b/it'\''s'"#)
    }

    @Test("the sample's journal: one for every model, in $XDG_DATA_HOME/ptscope, else ~/.local/share/ptscope; the folder is made")
    func sample() throws {
        let base = try temporaryFolder()
        let xdg = base.appendingPathComponent("xdg")
        let url = JournalLocation.sample.resolve(environment: ["XDG_DATA_HOME": xdg.path], home: base)
        #expect(url.path == xdg.path + "/ptscope/sample-annotations.jsonl")
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: xdg.path + "/ptscope", isDirectory: &isDirectory) && isDirectory.boolValue)

        let home = JournalLocation.sample.resolve(environment: [:], home: base)
        #expect(home.path == base.path + "/.local/share/ptscope/sample-annotations.jsonl")
        #expect(FileManager.default.fileExists(atPath: base.path + "/.local/share/ptscope"))
    }

    @Test("the sample's old journals: every sample-MODEL-annotations.jsonl, by name, not the journal itself")
    func sampleOldJournals() throws {
        let base = try temporaryFolder()
        let env = ["XDG_DATA_HOME": base.path]
        let folder = base.appendingPathComponent("ptscope")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in [
            "sample-weak-sim-annotations.jsonl", "sample-strong-sim-annotations.jsonl", "sample-annotations.jsonl", "notes.jsonl",
        ] {
            try Data().write(to: folder.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("sample-dir-annotations.jsonl"), withIntermediateDirectories: true)
        #expect(
            JournalLocation.sample.oldJournals(environment: env, home: base).map(\.lastPathComponent) == [
                "sample-strong-sim-annotations.jsonl", "sample-weak-sim-annotations.jsonl",
            ])
        #expect(JournalLocation.sample.migrateCommand == "ptscope annotations migrate")
    }

    @Test("a data folder that cannot be made (a file in the way): the path is still given, and opening it says why")
    func sampleFolderBlocked() throws {
        let base = try temporaryFolder()
        try Data().write(to: base.appendingPathComponent("xdg"))
        let url = JournalLocation.sample.resolve(
            environment: ["XDG_DATA_HOME": base.appendingPathComponent("xdg").path], home: base)
        #expect(url.path == base.path + "/xdg/ptscope/sample-annotations.jsonl")
        #expect {
            _ = try Journal.open(url)
        } throws: { error in
            "\(error)".contains(url.path) && "\(error)".contains("Not a directory")
        }
    }

    @Test("a data root this user cannot write (chmod 555): the journal there opens read-only, naming the file and --journal")
    func readOnlyDataRoot() throws {
        let (_, data, pred) = try Self.layout()
        try #require(chmod(data.path, 0o555) == 0)
        defer { _ = chmod(data.path, 0o755) }
        let url = JournalLocation.data(data, predictions: [pred]).resolve()
        #expect(url == data.appendingPathComponent("annotations.jsonl"))
        let journal = try AsUnprivileged.run { try Journal.open(url) }
        defer { journal.close() }
        #expect(journal.readOnly)
        #expect(
            journal.warnings.contains {
                $0.contains("cannot create \(url.path) (Permission denied); opened read-only") && $0.contains("--journal")
            })
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}

/// Runs file-system work with the permissions of an unprivileged user. As root (which permission bits
/// do not stop) the calling thread's file-system user and group become nobody's (`setfsuid`, which
/// also drops the file capabilities) for the duration, then are restored; other threads are unaffected.
enum AsUnprivileged {
    static func run<T>(_ body: () throws -> T) throws -> T {
        guard getuid() == 0 else { return try body() }
        typealias SetFS = @convention(c) (UInt32) -> Int32
        let uid = try #require(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setfsuid"))
        let gid = try #require(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setfsgid"))
        let setfsuid = unsafeBitCast(uid, to: SetFS.self)
        let setfsgid = unsafeBitCast(gid, to: SetFS.self)
        _ = setfsgid(65534)
        _ = setfsuid(65534)
        defer {
            _ = setfsuid(0)
            _ = setfsgid(0)
        }
        return try body()
    }
}
