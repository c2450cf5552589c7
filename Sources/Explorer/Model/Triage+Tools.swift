import Evaluator

// MARK: - Tools

extension Triage {
    /// A platform: how often it is gold and predicted, and its APIs.
    public struct PlatformRow: Sendable {
        public var name: String
        /// The scenario of the first case listing or using the platform (nil: only ever predicted).
        public var scenario: String?
        /// Whether some case's `platforms` lists it (a model can predict a platform no case offers).
        public var inCatalog: Bool
        /// Cases whose gold platform it is.
        public var gold: Int
        /// Parsed predictions naming it.
        public var predicted: Int
        /// Failing cases (fail or format failure) among ``cases``.
        public var failures: Int
        /// Cases where it is gold or predicted.
        public var cases: [Int]
        /// Its APIs: those of the catalog in catalog order, then others met in gold or predictions, by name.
        public var apis: [APIRow]
    }

    /// An API of one platform.
    public struct APIRow: Sendable {
        public var name: String
        /// Whether the platform's catalog lists it.
        public var inCatalog: Bool
        /// Gold function entries with its name on this (gold) platform.
        public var gold: Int
        /// Predicted calls with its name on this (predicted) platform.
        public var predicted: Int
        /// Failing cases among ``cases``.
        public var failures: Int
        /// Cases where it is a gold function or a predicted call on this platform.
        public var cases: [Int]
    }

    /// Every platform (in scenario order, then by name; predicted-only platforms last) with its APIs.
    ///
    /// Catalog APIs come from the `tools` of the first case of each distinct platform list (PTBench
    /// gives every case of a scenario the same catalog); an API absent there still appears once gold
    /// or predicted.
    public static func tools(data: ExplorerData, verdicts: Verdicts) -> [PlatformRow] {
        let ctx = Context(data: data, verdicts: verdicts)
        let lists = ctx.platformLists()

        struct APIAcc {
            var inCatalog = false
            var gold = 0
            var predicted = 0
            var tally = Tally()
        }
        struct PlatformAcc {
            var order: Int
            var scenario: Int?
            var inCatalog = false
            var gold = 0
            var predicted = 0
            var tally = Tally()
            var apiOrder: [String] = []
            var apis: [String: APIAcc] = [:]

            mutating func api(_ name: String) -> APIAcc {
                if let known = apis[name] { return known }
                apiOrder.append(name)
                return APIAcc()
            }
        }
        var platforms: [String: PlatformAcc] = [:]
        func touch(_ name: String, scenario: Int?) {
            if platforms[name] == nil { platforms[name] = PlatformAcc(order: platforms.count, scenario: scenario) }
            if platforms[name]!.scenario == nil { platforms[name]!.scenario = scenario }
        }

        // The catalogs: platforms listed, and APIs per distinct platform list.
        var seenLists = Set<Int>()
        for entry in data.cases {
            guard seenLists.insert(lists.ofCase[entry.id]).inserted else { continue }
            let list = lists[entry.id]
            for p in list {
                touch(p, scenario: entry.scenario)
                platforms[p]!.inCatalog = true
            }
            let split = data.split(of: entry)
            let catalog = Catalog(platforms: nil, tools: split.decodeRaw(split.cases[entry.index], "tools"))
            for api in catalog.apis {
                guard let p = api.platform ?? (list.count == 1 ? list[0] : nil) else { continue }
                touch(p, scenario: entry.scenario)
                var acc = platforms[p]!.api(api.name)
                acc.inCatalog = true
                platforms[p]!.apis[api.name] = acc
            }
        }

        // Gold and predicted use.
        for entry in data.cases {
            let id = entry.id
            let outcome = ctx.outcomes[id]
            let gold = entry.goldPlatform
            touch(gold, scenario: entry.scenario)
            platforms[gold]!.gold += 1
            platforms[gold]!.tally.add(id, outcome)
            for f in entry.goldFunctions {
                var acc = platforms[gold]!.api(f)
                acc.gold += 1
                acc.tally.add(id, outcome)
                platforms[gold]!.apis[f] = acc
            }
            guard let prediction = ctx.diagnosis(id)?.prediction else { continue }
            let p = plain(prediction.platform)
            touch(p, scenario: nil)
            platforms[p]!.predicted += 1
            platforms[p]!.tally.add(id, outcome)
            for call in prediction.calls {
                var acc = platforms[p]!.api(call.name)
                acc.predicted += 1
                acc.tally.add(id, outcome)
                platforms[p]!.apis[call.name] = acc
            }
        }

        let ordered = platforms.sorted { a, b in
            switch (a.value.scenario, b.value.scenario) {
            case (let x?, let y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.key < b.key
            }
        }
        return ordered.map { name, acc in
            let catalogAPIs = acc.apiOrder.filter { acc.apis[$0]!.inCatalog }
            let others = acc.apiOrder.filter { !acc.apis[$0]!.inCatalog }.sorted()
            return PlatformRow(
                name: name, scenario: acc.scenario.map { data.scenarios[$0] }, inCatalog: acc.inCatalog, gold: acc.gold,
                predicted: acc.predicted, failures: acc.tally.failing, cases: acc.tally.cases,
                apis: (catalogAPIs + others).map { api in
                    let a = acc.apis[api]!
                    return APIRow(
                        name: api, inCatalog: a.inCatalog, gold: a.gold, predicted: a.predicted, failures: a.tally.failing,
                        cases: a.tally.cases)
                })
        }
    }
}
