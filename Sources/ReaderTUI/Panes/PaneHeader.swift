import ArticleModel

/// A pane's one-row header: reversed and marked `●` while the pane has the focus, `○` otherwise.
enum PaneHeader {
    static let focusedMark = "● "
    static let unfocusedMark = "○ "

    static func draw(_ title: String, focused: Bool, in rect: Rect, into grid: inout CellGrid) {
        guard rect.width > 0 else { return }
        let style = focused ? CellStyle(.accent, bold: true, reverse: true) : CellStyle(.muted, underline: true)
        grid.fill(column: rect.column, row: rect.row, width: rect.width, style: style)
        let text = (focused ? focusedMark : unfocusedMark) + title
        grid.put(TextWrapper.truncate(text, width: rect.width - 1), column: rect.column + 1, row: rect.row,
                 limit: rect.width - 1, style: style)
    }
}

/// The list's header: how many stories, and how many the filter shows.
enum ListHeader: ScreenPart {
    static func render(_ view: ReaderView, in rect: Rect, into grid: inout CellGrid) {
        let state = view.state
        let title: String
        switch state.filter {
        case .all: title = "Stories (\(view.library.count))"
        case .unread: title = "Unread (\(state.listCount) of \(view.library.count))"
        case .starred: title = "Starred (\(state.listCount) of \(view.library.count))"
        }
        PaneHeader.draw(title, focused: state.focus == .list, in: rect, into: &grid)
    }
}

/// The detail's header: the selected story's publisher.
enum DetailHeader: ScreenPart {
    static func render(_ view: ReaderView, in rect: Rect, into grid: inout CellGrid) {
        let title = view.library.count > 0 ? view.library.stories[view.state.selected].publisher : "Story"
        PaneHeader.draw(title, focused: view.state.focus == .detail, in: rect, into: &grid)
    }
}
