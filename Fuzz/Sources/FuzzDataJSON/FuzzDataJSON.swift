import Evaluator
import Foundation
import FuzzDriver

/// One input: a whole `data.json`. It is read as a JSON document and indexed as a split; every
/// case it yields (up to 64) is decoded in full and scored against a fixed prediction.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDataJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    _ = try? JSONReader.parse(bytes)
    guard (try? SplitData.index(bytes, split: "test_trained_user", file: "fuzz/data.json")) != nil else { return 0 }
    // Indexed: read it back through the file reader too, and decode each case in full.
    let url = fuzzScratch.appendingPathComponent("data.json")
    guard (try? Data(bytes).write(to: url)) != nil, let split = try? SplitData.load(name: "test_trained_user", url: url)
    else { return 0 }
    for c in split.cases.prefix(64) {
        _ = split.fullCase(c)
        _ = Scorer.verdict(for: c, line: .text("Amazon:[search(q='shoes', pay='apple pay', n=2)]"))
    }
    return 0
}

@_cdecl("FuzzDataJSON_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzDataJSON)
}
