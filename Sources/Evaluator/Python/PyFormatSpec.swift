import BigInt
import Foundation

// MARK: - PyFormatSpec

/// Python's format-spec mini-language (`format(value, spec)`, the part after `:` in an f-string
/// field): `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
///
/// Written from the "Format Specification Mini-Language" section of Python's library reference
/// and checked against Python 3.11 by the reference vectors (parse-operations.jsonl).
struct PyFormatSpec {
    /// `{n:c}` of a surrogate code point, which a Swift string cannot hold.
    struct LoneSurrogate: Error {}

    var fill: Unicode.Scalar = " "
    var fillGiven = false
    var align: Unicode.Scalar?
    var sign: Unicode.Scalar = "-"
    var noNegativeZero = false
    var alternate = false
    var width = -1
    var grouping: Unicode.Scalar?
    var precision = -1
    var type: Unicode.Scalar?

    /// Parses `spec` for a value of `typeName`; throws ValueError as Python does.
    init(_ spec: String, typeName: String, defaultType: Unicode.Scalar?, defaultAlign: Unicode.Scalar = ">") throws(PyException) {
        let s = Array(spec.unicodeScalars)
        var k = 0
        func isAlign(_ c: Unicode.Scalar) -> Bool { c == "<" || c == ">" || c == "^" || c == "=" }
        if s.count >= 2 && isAlign(s[1]) {
            fill = s[0]
            fillGiven = true
            align = s[1]
            k = 2
        } else if !s.isEmpty && isAlign(s[0]) {
            align = s[0]
            k = 1
        }
        if k < s.count && (s[k] == "+" || s[k] == "-" || s[k] == " ") {
            sign = s[k]
            k += 1
        }
        if k < s.count && s[k] == "z" {
            noNegativeZero = true
            k += 1
        }
        if k < s.count && s[k] == "#" {
            alternate = true
            k += 1
        }
        if !fillGiven && k < s.count && s[k] == "0" {
            fill = "0"
            if align == nil && defaultAlign == ">" { align = "=" }
            k += 1
        }
        func number() throws(PyException) -> Int? {
            var value: Int?
            // Any Unicode decimal digit counts, as Python reads them.
            while k < s.count, s[k].properties.numericType == .decimal, let d = s[k].properties.numericValue.map({ Int($0) }) {
                let (m, o1) = (value ?? 0).multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { throw PyException("ValueError", "Too many decimal digits in format string") }
                value = a
                k += 1
            }
            return value
        }
        if let w = try number() { width = w }
        if k < s.count && s[k] == "," {
            grouping = ","
            k += 1
        }
        if k < s.count && s[k] == "_" {
            if grouping != nil { throw PyException("ValueError", "Cannot specify both ',' and '_'.") }
            grouping = "_"
            k += 1
        }
        if k < s.count && s[k] == "," {
            throw PyException("ValueError", grouping == "_" ? "Cannot specify both ',' and '_'." : "Cannot specify ',' with ','.")
        }
        if k < s.count && s[k] == "." {
            k += 1
            guard let p = try number() else { throw PyException("ValueError", "Format specifier missing precision") }
            precision = p
        }
        if s.count - k > 1 {
            throw PyException("ValueError", "Invalid format specifier '\(spec)' for object of type '\(typeName)'")
        }
        type = k < s.count ? s[k] : defaultType
        if let g = grouping {
            // `_` also groups the digits of binary, octal and hex, by four.
            let allowed: String = g == "," ? "defgEG%F" : "defgEG%FboxX"
            let t = type ?? "\0"
            if t != "\0" && !allowed.unicodeScalars.contains(t) {
                throw PyException("ValueError", "Cannot specify '\(Character(g))' with '\(Character(t))'.")
            }
        }
    }

    // MARK: format(value, spec)

    /// `format(v, spec)`, the width, precision and result charged to `budget`.
    static func format(_ v: PyValue, _ spec: String, _ e: Expr, _ budget: PyBudget) throws -> CodePointString {
        switch v {
        case .str(let s):
            if spec.isEmpty { return s }
            let f = try PyFormatSpec(spec, typeName: "str", defaultType: "s", defaultAlign: "<")
            try f.charge(budget)
            return try f.formatString(s)
        case .bool(let b):
            if spec.isEmpty { return b ? "True" : "False" }
            let f = try PyFormatSpec(spec, typeName: "bool", defaultType: "d")
            try f.charge(budget)
            return CodePointString(try f.formatInt(.small(b ? 1 : 0)))
        case .int(let i):
            let f = try PyFormatSpec(spec, typeName: "int", defaultType: "d")
            try f.charge(budget)
            return CodePointString(try f.formatInt(i))
        case .float(let d):
            let f = try PyFormatSpec(spec, typeName: "float", defaultType: nil)
            try f.charge(budget)
            return CodePointString(try f.formatFloat(d))
        case .complex(let r, let i):
            let f = try PyFormatSpec(spec, typeName: "complex", defaultType: nil)
            try f.charge(budget)
            return CodePointString(try f.formatComplex(r, i))
        default:
            if !spec.isEmpty {
                throw PyException("TypeError", "unsupported format string passed to \(v.typeName).__format__")
            }
            return try PyFormat.str(v, e)
        }
    }

    func charge(_ budget: PyBudget) throws {
        if width > PyEval.sizeLimit || precision > PyEval.sizeLimit { try budget.exceed() }
        try budget.charge(max(width, precision, 0))
    }

    func unknown(_ typeName: String) -> PyException {
        let t = type ?? "\0"
        if t.value >= 0x20 && t.value < 0x7F {
            return PyException("ValueError", "Unknown format code '\(Character(t))' for object of type '\(typeName)'")
        }
        return PyException(
            "ValueError", "Unknown format code '\\x\(String(t.value, radix: 16))' for object of type '\(typeName)'")
    }

    // MARK: str

    func formatString(_ s: CodePointString) throws(PyException) -> CodePointString {
        guard type == "s" else { throw unknown("str") }
        if sign != "-" { throw PyException("ValueError", "Sign not allowed in string format specifier") }
        if noNegativeZero { throw PyException("ValueError", "Negative zero coercion (z) not allowed in format specifier") }
        if alternate { throw PyException("ValueError", "Alternate form (#) not allowed in string format specifier") }
        if align == "=" { throw PyException("ValueError", "'=' alignment not allowed in string format specifier") }
        // By code point: a lone surrogate counts as one, as in Python.
        var points = s.codePoints
        if precision >= 0 && points.count > precision { points = Array(points[0..<precision]) }
        let padding = max(0, width - points.count)
        let fillRun = { (n: Int) in [UInt32](repeating: fill.value, count: n) }
        switch align ?? "<" {
        case "<": points += fillRun(padding)
        case "^": points = fillRun(padding / 2) + points + fillRun(padding - padding / 2)
        default: points = fillRun(padding) + points
        }
        return CodePointString(codePoints: points)
    }

    /// `text` padded to the width with the fill, by the alignment (numbers pad after their sign
    /// and prefix with `=`, given as `signLength`).
    func padded(_ text: [Unicode.Scalar], defaultAlign: Unicode.Scalar, signLength: Int = 0) -> [Unicode.Scalar] {
        let padding = max(0, width - text.count)
        if padding == 0 { return text }
        let fillRun = { (n: Int) in [Unicode.Scalar](repeating: fill, count: n) }
        switch align ?? defaultAlign {
        case "<": return text + fillRun(padding)
        case "^":
            let left = padding / 2
            return fillRun(left) + text + fillRun(padding - left)
        case "=": return Array(text[0..<signLength]) + fillRun(padding) + Array(text[signLength...])
        default: return fillRun(padding) + text
        }
    }

    // MARK: Numbers

    /// Sign, prefix and digits (integer part grouped, zero padding grouped too) laid out as
    /// CPython's `calc_number_widths` / `fill_number` do.
    func layoutNumber(negative: Bool, prefix: String, integer: String, rest: String, groupSize: Int) -> String {
        var signText = ""
        if negative {
            signText = "-"
        } else if sign == "+" {
            signText = "+"
        } else if sign == " " {
            signText = " "
        }
        let lead = Array((signText + prefix).unicodeScalars)
        let restScalars = Array(rest.unicodeScalars)
        var digits = Array(integer.unicodeScalars)
        if let g = grouping {
            // Zero padding with `=` counts as digits, and is grouped with them.
            var minDigits = digits.count
            if fill == "0" && (align ?? ">") == "=" {
                minDigits = max(minDigits, width - lead.count - restScalars.count)
            }
            digits = PyFormatSpec.grouped(digits, every: groupSize, separator: g, minimumWidth: minDigits)
            let body = lead + digits + restScalars
            return PyLiterals.string(padded(body, defaultAlign: ">", signLength: lead.count))
        }
        return PyLiterals.string(padded(lead + digits + restScalars, defaultAlign: ">", signLength: lead.count))
    }

    /// `digits` with `separator` every `every` digits from the right, left-padded with zeros
    /// (separators included) to at least `minimumWidth` characters.
    static func grouped(_ digits: [Unicode.Scalar], every: Int, separator: Unicode.Scalar, minimumWidth: Int) -> [Unicode.Scalar]
    {
        var out: [Unicode.Scalar] = []
        var count = 0
        var source = digits.reversed().makeIterator()
        while true {
            if let d = source.next() {
                if count > 0 && count % every == 0 { out.append(separator) }
                out.append(d)
                count += 1
            } else if out.count < minimumWidth {
                if count > 0 && count % every == 0 {
                    out.append(separator)
                    // A separator that reaches the width is followed by one more zero.
                    if out.count >= minimumWidth {
                        out.append("0")
                        break
                    }
                }
                out.append("0")
                count += 1
            } else {
                break
            }
        }
        return out.reversed()
    }

    func formatInt(_ i: PyInt) throws -> String {
        let t = type ?? "d"
        switch t {
        case "e", "E", "f", "F", "g", "G", "%":
            guard let d = i.doubleValue else { throw PyException("OverflowError", "int too large to convert to float") }
            return try formatFloat(d)
        case "b", "c", "d", "o", "x", "X", "n": break
        default: throw unknown("int")
        }
        if precision >= 0 { throw PyException("ValueError", "Precision not allowed in integer format specifier") }
        if noNegativeZero {
            throw PyException("ValueError", "Negative zero coercion (z) not allowed in integer format specifier")
        }
        if t == "c" {
            if sign != "-" { throw PyException("ValueError", "Sign not allowed with integer format specifier 'c'") }
            if alternate { throw PyException("ValueError", "Alternate form (#) not allowed with integer format specifier 'c'") }
            guard case .small(let n) = i, n >= 0, n < 0x110000 else {
                throw PyException("OverflowError", "%c arg not in range(0x110000)")
            }
            guard let scalar = Unicode.Scalar(UInt32(n)) else { throw LoneSurrogate() }
            return PyLiterals.string(padded([scalar], defaultAlign: ">"))
        }
        let radix = t == "b" ? 2 : t == "o" ? 8 : (t == "x" || t == "X") ? 16 : 10
        var digits: String
        switch i {
        case .small(let v): digits = String(v.magnitude, radix: radix)
        case .big(let v):
            if radix == 10 {
                guard let text = i.decimalText else { throw PyInt.tooManyDigits }
                digits = String(text.drop { $0 == "-" })
            } else if radix == 8 {
                digits = PyFormat.octal(v.magnitude)
            } else {
                digits = String(v.magnitude, radix: radix)
            }
        }
        if t == "X" { digits = digits.uppercased() }
        var prefix = ""
        if alternate {
            switch t {
            case "b": prefix = "0b"
            case "o": prefix = "0o"
            case "x": prefix = "0x"
            case "X": prefix = "0X"
            default: break
            }
        }
        return layoutNumber(negative: i.signum < 0, prefix: prefix, integer: digits, rest: "", groupSize: radix == 10 ? 3 : 4)
    }

    func formatFloat(_ x: Double) throws -> String {
        var t = type ?? "\0"
        switch t {
        case "\0", "e", "E", "f", "F", "g", "G", "%", "n": break
        default: throw unknown("float")
        }
        if t == "n" { t = "g" }
        var value = x
        if t == "%" { value *= 100 }
        let upper = t == "E" || t == "F" || t == "G"
        var body: String
        if value.isNaN || value.isInfinite {
            body = value.isNaN ? "nan" : "inf"
            if upper { body = body.uppercased() }
        } else if t == "\0" && precision < 0 {
            body = PyRepr.formatDouble(abs(value), addDotZero: true, alwaysSign: false)
            if alternate && !body.contains(".") {
                if let e = body.firstIndex(of: "e") { body.insert(".", at: e) } else { body += "." }
            }
        } else {
            let p = precision < 0 ? 6 : precision
            if t == "\0" {
                body = PyFormatSpec.general(abs(value), precision: p, alternate: alternate)
            } else {
                let code = t == "%" ? "f" : String(Character(t))
                body = PyFormat.cFormat("%" + (alternate ? "#" : "") + "." + String(p) + code, abs(value))
            }
        }
        if t == "%" { body += "%" }
        var negative = value.sign == .minus && !value.isNaN
        if negative && noNegativeZero && !value.isNaN && !value.isInfinite {
            // `z`: a result that rounds to zero loses its minus sign.
            if body.unicodeScalars.allSatisfy({ !("1"..."9").contains($0) }) { negative = false }
        }
        // The integer part is grouped; the fraction and exponent follow it.
        let scalars = Array(body.unicodeScalars)
        let end = scalars.firstIndex { !("0"..."9").contains($0) } ?? scalars.count
        let integer = PyLiterals.string(scalars[0..<end])
        let rest = PyLiterals.string(scalars[end...])
        return layoutNumber(negative: negative, prefix: "", integer: integer, rest: rest, groupSize: 3)
    }

    /// No type with a precision: `g`, but an exponent from `precision` digits before the point
    /// on (one sooner than `g`), and `.0` on what would look like an int (`Py_DTSF_ADD_DOT_0`).
    static func general(_ x: Double, precision: Int, alternate: Bool) -> String {
        let p = max(precision, 1)
        let scientific = PyFormat.cFormat("%." + String(p - 1) + "e", x)
        guard let ePos = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: ePos)...]) else {
            return scientific
        }
        let decpt = exponent + 1
        if decpt <= -4 || decpt > p - 1 {
            var mantissa = String(scientific[..<ePos])
            if !alternate && mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            let e = abs(exponent)
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
        }
        var fixed = PyFormat.cFormat("%" + (alternate ? "#" : "") + "." + String(max(0, p - decpt)) + "f", x)
        if !alternate && fixed.contains(".") {
            while fixed.hasSuffix("0") { fixed.removeLast() }
            if fixed.hasSuffix(".") { fixed.removeLast() }
        }
        if !fixed.contains(".") { fixed += ".0" }
        return fixed
    }

    func formatComplex(_ re: Double, _ im: Double) throws -> String {
        var t = type ?? "\0"
        switch t {
        case "\0", "e", "E", "f", "F", "g", "G", "n": break
        default: throw unknown("complex")
        }
        if fill == "0" { throw PyException("ValueError", "Zero padding is not allowed in complex format specifier") }
        if align == "=" { throw PyException("ValueError", "'=' alignment flag is not allowed in complex format specifier") }
        var skipReal = false
        var parentheses = false
        if t == "\0" {
            // Like str(): the real part left out when it is +0, else the whole in parentheses.
            t = "r"
            skipReal = re == 0 && re.sign == .plus
            parentheses = !skipReal
        }
        if t == "n" { t = "g" }
        if precision >= 0 && t == "r" { t = "g" }
        var text = ""
        if !skipReal { text += complexPart(re, t, sign: sign) }
        text += complexPart(im, t, sign: skipReal ? sign : "+") + "j"
        if parentheses { text = "(" + text + ")" }
        return PyLiterals.string(padded(Array(text.unicodeScalars), defaultAlign: ">"))
    }

    /// One part of a complex number, with its sign as `sign` asks (`-`, `+` or ` `).
    func complexPart(_ x: Double, _ t: Unicode.Scalar, sign: Unicode.Scalar) -> String {
        let upper = t == "E" || t == "F" || t == "G"
        var body: String
        if x.isNaN || x.isInfinite {
            body = x.isNaN ? "nan" : "inf"
            if upper { body = body.uppercased() }
        } else if t == "r" {
            body = PyRepr.formatDouble(abs(x), addDotZero: false, alwaysSign: false)
            if alternate && !body.contains(".") {
                if let e = body.firstIndex(of: "e") { body.insert(".", at: e) } else { body += "." }
            }
        } else {
            let p = precision < 0 ? 6 : precision
            body = PyFormat.cFormat("%" + (alternate ? "#" : "") + "." + String(p) + String(Character(t)), abs(x))
        }
        var negative = x.sign == .minus && !x.isNaN
        if negative && noNegativeZero && !x.isInfinite && body.unicodeScalars.allSatisfy({ !("1"..."9").contains($0) }) {
            negative = false
        }
        if negative { return "-" + body }
        return sign == "+" ? "+" + body : sign == " " ? " " + body : body
    }
}
