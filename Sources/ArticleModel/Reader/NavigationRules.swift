/// Moving through the list and the story: selection, scrolling, focus, caption and bullet jumps, resizes.
enum NavigationRules {
    static func perform(_ command: Command, _ state: inout ReaderState, _ library: StoryLibrary) -> [ReaderEffect] {
        if state.helpVisible {
            scrollHelp(&state, command)
            return []
        }
        guard state.isBrowsable else {
            // Nothing to move through: `q` still leaves from the list.
            return command == .backOrQuit && state.focus == .list ? [.quit] : []
        }
        let row = state.row(of: state.selected)
        switch command {
        case .nextStory: selectRow(&state, row + 1)
        case .previousStory: selectRow(&state, row - 1)
        case .scrollDown: scroll(&state, by: 1, library)
        case .scrollUp: scroll(&state, by: -1, library)
        case .pageDown, .pageUp:
            let sign = command == .pageDown ? 1 : -1
            switch state.focus {
            case .list: selectRow(&state, row + sign * max(1, state.screen.listViewHeight))
            case .detail: scroll(&state, by: sign * max(1, state.screen.detailViewHeight), library)
            }
        case .top, .bottom:
            let toTop = command == .top
            switch state.focus {
            case .list: selectRow(&state, toTop ? 0 : state.listCount - 1)
            case .detail: scroll(&state, to: toTop ? 0 : Int.max, library)
            }
        case .open: return open(&state)
        case .back: state.focus = .list
        case .backOrQuit:
            switch state.focus {
            case .list: return [.quit]
            case .detail: state.focus = .list
            }
        case .switchPane:
            switch state.focus {
            case .list: state.focus = .detail
            case .detail: state.focus = .list
            }
        case .nextCaption, .previousCaption, .nextBullet, .previousBullet: jump(&state, command, library)
        default: break // not a navigation command
        }
        return []
    }

    /// Rows of the help in view: the screen less the box's frame, title and footer rows.
    static func helpViewHeight(_ state: ReaderState) -> Int { max(1, state.rows - 4) }

    /// The help taller than the screen scrolls with the same keys as a story.
    static func scrollHelp(_ state: inout ReaderState, _ command: Command) {
        let height = helpViewHeight(state)
        let bottom = max(0, state.helpRowCount - height)
        switch command {
        case .scrollDown: state.helpTop += 1
        case .scrollUp: state.helpTop -= 1
        case .pageDown: state.helpTop += height
        case .pageUp: state.helpTop -= height
        case .top: state.helpTop = 0
        case .bottom: state.helpTop = bottom
        default: break // no other command moves the help
        }
        state.helpTop = min(max(0, state.helpTop), bottom)
    }

    /// Shows the selected story in the detail pane, which marks it read.
    static func open(_ state: inout ReaderState) -> [ReaderEffect] {
        guard state.listCount > 0 else { return [] }
        state.focus = .detail
        return MarkRules.change(&state, state.selected) { $0.insert(.read) }
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

    // MARK: Detail

    static func layout(_ state: ReaderState, _ library: StoryLibrary) -> DetailLayout {
        library.layout(of: state.selected, width: state.detailWidth)
    }

    /// `top` limited so the view never scrolls past the last line; wraps only what it must to know.
    static func clampedDetailTop(_ top: Int, _ state: ReaderState, _ library: StoryLibrary) -> Int {
        layout(state, library).clampTop(top, height: state.screen.detailViewHeight)
    }

    static func scroll(_ state: inout ReaderState, by lines: Int, _ library: StoryLibrary) {
        scroll(&state, to: state.detailTop + lines, library)
    }

    static func scroll(_ state: inout ReaderState, to line: Int, _ library: StoryLibrary) {
        state.detailTop = clampedDetailTop(line, state, library)
        state.jump = nil
    }

    /// To the next or previous caption or bullet, wrapping around; from no jump yet, to the first one at
    /// or after the top of the view (or the last one before it).
    static func jump(_ state: inout ReaderState, _ command: Command, _ library: StoryLibrary) {
        let layout = layout(state, library)
        let isCaption = command == .nextCaption || command == .previousCaption
        let forward = command == .nextCaption || command == .nextBullet
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

    // MARK: Resize

    static func resize(_ state: inout ReaderState, columns: Int, rows: Int, _ library: StoryLibrary) {
        state.columns = max(0, columns)
        state.rows = max(0, rows)
        // While too small, nothing moves: the same place comes back when the terminal grows again.
        guard state.isBrowsable else { return }
        let newWidth = state.screen.detailTextWidth
        if newWidth != state.detailWidth {
            let old = library.layout(of: state.selected, width: state.detailWidth)
            let new = library.layout(of: state.selected, width: newWidth)
            state.detailTop = new.line(matching: state.detailTop, in: old)
            state.detailWidth = newWidth
            SearchRules.rematch(&state, from: old, to: new, library)
        }
        state.detailTop = clampedDetailTop(state.detailTop, state, library)
        if let span = jumpSpan(state, library) { reveal(&state, span, library) }
        keepSelectionVisible(&state)
    }
}
