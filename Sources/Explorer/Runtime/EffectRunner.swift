import Dispatch

// MARK: - EffectRunner

/// Runs the effects `reduce` returns; their results come back as actions to reduce.
///
/// ``BackgroundEffectRunner`` (the explorer) runs long work off the input loop and hands its
/// results over through ``drain()``; ``SynchronousEffectRunner`` (tests, scripts) does everything
/// at once and returns the results. Both turn an effect into work through ``EffectWork``: they
/// differ only in where the work runs and how its result is delivered. A runner never writes the
/// state: what an effect needs is in the effect or in the state it was returned with.
public protocol EffectRunner {
    /// Starts the work `effect` names for `state` (as `reduce` left it) and returns the results
    /// of the work that ran here, at once, to be reduced before anything else, in order. Results
    /// of work that runs elsewhere come later from ``drain()``.
    func perform(_ effect: Effect, for state: AppState) -> [Action]
    /// Waits until a result of work started earlier is ready (true) or `deadline` passes (false).
    func wait(until deadline: DispatchTime) -> Bool
    /// The results of work started earlier that are ready, oldest first.
    func drain() -> [Action]
}

extension EffectRunner {
    /// Performs each of `effects` for the same `state`; the results, in order.
    public func perform(_ effects: [Effect], for state: AppState) -> [Action] {
        effects.flatMap { perform($0, for: state) }
    }
}
