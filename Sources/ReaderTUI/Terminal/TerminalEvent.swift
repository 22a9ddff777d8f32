import ArticleModel

/// What the terminal reported: a key, a new size, a mouse event, a request to quit (a signal), or the end
/// of the keyboard input.
enum TerminalEvent: Equatable {
    case key(Key)
    case resized(columns: Int, rows: Int)
    case click(column: Int, row: Int)
    case wheel(column: Int, row: Int, lines: Int)
    case quitSignal(Int32)
    case inputClosed
    /// One of the descriptors the loop waits on (the background loader's, the refresh's) is readable.
    case wake(Int32)
    case ignored
}
