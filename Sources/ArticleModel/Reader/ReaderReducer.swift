/// The reader's state machine: a pure function of the state, an action and the stories, returning the
/// effects the loop must run. One switch over the action hands each concern to its rules: navigation,
/// search, marks, loading and the pointer.
///
/// ```
/// var state = ReaderState(columns: 120, rows: 40, storyCount: library.count)
/// ReaderReducer.reduce(&state, .command(.open), library: library)        // [.saveMarks(story: 0, [.read])]
/// ReaderReducer.reduce(&state, .command(.nextCaption), library: library) // caption 1/M highlighted and in view
/// ```
/// No terminal, clock or file is touched; the library only supplies stories and cached layouts.
public enum ReaderReducer {
    @discardableResult
    public static func reduce(_ state: inout ReaderState, _ action: ReaderAction, library: StoryLibrary) -> [ReaderEffect] {
        if action.isUserInput { state.notice = nil } // anything else leaves a notice up
        switch action {
        case .command(let command):
            return perform(command, &state, library)
        case .searchInput(let character):
            SearchRules.type(character, &state)
            return []
        case .resized(let columns, let rows):
            NavigationRules.resize(&state, columns: columns, rows: rows, library)
            return []
        case .click(let column, let row):
            return PointerRules.click(&state, column: column, row: row)
        case .wheel(let column, let row, let lines):
            PointerRules.wheel(&state, column: column, row: row, lines: lines, library)
            return []
        case .frameShown, .storiesWaiting, .libraryGrew, .markStoreOpened, .markStoreUnavailable, .marksArrived,
             .marksNotSaved, .refreshStarted, .refreshNewsWaiting, .refreshProgress, .storiesInserted, .refreshFinished,
             .fileCompleted:
            return LoadingRules.reduce(&state, action, library)
        case .notify(let message):
            state.notice = message
            return []
        }
    }

    static func perform(_ command: Command, _ state: inout ReaderState, _ library: StoryLibrary) -> [ReaderEffect] {
        switch command {
        case .quit:
            return [.quit]
        case .redraw:
            return [.redrawAll]
        case .help:
            state.helpVisible.toggle()
            state.helpTop = 0
            return []
        case .closeHelp:
            state.helpVisible = false
            return []
        case .nextStory, .previousStory, .scrollDown, .scrollUp, .open, .back, .backOrQuit, .switchPane, .pageDown,
             .pageUp, .top, .bottom, .nextCaption, .previousCaption, .nextBullet, .previousBullet:
            return NavigationRules.perform(command, &state, library)
        case .search, .nextMatch, .previousMatch, .submitSearch, .cancelSearch, .deleteBackward:
            SearchRules.perform(command, &state, library)
            return []
        case .toggleRead, .toggleStar, .nextUnread, .previousUnread, .cycleFilter:
            return MarkRules.perform(command, &state)
        case .openLink:
            return openLink(&state, library)
        case .refresh:
            guard state.refreshing == nil else {
                state.notice = "already fetching"
                return []
            }
            return [.startRefresh]
        }
    }

    /// The selected story's web page, or a note that it has none.
    static func openLink(_ state: inout ReaderState, _ library: StoryLibrary) -> [ReaderEffect] {
        guard state.isBrowsable, state.listCount > 0 else { return [] }
        guard let link = library.stories[state.selected].link else {
            state.notice = "this story has no link"
            return []
        }
        return [.openLink(link)]
    }
}
