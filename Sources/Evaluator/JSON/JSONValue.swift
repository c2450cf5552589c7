// MARK: - JSONValue

/// A lossless, order-preserving JSON value.
///
/// Numbers keep their source text so that integers of any size and floats round-trip exactly;
/// objects keep every member in source order, duplicates included (lookups see the last one,
/// as Python's `json` module does).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member named `key` (the last one when the key repeats), or nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The object, when this is an object.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// A short name of the kind of value, for messages ("an array", "a string"...).
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

// MARK: - JSONNumber

/// A JSON number as written in the source.
public struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    /// The exact source text (`-12`, `3.50`, `1e400`, `NaN`, `-Infinity`).
    public let text: String

    public init(text: String) { self.text = text }

    /// Whether Python's `json` module reads this as an `int` (no fraction, no exponent).
    public var isInteger: Bool {
        !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
            && text != "NaN" && text != "Infinity" && text != "-Infinity"
    }

    /// The value as a `Double` (Python's `float(text)`).
    public var doubleValue: Double {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(text) ?? .nan
        }
    }

    public var description: String { text }
}

// MARK: - JSONObject

/// A JSON object's members in source order.
public struct JSONObject: Sendable, Equatable {
    /// Every member as written, duplicates included.
    public var members: [(key: String, value: JSONValue)]

    public init(members: [(key: String, value: JSONValue)] = []) { self.members = members }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key.scalarsEqual($1.key) && $0.value == $1.value }
    }

    /// The last member named `key` (compared by code points, as Python does).
    public subscript(key: String) -> JSONValue? {
        for member in members.reversed() where member.key.scalarsEqual(key) { return member.value }
        return nil
    }

    /// Python's view of the object: keys at their first position, each with its last value.
    public var pythonMembers: [(key: String, value: JSONValue)] {
        if members.count <= 16 {
            // Few members: repeats are found by comparing keys pairwise, with no hashing.
            var repeated = false
            outer: for i in members.indices.dropFirst() {
                for j in 0..<i where members[j].key.scalarsEqual(members[i].key) {
                    repeated = true
                    break outer
                }
            }
            if !repeated { return members }
        }
        var result: [(key: String, value: JSONValue)] = []
        var position: [String: Int] = [:]  // keyed by scalar-exact form
        for member in members {
            let exact = member.key.scalarKey
            if let at = position[exact] {
                result[at].value = member.value
            } else {
                position[exact] = result.count
                result.append(member)
            }
        }
        return result
    }
}

// MARK: - Code-point string equality

extension String {
    /// Equality by Unicode scalars, as Python compares `str` (Swift's `==` folds canonical equivalents).
    /// (UTF-8 encodes each scalar sequence one way only, so comparing the bytes is comparing the scalars.)
    @inlinable
    public func scalarsEqual(_ other: String) -> Bool {
        let a = self.utf8, b = other.utf8
        guard a.count == b.count else { return false }
        if let same = a.withContiguousStorageIfAvailable({ x in b.withContiguousStorageIfAvailable { y in x.elementsEqual(y) } }) ?? nil {
            return same
        }
        return a.elementsEqual(b)
    }

    /// A key that distinguishes strings by code points even where Swift's `==` would not.
    var scalarKey: String {
        // Escape each non-ASCII scalar so canonically-equivalent spellings stay distinct.
        if self.utf8.allSatisfy({ $0 < 0x80 }) { return self }
        var out = ""
        for scalar in unicodeScalars {
            if scalar.value < 0x80 { out.unicodeScalars.append(scalar) } else { out += "\\u{\(String(scalar.value, radix: 16))}" }
        }
        return out
    }
}
