import Evaluator
import TUICore

// MARK: - ReaskLines

/// The re-ask view (`A`): a case's answer asked again, scored against gold as a recorded answer
/// is (its call diff and findings), beside the recorded answer's verdict and text.
public enum ReaskLines {
    /// The view's lines at `width` columns for `answer`.
    public static func lines(_ s: ViewContext, _ answer: Reask.Answer, width: Int) -> [Line] {
        let g = s.glyphs
        let data = s.data
        guard answer.tag.caseID < data.cases.count else { return [] }
        let entry = data.cases[answer.tag.caseID]
        let split = data.split(of: entry)
        var out: [Line] = [
            Line([
                Span("Case \(entry.index)", .title),
                Span(" · \(Text.clean(split.name)) · data.json line \(data.benchmarkCase(entry).line)", .muted),
            ])
        ]
        out += Text.labelled(2, "asked", answer.source, width: width, labelWidth: 10)
        out += Text.labelled(2, "not saved", "W writes it as a new run beside the recorded one", width: width, labelWidth: 10)
        out.append("")

        // The new answer beside the recorded one: verdicts, platforms and call diffs against the
        // same gold, ≠ where the two differ.
        let recordedBanner = Line([
            Span("Recorded ", .title),
            Span("run \(Session.runLetter(answer.tag.run)) \(Text.clean(answer.recorded.name))", .accent),
        ])
        out += DetailLines.sideBySide(
            s, (Line("New answer", .title), answer.detail), (recordedBanner, answer.recorded),
            heading: Text.heading("New answer | recorded", "each against gold; \(g.notEqual) marks a difference"),
            width: width)
        out.append("")
        let same = answer.recorded.predictionText == answer.text
        out.append(
            Line(
                same ? "  the new text is the recorded text, byte for byte" : "  the new text differs from the recorded one",
                .muted))
        out.append("")

        let problems = answer.detail.diagnosis.problems
        out.append(
            Text.heading(
                "Diagnosis of the new answer",
                problems.isEmpty ? "nothing wrong" : "\(problems.count) finding\(problems.count == 1 ? "" : "s")"))
        for f in problems {
            for (i, l) in TextWidth.wrap(Text.clean(f.sentence), width: max(8, width - 4)).enumerated() {
                out.append(Line([Span(i == 0 ? "  • " : "    ", .muted), Span(l, DetailLines.findingRole(f))]))
            }
        }
        out.append("")

        // Both texts.
        out.append(Text.heading("New answer (raw text)"))
        out += DetailLines.rawText(s, answer.detail, width: width)
        out.append("")
        out.append(Text.heading("Recorded answer (raw text)", "run \(Session.runLetter(answer.tag.run))"))
        out += DetailLines.rawText(s, answer.recorded, width: width)
        return out
    }
}
