// MARK: - Rect

/// A rectangle of cells: origin at the top left, width and height in columns and rows.
public struct Rect: Sendable, Equatable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The rectangle shrunk by `n` cells on every side.
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }

    /// Splits off `n` rows at the top: (top, rest).
    public func splitTop(_ n: Int) -> (Rect, Rect) {
        let n = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: n), Rect(x: x, y: y + n, width: width, height: height - n))
    }

    /// Splits off `n` rows at the bottom: (rest, bottom).
    public func splitBottom(_ n: Int) -> (Rect, Rect) {
        let n = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: height - n), Rect(x: x, y: y + height - n, width: width, height: n))
    }

    /// Splits into columns of the given widths; the last column takes what is left.
    public func columns(_ widths: [Int]) -> [Rect] {
        var out: [Rect] = []
        var cx = x
        for (i, w) in widths.enumerated() {
            let cw = i == widths.count - 1 ? maxX - cx : min(w, maxX - cx)
            out.append(Rect(x: cx, y: y, width: cw, height: height))
            cx += cw
        }
        return out
    }

    public var description: String { "\(width)x\(height)+\(x)+\(y)" }
}
