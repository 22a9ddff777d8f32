import Foundation
import ArticleModel
import ReaderTUI
import Testing

/// Every row of the key table, in each layout, asserting the whole state and every effect after each key.
@Suite struct ReaderReducerTests {
    static let sizes: [(Int, Int)] = [(120, 40), (80, 24), (50, 20)]

    static func library() -> StoryLibrary {
        StoryLibrary(Support.seedLayout + [Support.short, Support.wide] + Array(repeating: Support.short, count: 60))
    }

    @Test(arguments: sizes)
    func jAndKMoveTheSelectionInTheList(columns: Int, rows: Int) {
        let store = ReducerStore(Self.library(), columns, rows)
        var expected = store.state
        store.press([.character("j")])
        expected.selected = 1
        #expect(store.state == expected)
        store.press([.down, .down])
        expected.selected = 3
        #expect(store.state == expected)
        store.press([.character("k"), .up, .up, .up])
        expected.selected = 0
        #expect(store.state == expected, "k stops at the first story")
    }

    @Test(arguments: sizes)
    func movingTheSelectionResetsTheDetailToItsTop(columns: Int, rows: Int) {
        let library = Self.library()
        let store = ReducerStore(library, columns, rows)
        store.press([.enter, .character("j"), .character("j"), .character("}"), .tab, .character("j")])
        store.expect(effects: [.saveMarks(story: 0, [.read])])
        var expected = Support.state(library, columns, rows)
        expected.selected = 1
        Support.markRead(&expected, 0)
        #expect(store.state == expected)
    }

    @Test(arguments: sizes)
    func openFocusesTheDetailAndBackKeysReturn(columns: Int, rows: Int) {
        let library = Self.library()
        for open in [Key.enter, .character("l"), .right] {
            for back in [Key.character("q"), .escape, .character("h"), .left] {
                let store = ReducerStore(library, columns, rows)
                store.press([open])
                #expect(store.state.focus == .detail)
                store.expect(effects: [.saveMarks(story: 0, [.read])])
                store.press([back])
                store.expect(effects: [])
                var expected = Support.state(library, columns, rows)
                Support.markRead(&expected, 0)
                #expect(store.state == expected, "back to the list, the story now read")
            }
        }
    }

    @Test(arguments: sizes)
    func inTheListQQuitsButEscAndHDoNothing(columns: Int, rows: Int) {
        let store = ReducerStore(Self.library(), columns, rows)
        let before = store.state
        store.press([.escape, .character("h"), .left])
        store.expect(effects: [])
        #expect(store.state == before)
        store.press([.character("q")])
        store.expect(effects: [.quit])
    }

    @Test(arguments: sizes)
    func capitalQQuitsFromAnywhereButThePrompt(columns: Int, rows: Int) {
        let keys = KeyTable.standard
        for context in [KeyContext.list, .detail, .help] {
            #expect(keys.action(for: .character("Q"), in: context) == .command(.quit))
        }
        #expect(keys.action(for: .character("Q"), in: .prompt) == .searchInput("Q"))
        let store = ReducerStore(Self.library(), columns, rows)
        store.press([.enter, .character("Q")])
        store.expect(effects: [.saveMarks(story: 0, [.read]), .quit])
    }

    @Test func escNeverQuits() {
        for context in KeyContext.allCases {
            let action = KeyTable.standard.action(for: .escape, in: context)
            #expect(action != .command(.quit) && action != .command(.backOrQuit))
        }
        let store = ReducerStore(Self.library(), 120, 40)
        store.press([.escape])
        store.expect(effects: [])
    }

    @Test(arguments: sizes)
    func tabSwitchesThePane(columns: Int, rows: Int) {
        let library = Self.library()
        let store = ReducerStore(library, columns, rows)
        store.press([.tab])
        var expected = Support.state(library, columns, rows)
        expected.focus = .detail
        #expect(store.state == expected)
        store.press([.tab])
        #expect(store.state == Support.state(library, columns, rows))
    }

    @Test(arguments: sizes)
    func pageKeysMoveTheSelectionByAListHeight(columns: Int, rows: Int) {
        let library = Self.library()
        let height = ScreenLayout(columns: columns, rows: rows, focus: .list).listViewHeight
        for key in [Key.character(" "), .pageDown, .control("d")] {
            let store = ReducerStore(library, columns, rows)
            store.press([key])
            var expected = Support.state(library, columns, rows)
            expected.selected = height
            expected.listTop = 1
            #expect(store.state == expected, "\(key)")
        }
        for key in [Key.character("b"), .pageUp, .control("u")] {
            let store = ReducerStore(library, columns, rows)
            store.press([.character("G"), key])
            #expect(store.state.selected == library.count - 1 - height, "\(key)")
            #expect(store.state.listTop == library.count - 1 - height, "the list scrolls just enough to show the selection")
        }
    }

    @Test(arguments: sizes)
    func firstAndLastStory(columns: Int, rows: Int) {
        let library = Self.library()
        let height = ScreenLayout(columns: columns, rows: rows, focus: .list).listViewHeight
        for (last, first) in [(Key.character("G"), Key.character("g")), (.end, .home)] {
            let store = ReducerStore(library, columns, rows)
            store.press([last])
            var expected = Support.state(library, columns, rows)
            expected.selected = library.count - 1
            expected.listTop = library.count - height
            #expect(store.state == expected)
            store.press([first])
            expected.selected = 0
            expected.listTop = 0
            #expect(store.state == expected)
        }
    }

    @Test(arguments: sizes)
    func detailScrollsByLinePageAndToTheEnds(columns: Int, rows: Int) {
        let library = Self.library()
        let store = ReducerStore(library, columns, rows)
        store.press([.enter])
        store.expect(effects: [.saveMarks(story: 0, [.read])])
        let lines = library.layout(of: 0, width: store.state.detailWidth).lines.count
        let height = store.state.screen.detailViewHeight
        let bottom = max(0, lines - height)
        store.press([.character("j"), .down])
        #expect(store.state.detailTop == min(2, bottom))
        store.press([.character("k")])
        #expect(store.state.detailTop == min(1, bottom))
        store.press([.character("G")])
        var expected = Support.state(library, columns, rows)
        expected.focus = .detail
        expected.detailTop = bottom
        Support.markRead(&expected, 0)
        #expect(store.state == expected)
        store.press([.character("j")])
        #expect(store.state.detailTop == bottom, "scrolling stops at the bottom")
        store.press([.character("g")])
        expected.detailTop = 0
        #expect(store.state == expected)
        store.press([.character(" ")])
        #expect(store.state.detailTop == min(height, bottom))
        store.press([.character("b")])
        #expect(store.state.detailTop == 0)
        store.press([.end, .home])
        #expect(store.state.detailTop == 0)
        store.expect(effects: [])
    }

    @Test(arguments: sizes)
    func captionJumpsWrapAndRevealTheCaption(columns: Int, rows: Int) {
        let library = Self.library()
        let store = ReducerStore(library, columns, rows)
        store.press([.character("]")])
        #expect(store.state.jump == nil, "] does nothing in the list")
        store.press([.enter])
        store.expect(effects: [.saveMarks(story: 0, [.read])])
        let layout = library.layout(of: 0, width: store.state.detailWidth)
        #expect(layout.captionCount == 3)
        for expectedCaption in [0, 1, 2, 0] {
            store.press([.character("]")])
            #expect(store.state.jump == .caption(expectedCaption))
            let span = layout.captionSpan(expectedCaption)
            let height = store.state.screen.detailViewHeight
            #expect(span.firstLine >= store.state.detailTop)
            #expect(span.firstLine + min(span.lineCount, height) <= store.state.detailTop + height)
        }
        store.press([.character("["), .character("[")])
        #expect(store.state.jump == .caption(1))
        store.press([.character("["), .character("[")])
        #expect(store.state.jump == .caption(2), "[ wraps from the first caption to the last")
        store.expect(effects: [])
    }

    @Test(arguments: sizes)
    func bulletJumpsCrossSectionsAndWrap(columns: Int, rows: Int) {
        let library = StoryLibrary([Story(publisher: "a.example", title: "T", sections: [
            StorySection(heading: "Overview", bullets: ["one", "two"]),
            StorySection(heading: "Timeline", bullets: ["three"]),
        ])])
        let store = ReducerStore(library, columns, rows)
        store.press([.enter])
        store.expect(effects: [.saveMarks(story: 0, [.read])])
        var seen: [ReaderState.Jump?] = []
        for _ in 0..<4 {
            store.press([.character("}")])
            seen.append(store.state.jump)
        }
        #expect(seen == [.bullet(0), .bullet(1), .bullet(2), .bullet(0)])
        store.press([.character("{")])
        #expect(store.state.jump == .bullet(2))
        store.press([.character("j")])
        #expect(store.state.jump == nil, "scrolling ends the jump")
    }

    @Test func jumpWithNothingToJumpToSaysSo() {
        let store = ReducerStore(StoryLibrary([Support.short]), 120, 40)
        store.press([.enter, .character("]")])
        store.expect(effects: [.saveMarks(story: 0, [.read])])
        #expect(store.state.jump == nil)
        #expect(store.state.notice == "no captions in this story")
    }

    @Test func tallCaptionShowsItsFirstLineAtTheTop() {
        let long = Story(publisher: "a.example", title: "T", images: [StoryImage(caption: String(repeating: "word ", count: 200))])
        let library = StoryLibrary([long])
        let store = ReducerStore(library, 50, 10)
        store.press([.enter, .character("]")])
        store.expect(effects: [.saveMarks(story: 0, [.read])])
        #expect(store.state.detailTop == library.layout(of: 0, width: store.state.detailWidth).captionSpan(0).firstLine)
    }

    @Test func listSearchFindsTitlesAndDeksIgnoringCase() {
        let store = ReducerStore(Self.library(), 120, 40)
        store.press([.character("/")] + Support.type("ONLY A") + [.enter])
        var search = ReaderState.Search(query: "ONLY A", scope: .stories, editing: false)
        search.matches = [1] + Array(3..<63)
        search.current = 0
        #expect(store.state.search == search)
        #expect(store.state.selected == 1)
        store.press([.character("n")])
        #expect(store.state.selected == 3)
        store.press([.character("N"), .character("N")])
        #expect(store.state.selected == 62, "N wraps to the last match")
        #expect(store.state.search?.current == 60)
        store.expect(effects: [])
    }

    @Test func detailSearchFindsEveryOccurrenceInTheStory() {
        let library = Self.library()
        let store = ReducerStore(library, 120, 40)
        store.press([.enter, .character("/")] + Support.type("river") + [.enter])
        store.expect(effects: [.saveMarks(story: 0, [.read])])
        let layout = library.layout(of: 0, width: store.state.detailWidth)
        let expectedLines = layout.lines.enumerated().flatMap { n, line in
            Array(repeating: n, count: line.text.lowercased().components(separatedBy: "river").count - 1)
        }
        #expect(store.state.search?.matches == expectedLines)
        #expect(expectedLines.count == 6) // Rivers (title), dek, two captions, two bullets
        #expect(store.state.search?.current == 0)
        store.press([.character("n"), .character("n")])
        #expect(store.state.search?.current == 2)
    }

    @Test func searchPromptEditsCancelsAndReportsNoMatch() {
        let library = Self.library()
        let store = ReducerStore(library, 120, 40)
        store.press([.character("/")] + Support.type("zzq") + [.backspace, .character("x")])
        #expect(store.state.search == ReaderState.Search(query: "zzx", scope: .stories, editing: true))
        #expect(store.state.keyContext == .prompt)
        store.press([.escape])
        #expect(store.state == Support.state(library, 120, 40), "Esc closes the prompt and nothing else")
        store.press([.character("/")] + Support.type("zzx") + [.enter])
        #expect(store.state.search?.matches == [])
        #expect(store.state.selected == 0)
        store.press([.character("/"), .enter])
        #expect(store.state.search == nil, "an empty query closes the search")
        store.press([.character("/"), .character("\u{1B}"), .character("a")])
        #expect(store.state.search?.query == "a", "control characters never enter the prompt")
        store.expect(effects: [])
    }

    @Test func helpOverlayTogglesAndSwallowsOtherKeys() {
        let library = Self.library()
        let store = ReducerStore(library, 120, 40)
        store.press([.character("?")])
        #expect(store.state.helpVisible && store.state.keyContext == .help)
        store.press([.character("j"), .enter])
        var expected = Support.state(library, 120, 40)
        expected.helpVisible = true
        #expect(store.state == expected)
        store.press([.escape])
        #expect(store.state == Support.state(library, 120, 40))
        store.press([.character("?"), .character("?")])
        #expect(store.state == Support.state(library, 120, 40))
        store.expect(effects: [])
    }

    @Test func ctrlLAsksForARedraw() {
        let library = Self.library()
        let store = ReducerStore(library, 120, 40)
        store.press([.control("l")])
        store.expect(effects: [.redrawAll])
        #expect(store.state == Support.state(library, 120, 40))
    }

    @Test func clicksSelectStoriesAndFocusPanes() {
        let library = Self.library()
        let store = ReducerStore(library, 120, 40)
        store.send(.click(column: 5, row: 3))
        var expected = Support.state(library, 120, 40)
        expected.selected = 2
        #expect(store.state == expected)
        store.expect(effects: [])
        store.send(.click(column: 80, row: 10))
        store.expect(effects: [.saveMarks(story: 2, [.read])])
        expected.focus = .detail
        Support.markRead(&expected, 2)
        #expect(store.state == expected, "a click that focuses the detail opens the story: it is read")
        store.send(.click(column: 80, row: 12))
        store.expect(effects: [])
        store.send(.click(column: 5, row: 0))
        expected.focus = .list
        #expect(store.state == expected)
    }

    @Test func wheelScrollsThePaneUnderThePointerNotTheSelection() {
        let library = Self.library()
        let store = ReducerStore(library, 80, 24) // stacked: list rows 1-8, detail rows 10-22
        store.send(.wheel(column: 5, row: 5, lines: PointerRules.wheelLines))
        var expected = Support.state(library, 80, 24)
        expected.listTop = 3
        #expect(store.state == expected)
        store.send(.wheel(column: 30, row: 15, lines: PointerRules.wheelLines))
        expected.detailTop = 3
        #expect(store.state == expected)
        store.send(.wheel(column: 30, row: 15, lines: -10))
        expected.detailTop = 0
        #expect(store.state == expected)
        store.expect(effects: [])
    }

    @Test func tooSmallKeepsEverythingAndGrowingBringsItBack() {
        let store = ReducerStore(Self.library(), 100, 30)
        store.press([.character("j"), .enter, .character("}")])
        store.expect(effects: [.saveMarks(story: 1, [.read])])
        let before = store.state
        store.send(.resized(columns: 10, rows: 3))
        #expect(store.state.screen.mode == .tooSmall)
        store.press([.character("j"), .character("]"), .character("r"), .character("/")])
        store.send(.click(column: 1, row: 1))
        store.send(.resized(columns: 100, rows: 30))
        #expect(store.state == before)
        store.press([.character("q")])
        store.expect(effects: [])
    }

    @Test func resizeKeepsTheSameTextAtTheTop() {
        let library = Self.library()
        let store = ReducerStore(library, 120, 40)
        store.press([.enter, .character("}"), .character("}"), .character("}")])
        store.expect(effects: [.saveMarks(story: 0, [.read])])
        let before = library.layout(of: 0, width: store.state.detailWidth)
        let bulletBefore = store.state.jump
        store.send(.resized(columns: 70, rows: 20))
        #expect(store.state.detailWidth == 68)
        #expect(store.state.jump == bulletBefore)
        let after = library.layout(of: 0, width: 68)
        let span = after.bulletSpan(2)
        #expect(span.firstLine >= store.state.detailTop && span.firstLine < store.state.detailTop + store.state.screen.detailViewHeight)
        #expect(before.bulletCount == after.bulletCount)
    }

    @Test func layoutModesFollowTheSize() {
        #expect(ScreenLayout(columns: 100, rows: 16, focus: .list).mode == .sideBySide)
        #expect(ScreenLayout(columns: 99, rows: 16, focus: .list).mode == .stacked)
        #expect(ScreenLayout(columns: 60, rows: 16, focus: .list).mode == .stacked)
        #expect(ScreenLayout(columns: 59, rows: 40, focus: .list).mode == .single)
        #expect(ScreenLayout(columns: 80, rows: 15, focus: .list).mode == .single)
        #expect(ScreenLayout(columns: 20, rows: 5, focus: .list).mode == .single)
        #expect(ScreenLayout(columns: 19, rows: 40, focus: .list).mode == .tooSmall)
        #expect(ScreenLayout(columns: 200, rows: 4, focus: .list).mode == .tooSmall)
        #expect(ScreenLayout(columns: 120, rows: 40, focus: .list).list == Rect(column: 0, row: 1, width: 48, height: 38))
        #expect(ScreenLayout(columns: 120, rows: 40, focus: .list).detail == Rect(column: 49, row: 1, width: 71, height: 38))
    }

    @Test func singlePaneShowsOnlyTheFocusedPane() {
        let list = ScreenLayout(columns: 50, rows: 20, focus: .list)
        #expect(list.list.height == 18 && list.detail == .empty)
        let detail = ScreenLayout(columns: 50, rows: 20, focus: .detail)
        #expect(detail.detail.height == 18 && detail.list == .empty)
    }
}

/// Stories arriving in the background and the mark store opening after the first frame: each step is an
/// effect the loop runs and an action that comes back.
@Suite struct LoadingReducerTests {
    static func stories(_ count: Int, titled prefix: String) -> [Story] {
        (0..<count).map { Story(publisher: "p.example", title: "\(prefix) \($0)", dek: $0 % 2 == 0 ? "even" : nil) }
    }

    @Test func growingKeepsTheSelectionAndCountsInTheStatusLine() {
        let library = StoryLibrary(Self.stories(30, titled: "First"))
        let store = ReducerStore(library, 120, 40)
        store.state.loading = ReaderState.LoadProgress(filesDone: 30, filesTotal: 10_000)
        store.send(.command(.nextStory))
        store.send(.command(.open))
        store.expect(effects: [.saveMarks(story: 1, [.read])])
        let before = store.state
        store.send(.storiesWaiting)
        store.expect(effects: [.takeLoadedStories])
        library.append(contentsOf: Self.stories(3_382, titled: "More"))
        store.send(.libraryGrew(storyCount: 3_412, progress: .init(filesDone: 3_412, filesTotal: 10_000), marks: []))
        store.expect(effects: [])
        var expected = before
        expected.storyCount = 3_412
        expected.loading = .init(filesDone: 3_412, filesTotal: 10_000)
        expected.marks += Array(repeating: [], count: 3_382)
        expected.unreadCount += 3_382
        #expect(store.state == expected)
        let status = ScreenRenderer.render(store.state, library: library).lines[39]
        #expect(status.hasPrefix(" story 2/3412 · line 1/1 · 3,411 unread · loading 3,412/10,000"))
        store.send(.libraryGrew(storyCount: 3_412, progress: nil, marks: []))
        #expect(store.state.loading == nil)
        #expect(!ScreenRenderer.render(store.state, library: library).lines[39].contains("loading"))
    }

    @Test func aStorySearchKeepsUpWithStoriesAsTheyArrive() {
        let library = StoryLibrary(Self.stories(10, titled: "First"))
        let store = ReducerStore(library, 120, 40)
        store.state.loading = ReaderState.LoadProgress(filesDone: 10, filesTotal: 20)
        store.press([.character("/")] + Support.type("more") + [.enter])
        #expect(store.state.search?.matches == [])
        library.append(contentsOf: Self.stories(10, titled: "More"))
        store.send(.libraryGrew(storyCount: 20, progress: nil, marks: []))
        #expect(store.state.search?.matches == Array(10..<20))
        #expect(ScreenRenderer.render(store.state, library: library).lines[39].hasPrefix(" story 1/20 · 10 matches (n for the first)"))
        store.press([.character("n")])
        #expect(store.state.selected == 10)
        #expect(store.state.search?.current == 0)
        store.expect(effects: [])
    }

    @Test func theMarkStoreOpensAfterTheFirstFrameAndItsMarksArrive() {
        let library = StoryLibrary(Self.stories(3, titled: "S"))
        let store = ReducerStore(library, 120, 40)
        store.send(.frameShown)
        store.expect(effects: [.openMarkStore])
        store.send(.markStoreOpened(notice: nil))
        store.expect(effects: [.loadMarks(0..<3)])
        #expect(store.state.markStore == .open && store.state.notice == nil)
        store.send(.marksArrived(from: 0, marks: [[.read], [], [.starred]]))
        #expect(store.state.marks == [[.read], [], [.starred]] && store.state.unreadCount == 2)
        store.send(.frameShown)
        store.expect(effects: [])
    }

    /// A large file read head first: its rest is read on both cores, so the store waits for it (whether or
    /// not it gave anything more), and opens after the frame that lists it.
    @Test(arguments: [false, true])
    func theMarkStoreOfAFileReadHeadFirstOpensOnceItsRestIsShown(restGivesMore: Bool) {
        let library = StoryLibrary(Self.stories(3, titled: "S"))
        var state = ReaderState(columns: 120, rows: 40, storyCount: 3, marks: nil)
        state.markStore = .afterFileRest
        let store = ReducerStore(library, state: state)
        store.send(.frameShown)
        store.expect(effects: [])
        if restGivesMore {
            library.insert([Story(publisher: "n.example", title: "Later")], at: [3])
            store.send(.fileCompleted(at: [3], marks: [[]]))
        } else {
            store.send(.fileCompleted(at: [], marks: []))
        }
        store.expect(effects: [])
        #expect(store.state.markStore == .notYetOpen)
        #expect(store.state.storyCount == (restGivesMore ? 4 : 3))
        store.send(.frameShown)
        store.expect(effects: [.openMarkStore])
        store.send(.markStoreOpened(notice: nil))
        store.expect(effects: [.loadMarks(0..<(restGivesMore ? 4 : 3))])
        store.send(.frameShown)
        store.send(.fileCompleted(at: [], marks: []))
        store.expect(effects: [])
    }

    @Test func aStoreThatCannotOpenSaysSoOnceAndMarksStayInMemory() {
        let store = ReducerStore(StoryLibrary(Self.stories(2, titled: "S")), 120, 40)
        store.send(.frameShown)
        store.expect(effects: [.openMarkStore])
        store.send(.markStoreUnavailable("cannot use the state file"))
        #expect(store.state.markStore == .unavailable)
        #expect(store.state.notice == "read marks: see the message on exit")
        store.press([.character("r")])
        store.expect(effects: [.saveMarks(story: 0, [.read])])
        #expect(store.state.marks[0] == [.read])
    }

    @Test func noStoreWantedIsSilent() {
        let store = ReducerStore(StoryLibrary(Self.stories(2, titled: "S")), 120, 40)
        store.send(.markStoreUnavailable(nil))
        #expect(store.state.markStore == .unavailable && store.state.notice == nil)
    }

    @Test func aFailedSaveStopsSavingWithOneNotice() {
        let store = ReducerStore(StoryLibrary(Self.stories(2, titled: "S")), 120, 40)
        store.send(.markStoreOpened(notice: "the state file was damaged; it was moved aside"))
        store.expect(effects: [.loadMarks(0..<2)])
        #expect(store.state.notice == "read marks: see the message on exit")
        store.press([.character("s")])
        store.expect(effects: [.saveMarks(story: 0, [.starred])])
        store.send(.marksNotSaved("database is locked"))
        #expect(store.state.markStore == .unavailable)
        #expect(store.state.notice == "read marks are not being saved")
        #expect(store.state.marks[0] == [.starred], "the mark stays for this session")
    }
}

/// `r`, `s`, `u`, `U` and `v`: marks and list filters.
@Suite struct MarkReducerTests {
    static func library() -> StoryLibrary {
        StoryLibrary((0..<6).map { Story(publisher: "p.example", title: "Story \($0)") })
    }

    @Test func toggleReadAndStarAskForASaveEachTime() {
        let store = ReducerStore(Self.library(), 120, 40)
        store.press([.character("r")])
        store.expect(effects: [.saveMarks(story: 0, [.read])])
        #expect(store.state.marks[0] == [.read] && store.state.unreadCount == 5)
        store.press([.character("s")])
        store.expect(effects: [.saveMarks(story: 0, [.read, .starred])])
        #expect(store.state.marks[0] == [.read, .starred])
        store.press([.character("r")])
        store.expect(effects: [.saveMarks(story: 0, [.starred])])
        #expect(store.state.marks[0] == [.starred] && store.state.unreadCount == 6)
        store.send(.command(.open))
        store.expect(effects: [.saveMarks(story: 0, [.starred, .read])])
        store.send(.command(.back))
        store.send(.command(.open))
        store.expect(effects: []) // opening a read story changes nothing
    }

    @Test func nextAndPreviousUnreadWrap() {
        let store = ReducerStore(Self.library(), 120, 40, marks: [[], [.read], [.read], [], [.read], []])
        var visited: [Int] = []
        for _ in 0..<4 {
            store.press([.character("u")])
            visited.append(store.state.selected)
        }
        #expect(visited == [3, 5, 0, 3])
        store.press([.character("U")])
        #expect(store.state.selected == 0)
        store.press([.character("U")])
        #expect(store.state.selected == 5)
        let allRead = ReducerStore(Self.library(), 120, 40, marks: [[.read], [.read], [.read], [.read], [.read], [.read]])
        allRead.press([.character("u")])
        #expect(allRead.state.selected == 0)
        #expect(allRead.state.notice == "no unread stories")
        store.expect(effects: [])
    }

    @Test func filterCyclesAllUnreadStarredAndTheListFollows() {
        let library = Self.library()
        let store = ReducerStore(library, 120, 40, marks: [[.read], [], [.starred], [.read, .starred], [], []])
        store.press([.character("v")])
        #expect(store.state.filter == .unread)
        #expect(store.state.visible == [1, 2, 4, 5])
        #expect(store.state.selected == 1, "the selection moves to the first story the filter shows")
        store.press([.character("j")])
        #expect(store.state.selected == 2)
        store.press([.character("G")])
        #expect(store.state.selected == 5)
        let lines = ScreenRenderer.render(store.state, library: library).lines
        #expect(lines[0].hasPrefix(" ● Unread (4 of 6)"))
        #expect(lines[39].hasPrefix(" story 4/4 · unread only · line 1/1 · 4 unread"))
        store.press([.enter, .escape])
        store.expect(effects: [.saveMarks(story: 5, [.read])])
        #expect(store.state.visible == [1, 2, 4, 5], "a story read under the filter stays until the next v")
        store.press([.character("v")])
        #expect(store.state.filter == .starred)
        #expect(store.state.visible == [2, 3])
        #expect(store.state.selected == 3, "story 5 is not starred: the nearest starred story before it")
        #expect(ScreenRenderer.render(store.state, library: library).lines[1].hasPrefix(" ●★ Story 2"))
        store.press([.character("v")])
        #expect(store.state.filter == .all && store.state.visible == nil && store.state.selected == 3)
    }

    @Test func emptyFilterSaysSoAndKeysDoNothing() {
        let library = Self.library()
        let store = ReducerStore(library, 120, 40, marks: Array(repeating: [], count: 6))
        store.press([.character("v"), .character("v")])
        #expect(store.state.filter == .starred && store.state.visible == [])
        store.press([.character("j"), .character("G"), .pageDown, .enter, .character("u")])
        store.expect(effects: [])
        #expect(store.state.focus == .list)
        let lines = ScreenRenderer.render(store.state, library: library).lines
        #expect(lines[1].hasPrefix(" No stories: starred only. v shows all."))
        #expect(lines[39].hasPrefix(" story –/0 · starred only"))
    }

    @Test func savedMarksArriveAfterTheFirstFrame() {
        let store = ReducerStore(Self.library(), 120, 40)
        store.send(.marksArrived(from: 0, marks: [[.read], [], [.read], [], [], [.starred]]))
        #expect(store.state.unreadCount == 4)
        #expect(store.state.marks[5] == [.starred])
        store.send(.libraryGrew(storyCount: 6, progress: nil, marks: []))
        #expect(store.state.unreadCount == 4)
        store.expect(effects: [])
    }
}

/// R: fetching in the background, new stories put in by date while the selection and the view stay put.
@Suite struct RefreshReducerTests {
    static func library(_ count: Int) -> StoryLibrary {
        StoryLibrary((0..<count).map { Story(publisher: "p.example", title: "Story \($0)") })
    }

    @Test func rStartsARefreshThatShowsItsProgressAndRefusesASecond() {
        let store = ReducerStore(Self.library(3), 120, 40)
        store.press([.character("R")])
        store.expect(effects: [.startRefresh])
        store.send(.refreshStarted(total: 12))
        #expect(store.state.refreshing == .init(filesDone: 0, filesTotal: 12))
        store.send(.refreshNewsWaiting)
        store.expect(effects: [.takeRefreshNews])
        store.send(.refreshProgress(done: 5, total: 12))
        #expect(ScreenRenderer.render(store.state, library: store.library).lines[39].contains("fetching 5/12"))
        store.press([.character("R")])
        store.expect(effects: [])
        #expect(store.state.notice == "already fetching")
        store.send(.refreshFinished(newStories: 5, failedFeeds: 2))
        #expect(store.state.refreshing == nil)
        #expect(store.state.notice == "5 new · 2 feeds failed (listed on exit)")
    }

    @Test func insertedStoriesMoveNoSelectionNoViewNoFilterAndNoSearch() {
        let library = Self.library(60)
        let store = ReducerStore(library, 120, 40, marks: (0..<60).map { $0 % 2 == 0 ? [.read] : [] })
        store.press([.character(" ")] + Array(repeating: Key.character("j"), count: 3)) // a page down, then three
        let selected = store.state.selected, top = store.state.listTop
        #expect(top > 0)
        let selectedTitle = library.stories[selected].title
        let topTitle = library.stories[top].title
        library.insert([Story(publisher: "n.example", title: "New A"), Story(publisher: "n.example", title: "New B")], at: [0, 50])
        store.send(.storiesInserted(at: [0, 50], marks: [[], [.read]]))
        #expect(library.stories[store.state.selected].title == selectedTitle)
        #expect(library.stories[store.state.listTop].title == topTitle)
        #expect(store.state.storyCount == 62 && store.state.marks.count == 62)
        #expect(store.state.marks[0] == [] && store.state.marks[50] == [.read] && store.state.marks[1] == [.read])
        #expect(store.state.unreadCount == 31)
        store.press([.character("v")])
        #expect(store.state.visible?.first == 0, "the new unread story is listed under the filter")
        store.press([.character("/")] + Support.type("story 1") + [.enter])
        let before = store.state.search?.matches.map { library.stories[$0].title }
        library.insert([Story(publisher: "n.example", title: "New C")], at: [0])
        store.send(.storiesInserted(at: [0], marks: [[]]))
        #expect(store.state.search?.matches.map { library.stories[$0].title } == before)
        #expect(store.state.visible?.prefix(2) == [0, 1])
        store.letEffectsGo() // saving the marks of keys pressed above is not this test's subject
    }

    /// Stories put in among those listed: a layout kept for a story that did not move is still its own, and
    /// one kept under an index that now holds another story is made again for that story.
    @Test func insertedStoriesLeaveNoLayoutUnderTheWrongIndex() {
        let library = Self.library(3)
        let width = 60
        let before = (0..<3).map { library.layout(of: $0, width: width) }
        #expect(before.map { $0.line(0)?.text } == ["Story 0", "Story 1", "Story 2"])
        library.insert([Story(publisher: "n.example", title: "New A"), Story(publisher: "n.example", title: "New B")], at: [1, 3])
        let after = (0..<5).map { library.layout(of: $0, width: width).line(0)?.text }
        #expect(after == ["Story 0", "New A", "Story 1", "New B", "Story 2"])
    }

    /// The rest of a file in its own order goes in after everything listed (the library moves the new
    /// stories rather than copying them): the order and the kept layouts are as for any other places.
    @Test func storiesInsertedAfterAllListedFollowThem() {
        let library = Self.library(3)
        let width = 60
        _ = library.layout(of: 2, width: width)
        library.insert([Story(publisher: "n.example", title: "New A"), Story(publisher: "n.example", title: "New B")], at: [3, 4])
        #expect(library.stories.map(\.title) == ["Story 0", "Story 1", "Story 2", "New A", "New B"])
        #expect((0..<5).map { library.layout(of: $0, width: width).line(0)?.text } == ["Story 0", "Story 1", "Story 2", "New A", "New B"])
        library.insert([Story(publisher: "n.example", title: "New C")], at: [5])
        #expect(library.stories.last?.title == "New C" && library.count == 6)
    }

    /// The rest of a large feed arrives after its first items opened the reader: a reader still at the top
    /// shows the newest story at the top; one that moved stays on its story.
    @Test func theRestOfAFileKeepsAReaderAtTheTopAtTheTop() {
        let library = Self.library(5)
        let store = ReducerStore(library, 120, 40, marks: Array(repeating: [], count: 5))
        library.insert([Story(publisher: "n.example", title: "Newer"), Story(publisher: "n.example", title: "Between")], at: [0, 3])
        store.send(.fileCompleted(at: [0, 3], marks: [[], [.read]]))
        #expect(store.state.selected == 0 && store.state.listTop == 0)
        #expect(library.stories[store.state.selected].title == "Newer")
        #expect(store.state.storyCount == 7 && store.state.unreadCount == 6)
        store.press([.character("j"), .character("j")])
        let reading = library.stories[store.state.selected].title
        library.insert([Story(publisher: "n.example", title: "Newest")], at: [0])
        store.send(.fileCompleted(at: [0], marks: [[]]))
        #expect(library.stories[store.state.selected].title == reading, "a reader who moved stays on the story")
        store.letEffectsGo()
    }

    /// Found by the growing-library property: a refresh into an empty filtered list once read past the end
    /// of it, and a story joining an empty list was listed without being selected.
    @Test func storiesJoiningAnEmptyFilteredListAreSelected() {
        let library = Self.library(3)
        let store = ReducerStore(library, 120, 40, marks: [[], [], []])
        store.press([.character("v"), .character("v")]) // starred only: none are
        #expect(store.state.visible == [] && store.state.selected == 0)
        library.insert([Story(publisher: "n.example", title: "New starred")], at: [2])
        store.send(.storiesInserted(at: [2], marks: [[.starred]]))
        #expect(store.state.visible == [2])
        #expect(store.state.selected == 2, "the one listed story is the selected one")
        library.append(contentsOf: [Story(publisher: "n.example", title: "Loaded starred")])
        store.send(.libraryGrew(storyCount: 5, progress: nil, marks: [[.starred]]))
        #expect(store.state.visible == [2, 4] && store.state.selected == 2)
        store.letEffectsGo()
    }
}
