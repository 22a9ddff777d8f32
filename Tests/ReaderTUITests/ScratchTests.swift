import ArticleModel
import ReaderTUI
import Testing

@Test func scratchPrint() {
    let library = StoryLibrary(Support.seedLayout + [Support.short, Support.wide])
    for (c, r) in [(120, 40), (80, 24), (60, 12), (20, 5)] {
        var state = Support.state(library, c, r)
        Support.press([.enter, .character("]"), .character("]")], &state, library)
        print(ScreenRenderer.render(state, library: library).lines.map { "|" + $0 }.joined(separator: "\n"))
        print(String(repeating: "=", count: c))
    }
}
