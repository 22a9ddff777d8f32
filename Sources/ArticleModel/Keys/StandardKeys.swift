extension KeyTable {
    /// The keys Tidings starts with, in the order the help and the README list them.
    public static let standard: KeyTable = {
        do {
            return try KeyTable(standardBindings)
        } catch {
            fatalError("the standard key table binds one key twice: \(error)") // a programming error, caught by tests
        }
    }()

    static let standardBindings: [KeyBinding] = [
        KeyBinding(.nextStory, [.character("j"), .down], [.list], "select the next story"),
        KeyBinding(.previousStory, [.character("k"), .up], [.list], "select the previous story"),
        KeyBinding(.scrollDown, [.character("j"), .down], [.detail, .help], "scroll down a line"),
        KeyBinding(.scrollUp, [.character("k"), .up], [.detail, .help], "scroll up a line"),
        KeyBinding(.open, [.enter, .character("l"), .right], [.list], "open the story in the detail pane"),
        KeyBinding(.back, [.escape, .character("h"), .left], [.detail], "back to the list"),
        KeyBinding(.backOrQuit, [.character("q")], [.list, .detail], "back to the list; quit from the list"),
        KeyBinding(.switchPane, [.tab], [.list, .detail], "focus the other pane"),
        KeyBinding(.pageDown, [.character(" "), .pageDown, .control("d")], [.list, .detail, .help], "page down"),
        KeyBinding(.pageUp, [.character("b"), .pageUp, .control("u")], [.list, .detail, .help], "page up"),
        KeyBinding(.top, [.character("g"), .home], [.list, .detail, .help], "first story; top of the story"),
        KeyBinding(.bottom, [.character("G"), .end], [.list, .detail, .help], "last story; end of the story"),
        KeyBinding(.nextCaption, [.character("]")], [.detail], "next image caption (wraps around)"),
        KeyBinding(.previousCaption, [.character("[")], [.detail], "previous image caption"),
        KeyBinding(.nextBullet, [.character("}")], [.detail], "next bullet, across sections (wraps around)"),
        KeyBinding(.previousBullet, [.character("{")], [.detail], "previous bullet"),
        KeyBinding(.search, [.character("/")], [.list, .detail], "search titles and deks; in the detail, the story's text"),
        KeyBinding(.nextMatch, [.character("n")], [.list, .detail], "next match"),
        KeyBinding(.previousMatch, [.character("N")], [.list, .detail], "previous match"),
        KeyBinding(.submitSearch, [.enter], [.prompt], "search for what was typed"),
        KeyBinding(.cancelSearch, [.escape], [.prompt], "close the search prompt"),
        KeyBinding(.deleteBackward, [.backspace], [.prompt], "delete the last character typed"),
        KeyBinding(.toggleRead, [.character("r")], [.list, .detail], "mark the story read or unread"),
        KeyBinding(.toggleStar, [.character("s")], [.list, .detail], "star or unstar the story"),
        KeyBinding(.nextUnread, [.character("u")], [.list, .detail], "next unread story (wraps around)"),
        KeyBinding(.previousUnread, [.character("U")], [.list, .detail], "previous unread story"),
        KeyBinding(.cycleFilter, [.character("v")], [.list, .detail], "list all, unread only, starred only, in turn"),
        KeyBinding(.openLink, [.character("o")], [.list, .detail], "open the story's web page in the browser"),
        KeyBinding(.refresh, [.character("R")], [.list, .detail], "fetch the subscribed feeds again, look for new files"),
        KeyBinding(.help, [.character("?")], [.list, .detail, .help], "show or hide this help"),
        KeyBinding(.closeHelp, [.escape], [.help], "close this help"),
        KeyBinding(.quit, [.character("Q")], [.list, .detail, .help], "quit"),
        KeyBinding(.redraw, [.control("l")], [.list, .detail, .help], "redraw the screen"),
    ]
}
