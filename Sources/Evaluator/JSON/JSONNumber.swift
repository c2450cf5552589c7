// MARK: - JSONNumber

/// A JSON number as written in the source.
public struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    /// The exact source text (`-12`, `3.50`, `1e400`, `NaN`, `-Infinity`).
    public let text: String

    public init(text: String) { self.text = text }

    /// Whether Python's `json` module reads this as an `int` (no fraction, no exponent).
    public var isInteger: Bool {
        !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
            && text != "NaN" && text != "Infinity" && text != "-Infinity"
    }

    /// The value as a `Double` (Python's `float(text)`).
    public var doubleValue: Double {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(text) ?? .nan
        }
    }

    public var description: String { text }
}
