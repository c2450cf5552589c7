import Foundation
import Testing

/// The `:` command line, sorting, `?` in every overlay and the message log, in a real terminal.
@Suite(
    "ptscope command line in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct CommandLineEndToEndTests {
    @discardableResult
    func started(_ t: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        try await t.waitUntil("the scored case list", sourceLocation: sourceLocation) {
            $0.listCounts != nil && $0.overallAccuracy != nil
        }
    }

    /// Types `:line` and Enter.
    func command(_ t: TmuxSession, _ line: String) throws {
        try t.send(":")
        try t.type(line)
        try t.send("Enter")
    }

    @Test("200×50: :12 jumps to case 12 of the split, :T 3 to case 3 of the trained users, :999 says which exist")
    func jumps() async throws {
        let t = try TmuxSession(width: 200, height: 50)
        try await started(t)
        try command(t, "12")
        try await t.waitUntil("case 12 of test_untrained_user in the case pane") {
            $0.shownCase?.number == 12 && $0.shownCase?.split == "test_untrained_user"
        }
        try command(t, "T 3")
        try await t.waitUntil("case 3 of test_trained_user in the case pane") {
            $0.shownCase?.number == 3 && $0.shownCase?.split == "test_trained_user"
        }
        try command(t, "999")
        let s = try await t.waitUntil("the message naming the cases that exist") {
            $0.statusBar.contains("no case 999 in test_trained_user")
        }
        #expect(s.shownCase?.number == 3, "the selection stays:\n\(s.framed)")
    }

    @Test("200×50: > sorts the case list by user (marked ▲ in the header), < reverses it (▼)")
    func sorting() async throws {
        let t = try TmuxSession(width: 200, height: 50)
        try await started(t)
        try t.send(">")
        var s = try await t.waitUntil("User▲ in the list's header") { $0.contains("User▲") }
        let users = s.listRows.map(\.user)
        #expect(users.count > 10 && users == users.sorted(), "sorted by user:\n\(s.framed)")
        try t.send("<")
        s = try await t.waitUntil("User▼ in the list's header") { $0.contains("User▼") }
        let down = s.listRows.map(\.user)
        #expect(down == down.sorted(by: >), "reversed:\n\(s.framed)")
    }

    @Test("120×40: ? in the dashboard and in the filter menu opens the help with their keys first; Esc goes back")
    func helpInEveryOverlay() async throws {
        let t = try TmuxSession(width: 120, height: 40)
        try await started(t)
        for (key, mode, section) in [("d", "DASHBOARD", "Summary views"), ("f", "FILTER", "Filter (f)")] {
            try t.send(key)
            try await t.waitUntil("the \(mode) overlay") { $0.mode == mode }
            try t.send("?")
            let help = try await t.waitUntil("the help, \(section) first") { $0.mode == "HELP" }
            let first = help.lines.dropFirst(3).first ?? ""
            #expect(first.contains(section), "the overlay's keys come first:\n\(help.framed)")
            try t.send("Escape")
            try await t.waitUntil("back in \(mode)") { $0.mode == mode }
            try t.send("Escape")
            try await t.waitUntil("back in the list") { $0.mode == "LIST" }
        }
    }

    @Test("120×40: :messages lists every message in full, newest first")
    func messageLog() async throws {
        let t = try TmuxSession(width: 120, height: 40)
        try await started(t)
        try t.send("u")
        try await t.waitUntil("nothing to undo") { $0.statusBar.contains("nothing to undo") }
        try command(t, "quti")
        try await t.waitUntil("the unknown command") { $0.statusBar.contains("did you mean") }
        try command(t, "messages")
        let s = try await t.waitUntil("the message log") { $0.mode == "MESSAGES" }
        let unknown = try #require(s.lines.firstIndex { $0.contains("unknown command “quti”") }, "\(s.framed)")
        let undo = try #require(s.lines.firstIndex { $0.contains("nothing to undo") }, "\(s.framed)")
        #expect(unknown < undo, "newest first:\n\(s.framed)")
    }
}
