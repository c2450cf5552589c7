// MARK: - FrameDiff

/// The runs of cells that changed between two frames of the same size: what a backend writes.
public struct FrameDiff: Sendable, Equatable {
    /// A run of changed cells on one row, starting at column `x`.
    public struct Run: Sendable, Equatable {
        public var x: Int
        public var y: Int
        public var cells: [Cell]

        public init(x: Int, y: Int, cells: [Cell]) {
            self.x = x
            self.y = y
            self.cells = cells
        }
    }

    public var runs: [Run]
    /// True when the whole screen must be redrawn (first frame or a size change).
    public var full: Bool

    /// Compares `new` with `old`; a nil or differently sized `old` gives a full redraw.
    public init(from old: ScreenBuffer?, to new: ScreenBuffer) {
        runs = []
        guard let old, old.width == new.width, old.height == new.height else {
            full = true
            for y in 0..<new.height {
                runs.append(Run(x: 0, y: y, cells: Array(new.cells[(y * new.width)..<((y + 1) * new.width)])))
            }
            return
        }
        full = false
        for y in 0..<new.height {
            var x = 0
            while x < new.width {
                if old[x, y] == new[x, y] {
                    x += 1
                    continue
                }
                // Start a run; a continuation cell starts one column earlier with its wide grapheme.
                var start = x
                if new[x, y].isContinuation && x > 0 { start = x - 1 }
                var end = x + 1
                while end < new.width && old[end, y] != new[end, y] { end += 1 }
                if end < new.width && new[end, y].isContinuation { end += 1 }
                runs.append(Run(x: start, y: y, cells: Array(new.cells[(y * new.width + start)..<(y * new.width + end)])))
                x = end
            }
        }
    }

    /// How many cells the diff writes.
    public var cellCount: Int { runs.reduce(0) { $0 + $1.cells.count } }
}
