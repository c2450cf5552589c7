import Foundation

// MARK: - Colour depth and resolved styles

/// How many colours the terminal offers (decided once at start-up).
public enum ColorDepth: Int, Sendable, CaseIterable {
    /// No colour: `NO_COLOR`, `--no-color`, or a terminal without colours. Attributes carry meaning.
    case mono = 0
    case c8 = 8
    case c16 = 16
    case c256 = 256

    /// The depth for a terminal reporting `colors` colours.
    public init(colors: Int) {
        self = colors >= 256 ? .c256 : colors >= 16 ? .c16 : colors >= 8 ? .c8 : .mono
    }
}

/// A role resolved for one depth: palette indices (-1: the terminal's own colour) and attributes.
public struct TextStyle: Sendable, Hashable {
    public var fg: Int
    public var bg: Int
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(fg: Int = -1, bg: Int = -1, bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false)
    {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    public static let plain = TextStyle()
}

// MARK: - Theme file

/// A colour as written in a theme: a name (`red`, `bright-blue`, `default`), a palette index, or
/// one value per depth (`{ c8: "blue", c16: "bright-blue", c256: 33 }`).
public struct ColorSpec: Sendable, Equatable, Decodable {
    public var c8: Int?
    public var c16: Int?
    public var c256: Int?

    static let names = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan",
        "bright-white",
    ]

    enum Keys: String, CodingKey, CaseIterable { case c8, c16, c256 }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            if let n = try? single.decode(Int.self) {
                let v = try ColorSpec.check(n, max: 255, decoder.codingPath)
                (c8, c16, c256) = (v < 8 ? v : nil, v < 16 ? v : nil, v)
                return
            }
            if let s = try? single.decode(String.self) {
                let v = try ColorSpec.parse(s, decoder.codingPath)
                (c8, c16, c256) = (v < 8 ? v : nil, v < 16 ? v : nil, v)
                return
            }
        }
        let c = try decoder.container(keyedBy: AnyKey.self)
        for key in c.allKeys where Keys(rawValue: key.stringValue) == nil {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c, debugDescription: "unknown depth \"\(key.stringValue)\" (expected c8, c16, c256)")
        }
        func value(_ k: String, max: Int) throws -> Int? {
            let key = AnyKey(k)
            guard c.contains(key) else { return nil }
            if let n = try? c.decode(Int.self, forKey: key) { return try ColorSpec.check(n, max: max, c.codingPath + [key]) }
            let v = try ColorSpec.parse(try c.decode(String.self, forKey: key), c.codingPath + [key])
            if v > max {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: c, debugDescription: "colour \(v) does not exist at depth \(k)")
            }
            return v
        }
        c8 = try value("c8", max: 7)
        c16 = try value("c16", max: 15)
        c256 = try value("c256", max: 255)
    }

    static func check(_ n: Int, max: Int, _ path: [any CodingKey]) throws -> Int {
        guard n >= -1 && n <= max else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: path, debugDescription: "colour index \(n) is outside -1...\(max)"))
        }
        return n
    }

    static func parse(_ s: String, _ path: [any CodingKey]) throws -> Int {
        if s == "default" { return -1 }
        if let i = names.firstIndex(of: s) { return i }
        throw DecodingError.dataCorrupted(
            .init(
                codingPath: path,
                debugDescription: "unknown colour \"\(s)\" (expected default, \(names.joined(separator: ", ")), or 0-255)"))
    }

    /// The palette index at `depth`, falling back to the nearest lower depth's value.
    public func index(at depth: ColorDepth) -> Int? {
        switch depth {
        case .mono: return nil
        case .c8: return c8
        case .c16: return c16 ?? c8
        case .c256: return c256 ?? c16 ?? c8
        }
    }
}

/// Attributes used when there is no colour at all (or to strengthen a coloured role).
public struct Attributes: Sendable, Equatable, Decodable {
    public var bold = false
    public var underline = false
    public var reverse = false
    public var dim = false

    enum Keys: String, CaseIterable { case bold, underline, reverse, dim }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        for key in c.allKeys where Keys(rawValue: key.stringValue) == nil {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription: "unknown attribute \"\(key.stringValue)\" (expected bold, underline, reverse, dim)")
        }
        bold = try c.decodeIfPresent(Bool.self, forKey: AnyKey("bold")) ?? false
        underline = try c.decodeIfPresent(Bool.self, forKey: AnyKey("underline")) ?? false
        reverse = try c.decodeIfPresent(Bool.self, forKey: AnyKey("reverse")) ?? false
        dim = try c.decodeIfPresent(Bool.self, forKey: AnyKey("dim")) ?? false
    }
}

/// One role in a theme file.
public struct RoleStyle: Sendable, Equatable, Decodable {
    public var fg: ColorSpec?
    public var bg: ColorSpec?
    public var attributes = Attributes()
    /// Attributes used instead when there is no colour.
    public var mono: Attributes?

    static let keys: Set<String> = ["fg", "bg", "bold", "underline", "reverse", "dim", "mono"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        for key in c.allKeys where !RoleStyle.keys.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription:
                    "unknown key \"\(key.stringValue)\" (expected \(RoleStyle.keys.sorted().joined(separator: ", ")))")
        }
        fg = try c.decodeIfPresent(ColorSpec.self, forKey: AnyKey("fg"))
        bg = try c.decodeIfPresent(ColorSpec.self, forKey: AnyKey("bg"))
        attributes = try Attributes(from: decoder, only: Attributes.Keys.allCases.map(\.rawValue))
        mono = try c.decodeIfPresent(Attributes.self, forKey: AnyKey("mono"))
    }
}

extension Attributes {
    init(from decoder: any Decoder, only keys: [String]) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        bold = try c.decodeIfPresent(Bool.self, forKey: AnyKey("bold")) ?? false
        underline = try c.decodeIfPresent(Bool.self, forKey: AnyKey("underline")) ?? false
        reverse = try c.decodeIfPresent(Bool.self, forKey: AnyKey("reverse")) ?? false
        dim = try c.decodeIfPresent(Bool.self, forKey: AnyKey("dim")) ?? false
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

// MARK: - Theme

/// A colour theme: named roles with colours per depth and monochrome attributes (a data file).
public struct Theme: Sendable {
    /// The file format version this build reads.
    public static let formatVersion = 1

    public var name: String
    public var description: String
    public var roles: [Role: RoleStyle]

    /// Decodes a theme file's bytes (JSON5: comments and trailing commas allowed).
    /// Throws ``ThemeError`` naming the file, the key path and the problem; fills `warnings`
    /// with what was ignored (unknown roles).
    public static func decode(_ data: Data, file: String, warnings: inout [String]) throws(ThemeError) -> Theme {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        let raw: ThemeFile
        do {
            raw = try decoder.decode(ThemeFile.self, from: data)
        } catch let error as DecodingError {
            throw ThemeError(file: file, message: ThemeError.describe(error))
        } catch {
            throw ThemeError(file: file, message: "\(error)")
        }
        guard raw.version <= formatVersion else {
            throw ThemeError(
                file: file, message: "theme version \(raw.version) is newer than this ptscope reads (version \(formatVersion))")
        }
        guard raw.version >= 1 else { throw ThemeError(file: file, message: "version must be 1 or more, found \(raw.version)") }
        var roles: [Role: RoleStyle] = [:]
        for (key, style) in raw.roles {
            if let role = Role(rawValue: key) {
                roles[role] = style
            } else {
                warnings.append(
                    "\(file): roles.\(key): unknown role, ignored (known: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
        }
        for key in raw.unknownKeys { warnings.append("\(file): \(key): unknown key, ignored") }
        return Theme(name: raw.name ?? (file as NSString).lastPathComponent, description: raw.description ?? "", roles: roles)
    }

    /// The style of every role at `depth`, fallbacks applied. At `.mono` colours are dropped and
    /// each role's `mono` attributes are used.
    public func resolve(depth: ColorDepth) -> ResolvedTheme {
        var out: [Role: TextStyle] = [:]
        for role in Role.allCases {
            var r: Role? = role
            var style: RoleStyle?
            while let current = r, style == nil {
                style = roles[current]
                r = current.fallback
            }
            guard let style else {
                out[role] = .plain
                continue
            }
            if depth == .mono {
                let a = style.mono ?? style.attributes
                out[role] = TextStyle(bold: a.bold, underline: a.underline, reverse: a.reverse, dim: a.dim)
            } else {
                let a = style.attributes
                out[role] = TextStyle(
                    fg: style.fg?.index(at: depth) ?? -1, bg: style.bg?.index(at: depth) ?? -1,
                    bold: a.bold, underline: a.underline, reverse: a.reverse, dim: a.dim)
            }
        }
        // A key letter in the status bar keeps the bar's background (a theme may still set it).
        if roles[.statusKey] == nil, let key = out[.key], let bar = out[.statusBar] {
            out[.statusKey] =
                depth == .mono
                ? TextStyle(bold: true, underline: key.underline, reverse: bar.reverse, dim: false)
                : TextStyle(fg: key.fg, bg: bar.bg, bold: key.bold, underline: key.underline, reverse: bar.reverse)
        }
        return ResolvedTheme(styles: out, depth: depth)
    }
}

/// A theme resolved for the terminal in use: a style per role, computed once and passed down.
public struct ResolvedTheme: Sendable {
    public var styles: [Role: TextStyle]
    public var depth: ColorDepth

    public subscript(role: Role) -> TextStyle { styles[role] ?? .plain }
}

/// A theme file that cannot be used.
public struct ThemeError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }

    static func describe(_ error: DecodingError) -> String {
        func path(_ p: [any CodingKey]) -> String {
            p.isEmpty ? "(top level)" : p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let c):
            if c.codingPath.isEmpty {
                let underlying = (c.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                return "not valid JSON5: \(underlying ?? c.debugDescription)"
            }
            return "\(path(c.codingPath)): \(c.debugDescription)"
        case .keyNotFound(let k, let c): return "\(path(c.codingPath + [k])): missing (required)"
        case .typeMismatch(let t, let c): return "\(path(c.codingPath)): expected \(t)"
        case .valueNotFound(let t, let c): return "\(path(c.codingPath)): expected \(t), found null"
        @unknown default: return "\(error)"
        }
    }
}

/// The top level of a theme file.
struct ThemeFile: Decodable {
    var version: Int
    var name: String?
    var description: String?
    var roles: [String: RoleStyle]
    var unknownKeys: [String] = []

    static let known: Set<String> = ["version", "name", "description", "roles"]

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        version = try c.decode(Int.self, forKey: AnyKey("version"))
        name = try c.decodeIfPresent(String.self, forKey: AnyKey("name"))
        description = try c.decodeIfPresent(String.self, forKey: AnyKey("description"))
        roles = try c.decode([String: RoleStyle].self, forKey: AnyKey("roles"))
        unknownKeys = c.allKeys.map(\.stringValue).filter { !ThemeFile.known.contains($0) }.sorted()
    }
}
