import Foundation

// MARK: - JournalLocation

/// Where the annotations journal of a run lives, by the rule the command line follows.
///
/// A journal named by `--journal` is used as given. The bundled sample's journal is kept per model in
/// the user's data folder (`$XDG_DATA_HOME/ptscope`, else `~/.local/share/ptscope`), since the sample
/// itself ships read-only inside the build. Any other run keeps its journal beside its predictions:
/// in the predictions root when a folder is given, in the folder above the split when a
/// `generation.jsonl` is given, and beside the data when there are no predictions
/// (``Journal/defaultURL(predictionsRoot:dataRoot:)``). Whether the file can be written is decided
/// when it is opened (``Journal/open(_:readOnlyIfLocked:)`` falls back to read-only); a missing
/// file is created by the first edit, never by opening.
public enum JournalLocation: Sendable, Equatable {
    /// The path given with `--journal`.
    case explicit(URL)
    /// The bundled sample, opened with the simulated model `model`.
    case sample(model: String)
    /// Beside the first run's predictions (`nil`: no predictions, beside the data).
    case besidePredictions(URL?, data: URL)

    /// The journal's file. For ``sample(model:)`` the folder is created when missing (best effort:
    /// a folder that cannot be made shows up when the journal is opened).
    public func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        home: URL = FileManager.default.homeDirectoryForCurrentUser
    ) -> URL {
        switch self {
        case .explicit(let url):
            return url
        case .sample(let model):
            let base =
                environment["XDG_DATA_HOME"].map { URL(fileURLWithPath: $0) } ?? home.appendingPathComponent(".local/share")
            let folder = base.appendingPathComponent("ptscope")
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return folder.appendingPathComponent("sample-\(model)-annotations.jsonl")
        case .besidePredictions(let predictions, let data):
            let root = predictions.map { url in
                var isDirectory: ObjCBool = false
                let folder = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
                return folder ? url : url.deletingLastPathComponent().deletingLastPathComponent()
            }
            return Journal.defaultURL(predictionsRoot: root, dataRoot: data)
        }
    }
}
