import ArticleModel

/// The story list: one row per story, an unread mark `●` and a star `★`, the title on the left and the
/// publisher on the right; unread titles are bold; the selected row is reversed while the list has the
/// focus and bold otherwise. Only the rows in view are drawn.
enum ListPane: ScreenPart {
    static let unreadMark = "●"
    static let starMark = "★"

    static func render(_ view: ReaderView, in rect: Rect, into grid: inout CellGrid) {
        let state = view.state, library = view.library
        guard rect.width > 0 else { return }
        if state.listCount == 0, rect.height > 0, let label = state.filter.label {
            grid.put(TextWrapper.truncate("No stories: \(label). v shows all.", width: rect.width - 2), column: rect.column + 1,
                     row: rect.row, limit: rect.width - 2, style: CellStyle(.muted))
        }
        for row in 0..<rect.height {
            let listRow = state.listTop + row
            guard listRow < state.listCount else { break }
            let index = state.story(atRow: listRow)
            let story = library.stories[index]
            let marks = index < state.marks.count ? state.marks[index] : []
            let isSelected = index == state.selected
            let unread = !marks.contains(.read)
            let style: CellStyle = isSelected
                ? (state.focus == .list ? CellStyle(.selection, bold: true, reverse: true) : CellStyle(.accent, bold: true))
                : CellStyle(.normal, bold: unread)
            let y = rect.row + row
            grid.fill(column: rect.column, row: y, width: rect.width, style: style)
            if unread { grid.put(unreadMark, column: rect.column + 1, row: y, limit: 1, style: style) }
            if marks.contains(.starred) { grid.put(starMark, column: rect.column + 2, row: y, limit: 1, style: style) }
            let publisherWidth = rect.width >= 50 ? min(18, DisplayWidth.of(story.publisher)) : 0
            let titleWidth = rect.width - 5 - (publisherWidth > 0 ? publisherWidth + 2 : 0)
            grid.put(TextWrapper.truncate(story.title, width: titleWidth), column: rect.column + 4, row: y,
                     limit: max(0, titleWidth), style: style)
            if publisherWidth > 0 {
                var muted = style
                if !isSelected { muted.role = .muted }
                grid.put(TextWrapper.truncate(story.publisher, width: publisherWidth),
                         column: rect.column + rect.width - 1 - publisherWidth, row: y, limit: publisherWidth, style: muted)
            }
        }
    }
}
