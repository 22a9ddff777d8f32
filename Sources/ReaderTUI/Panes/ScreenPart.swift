import ArticleModel

/// Everything a frame is drawn from: the reader's state, the stories, and the key table (for the help).
public struct ReaderView {
    public var state: ReaderState
    public var library: StoryLibrary
    public var keys: KeyTable

    public init(state: ReaderState, library: StoryLibrary, keys: KeyTable = .standard) {
        self.state = state
        self.library = library
        self.keys = keys
    }
}

/// The one shape of everything that draws: a function of the view that fills a rectangle of the grid and
/// reads and changes nothing else.
protocol ScreenPart {
    static func render(_ view: ReaderView, in rect: Rect, into grid: inout CellGrid)
}
