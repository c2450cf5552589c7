import Evaluator
import Foundation
import Sample
import Testing

@testable import Explorer

/// The triage model: every number from the Evaluator's report, every row with the cases behind it.
@Suite("Triage model")
struct TriageTests {
    /// A sample model's data, report and verdicts (by case id).
    struct Scored {
        var data: ExplorerData
        var report: ScoreReport
        var verdicts: Verdicts
    }

    static func scored(_ model: String) throws -> Scored {
        try scored(Fixture.sample(model))
    }

    static func scored(_ data: ExplorerData) -> Scored {
        let report = EffectWork.score(data, options: Scorer.Options()).reports[0]
        return Scored(data: data, report: report, verdicts: report.verdicts)
    }

    static func isSortedUnique(_ ids: [Int]) -> Bool { zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 } }

    // MARK: - Dashboard

    @Test("dashboard counts are the report's, each with exactly as many case ids", arguments: Sample.models)
    func dashboardCountsAreTheReports(_ model: String) throws {
        let s = try Self.scored(model)
        let d = Triage.dashboard(data: s.data, verdicts: s.verdicts, report: s.report)
        #expect(d.splits.count == s.report.splits.count)
        #expect(d.splits.map(\.name) == s.data.benchmark.splits.map(\.name))
        #expect(d.splits.map(\.letter) == ["U", "T"])
        for (column, score) in zip(d.splits, s.report.splits) {
            #expect(column.cases.count == score.caseCount)
            for cell in column.metrics {
                #expect(cell.value == score.accuracy[cell.metric] ?? nil)
                #expect(cell.text == (cell.value.map(PyRepr.float) ?? "n/a"))
            }
            #expect(column.metrics.map(\.metric) == Metric.allCases)
            // The texts are the CSV row, byte for byte.
            let csv = CSVOutput.accuracy(score.accuracy).split(separator: "\r\n").map(String.init)
            #expect(csv[1] == column.metrics.map(\.text).joined(separator: ","))
            // The per-case metrics: (cases - missed) / cases is the report's value.
            for m in [Metric.format, .platforms, .toolNames, .toolParamNames, .toolParamValues, .overall] {
                let cell = try #require(column.metric(m))
                #expect(Double(score.caseCount - cell.missed.count) / Double(score.caseCount) == cell.value, "\(m)")
            }
            for cell in column.errors {
                #expect(cell.count == score.errorCounts[cell.column])
                #expect(cell.cases.count == cell.count, "\(column.name) \(cell.column)")
                #expect(cell.meaning == cell.column.meaning)
            }
            let hidden: [Triage.HiddenCount: Int] = [
                .platformErrors: score.platformErrors, .formatFailures: score.formatFailures,
                .queryValueErrors: score.queryValueErrors, .profileValueErrors: score.profileValueErrors,
            ]
            for cell in column.hidden {
                #expect(cell.count == hidden[cell.kind])
                #expect(cell.cases.count == cell.count, "\(column.name) \(cell.kind)")
            }
            let inColumn = Set(column.cases)
            let lists = column.errors.map(\.cases) + column.hidden.map(\.cases) + column.metrics.map(\.missed)
            for ids in lists {
                #expect(Self.isSortedUnique(ids))
                #expect(ids.allSatisfy(inColumn.contains))
            }
        }
        let overall = try #require(d.overall)
        let reportOverall = try #require(s.report.overall)
        #expect(overall.cases == Array(s.data.cases.indices))
        for cell in overall.metrics {
            #expect(cell.value == reportOverall.accuracy[cell.metric] ?? nil)
        }
        for cell in overall.errors {
            #expect(cell.count == reportOverall.errorCounts[cell.column])
            #expect(cell.cases.count == cell.count)
            #expect(cell.cases == d.splits.flatMap { $0.error(cell.column)!.cases })
        }
        for cell in overall.hidden {
            #expect(cell.count == d.splits.reduce(0) { $0 + $1.hidden(cell.kind)!.count })
            #expect(cell.cases.count == cell.count)
        }
    }

    @Test("breakdown rows partition the cases where they should", arguments: Sample.models)
    func breakdownsPartition(_ model: String) throws {
        let s = try Self.scored(model)
        let d = Triage.dashboard(data: s.data, verdicts: s.verdicts, report: s.report)
        let total = s.data.cases.count
        let passing = s.verdicts.filter { $0.format && $0.overall }.count
        let formatFailures = s.verdicts.filter { !$0.format }.count
        #expect(d.breakdowns.map(\.dimension) == Triage.Dimension.allCases)
        for b in d.breakdowns {
            for row in b.rows {
                #expect(row.count == row.cases.count)
                #expect(Self.isSortedUnique(row.cases))
                #expect(row.pass == row.cases.filter { s.verdicts[$0].format && s.verdicts[$0].overall }.count)
                #expect(row.formatFailures == row.cases.filter { !s.verdicts[$0].format }.count)
                #expect(row.accuracy == (row.count == 0 ? nil : Double(row.pass) / Double(row.count)))
            }
            guard b.partitions else { continue }
            #expect(b.rows.reduce(0) { $0 + $1.count } == total, "\(b.dimension)")
            #expect(b.rows.flatMap(\.cases).sorted() == Array(0..<total), "\(b.dimension)")
            #expect(b.rows.reduce(0) { $0 + $1.pass } == passing, "\(b.dimension)")
            #expect(b.rows.reduce(0) { $0 + $1.formatFailures } == formatFailures, "\(b.dimension)")
        }
        let scenario = try #require(d.breakdown(.scenario))
        #expect(scenario.rows.map(\.label) == s.data.scenarios)
        #expect(scenario.rows.map(\.count) == s.data.scenarioCounts)
        let platform = try #require(d.breakdown(.goldPlatform))
        #expect(platform.rows.map(\.label) == s.data.platforms)
        for row in platform.rows { #expect(row.count == s.data.platformCounts[row.label]) }
        let user = try #require(d.breakdown(.user))
        #expect(user.rows.map(\.count) == s.data.users.map(\.caseCount))
        let task = try #require(d.breakdown(.taskType))
        let profileDependent = s.data.cases.filter { s.data.benchmarkCase($0).profileParamCount > 0 }.map(\.id)
        #expect(task.rows[0].cases == profileDependent)
        // A case with two gold functions counts under both.
        let api = try #require(d.breakdown(.goldAPI))
        #expect(!api.partitions)
        #expect(api.rows.reduce(0) { $0 + $1.count } == s.data.cases.reduce(0) { $0 + Set($1.goldFunctions).count })
        #expect(s.data.cases.contains { Set($0.goldFunctions).count > 1 })
        for entry in s.data.cases {
            for f in Set(entry.goldFunctions) { #expect(api.rows.first { $0.label == f }?.cases.contains(entry.id) == true) }
        }
        // The preference rows agree with UserInfo.preferredPlatform over the case's own platform list.
        let preference = try #require(d.breakdown(.preference))
        for id in preference.rows[0].cases.prefix(20) + preference.rows[1].cases {
            let entry = s.data.cases[id]
            let split = s.data.split(of: entry)
            let list = Catalog.platformNames(split.decodeRaw(s.data.benchmarkCase(entry), "platforms"))
            let preferred = try #require(s.data.users[entry.user].preferredPlatform(among: list))
            #expect((preferred == entry.goldPlatform) == preference.rows[0].cases.contains(id))
        }
        #expect(preference.rows[1].count > 0)
    }

    // MARK: - Patterns

    @Test("pattern groups hold failing cases only, and every failing case with a problem", arguments: Sample.models)
    func patternGroupsCoverTheFailingCases(_ model: String) throws {
        let s = try Self.scored(model)
        let p = Triage.patterns(data: s.data, verdicts: s.verdicts)
        let failing = s.verdicts.indices.filter { !s.verdicts[$0].format || !s.verdicts[$0].overall }
        #expect(p.failing == failing)
        let failingSet = Set(failing)
        var grouped = Set<Int>()
        for g in p.groups {
            #expect(g.count > 0)
            #expect(Self.isSortedUnique(g.cases), "\(g.label)")
            #expect(g.cases.allSatisfy(failingSet.contains), "\(g.label) holds a case that does not fail")
            grouped.formUnion(g.cases)
        }
        for id in failing where !s.verdicts.diagnosis(id).problems.isEmpty {
            #expect(grouped.contains(id), "failing case \(id) is in no group")
        }
        #expect(
            zip(p.groups, p.groups.dropFirst()).allSatisfy { a, b in
                a.count > b.count || (a.count == b.count && a.label < b.label)
            })
        // Format failures group by their kind, and together are exactly the format failures.
        let formatGroups = p.groups.filter { $0.kind == .formatFailure }
        #expect(formatGroups.flatMap(\.cases).sorted() == s.verdicts.indices.filter { !s.verdicts[$0].format })
        for g in formatGroups {
            let kind = try #require(g.formatKind)
            #expect(g.label == "format failure · " + Triage.phrase(kind))
            #expect(g.cases.allSatisfy { s.verdicts[$0].formatFailureKind == kind })
        }
        // Wrong platform groups name both platforms.
        for g in p.groups where g.kind == .wrongPlatform {
            let gold = try #require(g.goldPlatform)
            let predicted = try #require(g.predictedPlatform)
            #expect(g.label == "wrong platform · gold \(gold) → predicted \(predicted)")
            for id in g.cases {
                #expect(s.data.cases[id].goldPlatform == gold)
                #expect(s.verdicts.diagnosis(id).prediction?.platform.stringValue == predicted)
            }
        }
        // A value mismatch group names function, parameter and source.
        for g in p.groups where g.kind == .valueMismatch {
            let label = "value mismatch · \(g.function!).\(g.parameter!) · \(g.source!.rawValue)"
            #expect(g.label == label)
        }
        #expect(!p.groups.contains { $0.kind == .undiagnosed })
    }

    @Test("a swapped profile value is traced to the profile field it came from")
    func provenanceOfASwappedAddress() throws {
        let s = try Self.scored("weak-sim")
        let p = Triage.patterns(data: s.data, verdicts: s.verdicts)
        // Hand-checked in Sources/Sample/Data: test_untrained_user #8 (Søren Østergaard) asks for a pickup
        // "from my home"; weak-sim answered return_item(pickup_address='Krystalgade 15, 1172 København K'),
        // his work_address, where gold accepts his home_address 'Strandvejen 112, 2900 Hellerup'.
        let id = try #require(s.data.cases.first { s.data.split(of: $0).name == "test_untrained_user" && $0.index == 8 }?.id)
        let item = try #require(p.provenanceItems.first { $0.caseID == id })
        #expect(item.function == "return_item")
        #expect(item.parameter == "pickup_address")
        #expect(item.predicted == "'Krystalgade 15, 1172 København K'")
        #expect(item.origin == .profileFieldSwap)
        #expect(item.predictedField == "basic_features.work_address")
        #expect(item.goldField == "basic_features.home_address")
        #expect(item.sentence == "used `work_address` instead of `home_address`")
        let group = try #require(p.provenance.first { $0.label == "profile field swap · work_address instead of home_address" })
        #expect(group.cases.contains(id))
        #expect(group.origin == .profileFieldSwap)
        #expect(group.predictedField == "basic_features.work_address")
        // The sample injected 7 address swaps into weak-sim and 3 into strong-sim (Sources/Sample/Data/README.md).
        #expect(p.provenanceItems.filter { $0.origin == .profileFieldSwap }.count == 7)
        let strong = try Self.scored("strong-sim")
        let q = Triage.patterns(data: strong.data, verdicts: strong.verdicts)
        #expect(q.provenanceItems.filter { $0.origin == .profileFieldSwap }.count == 3)
        // An invented address (test_untrained_user #20: '123 Main Street, Springfield') and the float that is
        // within 0.01 of the gold tip (test_untrained_user #65: 4.0 for 3.9945).
        let invented = try #require(p.provenanceItems.first { $0.caseID == 20 })
        #expect(invented.origin == .invented)
        #expect(invented.goldField == "basic_features.home_address")
        let near = try #require(p.provenanceItems.first { $0.caseID == 65 })
        #expect(near.origin == .nearMissFloat)
        #expect(near.predicted == "4.0")
        // Items are the profile value mismatches, and groups count them all.
        for item in p.provenanceItems {
            #expect(
                s.verdicts.diagnosis(item.caseID).findings.contains { f in
                    if case .valueMismatch(item.function, item.parameter, _, _, _, .profile) = f { return true }
                    return false
                })
        }
        #expect(p.provenance.reduce(0) { $0 + $1.count } == p.provenanceItems.count)
    }

    @Test("provenance: another field, the query, the right field in a rejected form, or invented")
    func provenanceRules() throws {
        let profile = JSONValue.object(
            JSONObject(members: [
                (
                    "basic_features",
                    .object(
                        JSONObject(members: [
                            ("home_address", .string("1 Bell St")), ("work_address", .string("9 Dock Rd")),
                            ("age", .number(JSONNumber(text: "41"))),
                            ("dietary_needs", .array([.string("vegan"), .string("halal")])),
                            ("manager", .object(JSONObject(members: [("email", .string("ann@example.com"))]))),
                            ("email", .string("bo@example.com")),
                        ]))
                )
            ]))
        let index = Triage.ProfileIndex(profile)
        func item(_ x: PyValue, _ gold: [PyValue], query: String = "") -> Triage.ProvenanceItem {
            Triage.provenance(
                case: 0, function: "f", parameter: "p", predicted: x, accepted: .list(gold), profile: index, query: query)
        }
        let swap = item(.str("9 DOCK RD"), [.str("1 bell st")])
        #expect(swap.origin == .profileFieldSwap)
        #expect(swap.sentence == "used `work_address` instead of `home_address`")
        let manager = item(.str("ann@example.com"), [.str("bo@example.com")])
        #expect(manager.sentence == "used `manager.email` instead of `email`")
        let unknownGold = item(.str("1 Bell St"), [.str("2 Elm St")])
        #expect(unknownGold.origin == .profileFieldSwap)
        #expect(unknownGold.goldField == nil)
        #expect(item(.int(PyInt(41)), [.str("41 years")]).predictedField == "basic_features.age")
        let list = item(.list([.str("Halal"), .str("vegan")]), [.list([.str("vegan")])])
        #expect(list.predictedField == "basic_features.dietary_needs")
        #expect(item(.str("41"), [.int(PyInt(41))]).origin == .rightFieldRejected)
        let copied = item(.str("Pier 4"), [.str("1 Bell St")], query: "Send it to pier 4, please.")
        #expect(copied.origin == .copiedFromQuery)
        #expect(item(.str("pier"), [.str("1 Bell St")], query: "Send it to Pierre").origin == .invented)
        #expect(item(.float(2.004), [.float(2.0)]).origin == .nearMissFloat)
        #expect(item(.str("12 Nowhere Ln"), [.str("1 Bell St")]).origin == .invented)
    }

    @Test("platform preference: the four cells of gold vs prediction", arguments: Sample.models)
    func preferenceCells(_ model: String) throws {
        let s = try Self.scored(model)
        let stats = Triage.patterns(data: s.data, verdicts: s.verdicts).preference
        let cells = [
            stats.goldIsPreferred.predictedPreferred, stats.goldIsPreferred.predictedOther,
            stats.goldIsNotPreferred.predictedPreferred, stats.goldIsNotPreferred.predictedOther,
        ]
        let all = cells.flatMap(\.cases) + stats.noPreference + stats.unparsed
        #expect(all.sorted() == Array(s.data.cases.indices))
        #expect(stats.unparsed.allSatisfy { s.verdicts.diagnosis($0).prediction == nil })
        let d = Triage.dashboard(data: s.data, verdicts: s.verdicts, report: s.report)
        let rows = try #require(d.breakdown(.preference)).rows
        let goldPreferred = stats.goldIsPreferred.predictedPreferred.cases + stats.goldIsPreferred.predictedOther.cases
        #expect(Set(goldPreferred).isSubset(of: rows[0].cases))
        for (k, cell) in cells.enumerated() {
            for id in cell.cases {
                let predicted = try #require(s.verdicts.diagnosis(id).prediction?.platform.stringValue)
                let gold = s.data.cases[id].goldPlatform
                if s.verdicts[id].format { #expect((predicted == gold) == s.verdicts[id].platforms) }
                // In the two "predicted the preferred" cells, the model's platform is gold exactly when gold is preferred.
                if k == 0 { #expect(predicted == gold) }
                if k == 2 { #expect(predicted != gold) }
            }
        }
        #expect(stats.goldIsPreferred.preferredRate != nil)
    }

    // MARK: - Users and tools

    @Test("users sum to the total, with the most common error as the filter counts it", arguments: Sample.models)
    func usersSumToTheTotal(_ model: String) throws {
        let s = try Self.scored(model)
        let users = Triage.users(data: s.data, verdicts: s.verdicts)
        #expect(users.count == s.data.users.count)
        #expect(users.reduce(0) { $0 + $1.count } == s.data.cases.count)
        #expect(users.reduce(0) { $0 + $1.pass } == s.verdicts.filter { $0.format && $0.overall }.count)
        #expect(users.flatMap(\.cases).sorted() == Array(s.data.cases.indices))
        for row in users {
            #expect(row.name == s.data.users[row.user].name)
            #expect(row.cases.allSatisfy { s.data.cases[$0].user == row.user })
            #expect(row.splits == Set(row.cases.map { s.data.cases[$0].split }).sorted().map(s.data.splitLetter))
            let summaries = row.cases.map { CaseSummary(s.verdicts[$0]) }
            func count(_ e: ErrorCategory) -> Int {
                switch e {
                case .column(let c): return summaries.filter { $0.has(.column(c)) }.count
                case .wrongPlatform: return summaries.filter { $0.has(.wrongPlatform) }.count
                case .formatFailure: return summaries.filter { $0.verdict == .format }.count
                }
            }
            let best = ErrorCategory.allCases.map(count).max() ?? 0
            if let e = row.mostCommonError {
                #expect(count(e) == row.mostCommonErrorCount)
                #expect(row.mostCommonErrorCount == best)
            } else {
                #expect(best == 0)
            }
        }
        #expect(users.contains { $0.mostCommonError != nil })
    }

    @Test("tools: gold counts are the cases per gold platform", arguments: Sample.models)
    func toolsCountGoldAndPredicted(_ model: String) throws {
        let s = try Self.scored(model)
        let tools = Triage.tools(data: s.data, verdicts: s.verdicts)
        for (name, n) in s.data.platformCounts {
            #expect(tools.first { $0.name == name }?.gold == n, "\(name)")
        }
        #expect(tools.reduce(0) { $0 + $1.gold } == s.data.cases.count)
        #expect(
            tools.reduce(0) { $0 + $1.predicted }
                == s.verdicts.indices.filter { s.verdicts.diagnosis($0).prediction != nil }.count)
        #expect(Set(tools.map(\.name)).count == tools.count)
        for row in tools {
            #expect(Self.isSortedUnique(row.cases))
            #expect(row.failures == row.cases.filter { !s.verdicts[$0].format || !s.verdicts[$0].overall }.count)
            let goldCases = s.data.cases.filter { $0.goldPlatform == row.name }
            #expect(row.apis.reduce(0) { $0 + $1.gold } == goldCases.reduce(0) { $0 + $1.goldFunctions.count })
            let predictions = s.verdicts.indices.compactMap { s.verdicts.diagnosis($0).prediction }.filter {
                $0.platform.stringValue == row.name
            }
            #expect(row.apis.reduce(0) { $0 + $1.predicted } == predictions.reduce(0) { $0 + $1.calls.count })
            for api in row.apis {
                #expect(Self.isSortedUnique(api.cases))
                #expect(Set(api.cases).isSubset(of: row.cases))
            }
            // The sample's catalogs list 5 APIs per platform (README: one per scenario left out).
            if row.inCatalog { #expect(row.apis.filter(\.inCatalog).count == 5, "\(row.name)") }
        }
        #expect(tools.filter(\.inCatalog).count == 15)
    }

    @Test("one split, no overall file; no verdicts yet: nothing passes, nothing fails")
    func oneSplitAndUnscored() throws {
        let (data, folder) = try Fixture.hostile()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let s = Self.scored(data)
        let d = Triage.dashboard(data: data, verdicts: s.verdicts, report: s.report)
        #expect(d.splits.count == 1)
        #expect(d.overall == nil)
        #expect(d.breakdown(.user)?.rows.map(\.count) == [1])
        #expect(Triage.tools(data: data, verdicts: s.verdicts).first { $0.name == "Slack" }?.gold == 1)
        let unscored = Triage.users(data: data, verdicts: [])
        #expect(unscored.map(\.count) == [1])
        #expect(unscored.map(\.pass) == [0])
        #expect(unscored[0].mostCommonError == nil)
        #expect(Triage.patterns(data: data, verdicts: []).failing.isEmpty)
        let early = Triage.dashboard(data: data, verdicts: [], report: s.report)
        #expect(early.breakdown(.scenario)?.rows.map(\.pass) == [0])
    }

    // MARK: - Conformance sets

    /// The value row of a CSV file written by the reference, by header.
    static func csv(_ url: URL) throws -> [String: String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        try #require(lines.count == 2, "\(url.path) is not a header and one row")
        return Dictionary(uniqueKeysWithValues: zip(lines[0], lines[1]))
    }

    @Test(
        "the dashboard shows the reference's CSV values",
        .enabled(if: !Fixture.conformanceSets.isEmpty, "../shared/conformance is not beside the project"),
        arguments: Fixture.conformanceSets)
    func dashboardMatchesTheReferenceCSVs(_ set: URL) throws {
        let bench = try Benchmark.load(data: set.appendingPathComponent("data"), predictions: set.appendingPathComponent("pred"))
        let s = Self.scored(ExplorerData(benchmark: bench, runName: set.lastPathComponent))
        let d = Triage.dashboard(data: s.data, verdicts: s.verdicts, report: s.report)
        var columns = d.splits
        if let overall = d.overall { columns.append(overall) }
        #expect(!columns.isEmpty)
        for column in columns {
            let folder = set.appendingPathComponent("expected").appendingPathComponent(column.name)
            let acc = try Self.csv(folder.appendingPathComponent("acc_results.csv"))
            for cell in column.metrics { #expect(acc[cell.metric.rawValue] == cell.text, "\(column.name) \(cell.metric)") }
            let errors = try Self.csv(folder.appendingPathComponent("error_results.csv"))
            for cell in column.errors {
                #expect(errors[cell.column.rawValue] == String(cell.count), "\(column.name) \(cell.column)")
                #expect(cell.cases.count == cell.count)
            }
            for cell in column.hidden { #expect(cell.cases.count == cell.count, "\(column.name) \(cell.kind)") }
        }
    }
}
