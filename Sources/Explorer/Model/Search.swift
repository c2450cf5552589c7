import Evaluator

// MARK: - Search

/// Case-insensitive search through every text of a case: the query, the profile, tools and
/// answer (the case's JSON as stored), and the model's raw prediction.
public enum Search {
    /// The ids of the cases of `data` containing `needle`, in order. Runs off the input loop.
    public static func run(_ needle: String, in data: ExplorerData, cancelled: (() -> Bool)? = nil) -> [Int] {
        let forms = patterns(needle)
        guard !forms.isEmpty else { return [] }
        var out: [Int] = []
        for entry in data.cases {
            if entry.id & 1023 == 0, cancelled?() == true { return [] }
            if matches(entry, forms, data) { out.append(entry.id) }
        }
        return out
    }

    /// Whether a text contains `needle`, ignoring case (what the views highlight).
    public static func ranges(of needle: String, in text: String) -> [Range<String.Index>] {
        guard !needle.isEmpty else { return [] }
        var out: [Range<String.Index>] = []
        var start = text.startIndex
        while start < text.endIndex, let r = text.range(of: needle, options: [.caseInsensitive], range: start..<text.endIndex) {
            out.append(r)
            start = r.upperBound
        }
        return out
    }

    /// The byte patterns to look for: the lowercased UTF-8 text, and its JSON `\uXXXX` escaped form
    /// when it is not ASCII (data files may escape non-ASCII characters).
    static func patterns(_ needle: String) -> [[UInt8]] {
        let lower = needle.lowercased()
        guard !lower.isEmpty else { return [] }
        var forms = [Array(lower.utf8)]
        if lower.unicodeScalars.contains(where: { !$0.isASCII }) {
            var escaped = ""
            for unit in lower.utf16 {
                if unit < 0x80 {
                    escaped.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
                } else {
                    let hex = String(unit, radix: 16)
                    escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
            forms.append(Array(escaped.utf8))
        }
        return forms
    }

    static func matches(_ entry: CaseEntry, _ forms: [[UInt8]], _ data: ExplorerData) -> Bool {
        let split = data.split(of: entry)
        let range = split.cases[entry.index].byteRange
        let hit = split.bytes.withUnsafeBufferPointer { buffer in
            forms.contains { contains(UnsafeBufferPointer(rebasing: buffer[range]), $0) }
        }
        if hit { return true }
        if case .text(let text)? = data.predictionLine(entry) {
            return text.utf8.withContiguousStorageIfAvailable { contains($0, forms[0]) }
                ?? text.lowercased().contains(String(decoding: forms[0], as: UTF8.self))
        }
        return false
    }

    /// ASCII-case-insensitive byte search (non-ASCII bytes compare exactly).
    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n > 0, hay.count >= n else { return n == 0 }
        let first = needle[0]
        let firstUpper = (first >= 0x61 && first <= 0x7A) ? first - 0x20 : first
        var i = 0
        let last = hay.count - n
        while i <= last {
            let b = hay[i]
            if b == first || b == firstUpper {
                var k = 1
                while k < n {
                    var c = hay[i + k]
                    if c >= 0x41 && c <= 0x5A { c += 0x20 }
                    if c != needle[k] { break }
                    k += 1
                }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }
}
