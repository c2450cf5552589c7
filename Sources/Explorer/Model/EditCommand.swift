import Evaluator

// MARK: - EditCommand

/// The `:` edit commands (every gold edit of the journal, typed as one line).
public enum EditCommand {
    /// The help lines for the `?` overlay.
    public static let help: [(String, String)] = [
        ("platform NAME", "set the gold platform (a bare name, or any value quoted)"),
        ("alt add FN.PARAM VALUE", "add an accepted alternative (VALUE as a Python literal or JSON)"),
        ("alt edit FN.PARAM N VALUE", "replace alternative N (0-based)"),
        ("alt rm FN.PARAM N", "remove alternative N"),
        ("fn add NAME · fn rm NAME · fn rename OLD NEW", "add, remove or rename a gold function"),
        ("param add FN.NAME VALUES", "add a parameter with its alternatives (a list)"),
        ("param rm FN.NAME · param rename FN.OLD NEW", "remove or rename a parameter"),
        ("param move NAME query|profile", "move a parameter between query_params and profile_params"),
        ("status unreviewed|confirmed|corrected|flagged", "set the case status"),
        ("flag REASON · confirm · note TEXT", "flag with a reason, confirm, or set the note"),
        ("… -- REASON", "any edit: the text after “ -- ” is recorded as the reason"),
        ("platform! · fn! · param! …", "names the case's tool catalog does not have are refused (did you mean…); ! forces them"),
    ]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The journal step for a command line, nil for an empty line.
    ///
    /// With the case's tool `catalog`, a platform, function or parameter name it does not have is
    /// refused, the closest real name offered, unless the command word ends in `!` (`platform! X`).
    public static func parse(_ line: String, key: CaseKey, gold: CorrectedCase, catalog: Catalog? = nil) throws -> EditStep? {
        var text = line.trimmingCharacters(in: .whitespaces)
        // `platform! X`, `fn! add X`: forced past the catalog check.
        var forced = false
        if let first = text.split(separator: " ").first, first.hasSuffix("!"), first.count > 1 {
            forced = true
            text = String(first.dropLast()) + text.dropFirst(first.count)
        }
        let check = CatalogCheck(catalog: forced ? nil : catalog)
        var reason: String?
        if let r = text.range(of: " -- ") {
            reason = String(text[r.upperBound...]).trimmingCharacters(in: .whitespaces)
            text = String(text[..<r.lowerBound])
        }
        if text.isEmpty { return nil }
        let words = text.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true).map(String.init)
        func rest(after n: Int) -> String {
            var t = Substring(text)
            for _ in 0..<n {
                t = t.drop(while: { $0 != " " }).drop(while: { $0 == " " })
            }
            return String(t)
        }
        func fnParam(_ s: String) throws -> (String, String) {
            guard let dot = s.lastIndex(of: ".") else { throw Failure(description: "expected FUNCTION.PARAMETER, got “\(s)”") }
            return (String(s[..<dot]), String(s[s.index(after: dot)...]))
        }
        func index(_ s: String) throws -> Int {
            guard let n = Int(s) else { throw Failure(description: "expected an alternative number (0, 1, …), got “\(s)”") }
            return n
        }
        func step(_ kind: EditKind, _ changes: [GoldChange], status: CaseStatus? = nil, note: String? = nil) -> EditStep {
            EditStep(kind: kind, key: key, changes: changes, status: status, note: note, reason: reason)
        }
        switch (words.first ?? "", words.count > 1 ? words[1] : "") {
        case ("platform", _):
            // A bare word is the platform's name (`platform Amazon`); anything else a value.
            let typed = rest(after: 1)
            let value = isBareWord(typed) ? JSONValue.string(typed) : try GoldEdits.parseValue(typed)
            if let name = value.stringValue { try check.platform(name) }
            return step(.setPlatform, try GoldEdits.setPlatform(gold, value))
        case ("alt", "add"):
            guard words.count >= 3 else { break }
            let (f, p) = try fnParam(words[2])
            return step(
                .addAlternative,
                try GoldEdits.addAlternative(gold, function: f, parameter: p, value: try GoldEdits.parseValue(rest(after: 3))))
        case ("alt", "edit"):
            let parts = rest(after: 2).split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3 else { break }
            let (f, p) = try fnParam(parts[0])
            return step(
                .editAlternative,
                try GoldEdits.editAlternative(
                    gold, function: f, parameter: p, index: try index(parts[1]), value: try GoldEdits.parseValue(parts[2])))
        case ("alt", "rm"):
            let parts = rest(after: 2).split(separator: " ").map(String.init)
            guard parts.count == 2 else { break }
            let (f, p) = try fnParam(parts[0])
            return step(
                .removeAlternative, try GoldEdits.removeAlternative(gold, function: f, parameter: p, index: try index(parts[1])))
        case ("fn", "add"):
            try check.function(rest(after: 2))
            return step(.addFunction, try GoldEdits.addFunction(gold, name: rest(after: 2)))
        case ("fn", "rm"):
            return step(.removeFunction, try GoldEdits.removeFunction(gold, name: rest(after: 2)))
        case ("fn", "rename"):
            let parts = rest(after: 2).split(separator: " ").map(String.init)
            guard parts.count == 2 else { break }
            try check.function(parts[1])
            return step(.renameFunction, try GoldEdits.renameFunction(gold, from: parts[0], to: parts[1]))
        case ("param", "add"):
            let parts = rest(after: 2).split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { break }
            let (f, p) = try fnParam(parts[0])
            try check.parameter(p, of: f)
            return step(
                .addParameter,
                try GoldEdits.addParameter(gold, function: f, name: p, alternatives: try GoldEdits.parseValue(parts[1])))
        case ("param", "rm"):
            let (f, p) = try fnParam(rest(after: 2))
            return step(.removeParameter, try GoldEdits.removeParameter(gold, function: f, name: p))
        case ("param", "rename"):
            let parts = rest(after: 2).split(separator: " ").map(String.init)
            guard parts.count == 2 else { break }
            let (f, p) = try fnParam(parts[0])
            try check.parameter(parts[1], of: f)
            return step(.renameParameter, try GoldEdits.renameParameter(gold, function: f, from: p, to: parts[1]))
        case ("param", "move"):
            let parts = rest(after: 2).split(separator: " ").map(String.init)
            guard parts.count == 2, let to = ["query": GoldField.queryParams, "profile": .profileParams][parts[1]] else { break }
            return step(.moveParameter, try GoldEdits.moveParameter(gold, name: parts[0], to: to))
        case ("status", let st):
            guard let status = CaseStatus(rawValue: st) else {
                throw Failure(description: "unknown status “\(st)” (unreviewed, confirmed, corrected, flagged)")
            }
            if reason == nil, words.count > 2 { reason = rest(after: 2) }
            return step(.setStatus, [], status: status)
        case ("flag", _):
            let why = reason ?? rest(after: 1)
            guard !why.isEmpty else { throw Failure(description: "flag needs a reason: flag REASON") }
            reason = why
            return step(.setStatus, [], status: .flagged)
        case ("confirm", _):
            return step(.setStatus, [], status: .confirmed)
        case ("note", _):
            return step(.setNote, [], note: rest(after: 1))
        default:
            break
        }
        throw Failure(description: "cannot read “\(line)”: ? lists the edit commands")
    }
}

extension EditCommand {
    /// Whether `text` is one bare identifier (letters, digits, `_`, `-`, not starting with a digit):
    /// read as a string where a value is expected and nothing else is meant.
    static func isBareWord(_ text: String) -> Bool {
        guard let first = text.first, !first.isNumber else { return false }
        let word = text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        return word && !["True", "False", "None"].contains(text)
    }

    /// Names checked against the case's tool catalog (no catalog: nothing is checked).
    struct CatalogCheck {
        var catalog: Catalog?

        func platform(_ name: String) throws(Failure) {
            guard let catalog, !catalog.platforms.isEmpty else { return }
            try known(name, catalog.platforms.map(\.name), "platform")
        }

        func function(_ name: String) throws(Failure) {
            guard let catalog, !catalog.apis.isEmpty else { return }
            try known(name, catalog.apis.map(\.name), "function")
        }

        func parameter(_ name: String, of function: String) throws(Failure) {
            guard let catalog, let api = catalog.apis.first(where: { $0.name == function }), !api.params.isEmpty else {
                return
            }
            try known(name, api.params.map(\.name), "parameter of \(function)")
        }

        func known(_ name: String, _ names: [String], _ what: String) throws(Failure) {
            guard !names.contains(name) else { return }
            let near = ExplorerCommandLine.closest(name, in: names)
            throw Failure(
                description: "the tool catalog has no \(what) “\(name)”"
                    + (near.map { ": did you mean “\($0)”?" } ?? "") + " (end the command word with ! to force it)")
        }
    }
}
