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
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: data.path, isDirectory: &isDir) else {
            throw InputError(file: data.path, "no such file or folder (expected a PTBench data root with test_untrained_user/data.json and test_trained_user/data.json)")
        }
        var splitFiles: [(String, URL)] = []
        var warnings: [InputWarning] = []
        var singleSplit = false
        if isDir.boolValue {
            if fm.fileExists(atPath: data.appendingPathComponent("data.json").path) {
                splitFiles = [(data.lastPathComponent, data.appendingPathComponent("data.json"))]
                singleSplit = true
            } else {
                for name in referenceSplits {
                    let file = data.appendingPathComponent(name).appendingPathComponent("data.json")
                    if fm.fileExists(atPath: file.path) {
                        splitFiles.append((name, file))
                    } else {
                        warnings.append(InputWarning(file: file.path, "split \(name) is missing; scoring what exists"))
                    }
                }
                if splitFiles.isEmpty {
                    throw InputError(file: data.path, "no split found: expected test_untrained_user/data.json or test_trained_user/data.json inside")
                }
            }
        } else {
            let parent = data.deletingLastPathComponent().lastPathComponent
            splitFiles = [(referenceSplits.contains(parent) ? parent : (parent.isEmpty ? "split" : parent), data)]
            singleSplit = true
        }
        var splits: [SplitData] = []
        for (name, url) in splitFiles { splits.append(try SplitData.load(name: name, url: url)) }

        var files: [String: PredictionFile] = [:]
        var root: URL?
        if let predictions {
            var predIsDir: ObjCBool = false
            guard fm.fileExists(atPath: predictions.path, isDirectory: &predIsDir) else {
                throw InputError(file: predictions.path, "no such file or folder (expected a predictions root with <split>/generation.jsonl)")
            }
            if predIsDir.boolValue {
                root = predictions
                for split in splits {
                    let nested = predictions.appendingPathComponent(split.name).appendingPathComponent("generation.jsonl")
                    let flat = predictions.appendingPathComponent("generation.jsonl")
                    if fm.fileExists(atPath: nested.path) {
                        files[split.name] = try PredictionFile.load(url: nested)
                    } else if singleSplit && fm.fileExists(atPath: flat.path) {
                        files[split.name] = try PredictionFile.load(url: flat)
                        root = predictions.deletingLastPathComponent()
                    }
                }
            } else {
                guard singleSplit || splits.count == 1 else {
                    throw InputError(file: predictions.path, "one generation.jsonl given for \(splits.count) splits: give the predictions root (with <split>/generation.jsonl) instead")
                }
                files[splits[0].name] = try PredictionFile.load(url: predictions)
                root = predictions.deletingLastPathComponent().deletingLastPathComponent()
            }
        }
        return Benchmark(splits: splits, predictions: files, warnings: warnings, predictionsRoot: root)
    }

    /// Scores every split; the overall score exists when both reference splits do.
    public func score(options: Scorer.Options = Scorer.Options()) -> ScoreReport {
        let scores = splits.map { Scorer.score($0, predictions: predictions[$0.name], options: options) }
        return ScoreReport(splits: scores, warnings: warnings, lenient: options.lenient)
    }
}

// MARK: - ScoreReport

/// Every split's score and the overall score.
public struct ScoreReport: Sendable {
    public let splits: [SplitScore]
    public let overall: OverallScore?
    public let warnings: [InputWarning]
    /// Whether these numbers come from the lenient reading (not PTBench's).
    public let lenient: Bool

    public init(splits: [SplitScore], warnings: [InputWarning] = [], lenient: Bool = false) {
        self.splits = splits
        self.warnings = warnings + splits.flatMap(\.warnings)
        self.lenient = lenient
        if let u = splits.first(where: { $0.name == Benchmark.referenceSplits[0] }),
            let t = splits.first(where: { $0.name == Benchmark.referenceSplits[1] })
        {
            overall = OverallScore(untrained: u, trained: t)
        } else {
            overall = nil
        }
    }
}

// MARK: - CSV

/// Writes the reference's CSV files byte for byte (Python's `csv.writer`: `\r\n`, no quoting).
public enum CSVOutput {
    public static func accuracy(_ values: [Metric: Double?]) -> String {
        row(Metric.allCases.map(\.rawValue)) + row(Metric.allCases.map { m in (values[m] ?? nil).map(PyRepr.float) ?? "n/a" })
    }

    public static func errors(_ counts: [ErrorColumn: Int]) -> String {
        row(ErrorColumn.allCases.map(\.rawValue)) + row(ErrorColumn.allCases.map { String(counts[$0] ?? 0) })
    }

    static func row(_ fields: [String]) -> String { fields.joined(separator: ",") + "\r\n" }

    /// Writes `<dir>/<split>/{acc,error}_results.csv` and, with both splits, `<dir>/overall/`.
    public static func write(_ report: ScoreReport, to dir: URL) throws(InputError) {
        func put(_ text: String, _ folder: String, _ name: String) throws(InputError) {
            let folderURL = dir.appendingPathComponent(folder)
            let url = folderURL.appendingPathComponent(name)
            do {
                try FileManager.default.createDirectory(at: folderURL, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw InputError(file: url.path, "cannot write: \(error.localizedDescription)")
            }
        }
        for split in report.splits {
            try put(accuracy(split.accuracy), split.name, "acc_results.csv")
            try put(errors(split.errorCounts), split.name, "error_results.csv")
        }
        if let overall = report.overall {
            try put(accuracy(overall.accuracy), "overall", "acc_results.csv")
            try put(errors(overall.errorCounts), "overall", "error_results.csv")
        }
    }
}
