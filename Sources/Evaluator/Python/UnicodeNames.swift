// MARK: - UnicodeNames

/// The character a `\N{NAME}` escape names, resolved as CPython 3.11 resolves it.
///
/// Names and aliases (NameAliases of Unicode 14.0.0) match with ASCII-only case folding, so a
/// name holding a non-ASCII letter never matches. The computed names (`CJK UNIFIED
/// IDEOGRAPH-XXXX` with four or five upper-case hex digits, `HANGUL SYLLABLE ...`) match only as
/// spelled in upper case. Named sequences are not characters and never match.
enum UnicodeNames {
    /// The character called `name`, or nil when Python 3.11 knows no character by that name.
    static func lookup(_ name: String) -> Unicode.Scalar? {
        let bytes = Array(name.utf8)
        if let computed = computed(bytes) { return computed }
        var key: [UInt8] = []
        key.reserveCapacity(bytes.count)
        for b in bytes {
            guard b < 0x80 else { return nil }
            key.append(b >= 0x61 && b <= 0x7A ? b - 0x20 : b)
        }
        return UnicodeTables.names.withUTF8Buffer { table in find(key, in: table) }
    }

    // MARK: Computed names

    static let cjkPrefix = Array("CJK UNIFIED IDEOGRAPH-".utf8)
    static let hangulPrefix = Array("HANGUL SYLLABLE ".utf8)
    static let leading = ["G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"]
    static let vowels = [
        "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU",
        "YI", "I",
    ]
    static let trailing = [
        "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S",
        "SS", "NG", "J", "C", "K", "T", "P", "H",
    ]

    /// A CJK unified ideograph or Hangul syllable named by its computed name.
    static func computed(_ bytes: [UInt8]) -> Unicode.Scalar? {
        if bytes.starts(with: cjkPrefix) {
            let digits = bytes[cjkPrefix.count...]
            guard digits.count == 4 || digits.count == 5 else { return nil }
            var v: UInt32 = 0
            for d in digits {
                switch d {
                case 0x30...0x39: v = v * 16 + UInt32(d - 0x30)
                case 0x41...0x46: v = v * 16 + UInt32(d - 0x41 + 10)
                default: return nil
                }
            }
            return inRanges(v, UnicodeTables.cjkUnified) ? Unicode.Scalar(v) : nil
        }
        guard bytes.starts(with: hangulPrefix) else { return nil }
        var rest = bytes[hangulPrefix.count...]
        // Each part is the longest jamo spelling that the rest starts with.
        func part(_ spellings: [String]) -> Int? {
            var best: Int?
            var bestLength = -1
            for (k, spelling) in spellings.enumerated() where spelling.utf8.count > bestLength {
                if rest.starts(with: spelling.utf8) {
                    best = k
                    bestLength = spelling.utf8.count
                }
            }
            if let best { rest = rest.dropFirst(spellings[best].utf8.count) }
            return best
        }
        guard let l = part(leading), let v = part(vowels), let t = part(trailing), rest.isEmpty else { return nil }
        return Unicode.Scalar(UInt32(0xAC00 + (l * vowels.count + v) * trailing.count + t))
    }

    // MARK: The name table

    /// The code point of `key` (an upper-case ASCII name) in the front-coded `table`.
    ///
    /// A line whose prefix byte is 0x21 holds a whole name (at least every 16th line does): a
    /// binary search over the byte offsets of those lines finds the last one not after `key`,
    /// then the lines after it are decoded until the next such line. Nothing is built first.
    static func find(_ key: [UInt8], in table: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        // The first line holding a whole name at or after byte `p`, or `table.count`.
        func wholeLine(atOrAfter p: Int) -> Int {
            var q = p
            if q > 0 && table[q - 1] != 0x0A {
                while q < table.count && table[q] != 0x0A { q += 1 }
                q += 1
            }
            while q < table.count && table[q] != 0x21 {
                while q < table.count && table[q] != 0x0A { q += 1 }
                q += 1
            }
            return min(q, table.count)
        }
        // Invariant: `low` starts a whole name not after `key` (or is 0); every whole name at or
        // after `high` sorts after `key`.
        var low = 0
        var high = table.count
        while high - low > 1 {
            let mid = (low + high) / 2
            let line = wholeLine(atOrAfter: mid)
            if line >= high {
                high = mid
            } else if compareWholeName(at: line, in: table, with: key) <= 0 {
                low = line
            } else {
                high = line
            }
        }
        var name: [UInt8] = []
        var p = low
        while p < table.count {
            let shared = Int(table[p]) - 0x21
            if p != low && shared == 0 { break }
            p += 1
            name.removeSubrange(min(shared, name.count)...)
            while table[p] != 0x3B {
                name.append(table[p])
                p += 1
            }
            p += 1
            var code: UInt32 = 0
            while p < table.count && table[p] != 0x0A {
                let d = table[p]
                code = code &* 16 &+ UInt32(d <= 0x39 ? d &- 0x30 : d &- 0x41 &+ 10)
                p += 1
            }
            p += 1
            if name == key { return Unicode.Scalar(code) }
        }
        return nil
    }

    /// The order of the whole name on the line at `offset` relative to `key`.
    static func compareWholeName(at offset: Int, in table: UnsafeBufferPointer<UInt8>, with key: [UInt8]) -> Int {
        var p = offset + 1
        var k = 0
        while table[p] != 0x3B {
            if k == key.count { return 1 }
            if table[p] != key[k] { return table[p] < key[k] ? -1 : 1 }
            p += 1
            k += 1
        }
        return k == key.count ? 0 : -1
    }

    /// Whether `v` lies in one of the sorted `ranges`.
    static func inRanges(_ v: UInt32, _ ranges: [ClosedRange<UInt32>]) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound < v { low = mid + 1 } else { high = mid }
        }
        return low < ranges.count && ranges[low].contains(v)
    }
}
