import Dispatch
import Evaluator
import Foundation

// MARK: - Asking again (`A`, issue 14)

extension EffectWork {
    /// How often the spinner steps while a case is asked again.
    static let reaskTickInterval = DispatchTimeInterval.milliseconds(120)

    /// Asks ``AppState/asker`` for case `caseID` as run `run` was asked, off the input loop;
    /// scores the answer as a recorded one (against the gold in effect) with the recorded answer
    /// beside it. Reports ``Action/reaskTick`` while waiting; once `cancelled` (Esc dropped the
    /// answer) the request is stopped and nothing is reported.
    static func reask(_ s: AppState, request: Int, caseID: Int, run: Int) -> EffectWork? {
        guard let asker = s.asker, let session = s.session, caseID < session.data.cases.count,
            run < session.data.runs.count
        else { return nil }
        let entry = session.data.cases[caseID]
        let split = session.data.split(of: entry)
        let source = asker.source(run: run) ?? ""
        let question = ReaskQuestion(split: split, index: entry.index, run: run)
        let tag = Reask.Tag(caseID: caseID, run: run)
        return EffectWork(lane: .reask(request: request)) { report, cancelled in
            let box = ReaskBox()
            let stop = asker.ask(question) { box.put($0) }
            var outcome = box.take(within: reaskTickInterval)
            while outcome == nil {
                if cancelled() {
                    stop()
                    return nil
                }
                report?(.reaskTick)
                outcome = box.take(within: reaskTickInterval)
            }
            switch outcome {
            case .success(let text)?:
                return .reaskAnswered(
                    Reask.Answer(request: request, tag: tag, source: source, text: text, session: session))
            case .failure(let failure)?:
                return .reaskFailed(request: request, failure)
            case nil:
                return nil
            }
        }
    }

    /// Writes run `run`'s answers asked again as a new run beside it (``ReaskRun``), given back to be opened.
    static func saveReask(_ s: AppState, run: Int) -> EffectWork? {
        guard let data = s.data, run < data.runs.count else { return nil }
        let answers = s.reask.answers.values.filter { $0.tag.run == run }
        let asker = s.asker
        return EffectWork(lane: .background(.userInitiated)) { _, _ in
            .reaskSaved(ReaskRun.save(data, run: run, answers: answers, asker: asker))
        }
    }
}

/// Where an asker's answer waits for the work that asked (the asker may answer on any thread,
/// at once or later).
final class ReaskBox: @unchecked Sendable {
    private var value: Result<String, ReaskFailure>?
    private let condition = NSCondition()

    func put(_ outcome: Result<String, ReaskFailure>) {
        condition.lock()
        defer { condition.unlock() }
        if value == nil { value = outcome }
        condition.broadcast()
    }

    /// The answer once it is there, or nil after `interval` without one.
    func take(within interval: DispatchTimeInterval) -> Result<String, ReaskFailure>? {
        condition.lock()
        defer { condition.unlock() }
        let seconds: Double =
            switch interval {
            case .milliseconds(let ms): Double(ms) / 1000
            case .seconds(let s): Double(s)
            default: 0.1
            }
        let deadline = Date(timeIntervalSinceNow: seconds)
        while value == nil {
            if !condition.wait(until: deadline) { break }
        }
        return value
    }
}
