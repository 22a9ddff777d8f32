/// A rectangle of terminal cells.
public struct Rect: Equatable, Sendable {
    public var column: Int
    public var row: Int
    public var width: Int
    public var height: Int

    public init(column: Int, row: Int, width: Int, height: Int) {
        self.column = column
        self.row = row
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public func contains(column c: Int, row r: Int) -> Bool {
        c >= column && c < column + width && r >= row && r < row + height
    }

    public static let empty = Rect(column: 0, row: 0, width: 0, height: 0)
}

/// How the reader sets text, from the configuration's `[reading]`: the detail's text column is at most
/// `maxWidth` cells wide, left-aligned in its pane (a line of 60–80 characters reads best), and in the
/// side-by-side layout the list takes `listPercent` of the width.
public struct ReadingPreferences: Equatable, Sendable {
    public var maxWidth: Int
    public var listPercent: Int

    public static let maxWidthRange = 20...1_000
    public static let listPercentRange = 10...90

    public init(maxWidth: Int = 80, listPercent: Int = 40) {
        self.maxWidth = maxWidth
        self.listPercent = listPercent
    }

    public static let standard = ReadingPreferences()
}

/// Which panes are shown for a terminal size, and where.
///
/// 100 columns or more: list (40 % unless the preferences say otherwise) and detail side by side; 60–99: list above detail; narrower
/// than 60 or shorter than 16 rows: one pane at a time, the focused one; smaller than 20×5: only a
/// "terminal too small" notice. Every pane has a one-row header (marked when focused); the bottom row
/// is the status line. For example at 120×40 the list header is at column 0, row 0, 48 cells wide.
public struct ScreenLayout: Equatable, Sendable {
    public enum Mode: Equatable, Sendable { case sideBySide, stacked, single, tooSmall }

    public static let minimumColumns = 20
    public static let minimumRows = 5

    public let mode: Mode
    public let columns: Int
    public let rows: Int
    /// Header row and content of each pane; `.empty` when the pane is not shown.
    public let listHeader: Rect
    public let list: Rect
    public let detailHeader: Rect
    public let detail: Rect
    /// The column of the vertical border in side-by-side mode.
    public let border: Rect
    public let status: Rect

    /// The widest the detail's text column may be.
    public let maxTextWidth: Int

    public init(columns: Int, rows: Int, focus: Pane, reading: ReadingPreferences = .standard) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        maxTextWidth = reading.maxWidth
        status = Rect(column: 0, row: rows - 1, width: columns, height: rows > 0 ? 1 : 0)
        if columns < Self.minimumColumns || rows < Self.minimumRows {
            mode = .tooSmall
            (listHeader, list, detailHeader, detail, border) = (.empty, .empty, .empty, .empty, .empty)
            return
        }
        let body = rows - 1
        if columns >= 100 {
            mode = .sideBySide
            let listWidth = columns * reading.listPercent / 100
            listHeader = Rect(column: 0, row: 0, width: listWidth, height: 1)
            list = Rect(column: 0, row: 1, width: listWidth, height: body - 1)
            border = Rect(column: listWidth, row: 0, width: 1, height: body)
            detailHeader = Rect(column: listWidth + 1, row: 0, width: columns - listWidth - 1, height: 1)
            detail = Rect(column: listWidth + 1, row: 1, width: columns - listWidth - 1, height: body - 1)
        } else if columns >= 60 && rows >= 16 {
            mode = .stacked
            let listRows = max(3, body * 2 / 5)
            listHeader = Rect(column: 0, row: 0, width: columns, height: 1)
            list = Rect(column: 0, row: 1, width: columns, height: listRows - 1)
            detailHeader = Rect(column: 0, row: listRows, width: columns, height: 1)
            detail = Rect(column: 0, row: listRows + 1, width: columns, height: body - listRows - 1)
            border = .empty
        } else {
            mode = .single
            let header = Rect(column: 0, row: 0, width: columns, height: 1)
            let content = Rect(column: 0, row: 1, width: columns, height: body - 1)
            border = .empty
            if focus == .list {
                (listHeader, list, detailHeader, detail) = (header, content, .empty, .empty)
            } else {
                (listHeader, list, detailHeader, detail) = (.empty, .empty, header, content)
            }
        }
    }

    /// Rows of detail text in view; in single-pane mode the hidden detail counts as full height.
    public var detailViewHeight: Int {
        mode == .single ? max(0, rows - 2) : detail.height
    }

    /// Rows of the story list in view; in single-pane mode the hidden list counts as full height.
    public var listViewHeight: Int {
        mode == .single ? max(0, rows - 2) : list.height
    }

    /// The width the detail is laid out at, even while it is hidden, so its scroll position stays put.
    public var detailTextWidth: Int {
        switch mode {
        case .sideBySide: return min(maxTextWidth, detail.width - 2)
        case .stacked, .single: return min(maxTextWidth, columns - 2)
        case .tooSmall: return 0
        }
    }
}

/// The two panes that can hold the keyboard focus.
public enum Pane: Equatable, Sendable {
    case list, detail
}
