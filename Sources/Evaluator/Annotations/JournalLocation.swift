import Foundation

// MARK: - JournalLocation

/// Where the annotations journal lives, by the rule the command line follows: the journal belongs
/// to the data, so every run opened on the same data shares it.
///
/// A journal named by `--journal` is used as given. The bundled sample has one journal for all its
/// simulated models, in the user's data folder (`$XDG_DATA_HOME/ptscope`, else
/// `~/.local/share/ptscope`), since the sample itself ships read-only inside the build. Any other
/// data keeps its journal in its data root (``dataRoot(_:)``): `<data root>/annotations.jsonl`.
/// Whether the file can be written is decided when it is opened (``Journal/open(_:readOnlyIfLocked:old:hint:)``
/// falls back to read-only, saying why); a missing file is created by the first edit, never by opening.
///
/// Earlier ptscopes kept journals elsewhere (beside each run's predictions; one per sample model):
/// ``oldJournals(environment:home:)`` finds them, the explorer reads them with the journal, and
/// `ptscope annotations migrate` moves them in (``migrateCommand``).
public enum JournalLocation: Sendable, Equatable {
    /// The path given with `--journal`.
    case explicit(URL)
    /// The bundled sample (every model).
    case sample
    /// The data given (a data root, a split folder or a `data.json`) and the runs' predictions
    /// (used only to find the journals earlier ptscopes kept beside them).
    case data(URL, predictions: [URL])

    /// The journal's file. For ``sample`` the folder is created when missing (best effort: a folder
    /// that cannot be made shows up when the journal is opened).
    public func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        home: URL = FileManager.default.homeDirectoryForCurrentUser
    ) -> URL {
        switch self {
        case .explicit(let url):
            return url
        case .sample:
            let folder = Self.sampleFolder(environment: environment, home: home)
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return folder.appendingPathComponent("sample-annotations.jsonl")
        case .data(let data, _):
            return Self.dataRoot(data).appendingPathComponent("annotations.jsonl")
        }
    }

    /// The journals an earlier ptscope kept for this data that exist (regular files), other than
    /// ``resolve(environment:home:)``'s, in a fixed order: for the sample every
    /// `sample-MODEL-annotations.jsonl` by name; for data, beside each run's predictions (the
    /// predictions root, or the folder above a `generation.jsonl`'s split), then beside the data
    /// given. None for ``explicit(_:)``.
    public func oldJournals(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        home: URL = FileManager.default.homeDirectoryForCurrentUser
    ) -> [URL] {
        let current = resolve(environment: environment, home: home).standardizedFileURL.path
        var candidates: [URL] = []
        switch self {
        case .explicit:
            return []
        case .sample:
            let folder = Self.sampleFolder(environment: environment, home: home)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            candidates = names.filter { $0.hasPrefix("sample-") && $0.hasSuffix("-annotations.jsonl") && $0.count >= 26 }
                .sorted().map { folder.appendingPathComponent($0) }
        case .data(let data, let predictions):
            for p in predictions {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: p.path, isDirectory: &isDirectory)
                let root = exists && isDirectory.boolValue ? p : p.deletingLastPathComponent().deletingLastPathComponent()
                candidates.append(root.appendingPathComponent("annotations.jsonl"))
            }
            candidates.append(Journal.defaultURL(predictionsRoot: nil, dataRoot: data))
        }
        var seen: Set<String> = [current]
        return candidates.filter { url in
            let path = url.standardizedFileURL.path
            guard seen.insert(path).inserted else { return false }
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    /// The command that moves ``oldJournals(environment:home:)`` into the journal, as the user would
    /// type it (paths quoted for a POSIX shell when they need it); nil for ``explicit(_:)``.
    public var migrateCommand: String? {
        switch self {
        case .explicit: return nil
        case .sample: return "ptscope annotations migrate"
        case .data(let data, let predictions):
            return (["ptscope annotations migrate --data", Self.quoted(data.path)] + predictions.map { Self.quoted($0.path) })
                .joined(separator: " ")
        }
    }

    // MARK: Helpers

    /// The data root of `data`: the folder above a reference split (`test_trained_user`,
    /// `test_untrained_user`) when a split folder or its `data.json` is given, so that opening the
    /// root or one of its splits finds the same journal; else the folder given (or holding the file).
    public static func dataRoot(_ data: URL) -> URL {
        let url = data.standardizedFileURL
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        let folder: URL
        if exists && !isDirectory.boolValue {
            folder = url.deletingLastPathComponent()
        } else if FileManager.default.fileExists(atPath: url.appendingPathComponent("data.json").path) {
            folder = url
        } else {
            return url
        }
        return Benchmark.referenceSplits.contains(folder.lastPathComponent) ? folder.deletingLastPathComponent() : folder
    }

    /// `$XDG_DATA_HOME/ptscope`, else `~/.local/share/ptscope`.
    static func sampleFolder(environment: [String: String], home: URL) -> URL {
        let base =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? home.appendingPathComponent(".local/share")
        return base.appendingPathComponent("ptscope")
    }

    /// `text` as one POSIX shell word.
    static func quoted(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { c in
            c.isASCII && (CharacterSet.alphanumerics.contains(c) || "/._-+,:=@%".unicodeScalars.contains(c))
        }
        return plain && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
