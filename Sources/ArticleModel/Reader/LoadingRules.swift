/// Stories arriving from the background loader, and the mark store opening after the first frame (or after
/// the rest of a file read head first).
enum LoadingRules {
    static func reduce(_ state: inout ReaderState, _ action: ReaderAction, _ library: StoryLibrary) -> [ReaderEffect] {
        switch action {
        case .frameShown:
            return state.markStore == .notYetOpen ? [.openMarkStore] : []
        case .storiesWaiting:
            return [.takeLoadedStories]
        case .libraryGrew(let count, let progress, let marks):
            grow(&state, to: count, progress: progress, marks: marks, library)
        case .markStoreOpened(let notice):
            state.markStore = .open
            if notice != nil { state.notice = seeMessageOnExit }
            return state.storyCount > 0 ? [.loadMarks(0..<state.storyCount)] : []
        case .markStoreUnavailable(let reason):
            state.markStore = .unavailable
            if reason != nil { state.notice = seeMessageOnExit }
        case .marksArrived(let from, let marks):
            MarkRules.arrive(&state, from: from, marks)
        case .marksNotSaved:
            state.markStore = .unavailable // one failure is reported; the reader goes on without saving
            state.notice = "read marks are not being saved"
        case .refreshStarted(let total):
            state.refreshing = ReaderState.LoadProgress(filesDone: 0, filesTotal: total)
        case .refreshNewsWaiting:
            return [.takeRefreshNews]
        case .refreshProgress(let done, let total):
            state.refreshing = ReaderState.LoadProgress(filesDone: done, filesTotal: total)
        case .storiesInserted(let places, let marks):
            insert(&state, at: places, marks: marks, library)
        case .fileCompleted(let places, let marks):
            let atTop = state.listCount > 0 && state.listTop == 0 && state.row(of: state.selected) == 0
            insert(&state, at: places, marks: marks, library)
            if atTop { NavigationRules.selectRow(&state, 0) }
            // The store opens after the frame that lists the whole file.
            if state.markStore == .afterFileRest { state.markStore = .notYetOpen }
        case .refreshFinished(let new, let failed):
            state.refreshing = nil
            state.notice = ["\(new) new", failed > 0 ? "\(failed) feed\(failed == 1 ? "" : "s") failed (listed on exit)" : nil]
                .compactMap { $0 }.joined(separator: " · ")
        default: break // not a loading action
        }
        return []
    }

    static let seeMessageOnExit = "read marks: see the message on exit"

    /// Stories put in among those already listed: every index held moves past the new ones before it, so
    /// the selection, the scroll position, a filter and a search all stay on the same stories.
    static func insert(_ state: inout ReaderState, at places: [Int], marks: [StoryMarks], _ library: StoryLibrary) {
        guard !places.isEmpty else { return }
        var moved: [Int] = []
        moved.reserveCapacity(state.storyCount)
        var next = 0, place = 0
        for _ in 0..<state.storyCount {
            while next < places.count, places[next] == place {
                next += 1
                place += 1
            }
            moved.append(place)
            place += 1
        }
        var allMarks = [StoryMarks](repeating: [], count: state.storyCount + places.count)
        for (old, new) in moved.enumerated() { allMarks[new] = state.marks[old] }
        for (n, place) in places.enumerated() { allMarks[place] = n < marks.count ? marks[n] : [] }
        // A filtered list may be empty (no starred story yet): then nothing is shown to keep in place.
        let firstShown = state.listCount > 0 ? state.story(atRow: min(state.listTop, state.listCount - 1)) : nil
        state.marks = allMarks
        state.unreadCount += places.indices.filter { !($0 < marks.count && marks[$0].contains(.read)) }.count
        state.storyCount += places.count
        if state.storyCount > places.count { state.selected = moved[state.selected] }
        if let visible = state.visible {
            state.visible = (visible.map { moved[$0] } + places.filter { state.filter.admits(state.marks[$0]) }).sorted()
        }
        if var search = state.search, search.scope == .stories {
            search.matches = search.matches.map { moved[$0] }
            state.search = search
        }
        if let firstShown, state.listCount > 0 { state.listTop = state.row(of: moved[firstShown]) }
        MarkRules.keepSelectionInList(&state)
        NavigationRules.keepSelectionVisible(&state)
    }

    /// New stories only ever join the end of the list, so every index already held stays right.
    static func grow(_ state: inout ReaderState, to count: Int, progress: ReaderState.LoadProgress?, marks: [StoryMarks],
                     _ library: StoryLibrary) {
        let old = state.storyCount
        guard count >= old else { return }
        state.storyCount = count
        state.loading = progress
        let added = (0..<(count - old)).map { $0 < marks.count ? marks[$0] : [] }
        state.marks += added
        state.unreadCount += added.lazy.filter { !$0.contains(.read) }.count
        if state.visible != nil {
            state.visible! += (old..<count).filter { state.filter.admits(state.marks[$0]) }
            MarkRules.keepSelectionInList(&state)
        }
        SearchRules.extend(&state, with: old..<count, library)
    }
}
