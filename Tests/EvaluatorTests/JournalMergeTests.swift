import Evaluator
import Foundation
import Sample
import Testing

/// One journal for the data: old journals read with it, moved in (`annotations migrate`), several
/// annotators' journals merged, and their agreement; all on real files in temporary folders.
@Suite("JournalMerge")
struct JournalMergeTests {
    // MARK: - Fixtures

    static let bench: Benchmark = {
        // The sample's data, read once (every test here only reads it).
        try! Benchmark.load(data: Sample.dataRoot!, predictions: nil)
    }()

    /// The key and gold platform of case `k` of the first split.
    static func key(_ k: Int) throws -> (key: CaseKey, platform: JSONValue) {
        let split = bench.splits[0]
        let c = split.cases[k]
        return (CaseKey.of(c, in: split), try #require(c.answer.arrayValue?.first))
    }

    /// An entry setting case `k`'s platform to `to`.
    static func platform(_ seq: Int, _ k: Int, _ to: String, author: String) throws -> JournalEntry {
        let (key, platform) = try Self.key(k)
        return JournalEntry(
            seq: seq, time: "2025-01-0\(seq % 9 + 1)T00:00:00.000Z", author: author, key: key, kind: .setPlatform,
            changes: [GoldChange(field: .answer, path: [.index(0)], before: platform, after: .string(to))])
    }

    /// An entry giving case `k` a status.
    static func status(_ seq: Int, _ k: Int, _ status: CaseStatus, author: String) throws -> JournalEntry {
        JournalEntry(
            seq: seq, time: "2025-02-0\(seq % 9 + 1)T00:00:00.000Z", author: author, key: try Self.key(k).key, kind: .setStatus,
            status: status)
    }

    /// An undo of entry `of` (case `k`'s platform set to `to`).
    static func undo(_ seq: Int, of: Int, _ k: Int, _ to: String, author: String) throws -> JournalEntry {
        let (key, platform) = try Self.key(k)
        return JournalEntry(
            seq: seq, time: "2025-03-0\(seq % 9 + 1)T00:00:00.000Z", author: author, key: key, kind: .undo,
            changes: [GoldChange(field: .answer, path: [.index(0)], before: .string(to), after: platform)], undoOf: of)
    }

    static func write(_ entries: [JournalEntry], to url: URL) throws {
        try Data(entries.map { $0.jsonLine + "\n" }.joined().utf8).write(to: url)
    }

    /// Everything but the number (and the number an undo names).
    static func plain(_ entries: [JournalEntry]) -> [String] {
        entries.map { e in
            var p = e
            p.seq = 0
            p.undoOf = nil
            return p.jsonLine
        }
    }

    // MARK: - Old journals read with the journal

    @Test(
        "old journals are read before the journal (1...L, undo_of following), named with the hint; new edits are numbered after them"
    )
    func oldJournalsRead() throws {
        let dir = try temporaryFolder()
        let a = dir.appendingPathComponent("a.jsonl")
        let b = dir.appendingPathComponent("b.jsonl")
        try Self.write([try Self.platform(1, 0, "A", author: "ann"), try Self.undo(2, of: 1, 0, "A", author: "ann")], to: a)
        try Self.write([try Self.platform(1, 1, "B", author: "bob")], to: b)
        let url = dir.appendingPathComponent("annotations.jsonl")
        let journal = try Journal.open(url, old: [a, b], hint: "ptscope annotations migrate")
        #expect(journal.entries.map(\.seq) == [1, 2, 3])
        #expect(journal.entries.map(\.undoOf) == [nil, 1, nil])
        #expect(journal.entries.map(\.author) == ["ann", "ann", "bob"])
        #expect(journal.warnings.count == 2)
        #expect(journal.warnings[0].hasPrefix(a.path) && journal.warnings[0].contains("2 entries"))
        #expect(journal.warnings[1].contains("move it there with: ptscope annotations migrate"))
        #expect(journal.oldNotice?.contains("read 2 old journals") == true)
        #expect(!FileManager.default.fileExists(atPath: url.path), "opening creates nothing")

        // Replayed: bob's edit is in effect, ann's undone.
        let replayed = Annotations.replay(journal.entries, over: Self.bench)
        #expect(replayed.problems.isEmpty && replayed.isInEffect(3) && !replayed.isInEffect(1))
        // An undo of an old journal's edit goes to the new journal, naming the number shown.
        let step = try #require(replayed.undoStep())
        let written = try journal.append(step, author: "me")
        #expect(written.seq == 4 && written.undoOf == 3)
        journal.close()
        let own = try Journal.load(url)
        #expect(own.entries.map(\.seq) == [4], "only the new edit is in the new file")
        #expect(try Data(contentsOf: a).count > 0 && FileManager.default.fileExists(atPath: b.path), "old journals untouched")

        // Read again: the same numbers, and the undo applies to bob's edit.
        let again = try Journal.open(url, old: [a, b])
        defer { again.close() }
        #expect(again.entries.map(\.seq) == [1, 2, 3, 4])
        let replayedAgain = Annotations.replay(again.entries, over: Self.bench)
        #expect(replayedAgain.problems.isEmpty && !replayedAgain.isInEffect(3))
    }

    @Test("an old journal already in the journal (a migration stopped before removing it) is named; an empty one is not")
    func oldJournalsAlreadyIn() throws {
        let dir = try temporaryFolder()
        let a = dir.appendingPathComponent("a.jsonl")
        let empty = dir.appendingPathComponent("empty.jsonl")
        let entries = [try Self.platform(1, 0, "A", author: "ann")]
        try Self.write(entries, to: a)
        try Data().write(to: empty)
        let url = dir.appendingPathComponent("annotations.jsonl")
        try Self.write(entries, to: url)
        let journal = try Journal.open(url, old: [a, empty], hint: "ptscope annotations migrate")
        #expect(
            journal.warnings == [
                "\(a.path) is already in \(url.path) (an earlier migration stopped before removing it); "
                    + "ptscope annotations migrate removes it"
            ])
        #expect(journal.entries.map(\.seq) == [1] && journal.oldNotice == nil)
        journal.close()
        // An empty old journal and no journal yet (an earlier ptscope made the file, no edit was
        // made): nothing to read or move, and nothing said on every exit.
        let none = try Journal.open(dir.appendingPathComponent("none.jsonl"), old: [empty], hint: "ptscope annotations migrate")
        defer { none.close() }
        #expect(none.warnings.isEmpty && none.entries.isEmpty && none.oldNotice == nil)
    }

    @Test("a journal numbering its edits like the old ones opens read-only until they are migrated, the old ones first")
    func overlappingNumbers() throws {
        let dir = try temporaryFolder()
        let old = dir.appendingPathComponent("old.jsonl")
        try Self.write([try Self.platform(1, 0, "A", author: "ann")], to: old)
        let url = dir.appendingPathComponent("annotations.jsonl")
        try Self.write([try Self.status(1, 1, .flagged, author: "me")], to: url)
        let journal = try Journal.open(url, old: [old], hint: "ptscope annotations migrate --data D")
        defer { journal.close() }
        #expect(journal.readOnly)
        #expect(journal.warnings.first?.contains("ptscope annotations migrate --data D") == true)
        #expect(journal.entries.map(\.seq) == [1, 2] && journal.entries.map(\.author) == ["ann", "me"])
        #expect(throws: InputError.self) { try journal.append(kind: .setNote, key: try Self.key(2).key, note: "x", author: "me") }
    }

    // MARK: - migrate

    @Test("migrate moves the old journals in (the file equals what the explorer showed), removes them, and is idempotent")
    func migrate() throws {
        let dir = try temporaryFolder()
        let a = dir.appendingPathComponent("a/annotations.jsonl")
        let b = dir.appendingPathComponent("b/annotations.jsonl")
        for f in [a, b] {
            try FileManager.default.createDirectory(at: f.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        try Self.write([try Self.platform(1, 0, "A", author: "ann"), try Self.undo(2, of: 1, 0, "A", author: "ann")], to: a)
        try Self.write([try Self.platform(1, 1, "B", author: "bob")], to: b)
        let url = dir.appendingPathComponent("annotations.jsonl")
        // An edit made while they were read with it.
        let shown: [JournalEntry]
        do {
            let journal = try Journal.open(url, old: [a, b])
            try journal.append(kind: .setStatus, key: try Self.key(1).key, status: .confirmed, author: "me")
            shown = journal.entries
            journal.close()
        }
        let aBytes = try Data(contentsOf: a)
        let bBytes = try Data(contentsOf: b)

        let plan = try JournalMigration.plan(target: url, old: [a, b], force: false)
        #expect(plan.moved == [a, b] && plan.alreadyIn.isEmpty && plan.conflicts.isEmpty)
        #expect(try plan.run().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: a.path) && !FileManager.default.fileExists(atPath: b.path))
        let migrated = try Journal.load(url)
        #expect(migrated.entries == shown, "the same numbers, authors and times as shown before")
        #expect(migrated.warnings.isEmpty)

        // Again: nothing to do.
        #expect(try JournalMigration.plan(target: url, old: [], force: false).isEmpty)

        // A migration that stopped after writing the journal, before removing the old ones: they are
        // recognised, not read twice, and removed by the next migration, which changes nothing else.
        try aBytes.write(to: a)
        try bBytes.write(to: b)
        let bytesBefore = try Data(contentsOf: url)
        let reopened = try Journal.open(url, old: [a, b])
        #expect(reopened.entries == shown)
        #expect(reopened.warnings.allSatisfy { $0.contains("is already in") } && reopened.warnings.count == 2)
        reopened.close()
        let rerun = try JournalMigration.plan(target: url, old: [a, b], force: false)
        #expect(rerun.moved.isEmpty && rerun.alreadyIn == [a, b])
        #expect(try rerun.run().isEmpty)
        #expect(try Data(contentsOf: url) == bytesBefore)
        #expect(!FileManager.default.fileExists(atPath: a.path))
    }

    @Test("migrate is refused while the journal is open in a ptscope, and leaves everything as it was")
    func migrateLocked() throws {
        let dir = try temporaryFolder()
        let old = dir.appendingPathComponent("old.jsonl")
        try Self.write([try Self.platform(1, 0, "A", author: "ann")], to: old)
        let url = dir.appendingPathComponent("annotations.jsonl")
        let holder = try Journal.open(url)
        try holder.append(kind: .setNote, key: try Self.key(3).key, note: "n", author: "me")
        // The lock is a flock on an open file description: a second open in this process is refused too.
        defer { holder.close() }
        #expect {
            _ = try JournalMigration.plan(target: url, old: [old], force: false)
        } throws: { error in
            "\(error)".contains("locked by another ptscope")
        }
        #expect(FileManager.default.fileExists(atPath: old.path))
    }

    @Test("migrate lists conflicting old journals with file:line of each side and moves nothing; --force holds the later ones")
    func migrateConflicts() throws {
        let dir = try temporaryFolder()
        let a = dir.appendingPathComponent("a.jsonl")
        let b = dir.appendingPathComponent("b.jsonl")
        try Self.write([try Self.status(1, 5, .confirmed, author: "x"), try Self.platform(2, 0, "A", author: "ann")], to: a)
        try Self.write([try Self.platform(1, 0, "B", author: "bob"), try Self.status(2, 5, .confirmed, author: "y")], to: b)
        let url = dir.appendingPathComponent("annotations.jsonl")
        let plan = try JournalMigration.plan(target: url, old: [a, b], force: false)
        #expect(plan.conflicts.count == 1, "case 5 is confirmed by both: no conflict")
        let conflict = try #require(plan.conflicts.first)
        #expect(conflict.key == (try Self.key(0).key))
        #expect(conflict.sides.map(\.place) == ["\(a.path):2", "\(b.path):1"])
        #expect(conflict.sides.map(\.author) == ["ann", "bob"])
        #expect(throws: InputError.self) { _ = try plan.run() }
        #expect(!FileManager.default.fileExists(atPath: url.path) && FileManager.default.fileExists(atPath: a.path))

        let forced = try JournalMigration.plan(target: url, old: [a, b], force: true)
        #expect(try forced.run().isEmpty)
        let merged = try Journal.load(url)
        #expect(merged.entries.map(\.held) == [nil, nil, .conflict, .agreement])
        let replayed = Annotations.replay(merged.entries, over: Self.bench)
        #expect(replayed.problems.isEmpty)
        #expect(replayed.conflicts == [try Self.key(0).key])
        #expect(replayed.cases[try Self.key(0).key]?.answer.arrayValue?.first == .string("A"))
    }

    // MARK: - merge

    @Test("merge keeps every entry with its author, renumbers undo_of, holds later versions, lists conflicts")
    func merge() throws {
        let ann = [
            try Self.platform(1, 0, "A", author: "ann"), try Self.status(2, 1, .flagged, author: "ann"),
            try Self.status(3, 2, .confirmed, author: "ann"),
        ]
        let bob = [
            try Self.platform(1, 0, "B", author: "bob"), try Self.undo(2, of: 1, 0, "B", author: "bob"),
            try Self.platform(3, 0, "A", author: "bob"), try Self.status(4, 1, .confirmed, author: "bob"),
            try Self.status(5, 3, .flagged, author: "bob"),
        ]
        let keys1 = try Self.key(1).key
        let merged = JournalMerge.merge([
            JournalMerge.Source(file: "ann.jsonl", entries: ann, lines: [1, 2, 3]),
            JournalMerge.Source(file: "bob.jsonl", entries: bob, lines: [1, 2, 3, 4, 5]),
        ])
        #expect(merged.entries.map(\.seq) == Array(1...8))
        #expect(Self.plain(merged.entries).count == 8)
        #expect(merged.entries.map(\.author) == ["ann", "ann", "ann", "bob", "bob", "bob", "bob", "bob"])
        #expect(merged.entries[4].undoOf == 4, "bob's undo names bob's first edit, renumbered")
        // Case 0: both end with platform A (bob after an undo): agreement. Case 1: flagged vs confirmed.
        #expect(merged.entries.map(\.held) == [nil, nil, nil, .agreement, .agreement, .agreement, .conflict, nil])
        #expect(merged.conflicts.map(\.key) == [try Self.key(1).key])
        #expect(merged.conflicts[0].sides.map(\.place) == ["ann.jsonl:2", "bob.jsonl:4"])
        #expect(merged.conflicts[0].description.contains("flagged") && merged.conflicts[0].description.contains("confirmed"))
        #expect(merged.agreements == 1)

        // The listing without data: held entries are listed as held and are not in effect.
        let listing = AnnotationsListing(file: "merged.jsonl", entries: merged.entries, replayedOver: nil)
        #expect(listing.cases.first { $0.key == keys1 }?.status == "flagged")
        #expect(listing.editRows[7][4] == "set_status (held: conflict)")

        // Replayed: every case has the first annotator's version; bob's case 3 applies; held are not applied.
        let url = try temporaryFolder().appendingPathComponent("merged.jsonl")
        try JournalMigration.writeAtomically(
            Array(merged.entries.map { $0.jsonLine + "\n" }.joined().utf8), to: url, replacing: false)
        let read = try Journal.load(url)
        #expect(read.entries == merged.entries && read.warnings.isEmpty)
        let replayed = Annotations.replay(read.entries, over: Self.bench)
        #expect(replayed.problems.isEmpty)
        #expect(replayed.cases[try Self.key(1).key]?.status == .flagged)
        #expect(replayed.cases[try Self.key(3).key]?.status == .flagged)
        #expect(replayed.conflicts == [try Self.key(1).key])
        #expect(replayed.held[try Self.key(1).key]?.map(\.author) == ["bob"])
        // Held lines are written as version 2 (older ptscopes refuse them rather than apply them).
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(
            text.split(separator: "\n")[6].hasPrefix(#"{"v": 2, "#)
                && text.split(separator: "\n")[6].contains(#""held": "conflict""#))
        #expect(text.split(separator: "\n")[0].hasPrefix(#"{"v": 1, "#))
        // The output is never overwritten.
        #expect {
            try JournalMigration.writeAtomically(Array("x\n".utf8), to: url, replacing: false)
        } throws: { error in
            "\(error)".contains("exists already")
        }
        #expect(try Journal.load(url).entries == merged.entries)
    }

    // MARK: - agreement

    /// Eight cases rated by two annotators, and the kappa of their statuses.
    ///
    /// Worked out independently with scikit-learn 1.9.1 (pip install scikit-learn statsmodels into a
    /// venv under /tmp): `cohen_kappa_score(a, b)` with
    /// a = [c, c, f, f, c, corrected, f, c], b = [c, f, f, f, c, corrected, c, c] (c: confirmed, f: flagged)
    /// gives 0.5789473684210527 (= 11/19).
    @Test("Cohen's kappa of two annotators on the cases both annotated, and the share with the same gold")
    func cohen() throws {
        let a: [CaseStatus] = [.confirmed, .confirmed, .flagged, .flagged, .confirmed, .corrected, .flagged, .confirmed]
        let b: [CaseStatus] = [.confirmed, .flagged, .flagged, .flagged, .confirmed, .corrected, .confirmed, .confirmed]
        var ra: [CaseKey: Agreement.Reading] = [:]
        var rb: [CaseKey: Agreement.Reading] = [:]
        for k in 0..<8 {
            let key = CaseKey(split: "s", index: k, hash: "h")
            ra[key] = Agreement.Reading(status: a[k], gold: "g\(k)")
            rb[key] = Agreement.Reading(status: b[k], gold: k == 5 ? "other" : "g\(k)")
        }
        // Cases only one of them annotated are left out.
        ra[CaseKey(split: "s", index: 99, hash: "h")] = Agreement.Reading(status: .flagged, gold: "")
        let agreement = Agreement([ra, rb])
        #expect(agreement.common == 8 && agreement.annotated == [9, 8] && agreement.sameStatus == 6 && agreement.sameGold == 7)
        #expect(abs(try #require(agreement.kappa) - 0.5789473684210527) < 1e-12)
        #expect(agreement.text.contains("Cohen's kappa = 0.5789 (n = 8)"))
        #expect(agreement.json.contains(#""n": 8"#) && agreement.json.contains(#""kappa_kind": "cohen""#))
    }

    /// Three annotators on six cases.
    ///
    /// Worked out independently with statsmodels 0.15.0 (same venv):
    /// `fleiss_kappa(aggregate_raters(ratings)[0])` with the rows below (0 unreviewed, 1 confirmed,
    /// 2 corrected, 3 flagged) gives 0.3368421052631577 (= 32/95).
    @Test("Fleiss' kappa of three annotators; undefined when every rating is in one category")
    func fleiss() throws {
        let rows: [[CaseStatus]] = [
            [.confirmed, .confirmed, .confirmed], [.confirmed, .confirmed, .flagged], [.flagged, .flagged, .flagged],
            [.corrected, .corrected, .confirmed], [.corrected, .flagged, .confirmed], [.confirmed, .confirmed, .confirmed],
        ]
        var readings: [[CaseKey: Agreement.Reading]] = [[:], [:], [:]]
        for (k, row) in rows.enumerated() {
            for r in 0..<3 { readings[r][CaseKey(split: "s", index: k, hash: "h")] = Agreement.Reading(status: row[r], gold: "") }
        }
        let agreement = Agreement(readings)
        #expect(agreement.kappaName == "Fleiss" && agreement.common == 6 && agreement.sameStatus == 3 && agreement.sameGold == 6)
        #expect(abs(try #require(agreement.kappa) - 0.3368421052631577) < 1e-12)

        let same = Agreement(
            [[CaseKey(split: "s", index: 0, hash: "h"): Agreement.Reading(status: .flagged, gold: "")]]
                + [[CaseKey(split: "s", index: 0, hash: "h"): Agreement.Reading(status: .flagged, gold: "")]])
        #expect(same.kappa == nil && same.text.contains("undefined"))
        #expect(Agreement([[:], [:]]).common == 0)
    }

    @Test("agreement from journals: without data from the journals alone, with data from the replay; held entries left out")
    func readingsFromJournals() throws {
        let ann = [try Self.platform(1, 0, "A", author: "ann"), try Self.status(2, 1, .flagged, author: "ann")]
        let bob = [
            try Self.platform(1, 0, "A", author: "bob"), try Self.status(2, 1, .confirmed, author: "bob"),
            JournalEntry(seq: 3, time: "t", author: "bob", key: try Self.key(2).key, kind: .setNote, note: "only a note"),
        ]
        let journalOnly = Agreement([Agreement.readings(ann), Agreement.readings(bob)])
        #expect(
            journalOnly.annotated == [2, 2] && journalOnly.common == 2 && journalOnly.sameStatus == 1 && journalOnly.sameGold == 2
        )
        let replayed = Agreement([
            Agreement.readings(Annotations.replay(ann, over: Self.bench)),
            Agreement.readings(Annotations.replay(bob, over: Self.bench)),
        ])
        #expect(replayed == journalOnly)
    }

    // MARK: - The commands

    @Test("ptscope annotations migrate / merge / agreement on real files: messages, exit codes, idempotence")
    func commands() throws {
        let tmp = try temporaryFolder()
        let data = tmp.appendingPathComponent("data")
        try FileManager.default.copyItem(at: try #require(Sample.dataRoot), to: data)
        for name in ["pA", "pB"] {
            try FileManager.default.createDirectory(at: tmp.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try Self.write([try Self.platform(1, 0, "A", author: "ann")], to: tmp.appendingPathComponent("pA/annotations.jsonl"))
        try Self.write([try Self.status(1, 1, .flagged, author: "bob")], to: tmp.appendingPathComponent("pB/annotations.jsonl"))
        let preds = ["pA", "pB"].map { tmp.appendingPathComponent($0).path }

        // export reads the old journal beside the predictions given, saying how to move it in.
        let export = try Child.run(["export", data.path, "--predictions", preds[0], "--out", tmp.path + "/corrected"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("ptscope annotations migrate --data \(data.path) \(preds[0])"), "\(export.stderr)")
        #expect(export.stdout.contains("1 case(s) with corrected gold"), "\(export.stdout)")

        let migrate = try Child.run(["annotations", "migrate", "--data", data.path] + preds)
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(migrate.stdout.contains("moved \(preds[0])/annotations.jsonl") && migrate.stdout.contains("2 entries moved in"))
        let journal = data.appendingPathComponent("annotations.jsonl")
        #expect(try Journal.load(journal).entries.map(\.author) == ["ann", "bob"])
        #expect(!FileManager.default.fileExists(atPath: preds[0] + "/annotations.jsonl"))
        let again = try Child.run(["annotations", "migrate", "--data", data.path] + preds)
        #expect(again.status == 0 && again.stdout.contains("nothing to move"), "\(again)")
        let list = try Child.run(["annotations", journal.path, "--data", data.path])
        #expect(list.status == 0 && list.stdout.contains("flagged"), "\(list)")

        // merge: a conflict on case 1 (flagged by bob, confirmed by cy), listed with file:line.
        let cy = tmp.appendingPathComponent("cy.jsonl")
        try Self.write([try Self.platform(1, 0, "A", author: "cy"), try Self.status(2, 1, .confirmed, author: "cy")], to: cy)
        let out = tmp.appendingPathComponent("merged.jsonl")
        let merge = try Child.run(["annotations", "merge", journal.path, cy.path, "--out", out.path])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.contains("conflict: \(try Self.key(1).key): \(journal.path):2 (bob, flagged"))
        #expect(merge.stdout.contains("\(cy.path):2 (cy, confirmed"))
        #expect(merge.stdout.contains("1 conflicting case(s) to adjudicate, 1 annotated alike"))
        #expect(try Journal.load(out).entries.map(\.held) == [nil, nil, .agreement, .conflict])
        // Exporting the merged journal says what is still to adjudicate.
        let exported = try Child.run(["export", data.path, "--journal", out.path, "--out", tmp.path + "/merged-export"])
        #expect(exported.status == 0 && exported.stderr.contains("1 case(s) still to adjudicate"), "\(exported)")
        let changes = try String(contentsOfFile: tmp.path + "/merged-export/CHANGES.md", encoding: .utf8)
        let contested = try Self.key(1).key
        #expect(changes.contains("## Still to adjudicate") && changes.contains("\(contested): also annotated by cy"))
        let twice = try Child.run(["annotations", "merge", journal.path, cy.path, "--out", out.path])
        #expect(twice.status == 2 && twice.stderr.contains("exists already"), "\(twice)")
        let one = try Child.run(["annotations", "merge", journal.path, "--out", tmp.path + "/x.jsonl"])
        #expect(one.status != 0 && one.stderr.contains("two journals or more"))

        // agreement: statuses flagged+corrected vs confirmed+corrected; the same gold on both cases.
        let agreement = try Child.run(["annotations", "agreement", journal.path, cy.path, "--data", data.path, "--json"])
        #expect(agreement.status == 0, "\(agreement.stderr)")
        let json = try JSONReader.parse(agreement.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(json["n"] == .number(JSONNumber(text: "2")) && json["same_status"] == .number(JSONNumber(text: "1")))
        #expect(json["same_gold"] == .number(JSONNumber(text: "2")) && json["kappa_kind"]?.stringValue == "cohen")
        let text = try Child.run(["annotations", "agreement", journal.path, cy.path])
        #expect(text.stdout.contains("cases every annotator annotated: n = 2"), "\(text)")
    }
}
