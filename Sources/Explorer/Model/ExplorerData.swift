import Evaluator
import Foundation
import TUICore

// MARK: - ExplorerData

/// What the explorer shows, built once from a loaded benchmark: one light entry per case, the
/// users (identified by profile content) and scenarios. Full case content stays in the split's
/// bytes and is decoded only for the selected case.
public struct ExplorerData: Sendable {
    public let benchmark: Benchmark
    /// A label for the (first) run (model or folder name).
    public var runName: String { runs[0].name }
    /// Every run's predictions: run 0 is `benchmark.predictions`; more runs are compared with it.
    public private(set) var runs: [RunData]
    public let cases: [CaseEntry]
    public let users: [UserInfo]
    /// Scenario labels, indexed by ``CaseEntry/scenario``.
    public let scenarios: [String]
    /// Every gold platform name, sorted.
    public let platforms: [String]
    /// The annotations journal replayed over the data when it was loaded.
    public var initialAnnotations = Annotations()
    /// The journal's entries when it was loaded (the recent-edits list starts from them).
    public var journalEntries: [JournalEntry] = []
    /// The journal's file and how it was opened (nil: no journal).
    public var journalPath: String?
    public var journalReadOnly = false
    public var journalWarnings: [String] = []
    /// Said in the status bar on loading: old journals are read with the journal (``Journal/oldNotice``).
    public var journalNotice: String?
    /// Cases per split, per scenario (by index) and per gold platform.
    public let splitCounts: [Int]
    public let scenarioCounts: [Int]
    public let platformCounts: [String: Int]
    /// The widest user name and the widest `scenario/platform`, in columns (the case list's widths
    /// follow them where the terminal has room).
    public let widestUser: Int
    public let widestPlace: Int

    /// Indexes `benchmark` (decodes one profile per user and one platform list per distinct list).
    /// `otherRuns` are further models' predictions for the same data, compared with the first.
    /// `sample` says which sample set the first run is a sample of (``RunData/sample``).
    public init(benchmark: Benchmark, runName: String, otherRuns: [RunData] = [], sample: RunSample? = nil) {
        self.benchmark = benchmark
        runs = [RunData(name: runName, predictions: benchmark.predictions, sample: sample)] + otherRuns
        var cases: [CaseEntry] = []
        var users: [UserInfo] = []
        var userIndex: [UInt64: Int] = [:]
        var scenarios: [String] = []
        var scenarioIndex: [String: Int] = [:]
        var platformLists: [ArraySlice<UInt8>: [String]] = [:]  // the platforms bytes -> names
        var platformSet = Set<String>()
        for (s, split) in benchmark.splits.enumerated() {
            for c in split.cases {
                let u: Int
                if let known = userIndex[c.userKey] {
                    u = known
                } else {
                    let profile = split.decodeRaw(c, "user_profile")
                    u = users.count
                    userIndex[c.userKey] = u
                    users.append(UserInfo(key: c.userKey, number: u + 1, profile: profile, firstCase: cases.count))
                }
                users[u].caseCount += 1
                users[u].splits.insert(s)
                let platformNames: [String]
                if let range = c.rawRanges["platforms"] {
                    let h = split.bytes[range]
                    if let known = platformLists[h] {
                        platformNames = known
                    } else {
                        platformNames = Catalog.platformNames(split.decodeRaw(c, "platforms"))
                        platformLists[h] = platformNames
                    }
                } else {
                    platformNames = []
                }
                let gold = GoldSummary(answer: c.answer)
                let label =
                    users[u].scenario(for: platformNames + [gold.platform].compactMap { $0 })
                    ?? (platformNames.isEmpty ? (gold.platform ?? "?") : platformNames.joined(separator: "/"))
                let sc: Int
                if let known = scenarioIndex[label] {
                    sc = known
                } else {
                    sc = scenarios.count
                    scenarioIndex[label] = sc
                    scenarios.append(label)
                }
                if let p = gold.platform { platformSet.insert(p) }
                cases.append(
                    CaseEntry(
                        id: cases.count, split: s, index: c.index, user: u, scenario: sc,
                        goldPlatform: gold.platform ?? "?", goldFunctions: gold.functions,
                        query: c.query ?? ""))
            }
        }
        self.cases = cases
        self.users = users
        self.scenarios = scenarios
        platforms = platformSet.sorted()
        var splitCounts = [Int](repeating: 0, count: benchmark.splits.count)
        var scenarioCounts = [Int](repeating: 0, count: scenarios.count)
        var platformCounts: [String: Int] = [:]
        for c in cases {
            splitCounts[c.split] += 1
            scenarioCounts[c.scenario] += 1
            platformCounts[c.goldPlatform, default: 0] += 1
        }
        self.splitCounts = splitCounts
        self.scenarioCounts = scenarioCounts
        self.platformCounts = platformCounts
        func width(_ s: String) -> Int { TextWidth.of(Sanitizer.clean(s)) }
        widestUser = users.map { width($0.name) }.max() ?? 0
        let scenarioWidths = scenarios.map(width)
        var place = 0
        var platformWidths: [String: Int] = [:]
        for c in cases {
            let p = platformWidths[c.goldPlatform] ?? width(c.goldPlatform)
            platformWidths[c.goldPlatform] = p
            place = max(place, scenarioWidths[c.scenario] + 1 + p)
        }
        widestPlace = place
    }

    /// The split data of a case.
    public func split(of entry: CaseEntry) -> SplitData { benchmark.splits[entry.split] }

    /// The case's identity in the journal (split, index, hash of its original bytes).
    public func caseKey(_ entry: CaseEntry) -> CaseKey { CaseKey.of(benchmarkCase(entry), in: split(of: entry)) }

    /// The indexed case of an entry.
    public func benchmarkCase(_ entry: CaseEntry) -> BenchmarkCase { benchmark.splits[entry.split].cases[entry.index] }

    /// `U` for test_untrained_user, `T` for test_trained_user, else the split's first letter.
    public func splitLetter(_ s: Int) -> String {
        let name = benchmark.splits[s].name
        if name == Benchmark.referenceSplits[0] { return "U" }
        if name == Benchmark.referenceSplits[1] { return "T" }
        return String(name.first ?? "?").uppercased()
    }

    /// The model's raw text for a case in run `run`, if its line exists.
    public func predictionLine(_ entry: CaseEntry, run: Int = 0) -> PredictionLine? {
        let split = benchmark.splits[entry.split]
        guard let file = runs[run].predictions[split.name], entry.index < file.lines.count else { return nil }
        return file.lines[entry.index]
    }

    /// The predictions file of a split in run `run`.
    public func predictionFile(_ split: Int, run: Int = 0) -> PredictionFile? {
        runs[run].predictions[benchmark.splits[split].name]
    }
}

// MARK: - RunData

/// One model's predictions for the benchmark (a predictions root).
public struct RunData: Sendable {
    public let name: String
    /// By split name.
    public let predictions: [String: PredictionFile]
    /// The sample set this run is a sample of, nil for a run of its own.
    public let sample: RunSample?

    /// A run named `name` with `predictions`, a sample of a set when `sample` is given.
    public init(name: String, predictions: [String: PredictionFile], sample: RunSample? = nil) {
        self.name = name
        self.predictions = predictions
        self.sample = sample
    }
}

// MARK: - CaseEntry

/// One case as the list shows it.
public struct CaseEntry: Sendable {
    /// Position in ``ExplorerData/cases``.
    public let id: Int
    /// Index of the split in the benchmark.
    public let split: Int
    /// 0-based index in the split's data.json.
    public let index: Int
    /// Index in ``ExplorerData/users``.
    public let user: Int
    /// Index in ``ExplorerData/scenarios``.
    public let scenario: Int
    public let goldPlatform: String
    public let goldFunctions: [String]
    public let query: String
}

// MARK: - UserInfo

/// A user, identified by the content of their profile.
public struct UserInfo: Sendable {
    public let key: UInt64
    /// 1-based number in order of first appearance.
    public let number: Int
    /// The profile's name (`basic_features.name` or `name`), else `user N`.
    public let name: String
    /// Preferences by scenario when the profile has a `preferences` object of strings.
    public let preferences: [(scenario: String, text: String)]
    public let firstCase: Int
    public var caseCount = 0
    public var splits = Set<Int>()

    init(key: UInt64, number: Int, profile: JSONValue?, firstCase: Int) {
        self.key = key
        self.number = number
        self.firstCase = firstCase
        let basic = profile?["basic_features"]
        name = (basic?["name"] ?? profile?["name"] ?? profile?["user_name"])?.stringValue ?? "user \(number)"
        var prefs: [(String, String)] = []
        if let object = profile?["preferences"]?.objectValue {
            for (k, v) in object.members { if let s = v.stringValue { prefs.append((k, s)) } }
        }
        preferences = prefs
    }

    /// The scenario whose preference names one of `platforms`, when the profile says so.
    func scenario(for platforms: [String]) -> String? {
        for (scenario, text) in preferences where platforms.contains(where: { !$0.isEmpty && text.contains($0) }) {
            return scenario
        }
        return nil
    }

    /// The platform this user says they prefer among `platforms` (the first named in a preference).
    public func preferredPlatform(among platforms: [String]) -> String? {
        for (_, text) in preferences {
            let named = platforms.filter { !$0.isEmpty && text.contains($0) }
            if let first = named.min(by: { text.range(of: $0)!.lowerBound < text.range(of: $1)!.lowerBound }) { return first }
        }
        return nil
    }
}

// MARK: - GoldSummary

/// The gold platform and function names of an answer, for the list (nil where malformed).
struct GoldSummary {
    var platform: String?
    var functions: [String] = []

    init(answer: JSONValue) {
        guard let parts = answer.arrayValue, !parts.isEmpty else { return }
        platform = parts[0].stringValue
        if parts.count > 1, let items = parts[1].arrayValue {
            functions = items.compactMap { $0.objectValue?.members.first?.key }
        }
    }
}

// MARK: - Decoding kept values

extension SplitData {
    /// Decodes the undecoded value `key` (`user_profile`, `platforms`, `tools`) of a case.
    public func decodeRaw(_ c: BenchmarkCase, _ key: String) -> JSONValue? {
        guard let range = c.rawRanges[key] else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(bytes: buffer, position: range.lowerBound)
            return try? reader.readValue()
        }
    }
}

extension ExplorerData {
    /// This data with `run` after the other runs (a run saved while the explorer is open): the
    /// cases, users and counts are the same data's.
    public func adding(_ run: RunData) -> ExplorerData {
        var more = self
        more.runs.append(run)
        return more
    }
}
