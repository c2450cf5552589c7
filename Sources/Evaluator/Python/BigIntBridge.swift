import BigInt

/// Conversions between `Double` and `BigInt` kept in one place.
enum BigIntBridge {
    /// The exact integer value of an integral, finite `d`.
    static func fromDouble(_ d: Double) -> BigInt {
        BigInt(exactly: d) ?? BigInt(d)
    }
}
