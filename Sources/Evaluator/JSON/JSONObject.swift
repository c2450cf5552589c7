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
