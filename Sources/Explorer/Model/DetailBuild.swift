// MARK: - DetailBuild

/// The result of ``Effect/buildDetail(request:)``: the detail and the lines laid out for it.
public struct DetailBuild: Sendable {
    /// Which request this answers (``Panes/request``); a result of an earlier one is dropped.
    public var request: Int
    public var detail: CaseDetail
    public var lines: PaneLines
    /// True when the detail was built anew (not the one the state already had, laid out again).
    public var newDetail: Bool

    public init(request: Int, detail: CaseDetail, lines: PaneLines, newDetail: Bool) {
        self.request = request
        self.detail = detail
        self.lines = lines
        self.newDetail = newDetail
    }
}
