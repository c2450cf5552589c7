import Foundation

// MARK: - Several runs on one data set

extension Benchmark {
    /// Where a run's predictions are for the splits `splits`, by ``load(data:predictions:)``'s
    /// rules: `<split>/generation.jsonl` under a predictions root, a flat `generation.jsonl` for a
    /// single split, or one file given for one split. `error` is what reading them would fail with.
    static func locatePredictions(_ predictions: URL, splits: [String], singleSplit: Bool) -> (
        files: [(split: String, url: URL)], root: URL?, error: InputError?, warnings: [InputWarning]
    ) {
        var files: [(split: String, url: URL)] = []
        var warnings: [InputWarning] = []
        switch FileProbe.probe(predictions.path) {
        case .absent:
            let error = InputError(
                file: predictions.path, "no such file or folder (expected a predictions root with <split>/generation.jsonl)")
            return ([], nil, error, [])
        case .unreachable(let why):
            return ([], nil, InputError(file: predictions.path, why), [])
        case .folder:
            var root = predictions
            var unreadable: [String] = []
            for name in splits {
                let nested = predictions.appendingPathComponent(name).appendingPathComponent("generation.jsonl")
                let flat = predictions.appendingPathComponent("generation.jsonl")
                switch FileProbe.probe("generation.jsonl", in: predictions.appendingPathComponent(name)) {
                case (.absent, _):
                    if singleSplit && FileProbe.probe(flat.path) != .absent {
                        files.append((name, flat))
                        root = predictions.deletingLastPathComponent()
                    }
                case (.unreachable(let why), let path):
                    warnings.append(InputWarning(file: path, "\(why): the predictions for split \(name) cannot be read"))
                    unreadable.append("\(path): \(why)")
                default:
                    files.append((name, nested))
                }
            }
            var error: InputError?
            if files.isEmpty && !unreadable.isEmpty {
                error = InputError(file: predictions.path, "no predictions can be read: \(unreadable.joined(separator: "; "))")
            }
            return (files, root, error, warnings)
        case .file, .special:
            guard singleSplit || splits.count == 1 else {
                let message =
                    "one generation.jsonl given for \(splits.count) splits: "
                    + "give the predictions root (with <split>/generation.jsonl) instead"
                return ([], nil, InputError(file: predictions.path, message), [])
            }
            return ([(splits[0], predictions)], predictions.deletingLastPathComponent().deletingLastPathComponent(), nil, [])
        }
    }

    /// Reads further runs' predictions for this benchmark's splits, without reading the data again
    /// (every run shares it): each of `runs` is located as ``load(data:predictions:)`` locates its
    /// predictions (`data` is the path the benchmark was loaded from, which says whether it is a
    /// single split), and every file of every run is read at once, one per core, the largest first.
    /// The first problem, in the order of `runs`, is thrown.
    public func loadPredictions(of runs: [URL], data: URL) throws(InputError) -> [[String: PredictionFile]] {
        let status = FileProbe.probe(data.path)
        let singleSplit = status != .folder || FileProbe.probe(data.appendingPathComponent("data.json").path) != .absent
        let names = splits.map(\.name)
        var jobs: [(run: Int, split: String, url: URL, size: Int)] = []
        var errors: [Int: InputError] = [:]
        for (r, url) in runs.enumerated() {
            let located = Self.locatePredictions(url, splits: names, singleSplit: singleSplit)
            if let error = located.error { errors[r] = error }
            jobs += located.files.map { (r, $0.split, $0.url, FileBytes.size($0.url)) }
        }
        let ordered = jobs.indices.sorted { jobs[$0].size > jobs[$1].size }
        let urls = ordered.map { jobs[$0].url }
        let read = Parallel.map(count: ordered.count, chunk: 1) { k in
            let url = urls[k]
            return Result { () throws(InputError) -> PredictionFile in try PredictionFile.load(url: url) }
        }
        var byJob = [Result<PredictionFile, InputError>?](repeating: nil, count: jobs.count)
        for (k, j) in ordered.enumerated() { byJob[j] = read[k] }
        var out = [[String: PredictionFile]](repeating: [:], count: runs.count)
        for r in runs.indices {
            if let error = errors[r] { throw error }
            for (j, job) in jobs.enumerated() where job.run == r {
                switch byJob[j]! {
                case .failure(let error): throw error
                case .success(let file): out[r][job.split] = file
                }
            }
        }
        return out
    }
}

// MARK: - Samples

extension Benchmark {
    /// This benchmark's data with `predictions` (another run's files, from
    /// ``loadPredictions(of:data:)``) in place of its own, read from `root`.
    public func withPredictions(_ predictions: [String: PredictionFile], root: URL?) -> Benchmark {
        Benchmark(splits: splits, predictions: predictions, warnings: warnings, predictionsRoot: root)
    }

    /// The data at `data` with each of `samples`' predictions: one benchmark per sample, in order,
    /// the data read once and shared. A sample without a split's predictions is scored as PTBench
    /// would (its cases fail, with a warning); one whose predictions cannot be read is an error.
    public static func loadSamples(data: URL, samples: [SampleFolder]) throws(InputError) -> [Benchmark] {
        guard let first = samples.first else { return [] }
        let bench = try load(data: data, predictions: first.url)
        let rest = try bench.loadPredictions(of: samples.dropFirst().map(\.url), data: data)
        return [bench] + zip(samples.dropFirst(), rest).map { bench.withPredictions($1, root: $0.url) }
    }
}
