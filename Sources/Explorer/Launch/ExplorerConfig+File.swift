import Foundation
import TUICore

// MARK: - Where the file is

extension ExplorerConfig {
    /// What was read at launch: the configuration (values with errors left out), where it is, and
    /// what was wrong with it.
    public struct Loaded: Sendable {
        /// The file (whether or not it exists).
        public var url: URL
        /// Whether the file was there to read.
        public var exists: Bool
        public var config: ExplorerConfig
        /// Errors and warnings, in the order found, each naming the file and the key path.
        public var problems: [Problem]

        /// Whether any problem is an error (`ptscope config` then exits non-zero).
        public var hasErrors: Bool { problems.contains(where: \.isError) }

        /// Every problem as a line: `error: …` / `warning: …`.
        public var messages: [String] { problems.map { ($0.isError ? "config error: " : "") + $0.description } }
    }

    /// The file: `$XDG_CONFIG_HOME/ptscope/config.json5` when `XDG_CONFIG_HOME` is an absolute path
    /// (the XDG rule), else `~/.config/ptscope/config.json5`.
    public static func location(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        home: URL = FileManager.default.homeDirectoryForCurrentUser
    ) -> URL {
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? home.appendingPathComponent(".config")
        return base.appendingPathComponent("ptscope").appendingPathComponent("config.json5")
    }

    /// The most bytes a config file may have (a larger one is refused, not read).
    static let sizeLimit = 1 << 20

    /// Reads `url`; a missing file is the bundled configuration with no problem.
    public static func load(_ url: URL) -> Loaded {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return Loaded(url: url, exists: false, config: ExplorerConfig(), problems: [])
        }
        func refused(_ why: String) -> Loaded {
            Loaded(
                url: url, exists: true, config: ExplorerConfig(),
                problems: [Problem(isError: true, description: "\(path): \(why)")])
        }
        if isDirectory.boolValue { return refused("is a folder, not a config file") }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: sizeLimit + 1) ?? Data()
        } catch {
            return refused("cannot be read (\((error as NSError).localizedDescription))")
        }
        if data.count > sizeLimit { return refused("larger than \(sizeLimit >> 20) MB; not read") }
        let decoded = decode(data, file: path)
        var config = decoded.config
        if let theme = config.theme, ThemeLoader.bundledNames.contains(theme) == false, !theme.hasPrefix("/"),
            !theme.hasPrefix("~")
        {
            // A theme path is read from the config file's folder.
            config.theme = url.deletingLastPathComponent().appendingPathComponent(theme).path
        }
        return Loaded(url: url, exists: true, config: config, problems: decoded.problems)
    }

    /// The file at ``location(environment:home:)``, read (see ``load(_:)``).
    public static func atLaunch(environment: [String: String] = ProcessInfo.processInfo.environment) -> Loaded {
        load(location(environment: environment))
    }
}

// MARK: - Launch

extension ExplorerConfig.Loaded {
    /// Puts the keymap and the problems into the explorer's first state: every problem goes to the
    /// message log, the first one (with how many more) is the start message when there is none yet.
    /// (The options are applied by the caller, below the command line's; see ``ExplorerConfig/apply(to:)``.)
    public func attach(to state: inout AppState) {
        state.keymap = config.keymap()
        let messages = self.messages
        guard let first = messages.first else { return }
        state.status.log += messages
        let summary = messages.count == 1 ? first : "\(first) (\(messages.count - 1) more: :messages)"
        if state.status.message == nil {
            state.status.message = summary
            if summary != first { state.status.log.append(summary) }
        }
    }
}
