/// Stories arriving from the background loader, and the mark store opening after the first frame.
enum LoadingRules {
    static func reduce(_ state: inout ReaderState, _ action: ReaderAction, _ library: StoryLibrary) -> [ReaderEffect] {
        switch action {
        case .firstFrameShown:
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
        default: break // not a loading action
        }
        return []
    }

    static let seeMessageOnExit = "read marks: see the message on exit"

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
        }
        SearchRules.extend(&state, with: old..<count, library)
    }
}
