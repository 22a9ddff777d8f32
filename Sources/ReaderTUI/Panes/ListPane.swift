import ArticleModel

/// The story list: one row per story, title on the left and publisher on the right; the selected row is
/// reversed while the list has the focus and bold otherwise. Only the rows in view are drawn.
enum ListPane {
    static func render(into grid: inout CellGrid, rect: Rect, state: ReaderState, library: StoryLibrary) {
        guard rect.width > 0 else { return }
        for row in 0..<rect.height {
            let index = state.listTop + row
            guard index < library.count else { break }
            let story = library.stories[index]
            let isSelected = index == state.selected
            let style: CellStyle = isSelected
                ? (state.focus == .list ? CellStyle(.selection, bold: true, reverse: true) : CellStyle(.accent, bold: true))
                : .normal
            let y = rect.row + row
            grid.fill(column: rect.column, row: y, width: rect.width, style: style)
            let publisherWidth = rect.width >= 50 ? min(18, DisplayWidth.of(story.publisher)) : 0
            let titleWidth = rect.width - 2 - (publisherWidth > 0 ? publisherWidth + 2 : 0)
            grid.put(TextWrapper.truncate(story.title, width: titleWidth), column: rect.column + 1, row: y,
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
