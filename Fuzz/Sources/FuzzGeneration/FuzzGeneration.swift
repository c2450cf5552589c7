import Evaluator
import FuzzDriver

/// One input: a whole `generation.jsonl`. Each line (up to 64) is scored as the prediction of the
/// fixture's cases, in turn.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeneration(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let file = PredictionFile.parse(
        fuzzBytes(data, size), file: "fuzz/generation.jsonl", url: fuzzScratch.appendingPathComponent("generation.jsonl"))
    for (k, line) in file.lines.prefix(64).enumerated() {
        _ = Scorer.verdict(for: fuzzCases[k % fuzzCases.count], line: line)
    }
    return 0
}

@_cdecl("FuzzGeneration_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzGeneration)
}
