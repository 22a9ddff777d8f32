import ArticleModel
import ReaderTUI

/// Stories and helpers shared by the grid and reducer tests.
enum Support {
    static let repository: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static func load(_ relative: String) -> [Story] {
        LibraryLoader.load([repository + "/" + relative], order: .path).stories
    }

    static var seedLayout: [Story] { load("Tests/Fixtures/seed-layout.txt") }

    /// A second story so list movement has somewhere to go.
    static let short = Story(publisher: "Other.example", title: "A Short Second Story", dek: "Only a dek.",
                             sections: [StorySection(heading: "Overview", bullets: ["One bullet."])])

    static let wide = Story(
        publisher: "Wide.example", title: "東京で桜が満開 🌸 Cherry blossoms", dek: "気象庁が発表 👍🏽 today",
        images: [StoryImage(caption: "上野公園の桜 📷 photo")],
        sections: [StorySection(heading: "Overview", bullets: ["満開は来週半ばになる見通し 🇯🇵 flags and text mixed together", "한국 벚꽃 축제 🌷"])])

    static func state(_ library: StoryLibrary, _ columns: Int, _ rows: Int) -> ReaderState {
        ReaderState(columns: columns, rows: rows, storyCount: library.count)
    }

    /// Applies keys as a user would type them.
    static func press(_ keys: [Key], _ state: inout ReaderState, _ library: StoryLibrary) {
        for key in keys {
            let action = KeyMap.action(for: key, promptOpen: state.search?.editing == true, helpOpen: state.helpVisible)
            if let action { Reader.reduce(&state, action, library: library) }
        }
    }

    static func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    /// What opening `story` does to the marks of an expected state.
    static func markRead(_ state: inout ReaderState, _ story: Int) {
        if !state.marks[story].contains(.read) { state.unreadCount -= 1 }
        state.marks[story].insert(.read)
    }
}
