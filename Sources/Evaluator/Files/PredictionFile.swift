import Foundation

// MARK: - PredictionFile

/// A split's `generation.jsonl`.
public struct PredictionFile: Sendable {
    public let url: URL
    public let lines: [PredictionLine]
    public let warnings: [InputWarning]

    /// Reads `url`, splitting lines as Python's text mode does (`\n`, `\r\n`, `\r`).
    public static func load(url: URL) throws(InputError) -> PredictionFile {
        let bytes = try FileBytes.read(url)
        return parse(bytes, file: url.path, url: url)
    }

    public static func parse(_ bytes: [UInt8], file: String, url: URL) -> PredictionFile {
        var lines: [PredictionLine] = []
        var warnings: [InputWarning] = []
        let encoding = TextEncoding.detect(bytes)
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            var k = 0
            var lineNumber = 0
            func finish(_ end: Int) {
                lineNumber += 1
                let slice = UnsafeBufferPointer(rebasing: buffer[start..<end])
                var entry = readLine(slice)
                // What made the line unusable, said as what it is (the line is unusable all the same).
                if case .unusable = entry, let encoding {
                    entry = .unusable(encoding.problem)
                } else if case .unusable = entry, lineNumber == 1, slice.starts(with: TextEncoding.utf8ByteOrderMark) {
                    entry = .unusable(
                        "the line starts with a UTF-8 byte order mark (EF BB BF), "
                            + "which Python's json.loads refuses (\"Unexpected UTF-8 BOM\")")
                }
                if case .unusable(let why) = entry {
                    warnings.append(
                        InputWarning(
                            file: file, line: lineNumber,
                            "\(why); the case on this line counts as a format failure (PTBench's scorer would stop here)"))
                }
                lines.append(entry)
            }
            while k < buffer.count {
                let c = buffer[k]
                if c == 0x0A {
                    finish(k)
                    k += 1
                    start = k
                } else if c == 0x0D {
                    finish(k)
                    k += (k + 1 < buffer.count && buffer[k + 1] == 0x0A) ? 2 : 1
                    start = k
                } else {
                    k += 1
                }
            }
            if start < buffer.count { finish(buffer.count) }
        }
        return PredictionFile(url: url, lines: lines, warnings: warnings)
    }

    static func readLine(_ slice: UnsafeBufferPointer<UInt8>) -> PredictionLine {
        if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .unusable("blank line") }
        var reader = JSONReader(bytes: slice)
        do {
            reader.skipWhitespace()
            guard reader.peek() == UInt8(ascii: "{") else {
                _ = try reader.readValue()
                try reader.expectEnd()
                return .unusable("expected a JSON object with \"predict\"")
            }
            // Read member by member: only `predict` is built.
            reader.position += 1
            var predict: JSONValue?
            reader.skipWhitespace()
            if reader.peek() == UInt8(ascii: "}") {
                reader.position += 1
            } else {
                while true {
                    reader.skipWhitespace()
                    guard reader.peek() == UInt8(ascii: "\"") else {
                        throw reader.fail("Expecting property name enclosed in double quotes")
                    }
                    let key = try reader.readString()
                    try reader.expect(UInt8(ascii: ":"), "Expecting ':' delimiter")
                    if key == "predict" {
                        predict = try reader.readValue(depth: 1)
                    } else {
                        // Only `predict` is read; the rest is validated as Python's json.loads would.
                        try reader.skipValue(depth: 1)
                    }
                    reader.skipWhitespace()
                    guard let c = reader.peek() else { throw reader.fail("Expecting ',' delimiter") }
                    reader.position += 1
                    if c == UInt8(ascii: "}") { break }
                    if c != UInt8(ascii: ",") {
                        reader.position -= 1
                        throw reader.fail("Expecting ',' delimiter")
                    }
                }
            }
            try reader.expectEnd()
            guard let predict else { return .unusable("no \"predict\" key") }
            if case .string(let s) = predict {
                // Python cannot encode a text with a lone surrogate to parse it (shown with its escape).
                guard let text = s.text else { return .loneSurrogate(s.escaped) }
                return .text(text)
            }
            return .notText(predict)
        } catch let error as JSONSyntaxError {
            return .unusable("malformed JSON at column \(error.offset + 1): \(error.message)")
        } catch {
            return .unusable("\(error)")
        }
    }
}
