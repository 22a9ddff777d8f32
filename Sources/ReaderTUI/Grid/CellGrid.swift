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
    /// A cluster that would straddle the limit becomes blanks, so nothing spills past it. A cluster of
    /// several spacing scalars (a flag's two letters, an emoji and its skin tone) takes a cell for each,
    /// as the terminal places them (see `DisplayWidth`); zero-width scalars ride in their cell.
    @discardableResult
    public mutating func put(_ text: String, column: Int, row: Int, limit: Int? = nil, style: CellStyle = .normal) -> Int {
        guard row >= 0, row < rows, column < columns else { return 0 }
        let end = min(columns, limit.map { column + $0 } ?? columns)
        var x = column
        DisplayWidth.forEachCluster(in: text) { character, width in
            if width == 0 { return true } // the cleaner keeps marks inside their cluster; a lone one has no cell
            if x + width > end {
                while x < end {
                    if x >= 0 { set(x, row, Cell(text: " ", style: style)) }
                    x += 1
                }
                return false
            }
            if width == 1, character.utf8.count == 1 {
                if x >= 0 { set(x, row, Cell(text: String(character), style: style)) }
                x += 1
                return true
            }
            for piece in Self.cells(of: character) {
                if x >= 0 {
                    set(x, row, Cell(text: piece.text, style: style))
                    if piece.width == 2, x + 1 < columns { set(x + 1, row, Cell(text: "", style: style)) }
                }
                x += piece.width
            }
            return true
        }
        return x - column
    }

    /// A cluster split into what each cell shows: a spacing scalar and the zero-width ones after it.
    static func cells(of character: Character) -> [(text: String, width: Int)] {
        let scalars = character.unicodeScalars
        if scalars.count == 1 { return [(String(character), DisplayWidth.of(character))] }
        var pieces: [(text: String, width: Int)] = []
        for scalar in scalars {
            let width = DisplayWidth.of(scalar)
            if width > 0 || pieces.isEmpty {
                pieces.append((String(scalar), width))
            } else {
                pieces[pieces.count - 1].text.unicodeScalars.append(scalar)
            }
        }
        return pieces.filter { $0.width > 0 }
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
