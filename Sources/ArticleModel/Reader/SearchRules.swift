/// `/`, typing the query, `n` and `N`: searching the titles and deks of every story from the list, or the
/// selected story's text from the detail.
enum SearchRules {
    static func perform(_ command: Command, _ state: inout ReaderState, _ library: StoryLibrary) {
        guard state.isBrowsable else { return }
        switch command {
        case .search:
            state.search = ReaderState.Search(query: "", scope: scope(for: state.focus), editing: true)
        case .deleteBackward:
            if state.search?.editing == true, state.search?.query.isEmpty == false { state.search?.query.removeLast() }
        case .cancelSearch: state.search = nil
        case .submitSearch: submit(&state, library)
        case .nextMatch: step(&state, by: 1, library)
        case .previousMatch: step(&state, by: -1, library)
        default: break // not a search command
        }
    }

    static func scope(for pane: Pane) -> ReaderState.Search.Scope {
        switch pane {
        case .list: return .stories
        case .detail: return .story
        }
    }

    /// A character typed into the prompt, cleaned like text from a file: no control character gets in.
    static func type(_ character: Character, _ state: inout ReaderState) {
        guard state.isBrowsable, state.search?.editing == true else { return }
        let clean = TextCleaner.clean(String(character))
        if !clean.isEmpty { state.search?.query += clean }
    }

    static func submit(_ state: inout ReaderState, _ library: StoryLibrary) {
        guard var search = state.search, search.editing else { return }
        guard !search.query.isEmpty else {
            state.search = nil
            return
        }
        search.editing = false
        search.matches = matches(for: search, state, library)
        state.search = search
        state.jump = nil // the status line now reports the search
        if search.matches.isEmpty { return }
        let position = search.scope == .stories ? state.selected : state.detailTop
        let first = search.matches.firstIndex { $0 >= position } ?? 0 // story indices rise with the rows
        moveToMatch(&state, first, library)
    }

    static func matches(for search: ReaderState.Search, _ state: ReaderState, _ library: StoryLibrary) -> [Int] {
        let query = search.query.lowercased()
        switch search.scope {
        case .stories:
            return (0..<state.listCount).lazy.map { state.story(atRow: $0) }.filter { storyMatches(library.stories[$0], query) }
        case .story:
            var found: [Int] = []
            for (n, line) in NavigationRules.layout(state, library).lines.enumerated() {
                found += repeatElement(n, count: TextSearch.ranges(in: line.text, of: query).count)
            }
            return found
        }
    }

    static func storyMatches(_ story: Story, _ loweredQuery: String) -> Bool {
        TextSearch.contains(story.title, loweredQuery) || TextSearch.contains(story.dek ?? "", loweredQuery)
    }

    static func step(_ state: inout ReaderState, by step: Int, _ library: StoryLibrary) {
        guard let search = state.search, !search.editing, !search.matches.isEmpty,
              search.scope == scope(for: state.focus) else { return }
        let next = ((search.current ?? -step) + step + search.matches.count) % search.matches.count
        moveToMatch(&state, next, library)
    }

    static func moveToMatch(_ state: inout ReaderState, _ index: Int, _ library: StoryLibrary) {
        guard let search = state.search else { return }
        let target = search.matches[index]
        switch search.scope {
        case .stories:
            NavigationRules.select(&state, target)
        case .story:
            NavigationRules.reveal(&state, DetailLayout.Span(firstLine: target, lineCount: 1), library)
            state.jump = nil
        }
        state.search?.current = index
    }

    /// After the detail was laid out again at a new width: the story's matches found again, the current
    /// one still the match in the same paragraph.
    static func rematch(_ state: inout ReaderState, from old: DetailLayout, to new: DetailLayout, _ library: StoryLibrary) {
        guard var search = state.search, search.scope == .story, !search.editing else { return }
        let current = search.current.flatMap { old.line(search.matches[$0])?.block }
        search.matches = matches(for: search, state, library)
        search.current = current.flatMap { block in search.matches.firstIndex { new.line($0)?.block == block } }
            ?? (search.matches.isEmpty ? nil : 0)
        state.search = search
    }

    /// Stories that just arrived are searched too, when a search of the list is under way.
    static func extend(_ state: inout ReaderState, with added: Range<Int>, _ library: StoryLibrary) {
        guard var search = state.search, search.scope == .stories, !search.editing, !added.isEmpty else { return }
        let query = search.query.lowercased()
        search.matches += added.filter { state.filter.admits(state.marks[$0]) && storyMatches(library.stories[$0], query) }
        state.search = search
    }
}
