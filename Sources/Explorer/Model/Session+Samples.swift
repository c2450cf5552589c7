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
            let v = scores.runs[r].verdicts[id]
            if v.format && v.overall { passed += 1 }
        }
        return (passed, samples)
    }

    /// The sample set's counts and estimates over every case (``SampleSetScore``), from the
    /// current verdicts; nil before scoring or without a sample set.
    public var sampleSet: SampleSetScore? {
        guard let set = sampleSetRuns, scores != nil else { return nil }
        var splits: [SampleSetScore.Split] = []
        var warnings: [String] = []
        var id = 0
        for (s, split) in data.benchmark.splits.enumerated() {
            let count = data.splitCounts[s]
            var passed = [Int](repeating: 0, count: count)
            var samples = 0
            for k in 0..<count { passed[k] = sampleTally(id + k)?.passed ?? 0 }
            for r in set.runs {
                if data.runs[r].predictions[split.name] != nil {
                    samples += 1
                } else {
                    warnings.append("\(data.runs[r].name) has no predictions for split \(split.name): not counted in its n")
                }
            }
            splits.append(SampleSetScore.Split(name: split.name, samples: samples, passed: passed))
            id += count
        }
        let numbers = set.runs.map { data.runs[$0].sample?.number ?? $0 + 1 }
        return SampleSetScore(sampleNumbers: numbers, splits: splits, warnings: warnings)
    }

    /// Whether each case (by id) passes in some samples of the set and fails in others; nil
    /// without a sample set, none while it is scored.
    public var flakyCases: [Bool]? {
        guard sampleSetRuns != nil else { return nil }
        guard scores != nil else { return Array(repeating: false, count: data.cases.count) }
        return data.cases.indices.map { id in
            guard let t = sampleTally(id) else { return false }
            return t.passed > 0 && t.passed < t.samples
        }
    }
}
