/// A key as the terminal layer reports it.
public enum Key: Equatable, Sendable {
    case character(Character)
    /// A control chord such as Ctrl-D, by its letter in lower case.
    case control(Character)
    case up, down, left, right, enter, escape, tab, backspace, pageUp, pageDown, home, end
}

/// The default key bindings: a pure function from a key, and whether the search prompt or help overlay
/// is open, to an action. For example `KeyMap.action(for: .character("]"))` is `.nextCaption`.
public enum KeyMap {
    public static func action(for key: Key, promptOpen: Bool = false, helpOpen: Bool = false) -> ReaderAction? {
        if promptOpen {
            switch key {
            case .character(let c): return .searchInput(c)
            case .backspace: return .searchDeleteBackward
            case .enter: return .searchSubmit
            case .escape: return .searchCancel
            default: return nil
            }
        }
        if helpOpen {
            switch key {
            case .character("?"): return .toggleHelp
            case .escape: return .closeHelp
            case .character("Q"): return .quit
            case .control("l"): return .redraw
            default: return nil
            }
        }
        switch key {
        case .character("j"), .down: return .moveDown
        case .character("k"), .up: return .moveUp
        case .enter, .character("l"), .right: return .open
        case .character("q"): return .backOrQuit
        case .escape, .character("h"), .left: return .back
        case .tab: return .toggleFocus
        case .character(" "), .pageDown, .control("d"): return .pageDown
        case .character("b"), .pageUp, .control("u"): return .pageUp
        case .character("g"), .home: return .first
        case .character("G"), .end: return .last
        case .character("]"): return .nextCaption
        case .character("["): return .previousCaption
        case .character("}"): return .nextBullet
        case .character("{"): return .previousBullet
        case .character("/"): return .startSearch
        case .character("n"): return .nextMatch
        case .character("N"): return .previousMatch
        case .character("?"): return .toggleHelp
        case .character("Q"): return .quit
        case .control("l"): return .redraw
        case .character("r"): return .toggleRead
        case .character("s"): return .toggleStar
        case .character("u"): return .nextUnread
        case .character("U"): return .previousUnread
        case .character("v"): return .cycleFilter
        default: return nil
        }
    }

    /// The help overlay's rows: keys, then what they do.
    public static let help: [(keys: String, meaning: String)] = [
        ("j ↓ / k ↑", "next / previous story; scroll the detail a line"),
        ("Enter l →", "open the story in the detail pane"),
        ("q", "back to the list; quit from the list"),
        ("Esc h ←", "back to the list"),
        ("Tab", "focus the other pane"),
        ("Space PgDn ^D", "page down"),
        ("b PgUp ^U", "page up"),
        ("g Home / G End", "first / last story; top / bottom"),
        ("] / [", "next / previous image caption"),
        ("} / {", "next / previous bullet"),
        ("/ then n / N", "search; next / previous match"),
        ("r / s", "mark read or unread / star or unstar"),
        ("u / U", "next / previous unread story"),
        ("v", "list all, unread only, starred only"),
        ("?", "show or hide this help"),
        ("Q", "quit"),
        ("^L", "redraw the screen"),
    ]
}
