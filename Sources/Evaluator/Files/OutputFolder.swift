import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - OutputFolder

/// A folder that output files go into: why it cannot take them, naming the folder that is missing
/// or the file that is in the way (Foundation's own messages name neither).
public enum OutputFolder {
    /// Nil when `folder` is a folder; else why files cannot be written into it, naming the folder
    /// that does not exist (the highest missing one too, when its parents are missing as well) or
    /// what is in the way.
    public static func problem(_ folder: URL) -> String? {
        switch FileProbe.probe(folder.path) {
        case .folder: return nil
        case .absent:
            var top = folder
            while case .absent = FileProbe.probe(top.deletingLastPathComponent().path), top.path != "/" {
                top.deleteLastPathComponent()
            }
            let also = top.path == folder.path ? "" : " (nor does \(top.path))"
            return "the folder \(folder.path) does not exist\(also)"
        case .file: return "\(folder.path) is a file, not a folder"
        case .special(let what): return "\(folder.path) \(what), not a folder"
        case .unreachable(let why): return "\(folder.path) \(why)"
        }
    }

    /// Makes `folder` and every missing folder above it (as `mkdir -p`). The error names the path
    /// that failed: a file in the way, a folder that cannot be written, with the errno's reason.
    public static func make(_ folder: URL) throws(InputError) {
        var path = ""
        for component in folder.standardizedFileURL.pathComponents where component != "/" {
            path += "/" + component
            switch FileProbe.probe(path) {
            case .folder: continue
            case .absent:
                if mkdir(path, 0o777) == 0 { continue }
                let code = errno
                if code == EEXIST, case .folder = FileProbe.probe(path) { continue }  // made meanwhile
                throw InputError(
                    file: path, "cannot create the folder: \(String(cString: strerror(code)))" + inside(folder, path))
            case .file: throw InputError(file: path, "is a file, not a folder: cannot create \(folder.path)")
            case .special(let what): throw InputError(file: path, "\(what), not a folder: cannot create \(folder.path)")
            case .unreachable(let why): throw InputError(file: path, why + inside(folder, path))
            }
        }
    }

    private static func inside(_ folder: URL, _ path: String) -> String {
        path == folder.standardizedFileURL.path ? "" : " (making \(folder.path))"
    }
}
