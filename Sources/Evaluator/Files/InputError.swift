import Foundation

// MARK: - InputError

/// Unusable input: names the file, the line and what was expected.
public struct InputError: Error, Sendable, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}

extension InputError {
    /// `text` from the data or the file system with its control characters (C0, DEL, C1) written
    /// as `\xNN`, so that a message never carries one raw to a terminal.
    static func escaped(_ text: String) -> String {
        func control(_ v: UInt32) -> Bool { v < 0x20 || (0x7F...0x9F).contains(v) }
        guard text.unicodeScalars.contains(where: { control($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if control(scalar.value) {
                out.append(contentsOf: String(format: "\\x%02x", scalar.value).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A byte quoted in a message: `'c'` for printable ASCII, `'\xNN'` for any other byte.
    static func quoted(byte b: UInt8) -> String {
        (0x20..<0x7F).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : String(format: "'\\x%02x'", b)
    }
}
