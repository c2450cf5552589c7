import Dispatch
import Foundation

// MARK: - TestCrash

/// A real crash of the explorer for the end-to-end tests, asked for with `PTSCOPE_TEST_CRASH`
/// (read once, after the first frame): `segv` dereferences a bad pointer on the input thread,
/// `trap` stops at a Swift runtime trap, `worker-overflow` overflows the stack of the detail
/// builder's thread, and `worker-overflow-while-drawing` does that while this thread draws frame
/// after frame (what a crash on a worker meets when the explorer is busy redrawing). Unset
/// (always, outside those tests): nothing happens.
enum TestCrash: String {
    case segv
    case trap
    case workerOverflow = "worker-overflow"
    case workerOverflowWhileDrawing = "worker-overflow-while-drawing"

    static var fromEnvironment: TestCrash? {
        ProcessInfo.processInfo.environment["PTSCOPE_TEST_CRASH"].flatMap(TestCrash.init(rawValue:))
    }

    /// Crashes; `builder` is the thread a worker overflow happens on (a queue of its own without
    /// one); `draw` draws a whole frame, a different one each time.
    func happen(on builder: DetailBuilder?, draw: () -> Void) {
        switch self {
        case .segv:
            UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
        case .trap:
            fatalError("PTSCOPE_TEST_CRASH=trap")
        case .workerOverflow, .workerOverflowWhileDrawing:
            let overflow: @Sendable () -> Void = {
                AlternateSignalStack.ensure()
                _ = TestCrash.recurse(1)
            }
            if let builder {
                builder.async(overflow)
            } else {
                DispatchQueue(label: "ptscope.test-crash").async(execute: overflow)
            }
            // Until the crash ends the process.
            while self == .workerOverflowWhileDrawing { draw() }
        }
    }

    /// Recurses until the stack is exhausted.
    @inline(never)
    static func recurse(_ n: Int) -> Int {
        var frame = [n, n, n, n, n, n, n, n]
        return withUnsafeMutablePointer(to: &frame[0]) { recurse($0.pointee &+ 1) &+ 1 }
    }
}

// MARK: - TestDelay

/// A slower detail builder for the end-to-end tests, asked for with `PTSCOPE_TEST_DETAIL_DELAY`
/// (seconds): the builder waits that long before each build, so a test sees a costly case's
/// "building…" however fast the machine builds it. Unset (always, outside those tests): no wait.
enum TestDelay {
    static let detail: Double? = ProcessInfo.processInfo.environment["PTSCOPE_TEST_DETAIL_DELAY"]
        .flatMap(Double.init).flatMap { $0 > 0 && $0 <= 600 ? $0 : nil }
}
