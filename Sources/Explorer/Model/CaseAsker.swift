import Evaluator

// MARK: - CaseAsker

/// Asks a model again for one case's answer (the explorer's `A`).
///
/// The explorer knows nothing of networks: the executable implements this (with the Runner
/// library: the same request `ptscope run` sends) and puts it in ``AppState/asker`` at launch.
/// ``ask(_:answer:)`` is called off the input loop; the answer comes back as an action.
public protocol CaseAsker: Sendable {
    /// Where run `run`'s cases are asked again (the endpoint and the model, no secrets), nil when
    /// that run cannot be asked (``refusal(run:)`` says why).
    func source(run: Int) -> String?
    /// Why run `run` cannot be asked again, as one line for the message line.
    func refusal(run: Int) -> String
    /// Asks for the answer to `question`; calls `answer` at most once, on any thread, with the
    /// model's text or why there is none. Returns what stops the request (Esc dropped it): after
    /// that, `answer` may be called or not.
    func ask(_ question: ReaskQuestion, answer: @escaping @Sendable (Result<String, ReaskFailure>) -> Void)
        -> @Sendable () -> Void
    /// The `run.json` bytes of a new run holding re-asked answers (which cases, from where), nil
    /// for none.
    func record(_ save: ReaskSave) -> [UInt8]?
    /// This asker with run `run` (opened since: `W`'s new run) asked as run `source` is, where
    /// its answers asked again came from.
    func adding(run: Int, askedAs source: Int) -> any CaseAsker
}

/// One case to ask again: case `index` of `split`, as run `run` (its index in the session) was asked.
public struct ReaskQuestion: Sendable {
    public let split: SplitData
    public let index: Int
    public let run: Int

    /// The question for case `index` of `split` in run `run`.
    public init(split: SplitData, index: Int, run: Int) {
        self.split = split
        self.index = index
        self.run = run
    }
}

/// Why a case could not be asked again: one line (a 401, a wrong model name with the models the
/// server offers, a timeout, a refused connection).
public struct ReaskFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    /// The failure `message` says.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// A new run saved from re-asked answers: the recorded run's `generation.jsonl` files with these
/// cases' lines replaced.
public struct ReaskSave: Sendable, Equatable {
    /// One re-asked case.
    public struct Case: Sendable, Equatable {
        public let split: String
        public let index: Int
        /// Where it was asked (``CaseAsker/source(run:)``).
        public let source: String
    }

    /// The recorded run's index and name.
    public let run: Int
    public let runName: String
    /// The recorded run's folder and the new one's.
    public let from: String
    public let to: String
    public let cases: [Case]
}
