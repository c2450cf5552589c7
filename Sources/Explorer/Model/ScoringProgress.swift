// MARK: - Scoring progress

extension Session {
    /// What the header says while every run is scored: `scoring 7/20 runs…` in a comparison (the
    /// runs done; in the lenient reading, then again for PTBench's reading), else `scoring
    /// 1200/10830`; nil when no scoring runs.
    public var scoringText: String? {
        guard let p = scoring else { return nil }
        let runs = data.runs.count
        let perRun = data.cases.count
        guard runs > 1, perRun > 0 else { return "scoring \(p.done)/\(p.total)" }
        let passes = max(1, p.total / (perRun * runs))
        let finished = min(p.done / perRun, runs * passes)
        let pass = min(finished / runs, passes - 1)
        let done = finished - pass * runs
        return "scoring \(done)/\(runs) runs" + (pass > 0 ? " (PTBench's reading)" : "") + "…"
    }
}
