import Evaluator

// MARK: - Sample sets

extension Session {
    /// The runs of the sample set the explorer reports on (a folder of `sample-N` folders opened
    /// as one run per sample): the focused run's set, else the first set loaded; nil when no run
    /// is a sample.
    public var sampleSetRuns: (name: String, runs: [Int])? {
        let runs = data.runs
        let focusedSet = focusedRun < runs.count ? runs[focusedRun].sample?.set : nil
        guard let name = focusedSet ?? runs.lazy.compactMap(\.sample?.set).first else { return nil }
        return (name, runs.indices.filter { runs[$0].sample?.set == name })
    }

    /// Case `id`'s passes over the sample set's runs and how many of them answered its split (a
    /// sample without the split's predictions does not count); nil before scoring or without a
    /// sample set. A pass is the overall verdict, with the session's gold and options.
    public func sampleTally(_ id: Int) -> (passed: Int, samples: Int)? {
        guard let set = sampleSetRuns, let scores = scores, id < data.cases.count else { return nil }
        let split = data.benchmark.splits[data.cases[id].split].name
        var passed = 0
        var samples = 0
        for r in set.runs where r < scores.runs.count && data.runs[r].predictions[split] != nil {
            samples += 1
            if sampleMetric.passes(scores.runs[r].verdicts[id]) == true { passed += 1 }
        }
        return (passed, samples)
    }

    /// Per case (by id) the passes over the sample set's runs, and per split how many of them have
    /// its predictions: one pass over each run's summaries (kept in step with gold edits), a few
    /// milliseconds for 100,000 cases; nil before scoring or without a sample set.
    func sampleCounts() -> (passed: [Int], samples: [Int], missing: [(run: Int, split: Int)])? {
        guard let set = sampleSetRuns, let scores = scores else { return nil }
        let splits = data.benchmark.splits
        var passed = [Int](repeating: 0, count: data.cases.count)
        var samples = [Int](repeating: 0, count: splits.count)
        var missing: [(run: Int, split: Int)] = []
        for r in set.runs where r < scores.runs.count {
            let has = splits.map { data.runs[r].predictions[$0.name] != nil }
            for (s, h) in has.enumerated() {
                if h { samples[s] += 1 } else { missing.append((r, s)) }
            }
            if sampleMetric == .overall {
                // The summaries have the overall verdict at hand (the common case, kept quick).
                let summaries = scores.runs[r].summaries
                data.cases.withUnsafeBufferPointer { cases in
                    for id in 0..<min(cases.count, summaries.count)
                    where summaries[id].verdict == .pass && has[cases[id].split] {
                        passed[id] += 1
                    }
                }
            } else {
                let verdicts = scores.runs[r].verdicts
                for id in 0..<min(data.cases.count, verdicts.count)
                where has[data.cases[id].split] && sampleMetric.passes(verdicts[id]) == true {
                    passed[id] += 1
                }
            }
        }
        return (passed, samples, missing)
    }

    /// The sample set's counts and estimates over every case (``SampleSetScore``), from the
    /// current verdicts; nil before scoring or without a sample set.
    public var sampleSet: SampleSetScore? {
        guard let set = sampleSetRuns, let counts = sampleCounts() else { return nil }
        var splits: [SampleSetScore.Split] = []
        var id = 0
        for (s, split) in data.benchmark.splits.enumerated() {
            let count = data.splitCounts[s]
            splits.append(
                SampleSetScore.Split(
                    name: split.name, samples: counts.samples[s], passed: Array(counts.passed[id..<(id + count)])))
            id += count
        }
        let warnings = counts.missing.map { m in
            "\(data.runs[m.run].name) has no predictions for split \(data.benchmark.splits[m.split].name): not counted in its n"
        }
        return SampleSetScore(
            sampleNumbers: set.runs.map { data.runs[$0].sample?.number ?? $0 + 1 }, splits: splits, warnings: warnings,
            metric: sampleMetric)
    }

    /// Whether each case (by id) passes in some samples of the set and fails in others; nil
    /// without a sample set, none while it is scored.
    public var flakyCases: [Bool]? {
        guard sampleSetRuns != nil else { return nil }
        guard let counts = sampleCounts() else { return Array(repeating: false, count: data.cases.count) }
        return data.cases.map { e in
            let (c, n) = (counts.passed[e.id], counts.samples[e.split])
            return c > 0 && c < n
        }
    }
}
