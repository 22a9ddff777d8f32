import ArticleModel

/// The screen as an in-memory grid of cells. Panes draw into it; tests read it back as text; the terminal
/// layer copies the cells that changed to ncurses.
public struct CellGrid: Equatable, Sendable {
    public let columns: Int
    public let rows: Int
    public private(set) var cells: [Cell]

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        cells = Array(repeating: .blank, count: self.columns * self.rows)
    }

    public subscript(column: Int, row: Int) -> Cell {
        cells[row * columns + column]
    }

    /// Writes text from `column` on `row`, clipped to `limit` cells (and the grid); returns cells used.
    /// A wide character that would straddle the limit becomes a blank, so nothing spills past it.
    @discardableResult
    public mutating func put(_ text: String, column: Int, row: Int, limit: Int? = nil, style: CellStyle = .normal) -> Int {
        guard row >= 0, row < rows, column < columns else { return 0 }
        let end = min(columns, limit.map { column + $0 } ?? columns)
        var x = column
        for character in text {
            let width = DisplayWidth.of(character)
            if width == 0 { continue } // the cleaner keeps marks inside their cluster; a lone one has no cell
            if x + width > end {
                if x < end { set(x, row, Cell(text: " ", style: style)); x += 1 }
                break
            }
            if x >= 0 {
                set(x, row, Cell(text: String(character), style: style))
                if width == 2 { set(x + 1, row, Cell(text: "", style: style)) }
            }
            x += width
        }
        return x - column
    }

    /// Paints `width` cells of `row` from `column` with blanks in `style`.
    public mutating func fill(column: Int, row: Int, width: Int, style: CellStyle) {
        guard row >= 0, row < rows else { return }
        for x in max(0, column)..<max(max(0, column), min(columns, column + width)) { set(x, row, Cell(text: " ", style: style)) }
    }

    /// Changes the style of cells already drawn, keeping their text (for highlights).
    public mutating func restyle(column: Int, row: Int, width: Int, _ change: (inout CellStyle) -> Void) {
        guard row >= 0, row < rows else { return }
        for x in max(0, column)..<max(max(0, column), min(columns, column + width)) { change(&cells[row * columns + x].style) }
    }

    private mutating func set(_ column: Int, _ row: Int, _ cell: Cell) {
        let index = row * columns + column
        // Overwriting half of a wide character blanks its other half, so no orphan half stays on screen.
        if cells[index].isContinuation, column > 0 { cells[index - 1].text = " " }
        if !cells[index].isContinuation, column + 1 < columns, cells[index + 1].isContinuation, cell.text.isEmpty == false,
           DisplayWidth.of(cells[index].text) == 2 {
            cells[index + 1].text = " "
        }
        cells[index] = cell
    }

    /// The grid as text, one string per row, trailing spaces removed: what a test compares.
    public var lines: [String] {
        (0..<rows).map { row in
            var line = ""
            for column in 0..<columns {
                let cell = self[column, row]
                if !cell.isContinuation { line += cell.text }
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
