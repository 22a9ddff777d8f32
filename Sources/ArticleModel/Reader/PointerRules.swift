/// Mouse clicks and the wheel: a click selects a story or focuses a pane, the wheel scrolls the pane under
/// the pointer without moving the selection.
public enum PointerRules {
    /// Lines the mouse wheel scrolls per notch.
    public static let wheelLines = 3

    static func click(_ state: inout ReaderState, column: Int, row: Int) -> [ReaderEffect] {
        guard state.isBrowsable else { return [] }
        let screen = state.screen
        if screen.list.contains(column: column, row: row) {
            state.focus = .list
            let listRow = state.listTop + row - screen.list.row
            if listRow < state.listCount { NavigationRules.select(&state, state.story(atRow: listRow)) }
        } else if screen.listHeader.contains(column: column, row: row) {
            state.focus = .list
        } else if screen.detail.contains(column: column, row: row) || screen.detailHeader.contains(column: column, row: row) {
            switch state.focus {
            case .list: return NavigationRules.open(&state) // a click into the detail opens the story
            case .detail: break
            }
        }
        return []
    }

    static func wheel(_ state: inout ReaderState, column: Int, row: Int, lines: Int, _ library: StoryLibrary) {
        guard state.isBrowsable else { return }
        let screen = state.screen
        if screen.list.contains(column: column, row: row) {
            let height = max(1, screen.listViewHeight)
            state.listTop = min(max(0, state.listTop + lines), max(0, state.listCount - height))
        } else if screen.detail.contains(column: column, row: row) {
            let jump = state.jump
            NavigationRules.scroll(&state, by: lines, library)
            state.jump = jump
        }
    }
}
