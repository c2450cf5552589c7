import Foundation

// MARK: - TextEncoding

/// Text that is not UTF-8, recognized from its first bytes (as Python's `json.detect_encoding`
/// does), so that a message can name it instead of the first byte that failed to parse.
struct TextEncoding: Equatable, CustomStringConvertible {
    /// "UTF-16LE", "UTF-32BE", ...
    let name: String
    let byteOrderMark: [UInt8]?

    static let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The UTF-16 or UTF-32 encoding `bytes` start in; nil for UTF-8 (with or without a byte order
    /// mark) and for anything else.
    static func detect(_ bytes: [UInt8]) -> TextEncoding? {
        let p = Array(bytes.prefix(4))
        for (name, mark) in [
            ("UTF-32BE", [0x00, 0x00, 0xFE, 0xFF]), ("UTF-32LE", [0xFF, 0xFE, 0x00, 0x00]),
            ("UTF-16BE", [0xFE, 0xFF]), ("UTF-16LE", [0xFF, 0xFE]),
        ] as [(String, [UInt8])] where p.starts(with: mark) {
            return TextEncoding(name: name, byteOrderMark: mark)
        }
        // Without a mark: JSON text starts with an ASCII character, so the NUL bytes around it tell.
        if p.count == 4 && p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] != 0 {
            return TextEncoding(name: "UTF-32BE", byteOrderMark: nil)
        }
        if p.count == 4 && p[0] != 0 && p[1] == 0 && p[2] == 0 && p[3] == 0 {
            return TextEncoding(name: "UTF-32LE", byteOrderMark: nil)
        }
        if p.count >= 2 && p[0] == 0 && p[1] != 0 { return TextEncoding(name: "UTF-16BE", byteOrderMark: nil) }
        if p.count >= 2 && p[0] != 0 && p[1] == 0 { return TextEncoding(name: "UTF-16LE", byteOrderMark: nil) }
        return nil
    }

    /// "UTF-16LE text (byte order mark FF FE)".
    var description: String {
        let how = byteOrderMark.map { "byte order mark " + $0.map { String(format: "%02X", $0) }.joined(separator: " ") }
        return "\(name) text (\(how ?? "no byte order mark; told by its NUL bytes"))"
    }

    /// What the file is and what to do about it, for a message.
    var problem: String {
        // iconv's UTF-16 and UTF-32 read the byte order mark and drop it; without one, the name says the order.
        let from = byteOrderMark == nil ? name : String(name.dropLast(2))
        return "the file is \(description), not UTF-8 as PTBench reads it: convert it (iconv -f \(from) -t UTF-8)"
    }
}
