// MARK: - Score requests

extension AppState {
    /// Asks for new scores: takes the next ``scoreRequest`` number and returns the effect that
    /// carries it, so the result of any earlier request is dropped when it arrives.
    mutating func requestScores() -> Effect {
        scoreRequest += 1
        return .score(request: scoreRequest)
    }
}
