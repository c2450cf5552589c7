import Evaluator
import Explorer
import Foundation
import TUICore
import Testing

/// The view saved per data set and restored when the same data is opened again (real files).
@Suite("Session restore")
struct SessionRestoreTests {
    static func stateHome() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-sessions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func file(in home: URL) -> URL { SessionFile.location(environment: ["XDG_STATE_HOME": home.path]) }

    /// A state with the sample loaded, `restore` set before the data arrives.
    static func opened(_ saved: SavedView?) throws -> AppState {
        var s = AppState(width: 120, height: 30)
        s.restore = saved
        Fixture.send(&s, .loaded(try Fixture.sample()))
        return s
    }

    @Test func theCaseFilterSortFocusAndContextComeBack() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 30)
        // Only failing cases, sorted by user, descending; the 4th one selected; the case pane and
        // the profile shown.
        s.list.filter.verdicts = [.fail]
        Fixture.send(&s, .key(.char(">")))
        Fixture.send(&s, .key(.char("<")))
        Fixture.keys(&s, .char("j"), .char("j"), .char("j"))
        s.panes.focus = .detail
        s.panes.contextMode = .profile
        let id = try #require(s.selectedID)
        let view = try #require(SavedView(s))
        #expect(view.verdicts == ["fail"] && view.sort == "user" && view.descending && view.focus == "detail")

        let home = try Self.stateHome()
        let url = Self.file(in: home)
        let key = SessionFile.key(data: URL(fileURLWithPath: "/tmp/a"), runs: [URL(fileURLWithPath: "/tmp/b")])
        try SessionFile.save(view, key: key, to: url)
        let loaded = SessionFile.load(url, key: key)
        #expect(loaded.warning == nil && loaded.view == view)
        #expect(SessionFile.load(url, key: key + "x").view == nil)

        let r = try Self.opened(loaded.view)
        #expect(r.selectedID == id, "the restored case is selected once the scores come")
        #expect(r.list.filter.verdicts == [.fail] && r.list.sort == CaseSort(.user, descending: true))
        #expect(r.panes.focus == .detail && r.panes.contextMode == .profile)
        #expect(r.restore == nil)
        #expect(r.status.message?.contains("restored case") == true, "\(r.status.message ?? "nil")")
        #expect(r.status.message?.contains("--fresh") == true)
    }

    @Test func valuesTheDataNoLongerHasAreDropped() throws {
        var view = SavedView()
        view.split = "test_untrained_user"
        view.index = 999_999
        view.platforms = ["Nowhere Inc."]
        view.verdicts = ["fail", "maybe"]
        view.sort = "colour"
        let r = try Self.opened(view)
        #expect(r.list.filter.platforms.isEmpty && r.list.filter.verdicts == [.fail])
        #expect(r.list.sort.isNatural)
        #expect(r.selectedID == r.list.visible.first)
    }

    @Test func withoutASavedViewNothingChangesAndNoMessage() throws {
        let r = try Self.opened(nil)
        #expect(r.list.filter.isEmpty && r.selectedID == 0 && r.status.message?.contains("restored") != true)
    }

    @Test func aNewerFileIsNeitherUsedNorOverwritten() throws {
        let home = try Self.stateHome()
        let url = Self.file(in: home)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let newer = #"{"version": 2, "views": {}}"#
        try Data(newer.utf8).write(to: url)
        let loaded = SessionFile.load(url, key: "k")
        #expect(loaded.view == nil)
        #expect(loaded.warning?.contains("newer ptscope (format version 2") == true)
        #expect(loaded.warning?.contains(url.path) == true)
        #expect(throws: InputError.self) { try SessionFile.save(SavedView(), key: "k", to: url) }
        #expect(try String(contentsOf: url, encoding: .utf8) == newer)
    }

    @Test func aDamagedFileIsNamedAndThenReplaced() throws {
        let home = try Self.stateHome()
        let url = Self.file(in: home)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(#"{"version": 1, "views": {"k": {"#.utf8).write(to: url)
        let loaded = SessionFile.load(url, key: "k")
        #expect(loaded.view == nil && loaded.warning?.contains(url.path) == true)
        var view = SavedView()
        view.index = 3
        try SessionFile.save(view, key: "k", to: url)
        #expect(SessionFile.load(url, key: "k").view?.index == 3)
        // No temporary file is left beside it.
        let names = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(names == ["sessions.json"])
    }

    @Test func onlyTheNewestViewsAreKept() throws {
        let home = try Self.stateHome()
        let url = Self.file(in: home)
        for n in 0..<205 {
            var view = SavedView()
            view.index = n
            view.saved = String(format: "2026-01-01T00:%02d:%02dZ", n / 60, n % 60)
            try SessionFile.save(view, key: "k\(n)", to: url)
        }
        #expect(SessionFile.load(url, key: "k0").view == nil)
        #expect(SessionFile.load(url, key: "k4").view == nil)
        #expect(SessionFile.load(url, key: "k5").view?.index == 5)
        #expect(SessionFile.load(url, key: "k204").view?.index == 204)
    }
}
