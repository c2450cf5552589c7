// MARK: - PyRepr

/// Python's `repr()` for the values a prediction can hold, and the helpers behind it.
public enum PyRepr {
    /// Python's `str.isprintable()` for one code point.
    public static func isPrintable(_ s: Unicode.Scalar) -> Bool {
        if s == " " { return true }
        if !PythonUnicode.known(s) { return false }
        switch s.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .spaceSeparator:
            return false
        default:
            return true
        }
    }

    static func hex(_ v: UInt32, _ width: Int) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }

    /// `repr(str)`.
    public static func string(_ s: String) -> String {
        string(s, quote: quote(for: s))
    }

    /// The quote `repr` puts around `s`: `"` when `s` holds a `'` and no `"`.
    static func quote(for s: String) -> Unicode.Scalar {
        let hasSingle = s.utf8.contains(UInt8(ascii: "'"))
        let hasDouble = s.utf8.contains(UInt8(ascii: "\""))
        return hasSingle && !hasDouble ? "\"" : "'"
    }

    /// `repr(str)` of a string that may hold lone surrogates (each printed as `\udXXX`, as Python does).
    public static func string(_ s: CodePointString) -> String {
        if let text = s.text { return string(text) }
        return string(s, quote: quote(for: s.escaped))
    }

    /// `s` escaped as `repr` does, between `quote`s.
    static func string(_ s: CodePointString, quote: Unicode.Scalar) -> String {
        if let text = s.text { return string(text, quote: quote) }
        var out = String(Character(quote))
        for point in s.points {
            if let c = Unicode.Scalar(point.value) {
                appendEscaped(c, quote: quote, to: &out)
            } else {
                out += "\\u" + hex(point.value, 4)
            }
        }
        out.unicodeScalars.append(quote)
        return out
    }

    /// `s` escaped as `repr` does, between `quote`s.
    static func string(_ s: String, quote: Unicode.Scalar) -> String {
        var out = String(Character(quote))
        for c in s.unicodeScalars { appendEscaped(c, quote: quote, to: &out) }
        out.unicodeScalars.append(quote)
        return out
    }

    /// One code point of a `str` as `repr` writes it.
    static func appendEscaped(_ c: Unicode.Scalar, quote: Unicode.Scalar, to out: inout String) {
        if c == quote || c == "\\" {
            out += "\\" + String(Character(c))
        } else if c == "\t" {
            out += "\\t"
        } else if c == "\n" {
            out += "\\n"
        } else if c == "\r" {
            out += "\\r"
        } else if c.value < 0x20 || c.value == 0x7F {
            out += "\\x" + hex(c.value, 2)
        } else if c.value < 0x7F {
            out.unicodeScalars.append(c)
        } else if isPrintable(c) {
            out.unicodeScalars.append(c)
        } else if c.value <= 0xFF {
            out += "\\x" + hex(c.value, 2)
        } else if c.value <= 0xFFFF {
            out += "\\u" + hex(c.value, 4)
        } else {
            out += "\\U" + hex(c.value, 8)
        }
    }

    /// `repr(bytes)`.
    public static func bytes(_ b: [UInt8]) -> String {
        let hasSingle = b.contains(0x27)
        let hasDouble = b.contains(0x22)
        let quote: UInt8 = hasSingle && !hasDouble ? 0x22 : 0x27
        var out = "b" + String(UnicodeScalar(quote))
        for c in b {
            if c == quote || c == 0x5C {
                out += "\\" + String(UnicodeScalar(c))
            } else if c == 0x09 {
                out += "\\t"
            } else if c == 0x0A {
                out += "\\n"
            } else if c == 0x0D {
                out += "\\r"
            } else if c < 0x20 || c >= 0x7F {
                out += "\\x" + hex(UInt32(c), 2)
            } else {
                out += String(UnicodeScalar(c))
            }
        }
        out += String(UnicodeScalar(quote))
        return out
    }

    /// `repr(float)`: the shortest round-trip digits in Python's layout (`1.0`, `1e-05`, `1e+16`).
    public static func float(_ d: Double) -> String {
        formatDouble(d, addDotZero: true, alwaysSign: false)
    }

    /// Python's `PyOS_double_to_string(d, 'r', 0, flags)`.
    static func formatDouble(_ d: Double, addDotZero: Bool, alwaysSign: Bool) -> String {
        let signText = d.sign == .minus ? "-" : (alwaysSign ? "+" : "")
        if d.isNaN { return (alwaysSign ? "+" : "") + "nan" }
        if d.isInfinite { return signText + "inf" }
        let (digits, decpt) = shortestDigits(abs(d))
        var body: String
        if decpt <= -4 || decpt > 16 {
            let exp = decpt - 1
            body = String(digits.first!)
            if digits.count > 1 { body += "." + digits.dropFirst() }
            body += "e" + (exp < 0 ? "-" : "+") + (abs(exp) < 10 ? "0" : "") + String(abs(exp))
        } else if decpt <= 0 {
            body = "0." + String(repeating: "0", count: -decpt) + digits
        } else if decpt < digits.count {
            let idx = digits.index(digits.startIndex, offsetBy: decpt)
            body = String(digits[..<idx]) + "." + String(digits[idx...])
        } else {
            body = digits + String(repeating: "0", count: decpt - digits.count)
            if addDotZero { body += ".0" }
        }
        return signText + body
    }

    /// The shortest round-trip decimal digits of a finite non-negative `d` and the position of
    /// the decimal point (`value = 0.DIGITS × 10^decpt`).
    static func shortestDigits(_ d: Double) -> (String, Int) {
        if d == 0 { return ("0", 1) }
        // Swift's description is the shortest round-trip form; re-read its digits and exponent.
        let text = d.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var intPart = mantissa
        var fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var all = String(intPart) + String(fracPart)
        var decpt = intPart.count + exponent
        while all.hasPrefix("0") && all.count > 1 {
            all.removeFirst()
            decpt -= 1
        }
        while all.hasSuffix("0") && all.count > 1 { all.removeLast() }
        return (all, decpt)
    }

    /// `repr(complex)`.
    public static func complex(_ re: Double, _ im: Double) -> String {
        if re == 0 && re.sign == .plus {
            return formatDouble(im, addDotZero: false, alwaysSign: false) + "j"
        }
        return "(" + formatDouble(re, addDotZero: false, alwaysSign: false)
            + formatDouble(im, addDotZero: false, alwaysSign: true) + "j)"
    }

    // MARK: Values

    /// How many characters ``value(_:limit:)`` writes by default before it cuts.
    public static let displayLimit = 2000

    /// `repr(value)` for people: Python's text, cut once `limit` characters are written (each cut
    /// container or string says how many elements or characters it left out), and an int Python
    /// would refuse to print (over 4,300 digits) shown by its size. The work is bounded by `limit`
    /// (plus one pass over the quotes of a long string), whatever the value holds.
    public static func value(_ v: PyValue, limit: Int = displayLimit) -> String {
        var writer = BoundedWriter(limit: limit)
        writer.write(v)
        return writer.out
    }

    /// Python's exact `repr(value)`, throwing Python's ValueError for an int over 4,300 digits.
    /// Its cost is the size of `v`: callers charge a ``PyBudget`` first.
    static func exact(_ v: PyValue) throws(PyException) -> String {
        switch v {
        case .int(let i):
            guard let text = i.decimalText else { throw PyInt.tooManyDigits }
            return text
        case .list(let items): return "[" + (try joined(items)) + "]"
        case .tuple(let items):
            if items.count == 1 { return "(" + (try exact(items[0])) + ",)" }
            return "(" + (try joined(items)) + ")"
        case .dict(let d):
            var parts: [String] = []
            for (k, value) in d.entries { parts.append(try exact(k) + ": " + exact(value)) }
            return "{" + parts.joined(separator: ", ") + "}"
        case .set(let s): return s.count == 0 ? "set()" : "{" + (try joined(s.elements)) + "}"
        default: return value(v, limit: .max)
        }
    }

    static func joined(_ items: [PyValue]) throws(PyException) -> String {
        var parts: [String] = []
        parts.reserveCapacity(items.count)
        for item in items { parts.append(try exact(item)) }
        return parts.joined(separator: ", ")
    }

    /// How a value too long for Python to print reads: `<int of about 100000 digits>`.
    static func oversized(_ i: PyInt) -> String {
        "<int of about \(i.approximateDigits) digits, more than Python prints>"
    }

    /// Writes a repr until `limit` characters, then closes what is open with counts of the rest.
    struct BoundedWriter {
        var out = ""
        let limit: Int

        var room: Int { limit - out.utf8.count }

        mutating func write(_ v: PyValue) {
            switch v {
            case .none: out += "None"
            case .bool(let b): out += b ? "True" : "False"
            case .int(let i): out += i.decimalText ?? PyRepr.oversized(i)
            case .float(let d): out += PyRepr.float(d)
            case .complex(let r, let i): out += PyRepr.complex(r, i)
            case .str(let s): text(s)
            case .bytes(let b):
                if b.count <= room {
                    out += PyRepr.bytes(b)
                } else {
                    let shown = max(0, room)
                    out += PyRepr.bytes(Array(b.prefix(shown))) + "…(+\(b.count - shown) more bytes)"
                }
            case .ellipsis: out += "Ellipsis"
            case .list(let items): sequence("[", items, "]")
            case .tuple(let items):
                if items.count == 1 && room > 0 {
                    out += "("
                    write(items[0])
                    out += ",)"
                } else {
                    sequence("(", items, ")")
                }
            case .dict(let d):
                out += "{"
                for (k, entry) in d.entries.enumerated() {
                    if k > 0 { out += ", " }
                    if room <= 0 {
                        out += "…(+\(d.count - k) more)"
                        break
                    }
                    write(entry.key)
                    out += ": "
                    write(entry.value)
                }
                out += "}"
            case .set(let s):
                if s.count == 0 { out += "set()" } else { sequence("{", s.elements, "}") }
            }
        }

        mutating func sequence(_ open: String, _ items: [PyValue], _ close: String) {
            out += open
            for (k, item) in items.enumerated() {
                if k > 0 { out += ", " }
                if room <= 0 {
                    out += "…(+\(items.count - k) more)"
                    break
                }
                write(item)
            }
            out += close
        }

        mutating func text(_ s: CodePointString) {
            // A short string (at most `room` bytes) is written whole; a long one is cut by code points.
            if s.utf8Count <= room {
                out += PyRepr.string(s)
                return
            }
            let shown = max(0, room)
            let points = s.points
            let head = CodePointString(points: points.prefix(shown))
            // The quote Python picks depends on the whole string.
            let rest = points.count - min(shown, points.count)
            out += PyRepr.string(head, quote: PyRepr.quote(for: s.escaped)) + "…(+\(rest) more characters)"
        }
    }
}
