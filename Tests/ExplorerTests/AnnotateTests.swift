import Evaluator
import Explorer
import Foundation
import TUICore
import Testing

/// Gold-label annotation from the explorer: keys → journal (a real file) → corrected verdicts.
@Suite("Annotation in the explorer")
struct AnnotateTests {
    /// A state on the sample with a fresh journal in a temporary folder.
    static func setUp(_ model: String = "strong-sim") throws -> (AppState, Journal, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-annotate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let journal = try Journal.open(dir.appendingPathComponent("annotations.jsonl"))
        let s = Fixture.state(try Fixture.sample(model), width: 160, height: 45)
        return (s, journal, dir)
    }

    static func send(_ s: inout AppState, _ journal: Journal, _ keys: Key...) {
        for k in keys {
            var queue = [Action.key(k)]
            while !queue.isEmpty {
                let effects = Reducer.reduce(&s, queue.removeFirst())
                queue += SynchronousEffectRunner(journal: journal, author: "test").perform(effects, for: s)
            }
        }
    }

    static func type(_ s: inout AppState, _ journal: Journal, _ text: String) {
        for ch in text { send(&s, journal, .char(ch)) }
    }

    /// Selects the first case whose only problem is a value mismatch.
    static func selectValueMismatch(_ s: inout AppState) throws -> Int {
        let id = try #require(
            s.list.visible.first { id in
                let v = s.verdict(id)!
                return v.format && v.errorColumns == [.value] && !v.errors.platform
            })
        while s.selectedID != id { Fixture.keys(&s, .char("j")) }
        return id
    }

    /// A hand-edited journal can list its entries out of seq order: a reload must not take the
    /// last line's number for the newest and replay the others a second time.
    @Test func reloadOfAJournalOutOfSeqOrderKeepsEachEntryOnce() throws {
        var data = try Fixture.sample()
        let split = data.benchmark.splits[0]
        let key = CaseKey.of(split.cases[0], in: split)
        data.journalEntries = [2, 1].map {
            JournalEntry(seq: $0, time: "2026-12-04T00:00:00Z", author: "a", key: key, kind: .setNote, note: "n\($0)")
        }
        var s = Fixture.state(data, width: 160, height: 45)
        #expect(s.session!.journalEntries.map(\.seq) == [2, 1])
        Fixture.send(&s, .loaded(data))
        #expect(s.session!.journalEntries.map(\.seq) == [2, 1])
    }

    @Test func acceptTurnsTheCaseGreenAndIsJournaledBeforeItShows() throws {
        var (s, journal, dir) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let id = try Self.selectValueMismatch(&s)
        let before = try #require(s.list.counts)
        Self.send(&s, journal, .char("a"))
        #expect(s.verdict(id)?.overall == true)
        #expect(s.list.counts?.pass == before.pass + 1)
        #expect(s.message?.hasPrefix("saved #1") == true)
        // On disk before the screen said saved: a fresh reader sees it.
        let onDisk = try Journal.load(journal.url)
        #expect(onDisk.entries.count == 1 && onDisk.entries[0].kind == .addAlternative)
        #expect(s.annotation(id)?.status == .corrected)
        #expect(Screen.text(s).contains("✎"))
        // Undo and redo.
        Self.send(&s, journal, .char("u"))
        #expect(s.verdict(id)?.overall == false)
        Self.send(&s, journal, .char("U"))
        #expect(s.verdict(id)?.overall == true)
        #expect(try Journal.load(journal.url).entries.map(\.kind) == [.addAlternative, .undo, .redo])
    }

    @Test func theDashboardShowsCorrectedAgainstOriginal() throws {
        var (s, journal, dir) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.selectValueMismatch(&s)
        #expect(
            !TriageRows.rows(s.viewContext!, .dashboard, width: 150).contains {
                $0.line.plain.contains("Corrected gold vs original")
            })
        Self.send(&s, journal, .char("a"))
        let rows = TriageRows.rows(s.viewContext!, .dashboard, width: 150).map(\.line.plain)
        let at = try #require(rows.firstIndex { $0.contains("Corrected gold vs original") })
        let overall = try #require(rows[at...].first { $0.hasPrefix("  overall ") })
        #expect(overall.contains("+"), "\(overall)")
        // The original column is PTBench's number on the unedited data.
        let original = try #require(s.scores?.result.originalReport?.overall?.accuracy[.overall] ?? nil)
        #expect(original == (try Fixture.sample().benchmark.score().overall?.accuracy[.overall] ?? nil))
    }

    @Test func anEditSavedDuringAReloadIsKept() throws {
        var (s, journal, dir) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let id = try Self.selectValueMismatch(&s)
        let data = try #require(s.data)  // loaded (with its journal replayed) before the edit
        Self.send(&s, journal, .char("a"))
        Fixture.send(&s, .loaded(data))  // the reload finishes after the edit was saved
        #expect(s.session!.journalEntries.count == 1)
        #expect(s.annotation(id)?.goldChanged == true)
        #expect(s.verdict(id)?.overall == true)
    }

    @Test func replayingTheJournalGivesTheSameState() throws {
        var (s, journal, dir) = try Self.setUp("weak-sim")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.selectValueMismatch(&s)
        Self.send(&s, journal, .char("a"), .char("]"), .char("C"), .char("]"), .char("!"))
        Self.type(&s, journal, "looks like a gold typo")
        Self.send(&s, journal, .enter, .char("m"))
        Self.type(&s, journal, "check with the annotator")
        Self.send(&s, journal, .enter)
        let live = s.session!.annotations
        let replayed = Annotations.replay(try Journal.load(journal.url).entries, over: s.data!.benchmark)
        #expect(replayed.cases == live.cases)
        #expect(live.cases.values.contains { $0.status == .flagged && $0.reason == "looks like a gold typo" })
        #expect(live.cases.values.contains { $0.note == "check with the annotator" })
        #expect(live.cases.values.contains { $0.status == .confirmed })
    }

    @Test func editCommandsCoverEveryGoldEdit() throws {
        var (s, journal, dir) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let id = try Self.selectValueMismatch(&s)
        let d = try #require(s.panes.detail)
        let fn = try #require(d.diff.functions.first { $0.status == .matched })
        let param = try #require(fn.params.first)
        // Names the tool catalog does not have are forced (`!`): the catalog check is tested below.
        let lines = [
            "platform! 'Elsewhere' -- testing",
            "alt add \(fn.name).\(param.name) 'another'",
            "alt edit \(fn.name).\(param.name) 0 'first'",
            "alt rm \(fn.name).\(param.name) 0",
            "fn! add extra_fn",
            "fn! rename extra_fn renamed_fn",
            "fn rm renamed_fn",
            "param! add \(fn.name).new_param ['x']",
            "param! rename \(fn.name).new_param newer_param",
            "param move newer_param profile",
            "param rm \(fn.name).newer_param",
            "status flagged unclear query",
            "note a note",
        ]
        for l in lines {
            Self.send(&s, journal, .char(":"))
            Self.type(&s, journal, l)
            Self.send(&s, journal, .enter)
            #expect(s.message?.hasPrefix("saved") == true, "\(l): \(s.message ?? "")")
        }
        #expect(try Journal.load(journal.url).entries.count == lines.count)
        #expect(s.annotation(id)?.status == .flagged)
        // A bad command is refused with a reason and nothing is written.
        Self.send(&s, journal, .char(":"))
        Self.type(&s, journal, "alt add nofunction.x 1")
        Self.send(&s, journal, .enter)
        #expect(s.message?.hasPrefix("saved") == false)
        #expect(try Journal.load(journal.url).entries.count == lines.count)
    }

    @Test func originalGoldToggleAndStatusFilter() throws {
        var (s, journal, dir) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let id = try Self.selectValueMismatch(&s)
        Self.send(&s, journal, .char("a"))
        #expect(s.verdict(id)?.overall == true)
        Fixture.keys(&s, .char("o"), .char("j"), .char("j"))
        Self.send(&s, journal, .char(" "))  // score against the original gold
        #expect(!s.session!.options.useCorrectedGold)
        #expect(s.verdict(id)?.overall == false)
        Self.send(&s, journal, .char(" "))
        #expect(s.verdict(id)?.overall == true)
        Fixture.keys(&s, .escape, .char("f"))
        guard case .filter(let menu)? = s.overlay else { return }
        let row = try #require(menu.items.firstIndex(of: .status(.corrected)))
        while case .filter(let m)? = s.overlay, m.cursor.index < row { Fixture.keys(&s, .char("j")) }
        Fixture.keys(&s, .char(" "), .escape)
        #expect(s.list.visible == [id])
    }

    @Test func aReadOnlyJournalRefusesEditsWithAMessage() throws {
        var (s, _, dir) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A journal that exists is locked on open (a missing one only by its first edit).
        let url = dir.appendingPathComponent("existing.jsonl")
        try Data().write(to: url)
        let journal = try Journal.open(url)
        let second = try Journal.open(journal.url)  // the first holds the lock
        #expect(second.readOnly)
        _ = try Self.selectValueMismatch(&s)
        Self.send(&s, second, .char("a"))
        #expect(s.message?.hasPrefix("not saved") == true)
        #expect(try Journal.load(journal.url).entries.isEmpty)
    }

    @Test func recentEditsRevisitTheCase() throws {
        var (s, journal, dir) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let id = try Self.selectValueMismatch(&s)
        Self.send(&s, journal, .char("a"), .char("g"))
        #expect(s.selectedID != id)
        Fixture.keys(&s, .char("e"))
        #expect(Screen.text(s).contains("#1"))
        goldens.check("edits-160x45", Screen.text(s).replacing(#/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/#, with: "TIME"))
        Fixture.keys(&s, .enter)
        #expect(s.selectedID == id)
    }
}
