import Evaluator
import Foundation

// MARK: - Driver

/// What libFuzzer calls once per input.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzCallback
) -> Int32

/// Runs libFuzzer over `callback` with the process's arguments (a target's entry point calls this).
///
/// SwiftPM links an executable's entry point as `<Target>_main`, which takes the place of the
/// `main` that `-sanitize=fuzzer` brings, so each target's entry hands its arguments on here.
public func runFuzzer(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, _ callback: FuzzCallback
) -> Int32 {
    var argc = argc
    var argv = argv
    return llvmFuzzerRunDriver(&argc, &argv, callback)
}

/// The input as text, invalid UTF-8 replaced as the file readers replace it.
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
}

/// The input as bytes.
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

// MARK: - Fixtures

/// A small, valid PTBench data.json: two cases with query and profile parameters, alternatives and numbers.
public let fuzzDataJSON = """
    [
    {"query": "Buy shoes with apple pay", "profile": {"name": "A", "pay": "apple pay"},
     "answer": ["Amazon", [{"search": {"q": ["shoes", "sneakers"], "pay": ["apple pay"], "n": [2, 2.5]}}]],
     "query_params": ["q", "n"], "profile_params": ["pay"], "tools": [], "scenario": "shopping"},
    {"query": "Two calls", "profile": {},
     "answer": ["Uber", [{"ride": {"to": ["home"]}}, {"pay": {"tip": [0.1, null, true]}}]],
     "query_params": ["to"], "profile_params": ["tip"], "tools": [], "scenario": "travel"}
    ]
    """

/// The fixture's cases, indexed once.
public let fuzzCases: [BenchmarkCase] = {
    do { return try SplitData.index(Array(fuzzDataJSON.utf8), split: "test_trained_user", file: "fuzz/data.json") } catch {
        fatalError("the fuzz fixture does not index: \(error)")
    }
}()

/// A folder holding the fixture as `test_trained_user/data.json`, made once per process.
public let fuzzDataRoot: URL = {
    let root = fuzzScratch.appendingPathComponent("data")
    let split = root.appendingPathComponent("test_trained_user")
    try? FileManager.default.createDirectory(at: split, withIntermediateDirectories: true)
    try? Data(fuzzDataJSON.utf8).write(to: split.appendingPathComponent("data.json"))
    return root
}()

/// A scratch folder of this process (in /dev/shm when there is one: files are written per input).
public let fuzzScratch: URL = {
    let url = URL(fileURLWithPath: fuzzScratchPath)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: fuzzScratchPath) }
    return url
}()

private let fuzzScratchPath: String = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return URL(fileURLWithPath: base).appendingPathComponent("ptscope-fuzz-\(getpid())").path
}()
