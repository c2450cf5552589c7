import Evaluator
import Foundation
import FuzzDriver

/// One input: a whole annotations journal. It is read, replayed over the fixture (as written, and
/// with each entry's case hash set to the real one so that replay reaches the edits), and then
/// opened for writing and appended to, as the next edit in the explorer would.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJournal(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let url = fuzzScratch.appendingPathComponent("journal.jsonl")
    guard (try? Data(fuzzBytes(data, size)).write(to: url)) != nil else { return 0 }
    guard let journal = try? Journal.load(url) else { return 0 }
    var entries = journal.entries
    _ = Annotations.replay(entries, over: fuzzBenchmark)
    for k in entries.indices {
        if let split = fuzzBenchmark.splits.first, let c = split.cases.first(where: { $0.index == entries[k].key.index }) {
            entries[k].key = CaseKey.of(c, in: split)
        }
    }
    let annotations = Annotations.replay(entries, over: fuzzBenchmark)
    _ = annotations.undoStep()
    _ = annotations.redoStep()
    _ = annotations.correctedBenchmark(fuzzBenchmark)
    if let writable = try? Journal.open(url, readOnlyIfLocked: true), let split = fuzzBenchmark.splits.first,
        let c = split.cases.first
    {
        _ = try? writable.append(kind: .setStatus, key: CaseKey.of(c, in: split), status: .confirmed, author: "fuzz")
        writable.close()
    }
    return 0
}

/// The fixture as a benchmark (no predictions).
let fuzzBenchmark: Benchmark = {
    do { return try Benchmark.load(data: fuzzDataRoot, predictions: nil) } catch {
        fatalError("the fuzz fixture does not load: \(error)")
    }
}()

@_cdecl("FuzzJournal_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzJournal)
}
