import Evaluator
import TUICore

// MARK: - Suspect gold rows

extension TriageRows {
    /// The columns the suspect-gold queue sorts by (`>`); its own order is the ranking.
    static let suspectColumns = ["case", "parameter", "agreed value", "runs", "gold accepts"]

    /// The letter of run `r` (``Session/runLetter(_:)``).
    static func runLetter(_ r: Int) -> String { Session.runLetter(r) }

    /// Case `id` as the `:` line jumps to it (`U 12`).
    static func caseName(_ data: ExplorerData, _ id: Int) -> String {
        let e = data.cases[id]
        return "\(data.splitLetter(e.split)) \(e.index)"
    }

    /// The queue's K for the session: its option, else half the runs (at least 2).
    public static func suspectAgreement(_ session: Session) -> Int {
        session.options.suspectAgreement ?? Triage.Suspects.defaultAgreement(runs: session.data.runs.count)
    }

    static func suspects(_ s: ViewContext, _ data: ExplorerData, _ m: Triage.Suspects, _ layout: TableLayout)
        -> [TriageRow]
    {
        guard m.runs >= 2 else {
            return [
                TriageRow(Line("The suspect-gold queue needs two or more runs; this session has one.", .warning)),
                TriageRow(
                    Line("  Open a comparison: ptscope DATA PRED_A PRED_B … (the bundled sample: ptscope --compare).", .muted)),
            ]
        }
        let k = suspectAgreement(s.session)
        let queue = m.queue(k)
        var out: [TriageRow] = [
            heading(
                "Values \(k) or more of \(m.runs) runs agree on that gold rejects",
                "\(queue.count) in \(Set(queue.map(\.caseID)).count) cases; most runs first"),
            TriageRow(
                Line(
                    "  Enter opens the case (the list keeps the queue's cases) · a accepts the value as gold"
                        + " · + / - change K (:set suspect K)", .muted)),
        ]
        if queue.isEmpty {
            out.append(TriageRow(Line("  (no value or platform is agreed on by \(k) or more runs)", .muted)))
        } else {
            let rows = queue.map { a in
                let runs = "\(a.runs.count) (" + a.runs.map(runLetter).joined(separator: " ") + ")"
                let cells = [
                    Line(caseName(data, a.caseID)), Line(Text.clean(a.target)), Line(Text.clean(PyRepr.value(a.value))),
                    Line(runs), Line(Text.clean(PyRepr.value(a.accepted)), .muted),
                ]
                return TriageTable.Row(
                    cells: cells,
                    keys: [
                        .of(a.caseID), .text(a.target), .text(PyRepr.value(a.value)), .of(a.runs.count),
                        .text(PyRepr.value(a.accepted)),
                    ], cases: [a.caseID], label: a.label)
            }
            let columns = [
                Table.Column(suspectColumns[0], minWidth: 6), label(suspectColumns[1], min: 10, max: 36),
                label(suspectColumns[2], min: 10, max: 40), number(suspectColumns[3], rows.map { $0.cells[3].plain }),
                label(suspectColumns[4], min: 10, max: 60),
            ]
            out += layout.lines(TriageTable(columns: columns, rows: rows))
        }
        out.append(blank)
        let cases = Set(m.unanimous.map(\.caseID)).count
        out.append(heading("Every run fails the same way", "\(cases) cases; the same finding on the same parameter"))
        if m.unanimous.isEmpty {
            out.append(TriageRow(Line("  (no case where every run has the same finding)", .muted)))
        } else {
            let rows = m.unanimous.map { u in
                TriageTable.Row(
                    cells: [Line(caseName(data, u.caseID)), Line(Text.clean(u.signature))],
                    keys: [.of(u.caseID), .text(u.signature)], cases: [u.caseID], label: u.label)
            }
            let columns = [Table.Column("case", minWidth: 6), Table.Column("finding in every run", minWidth: 10, priority: 1)]
            out += layout.lines(TriageTable(columns: columns, rows: rows, sortable: false))
        }
        return out
    }
}
