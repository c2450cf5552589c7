import Evaluator
import Foundation
import Sample
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gold-label annotation: the journal, replay, undo/redo, every edit kind, export, durability.
@Suite("Annotations")
struct AnnotationTests {
    // MARK: - Edits and replay

    @Test("every edit kind changes the gold as described, and replay equals the live state")
    func everyEditKind() throws {
        let session = try Session()
        let (split, c, function, queryParam, profileParam) = try session.caseWithBothKindsOfParameters()
        let key = CaseKey.of(c, in: split)
        let original = CorrectedCase(c)
        func gold() -> CorrectedCase { session.live.current(c, in: split) }
        func params(_ g: CorrectedCase, _ f: String) -> JSONObject? { GoldEdits.functionParameters(g, f) }

        // Alternatives: add, edit, remove (back to the data's gold: the status follows).
        try session.record(
            .addAlternative, key,
            GoldEdits.addAlternative(gold(), function: function, parameter: queryParam, value: .string("Extra")))
        let added = try #require(params(gold(), function)?[queryParam]?.arrayValue)
        #expect(added.last == .string("Extra"))
        #expect(gold().status == .corrected && gold().goldChanged)
        try session.record(
            .editAlternative, key,
            GoldEdits.editAlternative(
                gold(), function: function, parameter: queryParam, index: added.count - 1, value: .string("Extra2")))
        #expect(params(gold(), function)?[queryParam]?.arrayValue?.last == .string("Extra2"))
        try session.record(
            .removeAlternative, key,
            GoldEdits.removeAlternative(gold(), function: function, parameter: queryParam, index: added.count - 1))
        #expect(gold().answer == original.answer)
        #expect(gold().status == .unreviewed && !gold().goldChanged)

        // Platform and functions.
        try session.record(.setPlatform, key, GoldEdits.setPlatform(gold(), .string("OtherPlatform")))
        #expect(gold().answer.arrayValue?.first == .string("OtherPlatform"))
        let renamedFunction = function + "_renamed"
        try session.record(.renameFunction, key, GoldEdits.renameFunction(gold(), from: function, to: renamedFunction))
        #expect(params(gold(), renamedFunction) == params(original, function))
        #expect(params(gold(), function) == nil)
        try session.record(.addFunction, key, GoldEdits.addFunction(gold(), name: "zz_extra"))
        #expect(
            gold().answer.value(at: [.index(1)])?.arrayValue?.last
                == .object(JSONObject(members: [("zz_extra", .object(JSONObject()))])))

        // Parameters, with query_params / profile_params kept in step.
        try session.record(
            .addParameter, key,
            GoldEdits.addParameter(
                gold(), function: "zz_extra", name: "zz_city", alternatives: .array([.string("Paris")]), listIn: .queryParams))
        #expect(params(gold(), "zz_extra")?["zz_city"] == .array([.string("Paris")]))
        #expect(gold().queryParams.arrayValue?.last == .string("zz_city"))
        try session.record(
            .renameParameter, key, GoldEdits.renameParameter(gold(), function: "zz_extra", from: "zz_city", to: "zz_town"))
        #expect(params(gold(), "zz_extra")?["zz_town"] != nil && params(gold(), "zz_extra")?["zz_city"] == nil)
        #expect(gold().queryParams.arrayValue?.last == .string("zz_town"))
        try session.record(.moveParameter, key, GoldEdits.moveParameter(gold(), name: "zz_town", to: .profileParams))
        #expect(!(gold().queryParams.arrayValue ?? []).contains(.string("zz_town")))
        #expect(gold().profileParams.arrayValue?.last == .string("zz_town"))
        try session.record(.removeParameter, key, GoldEdits.removeParameter(gold(), function: "zz_extra", name: "zz_town"))
        #expect(params(gold(), "zz_extra") == JSONObject())
        #expect(gold().profileParams == original.profileParams && gold().queryParams == original.queryParams)
        try session.record(.removeFunction, key, GoldEdits.removeFunction(gold(), name: "zz_extra"))
        #expect(params(gold(), "zz_extra") == nil)
        try session.record(
            .renameParameter, key, GoldEdits.renameParameter(gold(), function: renamedFunction, from: profileParam, to: "zz_p2"))
        #expect(
            params(gold(), renamedFunction)?.members.map(\.key)
                == params(original, function)?.members.map { $0.key == profileParam ? "zz_p2" : $0.key })
        #expect(gold().profileParams.arrayValue?.contains(.string("zz_p2")) == true)

        // Status and note live in the journal only.
        try session.record(EditStep(kind: .setStatus, key: key, status: .flagged, reason: "the query is ambiguous"))
        #expect(gold().status == .flagged && gold().reason == "the query is ambiguous")
        try session.record(EditStep(kind: .setNote, key: key, note: "check with the authors"))
        #expect(gold().note == "check with the authors")
        let undo = try #require(session.live.undoStep(key: key))
        try session.record(undo)
        #expect(gold().note == nil)
        try session.record(try #require(session.live.redoStep(key: key)))
        #expect(gold().note == "check with the authors")

        #expect(Set(session.journal.entries.map(\.kind)) == Set(EditKind.allCases), "every edit kind was recorded")
        #expect(session.live.problems.isEmpty)
        try session.expectReplayEqualsLive()
    }

    @Test("builders refuse edits that do not fit, with a readable reason")
    func builderErrors() throws {
        let session = try Session()
        let (split, c, function, queryParam, _) = try session.caseWithBothKindsOfParameters()
        let gold = session.live.current(c, in: split)
        let alternatives = try #require(GoldEdits.functionParameters(gold, function)?[queryParam]?.arrayValue)
        func message(_ build: () throws -> [GoldChange]) -> String {
            do {
                _ = try build()
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(
            message { try GoldEdits.addAlternative(gold, function: "nope", parameter: queryParam, value: .null) }.contains(
                "no function nope"))
        #expect(
            message { try GoldEdits.addAlternative(gold, function: function, parameter: "nope", value: .null) }.contains(
                "no parameter nope"))
        #expect(
            message { try GoldEdits.addAlternative(gold, function: function, parameter: queryParam, value: alternatives[0]) }
                .contains("already accepted"))
        #expect(
            message { try GoldEdits.editAlternative(gold, function: function, parameter: queryParam, index: 99, value: .null) }
                .contains("no alternative 99 (its alternatives are 0…"))
        #expect(message { try GoldEdits.renameFunction(gold, from: function, to: function) }.contains("unchanged"))
        #expect(message { try GoldEdits.addFunction(gold, name: function) }.contains("already has a function"))
        #expect(
            message { try GoldEdits.addParameter(gold, function: function, name: "x", alternatives: .array([])) }.contains(
                "non-empty list"))
        #expect(
            message { try GoldEdits.moveParameter(gold, name: queryParam, to: .queryParams) }.contains("already in query_params"))
        if alternatives.count == 1 {
            #expect(
                message { try GoldEdits.removeAlternative(gold, function: function, parameter: queryParam, index: 0) }.contains(
                    "one accepted value left"))
        }
    }

    @Test("accepting a predicted value stores it where the reference's matching rule will find it")
    func acceptPredicted() throws {
        let data =
            #"[{"query": "q", "answer": ["A", [{"f": {"n": [3], "b": [false], "s": ["x"], "l": [["a", "b"]]}}]], "#
            + #""query_params": ["n", "b", "s", "l"], "profile_params": []}]"#
        let c = try #require(try SplitData.index(Array(data.utf8), split: "s", file: "data.json").first)
        let gold = CorrectedCase(c)
        func accept(_ p: String, _ v: PyValue) throws -> [GoldChange] {
            try GoldEdits.acceptPredicted(gold, function: "f", parameter: p, predicted: v)
        }
        let base: [PathStep] = [.index(1), .index(0), .key("f")]
        #expect(
            try accept("n", .int(PyInt(decimal: "5")!))
                == [
                    GoldChange(
                        field: .answer, path: base + [.key("n"), .index(0)], before: nil, after: .number(JSONNumber(text: "5")))
                ],
            "an int is compared with the first alternative only")
        #expect(
            try accept("b", .str("true")) == [
                GoldChange(field: .answer, path: base + [.key("b"), .index(1)], before: nil, after: .bool(true))
            ])
        #expect(
            try accept("s", .str("Y")) == [
                GoldChange(field: .answer, path: base + [.key("s"), .index(1)], before: nil, after: .string("Y"))
            ])
        #expect(
            try accept("l", .list([.str("c")]))
                == [GoldChange(field: .answer, path: base + [.key("l"), .index(1)], before: nil, after: .array([.string("c")]))])
        #expect(throws: GoldEditError.self, "already accepted, case-insensitively") { try accept("s", .str("X")) }
        #expect(throws: GoldEditError.self, "a set has no JSON form") { try accept("s", .set(PySet())) }
    }

    @Test(
        "typed values: Python literals and JSON",
        arguments: [
            ("'x'", #""x""#), ("True", "true"), ("None", "null"), ("1.5", "1.5"), ("[1, 'a']", #"[1, "a"]"#),
            ("{'k': 2}", #"{"k": 2}"#), (#"["a", true, null]"#, #"["a", true, null]"#), ("(1, 2)", "[1, 2]"), ("-3", "-3"),
            ("1e20", "1e20"), ("1e400", "1e400"), ("2 ** 70", "1180591620717411303424"), (" 'é' ", #""é""#),
        ])
    func typedValues(text: String, json: String) throws {
        #expect(try GoldEdits.parseValue(text).dumps == json)
    }

    @Test(
        "typed values that are not values are refused, readably",
        arguments: ["low", "", "[1, low]", "{1, 2}", "b'x'", "f(1)", "'x"])
    func badTypedValues(text: String) {
        #expect(throws: GoldEditError.self) { try GoldEdits.parseValue(text) }
    }

    @Test("undo restores gold, status and note; redo re-applies; a new edit clears redo")
    func undoRedo() throws {
        let session = try Session()
        let (split, c, function, queryParam, _) = try session.caseWithBothKindsOfParameters()
        let key = CaseKey.of(c, in: split)
        let original = CorrectedCase(c)
        func gold() -> CorrectedCase { session.live.current(c, in: split) }

        #expect(session.live.undoStep() == nil && session.live.redoStep() == nil)
        try session.record(EditStep(kind: .setStatus, key: key, status: .confirmed))
        let add = try session.record(
            .addAlternative, key, GoldEdits.addAlternative(gold(), function: function, parameter: queryParam, value: .string("Z"))
        )
        #expect(gold().status == .corrected, "a gold edit after `confirmed` makes the status follow the gold")
        let undo = try #require(session.live.undoStep())
        #expect(undo.undoOf == add.seq && undo.changes == add.changes.reversed().map(\.inverse))
        try session.record(undo)
        #expect(gold().answer == original.answer && gold().status == .confirmed)
        let redo = try #require(session.live.redoStep(key: key))
        #expect(redo.undoOf == add.seq && redo.changes == add.changes)
        try session.record(redo)
        #expect(gold().goldChanged && gold().status == .corrected)

        // Undo twice (the redone edit, then the status), redo once, then a new edit: nothing left to redo.
        try session.record(try #require(session.live.undoStep(key: key)))
        try session.record(try #require(session.live.undoStep(key: key)))
        #expect(gold().status == .unreviewed && gold().answer == original.answer)
        try session.record(try #require(session.live.redoStep(key: key)))
        #expect(gold().status == .confirmed)
        try session.record(EditStep(kind: .setNote, key: key, note: "n"))
        #expect(session.live.redoStep(key: key) == nil)

        // Undo is per case, or global (the latest edit of any case).
        let other = split.cases.first { $0.index != c.index }!
        let otherKey = CaseKey.of(other, in: split)
        try session.record(EditStep(kind: .setStatus, key: otherKey, status: .flagged, reason: "r"))
        #expect(session.live.undoStep()?.key == otherKey)
        #expect(session.live.undoStep(key: key)?.kind == .undo && session.live.undoStep(key: key)?.key == key)
        try session.record(try #require(session.live.undoStep()))
        #expect(session.live.current(other, in: split).status == .unreviewed)
        #expect(session.live.problems.isEmpty)
        try session.expectReplayEqualsLive()
    }

    @Test("replay of a long mixed journal equals the state built edit by edit")
    func replayEqualsLive() throws {
        let session = try Session()
        var rng = SplitMix(seed: 7)
        for step in 0..<120 {
            let split = session.bench.splits[rng.next(session.bench.splits.count)]
            let c = split.cases[rng.next(min(split.cases.count, 6))]
            let key = CaseKey.of(c, in: split)
            let gold = session.live.current(c, in: split)
            let calls = try #require(gold.answer.value(at: [.index(1)])?.arrayValue)
            let name = calls.first?.objectValue?.members.first?.key
            let params = name.flatMap { GoldEdits.functionParameters(gold, $0) }
            let parameter = params?.members.first?.key
            switch rng.next(7) {
            case 0:
                if let step = session.live.undoStep(key: rng.next(2) == 0 ? key : nil) { try session.record(step) }
            case 1:
                if let step = session.live.redoStep(key: rng.next(2) == 0 ? key : nil) { try session.record(step) }
            case 2:
                try session.record(
                    EditStep(kind: .setStatus, key: key, status: CaseStatus.allCases[rng.next(4)], reason: "r\(step)"))
            case 3:
                try session.record(EditStep(kind: .setNote, key: key, note: rng.next(3) == 0 ? "" : "note \(step)"))
            case 4:
                if let name, let parameter {
                    try session.record(
                        .addAlternative, key,
                        GoldEdits.addAlternative(gold, function: name, parameter: parameter, value: .string("v\(step)")))
                }
            case 5:
                if let name, let parameter, let count = params?[parameter]?.arrayValue?.count, count > 1 {
                    try session.record(
                        .removeAlternative, key,
                        GoldEdits.removeAlternative(gold, function: name, parameter: parameter, index: count - 1))
                }
            default:
                try session.record(.setPlatform, key, GoldEdits.setPlatform(gold, .string("P\(step)")))
            }
        }
        #expect(session.journal.entries.count > 80)
        #expect(session.live.problems.isEmpty)
        try session.expectReplayEqualsLive()
    }

    @Test("entries whose case hash does not match the data, or whose before is stale, are reported and not applied")
    func mismatchedJournal() throws {
        let session = try Session()
        let split = session.bench.splits[0]
        let c = split.cases[0]
        let real = CaseKey.of(c, in: split)
        let wrong = CaseKey(split: real.split, index: real.index, hash: "0123456789abcdef")
        let platform = try #require(c.answer.arrayValue?.first)
        let setPlatform = [GoldChange(field: .answer, path: [.index(0)], before: platform, after: .string("X"))]
        let stale = [GoldChange(field: .answer, path: [.index(0)], before: .string("not the platform"), after: .string("Y"))]
        try session.journal.append(kind: .setPlatform, key: wrong, changes: setPlatform, author: "t")
        try session.journal.append(kind: .setPlatform, key: real, changes: stale, author: "t")
        try session.journal.append(
            kind: .setPlatform, key: CaseKey(split: "nope", index: 0, hash: real.hash), changes: setPlatform, author: "t")
        try session.journal.append(kind: .undo, key: real, changes: [], undoOf: 1, author: "t")
        let replayed = Annotations.replay(session.journal.entries, over: session.bench)
        #expect(replayed.problems.count == 4)
        #expect(replayed.problems[0].contains("seq 1") && replayed.problems[0].contains("hash"))
        #expect(replayed.problems[1].contains("seq 2") && replayed.problems[1].contains("expected 'not the platform'"))
        #expect(replayed.problems[2].contains("no split nope"))
        #expect(replayed.problems[3].contains("not applied for this case"))
        #expect(replayed.cases.isEmpty, "nothing was applied")
        #expect(replayed.corrected(c, in: split) == nil)
        #expect(replayed.benchmarkCase(c, in: split).answer == c.answer)
    }

    // MARK: - Export

    @Test("export writes only the edited values; re-loaded, it holds the corrected gold and scores as the live state")
    func exportRoundTrip() throws {
        let session = try Session()
        let bench = session.bench
        // A failing case whose only problem is one string value: accept the predicted value.
        var fixedCase: (split: SplitData, c: BenchmarkCase)?
        for split in bench.splits {
            let lines = bench.predictions[split.name]?.lines ?? []
            for c in split.cases where c.index < lines.count {
                let verdict = Scorer.diagnose(c, line: lines[c.index])
                let mismatches = verdict.findings.compactMap { f -> (String, String, PyValue)? in
                    if case .valueMismatch(let fn, let p, let v, _, _, _) = f { return (fn, p, v) }
                    return nil
                }
                guard verdict.format, verdict.platforms, verdict.toolParamNames, !verdict.overall,
                    let first = mismatches.first, case .str = first.2,
                    mismatches.allSatisfy({ $0.0 == first.0 && $0.1 == first.1 })
                else { continue }
                let gold = session.live.current(c, in: split)
                let key = CaseKey.of(c, in: split)
                try session.record(
                    .addAlternative, key,
                    GoldEdits.acceptPredicted(gold, function: first.0, parameter: first.1, predicted: first.2),
                    reason: "the predicted value is right")
                fixedCase = (split, c)
                break
            }
            if fixedCase != nil { break }
        }
        let (fixedSplit, fixed) = try #require(fixedCase, "the sample has a failing case with one wrong string value")
        // More edits: another split's platform, a moved parameter, a flag without gold change, an undone edit.
        let otherSplit = try #require(bench.splits.first { $0.name != fixedSplit.name })
        let o = otherSplit.cases[1]
        let oKey = CaseKey.of(o, in: otherSplit)
        try session.record(
            .setPlatform, oKey, GoldEdits.setPlatform(session.live.current(o, in: otherSplit), .string("Ünïcode \"P\"")))
        let (mSplit, m, _, queryParam, _) = try session.caseWithBothKindsOfParameters()
        let mKey = CaseKey.of(m, in: mSplit)
        try session.record(
            .moveParameter, mKey,
            GoldEdits.moveParameter(session.live.current(m, in: mSplit), name: queryParam, to: .profileParams))
        let f = otherSplit.cases[2]
        try session.record(
            EditStep(kind: .setStatus, key: CaseKey.of(f, in: otherSplit), status: .flagged, reason: "two platforms fit"))
        let u = otherSplit.cases[3]
        let uKey = CaseKey.of(u, in: otherSplit)
        try session.record(.setPlatform, uKey, GoldEdits.setPlatform(session.live.current(u, in: otherSplit), .string("Undone")))
        try session.record(try #require(session.live.undoStep(key: uKey)))

        let out = try temporaryFolder()
        try CorrectedExport.write(bench, session.live, entries: session.journal.entries, to: out)
        let exported = try Benchmark.load(data: out, predictions: try #require(Sample.run("weak-sim") as URL?))
        #expect(exported.splits.map(\.name) == bench.splits.map(\.name))
        var changedCount = 0
        for (split, copy) in zip(bench.splits, exported.splits) {
            #expect(copy.cases.count == split.cases.count)
            let changed = split.cases.contains { session.live.corrected($0, in: split)?.goldChanged == true }
            if !changed { #expect(copy.bytes == split.bytes, "an untouched split is byte-identical") }
            for (c, e) in zip(split.cases, copy.cases) {
                if let fixedGold = session.live.corrected(c, in: split), fixedGold.goldChanged {
                    changedCount += 1
                    #expect(e.answer == fixedGold.answer && e.queryParams == fixedGold.queryParams)
                    #expect(e.profileParams == fixedGold.profileParams)
                    #expect(
                        split.fullCase(c)?.objectValue?.members.map(\.key) == copy.fullCase(e)?.objectValue?.members.map(\.key),
                        "key order is kept")
                    for name in ["user_profile", "platforms", "tools"] {
                        let a = c.rawRanges[name].map { Array(split.bytes[$0]) }
                        let b = e.rawRanges[name].map { Array(copy.bytes[$0]) }
                        #expect(a == b, "\(name) is byte-identical")
                    }
                } else {
                    #expect(
                        Array(split.bytes[c.byteRange]) == Array(copy.bytes[e.byteRange]),
                        "\(c.split) #\(c.index) is byte-identical")
                }
            }
        }
        let expectedChanged = session.live.cases.values.filter(\.goldChanged).count
        #expect(changedCount == expectedChanged && expectedChanged >= 2)

        // Scores: the exported data scores as the corrected gold does; the accepted case now passes.
        let before = bench.score()
        let corrected = session.live.correctedBenchmark(bench).score()
        let after = exported.score()
        for (x, y) in zip(corrected.splits, after.splits) {
            #expect(x.verdicts.map(\.overall) == y.verdicts.map(\.overall))
            #expect(x.accuracy == y.accuracy)
        }
        let k = try #require(bench.splits.firstIndex { $0.name == fixedSplit.name })
        #expect(!before.splits[k].verdicts[fixed.index].overall && after.splits[k].verdicts[fixed.index].overall)
        let livePass = Scorer.verdict(
            for: session.live.benchmarkCase(fixed, in: fixedSplit), line: bench.predictions[fixedSplit.name]?.lines[fixed.index])
        #expect(livePass.overall)

        // The summaries.
        let changes = try String(contentsOf: out.appendingPathComponent("CHANGES.md"), encoding: .utf8)
        #expect(changes.contains("## \(fixedSplit.name) #\(fixed.index) (corrected)"))
        #expect(changes.contains("the predicted value is right"))
        #expect(changes.contains("## Flagged, gold unchanged") && changes.contains("two platforms fit"))
        #expect(!changes.contains("Undone"), "an undone edit is not a change")
        let lines = try String(contentsOf: out.appendingPathComponent("changes.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == expectedChanged)
        for line in lines {
            let value = try JSONReader.parse(String(line))
            #expect(value["split"]?.stringValue != nil && value["hash"]?.stringValue?.count == 16)
            #expect(value["fields"]?.objectValue?.members.isEmpty == false)
            #expect(value["authors"] == .array([.string("tester")]))
        }
    }

    @Test("export never writes over the data it reads")
    func exportRefusesTheData() throws {
        let copy = try temporaryFolder()
        let dataRoot = try #require(Sample.dataRoot)
        for name in Benchmark.referenceSplits {
            try FileManager.default.createDirectory(at: copy.appendingPathComponent(name), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: dataRoot.appendingPathComponent(name).appendingPathComponent("data.json"),
                to: copy.appendingPathComponent(name).appendingPathComponent("data.json"))
        }
        let bench = try Benchmark.load(data: copy, predictions: nil)
        #expect(throws: InputError.self) { try CorrectedExport.write(bench, Annotations(), entries: [], to: copy) }
    }

    // MARK: - The journal file

    @Test("a torn last line is skipped with a warning and cut before the next append; a bad middle line is kept")
    func tornLastLine() throws {
        let url = try temporaryFolder().appendingPathComponent("annotations.jsonl")
        let key = CaseKey(split: "s", index: 0, hash: "0000000000000000")
        do {
            let journal = try Journal.open(url)
            for k in 0..<3 { try journal.append(kind: .setNote, key: key, note: "n\(k)", author: "a") }
        }
        var bytes = try Data(contentsOf: url)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        // A garbage line in the middle, and half of a fourth entry at the end (no newline).
        var text = String(lines[0]) + "\n{not json\n" + String(lines[1]) + "\n" + String(lines[2]) + "\n"
        // (Longer than the entry appended next: cutting it, not overwriting it, is what is tested.)
        text +=
            lines[2].replacingOccurrences(of: "\"seq\": 3", with: "\"seq\": 4").dropLast(2) + String(repeating: "x", count: 500)
        bytes = Data(text.utf8)
        try bytes.write(to: url)

        let reopened = try Journal.open(url)
        #expect(reopened.entries.map(\.seq) == [1, 2, 3])
        #expect(reopened.warnings.count == 2)
        #expect(reopened.warnings.contains { $0.hasPrefix("\(url.path):2:") && $0.contains("not a journal entry") })
        #expect(reopened.warnings.contains { $0.hasPrefix("\(url.path):5:") && $0.contains("last line") })
        let entry = try reopened.append(kind: .setNote, key: key, note: "after the crash", author: "a")
        #expect(entry.seq == 4)
        reopened.close()

        let clean = try Journal.open(url)
        #expect(clean.entries.map(\.seq) == [1, 2, 3, 4])
        #expect(clean.warnings.count == 1, "only the kept garbage line in the middle")
        let all = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(all.hasSuffix("\n") && all.split(separator: "\n").count == 5)
        #expect(clean.entries.last?.note == "after the crash")
    }

    @Test("a journal line from a newer ptscope is refused with both version numbers")
    func newerVersion() throws {
        let url = try temporaryFolder().appendingPathComponent("annotations.jsonl")
        try Data(#"{"v": 3, "seq": 1}"#.utf8).write(to: url)
        #expect {
            _ = try Journal.open(url)
        } throws: { error in
            let text = "\(error)"
            return text.contains("version 3") && text.contains("version 2") && text.contains(":1:")
        }
    }

    @Test("entries survive the round trip through the file exactly (unicode, null values, absent values)")
    func entryRoundTrip() throws {
        let url = try temporaryFolder().appendingPathComponent("annotations.jsonl")
        let key = CaseKey(split: "test_trained_user", index: 4, hash: "00ff00ff00ff00ff")
        let changes = [
            GoldChange(
                field: .answer, path: [.index(1), .index(0), .key("f\"\n"), .key("p"), .index(2)], before: nil, after: .null),
            GoldChange(field: .profileParams, path: [.index(0)], before: .string("é\u{1}"), after: nil),
            GoldChange(
                field: .answer, path: [.index(0)], before: .number(JSONNumber(text: "1.50")),
                after: .object(JSONObject(members: [("k", .array([.bool(true)]))]))),
        ]
        let written: JournalEntry
        do {
            let journal = try Journal.open(url)
            written = try journal.append(
                kind: .editAlternative, key: key, changes: changes, status: .flagged, note: "", reason: "why\t", undoOf: nil,
                author: "ann ☃")
        }
        let read = try Journal.open(url)
        #expect(read.entries == [written])
        #expect(read.warnings.isEmpty)
    }

    @Test("a second writer in the same process is refused, or opens read-only")
    func secondWriterInProcess() throws {
        let url = try temporaryFolder().appendingPathComponent("annotations.jsonl")
        let first = try Journal.open(url)
        try first.append(kind: .setNote, key: CaseKey(split: "s", index: 0, hash: "0"), note: "x", author: "a")
        let second = try Journal.open(url)
        #expect(second.readOnly)
        #expect(second.entries.count == 1)
        #expect(
            second.warnings.contains {
                $0.contains(url.path) && $0.contains("locked by another ptscope") && $0.contains("read-only")
            })
        #expect(throws: InputError.self) {
            try second.append(kind: .setNote, key: CaseKey(split: "s", index: 0, hash: "0"), author: "b")
        }
        #expect {
            _ = try Journal.open(url, readOnlyIfLocked: false)
        } throws: { error in
            "\(error)".contains("is locked by another ptscope") && "\(error)".contains(url.path)
        }
        first.close()
        let third = try Journal.open(url, readOnlyIfLocked: false)
        #expect(!third.readOnly)
    }

    @Test("a second writer while another ptscope process writes is refused (naming its pid) or read-only")
    func secondWriterProcess() throws {
        let url = try temporaryFolder().appendingPathComponent("annotations.jsonl")
        let child = try Child(["annotations", url.path, "--stress-append", "100000000"])
        defer { child.kill() }
        _ = try child.waitForAcks(1)
        let journal = try Journal.open(url)
        #expect(journal.readOnly)
        #expect(journal.warnings.contains { $0.contains(url.path) && $0.contains("pid \(child.pid)") })
        #expect {
            _ = try Journal.open(url, readOnlyIfLocked: false)
        } throws: { error in
            "\(error)".contains("is locked by another ptscope (pid \(child.pid))")
        }
        child.kill()
        let after = try Journal.open(url, readOnlyIfLocked: false)
        #expect(!after.readOnly, "the lock goes with the process")
    }

    @Test("SIGKILL in the middle of a burst of edits: every acknowledged edit is in the journal, which stays valid")
    func sigkillDurability() throws {
        let url = try temporaryFolder().appendingPathComponent("annotations.jsonl")
        let child = try Child(["annotations", url.path, "--stress-append", "100000000"])
        defer { child.kill() }
        _ = try child.waitForAcks(300)
        child.kill()
        let acked = child.drainAcks()
        #expect(acked.count >= 300)
        #expect(acked == Array(1...acked.count), "acknowledged in order")

        let journal = try Journal.open(url)
        let seqs = journal.entries.map(\.seq)
        #expect(seqs == Array(1...max(1, seqs.count)), "no gap, no duplicate")
        #expect(Set(seqs).isSuperset(of: acked), "every acknowledged edit is present")
        #expect(journal.warnings.count <= 1, "at most a torn last line: \(journal.warnings)")
        #expect(journal.warnings.allSatisfy { $0.contains("last line") })
        let next = try journal.append(kind: .setNote, key: CaseKey(split: "s", index: 0, hash: "0"), note: "after", author: "a")
        #expect(next.seq == seqs.count + 1)
        journal.close()
        let clean = try Journal.open(url)
        #expect(clean.warnings.isEmpty && clean.entries.count == seqs.count + 1)
    }

    @Test("ptscope export and ptscope annotations on a real journal; bad input exits 2")
    func commandLine() throws {
        let session = try Session()
        let (split, c, function, queryParam, _) = try session.caseWithBothKindsOfParameters()
        let key = CaseKey.of(c, in: split)
        try session.record(
            .addAlternative, key,
            GoldEdits.addAlternative(
                session.live.current(c, in: split), function: function, parameter: queryParam, value: .string("Q")),
            reason: "also right")
        session.journal.close()
        let data = try #require(Sample.dataRoot).path
        let out = try temporaryFolder().appendingPathComponent("corrected")
        let export = try Child.run(["export", data, "--journal", session.journal.url.path, "--out", out.path])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("1 case(s) with corrected gold"))
        let exported = try Benchmark.load(data: out, predictions: nil)
        let e = try #require(exported.splits.first { $0.name == split.name }?.cases[c.index])
        #expect(e.answer == session.live.current(c, in: split).answer)

        let list = try Child.run(["annotations", session.journal.url.path, "--data", data])
        #expect(list.status == 0)
        #expect(
            list.stdout.contains("add_alternative") && list.stdout.contains("also right") && list.stdout.contains("corrected"))
        let json = try Child.run(["annotations", session.journal.url.path, "--json"])
        let records = try json.stdout.split(separator: "\n").map { try JSONReader.parse(String($0)) }
        #expect(records.map { $0["type"]?.stringValue } == ["edit", "case"])

        let missing = try Child.run(["export", data, "--journal", "/nonexistent/annotations.jsonl", "--out", out.path])
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/annotations.jsonl"))
        let onto = try Child.run(["export", data, "--journal", session.journal.url.path, "--out", data])
        #expect(onto.status == 2 && onto.stderr.contains("never modified"))
    }
}

// MARK: - Helpers

/// A journal in a fresh folder, the bundled sample (weak-sim predictions) and the live state,
/// updated edit by edit as the explorer would.
final class Session {
    let bench: Benchmark
    let journal: Journal
    var live = Annotations()

    init() throws {
        bench = try Benchmark.load(data: try #require(Sample.dataRoot), predictions: try #require(Sample.run("weak-sim") as URL?))
        journal = try Journal.open(try temporaryFolder().appendingPathComponent("annotations.jsonl"))
    }

    @discardableResult
    func record(_ step: EditStep) throws -> JournalEntry {
        let entry = try journal.append(step, author: "tester")
        live.apply(entry, over: bench)
        return entry
    }

    @discardableResult
    func record(_ kind: EditKind, _ key: CaseKey, _ changes: [GoldChange], reason: String? = nil) throws -> JournalEntry {
        try record(EditStep(kind: kind, key: key, changes: changes, reason: reason))
    }

    /// Replays the journal as read back from disk and compares with the live state.
    func expectReplayEqualsLive(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let reread = try Journal.load(journal.url)
        #expect(reread.entries == journal.entries, sourceLocation: sourceLocation)
        #expect(reread.warnings.isEmpty, sourceLocation: sourceLocation)
        let replayed = Annotations.replay(reread.entries, over: bench)
        #expect(replayed.cases == live.cases, sourceLocation: sourceLocation)
        #expect(replayed.problems == live.problems, sourceLocation: sourceLocation)
        #expect(replayed.undoStep() == live.undoStep() && replayed.redoStep() == live.redoStep(), sourceLocation: sourceLocation)
    }

    /// A case whose first gold function has a parameter in `query_params` and one in `profile_params`
    /// (each used by no other function).
    func caseWithBothKindsOfParameters() throws -> (SplitData, BenchmarkCase, String, String, String) {
        for split in bench.splits {
            for c in split.cases {
                guard let calls = c.answer.value(at: [.index(1)])?.arrayValue, calls.count == 1,
                    let call = calls[0].objectValue?.members.first, let params = call.value.objectValue
                else { continue }
                let names = params.members.map(\.key)
                let query = c.queryParams.arrayValue?.compactMap(\.stringValue) ?? []
                let profile = c.profileParams.arrayValue?.compactMap(\.stringValue) ?? []
                if let q = names.first(where: query.contains), let p = names.first(where: profile.contains) {
                    return (split, c, call.key, q, p)
                }
            }
        }
        return try #require(nil, "the sample has a case with query and profile parameters")
    }
}

extension GoldEdits {
    /// The parameters of the first gold function named `name` (test shorthand).
    static func functionParameters(_ gold: CorrectedCase, _ name: String) -> JSONObject? {
        for call in gold.answer.value(at: [.index(1)])?.arrayValue ?? [] {
            if let params = call[name]?.objectValue { return params }
        }
        return nil
    }
}

/// Sends `signal` to process `pid`.
func sendSignal(_ pid: Int32, _ signal: Int32) { _ = kill(pid, signal) }

/// A new empty folder under the temporary directory.
func temporaryFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-annotations-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// A small deterministic random number generator.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

/// Reads a pipe to its end on a background thread; ``data`` waits for the end.
final class PipeDrain: @unchecked Sendable {
    private var bytes = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        DispatchQueue.global().async {
            self.bytes = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    /// Everything the pipe carried (waits for its end of file).
    var data: Data {
        done.wait()
        done.signal()
        return bytes
    }
}

/// The built `ptscope` run as a child process, its standard output read as it comes.
final class Child {
    let process = Process()
    let output = Pipe()
    let errors = Pipe()
    var text = ""

    var pid: Int32 { process.processIdentifier }

    /// Starts `executable` (default: the built ptscope) with `arguments`.
    init(_ arguments: [String], executable: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: try executable ?? Child.binary())
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    /// Runs `ptscope arguments…` to the end.
    static func run(_ arguments: [String], executable: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let child = try Child(arguments, executable: executable)
        // stderr is drained on another thread while stdout is read here: reading one pipe to its
        // end first would wait forever for a child blocked on the other, full one (64 KB).
        let err = PipeDrain(child.errors)
        let out = child.output.fileHandleForReading.readDataToEndOfFile()
        child.process.waitUntilExit()
        return (child.process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err.data, as: UTF8.self))
    }

    /// Reads until `count` acks were printed (or 60 s pass); returns the acknowledged sequence numbers.
    func waitForAcks(_ count: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Int] {
        let deadline = Date().addingTimeInterval(60)
        let fd = output.fileHandleForReading.fileDescriptor
        var buffer = [UInt8](repeating: 0, count: 4096)
        while acks().count < count && Date() < deadline {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            text += String(decoding: buffer[0..<n], as: UTF8.self)
        }
        let got = acks()
        try #require(got.count >= count, "the child printed \(got.count) acks: \(errorText())", sourceLocation: sourceLocation)
        return got
    }

    /// After the child died: everything it printed, then the acknowledged sequence numbers.
    func drainAcks() -> [Int] {
        let fd = output.fileHandleForReading.fileDescriptor
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            text += String(decoding: buffer[0..<n], as: UTF8.self)
        }
        return acks()
    }

    /// The complete `ack N` lines read so far.
    func acks() -> [Int] {
        let complete = text.hasSuffix("\n") ? text[...] : text[..<(text.lastIndex(of: "\n") ?? text.startIndex)]
        return complete.split(separator: "\n").compactMap { line in line.hasPrefix("ack ") ? Int(line.dropFirst(4)) : nil }
    }

    func errorText() -> String {
        let fd = errors.fileHandleForReading.fileDescriptor
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
    }

    /// SIGKILL, and wait for the process to be gone.
    func kill() {
        guard process.isRunning else { return }
        sendSignal(pid, SIGKILL)
        process.waitUntilExit()
    }

    /// `PTSCOPE_BINARY`, else the `ptscope` built beside this test bundle, else `.build/debug/ptscope` above this file.
    static func binary(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        var candidates: [String] = []
        if let path = ProcessInfo.processInfo.environment["PTSCOPE_BINARY"], !path.isEmpty { candidates.append(path) }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("ptscope").path)
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("ptscope").path)
        }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            candidates.append(dir.appendingPathComponent(".build/debug/ptscope").path)
            dir.deleteLastPathComponent()
        }
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
        return try #require(found, "no ptscope binary (build with `swift build`, or set PTSCOPE_BINARY); looked at \(candidates)")
    }
}
