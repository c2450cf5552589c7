import Evaluator
import TUICore

// MARK: - ContextLines

/// The context pane: the tool catalog (platforms → APIs → parameters, gold / predicted /
/// preferred marked) or the full user profile as an indented tree.
public enum ContextLines {
    public static func lines(_ s: ViewContext, _ d: CaseDetail, width: Int) -> [Line] {
        switch s.contextMode {
        case .catalog: return catalog(s, d, width: width)
        case .profile: return profile(d, glyphs: s.glyphs, width: width)
        }
    }

    /// The line the context pane starts at for a newly selected case: the gold platform's
    /// heading in the catalog, the top otherwise.
    public static func anchor(_ s: ViewContext, _ d: CaseDetail, in lines: [Line]) -> Int {
        guard s.contextMode == .catalog, let gold = d.diff.goldPlatform?.stringValue else { return 0 }
        return lines.firstIndex { $0.spans.first?.role == .header && $0.spans.first?.text == Text.clean(gold) } ?? 0
    }

    // MARK: - Catalog

    static func catalog(_ s: ViewContext, _ d: CaseDetail, width: Int) -> [Line] {
        let c = d.catalog
        let goldPlatform = d.diff.goldPlatform?.stringValue
        let predictedPlatform = d.diff.predictedPlatform?.stringValue
        let goldAPIs = Set(d.diff.functions.filter { $0.status != .extra }.map(\.name))
        let predictedAPIs = Set(d.diagnosis.prediction?.calls.map(\.name) ?? [])
        let g = s.glyphs
        var out: [Line] = [
            Line([
                Span("c: profile", .muted), Span("   \(g.gold) gold  \(g.predicted) predicted  \(g.preferred) preferred", .muted),
            ])
        ]
        func marks(platform name: String) -> [Span] {
            var m: [Span] = []
            if name == goldPlatform { m.append(Span(" \(g.gold) gold", .gold)) }
            if name == predictedPlatform { m.append(Span(" \(g.predicted) predicted", .predicted)) }
            if name == d.preferredPlatform { m.append(Span(" \(g.preferred) preferred", .accent)) }
            return m
        }
        var platformsShown = Set<String>()
        for p in c.platforms {
            platformsShown.insert(p.name)
            out.append("")
            out.append(Line([Span(Text.clean(p.name), .header)] + marks(platform: p.name)))
            if !p.description.isEmpty {
                out += Text.paragraph(p.description, indent: 2, width: width, role: .muted, keepNewlines: false)
            }
            out += apis(
                c.apis.filter { $0.platform == p.name }, goldAPIs, predictedAPIs, goldPlatform: goldPlatform,
                predictedPlatform: predictedPlatform, platform: p.name, glyphs: g, width: width)
        }
        let others = c.apis.filter { $0.platform == nil || !platformsShown.contains($0.platform!) }
        if !others.isEmpty {
            var byPlatform: [(String?, [Catalog.API])] = []
            for api in others {
                if let i = byPlatform.firstIndex(where: { $0.0 == api.platform }) {
                    byPlatform[i].1.append(api)
                } else {
                    byPlatform.append((api.platform, [api]))
                }
            }
            for (platform, list) in byPlatform {
                out.append("")
                out.append(Line([Span(Text.clean(platform ?? "APIs"), .header)] + (platform.map(marks(platform:)) ?? [])))
                out += apis(
                    list, goldAPIs, predictedAPIs, goldPlatform: goldPlatform, predictedPlatform: predictedPlatform,
                    platform: platform, glyphs: g, width: width)
            }
        }
        if c.platforms.isEmpty && c.apis.isEmpty {
            out.append(Line("  (no platforms or tools in this case)", .muted))
        }
        if c.toolsUnknownShape, let raw = c.rawTools {
            out.append("")
            out.append(Text.heading("tools (as stored)"))
            out += tree(raw, indent: 2, width: width)
        }
        return out
    }

    static func apis(
        _ list: [Catalog.API], _ gold: Set<String>, _ predicted: Set<String>, goldPlatform: String?, predictedPlatform: String?,
        platform: String?, glyphs g: Glyphs, width: Int
    ) -> [Line] {
        var out: [Line] = []
        for api in list {
            var head = Line([Span("  "), Span(Text.clean(api.name), .title)])
            // Mark the gold API on the gold platform (or where the catalog names no platform).
            let onGold = platform == nil || platform == goldPlatform
            if gold.contains(api.name) && onGold { head.spans.append(Span(" \(g.gold) gold", .gold)) }
            if predicted.contains(api.name) && (platform == nil || platform == predictedPlatform) {
                head.spans.append(Span(" \(g.predicted) predicted", .predicted))
            }
            out.append(head)
            if !api.description.isEmpty {
                out += Text.paragraph(api.description, indent: 4, width: width, role: .muted, keepNewlines: false)
            }
            for p in api.params {
                var text = p.type.isEmpty ? "" : p.type
                if p.required { text += text.isEmpty ? "required" : ", required" }
                if !p.enumValues.isEmpty { text += (text.isEmpty ? "" : "; ") + "one of " + p.enumValues.joined(separator: ", ") }
                if !p.description.isEmpty { text += (text.isEmpty ? "" : " — ") + p.description }
                out += Text.labelled(
                    6, p.name, text, width: width, labelRole: .normal, valueRole: .muted,
                    labelWidth: max(12, min(22, TextWidth.of(p.name) + 2)))
            }
        }
        return out
    }

    // MARK: - Profile

    static func profile(_ d: CaseDetail, glyphs g: Glyphs, width: Int) -> [Line] {
        let marks = ProfileMarks(d)
        var out: [Line] = [
            Line([
                Span("c: tool catalog", .muted),
                Span("   \(g.gold) gold's profile value  \(g.predicted) the prediction's", .muted),
            ]), "",
        ]
        guard let profile = d.profile else {
            out.append(Line("(this case has no user_profile)", .muted))
            return out
        }
        out += tree(profile, indent: 0, width: width) { path in
            var spans: [Span] = []
            if let params = marks.gold[path] {
                spans.append(Span(" \(g.gold) \(Text.clean(params.joined(separator: ", ")))", .gold))
            }
            if let params = marks.predicted[path] {
                spans.append(Span(" \(g.predicted) \(Text.clean(params.joined(separator: ", ")))", .predicted))
            }
            return spans
        }
        return out
    }

    /// Nested JSON as an indented tree; long values wrap under themselves. `marks` gives the spans
    /// put after a field (by its key path, `a.b[2]`), on its line when they fit, else below it.
    static func tree(_ v: JSONValue, indent: Int, width: Int, marks: (String) -> [Span] = { _ in [] }) -> [Line] {
        var out: [Line] = []
        func mark(_ path: String, from start: Int, _ indent: Int) {
            let spans = marks(path)
            guard !spans.isEmpty, start < out.count else { return }
            func columns(_ s: [Span]) -> Int { s.reduce(0) { $0 + TextWidth.of($1.text) } }
            if out.count - start == 1 && columns(out[start].spans) + columns(spans) <= width {
                out[start].spans += spans
            } else {
                out.append(Line([Span(String(repeating: " ", count: indent + 2))] + spans))
            }
        }
        func walk(_ v: JSONValue, _ indent: Int, _ label: String?, _ path: String) {
            let start = out.count
            switch v {
            case .object(let o):
                if let label { out.append(Line(String(repeating: " ", count: indent) + Text.clean(label), .header)) }
                if o.members.isEmpty { out.append(Line(String(repeating: " ", count: indent + 2) + "{}", .muted)) }
                for (k, child) in o.members {
                    walk(child, indent + (label == nil ? 0 : 2), k, path.isEmpty ? k : path + "." + k)
                }
            case .array(let a) where a.allSatisfy(isScalar) && !a.isEmpty:
                let text = a.map(scalar).joined(separator: " · ")
                if let label, TextWidth.of(text) + indent + TextWidth.of(label) + 2 <= width {
                    out += Text.labelled(indent, label + ":", text, width: width)
                    mark(path, from: start, indent)
                } else {
                    if let label { out.append(Line(String(repeating: " ", count: indent) + Text.clean(label), .header)) }
                    mark(path, from: start, indent)
                    for (i, item) in a.enumerated() {
                        let itemStart = out.count
                        out += Text.labelled(indent + 2, "-", scalar(item), width: width)
                        mark(path + "[\(i)]", from: itemStart, indent + 2)
                    }
                }
            case .array(let a):
                if let label { out.append(Line(String(repeating: " ", count: indent) + Text.clean(label), .header)) }
                if a.isEmpty { out.append(Line(String(repeating: " ", count: indent + 2) + "[]", .muted)) }
                for (i, item) in a.enumerated() { walk(item, indent + 2, "[\(i)]", path + "[\(i)]") }
            default:
                if let label {
                    out += Text.labelled(indent, label + ":", scalar(v), width: width)
                } else {
                    out += Text.paragraph(scalar(v), indent: indent, width: width)
                }
                mark(path, from: start, indent)
            }
        }
        walk(v, indent, nil, "")
        return out
    }

    static func isScalar(_ v: JSONValue) -> Bool {
        switch v {
        case .array, .object: return false
        default: return true
        }
    }

    static func scalar(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return s.escaped
        default: return JSONRender.compact(v)
        }
    }
}
