import ArticleModel

/// The story list: one row per story, an unread mark `●` and a star `★`, the title on the left, then the
/// publisher (when the pane is at least 60 columns wide) and the date (`14:05` today, `Jun 3` this year,
/// `2024-06-03` before) on the right; unread titles are bold; the selected row is reversed while the list
/// has the focus and bold otherwise. Only the rows in view are drawn.
enum ListPane: ScreenPart {
    static let unreadMark = "●"
    static let starMark = "★"
    /// The narrowest list that shows publishers.
    static let publisherMinimumWidth = 60

    static func render(_ view: ReaderView, in rect: Rect, into grid: inout CellGrid) {
        let state = view.state
        guard rect.width > 0 else { return }
        if state.listCount == 0, rect.height > 0, let label = state.filter.label {
            grid.put(TextWrapper.truncate("No stories: \(label). v shows all.", width: rect.width - 2), column: rect.column + 1,
                     row: rect.row, limit: rect.width - 2, style: CellStyle(.muted))
        }
        for row in 0..<rect.height {
            let listRow = state.listTop + row
            guard listRow < state.listCount else { break }
            drawRow(view, story: state.story(atRow: listRow), in: Rect(column: rect.column, row: rect.row + row, width: rect.width, height: 1),
                    into: &grid)
        }
    }

    static func drawRow(_ view: ReaderView, story index: Int, in rect: Rect, into grid: inout CellGrid) {
        let state = view.state
        let story = view.library.stories[index]
        let marks = index < state.marks.count ? state.marks[index] : []
        let isSelected = index == state.selected
        let unread = !marks.contains(.read)
        let style: CellStyle = isSelected
            ? (state.focus == .list ? CellStyle(.selection, bold: true, reverse: true) : CellStyle(.accent, bold: true))
            : CellStyle(.normal, bold: unread)
        var muted = style
        if !isSelected { muted.role = .muted }
        let y = rect.row
        grid.fill(column: rect.column, row: y, width: rect.width, style: style)
        if unread { grid.put(unreadMark, column: rect.column + 1, row: y, limit: 1, style: style) }
        if marks.contains(.starred) { grid.put(starMark, column: rect.column + 2, row: y, limit: 1, style: style) }
        // Right to left, each before a two-cell gap: the date, the publisher, and what is left for the title.
        var right = rect.column + rect.width - 1 // where the free room ends, past a one-cell margin
        if let date = story.date?.shortLabel(now: view.library.clock.now, offset: view.library.clock.utcOffset),
           rect.width >= 30 {
            right -= DisplayWidth.of(date)
            grid.put(date, column: right, row: y, style: muted)
            right -= 2
        }
        if rect.width >= publisherMinimumWidth {
            let width = min(18, DisplayWidth.of(story.publisher))
            right -= width
            grid.put(TextWrapper.truncate(story.publisher, width: width), column: right, row: y, limit: width, style: muted)
            right -= 2
        }
        let titleWidth = right - (rect.column + 4)
        grid.put(TextWrapper.truncate(story.title, width: titleWidth), column: rect.column + 4, row: y,
                 limit: max(0, titleWidth), style: style)
    }
}
