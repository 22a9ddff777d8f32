import ArticleModel

/// Draws the whole screen for a state into a fresh grid: pane headers, list, border, detail, status line,
/// and the help overlay or the "too small" notice. A pure function of the state and the stories.
public enum ScreenRenderer {
    public static func render(_ state: ReaderState, library: StoryLibrary, keys: KeyTable = .standard) -> CellGrid {
        render(ReaderView(state: state, library: library, keys: keys))
    }

    public static func render(_ view: ReaderView) -> CellGrid {
        var grid = CellGrid(columns: view.state.columns, rows: view.state.rows)
        let screen = view.state.screen
        let whole = Rect(column: 0, row: 0, width: grid.columns, height: grid.rows)
        if screen.mode == .tooSmall {
            TooSmallNotice.render(view, in: whole, into: &grid)
            return grid
        }
        ListHeader.render(view, in: screen.listHeader, into: &grid)
        ListPane.render(view, in: screen.list, into: &grid)
        PaneBorder.render(view, in: screen.border, into: &grid)
        DetailHeader.render(view, in: screen.detailHeader, into: &grid)
        DetailPane.render(view, in: screen.detail, into: &grid)
        StatusLine.render(view, in: screen.status, into: &grid)
        if view.state.helpVisible { HelpOverlay.render(view, in: whole, into: &grid) }
        return grid
    }
}

/// The vertical line between the panes when they stand side by side.
enum PaneBorder: ScreenPart {
    static func render(_ view: ReaderView, in rect: Rect, into grid: inout CellGrid) {
        guard rect.width > 0 else { return }
        for row in rect.row..<(rect.row + rect.height) {
            grid.put("│", column: rect.column, row: row, limit: 1, style: CellStyle(.border))
        }
    }
}

/// "Terminal too small", centred in whatever room there is.
enum TooSmallNotice: ScreenPart {
    static func render(_ view: ReaderView, in rect: Rect, into grid: inout CellGrid) {
        let lines = ["Terminal too small", "need \(ScreenLayout.minimumColumns)×\(ScreenLayout.minimumRows)"]
        for (n, line) in lines.prefix(rect.height).enumerated() {
            let text = TextWrapper.truncate(line, width: rect.width)
            let x = rect.column + max(0, (rect.width - DisplayWidth.of(text)) / 2)
            let y = rect.row + (rect.height - min(rect.height, lines.count)) / 2 + n
            grid.put(text, column: x, row: y, style: CellStyle(.notice, bold: true))
        }
    }
}
