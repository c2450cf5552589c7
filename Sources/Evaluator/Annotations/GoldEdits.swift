// MARK: - GoldEditError

/// Why an edit cannot be made on the current gold (no such function, parameter or alternative...).
public struct GoldEditError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

// MARK: - GoldEdits

/// Builds the changes of each edit against a case's current (corrected) gold.
///
/// Functions are found as the reference finds them: the first element of `answer[1]` with a
/// member of that name. Every builder throws ``GoldEditError`` with a readable reason when the edit
/// does not fit the gold; nothing is changed until the changes are applied.
public enum GoldEdits {
    // MARK: Alternatives

    /// Accepts one more value for `function.parameter` (appended to its alternatives).
    public static func addAlternative(
        _ gold: CorrectedCase, function: String, parameter: String, value: JSONValue
    ) throws(GoldEditError) -> [GoldChange] {
        let (path, alternatives) = try alternativesOf(gold, function, parameter)
        if alternatives.contains(value) {
            throw GoldEditError("\(GoldChange.short(value)) is already accepted for \(function).\(parameter)")
        }
        return [GoldChange(field: .answer, path: path + [.index(alternatives.count)], before: nil, after: value)]
    }

    /// Accepts a predicted value for `function.parameter` the way the reference will match it: the
    /// string `'true'`/`'false'` as its boolean, an int as the *first* alternative (only `y[0]` is
    /// compared with an int), anything else appended. Throws when it is already accepted, or when
    /// the reference would still not accept it.
    public static func acceptPredicted(
        _ gold: CorrectedCase, function: String, parameter: String, predicted: PyValue
    ) throws(GoldEditError) -> [GoldChange] {
        let (path, alternatives) = try alternativesOf(gold, function, parameter)
        let current = PyValue(json: .array(alternatives))
        if (try? Matching.include(predicted, current)) == true {
            throw GoldEditError("\(PyRepr.value(predicted)) is already accepted for \(function).\(parameter)")
        }
        let value: JSONValue
        var position = alternatives.count
        switch Matching.rule(for: predicted) {
        case .booleanString: value = .bool(predicted.stringValue == "true")
        case .numericTolerance:
            value = try jsonValue(from: predicted)
            position = 0
        default: value = try jsonValue(from: predicted)
        }
        var after = alternatives
        after.insert(value, at: position)
        do {
            guard try Matching.include(predicted, PyValue(json: .array(after))) else {
                throw GoldEditError("the reference would still not accept \(PyRepr.value(predicted))")
            }
        } catch let error as GoldEditError {
            throw error
        } catch {
            throw GoldEditError(
                "comparing \(PyRepr.value(predicted)) with the alternatives would raise \(error) in the reference")
        }
        return [GoldChange(field: .answer, path: path + [.index(position)], before: nil, after: value)]
    }

    /// Removes alternative `index` (0-based) of `function.parameter`; the last one cannot go.
    public static func removeAlternative(
        _ gold: CorrectedCase, function: String, parameter: String, index: Int
    ) throws(GoldEditError) -> [GoldChange] {
        let (path, alternatives) = try alternativesOf(gold, function, parameter)
        try check(index, alternatives, function, parameter)
        if alternatives.count == 1 {
            throw GoldEditError(
                "\(function).\(parameter) has one accepted value left: remove the parameter instead, or edit the value")
        }
        return [GoldChange(field: .answer, path: path + [.index(index)], before: alternatives[index], after: nil)]
    }

    /// Replaces alternative `index` (0-based) of `function.parameter` with `value`.
    public static func editAlternative(
        _ gold: CorrectedCase, function: String, parameter: String, index: Int, value: JSONValue
    ) throws(GoldEditError) -> [GoldChange] {
        let (path, alternatives) = try alternativesOf(gold, function, parameter)
        try check(index, alternatives, function, parameter)
        if alternatives[index] == value { throw GoldEditError("the value is unchanged") }
        return [GoldChange(field: .answer, path: path + [.index(index)], before: alternatives[index], after: value)]
    }

    // MARK: Platform and functions

    /// Sets the gold platform (`answer[0]`).
    public static func setPlatform(_ gold: CorrectedCase, _ platform: JSONValue) throws(GoldEditError) -> [GoldChange] {
        guard case .array(let parts) = gold.answer, !parts.isEmpty else {
            throw GoldEditError("the gold answer is not [platform, [functions]]")
        }
        if parts[0] == platform { throw GoldEditError("the platform is already \(GoldChange.short(platform))") }
        return [GoldChange(field: .answer, path: [.index(0)], before: parts[0], after: platform)]
    }

    /// Renames a gold function (its member keeps its place).
    public static func renameFunction(_ gold: CorrectedCase, from: String, to: String) throws(GoldEditError) -> [GoldChange] {
        let (k, element) = try function(gold, from)
        try checkName(to, "function")
        if from.scalarsEqual(to) { throw GoldEditError("the name is unchanged") }
        if (try? function(gold, to)) != nil { throw GoldEditError("the gold answer already has a function \(to)") }
        return [
            GoldChange(field: .answer, path: [.index(1), .index(k)], before: element, after: renamed(element, from, to))
        ]
    }

    /// Adds a gold function `name` with no parameters (at the end).
    public static func addFunction(_ gold: CorrectedCase, name: String) throws(GoldEditError) -> [GoldChange] {
        try checkName(name, "function")
        let calls = try functions(gold)
        if (try? function(gold, name)) != nil { throw GoldEditError("the gold answer already has a function \(name)") }
        let call = JSONValue.object(JSONObject(members: [(name, .object(JSONObject()))]))
        return [GoldChange(field: .answer, path: [.index(1), .index(calls.count)], before: nil, after: call)]
    }

    /// Removes a gold function (its parameters stay listed in `query_params`/`profile_params`).
    public static func removeFunction(_ gold: CorrectedCase, name: String) throws(GoldEditError) -> [GoldChange] {
        let (k, element) = try function(gold, name)
        return [GoldChange(field: .answer, path: [.index(1), .index(k)], before: element, after: nil)]
    }

    // MARK: Parameters

    /// Renames `function.from` (it keeps its place), and in `query_params`/`profile_params` too
    /// when no other gold function has a parameter of the old name.
    public static func renameParameter(
        _ gold: CorrectedCase, function name: String, from: String, to: String
    ) throws(GoldEditError) -> [GoldChange] {
        let (k, params) = try parameters(gold, name)
        try checkName(to, "parameter")
        guard params[from] != nil else { throw GoldEditError("\(name) has no parameter \(from)") }
        if from.scalarsEqual(to) { throw GoldEditError("the name is unchanged") }
        if params[to] != nil { throw GoldEditError("\(name) already has a parameter \(to)") }
        let path: [PathStep] = [.index(1), .index(k), .key(name)]
        var changes = [
            GoldChange(field: .answer, path: path, before: .object(params), after: renamed(.object(params), from, to))
        ]
        if try !otherFunctionHas(gold, parameter: from, except: k) {
            for field in [GoldField.queryParams, .profileParams] {
                for i in listed(gold, field, from) {
                    changes.append(GoldChange(field: field, path: [.index(i)], before: .string(from), after: .string(to)))
                }
            }
        }
        return changes
    }

    /// Adds `function.name` with its accepted `alternatives` (a non-empty list); `listIn` also lists
    /// the name in `query_params` or `profile_params`.
    public static func addParameter(
        _ gold: CorrectedCase, function: String, name: String, alternatives: JSONValue, listIn: GoldField? = nil
    ) throws(GoldEditError) -> [GoldChange] {
        let (k, params) = try parameters(gold, function)
        try checkName(name, "parameter")
        if params[name] != nil { throw GoldEditError("\(function) already has a parameter \(name)") }
        guard case .array(let items) = alternatives, !items.isEmpty else {
            throw GoldEditError("a parameter's gold is a non-empty list of accepted values, e.g. ['Paris', 'paris']")
        }
        var changes = [
            GoldChange(
                field: .answer, path: [.index(1), .index(k), .key(function), .key(name)], before: nil, after: alternatives)
        ]
        if let listIn {
            guard listIn != .answer else { throw GoldEditError("a parameter is listed in query_params or profile_params") }
            if listed(gold, listIn, name).isEmpty {
                let count = gold.value(listIn).arrayValue?.count ?? 0
                changes.append(GoldChange(field: listIn, path: [.index(count)], before: nil, after: .string(name)))
            }
        }
        return changes
    }

    /// Removes `function.name`, and from `query_params`/`profile_params` too when no other gold
    /// function has a parameter of that name.
    public static func removeParameter(_ gold: CorrectedCase, function: String, name: String) throws(GoldEditError)
        -> [GoldChange]
    {
        let (k, params) = try parameters(gold, function)
        guard let alternatives = params[name] else { throw GoldEditError("\(function) has no parameter \(name)") }
        var changes = [
            GoldChange(
                field: .answer, path: [.index(1), .index(k), .key(function), .key(name)], before: alternatives, after: nil)
        ]
        if try !otherFunctionHas(gold, parameter: name, except: k) {
            for field in [GoldField.queryParams, .profileParams] {
                // From the last to the first, so each position is right when its change is applied.
                for i in listed(gold, field, name).reversed() {
                    changes.append(GoldChange(field: field, path: [.index(i)], before: .string(name), after: nil))
                }
            }
        }
        return changes
    }

    /// Moves a parameter name from one of `query_params`/`profile_params` to the other (appended);
    /// a name listed in neither is added to `to`.
    public static func moveParameter(_ gold: CorrectedCase, name: String, to: GoldField) throws(GoldEditError) -> [GoldChange] {
        guard to != .answer else { throw GoldEditError("a parameter moves between query_params and profile_params") }
        let from: GoldField = to == .queryParams ? .profileParams : .queryParams
        guard case .array(let target) = gold.value(to) else { throw GoldEditError("\(to.rawValue) is not a list") }
        if !listed(gold, to, name).isEmpty { throw GoldEditError("\(name) is already in \(to.rawValue)") }
        var changes: [GoldChange] = []
        for i in listed(gold, from, name).reversed() {
            changes.append(GoldChange(field: from, path: [.index(i)], before: .string(name), after: nil))
        }
        changes.append(GoldChange(field: to, path: [.index(target.count)], before: nil, after: .string(name)))
        return changes
    }

    // MARK: Typed values

    /// Reads a value typed by a person, in JSON (`["a", true, null]`) or Python-literal form
    /// (`'x'`, `True`, `None`, `1.5`, `[1, 'a']`, `{'k': 2}`).
    public static func parseValue(_ text: String) throws(GoldEditError) -> JSONValue {
        let trimmed = text.trimmingWhitespace
        if trimmed.isEmpty { throw GoldEditError("type a value: 'text', 12, 1.5, True, None, [..] or {..}") }
        if let json = try? JSONReader.parse(trimmed) { return json }
        let expr: Expr
        do { expr = try PyParser.parseExpression(trimmed) } catch {
            throw GoldEditError("not a Python or JSON value: \(error.message)")
        }
        if case .name(let word) = expr.kind {
            throw GoldEditError("\(word) is a bare word, not a value: quote a string ('\(word)')")
        }
        let value: PyValue
        do { value = try PyEval.evaluate(expr) } catch {
            switch error {
            case .raised(let exception, _): throw GoldEditError("the value raises \(exception)")
            case .unsupported(let why):
                if case .name(let word) = why.node.kind {
                    throw GoldEditError("\(word) is a bare word, not a value: quote a string ('\(word)')")
                }
                throw GoldEditError("only literal values can be typed (\(PyParserSupport.describe(why.node)) found)")
            }
        }
        return try jsonValue(from: value)
    }

    /// The JSON form of a Python value (a predicted value, to accept it as gold); sets, bytes,
    /// complex numbers, `...` and non-string dict keys have none.
    public static func jsonValue(from value: PyValue) throws(GoldEditError) -> JSONValue {
        switch value {
        case .none: return .null
        case .bool(let b): return .bool(b)
        case .int(let i):
            guard let text = i.decimalText else {
                throw GoldEditError(
                    "an integer of about \(i.approximateDigits) digits cannot be stored: Python's json refuses more than "
                        + "\(PyInt.maxDecimalDigits) digits")
            }
            return .number(JSONNumber(text: text))
        case .float(let d):
            if d.isNaN { return .number(JSONNumber(text: "NaN")) }
            if d.isInfinite { return .number(JSONNumber(text: d < 0 ? "-Infinity" : "Infinity")) }
            return .number(JSONNumber(text: PyRepr.float(d)))
        case .str(let s): return .string(s)
        case .list(let items), .tuple(let items):
            var out: [JSONValue] = []
            for item in items { out.append(try jsonValue(from: item)) }
            return .array(out)
        case .dict(let d):
            var members: [(key: String, value: JSONValue)] = []
            for (k, v) in d.entries {
                guard case .str(let key) = k else {
                    throw GoldEditError("a dict key must be a string to be stored as JSON, not \(k.typeName)")
                }
                members.append((key.escaped, try jsonValue(from: v)))
            }
            return .object(JSONObject(members: members))
        case .set, .bytes, .complex, .ellipsis:
            throw GoldEditError("a \(value.typeName) value cannot be stored in the JSON gold")
        }
    }

    // MARK: Finding things

    static func functions(_ gold: CorrectedCase) throws(GoldEditError) -> [JSONValue] {
        guard case .array(let parts) = gold.answer, parts.count >= 2, case .array(let calls) = parts[1] else {
            throw GoldEditError("the gold answer is not [platform, [functions]]")
        }
        return calls
    }

    /// The position in `answer[1]` and the element of the first call named `name`.
    static func function(_ gold: CorrectedCase, _ name: String) throws(GoldEditError) -> (Int, JSONValue) {
        for (k, call) in try functions(gold).enumerated() {
            if case .object(let o) = call, o[name] != nil { return (k, call) }
        }
        throw GoldEditError("the gold answer has no function \(name)")
    }

    static func parameters(_ gold: CorrectedCase, _ name: String) throws(GoldEditError) -> (Int, JSONObject) {
        let (k, call) = try function(gold, name)
        guard case .object(let params)? = call[name] else {
            throw GoldEditError("the gold parameters of \(name) are not an object")
        }
        return (k, params)
    }

    static func alternativesOf(
        _ gold: CorrectedCase, _ name: String, _ parameter: String
    ) throws(GoldEditError) -> ([PathStep], [JSONValue]) {
        let (k, params) = try parameters(gold, name)
        guard let value = params[parameter] else { throw GoldEditError("\(name) has no parameter \(parameter)") }
        guard case .array(let alternatives) = value else {
            throw GoldEditError("the gold of \(name).\(parameter) is not a list of accepted values")
        }
        return ([.index(1), .index(k), .key(name), .key(parameter)], alternatives)
    }

    static func check(_ index: Int, _ alternatives: [JSONValue], _ function: String, _ parameter: String) throws(GoldEditError) {
        guard alternatives.indices.contains(index) else {
            // The number as the `:` command took it (0-based), and the ones that exist.
            let range = alternatives.count == 1 ? "only 0" : "0…\(alternatives.count - 1)"
            throw GoldEditError(
                "\(function).\(parameter) has no alternative \(index) (its alternatives are \(range))")
        }
    }

    static func checkName(_ name: String, _ what: String) throws(GoldEditError) {
        if name.trimmingWhitespace.isEmpty { throw GoldEditError("a \(what) needs a name") }
    }

    /// Positions of `name` in `query_params` or `profile_params`.
    static func listed(_ gold: CorrectedCase, _ field: GoldField, _ name: String) -> [Int] {
        guard case .array(let names) = gold.value(field) else { return [] }
        return names.indices.filter { names[$0].stringValue?.scalarsEqual(name) ?? false }
    }

    static func otherFunctionHas(_ gold: CorrectedCase, parameter: String, except: Int) throws(GoldEditError) -> Bool {
        for (k, call) in try functions(gold).enumerated() where k != except {
            guard case .object(let o) = call else { continue }
            for member in o.pythonMembers where member.value[parameter] != nil { return true }
        }
        return false
    }

    /// `value` (an object) with member `from` renamed `to` in place.
    static func renamed(_ value: JSONValue, _ from: String, _ to: String) -> JSONValue {
        guard case .object(var o) = value else { return value }
        for k in o.members.indices where o.members[k].key.scalarsEqual(from) { o.members[k].key = to }
        return .object(o)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
