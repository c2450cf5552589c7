import Foundation
import TUICore
import Testing

// MARK: - Snapshot

/// Golden snapshots of frames in a folder: the text of a frame in `NAME.txt` and, when asked, its
/// role layer (one letter per cell, ``ScreenBuffer/roleText``) in `NAME.roles.txt`, so a change of
/// colour meaning (a selection that moved, a border that lost its focus) fails like a change of
/// text. A missing or different file fails; `UPDATE_SNAPSHOTS=1` rewrites it and still fails so a
/// person reviews the diff.
public struct Snapshot: Sendable {
    /// Where the files are.
    public let folder: URL

    /// Snapshots kept in `folder`.
    public init(folder: URL) {
        self.folder = folder
    }

    /// Compares `text` with `NAME.txt`.
    public func check(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        compare(name + ".txt", text, sourceLocation: sourceLocation)
    }

    /// Compares `buffer`'s text with `NAME.txt` and its role layer with `NAME.roles.txt`.
    public func check(_ name: String, buffer: ScreenBuffer, sourceLocation: SourceLocation = #_sourceLocation) {
        compare(name + ".txt", buffer.text, sourceLocation: sourceLocation)
        compare(name + ".roles.txt", buffer.roleText, sourceLocation: sourceLocation)
    }

    func compare(_ file: String, _ text: String, sourceLocation: SourceLocation) {
        let url = folder.appendingPathComponent(file)
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? Data((text + "\n").utf8).write(to: url)
            if expected != text + "\n" {
                Issue.record(
                    "snapshot \(file) re-recorded: review the diff and run again without UPDATE_SNAPSHOTS",
                    sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected else {
            Issue.record("snapshot \(file) is missing: run with UPDATE_SNAPSHOTS=1 and review it", sourceLocation: sourceLocation)
            return
        }
        if expected != text + "\n" {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = (text + "\n").split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            let want = first < e.count ? String(e[first]) : "<end>"
            let got = first < a.count ? String(a[first]) : "<end>"
            Issue.record(
                "snapshot \(file) differs at line \(first + 1):\n  expected: \(want)\n  actual:   \(got)",
                sourceLocation: sourceLocation)
        }
    }
}

// MARK: - Role layer

extension ScreenBuffer {
    /// One letter per cell naming its role (``Role/letter``), a row per line: what colours mean
    /// in a frame, comparable as text.
    public var roleText: String {
        (0..<height).map { y in String((0..<width).map { x in self[x, y].role.letter }) }.joined(separator: "\n")
    }
}

extension Role {
    /// The letter of the role layer: `.` normal, `m` muted, `h` header, `t` title, `b` border,
    /// `B` focused border, `s` selection, `p` pass, `f` fail, `!` format, `g` gold, `d` predicted,
    /// `-` missing, `+` extra, `k` key, `S` status bar, `K` status-bar key, `*` match, `e` error span, `w` warning,
    /// `a` accent.
    public var letter: Character {
        switch self {
        case .normal: return "."
        case .muted: return "m"
        case .header: return "h"
        case .title: return "t"
        case .border: return "b"
        case .focusedBorder: return "B"
        case .selection: return "s"
        case .pass: return "p"
        case .fail: return "f"
        case .format: return "!"
        case .gold: return "g"
        case .predicted: return "d"
        case .missing: return "-"
        case .extra: return "+"
        case .key: return "k"
        case .statusBar: return "S"
        case .statusKey: return "K"
        case .match: return "*"
        case .errorSpan: return "e"
        case .warning: return "w"
        case .accent: return "a"
        }
    }
}
