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
                for effect in ReaderReducer.reduce(&state, Self.action(code), library: library) {
                    if case .saveMarks(let story, let marks) = effect { #expect(story < library.count && state.marks[story] == marks) }
                }
                #expect(state.selected >= 0 && state.selected < library.count)
                #expect(state.listTop >= 0 && state.listTop < library.count)
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
    }
}
