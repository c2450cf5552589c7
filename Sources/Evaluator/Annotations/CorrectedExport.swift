import Foundation

// MARK: - CorrectedExport

/// Writes the corrected benchmark: a PTBench data root where only the edited values differ, with
/// `CHANGES.md` (for people) and `changes.jsonl` (for scripts), the form a pull request would take.
public enum CorrectedExport {
    /// Writes `dir/<split>/data.json` for every split (the data's bytes with only the changed
    /// `answer`, `query_params` and `profile_params` values replaced, as `json.dumps` writes them),
    /// `dir/CHANGES.md` and `dir/changes.jsonl`. Never writes over the data itself.
    public static func write(
        _ bench: Benchmark, _ annotations: Annotations, entries: [JournalEntry], to dir: URL
    ) throws(InputError) {
        var changed: [(split: SplitData, c: BenchmarkCase, fixed: CorrectedCase, key: CaseKey)] = []
        func outURL(_ split: SplitData) -> URL { dir.appendingPathComponent(split.name).appendingPathComponent("data.json") }
        for split in bench.splits {
            let path = outURL(split).resolvingSymlinksInPath().standardizedFileURL.path
            if path == split.url.resolvingSymlinksInPath().standardizedFileURL.path {
                throw InputError(file: path, "is the data itself: export to another folder (the data is never modified)")
            }
        }
        for split in bench.splits {
            let outURL = outURL(split)
            var edits: [(range: Range<Int>, text: String)] = []
            for c in split.cases {
                guard let fixed = annotations.corrected(c, in: split), fixed.goldChanged else { continue }
                let ranges = try memberRanges(split, c)
                for field in GoldField.allCases where fixed.value(field) != original(c, field) {
                    guard let range = ranges[field.rawValue] else {
                        throw InputError(file: split.url.path, line: c.line, "case \(c.index): no \"\(field.rawValue)\" member")
                    }
                    edits.append((range, fixed.value(field).dumps))
                }
                changed.append((split, c, fixed, CaseKey.of(c, in: split)))
            }
            var out: [UInt8] = []
            out.reserveCapacity(split.bytes.count)
            var at = 0
            for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                out += split.bytes[at..<edit.range.lowerBound]
                out += Array(edit.text.utf8)
                at = edit.range.upperBound
            }
            out += split.bytes[at...]
            try makeFolder(outURL.deletingLastPathComponent())
            try FileBytes.write(out, to: outURL)
        }
        try makeFolder(dir)
        let summary = changesMarkdown(bench, annotations, entries: entries, changed: changed)
        try FileBytes.write(Array(summary.utf8), to: dir.appendingPathComponent("CHANGES.md"))
        let lines = changed.map { item in changeLine(item.c, item.fixed, item.key, annotations) + "\n" }.joined()
        try FileBytes.write(Array(lines.utf8), to: dir.appendingPathComponent("changes.jsonl"))
    }

    static func original(_ c: BenchmarkCase, _ field: GoldField) -> JSONValue {
        switch field {
        case .answer: return c.answer
        case .queryParams: return c.queryParams
        case .profileParams: return c.profileParams
        }
    }

    static func makeFolder(_ url: URL) throws(InputError) {
        try OutputFolder.make(url)
    }

    /// The byte range of each member's value in the case object (the last one, when a key repeats:
    /// the one Python reads).
    static func memberRanges(_ split: SplitData, _ c: BenchmarkCase) throws(InputError) -> [String: Range<Int>] {
        let result: Result<[String: Range<Int>], JSONSyntaxError> = split.bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(bytes: buffer, position: c.byteRange.lowerBound)
            var ranges: [String: Range<Int>] = [:]
            do throws(JSONSyntaxError) {
                try reader.expect(UInt8(ascii: "{"), "Expecting '{'")
                reader.skipWhitespace()
                if reader.peek() == UInt8(ascii: "}") { return .success(ranges) }
                while true {
                    reader.skipWhitespace()
                    let key = try reader.readString()
                    try reader.expect(UInt8(ascii: ":"), "Expecting ':' delimiter")
                    reader.skipWhitespace()
                    let start = reader.position
                    try reader.skipValue(depth: 1)
                    ranges[key] = start..<reader.position
                    reader.skipWhitespace()
                    guard let b = reader.peek() else { throw reader.fail("Expecting ',' delimiter") }
                    reader.position += 1
                    if b == UInt8(ascii: "}") { return .success(ranges) }
                    if b != UInt8(ascii: ",") { throw reader.fail("Expecting ',' delimiter") }
                }
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let ranges): return ranges
        case .failure(let error):
            throw InputError(file: split.url.path, line: c.line, "case \(c.index): malformed JSON: \(error.message)")
        }
    }

    // MARK: changes.jsonl

    static func changeLine(_ c: BenchmarkCase, _ fixed: CorrectedCase, _ key: CaseKey, _ annotations: Annotations) -> String {
        let edits = annotations.edits(inEffectOn: key)
        var fields: [(String, String)] = []
        for field in GoldField.allCases where fixed.value(field) != original(c, field) {
            fields.append(
                (field.rawValue, JSONText.object([("before", original(c, field).dumps), ("after", fixed.value(field).dumps)])))
        }
        func list(_ items: [String]) -> String { "[" + items.map { JSONValue.string($0).dumps }.joined(separator: ", ") + "]" }
        var authors: [String] = []
        for e in edits where !authors.contains(e.author) { authors.append(e.author) }
        return JSONText.object([
            ("split", JSONValue.string(key.split).dumps), ("index", String(key.index)), ("hash", JSONText.string(key.hash)),
            ("line", String(c.line)), ("query", c.query.map { JSONValue.string($0).dumps } ?? "null"),
            ("fields", JSONText.object(fields)), ("status", JSONText.string(fixed.status.rawValue)),
            ("note", fixed.note.map { JSONValue.string($0).dumps } ?? "null"),
            ("reasons", list(edits.compactMap(\.reason))), ("authors", list(authors)),
            ("edits", "[" + edits.map { String($0.seq) }.joined(separator: ", ") + "]"),
        ])
    }

    // MARK: CHANGES.md

    static func changesMarkdown(
        _ bench: Benchmark, _ annotations: Annotations, entries: [JournalEntry],
        changed: [(split: SplitData, c: BenchmarkCase, fixed: CorrectedCase, key: CaseKey)]
    ) -> String {
        var counts: [CaseStatus: Int] = [:]
        for fixed in annotations.cases.values { counts[fixed.status, default: 0] += 1 }
        var out = "# Gold-label corrections\n\n"
        out += "\(changed.count) case(s) with changed gold; statuses: "
        out += CaseStatus.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        out += "; from \(entries.count) journal entr\(entries.count == 1 ? "y" : "ies").\n"
        out += "Only the values listed here differ from the original data; every other byte is the same.\n"
        for item in changed {
            let c = item.c
            out += "\n## \(item.key.split) #\(c.index) (\(item.fixed.status.rawValue))\n\n"
            out += "- line \(c.line) of `\(item.key.split)/data.json`, hash `\(item.key.hash)`\n"
            if let query = c.query { out += "- query: \(code(query))\n" }
            for field in GoldField.allCases where item.fixed.value(field) != original(c, field) {
                out += "- \(field.rawValue):\n"
                out += "  - before: \(code(original(c, field).dumps))\n"
                out += "  - after: \(code(item.fixed.value(field).dumps))\n"
            }
            out += describe(item.fixed, annotations.edits(inEffectOn: item.key))
        }
        let flagged = annotations.cases.filter { !$0.value.goldChanged && $0.value.status == .flagged }
            .sorted { ($0.key.split, $0.key.index) < ($1.key.split, $1.key.index) }
        if !flagged.isEmpty {
            out += "\n## Flagged, gold unchanged\n"
            for (key, fixed) in flagged {
                out += "\n### \(key.split) #\(key.index)\n\n"
                out += describe(fixed, annotations.edits(inEffectOn: key))
            }
        }
        let open = annotations.toAdjudicate.sorted { ($0.split, $0.index, $0.hash) < ($1.split, $1.index, $1.hash) }
        if !open.isEmpty {
            out += "\n## Still to adjudicate\n\n"
            out += "Annotators left these cases differently (a merged journal); the first annotator's version is used.\n\n"
            for key in open {
                let others = (annotations.held[key] ?? []).filter { $0.held == .conflict }.map(\.author)
                out += "- \(key.split) #\(key.index): also annotated by \(Array(Set(others)).sorted().joined(separator: ", "))\n"
            }
        }
        if !annotations.problems.isEmpty {
            out += "\n## Journal entries not applied\n\n"
            for p in annotations.problems { out += "- \(p)\n" }
        }
        return out
    }

    static func describe(_ fixed: CorrectedCase, _ edits: [JournalEntry]) -> String {
        var out = ""
        if let reason = fixed.reason { out += "- reason given with the status: \(reason)\n" }
        if let note = fixed.note { out += "- note: \(note)\n" }
        if !edits.isEmpty { out += "- edits:\n" }
        for e in edits {
            var line = "  - seq \(e.seq) \(e.kind.rawValue) by \(e.author) at \(e.time)"
            let changes = e.changes.map { code($0.summary(limit: 80)) }
            if !changes.isEmpty { line += ": " + changes.joined(separator: "; ") }
            if let status = e.status { line += "; status \(status.rawValue)" }
            if let note = e.note { line += note.isEmpty ? "; note cleared" : "; note \(code(note))" }
            if let reason = e.reason { line += " — reason: \(reason)" }
            out += line + "\n"
        }
        return out
    }

    /// `text` as Markdown inline code, with a fence longer than any backtick run inside.
    static func code(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        var longest = 0
        var run = 0
        for ch in flat {
            run = ch == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }
}
