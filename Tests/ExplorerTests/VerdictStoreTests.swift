import Foundation
import Sample
import Testing

@testable import Evaluator
@testable import Explorer

/// A scored run keeps a few bytes per case (issue 12: memory grows by the predictions only): the
/// findings and the parsed prediction are made again, from the raw prediction, when a case is
/// looked at, and they are the ones the scorer made.
@Suite("Verdict store")
struct VerdictStoreTests {
    @Test func aStoredVerdictHoldsNoFindingsNorParsedPrediction() {
        // Plain bits: an array of findings, a parsed prediction or a string would make it not POD.
        #expect(_isPOD(CaseVerdict.self))
        #expect(MemoryLayout<CaseVerdict>.stride <= 32)
    }

    /// Every case of every run: the diagnosis made on demand is the one scoring made (the same
    /// verdict, the same findings as scoring the case's gold and line alone).
    static func expectDiagnosesMatch(_ s: AppState, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let data = try #require(s.data)
        let session = try #require(s.session)
        let scores = try #require(s.scores)
        #expect(scores.runs.count == data.runs.count, sourceLocation: sourceLocation)
        var mismatches: [String] = []
        for (r, run) in scores.runs.enumerated() {
            #expect(run.verdicts.count == data.cases.count, sourceLocation: sourceLocation)
            for entry in data.cases {
                let split = data.split(of: entry)
                let c =
                    session.options.useCorrectedGold
                    ? session.annotations.benchmarkCase(data.benchmarkCase(entry), in: split) : data.benchmarkCase(entry)
                let eager = Scorer.diagnose(c, line: data.predictionLine(entry, run: r), options: session.options.scorer)
                let lazy = run.diagnosis(entry.id)
                if lazy.verdict != run.verdicts[entry.id] || lazy.verdict != eager.verdict
                    || lazy.findings.map(\.sentence) != eager.findings.map(\.sentence)
                    || (lazy.prediction == nil) != (eager.prediction == nil)
                    || run.verdicts[entry.id].formatFailureKind != lazy.formatFailure?.kind
                {
                    mismatches.append("run \(r) case \(entry.id)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))", sourceLocation: sourceLocation)
    }

    @Test(arguments: Sample.models)
    func onDemandDiagnosesEqualScoringsForEveryCase(_ model: String) throws {
        let s = Fixture.state(try Fixture.sample(model), width: 120, height: 40)
        let data = try #require(s.data)
        #expect(Set(data.cases.map(\.split)).count == 2, "both splits")
        try Self.expectDiagnosesMatch(s)
        // A failing case has its findings back.
        let run = try #require(s.scores?.primary)
        let failing = try #require(data.cases.first { run.verdicts[$0.id].format && !run.verdicts[$0.id].overall })
        #expect(!run.diagnosis(failing.id).problems.isEmpty)
    }

    @Test func aComparisonsDiagnosesEqualScoringsBeforeAndAfterAGoldEdit() throws {
        var (s, journal) = try GoldAcrossRunsTests.compared()
        try Self.expectDiagnosesMatch(s)
        GoldAcrossRunsTests.acceptBsTitle(&s, journal)
        #expect(s.session!.annotations.cases.values.contains { $0.goldChanged })
        // Scored again against the corrected gold: every case, the edited one included.
        try Self.expectDiagnosesMatch(s)
    }

    @Test func anEditedCaseIsDiagnosedAgainstItsNewGoldBeforeTheRunIsScoredAgain() throws {
        let data = try Fixture.compared()
        let report = EffectWork.score(data, options: Scorer.Options()).reports[1]
        var verdicts = report.verdicts
        // A failing case of run B, its gold replaced by B's own answer's platform: the wrong
        // platform finding goes with the new gold.
        let id = try #require(
            data.cases.indices.first { id in
                verdicts.diagnosis(id).findings.contains { if case .wrongPlatform = $0 { return true } else { return false } }
            })
        let entry = data.cases[id]
        let old = data.benchmarkCase(entry)
        let predicted = try #require(verdicts.diagnosis(id).prediction?.platform.stringValue)
        guard case .array(var answer) = old.answer else {
            Issue.record("answer is not a list")
            return
        }
        answer[0] = .string(predicted)
        let c = BenchmarkCase(
            split: old.split, index: old.index, line: old.line, query: old.query, answer: .array(answer),
            queryParams: old.queryParams, profileParams: old.profileParams, byteRange: old.byteRange,
            rawRanges: old.rawRanges, userKey: old.userKey)
        verdicts.rescore(id, against: c)
        let after = verdicts.diagnosis(id)
        #expect(!after.findings.contains { if case .wrongPlatform = $0 { return true } else { return false } })
        #expect(after.verdict == verdicts[id] && verdicts[id].platforms)
        #expect(report.verdicts.diagnosis(id).verdict == report.verdicts[id], "the report's own verdicts are untouched")
    }

    @Test func aPairedComparisonNamesEachSidesFirstFindingFromItsPrediction() throws {
        let data = try Fixture.compared()
        let reports = EffectWork.score(data, options: Scorer.Options()).reports
        let c = PairedComparison(reports[0], reports[1], names: ("A", "B"), resamples: 10)
        #expect(!c.regressions.isEmpty)
        for change in c.regressions + c.improvements {
            let split = try #require(data.benchmark.splits.first { $0.name == change.split })
            let entry = try #require(data.cases.first { data.split(of: $0).name == split.name && $0.index == change.index })
            let first = { (r: Int) in
                Scorer.diagnose(data.benchmarkCase(entry), line: data.predictionLine(entry, run: r)).problems.first?.sentence
            }
            #expect(change.findingA == first(0) && change.findingB == first(1), "\(change.split)#\(change.index)")
        }
        #expect(c.regressions.contains { $0.findingB != nil })
    }
}
