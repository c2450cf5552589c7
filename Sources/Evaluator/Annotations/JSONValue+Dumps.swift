// MARK: - json.dumps

extension JSONValue {
    /// The value as Python's `json.dumps(value, ensure_ascii=False)` writes it (`", "` and `": "`
    /// separators); numbers keep their source text, an object its Python view (one member per key).
    public var dumps: String {
        var out = ""
        JSONValue.dump(self, into: &out)
        return out
    }

    /// `json.dumps`'s layout over `v`, with numbers and strings written by `number` and `string`
    /// (source text and `ensure_ascii=False` here; Python's number spelling and ASCII escapes for
    /// `generation.jsonl`, see ``GenerationLine``).
    static func dump(
        _ v: JSONValue, into out: inout String, number: (JSONNumber) -> String = { $0.text },
        string: (CodePointString, inout String) -> Void = dumpString
    ) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += number(n)
        case .string(let s): string(s, &out)
        case .array(let items):
            out += "["
            for (k, item) in items.enumerated() {
                if k > 0 { out += ", " }
                dump(item, into: &out, number: number, string: string)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (k, member) in object.exactPythonMembers.enumerated() {
                if k > 0 { out += ", " }
                string(member.key, &out)
                out += ": "
                dump(member.value, into: &out, number: number, string: string)
            }
            out += "}"
        }
    }

    /// Python's `py_encode_basestring`: escapes `"`, `\` and control characters only (and a lone
    /// surrogate, which no file can hold, as its escape `\udXXX`, which reads back as the same string).
    static func dumpString(_ s: CodePointString, into out: inout String) {
        out += "\""
        for point in s.points {
            guard let c = Unicode.Scalar(point.value) else {
                out += "\\u" + String(point.value, radix: 16)
                continue
            }
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if c.value < 0x20 {
                    let hex = String(c.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        out += "\""
    }
}

// MARK: - Paths

extension JSONValue {
    /// The value at `path`, or nil when the path leads nowhere.
    public func value(at path: some Collection<PathStep>) -> JSONValue? {
        var current = self
        for step in path {
            switch (step, current) {
            case (.index(let i), .array(let items)) where items.indices.contains(i): current = items[i]
            case (.key(let k), .object(let object)):
                guard let v = object[k] else { return nil }
                current = v
            default: return nil
            }
        }
        return current
    }

    /// Applies `before → after` at `path`; returns why it does not fit, or nil once applied.
    mutating func apply(before: JSONValue?, after: JSONValue?, at path: ArraySlice<PathStep>) -> String? {
        guard let step = path.first else {
            guard let before, let after else { return "a whole field cannot be inserted or deleted" }
            guard self == before else { return "expected \(GoldChange.short(before)), found \(GoldChange.short(self))" }
            self = after
            return nil
        }
        let rest = path.dropFirst()
        switch (step, self) {
        case (.index(let i), .array(var items)):
            if rest.isEmpty {
                if let problem = JSONValue.edit(&items, at: i, before: before, after: after) { return problem }
            } else {
                guard items.indices.contains(i) else { return "no element \(i) (\(items.count) elements)" }
                var child = items[i]
                if let problem = child.apply(before: before, after: after, at: rest) { return problem }
                items[i] = child
            }
            self = .array(items)
            return nil
        case (.key(let k), .object(var object)):
            let at = object.members.lastIndex { $0.key.scalarsEqual(k) }
            if rest.isEmpty {
                switch (before, after) {
                case (nil, let a?):
                    guard at == nil else { return "\(JSONText.string(k)) is already there" }
                    object.members.append((k, a))
                case (let b?, nil):
                    guard let at else { return "no member \(JSONText.string(k))" }
                    guard object.members[at].value == b else { return mismatch(b, object.members[at].value) }
                    object.members.removeAll { $0.key.scalarsEqual(k) }
                case (let b?, let a?):
                    guard let at else { return "no member \(JSONText.string(k))" }
                    guard object.members[at].value == b else { return mismatch(b, object.members[at].value) }
                    object.members[at].value = a
                case (nil, nil): return "the change has neither a before nor an after value"
                }
            } else {
                guard let at else { return "no member \(JSONText.string(k))" }
                var child = object.members[at].value
                if let problem = child.apply(before: before, after: after, at: rest) { return problem }
                object.members[at].value = child
            }
            self = .object(object)
            return nil
        case (.index(let i), _):
            return "element \(i) asked of \(kindDescription), not an array"
        case (.key(let k), _):
            return "member \(JSONText.string(k)) asked of \(kindDescription), not an object"
        }
    }

    private static func edit(_ items: inout [JSONValue], at i: Int, before: JSONValue?, after: JSONValue?) -> String? {
        switch (before, after) {
        case (nil, let a?):
            guard i >= 0 && i <= items.count else { return "cannot insert at \(i) (\(items.count) elements)" }
            items.insert(a, at: i)
        case (let b?, nil):
            guard items.indices.contains(i) else { return "no element \(i) (\(items.count) elements)" }
            guard items[i] == b else { return mismatch(b, items[i]) }
            items.remove(at: i)
        case (let b?, let a?):
            guard items.indices.contains(i) else { return "no element \(i) (\(items.count) elements)" }
            guard items[i] == b else { return mismatch(b, items[i]) }
            items[i] = a
        case (nil, nil): return "the change has neither a before nor an after value"
        }
        return nil
    }

    private static func mismatch(_ expected: JSONValue, _ found: JSONValue) -> String {
        "expected \(GoldChange.short(expected)), found \(GoldChange.short(found))"
    }

    private func mismatch(_ expected: JSONValue, _ found: JSONValue) -> String { JSONValue.mismatch(expected, found) }
}
