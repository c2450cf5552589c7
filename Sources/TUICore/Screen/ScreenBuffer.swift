// MARK: - ScreenBuffer

/// A frame built in memory before anything reaches the terminal.
public struct ScreenBuffer: Sendable, Equatable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Fills `rect` (clipped to the buffer) with blanks of `role`.
    public mutating func fill(_ rect: Rect, role: Role = .normal) {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        let cell = Cell(" ", role: role)
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { self[x, y] = cell }
        }
    }

    /// Changes the role of every cell in `rect`, keeping the text.
    public mutating func setRole(_ rect: Rect, role: Role) {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { self[x, y].role = role }
        }
    }

    /// Writes already sanitized `text` at (`x`, `y`), clipped to `maxX` (default: the buffer's
    /// right edge). A wide grapheme that would straddle the edge becomes a space. Returns the next x.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .normal, maxX: Int? = nil) -> Int {
        guard y >= 0 && y < height else { return x }
        let limit = min(maxX ?? width, width)
        var cx = x
        for ch in text {
            if cx >= limit { break }
            var g = String(ch)
            var w = ch.isASCII ? 1 : TextWidth.of(ch)
            if w == 0 {
                g = "◌" + g  // a lone combining mark gets a base so it cannot merge with the cell before
                w = 1
            }
            if cx < 0 {
                cx += w
                continue
            }
            if w == 2 && cx + 1 >= limit {
                self[cx, y] = Cell(" ", role: role)
                cx += 1
                break
            }
            clearWide(at: cx, y: y)
            self[cx, y] = Cell(g, width: UInt8(w), role: role)
            if w == 2 {
                clearWide(at: cx + 1, y: y)
                self[cx + 1, y] = .continuation(role)
            }
            cx += w
        }
        return cx
    }

    /// Writes a line made of styled spans; returns the next x.
    @discardableResult
    public mutating func put(_ line: Line, x: Int, y: Int, maxX: Int? = nil) -> Int {
        var cx = x
        for span in line.spans { cx = put(span.text, x: cx, y: y, role: span.role, maxX: maxX) }
        return cx
    }

    /// Overwriting half of a wide grapheme blanks its other half.
    private mutating func clearWide(at x: Int, y: Int) {
        let cell = self[x, y]
        if cell.isContinuation && x > 0 {
            self[x - 1, y] = Cell(" ", role: self[x - 1, y].role)
        } else if cell.width == 2 && x + 1 < width {
            self[x + 1, y] = Cell(" ", role: cell.role)
        }
    }

    private func clip(_ r: Rect) -> Rect {
        let x0 = max(0, r.x)
        let y0 = max(0, r.y)
        let x1 = min(width, r.maxX)
        let y1 = min(height, r.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    // MARK: - Text form (tests)

    /// The frame as text, one line per row, trailing spaces removed.
    public var text: String {
        (0..<height).map { row(text: $0) }.joined(separator: "\n")
    }

    /// One row as text, trailing spaces removed.
    public func row(text y: Int) -> String {
        var s = ""
        for x in 0..<width { s += self[x, y].text }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// The frame's roles, one letter per cell, for style assertions (see ``Role/letter``).
    public func roleMap(_ letter: (Role) -> Character) -> String {
        (0..<height).map { y in String((0..<width).map { letter(self[$0, y].role) }) }.joined(separator: "\n")
    }
}

// MARK: - Span and Line

/// Text with one role.
public struct Span: Sendable, Equatable {
    public var text: String
    public var role: Role
    public init(_ text: String, _ role: Role = .normal) {
        self.text = text
        self.role = role
    }
}

/// A row of spans.
public struct Line: Sendable, Equatable, ExpressibleByStringLiteral {
    public var spans: [Span]
    public init(_ spans: [Span]) { self.spans = spans }
    public init(_ text: String, _ role: Role = .normal) { spans = [Span(text, role)] }
    public init(stringLiteral value: String) { spans = [Span(value)] }

    public var width: Int { spans.reduce(0) { $0 + TextWidth.of($1.text) } }
    public var plain: String { spans.map(\.text).joined() }

    public static func + (a: Line, b: Line) -> Line { Line(a.spans + b.spans) }
}
