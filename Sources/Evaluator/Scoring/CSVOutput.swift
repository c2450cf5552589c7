import Foundation

// MARK: - CSVOutput

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
            } catch {
                throw InputError(file: url.path, "cannot write: \(error.localizedDescription)")
            }
            // Written in place, as Python's open(..., 'w') does (an atomic write costs an fsync per file).
            try FileBytes.write(Array(text.utf8), to: url)
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
