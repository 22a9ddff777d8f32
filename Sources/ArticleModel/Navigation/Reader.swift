/// The navigation state machine: a pure function of the state, an action and the stories.
///
/// ```
/// var state = ReaderState(columns: 120, rows: 40, storyCount: library.count)
/// Reader.reduce(&state, .open, library: library)        // focus moves to the detail
/// Reader.reduce(&state, .nextCaption, library: library) // caption 1/M highlighted and in view
/// ```
/// No terminal, clock or file is touched; the library only supplies stories and cached layouts.
public enum Reader {
    /// Lines the mouse wheel scrolls per notch.
    public static let wheelLines = 3

    @discardableResult
    public static func reduce(_ state: inout ReaderState, _ action: ReaderAction, library: StoryLibrary) -> ReaderEffect? {
        switch action {
        case .libraryGrew, .marksArrived, .resized: break // not the user's doing: a notice stays up
        default: state.notice = nil
        }
        switch action {
        case .quit: return .quit
        case .redraw: return .redrawAll
        case .resized(let columns, let rows):
            resize(&state, columns: columns, rows: rows, library: library)
            return nil
        case .toggleHelp:
            state.helpVisible.toggle()
            return nil
        case .closeHelp:
            state.helpVisible = false
            return nil
        case .libraryGrew(let count, let progress, let marks):
            grow(&state, to: count, progress: progress, marks: marks, library: library)
            return nil
        case .marksArrived(let from, let marks):
            for (offset, mark) in marks.enumerated() where from + offset < state.marks.count {
                state.marks[from + offset] = mark
            }
            state.unreadCount = state.marks.lazy.filter { !$0.contains(.read) }.count
            if state.filter != .all { applyFilter(&state, state.filter) }
            return nil
        case .notify(let message):
            state.notice = message
            return nil
        default: break
        }
        guard state.storyCount > 0, state.screen.mode != .tooSmall else {
            return action == .backOrQuit && state.focus == .list ? .quit : nil
        }

        let row = state.row(of: state.selected)
        switch action {
        case .moveDown: state.focus == .list ? selectRow(&state, row + 1) : scroll(&state, by: 1, library)
        case .moveUp: state.focus == .list ? selectRow(&state, row - 1) : scroll(&state, by: -1, library)
        case .pageDown:
            state.focus == .list
                ? selectRow(&state, row + max(1, state.screen.listViewHeight))
                : scroll(&state, by: max(1, state.screen.detailViewHeight), library)
        case .pageUp:
            state.focus == .list
                ? selectRow(&state, row - max(1, state.screen.listViewHeight))
                : scroll(&state, by: -max(1, state.screen.detailViewHeight), library)
        case .first: state.focus == .list ? selectRow(&state, 0) : scroll(&state, to: 0, library)
        case .last: state.focus == .list ? selectRow(&state, state.listCount - 1) : scroll(&state, to: Int.max, library)
        case .open:
            if state.focus == .list, state.listCount > 0 {
                state.focus = .detail
                return setMarks(&state, state.selected) { $0.insert(.read) }
            }
        case .toggleRead:
            return setMarks(&state, state.selected) { $0.formSymmetricDifference(.read) }
        case .toggleStar:
            return setMarks(&state, state.selected) { $0.formSymmetricDifference(.starred) }
        case .nextUnread: nextUnread(&state, step: 1)
        case .previousUnread: nextUnread(&state, step: -1)
        case .cycleFilter: applyFilter(&state, state.filter.next)
        case .backOrQuit:
            if state.focus == .list { return .quit }
            state.focus = .list
        case .back: state.focus = .list
        case .toggleFocus: state.focus = state.focus == .list ? .detail : .list
        case .nextCaption, .previousCaption, .nextBullet, .previousBullet:
            if state.focus == .detail { jump(&state, action, library) }
        case .startSearch:
            state.search = ReaderState.Search(query: "", scope: state.focus == .list ? .stories : .story, editing: true)
        case .searchInput(let character):
            let clean = TextCleaner.clean(String(character))
            if state.search?.editing == true, !clean.isEmpty { state.search?.query += clean }
        case .searchDeleteBackward:
            if state.search?.editing == true, state.search?.query.isEmpty == false { state.search?.query.removeLast() }
        case .searchCancel: state.search = nil
        case .searchSubmit: submitSearch(&state, library)
        case .nextMatch: stepMatch(&state, by: 1, library)
        case .previousMatch: stepMatch(&state, by: -1, library)
        case .click(let column, let row):
            let wasDetail = state.focus == .detail
            click(&state, column: column, row: row)
            if !wasDetail, state.focus == .detail { return setMarks(&state, state.selected) { $0.insert(.read) } }
        case .wheel(let column, let row, let lines): wheel(&state, column: column, row: row, lines: lines, library)
        case .quit, .redraw, .resized, .toggleHelp, .closeHelp, .libraryGrew, .marksArrived, .notify: break
        }
        return nil
    }

    // MARK: Derived values

    static func layout(_ state: ReaderState, _ library: StoryLibrary) -> DetailLayout {
        library.layout(of: state.selected, width: state.detailWidth)
    }

    /// `top` limited so the view never scrolls past the last line; wraps only what it must to know.
    static func clampedDetailTop(_ top: Int, _ state: ReaderState, _ library: StoryLibrary) -> Int {
        layout(state, library).clampTop(top, height: state.screen.detailViewHeight)
    }

    // MARK: List

    /// Selects the story on list `row` (clamped to the list).
    static func selectRow(_ state: inout ReaderState, _ row: Int) {
        guard state.listCount > 0 else { return }
        select(&state, state.story(atRow: min(max(0, row), state.listCount - 1)))
    }

    static func select(_ state: inout ReaderState, _ index: Int) {
        let target = min(max(0, index), state.storyCount - 1)
        if target != state.selected {
            state.selected = target
            state.detailTop = 0
            state.jump = nil
            if state.search?.scope == .story { state.search = nil }
        }
        keepSelectionVisible(&state)
    }

    static func keepSelectionVisible(_ state: inout ReaderState) {
        let height = max(1, state.screen.listViewHeight)
        let row = state.row(of: state.selected)
        if row < state.listTop { state.listTop = row }
        if row >= state.listTop + height { state.listTop = row - height + 1 }
        state.listTop = min(max(0, state.listTop), max(0, state.listCount - height))
    }

    // MARK: Marks and filters

    /// Changes one story's marks; asks for them to be saved when they changed.
    static func setMarks(_ state: inout ReaderState, _ story: Int, _ change: (inout StoryMarks) -> Void) -> ReaderEffect? {
        guard story < state.marks.count else { return nil }
        let before = state.marks[story]
        change(&state.marks[story])
        let after = state.marks[story]
        guard after != before else { return nil }
        if before.contains(.read) != after.contains(.read) { state.unreadCount += after.contains(.read) ? -1 : 1 }
        return .saveMarks(story: story)
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
                select(&state, story)
                return
            }
        }
        state.notice = "no unread stories"
    }

    static func applyFilter(_ state: inout ReaderState, _ filter: ListFilter) {
        state.filter = filter
        state.visible = filter == .all ? nil : (0..<state.storyCount).filter { filter.admits(state.marks[$0]) }
        if let search = state.search, search.scope == .stories { state.search = nil }
        if state.listCount > 0, state.story(atRow: min(state.row(of: state.selected), state.listCount - 1)) != state.selected {
            select(&state, state.story(atRow: min(state.row(of: state.selected), state.listCount - 1)))
        }
        state.listTop = 0
        keepSelectionVisible(&state)
    }

    // MARK: Detail

    static func scroll(_ state: inout ReaderState, by lines: Int, _ library: StoryLibrary) {
        scroll(&state, to: state.detailTop + lines, library)
    }

    static func scroll(_ state: inout ReaderState, to line: Int, _ library: StoryLibrary) {
        state.detailTop = clampedDetailTop(line, state, library)
        state.jump = nil
    }

    static func jump(_ state: inout ReaderState, _ action: ReaderAction, _ library: StoryLibrary) {
        let layout = layout(state, library)
        let isCaption = action == .nextCaption || action == .previousCaption
        let forward = action == .nextCaption || action == .nextBullet
        let count = isCaption ? layout.captionCount : layout.bulletCount
        guard count > 0 else {
            state.notice = isCaption ? "no captions in this story" : "no bullets in this story"
            return
        }
        let current: Int?
        switch state.jump {
        case .caption(let k) where isCaption: current = k
        case .bullet(let k) where !isCaption: current = k
        default: current = nil
        }
        let target: Int
        if let current {
            target = (current + (forward ? 1 : -1) + count) % count
        } else if forward {
            target = layout.firstTarget(captions: isCaption, atOrAfter: state.detailTop) ?? 0
        } else {
            target = layout.lastTarget(captions: isCaption, before: state.detailTop) ?? count - 1
        }
        state.jump = isCaption ? .caption(target) : .bullet(target)
        reveal(&state, isCaption ? layout.captionSpan(target) : layout.bulletSpan(target), library)
    }

    /// Scrolls the least needed to show a span whole, or its first line at the top when it is too tall.
    static func reveal(_ state: inout ReaderState, _ span: DetailLayout.Span, _ library: StoryLibrary) {
        let height = max(1, state.screen.detailViewHeight)
        var top = state.detailTop
        if span.lineCount > height || span.firstLine < top {
            top = span.firstLine
        } else if span.firstLine + span.lineCount > top + height {
            top = span.firstLine + span.lineCount - height
        }
        state.detailTop = clampedDetailTop(top, state, library)
    }

    static func jumpSpan(_ state: ReaderState, _ library: StoryLibrary) -> DetailLayout.Span? {
        let layout = layout(state, library)
        switch state.jump {
        case .caption(let k)?: return k < layout.captionCount ? layout.captionSpan(k) : nil
        case .bullet(let k)?: return k < layout.bulletCount ? layout.bulletSpan(k) : nil
        case nil: return nil
        }
    }

    // MARK: Search

    static func submitSearch(_ state: inout ReaderState, _ library: StoryLibrary) {
        guard var search = state.search, search.editing else { return }
        guard !search.query.isEmpty else {
            state.search = nil
            return
        }
        search.editing = false
        search.matches = matches(for: search, state, library)
        state.search = search
        state.jump = nil // the status line now reports the search
        if search.matches.isEmpty { return }
        let position = search.scope == .stories ? state.selected : state.detailTop
        let first = search.matches.firstIndex { $0 >= position } ?? 0 // story indices rise with the rows
        moveToMatch(&state, first, library)
    }

    static func matches(for search: ReaderState.Search, _ state: ReaderState, _ library: StoryLibrary) -> [Int] {
        let query = search.query.lowercased()
        switch search.scope {
        case .stories:
            return (0..<state.listCount).lazy.map { state.story(atRow: $0) }.filter { storyMatches(library.stories[$0], query) }
        case .story:
            var found: [Int] = []
            for (n, line) in layout(state, library).lines.enumerated() {
                let count = TextSearch.ranges(in: line.text, of: query).count
                found += repeatElement(n, count: count)
            }
            return found
        }
    }

    static func stepMatch(_ state: inout ReaderState, by step: Int, _ library: StoryLibrary) {
        guard let search = state.search, !search.editing, !search.matches.isEmpty else { return }
        let wanted: ReaderState.Search.Scope = state.focus == .list ? .stories : .story
        guard search.scope == wanted else { return }
        let next = ((search.current ?? -step) + step + search.matches.count) % search.matches.count
        moveToMatch(&state, next, library)
    }

    static func moveToMatch(_ state: inout ReaderState, _ index: Int, _ library: StoryLibrary) {
        guard let search = state.search else { return }
        let target = search.matches[index]
        switch search.scope {
        case .stories:
            select(&state, target)
        case .story:
            reveal(&state, DetailLayout.Span(firstLine: target, lineCount: 1), library)
            state.jump = nil
        }
        state.search?.current = index
    }

    // MARK: Loading

    /// New stories only ever join the end of the list, so every index already held stays right. A story
    /// search under way keeps up: the new stories are searched as they arrive.
    static func grow(_ state: inout ReaderState, to count: Int, progress: ReaderState.LoadProgress?, marks: [StoryMarks],
                     library: StoryLibrary) {
        let old = state.storyCount
        guard count >= old else { return }
        state.storyCount = count
        state.loading = progress
        let added = (0..<(count - old)).map { $0 < marks.count ? marks[$0] : [] }
        state.marks += added
        state.unreadCount += added.lazy.filter { !$0.contains(.read) }.count
        if state.visible != nil {
            state.visible! += (old..<count).filter { state.filter.admits(state.marks[$0]) }
        }
        if var search = state.search, search.scope == .stories, !search.editing, count > old {
            let query = search.query.lowercased()
            search.matches += (old..<count).filter { state.filter.admits(state.marks[$0]) && storyMatches(library.stories[$0], query) }
            state.search = search
        }
    }

    static func storyMatches(_ story: Story, _ loweredQuery: String) -> Bool {
        TextSearch.contains(story.title, loweredQuery) || TextSearch.contains(story.dek ?? "", loweredQuery)
    }

    // MARK: Resize and mouse

    static func resize(_ state: inout ReaderState, columns: Int, rows: Int, library: StoryLibrary) {
        state.columns = max(0, columns)
        state.rows = max(0, rows)
        let screen = state.screen
        // While too small, nothing moves: the same place comes back when the terminal grows again.
        guard screen.mode != .tooSmall, state.storyCount > 0 else { return }
        let newWidth = screen.detailTextWidth
        if newWidth != state.detailWidth {
            let old = library.layout(of: state.selected, width: state.detailWidth)
            let new = library.layout(of: state.selected, width: newWidth)
            state.detailTop = new.line(matching: state.detailTop, in: old)
            state.detailWidth = newWidth
            if var search = state.search, search.scope == .story, !search.editing {
                let current = search.current.flatMap { old.line(search.matches[$0])?.block }
                search.matches = matches(for: search, state, library)
                search.current = current.flatMap { block in search.matches.firstIndex { new.line($0)?.block == block } }
                    ?? (search.matches.isEmpty ? nil : 0)
                state.search = search
            }
        }
        state.detailTop = clampedDetailTop(state.detailTop, state, library)
        if let span = jumpSpan(state, library) { reveal(&state, span, library) }
        keepSelectionVisible(&state)
    }

    static func click(_ state: inout ReaderState, column: Int, row: Int) {
        let screen = state.screen
        if screen.list.contains(column: column, row: row) {
            state.focus = .list
            let listRow = state.listTop + row - screen.list.row
            if listRow < state.listCount { select(&state, state.story(atRow: listRow)) }
        } else if screen.listHeader.contains(column: column, row: row) {
            state.focus = .list
        } else if screen.detail.contains(column: column, row: row) || screen.detailHeader.contains(column: column, row: row) {
            state.focus = .detail
        }
    }

    static func wheel(_ state: inout ReaderState, column: Int, row: Int, lines: Int, _ library: StoryLibrary) {
        let screen = state.screen
        if screen.list.contains(column: column, row: row) {
            let height = max(1, screen.listViewHeight)
            state.listTop = min(max(0, state.listTop + lines), max(0, state.listCount - height))
        } else if screen.detail.contains(column: column, row: row) {
            let jump = state.jump
            scroll(&state, by: lines, library)
            state.jump = jump
        }
    }
}
