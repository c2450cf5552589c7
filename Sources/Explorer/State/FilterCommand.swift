import Evaluator

// MARK: - FilterCommand

/// `:filter …`: the filter menu's choices by name.
///
/// Words are read left to right: `clear` empties the filter; a dimension word (`verdict`, `error`,
/// `status`, `compare`, `split`, `scenario`, `platform`, `user`) takes the value after it (a name
/// of several words is matched whole, the longest first); a bare value is a verdict, error column,
/// status or comparison, else a split, scenario, platform or user name that only one of them has.
/// Each value is added to its dimension (as the `f` menu's Space selects it). Names compare
/// case-insensitively; an unknown one is refused with the closest name.
public enum FilterCommand {
    /// The dimension words.
    public static let dimensions = ["verdict", "error", "status", "compare", "split", "scenario", "platform", "user", "clear"]

    /// The values that are the same for every data set (verdicts, error columns, statuses, comparisons).
    public static let fixedValues: [String] =
        verdicts.map(\.0) + ["rescued", "flaky"] + errors.map(\.0) + statuses.map(\.0) + comparisons.map(\.0)

    static let verdicts: [(String, Filter.Verdict)] = [
        ("pass", .pass), ("fail", .fail), ("format", .format), ("unscored", .unscored),
    ]
    static let errors: [(String, ErrorCategory)] =
        ErrorColumn.allCases.map { ($0.rawValue, ErrorCategory.column($0)) } + [("wrong_platform", .wrongPlatform)]
    static let statuses: [(String, CaseStatus)] = CaseStatus.allCases.map { ($0.rawValue, $0) }
    static let comparisons: [(String, Filter.Comparison)] = [
        ("regressed", .regressed), ("improved", .improved), ("differs", .differs),
    ]

    /// Every name `:filter` takes for `data` (for completion).
    public static func words(_ data: ExplorerData) -> [String] {
        dimensions + fixedValues + ["adjudicate"] + data.benchmark.splits.indices.map { data.splitLetter($0) }
            + data.benchmark.splits.map(\.name) + data.scenarios + data.platforms + data.users.map(\.name)
    }

    /// `filter` with the values `words` name added (`clear` empties it first).
    public static func apply(_ words: [String], to filter: Filter, data: ExplorerData) throws(ExplorerCommandLine.Failure)
        -> Filter
    {
        var f = filter
        var i = 0
        while i < words.count {
            let word = words[i].lowercased()
            i += 1
            if word == "clear" {
                f = Filter()
                continue
            }
            if let dimension = Dimension(rawValue: word) {
                guard i < words.count else { throw ExplorerCommandLine.Failure("filter \(word) needs a value") }
                let names = dimension.names(data)
                // The longest run of words that is a name (user and scenario names have spaces).
                var matched: (Int, FilterMenu.Item)?
                for end in stride(from: words.count, to: i, by: -1) {
                    let phrase = words[i..<end].joined(separator: " ").lowercased()
                    if let hit = names.first(where: { $0.0.lowercased() == phrase }) {
                        matched = (end, hit.1)
                        break
                    }
                }
                guard let (end, item) = matched else {
                    throw refuse(words[i], names.map(\.0), what: "\(word)")
                }
                f.add(item)
                i = end
                continue
            }
            let fixed = Dimension.fixed.flatMap { $0.names(data) }
            if let hit = fixed.first(where: { $0.0.lowercased() == word }) {
                f.add(hit.1)
                continue
            }
            // A name only one data dimension has.
            let open = Dimension.open.flatMap { $0.names(data) }.filter { $0.0.lowercased() == word }
            if open.count == 1 {
                f.add(open[0].1)
                continue
            }
            if open.count > 1 {
                throw ExplorerCommandLine.Failure(
                    "“\(words[i - 1])” names several things: say which (split, scenario, platform or user before it)")
            }
            throw refuse(
                words[i - 1], dimensions + fixed.map(\.0) + Dimension.open.flatMap { $0.names(data) }.map(\.0),
                what: "filter value")
        }
        return f
    }

    static func refuse(_ word: String, _ names: [String], what: String) -> ExplorerCommandLine.Failure {
        let lowered = names.map { $0.lowercased() }
        let near = ExplorerCommandLine.closest(word.lowercased(), in: lowered).flatMap { n in names.first { $0.lowercased() == n }
        }
        return ExplorerCommandLine.Failure(
            "unknown \(what) “\(word)”" + (near.map { ": did you mean “\($0)”?" } ?? "")
                + " (filter VALUE…, filter DIMENSION VALUE, filter clear; Tab lists them)")
    }

    /// A dimension of the filter, as `:filter` names it.
    enum Dimension: String, CaseIterable {
        case verdict, error, status, compare, split, scenario, platform, user

        static let fixed: [Dimension] = [.verdict, .error, .status, .compare]
        static let open: [Dimension] = [.split, .scenario, .platform, .user]

        func names(_ data: ExplorerData) -> [(String, FilterMenu.Item)] {
            switch self {
            case .verdict: return verdicts.map { ($0.0, .verdict($0.1)) } + [("rescued", .rescued), ("flaky", .flaky)]
            case .error: return errors.map { ($0.0, .error($0.1)) }
            case .status: return statuses.map { ($0.0, .status($0.1)) }
            case .compare: return comparisons.map { ($0.0, .comparison($0.1)) }
            case .split:
                return data.benchmark.splits.indices.flatMap { s in
                    [(data.splitLetter(s), FilterMenu.Item.split(s)), (data.benchmark.splits[s].name, .split(s))]
                }
            case .scenario: return data.scenarios.indices.map { (data.scenarios[$0], .scenario($0)) }
            case .platform: return data.platforms.map { ($0, .platform($0)) }
            case .user: return data.users.indices.map { (data.users[$0].name, .user($0)) }
            }
        }
    }
}

extension Filter {
    /// Selects a menu row's value (a no-op when it is selected already).
    mutating func add(_ item: FilterMenu.Item) {
        if !contains(item) { toggle(item) }
    }
}
