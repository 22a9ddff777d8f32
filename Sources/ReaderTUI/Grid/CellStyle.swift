/// How a cell looks, by role rather than by colour: the theme decides colours, and with `NO_COLOR` only
/// the attributes remain.
public struct CellStyle: Hashable, Sendable {
    /// Numbered in order from 0, so a role can index a table (the terminal's colour pairs).
    public enum Role: Int, Hashable, Sendable, CaseIterable {
        case normal, muted, accent, heading, border, status, selection, highlight, match, notice
    }

    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let normal = CellStyle()
}

/// One terminal cell: a grapheme cluster of width 1 or 2, or the right half of a wide one.
public struct Cell: Hashable, Sendable {
    /// Empty for the second cell of a wide character.
    public var text: String
    public var style: CellStyle

    public static let blank = Cell(text: " ", style: .normal)
    public var isContinuation: Bool { text.isEmpty }
}
