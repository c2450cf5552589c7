import Evaluator
import Foundation

// MARK: - RunSpec

/// One run of predictions to open: the name it is shown under and where its predictions are.
public struct RunSpec: Sendable, Equatable {
    /// The name shown for the run (its column letter's label).
    public var name: String
    /// A predictions root, a split folder, or a `generation.jsonl`.
    public var predictions: URL
    /// The sample set this run is a sample of (named as the folder of `sample-N` folders was),
    /// nil for a run of its own.
    public var sample: RunSample?

    /// A run named `name` with the predictions at `predictions`, a sample of a set if `sample` is given.
    public init(name: String, predictions: URL, sample: RunSample? = nil) {
        self.name = name
        self.predictions = predictions
        self.sample = sample
    }

    /// This run's samples when its folder holds `sample-N` folders (`ptscope run --samples K`): one
    /// run per sample, named `NAME·sN`, in the order of N; else this run alone.
    public var expandingSamples: [RunSpec] {
        let samples = SampleFolder.all(in: predictions)
        guard !samples.isEmpty else { return [self] }
        return samples.map {
            RunSpec(name: "\(name)·s\($0.number)", predictions: $0.url, sample: RunSample(set: name, number: $0.number))
        }
    }

    /// A run given on the command line as `NAME=DIR` (`--run`); both sides must be non-empty, and
    /// only the first `=` separates them.
    public init(parsing text: String) throws(RunSpecError) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw RunSpecError(text: text) }
        self.init(name: String(parts[0]), predictions: URL(fileURLWithPath: String(parts[1])))
    }

    /// A run given as a positional path: named after the folder or file it names.
    public init(path: String) {
        let url = URL(fileURLWithPath: path)
        self.init(name: url.standardizedFileURL.lastPathComponent, predictions: url)
    }
}

/// A run that cannot be opened as given: a `--run` value that is not `NAME=DIR`, a `--runs-dir`
/// that is not a folder, or more runs than the explorer takes.
public struct RunSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The value as given.
    public let text: String
    /// What was expected and what was given.
    public let description: String

    /// The error for the `--run` value `text`.
    public init(text: String) {
        self.text = text
        description = "--run expects NAME=DIR, got '\(text)'"
    }

    /// The error `description` about the value `text`.
    public init(text: String, description: String) {
        self.text = text
        self.description = description
    }
}
