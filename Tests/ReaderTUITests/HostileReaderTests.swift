import ArticleModel
import ReaderTUI
import Testing

/// Hostile sizes of story, through the reducer.
@Suite struct HostileReaderTests {
    @Test func storyLongerThan32767LinesScrollsToItsEnd() throws {
        let bullets = (0..<40_000).map { "Bullet number \($0)" }
        let story = Story(publisher: "a.example", title: "Long", sections: [StorySection(heading: "Overview", bullets: bullets)])
        let library = StoryLibrary([story])
        let store = ReducerStore(library, 80, 24)
        store.press([.enter, .character("G")])
        store.expect(effects: [.saveMarks(story: 0, [.read])])
        let state = store.state
        let layout = library.layout(of: 0, width: state.detailWidth)
        #expect(layout.lineCount > 32_767)
        #expect(state.detailTop == layout.lineCount - state.screen.detailViewHeight)
        #expect(layout.line(layout.lineCount - 1)?.text == "• Bullet number 39999")
        store.press([.character("}")])
        let firstInView = try #require(layout.firstTarget(captions: false, atOrAfter: layout.lineCount - state.screen.detailViewHeight))
        #expect(store.state.jump == .bullet(firstInView))
        #expect(firstInView > 39_970)
    }
}
