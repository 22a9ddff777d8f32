import ArticleModel

/// Draws the whole screen for a state into a fresh grid: pane headers, list, border, detail, status line,
/// and the help overlay or the "too small" notice. A pure function of the state and the stories.
public enum ScreenRenderer {
    public static let focusedMark = "● "
    public static let unfocusedMark = "○ "

    public static func render(_ state: ReaderState, library: StoryLibrary) -> CellGrid {
        var grid = CellGrid(columns: state.columns, rows: state.rows)
        let screen = state.screen
        if screen.mode == .tooSmall {
            renderTooSmall(into: &grid)
            return grid
        }
        let listTitle: String
        switch state.filter {
        case .all: listTitle = "Stories (\(library.count))"
        case .unread: listTitle = "Unread (\(state.listCount) of \(library.count))"
        case .starred: listTitle = "Starred (\(state.listCount) of \(library.count))"
        }
        header(into: &grid, rect: screen.listHeader, title: listTitle, focused: state.focus == .list)
        ListPane.render(into: &grid, rect: screen.list, state: state, library: library)
        if screen.border.width > 0 {
            for row in screen.border.row..<(screen.border.row + screen.border.height) {
                grid.put("│", column: screen.border.column, row: row, limit: 1, style: CellStyle(.border))
            }
        }
        if screen.detailHeader.width > 0 {
            let title = library.count > 0 ? library.stories[state.selected].publisher : "Story"
            header(into: &grid, rect: screen.detailHeader, title: title, focused: state.focus == .detail)
        }
        DetailPane.render(into: &grid, rect: screen.detail, state: state, library: library)
        StatusLine.render(into: &grid, rect: screen.status, state: state, library: library)
        if state.helpVisible { HelpOverlay.render(into: &grid) }
        return grid
    }

    static func header(into grid: inout CellGrid, rect: Rect, title: String, focused: Bool) {
        guard rect.width > 0 else { return }
        let style = focused ? CellStyle(.accent, bold: true, reverse: true) : CellStyle(.muted, underline: true)
        grid.fill(column: rect.column, row: rect.row, width: rect.width, style: style)
        let text = (focused ? focusedMark : unfocusedMark) + title
        grid.put(TextWrapper.truncate(text, width: rect.width - 1), column: rect.column + 1, row: rect.row,
                 limit: rect.width - 1, style: style)
    }

    static func renderTooSmall(into grid: inout CellGrid) {
        let lines = ["Terminal too small", "need \(ScreenLayout.minimumColumns)×\(ScreenLayout.minimumRows)"]
        for (n, line) in lines.prefix(grid.rows).enumerated() {
            let text = TextWrapper.truncate(line, width: grid.columns)
            let x = max(0, (grid.columns - DisplayWidth.of(text)) / 2)
            grid.put(text, column: x, row: (grid.rows - min(grid.rows, lines.count)) / 2 + n, style: CellStyle(.notice, bold: true))
        }
    }
}
