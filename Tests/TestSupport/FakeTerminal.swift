import Dispatch
import Foundation
import TUICore

// MARK: - FakeTerminal

/// A terminal for unit tests of an input loop: scripted keys, resizes and signals go in, every
/// drawn frame is recorded.
///
/// ``readKey(timeoutMilliseconds:)`` takes the next step of a queue, waiting up to its timeout when
/// the queue is empty, so results of background work arrive between keys. A
/// ``Step/waitFor(_:seconds:)`` step holds the keys back until a frame drawn since the last key
/// shows a text; if none does in time, the text is recorded in ``missed`` and the loop is
/// interrupted. After ``deadline`` the loop is interrupted whatever the script says (``timedOut``):
/// a test never hangs.
public final class FakeTerminal: TerminalDevice, @unchecked Sendable {
    /// One scripted step.
    public enum Step: Sendable {
        /// A key.
        case key(Key)
        /// The terminal takes a new size; the loop reads ``Key/resize``.
        case resize(width: Int, height: Int)
        /// No key until a frame drawn since the last key shows `text` (at most `seconds`).
        case waitFor(String, seconds: Double = 5)
        /// An interrupting signal arrives: ``interrupted`` turns true.
        case interrupt

        /// Each character of `text` as a key.
        public static func typing(_ text: String) -> [Step] { text.map { .key(.char($0)) } }
    }

    private let condition = NSCondition()
    private var steps: [Step]
    private var storedWidth: Int
    private var storedHeight: Int
    private var storedInterrupted = false
    private var storedFrames: [ScreenBuffer] = []
    private var storedMissed: [String] = []
    private var storedTimedOut = false
    private var storedControls: [[UInt8]] = []
    private var storedHandOvers = 0
    private var handingOver = false
    private var storedKeysReadDuringHandOver = 0
    /// The first frame drawn after the last key (a wait looks at this one and later ones).
    private var framesAfterKey = 0
    /// When the current wait began.
    private var waitStarted: DispatchTime?

    /// When the loop is interrupted whatever the script says.
    public let deadline: DispatchTime

    /// A `width`×`height` terminal that plays `script`, and interrupts the loop after `seconds`.
    public init(width: Int = 120, height: Int = 40, script: [Step] = [], seconds: Double = 10) {
        storedWidth = width
        storedHeight = height
        steps = script
        deadline = .now() + seconds
    }

    public var width: Int { condition.withLock { storedWidth } }
    public var height: Int { condition.withLock { storedHeight } }

    /// True once an ``Step/interrupt`` step ran, a wait failed, the deadline passed, or a test set it.
    public var interrupted: Bool {
        get { condition.withLock { storedInterrupted } }
        set { condition.withLock { storedInterrupted = newValue } }
    }

    /// Every frame drawn, in order.
    public var frames: [ScreenBuffer] { condition.withLock { storedFrames } }

    /// The texts a ``Step/waitFor(_:seconds:)`` step waited for in vain.
    public var missed: [String] { condition.withLock { storedMissed } }

    /// Whether the deadline ended the loop.
    public var timedOut: Bool { condition.withLock { storedTimedOut } }

    /// Every control sequence written (``writeControl(_:)``), in order.
    public var controls: [[UInt8]] { condition.withLock { storedControls } }

    /// How many times the terminal was handed over (``handOver(_:)``).
    public var handOvers: Int { condition.withLock { storedHandOvers } }

    /// Keys asked for while the terminal was handed over (must stay 0).
    public var keysReadDuringHandOver: Int { condition.withLock { storedKeysReadDuringHandOver } }

    public func writeControl(_ bytes: [UInt8]) {
        condition.withLock { storedControls.append(bytes) }
    }

    public func handOver<Result>(_ body: () -> Result) -> Result {
        condition.withLock {
            storedHandOvers += 1
            handingOver = true
        }
        defer { condition.withLock { handingOver = false } }
        return body()
    }

    /// Adds steps to the end of the script (from any thread).
    public func append(_ more: [Step]) {
        condition.withLock {
            steps += more
            condition.broadcast()
        }
    }

    public func draw(_ buffer: ScreenBuffer, theme: ResolvedTheme) {
        condition.withLock {
            storedFrames.append(buffer)
            condition.broadcast()
        }
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        condition.lock()
        defer { condition.unlock() }
        if handingOver { storedKeysReadDuringHandOver += 1 }
        let end = DispatchTime.now() + .milliseconds(timeoutMilliseconds)
        while true {
            let now = DispatchTime.now()
            if storedInterrupted { return nil }
            if now >= deadline {
                storedTimedOut = true
                storedInterrupted = true
                return nil
            }
            if let step = steps.first {
                switch step {
                case .key(let key):
                    return take(key)
                case .resize(let width, let height):
                    storedWidth = width
                    storedHeight = height
                    return take(.resize)
                case .interrupt:
                    steps.removeFirst()
                    storedInterrupted = true
                    return nil
                case .waitFor(let text, let seconds):
                    if storedFrames[framesAfterKey...].contains(where: { $0.text.contains(text) }) {
                        steps.removeFirst()
                        waitStarted = nil
                        continue
                    }
                    let started = waitStarted ?? now
                    waitStarted = started
                    if now >= started + seconds {
                        storedMissed.append(text)
                        steps.removeAll()
                        storedInterrupted = true
                        return nil
                    }
                }
            }
            // Nothing to give yet: a frame can only come once the loop has this time back.
            guard now < end else { return nil }
            _ = condition.wait(
                until: Date(timeIntervalSinceNow: Double(min(end, deadline).uptimeNanoseconds - now.uptimeNanoseconds) / 1e9))
        }
    }

    /// Removes the step in front and returns its key; later waits look at the frames after it.
    private func take(_ key: Key) -> Key {
        steps.removeFirst()
        framesAfterKey = storedFrames.count
        return key
    }
}
