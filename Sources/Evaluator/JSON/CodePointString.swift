// MARK: - CodePointString

/// A Python `str`: any sequence of code points, lone surrogates (U+D800–U+DFFF) included.
///
/// A Swift `String` cannot hold a lone surrogate, and Python strings (from a `'\ud83c'` escape or
/// gold JSON's `"\ud83c"`) can. The common case stays a `String`; only a string that holds a lone
/// surrogate is kept as an array of code points. Equality, hashing and ordering are by code point,
/// as Python compares `str` (never Swift's canonical equivalence).
public struct CodePointString: Sendable, Hashable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    @usableFromInline enum Storage: Sendable {
        /// No lone surrogate.
        case text(String)
        /// At least one lone surrogate (never used otherwise, so the two forms never hold equal strings).
        case codePoints([UInt32])
    }

    @usableFromInline var storage: Storage

    /// The string `s` (which, being a Swift `String`, holds no lone surrogate).
    @inlinable public init(_ s: String) { storage = .text(s) }

    /// Creates a string from a literal.
    public init(stringLiteral value: String) { storage = .text(value) }

    /// The string of these code points (each at most U+10FFFF).
    public init<S: Sequence>(codePoints: S) where S.Element == UInt32 {
        let values = Array(codePoints)
        if values.contains(where: CodePointString.isSurrogate) {
            storage = .codePoints(values)
        } else {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: values.lazy.map { Unicode.Scalar($0) ?? "\u{FFFD}" })
            storage = .text(String(s))
        }
    }

    /// Whether `v` is a surrogate code point (U+D800–U+DFFF).
    @inlinable public static func isSurrogate(_ v: UInt32) -> Bool { v & 0xFFFF_F800 == 0xD800 }

    /// The `String`, when no lone surrogate is present.
    @inlinable public var text: String? {
        if case .text(let s) = storage { return s }
        return nil
    }

    /// Whether a lone surrogate is present.
    public var hasLoneSurrogate: Bool { text == nil }

    /// The code points in order.
    public var codePoints: [UInt32] {
        switch storage {
        case .text(let s): return s.unicodeScalars.map(\.value)
        case .codePoints(let a): return a
        }
    }

    /// Display text: the string itself, with each lone surrogate written as its escape `\udXXX`.
    ///
    /// Safe for terminals and files; not reversible (a literal backslash looks the same).
    public var escaped: String {
        switch storage {
        case .text(let s): return s
        case .codePoints(let a):
            var out = String.UnicodeScalarView()
            for v in a {
                if let scalar = Unicode.Scalar(v) {
                    out.append(scalar)
                } else {
                    out.append(contentsOf: "\\u\(String(v, radix: 16))".unicodeScalars)
                }
            }
            return String(out)
        }
    }

    /// The escaped display text (see `escaped`).
    public var description: String { escaped }

    /// Whether the string is empty.
    public var isEmpty: Bool {
        switch storage {
        case .text(let s): return s.isEmpty
        case .codePoints(let a): return a.isEmpty
        }
    }

    /// The number of code points (Python's `len`).
    public var count: Int {
        switch storage {
        case .text(let s): return s.unicodeScalars.count
        case .codePoints(let a): return a.count
        }
    }

    /// The UTF-8 size (a surrogate counts 3 bytes, as it would take in CESU/WTF-8), for budgets.
    public var utf8Count: Int {
        switch storage {
        case .text(let s): return s.utf8.count
        case .codePoints(let a): return a.reduce(0) { $0 + ($1 < 0x80 ? 1 : $1 < 0x800 ? 2 : $1 < 0x10000 ? 3 : 4) }
        }
    }

    // MARK: Comparison

    public static func == (a: CodePointString, b: CodePointString) -> Bool {
        switch (a.storage, b.storage) {
        case (.text(let x), .text(let y)): return x.scalarsEqual(y)
        case (.codePoints(let x), .codePoints(let y)): return x == y
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch storage {
        case .text(let s):
            hasher.combine(0 as UInt8)
            var s = s
            s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .codePoints(let a):
            hasher.combine(1 as UInt8)
            hasher.combine(a)
        }
    }

    /// Python's `<` on `str`: code point order (UTF-8 byte order is the same order).
    public static func < (a: CodePointString, b: CodePointString) -> Bool {
        if case .text(let x) = a.storage, case .text(let y) = b.storage {
            return x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        return a.codePoints.lexicographicallyPrecedes(b.codePoints)
    }

    // MARK: Operations

    /// Python's `a + b`.
    public static func + (a: CodePointString, b: CodePointString) -> CodePointString {
        if case .text(let x) = a.storage, case .text(let y) = b.storage { return CodePointString(x + y) }
        return CodePointString(codePoints: a.codePoints + b.codePoints)
    }

    /// Appends `other` in place (amortised linear, like `String`'s `+=`).
    public mutating func append(_ other: CodePointString) {
        switch (storage, other.storage) {
        case (.text(var x), .text(let y)):
            storage = .text("")  // `x` is then the only reference: appending does not copy.
            x += y
            storage = .text(x)
        case (.codePoints(var a), _):
            storage = .codePoints([])
            a += other.codePoints
            storage = .codePoints(a)
        case (.text(let x), .codePoints(let b)):
            storage = .codePoints(x.unicodeScalars.map(\.value) + b)
        }
    }

    /// Python's `s * n` for `n ≥ 0`.
    public func repeated(_ n: Int) -> CodePointString {
        switch storage {
        case .text(let s): return CodePointString(String(repeating: s, count: n))
        case .codePoints(let a):
            var out: [UInt32] = []
            out.reserveCapacity(a.count * n)
            for _ in 0..<n { out.append(contentsOf: a) }
            return CodePointString(codePoints: out)
        }
    }

    /// Python's `needle in self` (code-point substring test).
    public func contains(_ needle: CodePointString) -> Bool {
        if case .text(let x) = storage, case .text(let y) = needle.storage { return x.pyContains(y) }
        return codePoints.containsSubsequence(needle.codePoints)
    }

    /// Python's `str.lower()`: lone surrogates are left as they are.
    public var pyLowercased: CodePointString {
        switch storage {
        case .text(let s): return CodePointString(s.pyLowercased)
        case .codePoints(let a):
            var out: [UInt32] = []
            var run = String.UnicodeScalarView()
            func flush() {
                out.append(contentsOf: String(run).pyLowercased.unicodeScalars.map(\.value))
                run = String.UnicodeScalarView()
            }
            for v in a {
                if let scalar = Unicode.Scalar(v) {
                    run.append(scalar)
                } else {
                    flush()
                    out.append(v)
                }
            }
            flush()
            return CodePointString(codePoints: out)
        }
    }
}

// MARK: - Builder

/// Collects code points for a `CodePointString`, staying on scalars until a lone surrogate comes.
struct CodePointBuilder {
    var scalars: [Unicode.Scalar] = []
    var surrogates: [(at: Int, value: UInt32)] = []

    mutating func reserveCapacity(_ n: Int) { scalars.reserveCapacity(n) }

    mutating func append(_ s: Unicode.Scalar) { scalars.append(s) }

    mutating func append<S: Sequence>(contentsOf s: S) where S.Element == Unicode.Scalar { scalars.append(contentsOf: s) }

    /// Appends any code point ≤ U+10FFFF, lone surrogates included.
    mutating func append(codePoint v: UInt32) {
        if let scalar = Unicode.Scalar(v) {
            scalars.append(scalar)
        } else {
            surrogates.append((scalars.count + surrogates.count, v))
        }
    }

    var isEmpty: Bool { scalars.isEmpty && surrogates.isEmpty }

    /// The string built.
    func build() -> CodePointString {
        if surrogates.isEmpty { return CodePointString(PyLiterals.string(scalars)) }
        var out: [UInt32] = []
        out.reserveCapacity(scalars.count + surrogates.count)
        var next = 0
        var scalarIndex = 0
        for position in 0..<(scalars.count + surrogates.count) {
            if next < surrogates.count, surrogates[next].at == position {
                out.append(surrogates[next].value)
                next += 1
            } else {
                out.append(scalars[scalarIndex].value)
                scalarIndex += 1
            }
        }
        return CodePointString(codePoints: out)
    }
}

// MARK: - CodePoint

/// One code point of a Python `str` (a `Unicode.Scalar`, or a lone surrogate, which that cannot be).
struct CodePoint: Hashable, Comparable, ExpressibleByUnicodeScalarLiteral {
    let value: UInt32

    init(_ value: UInt32) { self.value = value }

    init(_ byte: UInt8) { value = UInt32(byte) }

    init(_ scalar: Unicode.Scalar) { value = scalar.value }

    init(unicodeScalarLiteral scalar: Unicode.Scalar) { value = scalar.value }

    static func < (a: CodePoint, b: CodePoint) -> Bool { a.value < b.value }
}

extension CodePointString {
    /// The code points, for code that works on them one by one.
    var points: [CodePoint] {
        switch storage {
        case .text(let s): return s.unicodeScalars.map { CodePoint($0) }
        case .codePoints(let a): return a.map { CodePoint($0) }
        }
    }

    /// The string of these code points.
    init<C: Sequence>(points: C) where C.Element == CodePoint { self.init(codePoints: points.lazy.map(\.value)) }
}
