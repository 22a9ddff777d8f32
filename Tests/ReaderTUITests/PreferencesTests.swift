import ArticleModel
import ReaderTUI
import Testing

/// What the configuration changes on the screen: rebound keys, the reading width, the theme's colours.
@Suite struct PreferencesTests {
    static var library: StoryLibrary { StoryLibrary(Support.seedLayout + [Support.short, Support.wide]) }

    @Test func aReboundKeyDoesTheActionAndTheOldKeyNothing() throws {
        let keys = try KeyTable.standard.rebinding(.nextCaption, to: [.character("c")])
        let store = ReducerStore(Self.library, 120, 40, keys: keys)
        store.press([.enter, .character("]")])
        #expect(store.state.jump == nil, "] is no longer bound")
        store.press([.character("c"), .character("c")])
        #expect(store.state.jump == .caption(1))
        store.letEffectsGo()
        #expect(throws: KeyTable.Conflict.self) { try KeyTable.standard.rebinding(.nextCaption, to: [.character("}")]) }
        let quitOnF10 = try KeyTable.standard.rebinding(.quit, to: [.function(10)])
        let grid = ScreenRenderer.render(ReaderView(state: store.state, library: store.library, keys: quitOnF10))
        #expect(grid.lines[39].hasSuffix("? help  F10 quit"), "the status line names the keys in use")
    }

    /// The detail's text column at 80, 120 and 200 columns: the pane's width less its margins, up to
    /// max-width (80 unless set), left-aligned.
    @Test(arguments: [(80, 78), (120, 69), (200, 80)])
    func theTextColumnIsAtMostMaxWidth(columns: Int, textWidth: Int) {
        let state = Support.state(after: [.enter], Self.library, columns, 40)
        #expect(state.detailWidth == textWidth)
        let grid = ScreenRenderer.render(state, library: Self.library)
        let detail = state.screen.detail
        let widest = (detail.row..<detail.row + detail.height).map { row in
            DisplayWidth.of(String(grid.lines[row].dropFirst(detail.column + 1)))
        }.max()
        #expect(widest.map { $0 <= textWidth && $0 >= textWidth - 12 } == true, "lines fill the column: \(widest ?? -1)")
        var narrow = ReaderState(columns: 200, rows: 40, storyCount: 3, reading: ReadingPreferences(maxWidth: 50, listPercent: 25))
        narrow.focus = .detail
        #expect(narrow.detailWidth == 50)
        #expect(narrow.screen.list.width == 50, "a quarter of 200 columns")
    }

    /// Each theme's colours for the roles on one screen: the focused header, the selection, a caption
    /// jumped to, a search match. `none` has no colour; the attributes (bold, reverse, dim) stay in all.
    @Test(arguments: [
        (Palette.Theme.dark, ["accent bright-blue/default", "selection bright-blue/default", "highlight black/yellow", "match black/cyan"]),
        (Palette.Theme.light, ["accent blue/default", "selection blue/default", "highlight black/yellow", "match black/cyan"]),
        (Palette.Theme.none, ["accent none", "selection none", "highlight none", "match none"]),
    ])
    func eachThemeColoursTheRoles(theme: Palette.Theme, expected: [String]) {
        let palette = Palette(theme: theme)
        let roles: [CellStyle.Role] = [.accent, .selection, .highlight, .match]
        let named = roles.map { role in
            palette.colors[role].map { "\(role) \($0.foreground.name)/\($0.background.name)" } ?? "\(role) none"
        }
        #expect(named == expected)
        // The same screen carries those roles where the snapshots expect them, whatever the theme.
        let grid = StyleSnapshotTests.render(Self.library, 120, 40, [.character("/")] + Support.type("short") + [.enter])
        #expect(StyleSnapshotTests.runs(grid, row: 2).hasPrefix("48 selection+bold+reverse"))
        #expect(palette.hasBackground(.highlight) == (theme != .none))
    }
}
