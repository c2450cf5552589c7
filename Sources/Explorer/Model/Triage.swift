import Evaluator

// MARK: - Triage

/// The triage model the explorer's summary views render: a score dashboard with breakdowns,
/// failure patterns, per-user and per-tool tables.
///
/// Everything is computed from the Evaluator's verdicts (`verdicts[id]` is the verdict of
/// `data.cases[id]`); nothing is scored again here. Every row carries the ids of the cases it
/// covers, sorted, so a view can drill down to a filtered case list. A case without a verdict
/// (`verdicts` shorter than `data.cases`) counts as not scored: in rows' cases, never passing or
/// failing.
public enum Triage {}

// MARK: - Shared pieces

extension Triage {
    /// Cases counted together: their sorted ids, how many pass and how many are format failures.
    struct Tally {
        var cases: [Int] = []
        var pass = 0
        var format = 0
        var failing = 0

        /// Adds case `id` (ids arrive in ascending order; adding the last one again does nothing).
        mutating func add(_ id: Int, _ outcome: Filter.Verdict) {
            if cases.last == id { return }
            cases.append(id)
            switch outcome {
            case .pass: pass += 1
            case .format:
                format += 1
                failing += 1
            case .fail: failing += 1
            case .unscored: break
            }
        }
    }

    /// The distinct platform lists of the cases and which one each case has.
    struct PlatformLists {
        var lists: [[String]]
        /// Index in ``lists``, by case id.
        var ofCase: [Int]

        subscript(id: Int) -> [String] { lists[ofCase[id]] }
    }

    /// Bytes as a dictionary key, hashed in one call (an `ArraySlice` hashes byte by byte).
    struct ByteKey: Hashable {
        var bytes: ArraySlice<UInt8>

        init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }

        static func == (a: ByteKey, b: ByteKey) -> Bool {
            a.bytes.count == b.bytes.count && a.bytes.withUnsafeBytes { x in b.bytes.withUnsafeBytes { y in x.elementsEqual(y) } }
        }
    }

    /// `part / whole`, nil for an empty whole.
    static func ratio(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }

    /// A value as plain text: a string as itself, anything else as Python's `repr`.
    static func plain(_ v: PyValue) -> String { v.stringValue ?? PyRepr.value(v) }
}

// MARK: - Context

extension Triage {
    /// What every triage view needs per case: verdicts, outcomes, the case's platform list and the
    /// user's stated preferred platform among it.
    struct Context {
        let data: ExplorerData
        let verdicts: Verdicts
        /// Pass / fail / format failure / not scored, by case id.
        let outcomes: [Filter.Verdict]

        init(data: ExplorerData, verdicts: Verdicts) {
            self.data = data
            self.verdicts = verdicts
            outcomes = data.cases.indices.map { Filter.verdict($0 < verdicts.count ? verdicts[$0] : nil) }
        }

        func verdict(_ id: Int) -> CaseVerdict? { id < verdicts.count ? verdicts[id] : nil }

        /// Case `id`'s verdict with its findings and parsed prediction, made again (nil: not scored).
        func diagnosis(_ id: Int) -> CaseDiagnosis? { id < verdicts.count ? verdicts.diagnosis(id) : nil }

        /// The platform names listed by each case (its `platforms` value): the distinct lists, and the
        /// index of each case's list among them, by case id. Lists with the same bytes are decoded once.
        func platformLists() -> PlatformLists {
            var index: [ByteKey: Int] = [:]
            var lists: [[String]] = []
            var ofCase: [Int] = []
            ofCase.reserveCapacity(data.cases.count)
            for split in data.benchmark.splits {
                for c in split.cases {
                    let key = ByteKey(c.rawRanges["platforms"].map { split.bytes[$0] } ?? [])
                    if let known = index[key] {
                        ofCase.append(known)
                    } else {
                        index[key] = lists.count
                        ofCase.append(lists.count)
                        lists.append(key.bytes.isEmpty ? [] : Catalog.platformNames(split.decodeRaw(c, "platforms")))
                    }
                }
            }
            return PlatformLists(lists: lists, ofCase: ofCase)
        }

        /// The user's stated preferred platform among each case's platforms (nil: the profile names none).
        func preferredPlatforms(_ lists: PlatformLists) -> [String?] {
            var cache: [Int: String?] = [:]
            return data.cases.map { entry in
                let list = lists.ofCase[entry.id]
                let key = entry.user * lists.lists.count + list
                if let known = cache[key] { return known }
                let p = data.users[entry.user].preferredPlatform(among: lists.lists[list])
                cache[key] = .some(p)
                return p
            }
        }

        /// The platform the model chose, as text (nil when the prediction did not parse).
        func predictedPlatform(_ id: Int) -> String? {
            diagnosis(id)?.prediction.map { Triage.plain($0.platform) }
        }
    }
}
