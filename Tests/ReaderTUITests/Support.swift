import ArticleModel
import Foundation
import ReaderTUI
import StoryLoading
import Testing

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
    /// The real export in ../shared, which only the project's machines have.
    static let sharedSeed = repository + "/../shared/seeds/particle-trump-carney.txt"

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

    static func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    /// The state after `keys`, for tests of what the screen shows. The effects of the same keys are
    /// asserted in the reducer tests, so here they are let go on purpose.
    static func state(after keys: [Key], _ library: StoryLibrary, _ columns: Int, _ rows: Int) -> ReaderState {
        let store = ReducerStore(library, columns, rows)
        store.press(keys)
        store.letEffectsGo()
        return store.state
    }

    /// What opening `story` does to the marks of an expected state.
    static func markRead(_ state: inout ReaderState, _ story: Int) {
        if !state.marks[story].contains(.read) { state.unreadCount -= 1 }
        state.marks[story].insert(.read)
    }
}

/// Drives the reducer as the loop does, and fails the test when an effect the reducer returned is never
/// asserted (as TCA's `TestStore` does): effects gather until `expect(effects:)` checks and clears them,
/// and any still unchecked when the store goes away are reported where they were caused.
final class ReducerStore {
    var state: ReaderState
    let library: StoryLibrary
    let keys: KeyTable
    private var unchecked: [ReaderEffect] = []
    private var causedAt: SourceLocation?

    init(_ library: StoryLibrary, _ columns: Int, _ rows: Int, marks: [StoryMarks]? = nil, keys: KeyTable = .standard) {
        self.library = library
        self.keys = keys
        state = ReaderState(columns: columns, rows: rows, storyCount: library.count, marks: marks)
    }

    init(_ library: StoryLibrary, state: ReaderState) {
        self.library = library
        keys = .standard
        self.state = state
    }

    deinit {
        if !unchecked.isEmpty {
            Issue.record("effects never checked: \(unchecked)", sourceLocation: causedAt ?? SourceLocation(fileID: #fileID, filePath: #filePath, line: #line, column: #column))
        }
    }

    func send(_ action: ReaderAction, sourceLocation: SourceLocation = #_sourceLocation) {
        let effects = ReaderReducer.reduce(&state, action, library: library)
        if !effects.isEmpty, unchecked.isEmpty { causedAt = sourceLocation }
        unchecked += effects
    }

    func send(_ command: Command, sourceLocation: SourceLocation = #_sourceLocation) {
        send(.command(command), sourceLocation: sourceLocation)
    }

    /// Keys as the user types them, each through the key table in the context of the moment.
    func press(_ keys: [Key], sourceLocation: SourceLocation = #_sourceLocation) {
        for key in keys {
            if let action = self.keys.action(for: key, in: state.keyContext) { send(action, sourceLocation: sourceLocation) }
        }
    }

    /// For tests about something else (the screen): the effects so far are not this test's subject.
    func letEffectsGo() { unchecked = [] }

    /// The effects returned since the last check, in order; they count as checked.
    func expect(effects expected: [ReaderEffect], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(unchecked == expected, sourceLocation: sourceLocation)
        unchecked = []
    }
}
