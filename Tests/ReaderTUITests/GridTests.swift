import ArticleModel
import ReaderTUI
import Testing

@Suite struct CellGridTests {
    @Test func wideCharactersTakeTwoCellsAndNeverStraddleTheLimit() {
        var grid = CellGrid(columns: 5, rows: 1)
        #expect(grid.put("日本語", column: 0, row: 0) == 5)
        #expect(grid.lines == ["日本"])
        #expect(grid[4, 0].text == " ", "the third wide character would straddle the edge: a blank instead")
        #expect(grid[1, 0].isContinuation)
    }

    @Test func wideCharacterInAOneColumnPaneBecomesABlank() {
        var grid = CellGrid(columns: 3, rows: 1)
        grid.put("|", column: 0, row: 0)
        grid.put("日", column: 1, row: 0, limit: 1)
        grid.put("|", column: 2, row: 0)
        #expect(grid.lines == ["| |"])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = CellGrid(columns: 4, rows: 1)
        grid.put("日本", column: 0, row: 0)
        grid.put("x", column: 1, row: 0)
        #expect(grid.lines == [" x本"])
    }

    @Test func textIsClippedToTheLimitAndTheGrid() {
        var grid = CellGrid(columns: 6, rows: 2)
        #expect(grid.put("abcdef", column: 1, row: 0, limit: 3) == 3)
        grid.put("overflowing", column: 2, row: 1)
        grid.put("nowhere", column: 0, row: 5)
        #expect(grid.lines == [" abc", "  over"])
    }
}

@Suite struct RenderedStyleTests {
    static var library: StoryLibrary { StoryLibrary(Support.seedLayout + [Support.short, Support.wide]) }

    static func render(_ keys: [Key], columns: Int = 120, rows: Int = 40) -> (CellGrid, ReaderState) {
        var state = Support.state(library, columns, rows)
        Support.press(keys, &state, library)
        return (ScreenRenderer.render(state, library: library), state)
    }

    @Test func jumpedToCaptionIsMarkedAndHighlighted() {
        let (grid, _) = Self.render([.enter, .character("]"), .character("]")])
        // Caption 2 ("Residents watch…") wraps to two lines at rows 11 and 12 of the 120×40 screen.
        for row in [11, 12] {
            #expect(grid[49, row].text == "▌")
            #expect(grid[51, row].style.role == .highlight)
        }
        #expect(grid[49, 10].text == " ", "the placeholder above is not highlighted")
        #expect(grid[51, 13].style.role == .normal, "the next caption is not highlighted")
    }

    @Test func jumpedToBulletIsHighlighted() {
        let (grid, state) = Self.render([.enter, .character("}")])
        #expect(state.jump == .bullet(0))
        let bulletRow = grid.lines.firstIndex { $0.contains("• Forecasters") }!
        #expect(grid[49, bulletRow].text == "▌")
        #expect(grid[53, bulletRow].style.role == .highlight)
        #expect(grid[53, bulletRow].style.bold)
    }

    @Test func focusedPaneHeaderIsMarkedAndReversed() {
        let (listFocused, _) = Self.render([])
        #expect(listFocused.lines[0].hasPrefix(" ● Stories (3)"))
        #expect(listFocused[1, 0].style.reverse)
        #expect(listFocused.lines[0].contains("○ Example.news"))
        #expect(!listFocused[50, 0].style.reverse)
        let (detailFocused, _) = Self.render([.tab])
        #expect(detailFocused.lines[0].hasPrefix(" ○ Stories (3)"))
        #expect(detailFocused[50, 0].style.reverse)
    }

    @Test func selectedStoryRowIsReversedInTheFocusedList() {
        let (grid, _) = Self.render([.character("j")])
        #expect(grid[2, 2].style.reverse)
        #expect(!grid[2, 1].style.reverse)
    }

    @Test func searchMatchesAreHighlightedAndCountedInTheStatusLine() {
        let (grid, _) = Self.render([.enter, .character("/")] + Support.type("RIVER") + [.enter])
        #expect(grid.lines[39].hasPrefix(" story 1/3 · match 1/6 · line 1/31"))
        let titleRow = 1
        let start = 50 // "Rivers" begins the title line, after the one-cell margin
        #expect((start..<(start + 5)).allSatisfy { grid[$0, titleRow].style.role == .match && grid[$0, titleRow].style.reverse })
        #expect(grid[start + 5, titleRow].style.role != .match)
    }

    @Test func statusLineShowsTheSearchPromptWhileTyping() {
        let (grid, _) = Self.render([.character("/")] + Support.type("rain"))
        #expect(grid.lines[39].hasPrefix(" search stories: /rain"))
    }

    @Test func statusLineSaysNoMatch() {
        let (grid, _) = Self.render([.character("/")] + Support.type("zebra") + [.enter])
        #expect(grid.lines[39].hasPrefix(" story 1/3 · no match for “zebra” · line 1/31"))
    }

    @Test func statusLineShowsBulletCountAcrossSections() {
        let (grid, _) = Self.render([.enter, .character("{")])
        #expect(grid.lines[39].hasPrefix(" story 1/3 · bullet 5/5 · line"))
    }

    @Test func bordersStayAlignedWithWideText() {
        let (grid, _) = Self.render([.character("j"), .character("j")])
        for row in 0..<39 { #expect(grid[48, row].text == "│", "row \(row)") }
    }

    @Test func helpOverlayListsEveryKey() {
        let (grid, _) = Self.render([.character("?")])
        let text = grid.lines.joined(separator: "\n")
        for entry in KeyMap.help { #expect(text.contains(entry.keys), "\(entry.keys)") }
        #expect(text.contains("Esc or ? closes"))
    }

    @Test func tooSmallNoticeFitsAnySize() {
        for (columns, rows) in [(19, 4), (10, 3), (1, 1), (0, 0), (5, 30)] {
            var state = Support.state(Self.library, 120, 40)
            Reader.reduce(&state, .resized(columns: columns, rows: rows), library: Self.library)
            let grid = ScreenRenderer.render(state, library: Self.library)
            #expect(grid.rows == rows && grid.columns == columns)
            if columns >= 18 && rows >= 2 { #expect(grid.lines.contains { $0.contains("Terminal too small") }) }
        }
        var state = Support.state(Self.library, 10, 3)
        #expect(ScreenRenderer.render(state, library: Self.library).lines == ["Terminal…", "need 20×5", ""])
        Reader.reduce(&state, .resized(columns: 1, rows: 1), library: Self.library)
        #expect(ScreenRenderer.render(state, library: Self.library).lines == ["…"])
    }
}
