/// Everything that can happen to the reader, named for the user's intent. `KeyMap` turns keys into these;
/// the terminal layer turns resizes and mouse events into them.
public enum ReaderAction: Equatable, Sendable {
    case moveDown, moveUp
    case open
    /// `q`: back to the list from the detail, quit from the list.
    case backOrQuit
    /// Esc, `h`, Left: back to the list from the detail; nothing in the list.
    case back
    case toggleFocus
    case pageDown, pageUp
    case first, last
    case nextCaption, previousCaption
    case nextBullet, previousBullet
    case startSearch
    case searchInput(Character)
    case searchDeleteBackward
    case searchSubmit
    case searchCancel
    case nextMatch, previousMatch
    case toggleHelp
    /// Esc while the help overlay is shown.
    case closeHelp
    case quit
    case redraw
    case resized(columns: Int, rows: Int)
    case click(column: Int, row: Int)
    /// Positive `lines` scrolls down (wheel towards the user), negative up.
    case wheel(column: Int, row: Int, lines: Int)
    /// More stories arrived from the background loader, with their saved marks; `progress` is nil once
    /// every file is read.
    case libraryGrew(storyCount: Int, progress: ReaderState.LoadProgress?, marks: [StoryMarks])
    /// Saved marks for stories already in the list, from `from` on (read once the state file is open).
    case marksArrived(from: Int, marks: [StoryMarks])
    /// A one-off message for the status line, such as a failure to save marks.
    case notify(String)
    case toggleRead, toggleStar
    case nextUnread, previousUnread
    case cycleFilter
}

/// What the loop must do beyond drawing the new state.
public enum ReaderEffect: Equatable, Sendable {
    case quit
    /// Repaint every cell, as after Ctrl-L.
    case redrawAll
    /// The marks of this story changed: save them now.
    case saveMarks(story: Int)
}
