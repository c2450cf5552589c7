import Foundation

// MARK: - ScoreBench

/// Times the scorer's phases in this process, on real files, with the same code `ptscope score` runs:
/// loading and indexing (``Benchmark/load(data:predictions:)``), parsing and scoring
/// (``Benchmark/score(options:)``) and CSV writing (``CSVOutput/write(_:to:)``).
public struct ScoreBench: Sendable {
    /// The data root (or split folder, or `data.json`) timed.
    public let data: URL
    /// The predictions root (or split folder, or `generation.jsonl`) timed.
    public let predictions: URL
    /// Each run's time to load and index.
    public private(set) var load: [Duration] = []
    /// Each run's time to parse and score every case.
    public private(set) var score: [Duration] = []
    /// Each run's time to write the CSV files.
    public private(set) var csv: [Duration] = []
    /// Each run's time for all three phases.
    public private(set) var total: [Duration] = []
    /// What the last run measured: cases, splits, cases whose prediction parsed, input sizes.
    public private(set) var cases = 0
    /// The number of splits read.
    public private(set) var splits = 0
    /// The cases whose prediction parsed.
    public private(set) var formatOK = 0
    /// The bytes of every `data.json`.
    public private(set) var dataBytes = 0
    /// The bytes of every `generation.jsonl`.
    public private(set) var predictionBytes = 0

    /// Runs every phase `runs` times on `data` and `predictions`, writing the CSV files under `scratch`
    /// (removed at the end). `afterRun` is called with the run's number (from 1) once the run's
    /// benchmark and report are freed, so it can measure memory.
    public static func run(
        data: URL, predictions: URL, options: Scorer.Options, runs: Int, scratch: URL, afterRun: (Int) -> Void = { _ in }
    ) throws(InputError) -> ScoreBench {
        defer { try? FileManager.default.removeItem(at: scratch) }
        var bench = ScoreBench(data: data, predictions: predictions)
        for run in 0..<runs {
            try bench.once(options: options, out: scratch.appendingPathComponent("run\(run)"))
            afterRun(run + 1)
        }
        return bench
    }

    init(data: URL, predictions: URL) {
        self.data = data
        self.predictions = predictions
    }

    /// One run; everything it made is freed when it returns.
    mutating func once(options: Scorer.Options, out: URL) throws(InputError) {
        let clock = ContinuousClock()
        let t0 = clock.now
        let bench = try Benchmark.load(data: data, predictions: predictions)
        let t1 = clock.now
        let report = bench.score(options: options)
        let t2 = clock.now
        try CSVOutput.write(report, to: out)
        let t3 = clock.now
        load.append(t1 - t0)
        score.append(t2 - t1)
        csv.append(t3 - t2)
        total.append(t3 - t0)
        try? FileManager.default.removeItem(at: out)
        cases = report.splits.reduce(0) { $0 + $1.caseCount }
        formatOK = report.splits.reduce(0) { $0 + $1.verdicts.reduce(0) { $0 + ($1.format ? 1 : 0) } }
        splits = bench.splits.count
        dataBytes = bench.splits.reduce(0) { $0 + $1.bytes.count }
        predictionBytes = bench.predictions.values.reduce(0) { sum, file in sum + Self.fileSize(file.url) }
    }

    // MARK: Text

    /// The figures: what was measured, the minimum, median and maximum of every phase, and rates.
    /// `cores` is the number of cores the process could use.
    public func text(cores: Int) -> String {
        let mb = { (bytes: Int) in String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        var out = "ptscope bench: \(data.path)  \(predictions.path)\n"
        out +=
            "\(cases) cases in \(splits) split(s), \(formatOK) parsed; data \(mb(dataBytes)), "
            + "predictions \(mb(predictionBytes)); \(total.count) run(s), \(cores) core(s)\n\n"
        out += Self.pad("phase", 16) + Self.lpad("min", 11) + Self.lpad("median", 11) + Self.lpad("max", 11) + "\n"
        for (name, times) in [("load + index", load), ("parse + score", score), ("CSV writing", csv), ("total", total)] {
            let s = times.map(Self.seconds).sorted()
            guard let first = s.first, let last = s.last else { continue }
            out += Self.pad(name, 16) + Self.lpad(Self.ms(first), 11) + Self.lpad(Self.ms(Self.median(s)), 11)
            out += Self.lpad(Self.ms(last), 11) + "\n"
        }
        let loadMedian = Self.median(load.map(Self.seconds).sorted())
        let scoreMedian = Self.median(score.map(Self.seconds).sorted())
        let totalMedian = Self.median(total.map(Self.seconds).sorted())
        out += "\nload + index:  \(Self.rate(Double(dataBytes + predictionBytes) / 1_000_000, loadMedian)) MB/s (median)\n"
        out += "parse + score: \(Self.rate(Double(cases), scoreMedian)) cases/s (median)\n"
        out += "all phases:    \(Self.rate(Double(cases), totalMedian)) cases/s (median)\n"
        return out
    }

    static func seconds(_ d: Duration) -> Double { d.inSeconds }

    /// The median of sorted values (0 for none).
    static func median(_ sorted: [Double]) -> Double {
        let n = sorted.count
        guard n > 0 else { return 0 }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    static func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }

    static func rate(_ amount: Double, _ seconds: Double) -> String {
        seconds > 0 ? String(format: "%.0f", amount / seconds) : "n/a"
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func lpad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    static func fileSize(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    public var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
