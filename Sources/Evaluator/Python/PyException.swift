// MARK: - PyException

/// A Python exception the reference would raise (`TypeError: ...`).
public struct PyException: Error, Sendable, Equatable, CustomStringConvertible {
    public let type: String
    public let message: String

    public init(_ type: String, _ message: String) {
        self.type = type
        self.message = message
    }

    public var description: String { "\(type): \(message)" }
}
