import BigInt
import Foundation

// MARK: - PyFormat

/// Python's text conversions (`str`, `repr`, `ascii`) and printf-style `%` formatting of `str` and
/// `bytes`, for literal values inside an operation the reference would `eval`.
///
/// Written from Python's documented behaviour (the "printf-style String Formatting" section of the
/// library reference) and checked against Python 3.11 by the reference vectors.
enum PyFormat {
    typealias Failure = PyEval.Failure

    static func raise(_ type: String, _ message: String, _ e: Expr) -> Failure {
        .raised(PyException(type, message), e)
    }

    // MARK: str / repr / ascii

    /// `str(v)`.
    static func str(_ v: PyValue, _ e: Expr) throws -> CodePointString {
        if case .str(let s) = v { return s }
        return CodePointString(try repr(v, e))
    }

    /// `repr(v)`. A set prints in CPython's table order (``PySetOrder``), which its elements are
    /// already in; a set of two or more holding a string, bytes, `None`, `...` or NaN is refused:
    /// their hashes, so the order, differ between runs of the reference itself (PYTHONHASHSEED,
    /// object addresses).
    static func repr(_ v: PyValue, _ e: Expr) throws -> String {
        if holdsUnorderedSet(v) {
            throw PyEval.Unsupported(
                node: e,
                reason: "a set of strings, bytes, None or NaN prints in an order that differs between runs of the "
                    + "reference itself (PYTHONHASHSEED, object addresses)")
        }
        do { return try PyRepr.exact(v) } catch { throw raise(error.type, error.message, e) }
    }

    /// `ascii(v)`: `repr(v)` with every non-ASCII character escaped.
    static func ascii(_ v: PyValue, _ e: Expr) throws -> String {
        var out = ""
        for c in try repr(v, e).unicodeScalars {
            if c.value < 0x80 {
                out.unicodeScalars.append(c)
            } else if c.value <= 0xFF {
                out += "\\x" + PyRepr.hex(c.value, 2)
            } else if c.value <= 0xFFFF {
                out += "\\u" + PyRepr.hex(c.value, 4)
            } else {
                out += "\\U" + PyRepr.hex(c.value, 8)
            }
        }
        return out
    }

    /// Whether `v` holds a set whose printed order differs between Python runs.
    static func holdsUnorderedSet(_ v: PyValue) -> Bool {
        switch v {
        case .set(let s): return s.count > 1 && !PySetOrder.isDeterministic(s)
        case .list(let items), .tuple(let items): return items.contains(where: holdsUnorderedSet)
        case .dict(let d): return d.entries.contains { holdsUnorderedSet($0.key) || holdsUnorderedSet($0.value) }
        default: return false
        }
    }

    // MARK: printf-style formatting

    /// One conversion's flags, width and precision (`%-08.3f`).
    struct Spec {
        var leftAlign = false
        var sign = false
        var blank = false
        var alternate = false
        var zero = false
        var width = -1
        var precision = -1
        var conversion: Unicode.Scalar = "s"
    }

    /// `format % args` for a `str` format.
    static func percent(_ format: CodePointString, _ args: PyValue, _ e: Expr, _ budget: PyBudget) throws -> PyValue {
        let out = try percentFormat(format.points, args, bytes: false, e, budget)
        return .str(CodePointString(points: out))
    }

    /// `format % args` for a `bytes` format.
    static func percent(bytes format: [UInt8], _ args: PyValue, _ e: Expr, _ budget: PyBudget) throws -> PyValue {
        let out = try percentFormat(format.map { CodePoint($0) }, args, bytes: true, e, budget)
        return .bytes(out.map { UInt8(truncatingIfNeeded: $0.value) })
    }

    /// The shared machinery, on code points (a `str` may hold lone surrogates); for `bytes` they
    /// stand for bytes (all below 256). The format's
    /// text, every field's width or precision and every converted value are charged to `budget`.
    static func percentFormat(
        _ fmt: [CodePoint], _ args: PyValue, bytes: Bool, _ e: Expr, _ budget: PyBudget
    ) throws -> [CodePoint] {
        try budget.charge(fmt.count)
        // A tuple gives positional arguments; anything else is one argument. A mapping (anything
        // subscriptable but a tuple or a string) also serves `%(key)` lookups.
        var current = args
        var count: Int
        var next: Int
        if case .tuple(let items) = args {
            count = items.count
            next = 0
        } else {
            count = -1
            next = -2
        }
        var mapping: PyValue?
        switch args {
        case .dict, .list: mapping = args
        case .bytes: mapping = bytes ? nil : args
        default: mapping = nil
        }

        func nextArgument() throws -> PyValue {
            guard next < count else { throw raise("TypeError", "not enough arguments for format string", e) }
            defer { next += 1 }
            if count < 0 { return current }
            guard case .tuple(let items) = current else { return current }
            return items[next]
        }

        var out: [CodePoint] = []
        var k = 0
        while k < fmt.count {
            if fmt[k] != "%" {
                out.append(fmt[k])
                k += 1
                continue
            }
            k += 1
            if k < fmt.count && fmt[k] == "%" {
                out.append("%")
                k += 1
                continue
            }
            var spec = Spec()
            var ch: CodePoint = k < fmt.count ? fmt[k] : "\0"
            func advance() -> Bool {
                k += 1
                if k < fmt.count {
                    ch = fmt[k]
                    return true
                }
                return false
            }
            var complete = k < fmt.count
            if complete && ch == "(" {
                guard let map = mapping else { throw raise("TypeError", "format requires a mapping", e) }
                var depth = 1
                let keyStart = k + 1
                var j = keyStart
                while j < fmt.count && depth > 0 {
                    if fmt[j] == ")" { depth -= 1 } else if fmt[j] == "(" { depth += 1 }
                    j += 1
                }
                if depth > 0 || j >= fmt.count { throw raise("ValueError", "incomplete format key", e) }
                let keyScalars = fmt[keyStart..<(j - 1)]
                let key: PyValue =
                    bytes
                    ? .bytes(keyScalars.map { UInt8(truncatingIfNeeded: $0.value) }) : .str(CodePointString(points: keyScalars))
                current = try lookUp(map, key, e)
                count = -1
                next = -2
                k = j
                ch = fmt[k]
            }
            // Flags.
            flags: while complete {
                switch ch {
                case "-": spec.leftAlign = true
                case "+": spec.sign = true
                case " ": spec.blank = true
                case "#": spec.alternate = true
                case "0": spec.zero = true
                default: break flags
                }
                complete = advance()
            }
            // Width.
            if complete && ch == "*" {
                var width: Int
                switch try nextArgument() {
                case .int(.small(let n)): width = n
                case .bool(let b): width = b ? 1 : 0
                case .int(.big): throw raise("OverflowError", "Python int too large to convert to C ssize_t", e)
                default: throw raise("TypeError", "* wants int", e)
                }
                if width > PyEval.sizeLimit || width < -PyEval.sizeLimit { try budget.exceed() }
                if width < 0 {
                    spec.leftAlign = true
                    width = -width
                }
                spec.width = width
                complete = advance()
            } else if complete && ch >= "0" && ch <= "9" {
                spec.width = Int(ch.value - 48)
                while true {
                    complete = advance()
                    guard complete, ch >= "0" && ch <= "9" else { break }
                    spec.width = spec.width * 10 + Int(ch.value - 48)
                    if spec.width > PyEval.sizeLimit { try budget.exceed() }
                }
            }
            // Precision.
            if complete && ch == "." {
                spec.precision = 0
                complete = advance()
                if complete && ch == "*" {
                    // bool is an int here, as in Python (True is 1).
                    let p = try nextArgument()
                    let value: Int
                    switch p {
                    case .int(.small(let n)): value = n
                    case .bool(let b): value = b ? 1 : 0
                    case .int(.big): throw raise("OverflowError", "Python int too large to convert to C int", e)
                    default: throw raise("TypeError", "* wants int", e)
                    }
                    if value > PyEval.sizeLimit { try budget.exceed() }
                    spec.precision = max(0, value)
                    complete = advance()
                } else if complete && ch >= "0" && ch <= "9" {
                    spec.precision = Int(ch.value - 48)
                    while true {
                        complete = advance()
                        guard complete, ch >= "0" && ch <= "9" else { break }
                        spec.precision = spec.precision * 10 + Int(ch.value - 48)
                        if spec.precision > PyEval.sizeLimit { try budget.exceed() }
                    }
                }
            }
            // Length modifiers are ignored.
            if complete && (ch == "h" || ch == "l" || ch == "L") { complete = advance() }
            guard complete else { throw raise("ValueError", "incomplete format", e) }
            spec.conversion = Unicode.Scalar(ch.value) ?? "\u{FFFD}"
            k += 1
            let value = try nextArgument()
            try budget.charge(max(spec.width, spec.precision, 0))
            let (text, numeric) = try convert(value, &spec, bytes: bytes, e)
            try budget.charge(text.count)
            out += pad(text, spec, numeric: numeric)
            if mapping != nil && next < count {
                throw raise("TypeError", "not all arguments converted during string formatting", e)
            }
        }
        if next < count && mapping == nil {
            throw raise("TypeError", "not all arguments converted during string formatting", e)
        }
        return out
    }

    /// `mapping[key]` as the `%(key)` lookup does it.
    static func lookUp(_ map: PyValue, _ key: PyValue, _ e: Expr) throws -> PyValue {
        switch map {
        case .dict(let d):
            guard let v = d[key] else { throw raise("KeyError", PyRepr.value(key), e) }
            return v
        case .list: throw raise("TypeError", "list indices must be integers or slices, not \(key.typeName)", e)
        default: throw raise("TypeError", "byte indices must be integers or slices, not \(key.typeName)", e)
        }
    }

    /// The text of one conversion, and whether it is a number (signs and zero padding apply).
    static func convert(_ v: PyValue, _ spec: inout Spec, bytes: Bool, _ e: Expr) throws -> ([CodePoint], Bool) {
        switch spec.conversion {
        case "s" where bytes, "b" where bytes:
            guard case .bytes(let b) = v else {
                let message = "%b requires a bytes-like object, or an object that implements __bytes__, not '\(v.typeName)'"
                throw raise("TypeError", message, e)
            }
            return (b.map { CodePoint($0) }, false)
        case "s":
            if case .int(let i) = v, spec.width == -1, spec.precision == -1 {
                guard let text = i.decimalText else { throw raise(PyInt.tooManyDigits.type, PyInt.tooManyDigits.message, e) }
                return (text.unicodeScalars.map { CodePoint($0) }, false)
            }
            return (try str(v, e).points, false)
        case "r", "a":
            let text = bytes || spec.conversion == "a" ? try ascii(v, e) : try repr(v, e)
            return (text.unicodeScalars.map { CodePoint($0) }, false)
        case "d", "i", "u", "o", "x", "X":
            return (try integer(v, spec, e).map { CodePoint($0) }, true)
        case "e", "E", "f", "F", "g", "G":
            return (try float(v, spec, e).utf8.map { CodePoint($0) }, true)
        case "c":
            return ([try character(v, bytes: bytes, e)], false)
        default:
            let c = spec.conversion
            let shown = c.value >= 31 && c.value <= 126 ? String(Character(c)) : "?"
            throw raise("ValueError", "unsupported format character '\(shown)' (0x\(String(c.value, radix: 16)))", e)
        }
    }

    /// `%d`, `%o`, `%x`...: the digits with the sign, the `0x`/`0o` prefix (with `#`) and at least
    /// `precision` digits.
    static func integer(_ v: PyValue, _ spec: Spec, _ e: Expr) throws -> [Unicode.Scalar] {
        let c = spec.conversion
        let n: PyInt
        switch v {
        case .int(let i): n = i
        case .bool(let b): n = .small(b ? 1 : 0)
        case .float(let d) where c != "o" && c != "x" && c != "X":
            if d.isNaN { throw raise("ValueError", "cannot convert float NaN to integer", e) }
            if d.isInfinite { throw raise("OverflowError", "cannot convert float infinity to integer", e) }
            n = PyInt(BigIntBridge.fromDouble(d.rounded(.towardZero)))
        default:
            let need = c == "o" || c == "x" || c == "X" ? "an integer" : "a real number"
            throw raise("TypeError", "%\(Character(c)) format: \(need) is required, not \(v.typeName)", e)
        }
        let radix = c == "o" ? 8 : (c == "x" || c == "X" ? 16 : 10)
        var digits: String
        switch n {
        case .small(let x): digits = String(x.magnitude, radix: radix)
        case .big(let x):
            switch radix {
            case 10:
                // Python refuses more than 4,300 decimal digits (and the conversion is quadratic).
                guard let text = n.decimalText else { throw raise(PyInt.tooManyDigits.type, PyInt.tooManyDigits.message, e) }
                digits = text.hasPrefix("-") ? String(text.dropFirst()) : text
            case 8: digits = octal(x.magnitude)
            default: digits = String(x.magnitude, radix: radix)
            }
        }
        if spec.precision > digits.count { digits = String(repeating: "0", count: spec.precision - digits.count) + digits }
        var prefix = n.signum < 0 ? "-" : ""
        if spec.alternate && radix != 10 { prefix += c == "o" ? "0o" : "0x" }
        var text = prefix + digits
        if c == "X" { text = text.uppercased() }
        return Array(text.unicodeScalars)
    }

    /// Octal digits in linear time, three bits each from the binary text (BigInt's own octal
    /// conversion divides word by word, quadratic in the size).
    static func octal(_ m: BigUInt) -> String {
        let bits = Array(String(m, radix: 2).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bits.count / 3 + 1)
        var end = bits.count
        while end > 0 {
            let start = max(0, end - 3)
            var digit: UInt8 = 0
            for b in bits[start..<end] { digit = digit << 1 | (b - UInt8(ascii: "0")) }
            out.append(UInt8(ascii: "0") + digit)
            end = start
        }
        return String(decoding: out.reversed(), as: UTF8.self)
    }

    /// `%e`, `%f`, `%g` and their capitals: correctly rounded, as Python's own float formatting.
    static func float(_ v: PyValue, _ spec: Spec, _ e: Expr) throws -> String {
        let x: Double
        switch v {
        case .float(let d): x = d
        case .bool(let b): x = b ? 1 : 0
        case .int(let i):
            guard let d = i.doubleValue else { throw raise("OverflowError", "int too large to convert to float", e) }
            x = d
        default: throw raise("TypeError", "must be real number, not \(v.typeName)", e)
        }
        let upper = spec.conversion == "E" || spec.conversion == "F" || spec.conversion == "G"
        // Python writes NaN without a sign, whatever its sign bit.
        if x.isNaN { return upper ? "NAN" : "nan" }
        if x.isInfinite { return (x < 0 ? "-" : "") + (upper ? "INF" : "inf") }
        let precision = spec.precision < 0 ? 6 : spec.precision
        return cFormat("%" + (spec.alternate ? "#" : "") + "." + String(precision) + String(Character(spec.conversion)), x)
    }

    /// `n` zeros (String(repeating:count:) appends them one at a time).
    static func zeros(_ n: Int) -> String { String(decoding: [UInt8](repeating: 0x30, count: n), as: UTF8.self) }

    /// C's `snprintf` for one double (glibc rounds correctly, as Python's own conversion does).
    static func cFormat(_ format: String, _ x: Double) -> String {
        // A double's exact decimal expansion ends within 1,074 digits after the point (767
        // significant ones): every further digit of `%.Nf` or `%.Ne` is a zero, which glibc works
        // out one at a time (`%.745478f` took 10 ms). They are appended instead; nothing rounds.
        let exact = 1_100
        if x.isFinite, let conversion = format.last, "fFeE".contains(conversion), let dot = format.lastIndex(of: "."),
            let precision = Int(format[format.index(after: dot)..<format.index(before: format.endIndex)]), precision > exact
        {
            let text = printf(String(format[..<dot]) + ".\(exact)" + String(conversion), x)
            let padding = zeros(precision - exact)
            if conversion == "f" || conversion == "F" { return text + padding }
            guard let mark = text.lastIndex(of: conversion) else { return text }
            return text[..<mark] + padding + text[mark...]
        }
        return printf(format, x)
    }

    /// `vsnprintf` of one double, into a buffer as long as it needs.
    static func printf(_ format: String, _ x: Double) -> String {
        withVaList([x]) { args -> String in
            var small = [CChar](repeating: 0, count: 128)
            let n = small.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 128, format, args) }
            if n < 128 { return cString(small) }
            return withVaList([x]) { again -> String in
                var big = [CChar](repeating: 0, count: Int(n) + 1)
                _ = big.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, Int(n) + 1, format, again) }
                return cString(big)
            }
        }
    }

    /// The text of a NUL-terminated C buffer.
    static func cString(_ buffer: [CChar]) -> String {
        // One pass in the standard library: a precision of 745,478 digits is 745 KB of text.
        buffer.withUnsafeBufferPointer { b in
            let end = b.firstIndex(of: 0) ?? b.count
            return String(decoding: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(b)[0..<end]), as: UTF8.self)
        }
    }

    /// `%c`: one character from an int or a one-character string (a byte, for `bytes`).
    static func character(_ v: PyValue, bytes: Bool, _ e: Expr) throws -> CodePoint {
        let limit: UInt32 = bytes ? 0x100 : 0x110000
        switch v {
        case .str(let s) where !bytes:
            let scalars = s.points
            guard scalars.count == 1 else {
                throw raise("TypeError", "%c requires an int or a unicode character, not a string of length \(scalars.count)", e)
            }
            return scalars[0]
        case .bytes(let b) where bytes:
            guard b.count == 1 else { throw raise("TypeError", "%c requires an integer in range(256) or a single byte", e) }
            return CodePoint(b[0])
        case .int, .bool:
            let n: Int?
            switch v {
            case .int(.small(let x)): n = x
            case .bool(let b): n = b ? 1 : 0
            default: n = nil
            }
            guard let n, n >= 0, n < limit else {
                throw raise("OverflowError", bytes ? "%c arg not in range(256)" : "%c arg not in range(0x110000)", e)
            }
            // A lone surrogate (`'%c' % 0xd800`) is a code point like any other.
            return CodePoint(UInt32(n))
        default:
            let message =
                bytes
                ? "%c requires an integer in range(256) or a single byte"
                : "%c requires an int or a unicode character, not \(v.typeName)"
            throw raise("TypeError", message, e)
        }
    }

    /// Width, sign, zero padding and precision truncation around one converted value.
    static func pad(_ converted: [CodePoint], _ spec: Spec, numeric: Bool) -> [CodePoint] {
        var text = converted
        let c = spec.conversion
        if (c == "s" || c == "r" || c == "a" || c == "b") && spec.precision >= 0 && text.count > spec.precision {
            text = Array(text[0..<spec.precision])
        }
        let fill: CodePoint = numeric && spec.zero ? "0" : " "
        var sign: CodePoint?
        var body = text[...]
        if numeric {
            if let first = body.first, first == "-" || first == "+" {
                sign = first
                body = body.dropFirst()
            } else if spec.sign {
                sign = "+"
            } else if spec.blank {
                sign = " "
            }
        }
        var prefix: [CodePoint] = []
        if numeric && spec.alternate && (c == "x" || c == "X" || c == "o") {
            prefix = Array(body.prefix(2))
            body = body.dropFirst(2)
        }
        let length = (sign == nil ? 0 : 1) + prefix.count + body.count
        let padding = max(0, spec.width - length)
        var out: [CodePoint] = []
        if spec.leftAlign {
            if let sign { out.append(sign) }
            out += prefix
            out += body
            out += [CodePoint](repeating: " ", count: padding)
        } else if fill == "0" {
            if let sign { out.append(sign) }
            out += prefix
            out += [CodePoint](repeating: "0", count: padding)
            out += body
        } else {
            out += [CodePoint](repeating: " ", count: padding)
            if let sign { out.append(sign) }
            out += prefix
            out += body
        }
        return out
    }
}
