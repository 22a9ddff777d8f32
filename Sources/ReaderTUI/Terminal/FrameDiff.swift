/// One cell to write at a place on the screen.
public struct CellChange: Equatable, Sendable {
    public var column: Int
    public var row: Int
    public var cell: Cell
}

/// What the terminal must do to turn the frame on screen into the next one.
public struct FrameUpdate: Equatable, Sendable {
    /// True when nothing on screen can be trusted (the first frame, a new size, Ctrl-L): clear, then draw all.
    public var clearsScreen: Bool
    public var changes: [CellChange]
}

/// The difference between two frames, as a pure function so it can be tested without a terminal: only
/// cells that changed are sent, so a key press never repaints the whole screen.
public enum FrameDiff {
    /// The changes from `previous` (nil when the screen must be redrawn whole) to `next`. The right half
    /// of a wide character is never sent: the terminal fills it when the left half is written.
    public static func update(from previous: CellGrid?, to next: CellGrid) -> FrameUpdate {
        let comparable = previous.flatMap { $0.columns == next.columns && $0.rows == next.rows ? $0 : nil }
        var changes: [CellChange] = []
        for row in 0..<next.rows {
            for column in 0..<next.columns {
                let cell = next[column, row]
                if cell.isContinuation || comparable?[column, row] == cell { continue }
                changes.append(CellChange(column: column, row: row, cell: cell))
            }
        }
        return FrameUpdate(clearsScreen: comparable == nil, changes: changes)
    }
}
