import Foundation

/// Runs recursive work on a thread whose stack can hold Python's deepest legal inputs.
enum LargeStack {
    static let stackSize = 512 << 20

    final class Box<T>: @unchecked Sendable {
        var value: T?
        init() {}
    }

    static func run<T>(_ body: @escaping () -> T) -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let work = body
        let thread = Thread {
            box.value = work()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        return box.value!
    }
}
