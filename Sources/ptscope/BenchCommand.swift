import ArgumentParser
import Evaluator
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - bench

/// Times the scorer's phases in this process, on real files, with the same code `score` runs.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time loading, scoring and CSV writing in-process (default: the bundled sample).",
        discussion: """
            Each run loads and indexes DATA and PRED (Benchmark.load), parses and scores every case
            (Benchmark.score), and writes the CSV files to a temporary folder (CSVOutput.write), timing
            each phase. Prints the minimum, median and maximum of every phase over the runs, and cases
            per second. Process start-up is not included: time `ptscope score` as a whole for that.

            With --memory, every run also prints the resident memory (VmRSS) once the run's benchmark
            and report are freed, and the peak so far (VmHWM), from /proc/self/status: memory that
            grows from run to run is a leak (each run loads and scores afresh, as a reload does).
            """
    )

    @Argument(help: "A PTBench data root, a split folder, or a data.json (default: the bundled sample).")
    var data: String?

    @Argument(help: "A predictions root, a split folder, or a generation.jsonl (default: the bundled sample's first model).")
    var predictions: String?

    @Option(help: "How many times to run every phase.")
    var runs = 5

    @Flag(help: "Print resident memory (current and peak) after every run, with the run's data freed.")
    var memory = false

    @OptionGroup var input: InputOptions

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        if data != nil && predictions == nil { throw ValidationError("give PRED with DATA (or neither, for the bundled sample)") }
    }

    func run() throws {
        let dataURL: URL
        let predURL: URL
        if let data, let predictions {
            dataURL = URL(fileURLWithPath: data)
            predURL = URL(fileURLWithPath: predictions)
        } else {
            (dataURL, predURL) = try sampleInputs()
        }
        let options = Scorer.Options(format: input.format, lenient: input.lenient)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ptscope-bench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: scratch) }

        var load: [Duration] = []
        var score: [Duration] = []
        var csv: [Duration] = []
        var total: [Duration] = []
        var cases = 0
        var splits = 0
        var dataBytes = 0
        var predictionBytes = 0
        var formatOK = 0
        let clock = ContinuousClock()
        // One run per call, so everything it made is freed before memory is measured.
        func oneRun(_ run: Int) throws {
            let t0 = clock.now
            let bench = try loadBenchmark(dataURL, predURL)
            let t1 = clock.now
            let report = bench.score(options: options)
            let t2 = clock.now
            let out = scratch.appendingPathComponent("run\(run)")
            do { try CSVOutput.write(report, to: out) } catch {
                warn("ptscope: \(error)")
                throw ExitCode(2)
            }
            let t3 = clock.now
            load.append(t1 - t0)
            score.append(t2 - t1)
            csv.append(t3 - t2)
            total.append(t3 - t0)
            try? FileManager.default.removeItem(at: out)
            // What was measured, so the figures can be read against the input.
            cases = report.splits.reduce(0) { $0 + $1.caseCount }
            formatOK = report.splits.reduce(0) { $0 + $1.verdicts.reduce(0) { $0 + ($1.format ? 1 : 0) } }
            splits = bench.splits.count
            dataBytes = bench.splits.reduce(0) { $0 + $1.bytes.count }
            predictionBytes = bench.predictions.values.reduce(0) { total, file in total + fileSize(file.url) }
        }
        if memory { print("before run 1: \(Resident.measure())") }
        for run in 0..<runs {
            try oneRun(run)
            if memory { print("after run \(run + 1): \(Resident.measure())") }
        }
        if memory { print("") }

        let mb = { (bytes: Int) in String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        TerminalText.print("ptscope bench: \(dataURL.path)  \(predURL.path)")
        let cores = ProcessInfo.processInfo.activeProcessorCount
        TerminalText.print(
            "\(cases) cases in \(splits) split(s), \(formatOK) parsed; data \(mb(dataBytes)), "
                + "predictions \(mb(predictionBytes)); \(runs) run(s), \(cores) core(s)")
        TerminalText.print("")
        let rows: [(String, [Duration])] = [
            ("load + index", load), ("parse + score", score), ("CSV writing", csv), ("total", total),
        ]
        TerminalText.print(pad("phase", 16) + lpad("min", 11) + lpad("median", 11) + lpad("max", 11))
        for (name, times) in rows {
            let s = times.map(seconds).sorted()
            TerminalText.print(pad(name, 16) + lpad(ms(s.first!), 11) + lpad(ms(median(s)), 11) + lpad(ms(s.last!), 11))
        }
        TerminalText.print("")
        let loadMedian = median(load.map(seconds).sorted())
        let scoreMedian = median(score.map(seconds).sorted())
        let totalMedian = median(total.map(seconds).sorted())
        TerminalText.print("load + index:  \(rate(Double(dataBytes + predictionBytes) / 1_000_000, loadMedian)) MB/s (median)")
        TerminalText.print("parse + score: \(rate(Double(cases), scoreMedian)) cases/s (median)")
        TerminalText.print("all phases:    \(rate(Double(cases), totalMedian)) cases/s (median)")
    }

    func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    func median(_ sorted: [Double]) -> Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }

    func rate(_ amount: Double, _ seconds: Double) -> String {
        seconds > 0 ? String(format: "%.0f", amount / seconds) : "n/a"
    }

    func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
    func lpad(_ s: String, _ width: Int) -> String { s.count >= width ? s : String(repeating: " ", count: width - s.count) + s }

    func fileSize(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}

// MARK: - Resident memory

/// The process's resident memory, from `/proc/self/status` (Linux; elsewhere it says so).
enum Resident {
    /// Current and peak resident memory, before and after returning free heap pages to the system.
    static func measure() -> String {
        let before = read()
        // What stays resident after malloc_trim is what is still in use (or leaked), not free heap
        // pages the allocator kept. glibc's <malloc.h> is not in the Glibc module: looked up by name.
        if let trim = dlsym(nil, "malloc_trim") {
            _ = unsafeBitCast(trim, to: (@convention(c) (Int) -> Int32).self)(0)
        }
        let after = read()
        guard let before, let after else { return "resident memory unknown (no /proc/self/status)" }
        let mb = { (kb: Int) in String(format: "%.1f MB", Double(kb) / 1000) }
        return "resident \(mb(before.rss)) (\(mb(after.rss)) after malloc_trim), peak \(mb(after.peak))"
    }

    /// VmRSS and VmHWM in kB.
    static func read() -> (rss: Int, peak: Int)? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        func field(_ name: String) -> Int? {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return nil }
            return line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
        }
        guard let rss = field("VmRSS"), let peak = field("VmHWM") else { return nil }
        return (rss, peak)
    }
}
