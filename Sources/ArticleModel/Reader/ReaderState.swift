/// Everything the reader's screen is a function of, besides the stories themselves.
///
/// Positions are indices: `selected` into the story list, `listTop` the first list row shown,
/// `detailTop` the first detail line shown, counted in the layout at `detailWidth` cells.
public struct ReaderState: Equatable, Sendable {
    public var columns: Int
    public var rows: Int
    /// The text column's widest and the list's share of the width.
    public let reading: ReadingPreferences
    public var storyCount: Int
    public var focus: Pane = .list
    public var selected = 0
    public var listTop = 0
    public var detailTop = 0
    /// The layout width `detailTop` and any detail search matches refer to.
    public var detailWidth: Int
    /// The caption or bullet last jumped to, highlighted and shown in the status line.
    public var jump: Jump?
    public var search: Search?
    public var helpVisible = false
    /// The first row of the help shown, when it is taller than the screen.
    public var helpTop = 0
    /// Rows the help has: one per binding of the key table in use.
    public var helpRowCount = KeyTable.standard.bindings.count
    /// A one-off note for the status line, such as "no captions in this story".
    public var notice: String?
    /// Read and starred marks, one per story.
    public var marks: [StoryMarks]
    /// Stories without the read mark.
    public var unreadCount: Int
    public var filter: ListFilter = .all
    /// The story indices the list shows, in order, while a filter is on; nil shows every story. Built when
    /// the filter changes, so a story marked read under "unread only" stays until the next `v`.
    public var visible: [Int]?
    /// Files read so far and in all, while the library is still loading in the background.
    public var loading: LoadProgress?
    /// Feeds fetched so far and in all, while a refresh (R) runs.
    public var refreshing: LoadProgress?
    /// Whether read and starred marks are being kept.
    public var markStore: MarkStoreStatus = .notYetOpen

    public enum MarkStoreStatus: Equatable, Sendable {
        /// Opened after the first frame, so keeping marks never delays it.
        case notYetOpen
        /// Opened once the rest of a file whose first stories are shown has been read: on two cores,
        /// opening it meanwhile takes a core from that read, and the whole list comes later.
        case afterFileRest
        case open
        /// Not wanted, or failed: marks live only as long as the reader runs.
        case unavailable
    }

    public struct LoadProgress: Equatable, Sendable {
        public var filesDone: Int
        public var filesTotal: Int
        public init(filesDone: Int, filesTotal: Int) {
            self.filesDone = filesDone
            self.filesTotal = filesTotal
        }
    }

    public enum Jump: Equatable, Sendable {
        case caption(Int)
        case bullet(Int)
    }

    public struct Search: Equatable, Sendable {
        public enum Scope: Equatable, Sendable {
            /// Titles and deks of every story, from the list.
            case stories
            /// The selected story's text, from the detail.
            case story
        }

        public var query: String
        public var scope: Scope
        /// True while the prompt is open and the query is being typed.
        public var editing: Bool
        /// Matching story indices (`.stories`), or the detail line of each match (`.story`).
        public var matches: [Int] = []
        /// Index into `matches` of the current match.
        public var current: Int?

        public init(query: String, scope: Scope, editing: Bool) {
            self.query = query
            self.scope = scope
            self.editing = editing
        }
    }

    public init(columns: Int, rows: Int, storyCount: Int, marks: [StoryMarks]? = nil, reading: ReadingPreferences = .standard) {
        self.columns = columns
        self.rows = rows
        self.reading = reading
        self.storyCount = storyCount
        self.marks = marks ?? Array(repeating: [], count: storyCount)
        unreadCount = self.marks.lazy.filter { !$0.contains(.read) }.count
        detailWidth = ScreenLayout(columns: columns, rows: rows, focus: .list, reading: reading).detailTextWidth
    }

    public var screen: ScreenLayout { ScreenLayout(columns: columns, rows: rows, focus: focus, reading: reading) }

    /// Where keys are pressed: the prompt or the help while open, else the focused pane.
    public var keyContext: KeyContext {
        if search?.editing == true { return .prompt }
        if helpVisible { return .help }
        switch focus {
        case .list: return .list
        case .detail: return .detail
        }
    }

    /// True when there is a story to act on and room to show it.
    var isBrowsable: Bool { storyCount > 0 && screen.mode != .tooSmall }

    /// Rows in the list: every story, or those the filter admits.
    public var listCount: Int { visible?.count ?? storyCount }

    /// The story shown on list row `row`.
    public func story(atRow row: Int) -> Int { visible?[row] ?? row }

    /// The list row of `story`, or where it would be among the filtered rows (the first row after it).
    public func row(of story: Int) -> Int {
        guard let visible else { return story }
        var low = 0, high = visible.count
        while low < high {
            let middle = (low + high) / 2
            if visible[middle] < story { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
