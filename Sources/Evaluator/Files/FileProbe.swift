import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - FileProbe

/// What is at a path, following symbolic links, and the real reason when it cannot be reached: a
/// missing name is told apart from a dangling link (named with its target), a link loop and a
/// folder that cannot be searched.
enum FileProbe {
    enum Status: Equatable {
        case file
        case folder
        /// A FIFO, a device or a socket, described ("is a FIFO (named pipe)").
        case special(String)
        /// Nothing by that name.
        case absent
        /// The name is there but cannot be followed or looked into; the reason, errno named.
        case unreachable(String)
    }

    static func probe(_ path: String) -> Status {
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: return .file
            case S_IFDIR: return .folder
            default: return .special(describe(path, mode: info.st_mode))
            }
        }
        let code = errno
        if code == ENOENT && !isLink(path) { return .absent }
        return .unreachable(unreachable(path, code))
    }

    /// `folder/name`'s status and the path it is about: the folder's, when the folder is the problem.
    static func probe(_ name: String, in folder: URL) -> (status: Status, path: String) {
        switch probe(folder.path) {
        case .folder:
            let file = folder.appendingPathComponent(name).path
            let status = probe(file)
            if case .unreachable = status, access(folder.path, X_OK) != 0, errno == EACCES {
                return (.unreachable("permission denied (EACCES): this folder cannot be searched"), folder.path)
            }
            return (status, file)
        case .absent: return (.absent, folder.path)
        case .unreachable(let why): return (.unreachable(why), folder.path)
        case .file, .special: return (.unreachable("is not a folder (it should hold \(name))"), folder.path)
        }
    }

    /// Why `path` could not be opened or examined (`code` is the errno), in words with the errno's name.
    static func unreachable(_ path: String, _ code: Int32) -> String {
        switch code {
        case ENOENT where isLink(path):
            return "is a symbolic link to \(linkTarget(path)), which does not exist (ENOENT)"
        case ENOENT: return "no such file or folder (ENOENT)"
        case ELOOP: return "is a symbolic link loop: too many levels of symbolic links (ELOOP)"
        case EACCES: return "permission denied (EACCES)"
        default: return "cannot be read: \(String(cString: strerror(code)))\(errnoName(code).map { " (\($0))" } ?? "")"
        }
    }

    /// What a file of `mode` that is not a regular file is, naming a symbolic link's target.
    static func describe(_ path: String, mode: mode_t) -> String {
        let kind: String
        switch mode & S_IFMT {
        case S_IFDIR: kind = "a folder"
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a regular file"
        }
        return isLink(path) ? "is a symbolic link to \(linkTarget(path)), \(kind)" : "is \(kind)"
    }

    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// The link's target as written in it (escaped: it is text from the file system).
    static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return "an unreadable target" }
        return InputError.escaped(String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    static func errnoName(_ code: Int32) -> String? {
        switch code {
        case ENOENT: return "ENOENT"
        case ELOOP: return "ELOOP"
        case EACCES: return "EACCES"
        case EPERM: return "EPERM"
        case ENOTDIR: return "ENOTDIR"
        case EISDIR: return "EISDIR"
        case ENAMETOOLONG: return "ENAMETOOLONG"
        case EIO: return "EIO"
        case ENXIO: return "ENXIO"
        case EMFILE: return "EMFILE"
        case ENFILE: return "ENFILE"
        case ENOMEM: return "ENOMEM"
        default: return nil
        }
    }
}
