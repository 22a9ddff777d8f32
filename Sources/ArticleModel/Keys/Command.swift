/// Everything a key can ask for, by the stable name the key table, `tidings --keys` and the configuration
/// file's `[keys]` section use (`next-caption`). What each does is the reducer's business; which keys ask
/// for it, where, is the key table's.
public enum Command: String, CaseIterable, Sendable {
    case nextStory = "next-story"
    case previousStory = "previous-story"
    case scrollDown = "scroll-down"
    case scrollUp = "scroll-up"
    case open
    case back
    /// `q`: back to the list from the detail; quit from the list.
    case backOrQuit = "back-or-quit"
    case switchPane = "switch-pane"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case top
    case bottom
    case nextCaption = "next-caption"
    case previousCaption = "previous-caption"
    case nextBullet = "next-bullet"
    case previousBullet = "previous-bullet"
    case search
    case nextMatch = "next-match"
    case previousMatch = "previous-match"
    case submitSearch = "submit-search"
    case cancelSearch = "cancel-search"
    case deleteBackward = "delete-backward"
    case toggleRead = "toggle-read"
    case toggleStar = "toggle-star"
    case nextUnread = "next-unread"
    case previousUnread = "previous-unread"
    case cycleFilter = "cycle-filter"
    case openLink = "open-link"
    case refresh
    case help
    case closeHelp = "close-help"
    case quit
    case redraw
}
