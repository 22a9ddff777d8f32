/// Everything that can happen to the reader: a command from the key table, text typed into the search
/// prompt, the terminal's resizes and mouse events, and the answers to effects the loop ran.
public enum ReaderAction: Equatable, Sendable {
    case command(Command)
    /// A character typed into the search prompt.
    case searchInput(Character)
    case resized(columns: Int, rows: Int)
    case click(column: Int, row: Int)
    /// Positive `lines` scrolls down (wheel towards the user), negative up.
    case wheel(column: Int, row: Int, lines: Int)
    /// A frame is on the screen: time for work that must never delay one (the mark store opens after the
    /// first frame, or after the one that lists the whole of a file read head first).
    case frameShown
    /// The background loader has stories waiting to be taken.
    case storiesWaiting
    /// Stories were added to the end of the library, with their saved marks; `progress` is nil once every
    /// file is read.
    case libraryGrew(storyCount: Int, progress: ReaderState.LoadProgress?, marks: [StoryMarks])
    /// The mark store is open; `notice` is a warning it gave on opening (a damaged file moved aside).
    case markStoreOpened(notice: String?)
    /// No marks are kept this session: not wanted (nil), or the store could not be opened (why).
    case markStoreUnavailable(String?)
    /// Saved marks for stories already in the list, from `from` on.
    case marksArrived(from: Int, marks: [StoryMarks])
    /// Saving marks failed; nothing more is saved this session.
    case marksNotSaved(String)
    /// A one-off message for the status line.
    case notify(String)
    /// A refresh (R) began, over this many feeds.
    case refreshStarted(total: Int)
    /// The refresh running in the background has news waiting.
    case refreshNewsWaiting
    case refreshProgress(done: Int, total: Int)
    /// Stories were put into the library at these places (ascending places in the new list), with their
    /// saved marks: every story already there keeps its place relative to the others.
    case storiesInserted(at: [Int], marks: [StoryMarks])
    /// The refresh is over: how many stories were new and how many feeds failed.
    case refreshFinished(newStories: Int, failedFeeds: Int)
    /// The rest of a file whose first stories opened the reader, put in among them at these places: as
    /// `storiesInserted`, except that a reader still at the top of the list stays at the top, where the
    /// newest story now is. Sent when that rest has been read even if it gave nothing more (`at` empty).
    case fileCompleted(at: [Int], marks: [StoryMarks])

    /// True for what the user did; anything else leaves a notice on the status line.
    var isUserInput: Bool {
        switch self {
        case .command, .searchInput, .click, .wheel: return true
        case .resized, .frameShown, .storiesWaiting, .libraryGrew, .markStoreOpened, .markStoreUnavailable,
             .marksArrived, .marksNotSaved, .notify, .refreshStarted, .refreshNewsWaiting, .refreshProgress, .storiesInserted,
             .refreshFinished, .fileCompleted:
            return false
        }
    }
}

/// Work the reducer asks the loop to do; its result, if any, comes back as a `ReaderAction`.
public enum ReaderEffect: Equatable, Sendable {
    case quit
    /// Repaint every cell, as after Ctrl-L.
    case redrawAll
    /// Open the store of read and starred marks → `.markStoreOpened` or `.markStoreUnavailable`.
    case openMarkStore
    /// Read the saved marks of these stories → `.marksArrived`.
    case loadMarks(Range<Int>)
    /// Save one story's marks now → nothing, or `.marksNotSaved`.
    case saveMarks(story: Int, StoryMarks)
    /// Take what the background loader has read into the library → `.fileCompleted` when the rest of a
    /// file came, then `.libraryGrew`.
    case takeLoadedStories
    /// Open this web address in the browser, the screen given back meanwhile → nothing, or `.notify`.
    case openLink(String)
    /// Start fetching the subscribed feeds in the background → `.refreshStarted`, or `.notify`.
    case startRefresh
    /// Take the refresh's news → `.refreshProgress`, or `.storiesInserted` and `.refreshFinished`.
    case takeRefreshNews
}
