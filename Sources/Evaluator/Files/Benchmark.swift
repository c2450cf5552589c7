import Foundation

// MARK: - Benchmark

/// A PTBench data root (or a single split) and, optionally, one model's predictions for it.
public struct Benchmark: Sendable {
    /// PTBench's two splits, in the reference's order.
    public static let referenceSplits = ["test_untrained_user", "test_trained_user"]

    public let splits: [SplitData]
    /// Predictions per split name (missing: no file for that split).
    public let predictions: [String: PredictionFile]
    public let warnings: [InputWarning]
    /// Where the predictions live (the default output folder, as PTBench's `output_dir`).
    public let predictionsRoot: URL?

    /// Loads `data` (a data root, a split folder, or a data.json) and `predictions`
    /// (a predictions root, a split folder, or a generation.jsonl).
    public static func load(data: URL, predictions: URL?) throws(InputError) -> Benchmark {
        let dataStatus = FileProbe.probe(data.path)
        switch dataStatus {
        case .absent:
            let expected = "a PTBench data root with test_untrained_user/data.json and test_trained_user/data.json"
            throw InputError(file: data.path, "no such file or folder (expected \(expected))")
        case .unreachable(let why): throw InputError(file: data.path, why)
        case .file, .folder, .special: break
        }
        var splitFiles: [(String, URL)] = []
        var warnings: [InputWarning] = []
        var singleSplit = false
        if dataStatus == .folder {
            if FileProbe.probe(data.appendingPathComponent("data.json").path) != .absent {
                // Whatever is there is this split's file: reading it says what is wrong with it.
                splitFiles = [(data.lastPathComponent, data.appendingPathComponent("data.json"))]
                singleSplit = true
            } else {
                var unusable: [String] = []
                for name in referenceSplits {
                    let file = data.appendingPathComponent(name).appendingPathComponent("data.json")
                    switch FileProbe.probe("data.json", in: data.appendingPathComponent(name)) {
                    case (.absent, _):
                        warnings.append(InputWarning(file: file.path, "split \(name) is missing; scoring what exists"))
                        unusable.append("\(name)/data.json is missing")
                    case (.unreachable(let why), let path):
                        // There, but not readable: said as what it is, not as missing.
                        warnings.append(InputWarning(file: path, "\(why): split \(name) cannot be read; scoring what exists"))
                        unusable.append("\(path): \(why)")
                    default:
                        splitFiles.append((name, file))
                    }
                }
                if splitFiles.isEmpty {
                    let expected = "test_untrained_user/data.json or test_trained_user/data.json inside"
                    let reasons = unusable.joined(separator: "; ")
                    throw InputError(file: data.path, "no split can be read (expected \(expected)): \(reasons)")
                }
            }
        } else {
            let parent = data.deletingLastPathComponent().lastPathComponent
            splitFiles = [(referenceSplits.contains(parent) ? parent : (parent.isEmpty ? "split" : parent), data)]
            singleSplit = true
        }
        // Where each split's predictions are (the files are read below, with the data).
        let located = predictions.map { locatePredictions($0, splits: splitFiles.map(\.0), singleSplit: singleSplit) }
        let predictionFiles = located?.files ?? []
        let root = located?.root
        let predictionsError = located?.error
        warnings += located?.warnings ?? []

        // Every file is read and indexed at once, one per core, the largest first; a problem is
        // reported as reading them one by one would have met it (data first, then predictions).
        enum Loaded {
            case split(SplitData)
            case predictions(PredictionFile)
        }
        var jobs: [(size: Int, order: Int, run: @Sendable () throws(InputError) -> Loaded)] = []
        for (k, (name, url)) in splitFiles.enumerated() {
            jobs.append(
                (FileBytes.size(url), k, { () throws(InputError) -> Loaded in .split(try SplitData.load(name: name, url: url)) }))
        }
        if predictionsError == nil {
            for (k, file) in predictionFiles.enumerated() {
                let url = file.url
                jobs.append(
                    (
                        FileBytes.size(url), splitFiles.count + k,
                        { () throws(InputError) -> Loaded in .predictions(try PredictionFile.load(url: url)) }
                    ))
            }
        }
        let started = jobs.sorted { $0.size > $1.size }
        let results = Parallel.map(count: started.count, chunk: 1) { k in
            Result { () throws(InputError) -> Loaded in try started[k].run() }
        }
        var byOrder = [Result<Loaded, InputError>?](repeating: nil, count: jobs.count)
        for (job, result) in zip(started, results) { byOrder[job.order] = result }
        var splits: [SplitData] = []
        var files: [String: PredictionFile] = [:]
        for (k, result) in byOrder.enumerated() {
            if k == splitFiles.count, let predictionsError { throw predictionsError }
            switch result! {
            case .failure(let error): throw error
            case .success(.split(let split)): splits.append(split)
            case .success(.predictions(let file)): files[predictionFiles[k - splitFiles.count].split] = file
            }
        }
        if byOrder.count == splitFiles.count, let predictionsError { throw predictionsError }
        for split in splits where split.bytes.starts(with: TextEncoding.utf8ByteOrderMark) {
            let message =
                "starts with a UTF-8 byte order mark (EF BB BF): ptscope reads past it, "
                + "but PTBench's json.load refuses the file (\"Unexpected UTF-8 BOM\")"
            warnings.append(InputWarning(file: split.url.path, message))
        }
        return Benchmark(splits: splits, predictions: files, warnings: warnings, predictionsRoot: root)
    }

    /// Why `url` cannot be loaded at all (nothing there, a dangling symbolic link, a link loop, a
    /// folder that cannot be searched), or nil: what ``load(data:predictions:)`` would say first,
    /// for a caller that checks its paths before it starts.
    public static func pathProblem(_ url: URL) -> InputError? {
        switch FileProbe.probe(url.path) {
        case .absent: return InputError(file: url.path, "no such file or folder")
        case .unreachable(let why): return InputError(file: url.path, why)
        case .file, .folder, .special: return nil
        }
    }

    /// Scores every split; the overall score exists when both reference splits do.
    public func score(options: Scorer.Options = Scorer.Options()) -> ScoreReport {
        let scores = Scorer.score(splits.map { ($0, predictions[$0.name]) }, options: options)
        return ScoreReport(splits: scores, warnings: warnings, lenient: options.lenient)
    }
}
