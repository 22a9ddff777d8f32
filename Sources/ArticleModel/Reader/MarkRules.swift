/// `r`, `s`, `u`, `U` and `v`: read and starred marks, and the list filters built on them.
enum MarkRules {
    static func perform(_ command: Command, _ state: inout ReaderState) -> [ReaderEffect] {
        guard state.isBrowsable else { return [] }
        switch command {
        case .toggleRead: return change(&state, state.selected) { $0.formSymmetricDifference(.read) }
        case .toggleStar: return change(&state, state.selected) { $0.formSymmetricDifference(.starred) }
        case .nextUnread: nextUnread(&state, step: 1)
        case .previousUnread: nextUnread(&state, step: -1)
        case .cycleFilter: applyFilter(&state, state.filter.next)
        default: break // not a marks command
        }
        return []
    }

    /// Changes one story's marks; asks for them to be saved when they changed.
    static func change(_ state: inout ReaderState, _ story: Int, _ change: (inout StoryMarks) -> Void) -> [ReaderEffect] {
        guard story < state.marks.count else { return [] }
        let before = state.marks[story]
        change(&state.marks[story])
        let after = state.marks[story]
        guard after != before else { return [] }
        if before.contains(.read) != after.contains(.read) { state.unreadCount += after.contains(.read) ? -1 : 1 }
        return [.saveMarks(story: story, after)]
    }

    /// Selects the next (or previous) unread story in list order, wrapping around.
    static func nextUnread(_ state: inout ReaderState, step: Int) {
        let count = state.listCount
        guard count > 0 else { return }
        var row = state.row(of: state.selected)
        let selectedShown = row < count && state.story(atRow: row) == state.selected
        if !selectedShown, step > 0 { row -= 1 } // start just before the row the selection would have
        for _ in 0..<count {
            row = (row + step + count) % count
            let story = state.story(atRow: row)
            if !state.marks[story].contains(.read) {
                NavigationRules.select(&state, story)
                return
            }
        }
        state.notice = "no unread stories"
    }

    static func applyFilter(_ state: inout ReaderState, _ filter: ListFilter) {
        state.filter = filter
        state.visible = filter == .all ? nil : (0..<state.storyCount).filter { filter.admits(state.marks[$0]) }
        if let search = state.search, search.scope == .stories { state.search = nil }
        keepSelectionInList(&state)
        state.listTop = 0
        NavigationRules.keepSelectionVisible(&state)
    }

    /// Under a filter, selects the listed story nearest the selection when the selection is not listed
    /// (the list was empty, or the filter just changed).
    static func keepSelectionInList(_ state: inout ReaderState) {
        guard state.listCount > 0 else { return }
        let nearest = min(state.row(of: state.selected), state.listCount - 1)
        if state.story(atRow: nearest) != state.selected { NavigationRules.select(&state, state.story(atRow: nearest)) }
    }

    /// Saved marks for stories already listed, from `from` on.
    static func arrive(_ state: inout ReaderState, from: Int, _ marks: [StoryMarks]) {
        for (offset, mark) in marks.enumerated() where from + offset < state.marks.count {
            state.marks[from + offset] = mark
        }
        state.unreadCount = state.marks.lazy.filter { !$0.contains(.read) }.count
        if state.filter != .all { applyFilter(&state, state.filter) }
    }
}
