import Evaluator
import TUICore

// MARK: - RunChoice

/// `a` in a comparison: each run's predicted value of the case's first value mismatch, one row
/// per run, and the highlighted run whose value Enter accepts as gold.
public struct RunChoice: Sendable, Equatable {
    /// One run's row.
    public struct Choice: Sendable, Equatable {
        /// The run (index in ``ExplorerData/runs``).
        public var run: Int
        /// The run's value that gold rejects (nil: nothing to accept from this run).
        public var value: PyValue?
        /// The value as Python writes it, or why the run has none to accept.
        public var shown: String

        public static func == (a: Choice, b: Choice) -> Bool {
            a.run == b.run && a.shown == b.shown && (a.value == nil) == (b.value == nil)
        }
    }

    /// The case and the gold parameter whose value is accepted.
    public var caseID: Int
    public var function: String
    public var parameter: String
    /// One per run, in run order.
    public var choices: [Choice]
    /// The highlighted row.
    public var cursor = ListCursor()

    /// The rows with a value to accept.
    public var selectable: [Int] { choices.indices.filter { choices[$0].value != nil } }

    /// The highlighted row's choice, when it has a value.
    public var chosen: Choice? {
        cursor.index < choices.count && choices[cursor.index].value != nil ? choices[cursor.index] : nil
    }
}
