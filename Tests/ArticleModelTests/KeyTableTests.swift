@testable import ArticleModel
import Testing

/// The one key table: lookups per context, names, conflicts and its Markdown form.
@Suite struct KeyTableTests {
    @Test func aKeyMeansWhatItsContextSays() {
        let keys = KeyTable.standard
        #expect(keys.command(for: .character("j"), in: .list) == .nextStory)
        #expect(keys.command(for: .character("j"), in: .detail) == .scrollDown)
        #expect(keys.command(for: .character("]"), in: .detail) == .nextCaption)
        #expect(keys.command(for: .character("]"), in: .list) == nil)
        #expect(keys.command(for: .escape, in: .prompt) == .cancelSearch)
        #expect(keys.command(for: .escape, in: .help) == .closeHelp)
        #expect(keys.command(for: .escape, in: .detail) == .back)
        #expect(keys.command(for: .escape, in: .list) == nil)
        #expect(keys.action(for: .character("j"), in: .prompt) == .searchInput("j"))
        #expect(keys.action(for: .control("l"), in: .prompt) == nil)
    }

    @Test func everyCommandHasAKeyAndAHelpText() {
        let bound = Set(KeyTable.standard.bindings.map(\.command))
        #expect(bound == Set(Command.allCases))
        #expect(KeyTable.standard.bindings.allSatisfy { !$0.keys.isEmpty && !$0.help.isEmpty && !$0.contexts.isEmpty })
    }

    @Test(arguments: [
        ("j", Key.character("j")), ("G", .character("G")), ("Down", .down), ("down", .down), ("Ctrl-D", .control("d")),
        ("ctrl-d", .control("d")), ("PgDn", .pageDown), ("Space", .character(" ")), ("Enter", .enter), ("Tab", .tab),
        ("Esc", .escape), ("F1", .function(1)), ("Backspace", .backspace), ("?", .character("?")),
    ])
    func keyNamesReadAndWrite(name: String, key: Key) {
        #expect(Key(name: name) == key)
        #expect(Key(name: key.name) == key)
    }

    @Test(arguments: ["", "Ctrl-", "Ctrl-1", "F0", "F13", "Hyper", " ", "\u{1B}", "jk"])
    func nonsenseKeyNamesAreRefused(name: String) {
        #expect(Key(name: name) == nil)
    }

    @Test func rebindingDropsTheDefaultsAndRefusesAKeyBoundTwice() throws {
        let rebound = try KeyTable.standard.rebinding(.nextCaption, to: [.character("c")])
        #expect(rebound.command(for: .character("c"), in: .detail) == .nextCaption)
        #expect(rebound.command(for: .character("]"), in: .detail) == nil)
        #expect(throws: KeyTable.Conflict(key: .character("j"), context: .detail, commands: [.scrollDown, .nextCaption])) {
            try KeyTable.standard.rebinding(.nextCaption, to: [.character("j")])
        }
        let conflict = KeyTable.Conflict(key: .character("j"), context: .detail, commands: [.scrollDown, .nextCaption])
        #expect(conflict.description == "the key j is bound to both scroll-down and next-caption in the detail")
    }

    @Test func markdownHasOneRowPerBindingAndEscapesAwkwardKeys() throws {
        let lines = KeyTable.standard.markdown.split(separator: "\n")
        #expect(lines.count == KeyTable.standard.bindings.count + 2)
        #expect(lines[0] == "| keys | action | where | what it does |")
        #expect(lines[2] == "| `j` `Down` | `next-story` | list | select the next story |")
        let odd = try KeyTable.standard.rebinding(.toggleStar, to: [.character("|"), .character("`")])
        #expect(odd.markdown.contains("| `\\|` `` ` `` | `toggle-star` | list, detail | star or unstar the story |"))
    }
}
