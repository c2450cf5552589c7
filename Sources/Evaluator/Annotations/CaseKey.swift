// MARK: - CaseKey

/// Identifies a case across runs: its split, its position, and a hash of its original bytes.
public struct CaseKey: Sendable, Hashable, CustomStringConvertible {
    public var split: String
    public var index: Int
    /// FNV-1a 64 of the case object's bytes in `data.json`, as 16 lowercase hex digits.
    public var hash: String

    public init(split: String, index: Int, hash: String) {
        self.split = split
        self.index = index
        self.hash = hash
    }

    /// The key of `c`, hashing its bytes in `split`.
    public static func of(_ c: BenchmarkCase, in split: SplitData) -> CaseKey {
        CaseKey(split: split.name, index: c.index, hash: hash(split.bytes, c.byteRange))
    }

    /// FNV-1a 64 of `bytes[range]` in hex.
    static func hash(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for k in range where k < buffer.count { h = (h ^ UInt64(buffer[k])) &* 0x100_0000_01b3 }
        }
        let digits = String(h, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// `test_trained_user #12`.
    public var description: String { "\(split) #\(index)" }
}
