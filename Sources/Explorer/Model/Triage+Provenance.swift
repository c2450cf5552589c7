import Evaluator

// MARK: - Provenance

extension Triage {
    /// Where a wrong profile value came from.
    public enum Origin: String, Sendable, CaseIterable {
        /// The value is another field of the same user's profile.
        case profileFieldSwap = "profile field swap"
        /// The value is the gold's own profile field, and the reference still rejects it (a type or form issue).
        case rightFieldRejected = "right profile field, value rejected"
        /// The value is not in the profile but appears in the query.
        case copiedFromQuery = "copied from the query"
        /// A float within 0.01 of the first accepted number: the reference tolerates 0.01 for ints only.
        case nearMissFloat = "float within 0.01 of the gold"
        /// The value is in neither the profile nor the query.
        case invented
    }

    /// One profile parameter whose predicted value the reference rejected, and where the value came from.
    public struct ProvenanceItem: Sendable {
        public var caseID: Int
        public var function: String
        public var parameter: String
        /// The predicted value as Python's `repr`.
        public var predicted: String
        public var origin: Origin
        /// The key path of the profile field equal to the predicted value (`basic_features.work_address`).
        public var predictedField: String?
        /// The key path of the profile field equal to an accepted alternative (nil: none is).
        public var goldField: String?

        /// One line: `used work_address instead of home_address`, `copied from the query`, `invented`.
        public var sentence: String {
            switch origin {
            case .profileFieldSwap:
                let (p, g) = Triage.shortFields(predictedField ?? "?", goldField)
                return g.map { "used `\(p)` instead of `\($0)`" } ?? "used `\(p)` (no profile field holds the gold value)"
            case .rightFieldRejected: return "used `\(predictedField ?? "?")`, the right field, in a form the reference rejects"
            case .copiedFromQuery: return "copied from the query"
            case .nearMissFloat: return "a float within 0.01 of the gold number (the reference tolerates that for ints only)"
            case .invented: return "invented (in neither the profile nor the query)"
            }
        }
    }

    /// Profile value mismatches with one origin (and, for swaps, the same two fields).
    public struct ProvenanceGroup: Sendable {
        /// `profile field swap · work_address instead of home_address`, `copied from the query`, `invented`.
        public var label: String
        public var origin: Origin
        public var predictedField: String?
        public var goldField: String?
        /// How many mismatched values (a case can have several).
        public var count: Int
        public var cases: [Int]
    }

    /// Two key paths without their common leading keys (`basic_features.work_address`,
    /// `basic_features.home_address` → `work_address`, `home_address`).
    static func shortFields(_ a: String, _ b: String?) -> (String, String?) {
        guard let b else { return (a, nil) }
        let x = a.split(separator: ".", omittingEmptySubsequences: false)
        let y = b.split(separator: ".", omittingEmptySubsequences: false)
        var k = 0
        while k < x.count - 1 && k < y.count - 1 && x[k] == y[k] { k += 1 }
        return (x[k...].joined(separator: "."), y[k...].joined(separator: "."))
    }

    /// Classifies one mismatched profile value.
    static func provenance(
        case id: Int, function: String, parameter: String, predicted x: PyValue, accepted y: PyValue,
        profile: ProfileIndex, query: String
    ) -> ProvenanceItem {
        var goldField: String?
        if case .list(let alternatives) = y {
            for alt in alternatives {
                if let f = profile.fields(matching: alt).first {
                    goldField = f
                    break
                }
            }
        }
        let fields = profile.fields(matching: x)
        var item = ProvenanceItem(
            caseID: id, function: function, parameter: parameter, predicted: PyRepr.value(x), origin: .invented,
            predictedField: nil, goldField: goldField)
        if let other = fields.first(where: { $0 != goldField }) {
            item.origin = .profileFieldSwap
            item.predictedField = other
        } else if let same = fields.first {
            item.origin = .rightFieldRejected
            item.predictedField = same
        } else if appears(x, in: query) {
            item.origin = .copiedFromQuery
        } else if case .float(let d) = x, case .list(let alternatives) = y, let first = alternatives.first, let g = number(first),
            abs(d - g) <= 0.01
        {
            item.origin = .nearMissFloat
        }
        return item
    }

    /// An int or float as a Double.
    static func number(_ v: PyValue) -> Double? {
        switch v {
        case .int(let i): return i.doubleValue
        case .float(let d): return d
        default: return nil
        }
    }

    static func provenanceGroups(_ items: [ProvenanceItem]) -> [ProvenanceGroup] {
        var groups: [String: ProvenanceGroup] = [:]
        for item in items {
            var label = item.origin.rawValue
            if item.origin == .profileFieldSwap {
                let (p, g) = shortFields(item.predictedField ?? "?", item.goldField)
                label += " · \(p) instead of \(g ?? "an unknown field")"
            }
            if groups[label] == nil {
                groups[label] = ProvenanceGroup(
                    label: label, origin: item.origin,
                    predictedField: item.origin == .profileFieldSwap ? item.predictedField : nil,
                    goldField: item.origin == .profileFieldSwap ? item.goldField : nil, count: 0, cases: [])
            }
            groups[label]!.count += 1
            if groups[label]!.cases.last != item.caseID { groups[label]!.cases.append(item.caseID) }
        }
        return groups.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
    }

    /// Whether the value's text (every element's, for a list) stands in `query` as a whole token,
    /// compared case-insensitively.
    static func appears(_ x: PyValue, in query: String) -> Bool {
        let texts: [String]
        if case .list(let items) = x {
            texts = items.compactMap(ProfileIndex.text)
            if texts.count != items.count { return false }
        } else {
            guard let t = ProfileIndex.text(x) else { return false }
            texts = [t]
        }
        let q = query.lowercased()
        return !texts.isEmpty && texts.allSatisfy { containsToken(q, $0.lowercased()) }
    }

    /// Whether `needle` occurs in `haystack` with no letter or digit right before or after it.
    static func containsToken(_ haystack: String, _ needle: String) -> Bool {
        guard !needle.isEmpty else { return false }
        var start = haystack.startIndex
        while let r = haystack.range(of: needle, range: start..<haystack.endIndex) {
            let before = r.lowerBound == haystack.startIndex ? nil : haystack[haystack.index(before: r.lowerBound)]
            let after = r.upperBound == haystack.endIndex ? nil : haystack[r.upperBound]
            func isWord(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber } ?? false }
            if !isWord(before) && !isWord(after) { return true }
            start = haystack.index(after: r.lowerBound)
        }
        return false
    }
}

// MARK: - ProfileIndex

extension Triage {
    /// A user profile's scalar fields by key path, for finding which field holds a value.
    struct ProfileIndex {
        struct Leaf {
            var path: String
            /// Lowercased text of a string or number.
            var text: String?
            var number: Double?
            /// Lowercased texts of an array of scalars.
            var set: Set<String>?
        }

        var leaves: [Leaf] = []

        init(_ profile: JSONValue?) {
            if let profile { collect(profile, path: "") }
        }

        mutating func collect(_ v: JSONValue, path: String) {
            switch v {
            case .string(let s): leaves.append(Leaf(path: path, text: s.escaped.lowercased()))
            case .number(let n): leaves.append(Leaf(path: path, text: n.text.lowercased(), number: n.doubleValue))
            case .object(let o):
                for (k, member) in o.pythonMembers { collect(member, path: path.isEmpty ? k : path + "." + k) }
            case .array(let items):
                let texts = items.compactMap { item -> String? in
                    switch item {
                    case .string(let s): return s.escaped.lowercased()
                    case .number(let n): return n.text.lowercased()
                    default: return nil
                    }
                }
                if !items.isEmpty && texts.count == items.count { leaves.append(Leaf(path: path, set: Set(texts))) }
                for (k, item) in items.enumerated() { collect(item, path: path + "[\(k)]") }
            case .null, .bool: break
            }
        }

        /// A scalar value's text (nil for anything but a string, an int or a float).
        static func text(_ v: PyValue) -> String? {
            switch v {
            case .str(let s): return s.escaped
            case .int(let i): return i.decimalText
            case .float(let d): return PyRepr.float(d)
            default: return nil
            }
        }

        /// The key paths of the fields equal to `v`, compared case-insensitively (numbers by value).
        func fields(matching v: PyValue) -> [String] {
            switch v {
            case .list(let items):
                let texts = items.compactMap(ProfileIndex.text).map { $0.lowercased() }
                guard !items.isEmpty, texts.count == items.count else { return [] }
                let set = Set(texts)
                var out = leaves.filter { $0.set == set }.map(\.path)
                if items.count == 1 { out += fields(matching: items[0]) }
                return out
            case .int, .float:
                let d: Double? = {
                    if case .int(let i) = v { return i.doubleValue }
                    if case .float(let f) = v { return f }
                    return nil
                }()
                let t = ProfileIndex.text(v)?.lowercased()
                return leaves.filter { leaf in
                    if let n = leaf.number, let d { return n == d }
                    return leaf.text != nil && leaf.text == t
                }.map(\.path)
            case .str(let s):
                let t = s.escaped.lowercased()
                guard !t.isEmpty else { return [] }
                return leaves.filter { $0.text == t }.map(\.path)
            default:
                return []
            }
        }
    }

    /// Profiles decoded once per user.
    struct ProfileCache {
        var indexes: [Int: ProfileIndex] = [:]

        mutating func index(_ data: ExplorerData, user u: Int) -> ProfileIndex {
            if let known = indexes[u] { return known }
            let entry = data.cases[data.users[u].firstCase]
            let index = ProfileIndex(data.split(of: entry).decodeRaw(data.benchmarkCase(entry), "user_profile"))
            indexes[u] = index
            return index
        }
    }
}
