import Evaluator
import Foundation

// MARK: - Search

/// Search through the texts of every case, ignoring case for all of Unicode (Foundation's case
/// folding: `ÉCOLE` finds `école`, `STRASSE` finds `straße`, a final sigma is a sigma).
///
/// A query is `[SCOPE:]…[re:]TEXT` (``Query``): scopes limit where it looks (the query, the raw
/// prediction, the gold answer, the user profile, the tools and platforms), `re:` makes TEXT a
/// regular expression. Without a scope it looks in the case's whole JSON and the prediction.
public enum Search {
    /// The ids of the cases of `data` that `text` (a ``Query``) finds, in order; none for a query
    /// that cannot be read. Runs off the input loop.
    public static func run(_ text: String, in data: ExplorerData, cancelled: (() -> Bool)? = nil) -> [Int] {
        guard let query = try? Query.parse(text), let matcher = try? Matcher(query) else { return [] }
        var out: [Int] = []
        for entry in data.cases {
            if entry.id & 1023 == 0, cancelled?() == true { return [] }
            if matcher.matches(entry, data) { out.append(entry.id) }
        }
        return out
    }

    /// Where `text` holds what the search `query` looks for (what the views highlight), ignoring case.
    public static func ranges(of query: String, in text: String) -> [Range<String.Index>] {
        guard let q = try? Query.parse(query), !q.pattern.isEmpty else { return [] }
        if q.isRegex {
            guard let regex = try? Regex(q.pattern).ignoresCase() else { return [] }
            return text.ranges(of: regex).filter { !$0.isEmpty }
        }
        var out: [Range<String.Index>] = []
        var start = text.startIndex
        while start < text.endIndex,
            let r = text.range(of: q.pattern, options: [.caseInsensitive], range: start..<text.endIndex)
        {
            out.append(r)
            start = r.upperBound
        }
        return out
    }

    // MARK: - Query

    /// A search as typed: `[SCOPE:]…[re:]TEXT`.
    ///
    /// Scope prefixes come first, any number of them (`query:pred:Müller` looks in both); `re:`
    /// ends the prefixes (everything after it is the pattern, so `re:query:` finds the text
    /// `query:`). No scope: everywhere.
    public struct Query: Sendable, Equatable {
        /// Where a search looks.
        public enum Scope: String, Sendable, CaseIterable {
            /// The case's `query` text.
            case query
            /// The model's raw prediction line.
            case pred
            /// The gold `answer` (as `json.dumps` writes it).
            case gold
            /// The `user_profile` (its JSON text).
            case profile
            /// The `tools` and `platforms` (their JSON text).
            case tools
        }

        /// The scopes named (empty: everywhere).
        public var scopes: [Scope]
        /// What to look for: a text, or a regular expression with ``isRegex``.
        public var pattern: String
        public var isRegex: Bool

        /// The prefixes a search can start with (for completion).
        public static let prefixes = Scope.allCases.map { $0.rawValue + ":" } + ["re:"]

        /// Reads a search as typed.
        public static func parse(_ text: String) throws(Failure) -> Query {
            var rest = Substring(text)
            var scopes: [Scope] = []
            var isRegex = false
            prefixes: while let colon = rest.firstIndex(of: ":") {
                let word = rest[..<colon]
                if word == "re" {
                    isRegex = true
                    rest = rest[rest.index(after: colon)...]
                    break prefixes
                }
                guard let scope = Scope(rawValue: String(word)) else { break }
                if !scopes.contains(scope) { scopes.append(scope) }
                rest = rest[rest.index(after: colon)...]
            }
            let pattern = String(rest)
            if pattern.isEmpty, !scopes.isEmpty || isRegex {
                throw Failure("nothing to search for after “\(text)” (type the text after the prefixes)")
            }
            if isRegex { _ = try compile(pattern) }
            return Query(scopes: scopes, pattern: pattern, isRegex: isRegex)
        }

        /// The case-insensitive regular expression `pattern`, or where and why it cannot be read.
        static func compile(_ pattern: String) throws(Failure) -> Regex<AnyRegexOutput> {
            do {
                return try Regex(pattern).ignoresCase()
            } catch {
                // Where it fails: after the longest beginning of the pattern that can be read.
                let chars = Array(pattern)
                var good = 0
                for n in stride(from: chars.count - 1, through: 0, by: -1) where (try? Regex(String(chars[..<n]))) != nil {
                    good = n
                    break
                }
                let context = String(chars[..<good].suffix(20))
                throw Failure(
                    "re: cannot read the regular expression at character \(good + 1)"
                        + (good > 0 ? " (after “\(context)”)" : "") + ": \(error)")
            }
        }
    }

    /// Why a search cannot be read.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: - Matching

    /// A query ready to test cases with.
    struct Matcher {
        let query: Query
        let regex: Regex<AnyRegexOutput>?
        /// The pattern case-folded, as UTF-8 (the fast byte search's needle).
        let folded: [UInt8]
        /// Whether the folded pattern is ASCII (then only a few other characters can match it).
        let asciiNeedle: Bool

        init(_ query: Query) throws(Failure) {
            self.query = query
            regex = query.isRegex ? try Query.compile(query.pattern) : nil
            let f = query.pattern.folding(options: [.caseInsensitive], locale: nil)
            folded = Array(f.utf8)
            asciiNeedle = folded.allSatisfy { $0 < 0x80 }
        }

        func matches(_ entry: CaseEntry, _ data: ExplorerData) -> Bool {
            let split = data.split(of: entry)
            let c = split.cases[entry.index]
            if query.scopes.isEmpty {
                return bytes(split.bytes, c.byteRange) || prediction(entry, data)
            }
            for scope in query.scopes {
                switch scope {
                case .query: if let q = c.query, text(q) { return true }
                case .pred: if prediction(entry, data) { return true }
                case .gold: if text(c.answer.dumps) { return true }
                case .profile: if let r = c.rawRanges["user_profile"], bytes(split.bytes, r) { return true }
                case .tools:
                    for key in ["tools", "platforms"] {
                        if let r = c.rawRanges[key], bytes(split.bytes, r) { return true }
                    }
                }
            }
            return false
        }

        func prediction(_ entry: CaseEntry, _ data: ExplorerData) -> Bool {
            if case .text(let t)? = data.predictionLine(entry) { return text(t) }
            return false
        }

        /// Whether a text (decoded) matches.
        func text(_ t: String) -> Bool {
            if let regex { return t.contains(regex) }
            var utf8Text = t
            return utf8Text.withUTF8 { utf8 in
                switch Search.scan(utf8, folded, asciiNeedle: asciiNeedle) {
                case .hit: return true
                case .miss: return false
                case .escaped, .many: return t.range(of: query.pattern, options: [.caseInsensitive]) != nil
                case .near(let positions): return windows(utf8, positions)
                }
            }
        }

        /// Whether JSON text (`range` of `all`) matches; `\uXXXX` escapes are read as their characters.
        func bytes(_ all: [UInt8], _ range: Range<Int>) -> Bool {
            if let regex { return Search.unescaped(all[range]).contains(regex) }
            return all.withUnsafeBufferPointer { buffer in
                let hay = UnsafeBufferPointer(rebasing: buffer[range])
                switch Search.scan(hay, folded, asciiNeedle: asciiNeedle) {
                case .hit: return true
                case .miss: return false
                case .escaped, .many:
                    return Search.unescaped(all[range]).range(of: query.pattern, options: [.caseInsensitive]) != nil
                case .near(let positions): return windows(hay, positions)
                }
            }
        }

        /// Whether the pattern is found, ignoring case the Unicode way, in the text around one of
        /// `positions` (characters only a Unicode comparison can match): a match that holds such a
        /// character lies within as many characters of it as the folded pattern has, each at most
        /// 4 bytes.
        func windows(_ hay: UnsafeBufferPointer<UInt8>, _ positions: [Int]) -> Bool {
            let reach = 4 * (folded.count + 1)
            var covered = -1
            for p in positions where p + reach > covered {
                var start = max(0, p - reach)
                while start < p && hay[start] & 0xC0 == 0x80 { start += 1 }
                var end = min(hay.count, p + reach)
                while end < hay.count && hay[end] & 0xC0 == 0x80 { end += 1 }
                let window = String(decoding: UnsafeBufferPointer(rebasing: hay[start..<end]), as: UTF8.self)
                if window.range(of: query.pattern, options: [.caseInsensitive]) != nil { return true }
                covered = end
            }
            return false
        }
    }

    /// What ``scan(_:_:asciiNeedle:)`` found.
    enum Scan: Equatable {
        /// The needle, ignoring ASCII case.
        case hit
        /// Not the needle, and nothing only a Unicode comparison could match.
        case miss
        /// Not the needle, but characters a Unicode comparison might match it at (byte offsets).
        case near([Int])
        /// So many such characters that comparing the whole text is cheaper.
        case many
        /// A `\u` escape: the text must be read as JSON first.
        case escaped
    }

    /// The most positions ``Scan/near(_:)`` lists.
    static let nearLimit = 32

    /// Searches `hay` for `needle` (folded UTF-8) ignoring ASCII case; on a miss, says where only a
    /// Unicode comparison could match: at a `\u` escape, or a character that changes when
    /// case-folded (for an ASCII needle, only one that folds to ASCII letters: `ß`, `ẞ`, `ſ`, the
    /// Kelvin sign, `İ`, the `ﬀ`…`ﬆ` ligatures) or a combining mark.
    static func scan(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], asciiNeedle: Bool) -> Scan {
        let n = needle.count
        guard n > 0 else { return .hit }
        let first = needle[0]
        let firstUpper = (first >= 0x61 && first <= 0x7A) ? first - 0x20 : first
        var near: [Int] = []
        var escaped = false
        var i = 0
        let count = hay.count
        while i < count {
            let b = hay[i]
            if b >= 0xC0 || b == 0x5C {
                if b == 0x5C {
                    if i + 1 < count && hay[i + 1] == UInt8(ascii: "u") { escaped = true }
                } else if near.count <= nearLimit, special(hay, i, asciiNeedle: asciiNeedle) {
                    near.append(i)
                }
            }
            if b == first || b == firstUpper {
                if i + n <= count {
                    var k = 1
                    while k < n {
                        var c = hay[i + k]
                        if c >= 0x41 && c <= 0x5A { c += 0x20 }
                        if c != needle[k] { break }
                        k += 1
                    }
                    if k == n { return .hit }
                }
            }
            i += 1
        }
        if escaped { return .escaped }
        if near.isEmpty { return .miss }
        return near.count > nearLimit ? .many : .near(near)
    }

    /// Whether the character starting at `i` (a UTF-8 lead byte) needs the Unicode comparison.
    static func special(_ hay: UnsafeBufferPointer<UInt8>, _ i: Int, asciiNeedle: Bool) -> Bool {
        let b = hay[i]
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        guard i + length <= hay.count else { return false }
        var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length { value = value << 6 | (UInt32(hay[i + k]) & 0x3F) }
        guard let scalar = Unicode.Scalar(value) else { return false }
        if scalar.properties.canonicalCombiningClass != .notReordered { return true }
        if asciiNeedle {
            return [0xDF, 0x1E9E, 0x17F, 0x212A, 0x130].contains(value) || (0xFB00...0xFB06).contains(value)
        }
        return scalar.properties.changesWhenCaseFolded
    }

    /// JSON text with its `\uXXXX` escapes (surrogate pairs too) read as the characters they name;
    /// other escapes are kept as written.
    static func unescaped(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.contains(UInt8(ascii: "\\")), text.contains("\\u") else { return text }
        var out = String.UnicodeScalarView()
        var units: [UInt16] = []
        var scalars = Array(text.unicodeScalars)[...]
        func flush() {
            guard !units.isEmpty else { return }
            for s in String(decoding: units, as: UTF16.self).unicodeScalars { out.append(s) }
            units.removeAll()
        }
        while let s = scalars.first {
            if s == "\\", scalars.count >= 6, scalars[scalars.index(after: scalars.startIndex)] == "u",
                let unit = UInt16(String(String.UnicodeScalarView(scalars.dropFirst(2).prefix(4))), radix: 16)
            {
                units.append(unit)
                scalars = scalars.dropFirst(6)
                continue
            }
            flush()
            if s == "\\", scalars.count >= 2 {
                out.append(s)
                out.append(scalars[scalars.index(after: scalars.startIndex)])
                scalars = scalars.dropFirst(2)
                continue
            }
            out.append(s)
            scalars = scalars.dropFirst()
        }
        flush()
        return String(out)
    }
}
