import Foundation
import TestSupport
import Testing

@testable import Evaluator

// MARK: - Memory

/// Counts live instances across threads.
final class LiveCount: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func add(_ n: Int) {
        lock.lock()
        value += n
        lock.unlock()
    }

    var current: Int {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

/// An element that counts itself, so a leaked result shows as a live instance.
final class Tracked: Sendable {
    let count: LiveCount

    init(_ count: LiveCount) {
        self.count = count
        count.add(1)
    }

    deinit { count.add(-1) }
}

@Suite("Parallel map memory")
struct ParallelMemoryTests {
    @Test("the parallel map (scoring's and loading's) frees every result once the array is gone", arguments: [1, 64, 5_000])
    func mapFrees(_ count: Int) {
        let live = LiveCount()
        do {
            let out = Parallel.map(count: count) { _ in Tracked(live) }
            #expect(out.count == count)
            #expect(live.current == count)
        }
        #expect(live.current == 0, "results leaked by the parallel map")
        do {
            // As the loader calls it: one job per index, results wrapped in Result.
            let out = Parallel.map(count: count, chunk: 1) { _ in Result<Tracked, InputError>.success(Tracked(live)) }
            #expect(out.count == count)
        }
        #expect(live.current == 0, "results leaked by the parallel map")
    }

    @Test("the parallel map keeps order and reports progress up to the count, also in the background")
    func mapOrder() {
        let seen = LiveCount()
        let out = Parallel.map(count: 1_000, parallelism: .background, progress: { _ in seen.add(1) }, { $0 * 2 })
        #expect(out == (0..<1_000).map { $0 * 2 })
        #expect(seen.current == 4, "one progress report per 256-index chunk")
    }

    /// Resident memory in kB (Linux).
    static func resident() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    @Test(
        "loading and scoring again and again does not grow resident memory",
        .disabled(
            if: Sanitizers.address,
            "AddressSanitizer's quarantine keeps freed memory resident (mapFrees and LeakSanitizer check leaks there)"))
    func repeatedLoads() throws {
        // Both splits, each a case with 8 MB of padding: a leaked load keeps its 16 MB of bytes.
        let padding = "\"" + String(repeating: "p", count: 8 << 20) + "\""
        let one =
            #"{"padding": \#(padding), "answer": ["A", [{"f": {"x": ["1"]}}]], "#
            + #""query_params": ["x"], "profile_params": []}"#
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-memory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in Benchmark.referenceSplits {
            let split = dir.appendingPathComponent("d/\(name)")
            try FileManager.default.createDirectory(at: split, withIntermediateDirectories: true)
            try Data(("[" + one + "]").utf8).write(to: split.appendingPathComponent("data.json"))
        }
        func once() throws {
            let bench = try Benchmark.load(data: dir.appendingPathComponent("d"), predictions: nil)
            #expect(bench.score().splits.map(\.caseCount) == [1, 1])
        }
        try once()
        let start = try #require(ParallelMemoryTests.resident(), "no /proc/self/status")
        for _ in 0..<16 { try once() }
        let end = try #require(ParallelMemoryTests.resident())
        // A leak keeps 16 × 16 MB = 256 MB. The other tests running at the same time (the whole
        // suite runs in one process) moved it by up to 51 MB in full runs: the bound sits between.
        #expect(end - start < 160_000, "resident memory grew by \((end - start) / 1000) MB over 16 loads")
    }
}
