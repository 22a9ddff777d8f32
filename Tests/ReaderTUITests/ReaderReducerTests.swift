import Foundation
import ArticleModel
import ReaderTUI
import Testing

/// Every row of the key table, in each layout, asserting the whole state after each action.
@Suite struct ReaderReducerTests {
    static let sizes: [(Int, Int)] = [(120, 40), (80, 24), (50, 20)]

    static func library() -> StoryLibrary {
        StoryLibrary(Support.seedLayout + [Support.short, Support.wide] + Array(repeating: Support.short, count: 60))
    }

    @Test(arguments: sizes)
    func jAndKMoveTheSelectionInTheList(columns: Int, rows: Int) {
        let library = Self.library()
        var state = Support.state(library, columns, rows)
        var expected = state
        Support.press([.character("j")], &state, library)
        expected.selected = 1
        #expect(state == expected)
        Support.press([.down, .down], &state, library)
        expected.selected = 3
        #expect(state == expected)
        Support.press([.character("k"), .up, .up, .up], &state, library)
        expected.selected = 0
        #expect(state == expected, "k stops at the first story")
    }

    @Test(arguments: sizes)
    func movingTheSelectionResetsTheDetailToItsTop(columns: Int, rows: Int) {
        let library = Self.library()
        var state = Support.state(library, columns, rows)
        Support.press([.enter, .character("j"), .character("j"), .character("}"), .tab, .character("j")], &state, library)
        var expected = Support.state(library, columns, rows)
        expected.selected = 1
        Support.markRead(&expected, 0)
        #expect(state == expected)
    }

    @Test(arguments: sizes)
    func openFocusesTheDetailAndBackKeysReturn(columns: Int, rows: Int) {
        let library = Self.library()
        for open in [Key.enter, .character("l"), .right] {
            for back in [Key.character("q"), .escape, .character("h"), .left] {
                var state = Support.state(library, columns, rows)
                Support.press([open], &state, library)
                #expect(state.focus == .detail)
                Support.press([back], &state, library)
                var expected = Support.state(library, columns, rows)
                Support.markRead(&expected, 0)
                #expect(state == expected, "back to the list, the story now read")
            }
        }
    }

    @Test(arguments: sizes)
    func inTheListQQuitsButEscAndHDoNothing(columns: Int, rows: Int) {
        let library = Self.library()
        var state = Support.state(library, columns, rows)
        let before = state
        #expect(Reader.reduce(&state, .back, library: library) == nil)
        #expect(state == before)
        #expect(KeyMap.action(for: .escape) == .back)
        #expect(KeyMap.action(for: .character("h")) == .back)
        #expect(Reader.reduce(&state, .backOrQuit, library: library) == .quit)
        #expect(KeyMap.action(for: .character("q")) == .backOrQuit)
    }

    @Test(arguments: sizes)
    func capitalQQuitsFromAnywhereButThePrompt(columns: Int, rows: Int) {
        #expect(KeyMap.action(for: .character("Q")) == .quit)
        #expect(KeyMap.action(for: .character("Q"), helpOpen: true) == .quit)
        #expect(KeyMap.action(for: .character("Q"), promptOpen: true) == .searchInput("Q"))
        let library = Self.library()
        var state = Support.state(library, columns, rows)
        Support.press([.enter], &state, library)
        #expect(Reader.reduce(&state, .quit, library: library) == .quit)
    }

    @Test func escNeverQuits() {
        let library = Self.library()
        for promptOpen in [false, true] {
            for helpOpen in [false, true] {
                let action = KeyMap.action(for: .escape, promptOpen: promptOpen, helpOpen: helpOpen)
                #expect(action != .quit && action != .backOrQuit)
            }
        }
        var state = Support.state(library, 120, 40)
        #expect(Reader.reduce(&state, .back, library: library) == nil)
    }

    @Test(arguments: sizes)
    func tabTogglesFocus(columns: Int, rows: Int) {
        let library = Self.library()
        var state = Support.state(library, columns, rows)
        Support.press([.tab], &state, library)
        var expected = Support.state(library, columns, rows)
        expected.focus = .detail
        #expect(state == expected)
        Support.press([.tab], &state, library)
        #expect(state == Support.state(library, columns, rows))
    }

    @Test(arguments: sizes)
    func pageKeysMoveTheSelectionByAListHeight(columns: Int, rows: Int) {
        let library = Self.library()
        let height = ScreenLayout(columns: columns, rows: rows, focus: .list).listViewHeight
        for key in [Key.character(" "), .pageDown, .control("d")] {
            var state = Support.state(library, columns, rows)
            Support.press([key], &state, library)
            var expected = Support.state(library, columns, rows)
            expected.selected = height
            expected.listTop = 1
            #expect(state == expected, "\(key)")
        }
        for key in [Key.character("b"), .pageUp, .control("u")] {
            var state = Support.state(library, columns, rows)
            Support.press([.character("G"), key], &state, library)
            #expect(state.selected == library.count - 1 - height, "\(key)")
            #expect(state.listTop == library.count - 1 - height, "the list scrolls just enough to show the selection")
        }
    }

    @Test(arguments: sizes)
    func firstAndLastStory(columns: Int, rows: Int) {
        let library = Self.library()
        let height = ScreenLayout(columns: columns, rows: rows, focus: .list).listViewHeight
        for (last, first) in [(Key.character("G"), Key.character("g")), (.end, .home)] {
            var state = Support.state(library, columns, rows)
            Support.press([last], &state, library)
            var expected = Support.state(library, columns, rows)
            expected.selected = library.count - 1
            expected.listTop = library.count - height
            #expect(state == expected)
            Support.press([first], &state, library)
            expected.selected = 0
            expected.listTop = 0
            #expect(state == expected)
        }
    }

    @Test(arguments: sizes)
    func detailScrollsByLinePageAndToTheEnds(columns: Int, rows: Int) {
        let library = Self.library()
        var state = Support.state(library, columns, rows)
        Support.press([.enter], &state, library)
        let lines = library.layout(of: 0, width: state.detailWidth).lines.count
        let height = state.screen.detailViewHeight
        let bottom = max(0, lines - height)
        Support.press([.character("j"), .down], &state, library)
        #expect(state.detailTop == min(2, bottom))
        Support.press([.character("k")], &state, library)
        #expect(state.detailTop == min(1, bottom))
        Support.press([.character("G")], &state, library)
        var expected = Support.state(library, columns, rows)
        expected.focus = .detail
        expected.detailTop = bottom
        Support.markRead(&expected, 0)
        #expect(state == expected)
        Support.press([.character("j")], &state, library)
        #expect(state.detailTop == bottom, "scrolling stops at the bottom")
        Support.press([.character("g")], &state, library)
        expected.detailTop = 0
        #expect(state == expected)
        Support.press([.character(" ")], &state, library)
        #expect(state.detailTop == min(height, bottom))
        Support.press([.character("b")], &state, library)
        #expect(state.detailTop == 0)
        Support.press([.end, .home], &state, library)
        #expect(state.detailTop == 0)
    }

    @Test(arguments: sizes)
    func captionJumpsWrapAndRevealTheCaption(columns: Int, rows: Int) {
        let library = Self.library()
        var state = Support.state(library, columns, rows)
        Support.press([.character("]")], &state, library)
        #expect(state.jump == nil, "] does nothing in the list")
        Support.press([.enter], &state, library)
        let layout = library.layout(of: 0, width: state.detailWidth)
        #expect(layout.captionCount == 3)
        for expectedCaption in [0, 1, 2, 0] {
            Support.press([.character("]")], &state, library)
            #expect(state.jump == .caption(expectedCaption))
            let span = layout.captionSpan(expectedCaption)
            let height = state.screen.detailViewHeight
            #expect(span.firstLine >= state.detailTop)
            #expect(span.firstLine + min(span.lineCount, height) <= state.detailTop + height)
        }
        Support.press([.character("["), .character("[")], &state, library)
        #expect(state.jump == .caption(1))
        Support.press([.character("["), .character("[")], &state, library)
        #expect(state.jump == .caption(2), "[ wraps from the first caption to the last")
    }

    @Test(arguments: sizes)
    func bulletJumpsCrossSectionsAndWrap(columns: Int, rows: Int) {
        let library = StoryLibrary([Story(publisher: "a.example", title: "T", sections: [
            StorySection(heading: "Overview", bullets: ["one", "two"]),
            StorySection(heading: "Timeline", bullets: ["three"]),
        ])])
        var state = Support.state(library, columns, rows)
        Support.press([.enter], &state, library)
        var seen: [ReaderState.Jump?] = []
        for _ in 0..<4 {
            Support.press([.character("}")], &state, library)
            seen.append(state.jump)
        }
        #expect(seen == [.bullet(0), .bullet(1), .bullet(2), .bullet(0)])
        Support.press([.character("{")], &state, library)
        #expect(state.jump == .bullet(2))
        Support.press([.character("j")], &state, library)
        #expect(state.jump == nil, "scrolling ends the jump")
    }

    @Test func jumpWithNothingToJumpToSaysSo() {
        let library = StoryLibrary([Support.short])
        var state = Support.state(library, 120, 40)
        Support.press([.enter, .character("]")], &state, library)
        #expect(state.jump == nil)
        #expect(state.notice == "no captions in this story")
    }

    @Test func tallCaptionShowsItsFirstLineAtTheTop() {
        let long = Story(publisher: "a.example", title: "T", images: [StoryImage(caption: String(repeating: "word ", count: 200))])
        let library = StoryLibrary([long])
        var state = Support.state(library, 50, 10)
        Support.press([.enter, .character("]")], &state, library)
        #expect(state.detailTop == library.layout(of: 0, width: state.detailWidth).captionSpan(0).firstLine)
    }

    @Test func listSearchFindsTitlesAndDeksIgnoringCase() {
        let library = Self.library()
        var state = Support.state(library, 120, 40)
        Support.press([.character("/")] + Support.type("ONLY A") + [.enter], &state, library)
        var search = ReaderState.Search(query: "ONLY A", scope: .stories, editing: false)
        search.matches = [1] + Array(3..<63)
        search.current = 0
        #expect(state.search == search)
        #expect(state.selected == 1)
        Support.press([.character("n")], &state, library)
        #expect(state.selected == 3)
        Support.press([.character("N"), .character("N")], &state, library)
        #expect(state.selected == 62, "N wraps to the last match")
        #expect(state.search?.current == 60)
    }

    @Test func detailSearchFindsEveryOccurrenceInTheStory() {
        let library = Self.library()
        var state = Support.state(library, 120, 40)
        Support.press([.enter, .character("/")] + Support.type("river") + [.enter], &state, library)
        let layout = library.layout(of: 0, width: state.detailWidth)
        let expectedLines = layout.lines.enumerated().flatMap { n, line in
            Array(repeating: n, count: line.text.lowercased().components(separatedBy: "river").count - 1)
        }
        #expect(state.search?.matches == expectedLines)
        #expect(expectedLines.count == 6) // Rivers (title), dek, two captions, two bullets
        #expect(state.search?.current == 0)
        Support.press([.character("n"), .character("n")], &state, library)
        #expect(state.search?.current == 2)
    }

    @Test func searchPromptEditsCancelsAndReportsNoMatch() {
        let library = Self.library()
        var state = Support.state(library, 120, 40)
        Support.press([.character("/")] + Support.type("zzq") + [.backspace, .character("x")], &state, library)
        #expect(state.search == ReaderState.Search(query: "zzx", scope: .stories, editing: true))
        Support.press([.escape], &state, library)
        #expect(state == Support.state(library, 120, 40), "Esc closes the prompt and nothing else")
        Support.press([.character("/")] + Support.type("zzx") + [.enter], &state, library)
        #expect(state.search?.matches == [])
        #expect(state.selected == 0)
        Support.press([.character("/"), .enter], &state, library)
        #expect(state.search == nil, "an empty query closes the search")
        Support.press([.character("/"), .character("\u{1B}"), .character("a")], &state, library)
        #expect(state.search?.query == "a", "control characters never enter the prompt")
    }

    @Test func helpOverlayTogglesAndSwallowsOtherKeys() {
        let library = Self.library()
        var state = Support.state(library, 120, 40)
        Support.press([.character("?")], &state, library)
        #expect(state.helpVisible)
        Support.press([.character("j"), .enter], &state, library)
        var expected = Support.state(library, 120, 40)
        expected.helpVisible = true
        #expect(state == expected)
        Support.press([.escape], &state, library)
        #expect(state == Support.state(library, 120, 40))
        Support.press([.character("?"), .character("?")], &state, library)
        #expect(state == Support.state(library, 120, 40))
    }

    @Test func ctrlLAsksForARedraw() {
        let library = Self.library()
        var state = Support.state(library, 120, 40)
        #expect(KeyMap.action(for: .control("l")) == .redraw)
        #expect(Reader.reduce(&state, .redraw, library: library) == .redrawAll)
        #expect(state == Support.state(library, 120, 40))
    }

    @Test func clicksSelectStoriesAndFocusPanes() {
        let library = Self.library()
        var state = Support.state(library, 120, 40)
        Reader.reduce(&state, .click(column: 5, row: 3), library: library)
        var expected = Support.state(library, 120, 40)
        expected.selected = 2
        #expect(state == expected)
        #expect(Reader.reduce(&state, .click(column: 80, row: 10), library: library) == .saveMarks(story: 2))
        expected.focus = .detail
        Support.markRead(&expected, 2)
        #expect(state == expected, "a click that focuses the detail opens the story: it is read")
        Reader.reduce(&state, .click(column: 5, row: 0), library: library)
        expected.focus = .list
        #expect(state == expected)
    }

    @Test func wheelScrollsThePaneUnderThePointerNotTheSelection() {
        let library = Self.library()
        var state = Support.state(library, 80, 24) // stacked: list rows 1-8, detail rows 10-22
        Reader.reduce(&state, .wheel(column: 5, row: 5, lines: Reader.wheelLines), library: library)
        var expected = Support.state(library, 80, 24)
        expected.listTop = 3
        #expect(state == expected)
        Reader.reduce(&state, .wheel(column: 30, row: 15, lines: Reader.wheelLines), library: library)
        expected.detailTop = 3
        #expect(state == expected)
        Reader.reduce(&state, .wheel(column: 30, row: 15, lines: -10), library: library)
        expected.detailTop = 0
        #expect(state == expected)
    }

    @Test func tooSmallKeepsEverythingAndGrowingBringsItBack() {
        let library = Self.library()
        var state = Support.state(library, 100, 30)
        Support.press([.character("j"), .enter, .character("}")], &state, library)
        let before = state
        Reader.reduce(&state, .resized(columns: 10, rows: 3), library: library)
        #expect(state.screen.mode == .tooSmall)
        Support.press([.character("j"), .character("]")], &state, library)
        Reader.reduce(&state, .resized(columns: 100, rows: 30), library: library)
        #expect(state == before)
    }

    @Test func resizeKeepsTheSameTextAtTheTop() {
        let library = Self.library()
        var state = Support.state(library, 120, 40)
        Support.press([.enter, .character("}"), .character("}"), .character("}")], &state, library)
        let before = library.layout(of: 0, width: state.detailWidth)
        let bulletBefore = state.jump
        Reader.reduce(&state, .resized(columns: 70, rows: 20), library: library)
        #expect(state.detailWidth == 68)
        #expect(state.jump == bulletBefore)
        let after = library.layout(of: 0, width: 68)
        let span = after.bulletSpan(2)
        #expect(span.firstLine >= state.detailTop && span.firstLine < state.detailTop + state.screen.detailViewHeight)
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

@Suite struct LoadingReducerTests {
    static func stories(_ count: Int, titled prefix: String) -> [Story] {
        (0..<count).map { Story(publisher: "p.example", title: "\(prefix) \($0)", dek: $0 % 2 == 0 ? "even" : nil) }
    }

    @Test func growingKeepsTheSelectionAndCountsInTheStatusLine() {
        let library = StoryLibrary(Self.stories(30, titled: "First"))
        var state = ReaderState(columns: 120, rows: 40, storyCount: 30)
        state.loading = ReaderState.LoadProgress(filesDone: 30, filesTotal: 10_000)
        Reader.reduce(&state, .moveDown, library: library)
        Reader.reduce(&state, .open, library: library)
        let before = state
        library.append(contentsOf: Self.stories(3_382, titled: "More"))
        Reader.reduce(&state, .libraryGrew(storyCount: 3_412, progress: .init(filesDone: 3_412, filesTotal: 10_000), marks: []), library: library)
        var expected = before
        expected.storyCount = 3_412
        expected.loading = .init(filesDone: 3_412, filesTotal: 10_000)
        expected.marks += Array(repeating: [], count: 3_382)
        expected.unreadCount += 3_382
        #expect(state == expected)
        let status = ScreenRenderer.render(state, library: library).lines[39]
        #expect(status.hasPrefix(" story 2/3412 · line 1/2 · 3,411 unread · loading 3,412/10,000"))
        Reader.reduce(&state, .libraryGrew(storyCount: 3_412, progress: nil, marks: []), library: library)
        #expect(state.loading == nil)
        #expect(!ScreenRenderer.render(state, library: library).lines[39].contains("loading"))
    }

    @Test func aStorySearchKeepsUpWithStoriesAsTheyArrive() {
        let library = StoryLibrary(Self.stories(10, titled: "First"))
        var state = ReaderState(columns: 120, rows: 40, storyCount: 10)
        state.loading = ReaderState.LoadProgress(filesDone: 10, filesTotal: 20)
        Support.press([.character("/")] + Support.type("more") + [.enter], &state, library)
        #expect(state.search?.matches == [])
        library.append(contentsOf: Self.stories(10, titled: "More"))
        Reader.reduce(&state, .libraryGrew(storyCount: 20, progress: nil, marks: []), library: library)
        #expect(state.search?.matches == Array(10..<20))
        #expect(ScreenRenderer.render(state, library: library).lines[39].hasPrefix(" story 1/20 · 10 matches (n for the first)"))
        Support.press([.character("n")], &state, library)
        #expect(state.selected == 10)
        #expect(state.search?.current == 0)
    }
}

/// `r`, `s`, `u`, `U` and `v`: marks and list filters.
@Suite struct MarkReducerTests {
    static func library() -> StoryLibrary {
        StoryLibrary((0..<6).map { Story(publisher: "p.example", title: "Story \($0)") })
    }

    @Test func toggleReadAndStarAskForASaveEachTime() {
        let library = Self.library()
        var state = ReaderState(columns: 120, rows: 40, storyCount: 6)
        #expect(KeyMap.action(for: .character("r")) == .toggleRead)
        #expect(KeyMap.action(for: .character("s")) == .toggleStar)
        #expect(Reader.reduce(&state, .toggleRead, library: library) == .saveMarks(story: 0))
        #expect(state.marks[0] == [.read] && state.unreadCount == 5)
        #expect(Reader.reduce(&state, .toggleStar, library: library) == .saveMarks(story: 0))
        #expect(state.marks[0] == [.read, .starred])
        #expect(Reader.reduce(&state, .toggleRead, library: library) == .saveMarks(story: 0))
        #expect(state.marks[0] == [.starred] && state.unreadCount == 6)
        Reader.reduce(&state, .open, library: library)
        #expect(Reader.reduce(&state, .open, library: library) == nil, "opening a read story changes nothing")
    }

    @Test func nextAndPreviousUnreadWrap() {
        let library = Self.library()
        var state = ReaderState(columns: 120, rows: 40, storyCount: 6, marks: [[], [.read], [.read], [], [.read], []])
        #expect(KeyMap.action(for: .character("u")) == .nextUnread)
        #expect(KeyMap.action(for: .character("U")) == .previousUnread)
        var visited: [Int] = []
        for _ in 0..<4 {
            Reader.reduce(&state, .nextUnread, library: library)
            visited.append(state.selected)
        }
        #expect(visited == [3, 5, 0, 3])
        Reader.reduce(&state, .previousUnread, library: library)
        #expect(state.selected == 0)
        Reader.reduce(&state, .previousUnread, library: library)
        #expect(state.selected == 5)
        var allRead = ReaderState(columns: 120, rows: 40, storyCount: 2, marks: [[.read], [.read]])
        Reader.reduce(&allRead, .nextUnread, library: library)
        #expect(allRead.selected == 0)
        #expect(allRead.notice == "no unread stories")
    }

    @Test func filterCyclesAllUnreadStarredAndTheListFollows() {
        let library = Self.library()
        var state = ReaderState(columns: 120, rows: 40, storyCount: 6, marks: [[.read], [], [.starred], [.read, .starred], [], []])
        #expect(KeyMap.action(for: .character("v")) == .cycleFilter)
        Reader.reduce(&state, .cycleFilter, library: library)
        #expect(state.filter == .unread)
        #expect(state.visible == [1, 2, 4, 5])
        #expect(state.selected == 1, "the selection moves to the first story the filter shows")
        Reader.reduce(&state, .moveDown, library: library)
        #expect(state.selected == 2)
        Reader.reduce(&state, .last, library: library)
        #expect(state.selected == 5)
        let lines = ScreenRenderer.render(state, library: library).lines
        #expect(lines[0].hasPrefix(" ● Unread (4 of 6)"))
        #expect(lines[39].hasPrefix(" story 4/4 · unread only · line 1/2 · 4 unread"))
        Reader.reduce(&state, .open, library: library)
        Reader.reduce(&state, .back, library: library)
        #expect(state.visible == [1, 2, 4, 5], "a story read under the filter stays until the next v")
        Reader.reduce(&state, .cycleFilter, library: library)
        #expect(state.filter == .starred)
        #expect(state.visible == [2, 3])
        #expect(state.selected == 3, "story 5 is not starred: the nearest starred story before it")
        #expect(ScreenRenderer.render(state, library: library).lines[1].hasPrefix(" ●★ Story 2"))
        Reader.reduce(&state, .cycleFilter, library: library)
        #expect(state.filter == .all && state.visible == nil && state.selected == 3)
    }

    @Test func emptyFilterSaysSoAndKeysDoNothing() {
        let library = Self.library()
        var state = ReaderState(columns: 120, rows: 40, storyCount: 6, marks: Array(repeating: [], count: 6))
        Reader.reduce(&state, .cycleFilter, library: library)
        Reader.reduce(&state, .cycleFilter, library: library)
        #expect(state.filter == .starred && state.visible == [])
        for action in [ReaderAction.moveDown, .last, .pageDown, .open, .nextUnread] { Reader.reduce(&state, action, library: library) }
        #expect(state.focus == .list)
        let lines = ScreenRenderer.render(state, library: library).lines
        #expect(lines[1].hasPrefix(" No stories: starred only. v shows all."))
        #expect(lines[39].hasPrefix(" story –/0 · starred only"))
    }

    @Test func savedMarksArriveAfterTheFirstFrame() {
        let library = Self.library()
        var state = ReaderState(columns: 120, rows: 40, storyCount: 6)
        Reader.reduce(&state, .marksArrived(from: 0, marks: [[.read], [], [.read], [], [], [.starred]]), library: library)
        #expect(state.unreadCount == 4)
        #expect(state.marks[5] == [.starred])
        Reader.reduce(&state, .libraryGrew(storyCount: 6, progress: nil, marks: []), library: library)
        #expect(state.unreadCount == 4)
    }
}
