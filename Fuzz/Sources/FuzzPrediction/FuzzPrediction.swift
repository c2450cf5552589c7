import Evaluator
import FuzzDriver

/// One input: the text of a `predict` field. It is parsed in both formats, with and without the
/// lenient reading, scored against the fixture's cases and laid out as a call diff.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPrediction(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = fuzzText(data, size)
    for options in [Scorer.Options(), Scorer.Options(format: .json), Scorer.Options(lenient: true)] {
        for c in fuzzCases {
            let verdict = Scorer.verdict(for: c, line: .text(text), options: options)
            _ = CallDiff.build(
                answer: PyValue(json: c.answer), queryParams: PyValue(json: c.queryParams),
                profileParams: PyValue(json: c.profileParams), verdict: verdict)
        }
    }
    return 0
}

@_cdecl("FuzzPrediction_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzPrediction)
}
