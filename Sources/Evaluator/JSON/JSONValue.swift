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
    case string(CodePointString)
    case array([JSONValue])
    case object(JSONObject)

    /// The member named `key` (the last one when the key repeats), or nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// A string value holding `s`.
    public static func string(_ s: String) -> JSONValue { .string(CodePointString(s)) }

    /// The string, when this is a string (a lone surrogate shown as its escape `\udXXX`).
    public var stringValue: String? {
        if case .string(let s) = self { return s.escaped }
        return nil
    }

    /// The string with its code points, when this is a string.
    public var codePointString: CodePointString? {
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
