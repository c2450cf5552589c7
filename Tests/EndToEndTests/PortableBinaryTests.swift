import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A copied `ptscope` binary works on its own: nothing it needs lives in the build folder.
///
/// Each test copies the built binary alone into a temporary folder and, in the copy, replaces
/// every occurrence of the build folder's absolute path (the place SwiftPM's `Bundle.module`
/// looks for resource bundles) with a path of the same length that does not exist. The copy then
/// runs with its working directory, `$HOME` and the XDG folders in that temporary folder.
@Suite("a copied ptscope binary", .timeLimit(.minutes(3)))
struct PortableBinaryTests {
    /// The copy, the folders it runs with, and its environment.
    struct Copy {
        let tmp: TemporaryFolder
        let binary: String
        let work: String
        let cache: String
        var environment: [String: String]

        init() throws {
            tmp = try TemporaryFolder()
            let original = try TmuxSession.ptscopeBinary()
            let buildFolder = try #require(
                Self.buildFolder(of: original), "the built binary \(original) is not inside a .build folder")
            let from = Data(buildFolder.utf8)
            // Same length (the strings are fixed in the binary): ".build" becomes ".gone!".
            let to = Data(buildFolder.dropLast(".build".count).utf8) + Data(".gone!".utf8)
            #expect(!FileManager.default.fileExists(atPath: String(decoding: to, as: UTF8.self)))
            try FileManager.default.createDirectory(atPath: tmp.path + "/bin", withIntermediateDirectories: true)
            binary = tmp.path + "/bin/ptscope"
            try Self.copy(original, to: binary, replacing: from, with: to)
            work = tmp.path + "/work"
            cache = tmp.path + "/cache"
            for folder in [work, tmp.path + "/home", tmp.path + "/data"] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            environment = ProcessInfo.processInfo.environment.filter { key, _ in
                !(key.hasPrefix("XDG_") || key.hasPrefix("PTSCOPE") || key == "PWD" || key == "OLDPWD")
            }
            environment["HOME"] = tmp.path + "/home"
            environment["XDG_CACHE_HOME"] = cache
            environment["XDG_DATA_HOME"] = tmp.path + "/data"
        }

        /// Copies `source` to `target` (mode 755) with every `from` replaced by `to` (as long), a
        /// megabyte at a time (the binary is large, and other tests measure this process's memory).
        /// Both files are opened close-on-exec: a child started meanwhile by another test must not
        /// keep the copy open for writing (its exec would fail with ETXTBSY).
        static func copy(_ source: String, to target: String, replacing from: Data, with to: Data) throws {
            let input = open(source, O_RDONLY | O_CLOEXEC)
            try #require(input >= 0, "cannot open \(source): errno \(errno)")
            defer { close(input) }
            let output = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
            try #require(output >= 0, "cannot create \(target): errno \(errno)")
            defer { close(output) }
            func write(_ bytes: Data) throws {
                let written = bytes.withUnsafeBytes { Glibc.write(output, $0.baseAddress, $0.count) }
                try #require(written == bytes.count, "cannot write \(target): errno \(errno)")
            }
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            var pending = Data()  // the last bytes read, not written yet: a match may continue in the next chunk
            while true {
                let n = read(input, &buffer, buffer.count)
                try #require(n >= 0, "cannot read \(source): errno \(errno)")
                if n == 0 { break }
                var chunk = pending + Data(buffer[0..<n])
                var start = chunk.startIndex
                while let found = chunk.range(of: from, in: start..<chunk.endIndex) {
                    chunk.replaceSubrange(found, with: to)
                    start = found.upperBound
                }
                let keep = min(from.count - 1, chunk.count)
                try write(chunk.prefix(chunk.count - keep))
                pending = Data(chunk.suffix(keep))
            }
            try write(pending)
        }

        /// The `.build` folder holding `binary` (the path as SwiftPM wrote it into the binary).
        static func buildFolder(of binary: String) -> String? {
            var url = URL(fileURLWithPath: binary).resolvingSymlinksInPath()
            while url.path != "/" {
                if url.lastPathComponent == ".build" { return url.path }
                url.deleteLastPathComponent()
            }
            return nil
        }

        /// Runs the copy with `arguments` from `work` (a shell changes directory, then execs it).
        func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
            let out = tmp.path + "/run.out"
            let err = tmp.path + "/run.err"
            let text = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
            var status: Int32 = 0
            // A child forked by a parallel test while the copy was being written may still hold it
            // open for writing until it execs: the exec then fails with ETXTBSY (the shell says 126).
            for attempt in 0..<50 {
                status = try await Spawn.run(
                    ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", work, binary] + arguments, environment: environment,
                    stdout: out, stderr: err)
                guard status == 126 && text(err).contains("busy") && attempt < 49 else { break }
                usleep(20_000)
            }
            return (status, text(out), text(err))
        }
    }

    @Test("ptscope --print prints the sample's score table without the build folder")
    func printsTheSampleWithoutTheBuildFolder() async throws {
        let copy = try Copy()
        for arguments in [["--print"], ["open", "--model", "weak-sim", "--compare", "--print"]] {
            let run = try await copy.run(arguments)
            #expect(run.status == 0, "\(arguments): exit \(run.status), stderr: \(run.stderr)")
            #expect(!run.stderr.contains("resource bundle"), "\(arguments): \(run.stderr)")
            #expect(run.stdout.contains("test_untrained_user"), "\(arguments): \(run.stdout)")
            #expect(run.stdout.contains("tool_param_values"), "\(arguments): \(run.stdout)")
        }
        // Nothing written in the working directory or HOME.
        #expect(try FileManager.default.contentsOfDirectory(atPath: copy.work).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: copy.tmp.path + "/home").isEmpty)
    }

    @Test("the sample is written once to XDG_CACHE_HOME/ptscope, reused, and a changed file is written again")
    func theCacheIsReusedAndRepaired() async throws {
        let copy = try Copy()
        let first = try await copy.run(["--print"])
        #expect(first.status == 0, "\(first.stderr)")
        let folders = try FileManager.default.contentsOfDirectory(atPath: copy.cache + "/ptscope")
        #expect(folders.count == 1 && folders[0].hasPrefix("sample-"), "\(folders)")
        let data = copy.cache + "/ptscope/" + (folders.first ?? "") + "/data/test_trained_user/data.json"
        let original = try #require(FileManager.default.contents(atPath: data))
        let written = try FileManager.default.attributesOfItem(atPath: data)[.modificationDate] as? Date

        // Reused as it is: not written again.
        usleep(20_000)
        let second = try await copy.run(["--print"])
        #expect(second.stdout == first.stdout)
        #expect(try FileManager.default.attributesOfItem(atPath: data)[.modificationDate] as? Date == written)

        // A file changed in the cache is put back before it is read.
        try Data("[]".utf8).write(to: URL(fileURLWithPath: data))
        let third = try await copy.run(["--print"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout == first.stdout)
        #expect(FileManager.default.contents(atPath: data) == original)
    }

    @Test("without a usable cache folder the sample goes to a private temporary folder, removed at exit")
    func aReadOnlyCacheFallsBackToATemporaryFolder() async throws {
        var copy = try Copy()
        try Data().write(to: URL(fileURLWithPath: copy.cache))  // a file: no folder can be made in it
        let tmpdir = copy.tmp.path + "/tmpdir"
        try FileManager.default.createDirectory(atPath: tmpdir, withIntermediateDirectories: true)
        copy.environment["TMPDIR"] = tmpdir
        let run = try await copy.run(["--print"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("tool_param_values"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmpdir).isEmpty, "the temporary copy is removed")
    }
}
