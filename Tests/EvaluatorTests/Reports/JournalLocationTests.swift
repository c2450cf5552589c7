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

    @Test("--journal is used as given; nothing is created")
    func explicit() throws {
        let (base, data, _) = try Self.layout()
        let url = base.appendingPathComponent("elsewhere/j.jsonl")
        #expect(JournalLocation.explicit(url).resolve() == url)
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("elsewhere").path))
        #expect(JournalLocation.explicit(url) != .besidePredictions(nil, data: data))
    }

    @Test("beside the predictions: the root given, the root above a generation.jsonl, the split folder given, else the data")
    func besidePredictions() throws {
        let (_, data, pred) = try Self.layout()
        let split = pred.appendingPathComponent("test_trained_user")
        let file = split.appendingPathComponent("generation.jsonl")
        let journal = { (url: URL?, data: URL) in JournalLocation.besidePredictions(url, data: data).resolve().path }
        #expect(journal(pred, data) == pred.appendingPathComponent("annotations.jsonl").path)
        #expect(journal(file, data) == pred.appendingPathComponent("annotations.jsonl").path)
        #expect(journal(split, data) == split.appendingPathComponent("annotations.jsonl").path)
        #expect(journal(nil, data) == data.appendingPathComponent("annotations.jsonl").path)
        let dataFile = data.appendingPathComponent("test_trained_user/data.json")
        #expect(journal(nil, dataFile) == data.appendingPathComponent("test_trained_user/annotations.jsonl").path)
    }

    @Test("the sample's journal: per model in $XDG_DATA_HOME/ptscope, else ~/.local/share/ptscope; the folder is made")
    func sample() throws {
        let base = try temporaryFolder()
        let xdg = base.appendingPathComponent("xdg")
        let url = JournalLocation.sample(model: "weak-sim").resolve(environment: ["XDG_DATA_HOME": xdg.path], home: base)
        #expect(url.path == xdg.path + "/ptscope/sample-weak-sim-annotations.jsonl")
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: xdg.path + "/ptscope", isDirectory: &isDirectory) && isDirectory.boolValue)

        let home = JournalLocation.sample(model: "strong-sim").resolve(environment: [:], home: base)
        #expect(home.path == base.path + "/.local/share/ptscope/sample-strong-sim-annotations.jsonl")
        #expect(FileManager.default.fileExists(atPath: base.path + "/.local/share/ptscope"))
    }

    @Test("a data folder that cannot be made (a file in the way): the path is still given, and opening it says why")
    func sampleFolderBlocked() throws {
        let base = try temporaryFolder()
        try Data().write(to: base.appendingPathComponent("xdg"))
        let url = JournalLocation.sample(model: "weak-sim").resolve(
            environment: ["XDG_DATA_HOME": base.appendingPathComponent("xdg").path], home: base)
        #expect(url.path == base.path + "/xdg/ptscope/sample-weak-sim-annotations.jsonl")
        #expect {
            _ = try Journal.open(url)
        } throws: { error in
            "\(error)".contains(url.path) && "\(error)".contains("Not a directory")
        }
    }

    @Test("a predictions root this user cannot write (chmod 555): the journal there opens read-only, naming the file")
    func readOnlyPredictionsRoot() throws {
        let (_, data, pred) = try Self.layout()
        try #require(chmod(pred.path, 0o555) == 0)
        defer { _ = chmod(pred.path, 0o755) }
        let url = JournalLocation.besidePredictions(pred, data: data).resolve()
        #expect(url == pred.appendingPathComponent("annotations.jsonl"))
        let journal = try AsUnprivileged.run { try Journal.open(url) }
        defer { journal.close() }
        #expect(journal.readOnly)
        #expect(journal.warnings.contains { $0.contains("cannot create \(url.path) (Permission denied); opened read-only") })
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
