import Evaluator

// MARK: - Adjudication

extension Reducer {
    /// `:filter adjudicate`: the cases annotators left differently (a merged journal's held
    /// conflicts, ``Annotations/toAdjudicate``) as the list's slice; the case pane shows each
    /// annotator's version. An edit on such a case settles it.
    static func adjudicate(_ s: inout AppState) -> [Effect] {
        guard let data = s.data, let session = s.session else { return [] }
        let keys = session.annotations.toAdjudicate
        guard !keys.isEmpty else {
            s.status.message =
                "no case to adjudicate (conflicts come from a journal made by ptscope annotations merge)"
            return []
        }
        let splitIndex = Dictionary(
            data.benchmark.splits.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let wanted = Set(keys.compactMap { k in splitIndex[k.split].map { [$0, k.index] } })
        let ids = data.cases.indices.filter {
            wanted.contains([data.cases[$0].split, data.cases[$0].index]) && keys.contains(data.caseKey(data.cases[$0]))
        }
        s.list.filter.slice = Filter.Slice(label: "to adjudicate", cases: Set(ids))
        recomputeVisible(&s, keeping: s.selectedID)
        s.status.message =
            "\(ids.count) case\(ids.count == 1 ? "" : "s") to adjudicate: each annotator's version is in the case pane"
        return []
    }
}
