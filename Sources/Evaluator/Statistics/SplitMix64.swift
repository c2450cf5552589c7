// MARK: - SplitMix64

/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny 64-bit generator, written out here so that a
/// seed gives the same numbers on every machine and Swift version (the standard library's
/// generator is not seedable).
///
/// Each step adds 0x9E3779B97F4A7C15 to the state and mixes it:
/// `z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) * 0x94D049BB133111EB; z ^ (z >> 31)`.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The state: the seed plus the golden-ratio increment times the numbers drawn.
    public private(set) var state: UInt64

    /// A generator starting at `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<`bound` (`bound` > 0): the high word of next() × bound (Lemire's
    /// multiply-shift, without the rejection step; its bias is below bound / 2⁶⁴).
    public mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}
