import Foundation

// MARK: - Per-case records of a sample set

extension SampleSetScore {
    /// One sample's `--per-case` records (`lines`, one JSON object a line, the cases in id order)
    /// with three members added to each: `sample` (N of `sample-N`), `samples_passed` and
    /// `samples` (the case's counts over the whole set).
    public func perCaseJSONLines(_ lines: String, sample: Int) -> String {
        var out = ""
        var id = 0
        for line in lines.split(separator: "\n", omittingEmptySubsequences: true) {
            guard line.hasSuffix("}"), line.count > 2 else {
                out += line + "\n"
                continue
            }
            let t = tally(id)
            let members = [
                ("sample", String(sample)), ("samples_passed", t.map { String($0.passed) } ?? "null"),
                ("samples", t.map { String($0.samples) } ?? "null"),
            ]
            out += line.dropLast() + ", " + JSONText.object(members).dropFirst() + "\n"
            id += 1
        }
        return out
    }

    /// Writes `text` (every sample's records) to `path` atomically; the error names `path` as given.
    public static func writePerCase(_ text: String, toPath path: String) throws(InputError) {
        try ScoreReport.write(text, toPath: path)
    }
}
