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
        let state = Support.state(after: keys, library, columns, rows)
        return (ScreenRenderer.render(state, library: library), state)
    }

    @Test func jumpedToCaptionIsMarkedAndHighlighted() {
        let (grid, _) = Self.render([.enter, .character("]"), .character("]")])
        // Caption 2 ("Residents watch…") wraps to two lines at rows 12 and 13 of the 120×40 screen, with a
        // blank line on each side setting it apart from the placeholder and the next caption.
        for row in [12, 13] {
            #expect(grid[49, row].text == "▌")
            #expect(grid[51, row].style.role == .highlight)
        }
        #expect(grid.lines[11].hasSuffix("│") && grid.lines[14].hasSuffix("│"), "blank lines around it")
        #expect(grid[49, 10].text == " ", "the placeholder above is not highlighted")
        #expect(grid[51, 15].style.role == .normal, "the next caption is not highlighted")
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
        #expect(grid.lines[39].hasPrefix(" story 1/3 · match 1/6 · line 1/33"))
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
        #expect(grid.lines[39].hasPrefix(" story 1/3 · no match for “zebra” · line 1/33"))
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
        for binding in KeyTable.standard.bindings {
            let keys = binding.keys.map(\.name).joined(separator: " ")
            let row = grid.lines.first { $0.contains("│ " + keys + " ") && $0.contains(binding.help) }
            #expect(row != nil, "\(binding.command) with its keys and help on one row")
        }
        #expect(grid.lines.contains { $0.contains("│ j Down") && $0.contains("select the next story (list)") })
        #expect(grid.lines.contains { $0.contains("│ j Down") && $0.contains("scroll down a line (detail)") })
        #expect(text.contains("Esc or ? closes"))
    }

    @Test func helpTallerThanTheScreenScrollsToItsLastRow() {
        let library = Self.library
        let store = ReducerStore(library, 80, 24)
        store.press([.character("?")])
        let first = ScreenRenderer.render(store.state, library: library).lines
        #expect(first.contains { $0.contains("│ j Down") && $0.contains("select the next story (list)") })
        #expect(!first.contains { $0.contains("redraw the screen") }, "the last rows are below the fold")
        #expect(first.contains { $0.contains("j k PgDn PgUp scroll · Esc or ? closes") })
        store.press([.character("G")])
        let last = ScreenRenderer.render(store.state, library: library).lines
        #expect(store.state.helpTop == KeyTable.standard.bindings.count - 20)
        #expect(last.contains { $0.contains("│ Ctrl-L") && $0.contains("redraw the screen") })
        store.press([.character("k"), .character("g")])
        #expect(store.state.helpTop == 0)
        store.press([.escape])
        #expect(!store.state.helpVisible && store.state.selected == 0, "the keys moved the help, not the list")
        store.expect(effects: [])
    }

    @Test func tooSmallNoticeFitsAnySize() {
        for (columns, rows) in [(19, 4), (10, 3), (1, 1), (0, 0), (5, 30)] {
            var state = Support.state(Self.library, 120, 40)
            #expect(ReaderReducer.reduce(&state, .resized(columns: columns, rows: rows), library: Self.library) == [])
            let grid = ScreenRenderer.render(state, library: Self.library)
            #expect(grid.rows == rows && grid.columns == columns)
            if columns >= 18 && rows >= 2 { #expect(grid.lines.contains { $0.contains("Terminal too small") }) }
        }
        var state = Support.state(Self.library, 10, 3)
        #expect(ScreenRenderer.render(state, library: Self.library).lines == ["Terminal…", "need 20×5", ""])
        #expect(ReaderReducer.reduce(&state, .resized(columns: 1, rows: 1), library: Self.library) == [])
        #expect(ScreenRenderer.render(state, library: Self.library).lines == ["…"])
    }
}

@Suite struct HostileGridTests {
    static let emoji = Story(
        publisher: "Emoji.example",
        title: TextCleaner.clean("Flags 🇺🇦🇯🇵 tones 👍🏿👋🏽 family 👨\u{200D}👩\u{200D}👧 keycap 1\u{FE0F}\u{20E3} and 漢字 mixed in a long title that must be cut"),
        dek: TextCleaner.clean("☺\u{FE0F} smiles ❤\u{FE0F} hearts 🏳\u{FE0F}\u{200D}🌈 rainbow"),
        sections: [StorySection(heading: "Overview", bullets: [TextCleaner.clean("👩🏽\u{200D}💻 coder 🧑🏿\u{200D}🚀 astronaut 🇬🇧 flag")])])

    @Test(arguments: [(120, 40), (100, 30), (101, 30), (80, 24), (61, 20)])
    func emojiSequencesKeepPaneBordersAligned(columns: Int, rows: Int) {
        let library = StoryLibrary([Self.emoji, Support.wide, Self.emoji])
        let state = Support.state(after: [.enter, .character("}")], library, columns, rows)
        let grid = ScreenRenderer.render(state, library: library)
        let screen = state.screen
        for row in 0..<(rows - 1) where screen.border.width > 0 {
            #expect(grid[screen.border.column, row].text == "│", "row \(row)")
        }
        // Every row adds up to exactly the screen width in cells, wide characters counted twice.
        for row in 0..<rows {
            let cells = (0..<columns).reduce(0) { width, column in
                let cell = grid[column, row]
                return width + (cell.isContinuation ? 0 : max(1, DisplayWidth.of(cell.text)))
            }
            #expect(cells == columns, "row \(row)")
        }
    }

    @Test func wideCharacterAtThePaneEdgeNeverSpillsIntoTheNextPane() {
        // A list 40 cells wide leaves 35 for the title after the marks: "a" + wide characters reaches the edge.
        let story = Story(publisher: "p.example", title: "a" + String(repeating: "漢", count: 40))
        let library = StoryLibrary([story])
        let grid = ScreenRenderer.render(Support.state(library, 100, 30), library: library)
        #expect(grid[40, 1].text == "│")
        #expect(grid.lines[1].hasPrefix(" ●  a" + String(repeating: "漢", count: 16) + "…"))
    }
}
