import Evaluator

// MARK: - Catalog

/// A case's tool catalog in the common shapes: platforms with descriptions, API schemas with
/// name / description / JSON-schema parameters. Anything else is kept for the raw tree view.
public struct Catalog: Sendable {
    public struct Platform: Sendable {
        public var name: String
        public var description: String
    }

    public struct API: Sendable {
        public var platform: String?
        public var name: String
        public var description: String
        public var params: [Param]
    }

    public struct Param: Sendable {
        public var name: String
        public var type: String
        public var description: String
        public var required: Bool
        public var enumValues: [String]
    }

    public var platforms: [Platform] = []
    public var apis: [API] = []
    /// True when `tools` had a shape this reader does not know (shown as a JSON tree instead).
    public var toolsUnknownShape = false
    public var rawTools: JSONValue?

    /// Reads the common shapes of `platforms` and `tools`.
    public init(platforms: JSONValue?, tools: JSONValue?) {
        rawTools = tools
        for p in platforms?.arrayValue ?? [] {
            if let name = p["name"]?.stringValue {
                self.platforms.append(Platform(name: name, description: p["description"]?.stringValue ?? ""))
            } else if let name = p.stringValue {
                self.platforms.append(Platform(name: name, description: ""))
            }
        }
        if let object = platforms?.objectValue {
            for (k, v) in object.members { self.platforms.append(Platform(name: k, description: v.stringValue ?? "")) }
        }
        switch tools {
        case .array(let items)?:
            for item in items {
                if let api = Catalog.api(item, platform: nil) { apis.append(api) } else { toolsUnknownShape = true }
            }
        case .object(let object)?:
            for (platform, list) in object.members {
                for item in list.arrayValue ?? [] {
                    if let api = Catalog.api(item, platform: platform) { apis.append(api) } else { toolsUnknownShape = true }
                }
            }
        case nil: break
        default: toolsUnknownShape = true
        }
    }

    static func api(_ v: JSONValue, platform: String?) -> API? {
        let body = v["function"] ?? v  // OpenAI-style {"type": "function", "function": {...}}
        guard let name = body["name"]?.stringValue else { return nil }
        var params: [Param] = []
        let schema = body["parameters"]
        let required = Set((schema?["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        if let props = schema?["properties"]?.objectValue {
            for (k, p) in props.members {
                params.append(
                    Param(
                        name: k, type: Catalog.typeName(p["type"]), description: p["description"]?.stringValue ?? "",
                        required: required.contains(k), enumValues: (p["enum"]?.arrayValue ?? []).map(Catalog.plain)))
            }
        } else if let props = schema?.objectValue, schema?["type"] == nil {
            for (k, p) in props.members {
                params.append(
                    Param(
                        name: k, type: Catalog.typeName(p["type"]),
                        description: p["description"]?.stringValue ?? p.stringValue ?? "",
                        required: false, enumValues: []))
            }
        }
        return API(
            platform: (v["platform"] ?? body["platform"])?.stringValue ?? platform, name: name,
            description: body["description"]?.stringValue ?? "", params: params)
    }

    static func typeName(_ v: JSONValue?) -> String {
        switch v {
        case .string(let s)?: return s.escaped
        case .array(let a)?: return a.map(plain).joined(separator: "|")
        default: return ""
        }
    }

    static func plain(_ v: JSONValue) -> String {
        if let s = v.stringValue { return s }
        return JSONRender.compact(v)
    }

    /// The platform names of a `platforms` value.
    static func platformNames(_ v: JSONValue?) -> [String] {
        Catalog(platforms: v, tools: nil).platforms.map(\.name)
    }
}

// MARK: - JSONRender

/// JSON values as short text for display.
public enum JSONRender {
    /// One-line JSON (`{"a": 1, "b": [2, 3]}`).
    public static func compact(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.text
        case .string(let s): return JSONText.string(s)
        case .array(let a): return "[" + a.map(compact).joined(separator: ", ") + "]"
        case .object(let o):
            return "{" + o.members.map { JSONText.string($0.key) + ": " + compact($0.value) }.joined(separator: ", ") + "}"
        }
    }
}
