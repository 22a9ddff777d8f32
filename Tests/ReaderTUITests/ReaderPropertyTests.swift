import ArticleModel
import PropertyBased
import ReaderTUI
import StoryLoading
import Testing

/// Random sequences of actions and resizes, down to 1×1, never trap and keep every index in range.
@Suite struct ReaderPropertyTests {
    static let stories = Support.seedLayout + [Support.short, Support.wide]
        + LibraryLoader.load([Support.repository + "/Resources"], order: .path).stories

    /// Maps a random number to an action, resizes included, so the generator stays a plain Int array.
    static func action(_ code: Int) -> ReaderAction {
        let simple: [ReaderAction] = Command.allCases.map { .command($0) } + [.searchInput("a"), .searchInput("e")]
        let kind = code % (simple.count + 3)
        let a = code / 64 % 130, b = code / 8_320 % 50
        switch kind - simple.count {
        case 0: return .resized(columns: a, rows: b)
        case 1: return .click(column: a, row: b)
        case 2: return .wheel(column: a, row: b, lines: code % 2 == 0 ? 3 : -3)
        default: return simple[kind]
        }
    }

    @Test func randomActionsKeepIndicesInRangeAndRenderWithinTheScreen() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000).array(of: 1...120)) { codes in
            let library = StoryLibrary(Self.stories)
            var state = ReaderState(columns: 80, rows: 24, storyCount: library.count)
            for code in codes {
                Self.reduce(&state, Self.action(code), library)
                Self.checkInvariants(state, library)
            }
        }
    }

    /// The library as it lives: it starts small and grows while loading, refreshes put stories in among
    /// the listed ones, marks arrive late (after the stories they belong to), the store fails; with keys,
    /// filters, marks and resizes in between. Every index stays in range, the marks and the unread count
    /// agree, and under a filter the selection is a story the filtered list shows.
    @Test func aGrowingLibraryWithLateMarksAndFiltersKeepsTheSelectionInTheList() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000).array(of: 1...150)) { codes in
            let library = StoryLibrary(Array(Self.stories.prefix(codes[0] % 4)))
            var state = ReaderState(columns: 80, rows: 24, storyCount: library.count)
            for code in codes {
                Self.reduce(&state, Self.libraryAction(code, library) ?? Self.action(code), library)
                Self.checkInvariants(state, library)
            }
        }
    }

    /// One in four codes becomes something that happens to the library rather than a key.
    static func libraryAction(_ code: Int, _ library: StoryLibrary) -> ReaderAction? {
        guard code % 4 == 0 else { return nil }
        let n = code / 4, count = library.count
        let marks = (0..<(1 + n % 5)).map { StoryMarks(rawValue: UInt8((n / (3 + $0)) % 4)) }
        let more = marks.indices.map { stories[(n / 11 + $0) % stories.count] }
        switch n % 7 {
        case 0:
            library.append(contentsOf: more)
            let progress = n % 3 == 0 ? nil : ReaderState.LoadProgress(filesDone: count, filesTotal: count + 10)
            return .libraryGrew(storyCount: library.count, progress: progress, marks: marks)
        case 1:
            guard count > 0 else { return nil }
            let from = n % count
            return .marksArrived(from: from, marks: Array(marks.prefix(count - from)))
        case 2:
            let befores = more.indices.map { (n / (5 + $0)) % (count + 1) }.sorted()
            let places = befores.enumerated().map { $0.element + $0.offset }
            library.insert(more, at: places)
            return n % 2 == 0 ? .storiesInserted(at: places, marks: marks) : .fileCompleted(at: places, marks: marks)
        case 3: return n % 2 == 0 ? .markStoreOpened(notice: nil) : .markStoreUnavailable("gone")
        case 4: return .marksNotSaved("locked")
        case 5: return .refreshStarted(total: 3)
        default: return .refreshFinished(newStories: n % 3, failedFeeds: n % 2)
        }
    }

    /// Runs one action; a mark to save must be the mark the state holds.
    static func reduce(_ state: inout ReaderState, _ action: ReaderAction, _ library: StoryLibrary) {
        for effect in ReaderReducer.reduce(&state, action, library: library) {
            if case .saveMarks(let story, let marks) = effect { #expect(story < library.count && state.marks[story] == marks) }
        }
    }

    static func checkInvariants(_ state: ReaderState, _ library: StoryLibrary) {
        #expect(state.storyCount == library.count)
        #expect(state.marks.count == library.count)
        #expect(state.unreadCount == state.marks.filter { !$0.contains(.read) }.count)
        if let visible = state.visible {
            #expect(zip(visible, visible.dropFirst()).allSatisfy { $0 < $1 }, "the filtered list is in library order")
            #expect(visible.allSatisfy { $0 >= 0 && $0 < library.count })
            if !visible.isEmpty { #expect(visible.contains(state.selected), "the selection is in the filtered list") }
        }
        guard library.count > 0 else {
            #expect(state.selected == 0 && state.listTop == 0)
            return
        }
        #expect(state.selected >= 0 && state.selected < library.count)
        #expect(state.listTop >= 0 && state.listTop < max(1, state.listCount))
        let layout = library.layout(of: state.selected, width: state.detailWidth)
        #expect(state.detailTop >= 0 && state.detailTop < max(1, layout.lines.count))
        switch state.jump {
        case .caption(let k)?: #expect(k < layout.captionCount)
        case .bullet(let k)?: #expect(k < layout.bulletCount)
        case nil: break
        }
        if let search = state.search, let current = search.current { #expect(current < search.matches.count) }
        let grid = ScreenRenderer.render(state, library: library)
        #expect(grid.cells.count == max(0, state.columns) * max(0, state.rows))
        #expect(grid.lines.allSatisfy { DisplayWidth.of($0) <= state.columns })
    }
}
