import Evaluator
import TUICore

// MARK: - Side by side

extension DetailLines {
    /// One row of two runs' call diffs aligned: the same function (by name and occurrence) or the
    /// same parameter of it on both sides; nil on the side that does not have it.
    public enum AlignedRow: Sendable {
        case function(name: String, a: CallDiff.Function?, b: CallDiff.Function?)
        case param(function: String, name: String, a: CallDiff.Param?, b: CallDiff.Param?)

        /// Whether the two sides differ (one side missing, another status or predicted value).
        public var differs: Bool {
            switch self {
            case .function(_, let a, let b):
                guard let a, let b else { return true }
                return a.status != b.status
            case .param(_, _, let a, let b):
                guard let a, let b else { return true }
                return a.status != b.status || a.predicted.map { PyRepr.value($0) } != b.predicted.map { PyRepr.value($0) }
            }
        }
    }

    /// The rows of `a` and `b` aligned: `a`'s functions in order (each followed by its parameters,
    /// `a`'s order, then those only `b` has), then the functions only `b` has. A function called
    /// twice is matched by occurrence (the first with the first).
    public static func align(_ a: CallDiff, _ b: CallDiff) -> [AlignedRow] {
        func keyed(_ fs: [CallDiff.Function]) -> [(key: String, f: CallDiff.Function)] {
            var seen: [String: Int] = [:]
            return fs.map { f in
                let n = seen[f.name, default: 0]
                seen[f.name] = n + 1
                return ("\(f.name)#\(n)", f)
            }
        }
        let left = keyed(a.functions)
        let right = keyed(b.functions)
        let rightByKey = Dictionary(right.map { ($0.key, $0.f) }, uniquingKeysWith: { first, _ in first })
        let leftKeys = Set(left.map(\.key))
        let pairs: [(CallDiff.Function?, CallDiff.Function?)] =
            left.map { ($0.f, rightByKey[$0.key]) } + right.filter { !leftKeys.contains($0.key) }.map { (nil, $0.f) }
        var rows: [AlignedRow] = []
        for (fa, fb) in pairs {
            let name = fa?.name ?? fb?.name ?? ""
            rows.append(.function(name: name, a: fa, b: fb))
            let pa = fa?.params ?? []
            let pb = fb?.params ?? []
            let names = pa.map(\.name) + pb.map(\.name).filter { n in !pa.contains { $0.name == n } }
            for p in names {
                rows.append(
                    .param(
                        function: name, name: p, a: pa.first { $0.name == p }, b: pb.first { $0.name == p }))
            }
        }
        return rows
    }

    /// Runs `pair.a` and `pair.b` of `d` in two columns at `width`: their verdicts, platforms and
    /// call diffs, row by row (a row only one run has is blank on the other side), a row whose
    /// sides differ marked with ≠ between them.
    static func sideBySide(_ s: ViewContext, _ d: CaseDetail, _ pair: RunPair, width: Int) -> [Line] {
        func banner(_ k: Int) -> Line {
            Line([Span("Run \(Session.runLetter(k)) ", .title), Span(Text.clean(d.runs[k].name), .accent)])
        }
        return sideBySide(
            s, (banner(pair.a), d.runs[pair.a]), (banner(pair.b), d.runs[pair.b]),
            heading: Text.heading(
                "Runs side by side",
                "\(Session.runLetter(pair.a)) | \(Session.runLetter(pair.b)); \(s.glyphs.notEqual) marks a difference (:compare picks two)"
            ), width: width)
    }

    /// Two answers to one case in two columns at `width`, each under its banner: their verdicts,
    /// platforms and call diffs against the same gold, row by row, a row whose sides differ marked
    /// with ≠ between them (two runs, or an answer asked again beside the recorded one).
    static func sideBySide(
        _ s: ViewContext, _ left: (banner: Line, run: CaseDetail.RunDetail), _ right: (banner: Line, run: CaseDetail.RunDetail),
        heading: Line, width: Int
    ) -> [Line] {
        let g = s.glyphs
        let (ra, rb) = (left.run, right.run)
        let half = max(8, (width - 3) / 2)
        var out: [Line] = [heading]
        func pad(_ l: Line) -> Line {
            let fitted = l.fitted(to: half, ellipsis: g.ellipsis)
            return fitted + Line(String(repeating: " ", count: max(0, half - fitted.width)))
        }
        /// Two cells of lines, as many rows as the taller, the separator marking a difference.
        func put(_ left: [Line], _ right: [Line], differs: Bool) {
            let n = max(left.count, right.count)
            for i in 0..<n {
                let l = i < left.count ? left[i] : Line("")
                let r = i < right.count ? right[i] : Line("")
                let mark = differs && i == 0 ? Span(" \(g.notEqual) ", .warning) : Span(" \(g.vertical) ", .muted)
                out.append(Line(pad(l).spans + [mark] + r.spans))
            }
        }
        put([left.banner], [right.banner], differs: false)
        func verdict(_ run: CaseDetail.RunDetail) -> [Line] {
            let (glyph, role) = g.verdict(run.verdict)
            return [Line([Span(glyph + " ", role), Span(verdictWord(run.verdict), role)])]
        }
        put(verdict(ra), verdict(rb), differs: Filter.verdict(ra.verdict) != Filter.verdict(rb.verdict))
        out.append("")
        out.append(Text.heading("Call", "gold vs predicted, on each side"))
        let goldPlatform = ra.diff.goldPlatform.map(value) ?? "?"
        out += Text.labelled(2, "platform", goldPlatform, width: width, valueRole: .gold, labelWidth: 10)
        func platform(_ diff: CallDiff) -> [Line] {
            let predicted = diff.predictedPlatform.map(value) ?? g.dash
            let (mark, role): (String, Role) =
                diff.platformMatches == true
                ? (g.match, .pass) : diff.platformMatches == false ? (g.mismatch, .fail) : (" ", .muted)
            return [
                Line([
                    Span("  \(mark) ", role), Span("predicted ", .muted), Span(predicted, role == .fail ? .fail : .predicted),
                ])
            ]
        }
        put(
            platform(ra.diff), platform(rb.diff),
            differs: ra.diff.predictedPlatform.map(value) != rb.diff.predictedPlatform.map(value)
                || ra.diff.platformMatches != rb.diff.platformMatches)
        for row in align(ra.diff, rb.diff) {
            switch row {
            case .function(_, let a, let b):
                // The function's name on both sides (blank where that run has no such call).
                func cell(_ f: CallDiff.Function?) -> [Line] {
                    guard let f else { return [] }
                    let (mark, role, note): (String, Role, String) =
                        switch f.status {
                        case .matched:
                            f.params.allSatisfy { $0.status == .match } ? (g.match, .pass, "") : (g.mismatch, .fail, "")
                        case .missing: (g.missing, .missing, " missing")
                        case .extra: (g.extra, .extra, " extra")
                        }
                    return [Line([Span("\(mark) ", role), Span(Text.clean(f.name), .title), Span(note, role)])]
                }
                put(cell(a), cell(b), differs: row.differs)
            case .param(_, _, let a, let b):
                put(sideParam(a, g, width: half), sideParam(b, g, width: half), differs: row.differs)
            }
        }
        return out
    }

    /// A parameter in a side column: its mark and name, then gold and predicted, labelled narrow.
    static func sideParam(_ p: CallDiff.Param?, _ g: Glyphs, width: Int) -> [Line] {
        guard let p else { return [] }
        let (mark, role) = mark(p.status, g)
        var head = Line([Span("  \(mark) ", role), Span(Text.clean(p.name), .normal)])
        if p.source != .neither { head.spans.append(Span(" [\(p.source.rawValue)]", .accent)) }
        var out = [head]
        if let gold = p.gold {
            out += Text.labelled(6, "gold", value(gold), width: width, valueRole: .gold, labelWidth: 6)
        }
        if let predicted = p.predicted {
            out += Text.labelled(
                6, "pred", value(predicted), width: width, valueRole: p.status == .match ? .predicted : role, labelWidth: 6)
        } else if p.status == .missing {
            out.append(Line([Span("      pred  ", .muted), Span("missing", .missing)]))
        }
        return out
    }
}
