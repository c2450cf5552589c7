import Foundation

// MARK: - PlainTextColumns

/// Left-aligned text columns for the command line's tables, measured by the caller's idea of display
/// width (the terminal's, for text that may hold wide characters).
public enum PlainTextColumns {
    /// `rows` as lines of columns separated by two spaces, each column as wide as its widest cell
    /// (`width` measures a cell); the last column is not padded and trailing spaces are dropped.
    /// Every row has as many cells as the first.
    public static func lines(_ rows: [[String]], width: (String) -> Int) -> String {
        guard let count = rows.first?.count else { return "" }
        let widths = (0..<count).map { k in rows.map { width($0[k]) }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { k, cell in
                k == count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[k] - width(cell)))
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }.joined()
    }
}
