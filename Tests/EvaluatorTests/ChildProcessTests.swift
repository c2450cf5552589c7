import Foundation
import Testing

/// The test helper that runs child processes.
@Suite("Child process helper", .timeLimit(.minutes(1)))
struct ChildProcessTests {
    @Test("Child.run finishes when the child writes more than a pipe holds (1.5 MB) to stderr and to stdout")
    func largeOutputOnBothPipes() throws {
        // stderr first: reading stdout to its end before stderr would wait forever (a full pipe).
        let script = "head -c 1500000 /dev/zero | tr '\\0' e >&2; head -c 1500000 /dev/zero | tr '\\0' o"
        let result = try Child.run(["-c", script], executable: "/bin/sh")
        #expect(result.status == 0)
        #expect(result.stdout.utf8.count == 1_500_000 && result.stdout.utf8.allSatisfy { $0 == UInt8(ascii: "o") })
        #expect(result.stderr.utf8.count == 1_500_000 && result.stderr.utf8.allSatisfy { $0 == UInt8(ascii: "e") })
    }
}
