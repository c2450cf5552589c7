import Evaluator
import FuzzDriver

/// One input: a value typed after a `:` gold-edit command in the explorer (JSON or a Python literal).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEditValue(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? GoldEdits.parseValue(fuzzText(data, size))
    return 0
}

@_cdecl("FuzzEditValue_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzEditValue)
}
