import Foundation

// MARK: - PySyntaxError

/// Text that Python's `ast.parse` would reject, with where and why.
public struct PySyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// Code-point offsets in the parsed text.
    public let range: Range<Int>

    public init(_ message: String, _ range: Range<Int>) {
        self.message = message
        self.range = range
    }

    public var description: String { message }
}

// MARK: - Token

struct Token: Sendable {
    enum Kind: UInt8, Sendable, Equatable { case name, number, string, op, end }

    var kind: Kind
    /// The operator, for `.op` tokens (`.none` otherwise).
    var op: PyOp = .none
    /// The keyword a name spells, if any.
    var keyword: PyKeyword?
    var start: Int
    var end: Int
    /// Name (NFKC-normalized) or number source text; empty for operators and strings.
    var text: String
    var string: StringToken?

    init(
        kind: Kind, start: Int, end: Int, text: String = "", op: PyOp = .none, keyword: PyKeyword? = nil,
        string: StringToken? = nil
    ) {
        self.kind = kind
        self.op = op
        self.keyword = keyword
        self.start = start
        self.end = end
        self.text = text
        self.string = string
    }

    var range: Range<Int> { start..<end }

    @inline(__always) func isOp(_ op: PyOp) -> Bool { self.op == op }
    @inline(__always) func isKeyword(_ keyword: PyKeyword) -> Bool { self.keyword == keyword }
}

/// Python's operator and delimiter tokens (and the NEWLINE the tokenizer reports outside brackets).
enum PyOp: UInt8, Sendable {
    case none
    case lpar, rpar, lsqb, rsqb, lbrace, rbrace, colon, comma, semi, plus, minus, star, slash, vbar, amper
    case less, greater, equal, dot, percent, tilde, circumflex, at
    case eqEqual, notEqual, lessEqual, greaterEqual, leftShift, rightShift, doubleStar, doubleSlash
    case plusEqual, minEqual, starEqual, slashEqual, percentEqual, amperEqual, vbarEqual, circumflexEqual
    case atEqual, rarrow, colonEqual
    case leftShiftEqual, rightShiftEqual, doubleStarEqual, doubleSlashEqual, ellipsis
    case newline

    /// The operator as written.
    var text: String {
        switch self {
        case .none: return ""
        case .lpar: return "("
        case .rpar: return ")"
        case .lsqb: return "["
        case .rsqb: return "]"
        case .lbrace: return "{"
        case .rbrace: return "}"
        case .colon: return ":"
        case .comma: return ","
        case .semi: return ";"
        case .plus: return "+"
        case .minus: return "-"
        case .star: return "*"
        case .slash: return "/"
        case .vbar: return "|"
        case .amper: return "&"
        case .less: return "<"
        case .greater: return ">"
        case .equal: return "="
        case .dot: return "."
        case .percent: return "%"
        case .tilde: return "~"
        case .circumflex: return "^"
        case .at: return "@"
        case .eqEqual: return "=="
        case .notEqual: return "!="
        case .lessEqual: return "<="
        case .greaterEqual: return ">="
        case .leftShift: return "<<"
        case .rightShift: return ">>"
        case .doubleStar: return "**"
        case .doubleSlash: return "//"
        case .plusEqual: return "+="
        case .minEqual: return "-="
        case .starEqual: return "*="
        case .slashEqual: return "/="
        case .percentEqual: return "%="
        case .amperEqual: return "&="
        case .vbarEqual: return "|="
        case .circumflexEqual: return "^="
        case .atEqual: return "@="
        case .rarrow: return "->"
        case .colonEqual: return ":="
        case .leftShiftEqual: return "<<="
        case .rightShiftEqual: return ">>="
        case .doubleStarEqual: return "**="
        case .doubleSlashEqual: return "//="
        case .ellipsis: return "..."
        case .newline: return "NEWLINE"
        }
    }

    /// The one-character operator `c`, if it is one.
    @inline(__always)
    static func single(_ c: Unicode.Scalar) -> PyOp? {
        switch c {
        case "(": return .lpar
        case ")": return .rpar
        case "[": return .lsqb
        case "]": return .rsqb
        case "{": return .lbrace
        case "}": return .rbrace
        case ":": return .colon
        case ",": return .comma
        case ";": return .semi
        case "+": return .plus
        case "-": return .minus
        case "*": return .star
        case "/": return .slash
        case "|": return .vbar
        case "&": return .amper
        case "<": return .less
        case ">": return .greater
        case "=": return .equal
        case ".": return .dot
        case "%": return .percent
        case "~": return .tilde
        case "^": return .circumflex
        case "@": return .at
        default: return nil
        }
    }

    /// The two-character operator `a b`, if it is one (`<>` is not, in Python 3).
    @inline(__always)
    static func double(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> PyOp? {
        switch (a, b) {
        case ("!", "="): return .notEqual
        case ("%", "="): return .percentEqual
        case ("&", "="): return .amperEqual
        case ("*", "*"): return .doubleStar
        case ("*", "="): return .starEqual
        case ("+", "="): return .plusEqual
        case ("-", "="): return .minEqual
        case ("-", ">"): return .rarrow
        case ("/", "/"): return .doubleSlash
        case ("/", "="): return .slashEqual
        case (":", "="): return .colonEqual
        case ("<", "<"): return .leftShift
        case ("<", "="): return .lessEqual
        case ("=", "="): return .eqEqual
        case (">", "="): return .greaterEqual
        case (">", ">"): return .rightShift
        case ("@", "="): return .atEqual
        case ("^", "="): return .circumflexEqual
        case ("|", "="): return .vbarEqual
        default: return nil
        }
    }

    /// The three-character operator `a b c`, if it is one.
    @inline(__always)
    static func triple(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> PyOp? {
        switch (a, b, c) {
        case (".", ".", "."): return .ellipsis
        case ("*", "*", "="): return .doubleStarEqual
        case ("/", "/", "="): return .doubleSlashEqual
        case (">", ">", "="): return .rightShiftEqual
        case ("<", "<", "="): return .leftShiftEqual
        default: return nil
        }
    }
}

/// Python 3.11's keywords (hard keywords; `match`/`case`/`_` are soft and plain names here).
enum PyKeyword: UInt8, Sendable, CaseIterable {
    case `False`, `None`, `True`, `and`, `as`, `assert`, `async`, `await`, `break`, `class`, `continue`
    case `def`, `del`, `elif`, `else`, `except`, `finally`, `for`, `from`, `global`, `if`, `import`
    case `in`, `is`, `lambda`, `nonlocal`, `not`, `or`, `pass`, `raise`, `return`, `try`, `while`
    case `with`, `yield`

    /// The keyword as written.
    var text: String { "\(self)" }

    /// Whether a keyword can begin an expression (`not x`, `lambda: 0`, `True`...).
    var startsExpression: Bool {
        switch self {
        case .not, .lambda, .await, .True, .False, .None, .yield: return true
        default: return false
        }
    }

    /// The keyword `scalars` spell, if any: the scalars are packed into one word (little-endian
    /// bytes) and matched in a switch, with no `String` made. Each case is the keyword's ASCII
    /// codes read from the last letter to the first (`0x6575_7254` is "eurT": `True`).
    static func of<C: Collection>(_ scalars: C) -> PyKeyword? where C.Element == Unicode.Scalar {
        let n = scalars.count
        guard n >= 2 && n <= 8 else { return nil }
        var word: UInt64 = 0
        var shift: UInt64 = 0
        for s in scalars {
            guard s.value < 0x80 else { return nil }
            word |= UInt64(s.value) << shift
            shift += 8
        }
        switch word {
        case 0x65_736C_6146: return .False
        case 0x656E_6F4E: return .None
        case 0x6575_7254: return .True
        case 0x646E61: return .and
        case 0x7361: return .as
        case 0x7472_6573_7361: return .assert
        case 0x63_6E79_7361: return .async
        case 0x74_6961_7761: return .await
        case 0x6B_6165_7262: return .break
        case 0x73_7361_6C63: return .class
        case 0x6575_6E69_746E_6F63: return .continue
        case 0x666564: return .def
        case 0x6C6564: return .del
        case 0x6669_6C65: return .elif
        case 0x6573_6C65: return .else
        case 0x7470_6563_7865: return .except
        case 0x79_6C6C_616E_6966: return .finally
        case 0x726F66: return .for
        case 0x6D6F_7266: return .from
        case 0x6C61_626F_6C67: return .global
        case 0x6669: return .if
        case 0x7472_6F70_6D69: return .import
        case 0x6E69: return .in
        case 0x7369: return .is
        case 0x6164_626D_616C: return .lambda
        case 0x6C61_636F_6C6E_6F6E: return .nonlocal
        case 0x746F6E: return .not
        case 0x726F: return .or
        case 0x7373_6170: return .pass
        case 0x65_7369_6172: return .raise
        case 0x6E72_7574_6572: return .return
        case 0x797274: return .try
        case 0x65_6C69_6877: return .while
        case 0x6874_6977: return .with
        case 0x64_6C65_6979: return .yield
        default: return nil
        }
    }
}

/// A string literal token before its escapes are decoded.
struct StringToken: Sendable {
    var isBytes = false
    var isRaw = false
    var isFormat = false
    var isUnicodePrefix = false
    /// Python marks `kind='u'` only when the token's first character is a lowercase `u`.
    var lowercaseUPrefix = false
    var quoteLength = 1
    /// The code points between the quotes.
    var body: [Unicode.Scalar] = []
    /// Offset of `body[0]` in the source.
    var bodyStart = 0
}

// MARK: - PyTokenizer

/// Python 3.11's tokenizer for one expression inside brackets (newlines are insignificant there).
struct PyTokenizer {
    let src: [Unicode.Scalar]
    var pos = 0
    /// Open brackets with their offsets.
    var brackets: [(Unicode.Scalar, Int)] = []
    /// Python's tokenizer refuses more than this many open brackets.
    static let maxBracketDepth = 200

    init(_ src: [Unicode.Scalar]) { self.src = src }

    func peekScalar(_ offset: Int = 0) -> Unicode.Scalar? {
        let i = pos + offset
        return i < src.count ? src[i] : nil
    }

    func err(_ message: String, _ start: Int, _ end: Int? = nil) -> PySyntaxError {
        PySyntaxError(message, start..<max(start + 1, end ?? start + 1))
    }

    static func isIdentStartASCII(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    static func isPotentialIdentChar(_ c: Unicode.Scalar) -> Bool {
        isIdentStartASCII(c) || (c >= "0" && c <= "9") || c.value >= 128
    }

    static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { $0 >= "0" && $0 <= "9" } ?? false }

    // MARK: Next token

    /// The next token. Every token but `.end` consumes at least one character, so a caller that
    /// loops until `.end` always ends; a scan that would not advance is refused as an error.
    mutating func next() throws(PySyntaxError) -> Token {
        let before = pos
        let token = try scan()
        guard token.kind == .end || pos > before else {
            throw err("the tokenizer made no progress here (a ptscope bug); the text is refused", before)
        }
        return token
    }

    mutating func scan() throws(PySyntaxError) -> Token {
        // Whitespace, comments, continuation lines.
        while pos < src.count {
            let c = src[pos]
            if c == " " || c == "\t" || c == "\u{0C}" {
                pos += 1
            } else if c == "\n" {
                if brackets.isEmpty { break }
                pos += 1
            } else if c == "#" {
                while pos < src.count && src[pos] != "\n" { pos += 1 }
            } else if c == "\\" {
                if pos + 1 < src.count && src[pos + 1] == "\n" {
                    pos += 2
                } else if pos + 1 >= src.count {
                    throw err("unexpected EOF while parsing", pos)
                } else {
                    throw err("unexpected character after line continuation character", pos)
                }
            } else {
                break
            }
        }
        let start = pos
        guard pos < src.count else { return Token(kind: .end, start: pos, end: pos) }
        let c = src[pos]
        if c == "\n" {
            // A newline outside brackets: only allowed at the end.
            var p = pos
            while p < src.count, [" ", "\t", "\u{0C}", "\n"].contains(src[p]) || src[p] == "#" {
                if src[p] == "#" { while p < src.count && src[p] != "\n" { p += 1 } } else { p += 1 }
            }
            if p >= src.count {
                pos = p
                return Token(kind: .end, start: p, end: p)
            }
            // More follows: the NEWLINE token consumes its line break (eval mode accepts none here).
            pos += 1
            return Token(kind: .op, start: start, end: pos, op: .newline)
        }
        if c == "\0" { throw err("source code string cannot contain null bytes", pos) }

        if PyTokenizer.isIdentStartASCII(c) || c.value >= 128 {
            return try identifierOrString(start)
        }
        if PyTokenizer.isDigit(c) || (c == "." && PyTokenizer.isDigit(peekScalar(1))) {
            return try number(start)
        }
        if c == "'" || c == "\"" {
            return try stringToken(start, prefix: StringToken())
        }
        return try operatorToken(start)
    }

    // MARK: Names and prefixed strings

    mutating func identifierOrString(_ start: Int) throws(PySyntaxError) -> Token {
        var sawB = false
        var sawR = false
        var sawU = false
        var sawF = false
        while pos < src.count {
            let c = src[pos]
            if !(sawB || sawU || sawF) && (c == "b" || c == "B") {
                sawB = true
            } else if !(sawB || sawU || sawR || sawF) && (c == "u" || c == "U") {
                sawU = true
            } else if !(sawR || sawU) && (c == "r" || c == "R") {
                sawR = true
            } else if !(sawF || sawB || sawU) && (c == "f" || c == "F") {
                sawF = true
            } else {
                break
            }
            pos += 1
            if let q = peekScalar(), q == "'" || q == "\"" {
                var prefix = StringToken()
                prefix.isBytes = sawB
                prefix.isRaw = sawR
                prefix.isFormat = sawF
                prefix.isUnicodePrefix = sawU
                prefix.lowercaseUPrefix = src[start] == "u"
                return try stringToken(start, prefix: prefix)
            }
        }
        var ascii = true
        while pos < src.count {
            let c = src[pos]
            if PyTokenizer.isIdentStartASCII(c) || (c >= "0" && c <= "9") {
                pos += 1
            } else if c.value >= 128 {
                ascii = false
                pos += 1
            } else {
                break
            }
        }
        let scalars = src[start..<pos]
        if ascii {
            return Token(
                kind: .name, start: start, end: pos, text: PyTokenizer.asciiString(scalars), keyword: PyKeyword.of(scalars))
        }
        var text = String(String.UnicodeScalarView(scalars))
        for (i, s) in scalars.enumerated() {
            let ok = i == 0 ? (s == "_" || PythonUnicode.isXIDStart(s)) : PythonUnicode.isXIDContinue(s)
            if !ok {
                let hex = String(format: "%04X", s.value)
                let printable = PyRepr.isPrintable(s)
                throw err(
                    printable ? "invalid character '\(Character(s))' (U+\(hex))" : "invalid non-printable character U+\(hex)",
                    start + i)
            }
        }
        // CPython matches keywords on the text as written and normalizes only the name's id, so a
        // non-ASCII spelling of a keyword (`𝐓𝐫𝐮𝐞`, `ｉｆ`) is a name whose id is the keyword's text.
        text = text.precomposedStringWithCompatibilityMapping
        return Token(kind: .name, start: start, end: pos, text: text, keyword: nil)
    }

    // MARK: Numbers

    mutating func number(_ start: Int) throws(PySyntaxError) -> Token {
        func digits(_ isValid: (Unicode.Scalar) -> Bool, kind: String) throws(PySyntaxError) {
            // digit (_? digit)*  — the first digit already checked by the caller
            while pos < src.count {
                if isValid(src[pos]) {
                    pos += 1
                    continue
                }
                if src[pos] == "_" {
                    if pos + 1 < src.count && isValid(src[pos + 1]) {
                        pos += 2
                        continue
                    }
                    throw err("invalid \(kind) literal", pos + 1)
                }
                break
            }
        }
        let isDec: (Unicode.Scalar) -> Bool = { $0 >= "0" && $0 <= "9" }
        var isFloat = false
        if src[pos] == "0", let x = peekScalar(1), x == "x" || x == "X" || x == "o" || x == "O" || x == "b" || x == "B" {
            let kind: String
            let valid: (Unicode.Scalar) -> Bool
            switch x {
            case "x", "X":
                kind = "hexadecimal"
                valid = { ($0 >= "0" && $0 <= "9") || ($0 >= "a" && $0 <= "f") || ($0 >= "A" && $0 <= "F") }
            case "o", "O":
                kind = "octal"
                valid = { $0 >= "0" && $0 <= "7" }
            default:
                kind = "binary"
                valid = { $0 == "0" || $0 == "1" }
            }
            pos += 2
            if pos < src.count && src[pos] == "_" { pos += 1 }
            guard pos < src.count, valid(src[pos]) else {
                if pos < src.count, isDec(src[pos]) {
                    throw err("invalid digit '\(Character(src[pos]))' in \(kind) literal", pos)
                }
                throw err("invalid \(kind) literal", pos)
            }
            try digits(valid, kind: kind)
            if pos < src.count, isDec(src[pos]) {
                throw err("invalid digit '\(Character(src[pos]))' in \(kind) literal", pos)
            }
            try endOfNumber(kind: kind)
            return Token(kind: .number, start: start, end: pos, text: PyTokenizer.asciiString(src[start..<pos]))
        }
        if src[pos] == "." {
            isFloat = true
            pos += 1
            try digits(isDec, kind: "decimal")
        } else {
            let leadingZero = src[pos] == "0"
            pos += 1
            try digits(isDec, kind: "decimal")
            let nonZeroDigit = src[start..<pos].contains { $0 != "0" && $0 != "_" }
            if pos < src.count && src[pos] == "." {
                isFloat = true
                pos += 1
                if pos < src.count, isDec(src[pos]) { try digits(isDec, kind: "decimal") }
            }
            if leadingZero && !isFloat && nonZeroDigit {
                let next = pos < src.count ? src[pos] : " "
                if next != "e" && next != "E" && next != "j" && next != "J" {
                    let message =
                        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
                    throw err(message, start, pos)
                }
            }
        }
        if pos < src.count, src[pos] == "e" || src[pos] == "E" {
            let e = pos
            pos += 1
            if pos < src.count, src[pos] == "+" || src[pos] == "-" {
                pos += 1
                guard pos < src.count, isDec(src[pos]) else { throw err("invalid decimal literal", pos) }
            }
            if pos < src.count, isDec(src[pos]) {
                isFloat = true
                try digits(isDec, kind: "decimal")
            } else {
                pos = e
                try endOfNumber(kind: "decimal")
                return Token(kind: .number, start: start, end: pos, text: PyTokenizer.asciiString(src[start..<pos]))
            }
        }
        if pos < src.count, src[pos] == "j" || src[pos] == "J" {
            pos += 1
            try endOfNumber(kind: "imaginary")
        } else {
            try endOfNumber(kind: isFloat ? "decimal" : "decimal")
        }
        return Token(kind: .number, start: start, end: pos, text: PyTokenizer.asciiString(src[start..<pos]))
    }

    /// Python 3.11's `verify_end_of_number`: a keyword may follow directly, any other name may not.
    mutating func endOfNumber(kind: String) throws(PySyntaxError) {
        guard pos < src.count else { return }
        let c = src[pos]
        func ahead(_ s: String) -> Bool {
            let scalars = Array(s.unicodeScalars)
            guard pos + 1 + scalars.count <= src.count else { return false }
            return Array(src[(pos + 1)..<(pos + 1 + scalars.count)]) == scalars
        }
        var allowed = false
        switch c {
        case "a": allowed = ahead("nd")
        case "e": allowed = ahead("lse")
        case "f": allowed = ahead("or")
        case "i": if let c2 = peekScalar(1) { allowed = c2 == "f" || c2 == "n" || c2 == "s" }
        case "o": allowed = ahead("r")
        case "n": allowed = ahead("ot")
        default: break
        }
        if !allowed && PyTokenizer.isPotentialIdentChar(c) {
            throw err("invalid \(kind) literal", pos)
        }
    }

    // MARK: Strings

    mutating func stringToken(_ start: Int, prefix: StringToken) throws(PySyntaxError) -> Token {
        var token = prefix
        let quote = src[pos]
        if pos + 2 < src.count && src[pos + 1] == quote && src[pos + 2] == quote {
            token.quoteLength = 3
        }
        pos += token.quoteLength
        token.bodyStart = pos
        while true {
            guard pos < src.count else {
                if token.quoteLength == 3 {
                    throw err("unterminated triple-quoted string literal", start, src.count)
                }
                throw err("unterminated string literal", start, src.count)
            }
            let c = src[pos]
            if c == quote {
                if token.quoteLength == 1 { break }
                if pos + 2 < src.count && src[pos + 1] == quote && src[pos + 2] == quote { break }
                pos += 1
            } else if c == "\\" {
                pos += 2
                if pos > src.count { pos = src.count }
            } else if c == "\n" && token.quoteLength == 1 {
                throw err("unterminated string literal", start, pos)
            } else {
                pos += 1
            }
        }
        token.body = Array(src[token.bodyStart..<pos])
        pos += token.quoteLength
        return Token(kind: .string, start: start, end: pos, text: "", string: token)
    }

    // MARK: Operators

    /// A `String` of ASCII scalars, made without going through `String.UnicodeScalarView`.
    static func asciiString(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(unsafeUninitializedCapacity: scalars.count) { buffer in
            var k = 0
            for s in scalars {
                buffer[k] = UInt8(truncatingIfNeeded: s.value)
                k += 1
            }
            return k
        }
    }

    mutating func operatorToken(_ start: Int) throws(PySyntaxError) -> Token {
        let c = src[pos]
        if pos + 2 < src.count, let op = PyOp.triple(c, src[pos + 1], src[pos + 2]) {
            pos += 3
            return Token(kind: .op, start: start, end: pos, op: op)
        }
        if pos + 1 < src.count, let op = PyOp.double(c, src[pos + 1]) {
            pos += 2
            return Token(kind: .op, start: start, end: pos, op: op)
        }
        guard let op = PyOp.single(c) else {
            if c == "!" { throw err("invalid syntax", pos) }
            let hex = String(format: "%04X", c.value)
            if PyRepr.isPrintable(c) {
                throw err("invalid character '\(Character(c))' (U+\(hex))", pos)
            }
            throw err("invalid non-printable character U+\(hex)", pos)
        }
        pos += 1
        switch op {
        case .lpar, .lsqb, .lbrace:
            if brackets.count >= PyTokenizer.maxBracketDepth {
                throw err("too many nested parentheses", start)
            }
            brackets.append((c, start))
        case .rpar, .rsqb, .rbrace:
            guard let (open, openAt) = brackets.popLast() else {
                throw err("unmatched '\(Character(c))'", start)
            }
            let expected: Unicode.Scalar = open == "(" ? ")" : open == "[" ? "]" : "}"
            if expected != c {
                throw PySyntaxError(
                    "closing parenthesis '\(Character(c))' does not match opening parenthesis '\(Character(open))'",
                    openAt..<(start + 1))
            }
        default: break
        }
        return Token(kind: .op, start: start, end: pos, op: op)
    }
}
