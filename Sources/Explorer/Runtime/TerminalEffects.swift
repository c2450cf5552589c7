import TUICore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - TerminalEffects

/// The effects that need the terminal itself (``Effect/copy(_:)``, ``Effect/page(_:)``,
/// ``Effect/editExternally(_:)``): performed by ``ExplorerRuntime`` on its device, on the input
/// loop's thread, between two frames.
public struct TerminalEffects {
    /// The variables read: `PAGER`, `VISUAL`, `EDITOR`, `TMUX`, `TMPDIR`.
    public var environment: [String: String]

    /// The most an editor may give back.
    static let editedLimit = 1_000_000

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The results of `effect` performed on `device`; nil when it is not a terminal effect.
    func perform(_ effect: Effect, on device: TerminalDevice) -> [Action]? {
        switch effect {
        case .copy(let text): return [copy(text, on: device)]
        case .page(let text): return page(text, on: device).map { [.finished($0)] } ?? []
        case .editExternally(let edit): return [editExternally(edit, on: device)]
        default: return nil
        }
    }

    /// OSC 52 with the text (cut to ``Clipboard/limit``); what the status line says.
    func copy(_ text: FocusedText, on device: TerminalDevice) -> Action {
        let (bytes, cut) = Clipboard.sequence(text.text)
        device.writeControl(bytes)
        let sent = cut ? Clipboard.cut(text.text, to: Clipboard.limit).0.utf8.count : text.text.utf8.count
        return .finished(Clipboard.message(what: text.what, bytes: sent, cut: cut, tmux: environment["TMUX"] != nil))
    }

    /// The pager's words: `$PAGER` split like a shell's words, `less -R` when unset or empty.
    var pager: [String]? { command("PAGER", default: ["less", "-R"]) }

    /// The editor's words: `$VISUAL`, else `$EDITOR`, else `vi`.
    var editor: [String]? {
        if let visual = environment["VISUAL"], !visual.allSatisfy(\.isWhitespace) { return command("VISUAL", default: []) }
        return command("EDITOR", default: ["vi"])
    }

    private func command(_ name: String, default fallback: [String]) -> [String]? {
        guard let value = environment[name], !value.allSatisfy(\.isWhitespace) else { return fallback }
        return ForegroundProcess.words(value)
    }

    private var temporaryDirectory: String {
        environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// The text in a temporary file shown by the pager; nil, or why it could not be shown.
    func page(_ text: FocusedText, on device: TerminalDevice) -> String? {
        guard let argv = pager, !argv.isEmpty else {
            return "$PAGER (\(Sanitizer.clean(environment["PAGER"] ?? ""))) has an unclosed quote"
        }
        do {
            let path = try ForegroundProcess.temporaryFile(text.text + "\n", in: temporaryDirectory, suffix: ".txt")
            defer { unlink(path) }
            // Any exit status is fine: a pager quit by a key or a signal has done its work.
            _ = try device.handingOver { () throws(ForegroundProcess.Failure) -> Int32 in
                try ForegroundProcess.run(argv + [path], interrupted: { device.interrupted })
            }.get()
            return nil
        } catch {
            return "\(Sanitizer.clean(error.description)) (the pager is $PAGER, else less -R)"
        }
    }

    /// The edit's text in a temporary file opened in the editor; the file's content as one line.
    func editExternally(_ edit: ExternalEdit, on device: TerminalDevice) -> Action {
        guard let argv = editor, !argv.isEmpty else {
            return .externallyEdited(edit, result: nil, message: "$VISUAL or $EDITOR has an unclosed quote")
        }
        do {
            let path = try ForegroundProcess.temporaryFile(
                FocusedText.safe(edit.text) + "\n", in: temporaryDirectory, suffix: ".txt")
            defer { unlink(path) }
            let status = try device.handingOver { () throws(ForegroundProcess.Failure) -> Int32 in
                try ForegroundProcess.run(argv + [path], interrupted: { device.interrupted })
            }.get()
            guard status == 0 else {
                return .externallyEdited(
                    edit, result: nil,
                    message: "the editor (\(Sanitizer.clean(argv[0]))) exited with status \(status): the line is unchanged")
            }
            let text = try ForegroundProcess.readText(path, limit: Self.editedLimit)
            return .externallyEdited(edit, result: ExternalEdit.line(fromFile: text), message: nil)
        } catch {
            return .externallyEdited(
                edit, result: nil, message: "\(Sanitizer.clean(error.description)): the line is unchanged")
        }
    }
}

extension TerminalDevice {
    /// ``TerminalDevice/handOver(_:)`` for a body that throws: its result, or its error, as a `Result`.
    fileprivate func handingOver<Success, Failure: Error>(_ body: () throws(Failure) -> Success) -> Result<Success, Failure> {
        handOver { Result { () throws(Failure) -> Success in try body() } }
    }
}
