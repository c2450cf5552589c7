import BigInt

// MARK: - PyInt

/// A Python `int`: arbitrary precision, stored inline while it fits a machine word.
public enum PyInt: Sendable, Hashable, CustomStringConvertible {
    case small(Int)
    case big(BigInt)

    /// Normalizes a `BigInt` to the small form where it fits.
    public init(_ value: BigInt) {
        if let small = Int(exactly: value) { self = .small(small) } else { self = .big(value) }
    }

    public init(_ value: Int) { self = .small(value) }

    /// Parses decimal digits (an optional leading `-`); nil when malformed.
    public init?(decimal text: String) {
        if let small = Int(text) {
            self = .small(small)
            return
        }
        // Python 3.11 reads no more digits than this (and the conversion is quadratic).
        let sign = text.hasPrefix("-") || text.hasPrefix("+") ? 1 : 0
        if text.utf8.count - sign > PyInt.maxDecimalDigits { return nil }
        guard let big = BigInt(text, radix: 10) else { return nil }
        self.init(big)
    }

    /// Parses digits in `radix` (no prefix, no underscores).
    public init?(digits text: String, radix: Int) {
        if let small = Int(text, radix: radix) {
            self = .small(small)
            return
        }
        if radix == 2 || radix == 8 || radix == 16 {
            // Built from the digits' bits, in time linear in their count (BigInt's own reading of
            // octal multiplies word by word: quadratic, minutes for ten million digits).
            guard let magnitude = PyInt.magnitude(bitDigits: text, radix: radix) else { return nil }
            self.init(BigInt(sign: .plus, magnitude: magnitude))
            return
        }
        guard let big = BigInt(text, radix: radix) else { return nil }
        self.init(big)
    }

    /// The value of `text`, digits of a power-of-two `radix` (no sign), or nil for anything else.
    static func magnitude(bitDigits text: String, radix: Int) -> BigUInt? {
        let bits = radix.trailingZeroBitCount
        var words: [UInt] = []
        var current: UInt = 0
        var filled = 0
        for c in text.utf8.reversed() {
            let d: UInt
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard d < UInt(radix) else { return nil }
            current |= d << UInt(filled)
            filled += bits
            if filled >= UInt.bitWidth {
                words.append(current)
                filled -= UInt.bitWidth
                // The digit's bits that did not fit in the finished word start the next one.
                current = filled > 0 ? d >> UInt(bits - filled) : 0
            }
        }
        if text.isEmpty { return nil }
        if filled > 0 { words.append(current) }
        return BigUInt(words: words)
    }

    public var big: BigInt {
        switch self {
        case .small(let v): return BigInt(v)
        case .big(let v): return v
        }
    }

    public var isZero: Bool { if case .small(0) = self { return true } else { return false } }

    public var signum: Int {
        switch self {
        case .small(let v): return v.signum()
        case .big(let v): return v.signum() < 0 ? -1 : (v.isZero ? 0 : 1)
        }
    }

    /// The number of bits of the magnitude.
    public var bitWidth: Int {
        switch self {
        case .small(let v): return Int.bitWidth - v.magnitude.leadingZeroBitCount
        case .big(let v): return v.magnitude.bitWidth
        }
    }

    /// Python's `float(i)`: correctly rounded (half to even), nil on overflow ("int too large to
    /// convert to float").
    public var doubleValue: Double? {
        switch self {
        case .small(let v): return Double(v)
        case .big(let v):
            guard let d = PyInt.rounded(v.magnitude, exponent: 0, sticky: false) else { return nil }
            return v.signum() < 0 ? -d : d
        }
    }

    /// Python 3.11's `int_max_str_digits`: `str()`, `repr()`, `int(text)`, `json` and the compiler
    /// refuse a decimal int longer than this.
    public static let maxDecimalDigits = 4300

    /// The exception Python raises converting a longer int to decimal.
    public static var tooManyDigits: PyException {
        PyException(
            "ValueError",
            "Exceeds the limit (\(maxDecimalDigits) digits) for integer string conversion; "
                + "use sys.set_int_max_str_digits() to increase the limit")
    }

    /// `str(i)`, or nil where Python raises (more than ``maxDecimalDigits`` digits). An int of
    /// 14,286 bits or more has more than 4,300 digits and is never converted, so this costs at
    /// most a 4,300-digit conversion.
    public var decimalText: String? {
        if bitWidth > 14_285 { return nil }
        let text = description
        return text.utf8.count - (signum < 0 ? 1 : 0) > PyInt.maxDecimalDigits ? nil : text
    }

    /// The number of decimal digits, estimated from the bit width (exact or one too many).
    public var approximateDigits: Int { max(1, Int((Double(bitWidth) * 0.301_029_995_663_981_2).rounded(.up))) }

    public var description: String {
        switch self {
        case .small(let v): return String(v)
        case .big(let v): return String(v)
        }
    }

    // MARK: Arithmetic (Python semantics)

    public static func + (a: PyInt, b: PyInt) -> PyInt {
        if case .small(let x) = a, case .small(let y) = b {
            let (r, o) = x.addingReportingOverflow(y)
            if !o { return .small(r) }
        }
        return PyInt(a.big + b.big)
    }

    public static func - (a: PyInt, b: PyInt) -> PyInt {
        if case .small(let x) = a, case .small(let y) = b {
            let (r, o) = x.subtractingReportingOverflow(y)
            if !o { return .small(r) }
        }
        return PyInt(a.big - b.big)
    }

    public static func * (a: PyInt, b: PyInt) -> PyInt {
        if case .small(let x) = a, case .small(let y) = b {
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if !o { return .small(r) }
        }
        return PyInt(a.big * b.big)
    }

    public static prefix func - (a: PyInt) -> PyInt {
        if case .small(let x) = a, x != Int.min { return .small(-x) }
        return PyInt(-a.big)
    }

    /// Floor division and modulo; nil when `b` is zero.
    public static func floorDivMod(_ a: PyInt, _ b: PyInt) -> (PyInt, PyInt)? {
        if b.isZero { return nil }
        if case .small(let x) = a, case .small(let y) = b, !(x == Int.min && y == -1) {
            var q = x / y
            var r = x % y
            if r != 0 && ((r < 0) != (y < 0)) {
                q -= 1
                r += y
            }
            return (.small(q), .small(r))
        }
        let x = a.big
        let y = b.big
        var (q, r) = x.quotientAndRemainder(dividingBy: y)
        if !r.isZero && ((r.signum() < 0) != (y.signum() < 0)) {
            q -= 1
            r += y
        }
        return (PyInt(q), PyInt(r))
    }

    /// `a ** b` for b >= 0.
    public static func power(_ a: PyInt, _ b: Int) -> PyInt {
        PyInt(a.big.power(b))
    }

    public static func & (a: PyInt, b: PyInt) -> PyInt { PyInt(a.big & b.big) }
    public static func | (a: PyInt, b: PyInt) -> PyInt { PyInt(a.big | b.big) }
    public static func ^ (a: PyInt, b: PyInt) -> PyInt { PyInt(a.big ^ b.big) }
    public static prefix func ~ (a: PyInt) -> PyInt { -a - .small(1) }

    public static func < (a: PyInt, b: PyInt) -> Bool {
        if case .small(let x) = a, case .small(let y) = b { return x < y }
        return a.big < b.big
    }

    /// Python's true division `a / b`, correctly rounded (half to even, subnormals included) as
    /// CPython's `long_true_divide` is; nil when `b` is zero, `.infinity` marks overflow.
    public static func trueDivide(_ a: PyInt, _ b: PyInt) -> Double? {
        if b.isZero { return nil }
        if case .small(let x) = a, case .small(let y) = b, x.magnitude < (1 << 53), y.magnitude < (1 << 53) {
            return Double(x) / Double(y)
        }
        let negative = (a.signum < 0) != (b.signum < 0)
        let nx = a.big.magnitude
        let ny = b.big.magnitude
        if nx.isZero { return negative ? -0.0 : 0.0 }
        // Scale the dividend so the integer quotient has at least 55 significant bits; the
        // remainder's being non-zero is all rounding needs to know of what is cut off.
        let shift = max(0, 56 - (nx.bitWidth - ny.bitWidth))
        let (q, r) = (nx << shift).quotientAndRemainder(dividingBy: ny)
        guard let value = rounded(q, exponent: -shift, sticky: !r.isZero) else { return negative ? -.infinity : .infinity }
        return negative ? -value : value
    }

    /// `m × 2^exponent` (plus less than one unit of `m` when `sticky`) rounded to the nearest
    /// double, ties to even, as IEEE 754 and CPython round; nil when that is 2^1024 or more.
    static func rounded(_ m: BigUInt, exponent: Int, sticky: Bool) -> Double? {
        if m.isZero { return 0 }
        // The value lies in [2^top, 2^(top+1)); a double keeps 53 bits down to 2^-1074.
        let top = m.bitWidth - 1 + exponent
        if top >= 1024 { return nil }
        let lowest = max(top - 52, -1074)
        let drop = lowest - exponent
        var kept: UInt64
        if drop <= 0 {
            kept = UInt64(m) << UInt64(-drop)
        } else {
            kept = UInt64(m >> drop)
            let rest = m & ((BigUInt(1) << drop) - 1)
            let half = BigUInt(1) << (drop - 1)
            if rest > half || (rest == half && (sticky || kept & 1 == 1)) { kept += 1 }
        }
        let d = Double(sign: .plus, exponent: lowest, significand: Double(kept))
        return d.isFinite ? d : nil
    }
}

// MARK: - Comparing an int with a float exactly

extension PyInt {
    /// Compares this integer with a float exactly, as Python does (-1, 0, 1; nil for NaN).
    public func compare(toDouble d: Double) -> Int? {
        if d.isNaN { return nil }
        if d == .infinity { return -1 }
        if d == -.infinity { return 1 }
        if case .small(let x) = self, x.magnitude < (1 << 53) {
            let dx = Double(x)
            return dx < d ? -1 : (dx > d ? 1 : 0)
        }
        // Compare against floor(d); equal integer parts then the fraction decides.
        let floorD = d.rounded(.down)
        let fi = PyInt(BigInt(floorD))
        if self < fi { return -1 }
        if fi < self { return 1 }
        return floorD == d ? 0 : -1
    }
}
