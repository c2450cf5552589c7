import Evaluator
import FuzzDriver

/// One input: the text of a `predict` field. It is parsed in both formats, with and without the
/// lenient reading (whose steps must lie inside the text), scored against the fixture's cases
/// (the compact verdict and the diagnosis must agree) and laid out as a call diff.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPrediction(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = fuzzText(data, size)
    for format in PredictionParser.Format.allCases {
        if let reading = Lenient.read(text, format: format) {
            for step in reading.steps where step.range.lowerBound < 0 || step.range.upperBound > text.utf8.count {
                fatalError("a lenient step outside the text: \(step)")
            }
        }
    }
    for options in [Scorer.Options(), Scorer.Options(format: .json), Scorer.Options(lenient: true)] {
        for (k, c) in fuzzCases.enumerated() {
            let diagnosis = Scorer.diagnose(c, line: .text(text), options: options)
            // The compact verdict scored alone must be the diagnosis's (checked on one case: each
            // scoring parses the text again).
            if k == 0, Scorer.verdict(for: c, line: .text(text), options: options) != diagnosis.verdict {
                fatalError("the diagnosis's verdict differs from the verdict")
            }
            _ = CallDiff.build(
                answer: PyValue(json: c.answer), queryParams: PyValue(json: c.queryParams),
                profileParams: PyValue(json: c.profileParams), verdict: diagnosis)
        }
    }
    return 0
}

@_cdecl("FuzzPrediction_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzPrediction)
}
