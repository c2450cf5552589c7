import Evaluator
import TUICore

// MARK: - DetailLines

/// The case pane: query, profile summary, the call diff, the diagnosis and the raw prediction.
public enum DetailLines {
    /// Under the annotation: each other annotator's version of a case a merged journal holds for
    /// adjudication (one line per author: status, gold changes, whether it conflicts).
    static func adjudicationLines(_ s: ViewContext, _ key: CaseKey) -> [Line] {
        guard let held = s.annotations.held[key], !held.isEmpty else { return [] }
        var authors: [String] = []
        for e in held where !authors.contains(e.author) { authors.append(e.author) }
        return authors.map { author in
            let mine = held.filter { $0.author == author }
            let version = JournalMerge.versions(
                mine.map { e in
                    var applied = e
                    applied.held = nil
                    return applied
                })[key]
            let conflict = mine.contains { $0.held == .conflict }
            return Line([
                Span("  \(conflict ? "differs" : "agrees"), by \(Text.clean(author)): ", .muted),
                Span(version?.summary ?? "notes only", conflict ? .warning : .accent),
            ])
        }
    }

    /// The pane's lines at `width` columns (the pane scrolls through them). With `sideBySide`
    /// (several runs, a wide screen) that pair of runs' call diffs are shown in two columns,
    /// aligned, before each run's diagnosis and raw prediction; else every run is stacked. The
    /// focused run and the compared pair are shown whole; any other run in a few lines (its
    /// verdict and first finding), so the pane costs about the same with 20 runs as with 2.
    public static func lines(_ s: ViewContext, _ d: CaseDetail, width: Int, sideBySide: RunPair? = nil) -> [Line] {
        let data = s.data
        let entry = data.cases[d.caseID]
        let user = data.users[entry.user]
        var out: [Line] = []
        let split = data.split(of: entry)

        // Title and verdict
        out.append(
            Line([
                Span("Case \(entry.index)", .title),
                Span(" · \(Text.clean(split.name)) · data.json line \(data.benchmarkCase(entry).line)", .muted),
            ]))
        if let a = s.annotation(d.caseID), a.status != .unreviewed || a.goldChanged || !(a.note ?? "").isEmpty {
            var line = Line([Span("  annotation: ", .muted), Span(a.status.rawValue, a.status == .flagged ? .warning : .accent)])
            if let r = a.reason { line.spans.append(Span(" — " + Text.clean(r), .muted)) }
            if a.goldChanged {
                let n = s.annotations.edits(inEffectOn: data.caseKey(entry)).filter { !$0.changes.isEmpty }.count
                line.spans.append(Span("  gold corrected (\(n) edit\(n == 1 ? "" : "s") in effect; e lists them)", .accent))
            }
            out.append(line)
            if let n = a.note, !n.isEmpty { out += Text.labelled(2, "note", n, width: width, labelWidth: 8) }
            if a.goldChanged && !s.useCorrectedGold { out.append(Line("  scored against the ORIGINAL gold (o)", .warning)) }
        }
        if !s.annotations.held.isEmpty { out += adjudicationLines(s, data.caseKey(entry)) }
        if let line = sampleLine(s, d.caseID) { out.append(line) }
        let multi = d.runs.count > 1
        if !multi { out += runHead(s, d, d.runs[0], width: width) }

        // Query
        out.append(Text.heading("Query"))
        out += highlight(Text.paragraph(entry.query, indent: 2, width: width), s.query)
        out.append("")

        // Profile summary
        out.append(Text.heading("User", "c: full profile"))
        out += Text.labelled(2, "name", user.name, width: width, labelWidth: 12)
        if let basic = d.profile?["basic_features"]?.objectValue {
            for (k, v) in basic.members.prefix(6) where k != "name" {
                guard let text = scalarText(v) else { continue }
                out += Text.labelled(2, k, text, width: width, labelWidth: 12)
            }
        }
        let scenario = data.scenarios[entry.scenario]
        let prefs = user.preferences.filter { $0.scenario == scenario }
        for p in prefs.isEmpty ? Array(user.preferences.prefix(2)) : prefs {
            out += Text.labelled(2, "prefers", "\(p.scenario): \(p.text)", width: width, labelWidth: 12)
        }
        out.append("")

        let compared = s.session.comparedRuns
        let whole = Set([s.session.focusedRun, compared.a, compared.b] + (sideBySide.map { [$0.a, $0.b] } ?? []))
        if multi, let pair = sideBySide, pair.a != pair.b, max(pair.a, pair.b) < d.runs.count {
            out += Self.sideBySide(s, d, pair, width: width)
            out.append("")
            // Then each run: the pair first (their diagnosis and raw text), the others stacked whole.
            let order = [pair.a, pair.b] + d.runs.indices.filter { $0 != pair.a && $0 != pair.b }
            for k in order {
                out.append(runBanner(s, k, d.runs[k]))
                guard whole.contains(k) else {
                    out += runBrief(s, d.runs[k], width: width)
                    continue
                }
                out += runHead(s, d, d.runs[k], width: width)
                if k == pair.a || k == pair.b {
                    out.append(Text.heading("Prediction (raw text)"))
                    out += rawText(s, d.runs[k], width: width)
                } else {
                    out += runBody(s, d, d.runs[k], width: width)
                }
                out.append("")
            }
        } else if multi {
            for (k, run) in d.runs.enumerated() {
                out.append(runBanner(s, k, run))
                guard whole.contains(k) else {
                    out += runBrief(s, run, width: width)
                    continue
                }
                out += runHead(s, d, run, width: width)
                out += runBody(s, d, run, width: width)
                out.append("")
            }
        } else {
            out += runBody(s, d, d.runs[0], width: width)
        }
        return out
    }

    /// `  samples: 2/3 pass · flaky (sample set NAME)` when a sample set is loaded and scored.
    static func sampleLine(_ s: ViewContext, _ id: Int) -> Line? {
        guard let set = s.session.sampleSetRuns, let t = s.session.sampleTally(id) else { return nil }
        let flaky = t.passed > 0 && t.passed < t.samples
        let role: Role = flaky ? .warning : (t.passed == t.samples && t.samples > 0 ? .pass : .fail)
        let metric = s.session.sampleMetric == .overall ? "" : " \(s.session.sampleMetric.rawValue)"
        var line = Line([Span("  samples: ", .muted), Span("\(t.passed)/\(t.samples) pass\(metric)", role)])
        if flaky { line.spans.append(Span(" · flaky", .warning)) }
        line.spans.append(Span(" (sample set \(Text.clean(set.name)))", .muted))
        return line
    }

    /// `── Run B name ──` above a run's part of the pane (the focused run's marked).
    static func runBanner(_ s: ViewContext, _ k: Int, _ run: CaseDetail.RunDetail) -> Line {
        let rule = String(repeating: s.glyphs.heavyHorizontal, count: 2)
        var line = Line([
            Span("\(rule) Run \(Session.runLetter(k)) ", .title), Span(Text.clean(run.name), .accent), Span(" \(rule)", .title),
        ])
        if k == s.session.focusedRun { line.spans.append(Span("  focused (b)", .muted)) }
        return line
    }

    /// A run neither focused nor compared, in a few lines: its verdict, error columns and first
    /// finding (`b` or `:run` shows it whole).
    static func runBrief(_ s: ViewContext, _ run: CaseDetail.RunDetail, width: Int) -> [Line] {
        let (glyph, role) = s.glyphs.verdict(run.verdict)
        var verdictLine = Line([Span(glyph + " ", role), Span(verdictWord(run.verdict), role)])
        for column in run.verdict.errorColumns { verdictLine.spans.append(Span("  \(column.rawValue)", .fail)) }
        var out = [verdictLine]
        let problems = run.diagnosis.problems
        if let first = problems.first {
            let more = problems.count > 1 ? " (+\(problems.count - 1) more)" : ""
            let text = TextWidth.truncate(Text.clean(first.sentence) + more, to: max(8, width - 4))
            out.append(Line([Span("  • ", .muted), Span(text, findingRole(first))]))
        }
        out.append(Line("  (b or :run \(Text.clean(run.name)) shows its call diff and raw text)", .muted))
        out.append("")
        return out
    }

    /// A run's verdict line, hits and diagnosis.
    static func runHead(_ s: ViewContext, _ d: CaseDetail, _ run: CaseDetail.RunDetail, width: Int) -> [Line] {
        let g = s.glyphs
        var out: [Line] = []
        let (glyph, role) = g.verdict(run.verdict)
        var verdictLine = Line([Span(glyph + " ", role), Span(verdictWord(run.verdict), role)])
        if s.verdicts == nil { verdictLine.spans.append(Span(" (this case scored alone; scoring the set…)", .muted)) }
        for column in run.verdict.errorColumns {
            verdictLine.spans.append(Span("  \(column.rawValue)", .fail))
            verdictLine.spans.append(Span(" = \(column.meaning)", .muted))
        }
        out.append(verdictLine)
        if run.verdict.format {
            out.append(
                Line([
                    Span("  hits: ", .muted),
                    Span(
                        "query \(run.verdict.queryParamsHit)/\(d.queryParams.count)  profile \(run.verdict.profileParamsHit)/\(d.profileParams.count)"
                    ),
                ]))
        }
        out.append("")

        // Diagnosis
        let problems = run.diagnosis.problems
        out.append(
            Text.heading(
                "Diagnosis", problems.isEmpty ? "nothing wrong" : "\(problems.count) finding\(problems.count == 1 ? "" : "s")"))
        let query = s.data.cases[d.caseID].query
        lazy var profile = Triage.ProfileIndex(d.profile)
        for f in problems {
            let lines = TextWidth.wrap(Text.clean(f.sentence), width: max(8, width - 4))
            for (i, l) in lines.enumerated() {
                out.append(Line([Span(i == 0 ? "  • " : "    ", .muted), Span(l, findingRole(f))]))
            }
            // A wrong profile value: where it came from (as the patterns view groups them).
            if let origin = provenance(f, d, profile: profile, query: query) {
                let lines = TextWidth.wrap(Text.clean(origin), width: max(8, width - 6))
                for (i, l) in lines.enumerated() {
                    out.append(Line([Span(i == 0 ? "    \(s.glyphs.arrow) " : "      ", .muted), Span(l, .accent)]))
                }
            }
        }
        out.append("")
        if let lenient = run.lenient { out += lenientLines(s, run.verdict, lenient, width: width) }
        return out
    }

    /// The "Lenient reading" block: the lenient verdict beside PTBench's, each step taken (its
    /// rule, the bytes of the raw prediction it touched, what it did) and the text recovered.
    static func lenientLines(_ s: ViewContext, _ verdict: CaseVerdict, _ l: CaseDetail.LenientDetail, width: Int)
        -> [Line]
    {
        let g = s.glyphs
        var out = [Text.heading("Lenient reading", "not PTBench's reading (o: lenient reading)")]
        let (glyph, role) = g.verdict(verdict)
        let (referenceGlyph, referenceRole) = g.verdict(l.reference)
        out.append(
            Line([
                Span("  lenient: ", .muted), Span("\(glyph) \(verdictWord(verdict))", role), Span(" · reference: ", .muted),
                Span("\(referenceGlyph) \(verdictWord(l.reference))", referenceRole),
            ]))
        for step in l.reading.steps {
            let bytes = "bytes \(step.range.lowerBound)-\(step.range.upperBound)"
            var text = step.rule.title + "  " + bytes
            if !step.note.isEmpty { text += "  " + step.note }
            let lines = TextWidth.wrap(Text.clean(text), width: max(8, width - 4))
            for (i, line) in lines.enumerated() {
                out.append(Line([Span(i == 0 ? "  • " : "    ", .muted), Span(line, i == 0 ? .accent : .muted)]))
            }
        }
        if let recovered = l.reading.text {
            out.append(Line("  recovered text:", .muted))
            out += highlight(Text.paragraph(recovered, indent: 4, width: width, role: .predicted), s.query)
        } else {
            out.append(Line("  nothing recovered", .muted))
        }
        out.append("")
        return out
    }

    /// A run's call diff and raw prediction.
    static func runBody(_ s: ViewContext, _ d: CaseDetail, _ run: CaseDetail.RunDetail, width: Int) -> [Line] {
        let g = s.glyphs
        var out: [Line] = []
        // Call diff
        out += callDiff(run, g, width: width)
        out.append("")

        // Raw prediction
        out.append(Text.heading("Prediction (raw text)"))
        out += rawText(s, run, width: width)
        return out
    }

    /// A run's raw prediction wrapped (its failing span marked), or why there is none.
    static func rawText(_ s: ViewContext, _ run: CaseDetail.RunDetail, width: Int) -> [Line] {
        if let text = run.predictionText {
            return rawPrediction(text, run.diagnosis.formatFailure, width: width, query: s.query)
        } else if let note = run.predictionNote {
            return Text.paragraph(note, indent: 2, width: width, role: .format)
        }
        return []
    }

    static func verdictWord(_ v: CaseVerdict) -> String {
        switch Filter.verdict(v) {
        case .pass: return "pass"
        case .fail: return "fail"
        case .format: return "format failure" + (v.formatFailureKind.map { " (\(Triage.phrase($0)))" } ?? "")
        case .unscored: return "not scored"
        }
    }

    static func findingRole(_ f: Finding) -> Role {
        switch f {
        case .formatFailure, .comparisonRaised: return .format
        case .valueMatch: return .pass
        default: return .fail
        }
    }

    static func scalarText(_ v: JSONValue) -> String? {
        switch v {
        case .string(let s): return s.escaped
        case .number(let n): return n.text
        case .bool(let b): return b ? "true" : "false"
        case .array(let a) where a.allSatisfy({ $0.stringValue != nil }):
            return a.compactMap(\.stringValue).joined(separator: ", ")
        default: return nil
        }
    }

    // MARK: - Call diff

    static func callDiff(_ d: CaseDetail.RunDetail, _ g: Glyphs, width: Int) -> [Line] {
        var out: [Line] = [Text.heading("Call", "gold vs predicted")]
        let diff = d.diff
        let gold = diff.goldPlatform.map(value) ?? "?"
        let predicted = diff.predictedPlatform.map(value) ?? g.dash
        let platformMark: (String, Role) =
            diff.platformMatches == true ? (g.match, .pass) : diff.platformMatches == false ? (g.mismatch, .fail) : (" ", .muted)
        out.append(
            Line([
                Span("  \(platformMark.0) ", platformMark.1), Span("platform  ", .muted),
                Span("gold ", .muted), Span(gold, .gold), Span("  predicted ", .muted),
                Span(predicted, diff.platformMatches == false ? .fail : .predicted),
            ]))
        if diff.functions.isEmpty { out.append(Line("    (no functions on either side)", .muted)) }
        for f in diff.functions {
            let (mark, role, note): (String, Role, String) =
                switch f.status {
                case .matched:
                    (
                        f.params.allSatisfy { $0.status == .match } ? g.match : g.mismatch,
                        f.params.allSatisfy { $0.status == .match } ? .pass : .fail, ""
                    )
                case .missing: (g.missing, .missing, "  missing: in gold, not predicted")
                case .extra: (g.extra, .extra, "  extra: predicted, not in gold")
                }
            out.append(Line([Span("  \(mark) ", role), Span(Text.clean(f.name), .title), Span(note, role)]))
            for p in f.params {
                out += param(p, g, width: width)
            }
        }
        return out
    }

    /// A parameter's status as a glyph and its role (✓ match, ✗ mismatch, − missing, + extra...).
    static func mark(_ status: CallDiff.ParamStatus, _ g: Glyphs) -> (String, Role) {
        switch status {
        case .match: (g.match, .pass)
        case .mismatch: (g.mismatch, .fail)
        case .missing: (g.missing, .missing)
        case .extra: (g.extra, .extra)
        case .raised: (g.format, .format)
        case .unscored: (" ", .muted)
        }
    }

    static func param(_ p: CallDiff.Param, _ g: Glyphs, width: Int) -> [Line] {
        let (mark, role) = mark(p.status, g)
        var head = Line([Span("      \(mark) ", role), Span(Text.clean(p.name), .normal)])
        if p.source != .neither { head.spans.append(Span("  [\(p.source.rawValue)]", .accent)) }
        switch p.status {
        case .match, .mismatch:
            if let rule = p.rule { head.spans.append(Span("  " + rule.phrase, .muted)) }
        case .missing: head.spans.append(Span("  missing", .missing))
        case .extra: head.spans.append(Span("  extra", .extra))
        case .raised: head.spans.append(Span("  comparison raised in the reference", .format))
        case .unscored: break
        }
        var out = [head]
        if let gold = p.gold {
            out += Text.labelled(10, "gold", value(gold), width: width, valueRole: .gold, labelWidth: 11)
        }
        if let predicted = p.predicted {
            out += Text.labelled(
                10, "predicted", value(predicted), width: width, valueRole: p.status == .match ? .predicted : role, labelWidth: 11
            )
        }
        return out
    }

    static func value(_ v: PyValue) -> String { Text.clean(PyRepr.value(v)) }

    // MARK: - Raw prediction

    /// The model's text wrapped, with the failing span of a format failure marked.
    static func rawPrediction(_ text: String, _ failure: FormatFailure?, width: Int, query: String) -> [Line] {
        let room = max(8, width - 2)
        // Work in scalars so the failure's code-point range maps onto the text.
        let scalars = Array(text.unicodeScalars)
        let span = failure?.range.map { r in max(0, min(r.lowerBound, scalars.count))..<max(0, min(r.upperBound, scalars.count)) }
        var pieces: [Span] = []
        var current = ""
        var currentRole: Role = .predicted
        for (i, sc) in scalars.enumerated() {
            let role: Role = (span?.contains(i) ?? false) ? .errorSpan : .predicted
            if role != currentRole && !current.isEmpty {
                pieces.append(Span(current, currentRole))
                current = ""
            }
            currentRole = role
            current.unicodeScalars.append(sc)
        }
        if !current.isEmpty { pieces.append(Span(current, currentRole)) }
        // An empty span at the end (unexpected end of input) is shown as a marker.
        if let span, span.isEmpty || span.lowerBound >= scalars.count { pieces.append(Span("⟂", .errorSpan)) }
        var out: [Line] = []
        var line: [Span] = [Span("  ")]
        var used = 0
        for piece in pieces {
            for ch in Sanitizer.clean(piece.text, keepNewlines: true) {
                if ch == "\n" {
                    out.append(Line(line))
                    line = [Span("  ")]
                    used = 0
                    continue
                }
                let w = TextWidth.of(ch)
                if used + w > room {
                    out.append(Line(line))
                    line = [Span("  ")]
                    used = 0
                }
                if let last = line.last, last.role == piece.role, line.count > 1 {
                    line[line.count - 1].text.append(ch)
                } else {
                    line.append(Span(String(ch), piece.role))
                }
                used += w
            }
        }
        out.append(Line(line))
        if let failure {
            out += Text.paragraph("\(Triage.phrase(failure.kind)): \(failure.message)", indent: 2, width: width, role: .format)
        }
        return highlight(out, query)
    }

    /// Marks occurrences of the search text in lines (only inside single spans).
    static func highlight(_ lines: [Line], _ query: String) -> [Line] {
        guard !query.isEmpty else { return lines }
        return lines.map { line in
            var spans: [Span] = []
            for span in line.spans {
                let ranges = Search.ranges(of: query, in: span.text)
                if ranges.isEmpty || span.role == .errorSpan {
                    spans.append(span)
                    continue
                }
                var at = span.text.startIndex
                for r in ranges {
                    if at < r.lowerBound { spans.append(Span(String(span.text[at..<r.lowerBound]), span.role)) }
                    spans.append(Span(String(span.text[r]), .match))
                    at = r.upperBound
                }
                if at < span.text.endIndex { spans.append(Span(String(span.text[at...]), span.role)) }
            }
            return Line(spans)
        }
    }
}
