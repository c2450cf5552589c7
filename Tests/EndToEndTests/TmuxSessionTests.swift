import Foundation
import Testing

/// The helpers of the end-to-end tests themselves.
@Suite("TmuxSession helpers", .timeLimit(.minutes(3)))
struct TmuxSessionTests {
    @Test("spawnAndWait finishes when the child writes more than a pipe holds (1.5 MB) to stdout and to stderr")
    func largeOutputDoesNotBlock() throws {
        let tmp = try TemporaryFolder()
        let sh = try #require(TmuxSession.findExecutable("sh"))
        // stderr first: a helper reading stdout to its end before stderr would wait forever.
        let script = "head -c 1500000 /dev/zero | tr '\\0' e >&2; head -c 1500000 /dev/zero | tr '\\0' o"
        let status = try TmuxSession.spawnAndWait(
            [sh, "-c", script], environment: ProcessInfo.processInfo.environment, stdout: tmp.path + "/out",
            stderr: tmp.path + "/err")
        #expect(status == 0)
        let out = try #require(FileManager.default.contents(atPath: tmp.path + "/out"))
        let err = try #require(FileManager.default.contents(atPath: tmp.path + "/err"))
        #expect(out.count == 1_500_000 && out.allSatisfy { $0 == UInt8(ascii: "o") })
        #expect(err.count == 1_500_000 && err.allSatisfy { $0 == UInt8(ascii: "e") })
    }
}
