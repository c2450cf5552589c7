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
        let hasSingle = s.unicodeScalars.contains("'")
        let hasDouble = s.unicodeScalars.contains("\"")
        let quote: Unicode.Scalar = hasSingle && !hasDouble ? "\"" : "'"
        var out = String(Character(quote))
        for c in s.unicodeScalars {
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
        out.unicodeScalars.append(quote)
        return out
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

    /// `repr(value)` for any value.
    public static func value(_ v: PyValue) -> String {
        switch v {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return i.description
        case .float(let d): return float(d)
        case .complex(let r, let i): return complex(r, i)
        case .str(let s): return string(s)
        case .bytes(let b): return bytes(b)
        case .ellipsis: return "Ellipsis"
        case .list(let items): return "[" + items.map(value).joined(separator: ", ") + "]"
        case .tuple(let items):
            if items.count == 1 { return "(" + value(items[0]) + ",)" }
            return "(" + items.map(value).joined(separator: ", ") + ")"
        case .dict(let d): return "{" + d.entries.map { value($0.key) + ": " + value($0.value) }.joined(separator: ", ") + "}"
        case .set(let s): return s.count == 0 ? "set()" : "{" + s.elements.map(value).joined(separator: ", ") + "}"
        }
    }
}
