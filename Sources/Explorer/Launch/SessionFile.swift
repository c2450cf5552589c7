import Evaluator
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - SavedView

/// Where the explorer was when it was left on a data set: the selected case, the filter, the
/// order and the focused pane, restored when the same data and runs are opened again.
///
/// Values are kept by name (split, scenario, platform, user, verdict, error column), so a saved
/// view still fits after the files were re-generated; a value the data no longer has is dropped.
public struct SavedView: Codable, Sendable, Equatable {
    /// The selected case: its split's name and index.
    public var split: String?
    public var index: Int?
    public var verdicts: [String] = []
    public var errors: [String] = []
    public var splits: [String] = []
    public var scenarios: [String] = []
    public var platforms: [String] = []
    /// Users as `number name` (the number is the order of first appearance; both must still match).
    public var users: [String] = []
    public var statuses: [String] = []
    public var comparisons: [String] = []
    /// ``CaseSort/Column`` raw value.
    public var sort: String = CaseSort.Column.index.rawValue
    public var descending = false
    /// `list`, `detail` or `context`.
    public var focus: String = "list"
    /// `catalog` or `profile`.
    public var context: String = "catalog"
    /// When it was saved (ISO 8601), to keep the newest views when the file is trimmed.
    public var saved: String = ""
    /// The focused run's name (nil: the first run, or a view saved before runs were focused).
    public var focusedRun: String?
    /// The compared pair chosen with `:compare` as the two runs' names (nil: the default pair).
    public var comparedRuns: [String]?

    public init() {}

    /// The view `state` shows (nil before the data is loaded).
    public init?(_ state: AppState) {
        guard let session = state.session else { return nil }
        let data = session.data
        let filter = state.list.filter
        if let entry = state.selected {
            split = data.benchmark.splits[entry.split].name
            index = entry.index
        }
        verdicts = filter.verdicts.map(\.rawValue).sorted()
        errors = filter.errors.map(\.label).sorted()
        splits = filter.splits.sorted().map { data.benchmark.splits[$0].name }
        scenarios = filter.scenarios.sorted().map { data.scenarios[$0] }
        platforms = filter.platforms.sorted()
        users = filter.users.sorted().map { "\(data.users[$0].number) \(data.users[$0].name)" }
        statuses = filter.statuses.map(\.rawValue).sorted()
        comparisons = filter.comparisons.map { "\($0)" }.sorted()
        sort = state.list.sort.column.rawValue
        descending = state.list.sort.descending
        focus = ["list", "detail", "context"][state.panes.focus.rawValue]
        context = state.panes.contextMode == .profile ? "profile" : "catalog"
        saved = ISO8601DateFormatter().string(from: Date())
        if data.runs.count > 1 {
            let runs = data.runs.map(\.name)
            if session.focusedRun > 0, session.focusedRun < runs.count { focusedRun = runs[session.focusedRun] }
            if let pair = session.chosenPair, max(pair.a, pair.b) < runs.count { comparedRuns = [runs[pair.a], runs[pair.b]] }
        }
    }

    /// The saved focused run in `data` (by name), nil when it is not one of `data`'s runs.
    func focusedRun(in data: ExplorerData) -> Int? {
        focusedRun.flatMap { name in data.runs.firstIndex { $0.name == name } }
    }

    /// The saved compared pair in `data` (by the runs' names), nil unless both are `data`'s runs
    /// and differ.
    func comparedRuns(in data: ExplorerData) -> RunPair? {
        guard let names = comparedRuns, names.count == 2,
            let a = data.runs.firstIndex(where: { $0.name == names[0] }),
            let b = data.runs.firstIndex(where: { $0.name == names[1] }), a != b
        else { return nil }
        return RunPair(a: a, b: b)
    }

    /// The filter this view names on `data` (values `data` does not have are dropped).
    func filter(on data: ExplorerData) -> Filter {
        var f = Filter()
        f.verdicts = Set(verdicts.compactMap(Filter.Verdict.init(rawValue:)))
        f.errors = Set(ErrorCategory.filterable.filter { errors.contains($0.label) })
        f.splits = Set(data.benchmark.splits.indices.filter { splits.contains(data.benchmark.splits[$0].name) })
        f.scenarios = Set(data.scenarios.indices.filter { scenarios.contains(data.scenarios[$0]) })
        let known = Set(data.cases.lazy.map(\.goldPlatform))
        f.platforms = Set(platforms.filter(known.contains))
        f.users = Set(data.users.indices.filter { users.contains("\(data.users[$0].number) \(data.users[$0].name)") })
        f.statuses = Set(statuses.compactMap(CaseStatus.init(rawValue:)))
        if data.runs.count >= 2 {
            f.comparisons = Set(Filter.Comparison.allCases.filter { comparisons.contains("\($0)") })
        }
        return f
    }

    /// The id of the saved case in `data`, if it still has it.
    func caseID(in data: ExplorerData) -> Int? {
        guard let split, let index else { return nil }
        return data.cases.first { data.benchmark.splits[$0.split].name == split && $0.index == index }?.id
    }

    /// Where the restored view stands, for the status line ("case T 12, 1 filter, sorted by user").
    func summary(on data: ExplorerData) -> String {
        var parts: [String] = []
        if let split, let index, caseID(in: data) != nil { parts.append("case \(split.prefix(1).uppercased()) \(index)") }
        let f = filter(on: data)
        let n =
            f.verdicts.count + f.errors.count + f.splits.count + f.scenarios.count + f.platforms.count + f.users.count
            + f.statuses.count + f.comparisons.count
        if n > 0 { parts.append(n == 1 ? "1 filter value" : "\(n) filter values") }
        if sort != CaseSort.Column.index.rawValue || descending {
            parts.append("sorted by \(sort)\(descending ? " (descending)" : "")")
        }
        if let run = focusedRun(in: data), run > 0 { parts.append("run \(Session.runLetter(run)) focused") }
        if let pair = comparedRuns(in: data) {
            parts.append("comparing \(Session.runLetter(pair.a)) and \(Session.runLetter(pair.b))")
        }
        return parts.isEmpty ? "the last view" : parts.joined(separator: ", ")
    }
}

// MARK: - SessionFile

/// The views saved per data set: `$XDG_STATE_HOME/ptscope/sessions.json` (else
/// `~/.local/state/ptscope/sessions.json`).
///
/// One JSON object, `{"version": 1, "views": {KEY: SavedView}}`, where KEY names the data and the
/// runs' folders (resolved paths). It is rewritten whole (a temporary file, fsync'ed, renamed), so
/// a crash leaves the old file or the new one; at most ``limit`` views are kept, the newest. A file
/// written by a newer ptscope is neither used nor overwritten.
public enum SessionFile {
    /// The format version this ptscope writes and reads.
    public static let formatVersion = 1
    /// The most data sets remembered.
    static let limit = 200
    /// The largest file read.
    static let readLimit = 4 << 20

    struct Contents: Codable {
        var version: Int
        var views: [String: SavedView]
    }

    /// The file: under `XDG_STATE_HOME` when it is an absolute path, else `~/.local/state`.
    public static func location(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        home: URL = FileManager.default.homeDirectoryForCurrentUser
    ) -> URL {
        HistoryFile.location(environment: environment, home: home).deletingLastPathComponent()
            .appendingPathComponent("sessions.json")
    }

    /// The key of a data set opened with some runs: their resolved paths.
    public static func key(data: URL, runs: [URL]) -> String {
        ([data] + runs).map { $0.resolvingSymlinksInPath().standardizedFileURL.path }.joined(separator: "\n")
    }

    /// The file's views; a missing file has none. Throws naming the file and what is wrong.
    static func read(_ url: URL) throws(InputError) -> Contents {
        let path = url.path
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { return Contents(version: formatVersion, views: [:]) }
            throw InputError(file: path, "cannot read the saved views: \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw InputError(file: path, "not a regular file") }
        guard Int(info.st_size) <= readLimit else {
            throw InputError(file: path, "larger than \(readLimit >> 20) MB; not a file of saved views")
        }
        let bytes: Data
        do { bytes = try Data(contentsOf: url) } catch {
            throw InputError(file: path, "cannot read the saved views: \(error.localizedDescription)")
        }
        struct Version: Decodable { var version: Int }
        guard let version = try? JSONDecoder().decode(Version.self, from: bytes) else {
            throw InputError(file: path, "expected a JSON object with a \"version\" number")
        }
        if version.version > formatVersion {
            throw InputError(
                file: path,
                "written by a newer ptscope (format version \(version.version); this one reads \(formatVersion)); "
                    + "not used or changed")
        }
        do { return try JSONDecoder().decode(Contents.self, from: bytes) } catch {
            throw InputError(file: path, "not a file of saved views: \(error)")
        }
    }

    /// The view saved for `key`, and a warning when the file could not be read.
    public static func load(_ url: URL, key: String) -> (view: SavedView?, warning: String?) {
        do { return (try read(url).views[key], nil) } catch { return (nil, "\(error); the last view is not restored") }
    }

    /// Stores `view` for `key` (the newest ``limit`` views kept). A file that cannot be read is
    /// replaced (it only holds views), unless a newer ptscope wrote it.
    public static func save(_ view: SavedView, key: String, to url: URL) throws(InputError) {
        var contents: Contents
        do { contents = try read(url) } catch {
            if error.message.contains("newer ptscope") { throw error }
            contents = Contents(version: formatVersion, views: [:])
        }
        contents.version = formatVersion
        contents.views[key] = view
        if contents.views.count > limit {
            let newest = contents.views.sorted { $0.value.saved > $1.value.saved }.prefix(limit)
            contents.views = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let bytes: Data
        do { bytes = try encoder.encode(contents) } catch {
            throw InputError(file: url.path, "cannot encode the saved views: \(error)")
        }
        try writeAtomically(bytes, to: url)
    }

    /// Writes `bytes` to a temporary file beside `url`, fsyncs it and renames it over `url` (the
    /// journal's atomic write).
    static func writeAtomically(_ bytes: Data, to url: URL) throws(InputError) {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: folder.path, "cannot create the folder of the saved views: \(error.localizedDescription)")
        }
        try JournalMigration.writeAtomically(Array(bytes), to: url, replacing: true)
    }
}
