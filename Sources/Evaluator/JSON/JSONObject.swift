// MARK: - JSONObject

/// A JSON object's members in source order.
public struct JSONObject: Sendable, Equatable {
    /// Every member as written, duplicates included.
    public var members: [(key: String, value: JSONValue)]
    /// The keys that hold a lone surrogate (`"\ud83c"`), by member index; their `members` key is the
    /// display form with the escape (`\ud83c`). Empty almost always.
    public var surrogateKeys: [Int: CodePointString] = [:]

    public init(members: [(key: String, value: JSONValue)] = []) { self.members = members }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count && lhs.surrogateKeys == rhs.surrogateKeys
            && zip(lhs.members, rhs.members).allSatisfy { $0.key.scalarsEqual($1.key) && $0.value == $1.value }
    }

    /// The key of member `i` with its exact code points.
    public func exactKey(_ i: Int) -> CodePointString {
        surrogateKeys[i] ?? CodePointString(members[i].key)
    }

    /// ``pythonMembers`` with exact keys (lone surrogates kept), as Python's `json` gives them.
    public var exactPythonMembers: [(key: CodePointString, value: JSONValue)] {
        if surrogateKeys.isEmpty { return pythonMembers.map { (CodePointString($0.key), $0.value) } }
        var result: [(key: CodePointString, value: JSONValue)] = []
        var position: [CodePointString: Int] = [:]
        for (i, member) in members.enumerated() {
            let key = exactKey(i)
            if let at = position[key] {
                result[at].value = member.value
            } else {
                position[key] = result.count
                result.append((key, member.value))
            }
        }
        return result
    }

    /// The last member named `key` (compared by code points, as Python does).
    public subscript(key: String) -> JSONValue? {
        for member in members.reversed() where member.key.scalarsEqual(key) { return member.value }
        return nil
    }

    /// Python's view of the object: keys at their first position, each with its last value.
    public var pythonMembers: [(key: String, value: JSONValue)] {
        if !surrogateKeys.isEmpty { return exactPythonMembers.map { ($0.key.escaped, $0.value) } }
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
