import ArticleModel

/// A colour as the configuration names it: the terminal's own, one of the 16 ANSI colours (`red`,
/// `bright-red`), one of 256 (`208`), or `#rrggbb`. What the terminal cannot show becomes the nearest
/// colour it can (see `nearest(within:)`).
public enum TerminalColor: Equatable, Hashable, Sendable {
    case terminalDefault
    case ansi(Int)
    case indexed(Int)
    case rgb(red: Int, green: Int, blue: Int)

    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `red`, `bright-red`, `default`, `#1e90ff`, or a number 0–255 written as a string; nil otherwise.
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "default" {
            self = .terminalDefault
        } else if let n = Self.names.firstIndex(of: lowered) {
            self = .ansi(n)
        } else if lowered.hasPrefix("bright-"), let n = Self.names.firstIndex(of: String(lowered.dropFirst(7))) {
            self = .ansi(n + 8)
        } else if lowered.hasPrefix("#"), lowered.count == 7, let value = Int(lowered.dropFirst(), radix: 16) {
            self = .rgb(red: value >> 16, green: (value >> 8) & 0xFF, blue: value & 0xFF)
        } else if let n = Int(lowered), (0...255).contains(n) {
            self = .indexed(n)
        } else {
            return nil
        }
    }

    /// The name the configuration file uses for this colour.
    public var name: String {
        switch self {
        case .terminalDefault: return "default"
        case .ansi(let n): return n < 8 ? Self.names[n] : "bright-" + Self.names[n - 8]
        case .indexed(let n): return "\(n)"
        case .rgb(let r, let g, let b):
            let hex = String((1 << 24) | (r << 16) | (g << 8) | b, radix: 16)
            return "#" + hex.dropFirst()
        }
    }

    /// The colour number to give a terminal with `count` colours (8, 16, 256, or 2^24 for direct
    /// colour), or -1 for the terminal's default.
    public func number(forColorCount count: Int) -> Int {
        switch self {
        case .terminalDefault: return -1
        case .ansi(let n): return n < count ? n : n - 8
        case .indexed(let n):
            if n < count { return n }
            let (r, g, b) = Self.rgbOfIndex(n)
            return Self.nearestBasic(r, g, b, count: count)
        case .rgb(let r, let g, let b):
            if count >= 1 << 24 { return (r << 16) | (g << 8) | b }
            if count >= 256 { return Self.nearestIndexed(r, g, b) }
            return Self.nearestBasic(r, g, b, count: count)
        }
    }

    /// The 16 ANSI colours as xterm shows them, for finding the nearest.
    static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func rgbOfIndex(_ n: Int) -> (Int, Int, Int) {
        if n < 16 { return basic[n] }
        if n >= 232 { let v = 8 + (n - 232) * 10; return (v, v, v) }
        let steps = [0, 95, 135, 175, 215, 255]
        let i = n - 16
        return (steps[i / 36], steps[(i / 6) % 6], steps[i % 6])
    }

    /// The nearest of the 240 colours of the 256-colour cube and grey ramp (the first 16 vary by terminal).
    static func nearestIndexed(_ r: Int, _ g: Int, _ b: Int) -> Int {
        (16...255).min { distance(rgbOfIndex($0), (r, g, b)) < distance(rgbOfIndex($1), (r, g, b)) }!
    }

    static func nearestBasic(_ r: Int, _ g: Int, _ b: Int, count: Int) -> Int {
        (0..<min(count, 16)).min { distance(basic[$0], (r, g, b)) < distance(basic[$1], (r, g, b)) }!
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db // weighted: the eye is most sensitive to green
    }
}

/// The colours of each role of the screen: a theme (`dark`, `light`, or `none` for no colour at all, as
/// with `NO_COLOR`) and the roles the configuration changes. Bold, dim and reverse come from the roles
/// themselves and stay in every theme, so the screen reads without colour too.
public struct Palette: Equatable, Sendable {
    public enum Theme: String, CaseIterable, Sendable {
        case dark, light, none
    }

    public struct Colors: Equatable, Hashable, Sendable {
        public var foreground: TerminalColor
        public var background: TerminalColor

        public init(_ foreground: TerminalColor, on background: TerminalColor = .terminalDefault) {
            self.foreground = foreground
            self.background = background
        }
    }

    public var theme: Theme
    public private(set) var colors: [CellStyle.Role: Colors]

    /// The roles the configuration names, in the order `tidings config` prints them.
    public static let roleNames: [(name: String, role: CellStyle.Role, help: String)] = [
        ("title", .accent, "story titles and the focused pane's header"),
        ("publisher", .muted, "publishers, dates and bylines (also dim)"),
        ("heading", .heading, "section headings such as Overview"),
        ("selection", .selection, "the selected story in the focused list"),
        ("highlight", .highlight, "the caption or bullet jumped to"),
        ("match", .match, "search matches"),
        ("status", .status, "the status line (also reverse)"),
        ("border", .border, "the line between the panes (also dim)"),
        ("notice", .notice, "warnings in the status line"),
    ]

    public init(theme: Theme) {
        self.theme = theme
        switch theme {
        case .none: colors = [:]
        // Bright colours for text on a dark background, the plain ones on a light one: each reads on its own.
        case .dark: colors = Self.defaults(text: 8)
        case .light: colors = Self.defaults(text: 0)
        }
    }

    private static func defaults(text offset: Int) -> [CellStyle.Role: Colors] {
        [
            .accent: Colors(.ansi(4 + offset)), .heading: Colors(.ansi(5 + offset)), .selection: Colors(.ansi(4 + offset)),
            .notice: Colors(.ansi(1 + offset)), .highlight: Colors(.ansi(0), on: .ansi(3)), .match: Colors(.ansi(0), on: .ansi(6)),
        ]
    }

    public static let standard = Palette(theme: .dark)

    public var usesColor: Bool { theme != .none }

    /// Gives a role its colours; the terminal's own on its own background is no colour at all.
    public mutating func set(_ role: CellStyle.Role, _ colors: Colors) {
        guard usesColor else { return }
        self.colors[role] = colors == Colors(.terminalDefault) ? nil : colors
    }

    /// Whether a role paints its own background: then reverse video, which would undo it, is left out.
    public func hasBackground(_ role: CellStyle.Role) -> Bool {
        guard let colors = colors[role] else { return false }
        return colors.background != .terminalDefault
    }
}
