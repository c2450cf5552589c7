import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bundled, invented PTBench-shaped sample: a data root and two simulated models' predictions.
///
/// The files travel inside the binary (`EmbeddedSample.swift`, generated from `Sources/Sample/Data`
/// by `Scripts/embed_sample.py`), so a copied binary needs no build folder. The loaders read paths
/// (and the explorer re-reads them on reload), so the first use writes the files once to a cache
/// folder, `$XDG_CACHE_HOME/ptscope/sample-<fingerprint>` (else `~/.cache/...`): a later run, of
/// this binary or another of the same sample, reuses it after checking every byte, and rewrites a
/// file that differs. When no cache folder can be made, a private temporary folder is used and
/// removed when the process exits.
public enum Sample {
    /// The folder holding `data/<split>/data.json` and `runs/<model>/<split>/generation.jsonl`;
    /// nil when it cannot be written (``location()`` says why).
    public static var root: URL? { try? location() }

    /// The data root (`data/`).
    public static var dataRoot: URL? { root?.appendingPathComponent("data") }

    /// The predictions root of one simulated model (`runs/<model>`).
    public static func run(_ model: String) -> URL? { root?.appendingPathComponent("runs").appendingPathComponent(model) }

    /// The simulated models shipped with the sample, in display order.
    public static let models = ["strong-sim", "weak-sim"]

    /// The sample's files: each one's path inside the sample folder and its bytes, in path order.
    public static var files: [(path: String, bytes: Data)] {
        EmbeddedSample.files.map { ($0.path, Data(base64Encoded: $0.base64, options: .ignoreUnknownCharacters) ?? Data()) }
    }

    /// The folder the sample's files are in, written out on first use (see ``Sample``).
    public static func location() throws(SampleError) -> URL { try written.get() }

    /// Written once per process, on first use.
    private static let written: Result<URL, SampleError> = Result { () throws(SampleError) in try writeOut() }
}

/// Why the bundled sample could not be written out to a folder.
public struct SampleError: Error, CustomStringConvertible, Sendable {
    /// What failed, naming the folders tried.
    public let description: String
}

// MARK: - Writing out

extension Sample {
    /// `$XDG_CACHE_HOME/ptscope` (an absolute one, as the XDG rule says), else `$HOME/.cache/ptscope`.
    static var cacheFolder: URL? {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("ptscope")
        }
        guard let home = env["HOME"], home.hasPrefix("/") else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/ptscope")
    }

    private static func writeOut() throws(SampleError) -> URL {
        let files = files
        var problems: [String] = []
        if let cache = cacheFolder {
            let folder = cache.appendingPathComponent("sample-\(EmbeddedSample.fingerprint)")
            do {
                try write(files, into: folder)
                return folder
            } catch {
                problems.append("\(folder.path): \(error.localizedDescription)")
            }
        } else {
            problems.append("no cache folder (neither XDG_CACHE_HOME nor HOME is an absolute path)")
        }
        // A private folder of this process, removed at exit.
        let tmp = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp"
        var template = Array((tmp.hasSuffix("/") ? tmp : tmp + "/").appending("ptscope-sample.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            problems.append("\(tmp): cannot make a temporary folder (errno \(errno))")
            throw SampleError(description: "cannot write the bundled sample out: " + problems.joined(separator: "; "))
        }
        let folder = URL(fileURLWithPath: String(cString: made))
        TemporaryCopy.removeAtExit(folder.path)
        do {
            try write(files, into: folder)
        } catch {
            problems.append("\(folder.path): \(error.localizedDescription)")
            throw SampleError(description: "cannot write the bundled sample out: " + problems.joined(separator: "; "))
        }
        return folder
    }

    /// Writes every file whose bytes differ from (or are missing in) `folder`, each atomically (a
    /// temporary file renamed), so runs starting at once never read a half-written file.
    private static func write(_ files: [(path: String, bytes: Data)], into folder: URL) throws {
        let fm = FileManager.default
        for (path, bytes) in files {
            let url = folder.appendingPathComponent(path)
            if fm.contents(atPath: url.path) == bytes { continue }
            try fm.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            try bytes.write(to: url, options: .atomic)
        }
    }
}

// MARK: - The temporary fallback

/// Removes the fallback folder when the process exits normally.
private enum TemporaryCopy {
    nonisolated(unsafe) static var path: String?

    static func removeAtExit(_ folder: String) {
        path = folder
        atexit {
            if let path = TemporaryCopy.path { try? FileManager.default.removeItem(atPath: path) }
        }
    }
}
