import Evaluator

// MARK: - Filter

/// Which cases the list shows: within a dimension any selected value matches, across dimensions
/// all must (verdict ∧ error column ∧ split ∧ scenario ∧ platform ∧ user).
public struct Filter: Sendable, Equatable {
    public enum Verdict: String, Sendable, CaseIterable {
        case pass, fail
        case format = "format failure"
        case unscored = "not scored"
    }

    /// An error category: a CSV column or the hidden platform count.
    public enum ErrorKind: Sendable, Hashable {
        case column(ErrorColumn)
        case platform
    }

    public var verdicts: Set<Verdict> = []
    public var errors: Set<ErrorKind> = []
    public var splits: Set<Int> = []
    public var scenarios: Set<Int> = []
    public var platforms: Set<String> = []
    public var users: Set<Int> = []

    public init() {}

    public var isEmpty: Bool {
        verdicts.isEmpty && errors.isEmpty && splits.isEmpty && scenarios.isEmpty && platforms.isEmpty && users.isEmpty
    }

    /// Whether `entry` (with its verdict, nil before scoring) passes the filter.
    public func matches(_ entry: CaseEntry, _ verdict: CaseVerdict?) -> Bool {
        if !verdicts.isEmpty && !verdicts.contains(Filter.verdict(verdict)) { return false }
        if !errors.isEmpty {
            guard let verdict else { return false }
            let hit = errors.contains { kind in
                switch kind {
                case .column(let c): return verdict.errorColumns.contains(c)
                case .platform: return verdict.format && verdict.errors.platform
                }
            }
            if !hit { return false }
        }
        if !splits.isEmpty && !splits.contains(entry.split) { return false }
        if !scenarios.isEmpty && !scenarios.contains(entry.scenario) { return false }
        if !platforms.isEmpty && !platforms.contains(entry.goldPlatform) { return false }
        if !users.isEmpty && !users.contains(entry.user) { return false }
        return true
    }

    /// pass / fail / format failure / not scored.
    public static func verdict(_ v: CaseVerdict?) -> Verdict {
        guard let v else { return .unscored }
        if !v.format { return .format }
        return v.overall ? .pass : .fail
    }
}

// MARK: - FilterMenu

/// The `f` overlay: every filter value as a toggleable row, grouped by dimension.
public struct FilterMenu: Sendable, Equatable {
    public enum Item: Sendable, Equatable {
        case heading(String)
        case verdict(Filter.Verdict)
        case error(Filter.ErrorKind)
        case split(Int)
        case scenario(Int)
        case platform(String)
        case user(Int)
    }

    public var items: [Item]
    /// How many cases have each row's value (nil for headings, and for verdicts before scoring).
    public var counts: [Int?]
    /// Index of the highlighted row (always a value row, never a heading).
    public var cursor: Int
    public var top = 0

    /// The rows for `data`, with counts from `verdicts` (by case id) when scored.
    public init(data: ExplorerData, verdicts: [CaseVerdict]?) {
        var items: [Item] = [.heading("Verdict")]
        items += Filter.Verdict.allCases.filter { $0 != .unscored }.map(Item.verdict)
        items.append(.heading("Error (error_results.csv column, or platform)"))
        items += ErrorColumn.allCases.map { .error(.column($0)) }
        items.append(.error(.platform))
        items.append(.heading("Split"))
        items += data.benchmark.splits.indices.map(Item.split)
        items.append(.heading("Scenario"))
        items += data.scenarios.indices.map(Item.scenario)
        items.append(.heading("Platform (gold)"))
        items += data.platforms.map(Item.platform)
        items.append(.heading("User"))
        items += data.users.indices.map(Item.user)
        self.items = items
        cursor = 1
        // One pass over the cases for every count.
        var byVerdict: [Filter.Verdict: Int] = [:]
        var byError: [Filter.ErrorKind: Int] = [:]
        var bySplit: [Int: Int] = [:]
        var byScenario: [Int: Int] = [:]
        var byPlatform: [String: Int] = [:]
        for entry in data.cases {
            let v = verdicts.map { $0[entry.id] }
            if verdicts != nil {
                byVerdict[Filter.verdict(v), default: 0] += 1
                if let v {
                    for c in v.errorColumns { byError[.column(c), default: 0] += 1 }
                    if v.format && v.errors.platform { byError[.platform, default: 0] += 1 }
                }
            }
            bySplit[entry.split, default: 0] += 1
            byScenario[entry.scenario, default: 0] += 1
            byPlatform[entry.goldPlatform, default: 0] += 1
        }
        counts = items.map { item in
            switch item {
            case .heading: return nil
            case .verdict(let v): return verdicts == nil ? nil : byVerdict[v, default: 0]
            case .error(let e): return verdicts == nil ? nil : byError[e, default: 0]
            case .split(let s): return bySplit[s, default: 0]
            case .scenario(let s): return byScenario[s, default: 0]
            case .platform(let p): return byPlatform[p, default: 0]
            case .user(let u): return data.users[u].caseCount
            }
        }
    }

    /// Moves the cursor by `delta` value rows, skipping headings.
    public mutating func move(_ delta: Int) {
        var c = cursor
        let step = delta > 0 ? 1 : -1
        var remaining = abs(delta)
        while remaining > 0 {
            var next = c + step
            while next >= 0, next < items.count, case .heading = items[next] { next += step }
            if next < 0 || next >= items.count { break }
            c = next
            remaining -= 1
        }
        cursor = c
    }

    public mutating func moveToEdge(last: Bool) {
        cursor = last ? items.count : -1
        move(last ? -1 : 1)
    }
}

extension Filter {
    /// Whether a menu row is selected.
    public func contains(_ item: FilterMenu.Item) -> Bool {
        switch item {
        case .heading: return false
        case .verdict(let v): return verdicts.contains(v)
        case .error(let e): return errors.contains(e)
        case .split(let s): return splits.contains(s)
        case .scenario(let s): return scenarios.contains(s)
        case .platform(let p): return platforms.contains(p)
        case .user(let u): return users.contains(u)
        }
    }

    /// Selects or deselects a menu row.
    public mutating func toggle(_ item: FilterMenu.Item) {
        func flip<T: Hashable>(_ set: inout Set<T>, _ v: T) { if set.remove(v) == nil { set.insert(v) } }
        switch item {
        case .heading: break
        case .verdict(let v): flip(&verdicts, v)
        case .error(let e): flip(&errors, e)
        case .split(let s): flip(&splits, s)
        case .scenario(let s): flip(&scenarios, s)
        case .platform(let p): flip(&platforms, p)
        case .user(let u): flip(&users, u)
        }
    }

    /// A short description for the status bar (`fail · value_error · U`).
    public func summary(_ data: ExplorerData) -> String {
        var parts: [String] = []
        parts += verdicts.map(\.rawValue).sorted()
        parts += errors.map { e -> String in
            if case .column(let c) = e { return c.rawValue }
            return "wrong platform"
        }.sorted()
        parts += splits.sorted().map { data.splitLetter($0) }
        parts += scenarios.sorted().map { data.scenarios[$0] }
        parts += platforms.sorted()
        parts += users.sorted().map { data.users[$0].name }
        return parts.joined(separator: " · ")
    }
}
