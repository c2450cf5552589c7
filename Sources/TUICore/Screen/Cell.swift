// MARK: - Cell

/// One terminal cell: a grapheme cluster, its display width, and its role.
///
/// A wide grapheme occupies its cell (width 2) and the cell to its right, which holds an empty
/// continuation (width 0) so that diffing and flushing treat the pair as one.
public struct Cell: Sendable, Equatable {
    public var text: String
    public var width: UInt8
    public var role: Role

    public init(_ text: String, width: UInt8 = 1, role: Role = .normal) {
        self.text = text
        self.width = width
        self.role = role
    }

    public static let blank = Cell(" ")
    /// The right half of a wide grapheme.
    public static func continuation(_ role: Role) -> Cell { Cell("", width: 0, role: role) }

    public var isContinuation: Bool { width == 0 }
}
