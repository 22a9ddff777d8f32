import ArticleModel

/// The bottom row: always `story I/N`, then what the last command did (`caption K/M`, `bullet K/M`,
/// `match K/M`, `no match`), then the detail's scroll position; or the search prompt while typing.
enum StatusLine: ScreenPart {
    /// What the status line says, fitted to `width` cells: whole parts only, dropped from the least
    /// important while they do not fit (what the last command did stays longest, then the story's place),
    /// so a narrow terminal shows `caption 2/3` rather than half of `line 14/30`.
    static func text(state: ReaderState, library: StoryLibrary, width: Int = .max) -> String {
        if let search = state.search, search.editing {
            let what = search.scope == .stories ? "search stories" : "search this story"
            return "\(what): /\(search.query)"
        }
        let parts = self.parts(state: state, library: library)
        var kept = Set<Int>()
        var used = 0
        for index in parts.indices.sorted(by: { (parts[$0].rank, $0) < (parts[$1].rank, $1) }) {
            let cost = DisplayWidth.of(parts[index].text) + (kept.isEmpty ? 0 : separator.count)
            if used + cost <= width {
                kept.insert(index)
                used += cost
            }
        }
        if kept.isEmpty, let first = parts.indices.min(by: { parts[$0].rank < parts[$1].rank }) {
            return TextWrapper.truncate(parts[first].text, width: width)
        }
        return parts.indices.filter(kept.contains).map { parts[$0].text }.joined(separator: separator)
    }

    static let separator = " · "

    /// Each part in the order shown, with its rank: 0 is kept longest.
    private static func parts(state: ReaderState, library: StoryLibrary) -> [(text: String, rank: Int)] {
        let loading = state.loading.map { ("loading \(grouped($0.filesDone))/\(grouped($0.filesTotal))", 5) }
        let fetching = state.refreshing.map { ("fetching \(grouped($0.filesDone))/\(grouped($0.filesTotal))", 4) }
        guard library.count > 0 else { return [(state.notice ?? "no stories", 0)] + [fetching, loading].compactMap { $0 } }
        let row = state.row(of: state.selected)
        let shown = row < state.listCount && state.story(atRow: row) == state.selected
        var parts = [(shown ? "story \(row + 1)/\(state.listCount)" : "story –/\(state.listCount)", 1)]
        if let label = state.filter.label { parts.append((label, 2)) }
        let layout = library.layout(of: state.selected, width: state.detailWidth)
        if let event = lastEvent(state, layout) { parts.append((event, 0)) }
        // The total is shown once known. Wrapping a bounded stretch past the view learns it for any
        // ordinary story, without wrapping the whole of a very long one on its first frame.
        layout.prepare(lines: state.detailTop + state.screen.detailViewHeight + totalLookahead)
        parts.append((layout.isComplete ? "line \(min(state.detailTop + 1, layout.lineCount))/\(layout.lineCount)" : "line \(state.detailTop + 1)", 3))
        parts.append(("\(grouped(state.unreadCount)) unread", 3))
        return parts + [loading, fetching].compactMap { $0 }
    }

    /// What the last command did: a notice, the caption or bullet jumped to, or the search's state.
    private static func lastEvent(_ state: ReaderState, _ layout: DetailLayout) -> String? {
        if let notice = state.notice { return notice }
        if let jump = state.jump {
            switch jump {
            case .caption(let k): return "caption \(k + 1)/\(layout.captionCount)"
            case .bullet(let k): return "bullet \(k + 1)/\(layout.bulletCount)"
            }
        }
        guard let search = state.search else { return nil }
        if search.matches.isEmpty { return "no match for “\(search.query)”" }
        if let current = search.current { return "match \(current + 1)/\(search.matches.count)" }
        return "\(search.matches.count) matches (n for the first)"
    }

    /// 12345 as "12,345".
    static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    /// `? help  Q quit`, with the keys the key table has for them (none shown for an action left unbound).
    static func hint(_ keys: KeyTable) -> String {
        [(Command.help, "help"), (Command.quit, "quit")].compactMap { command, word in
            keys.keys(for: command).first.map { "\($0.name) \(word)" }
        }.joined(separator: "  ")
    }
    /// Lines wrapped beyond the view to find a story's length.
    static let totalLookahead = 200

    static func render(_ view: ReaderView, in rect: Rect, into grid: inout CellGrid) {
        let state = view.state, library = view.library
        guard rect.width > 0, rect.height > 0 else { return }
        let style = CellStyle(.status, reverse: true)
        grid.fill(column: rect.column, row: rect.row, width: rect.width, style: style)
        let left = " " + text(state: state, library: library, width: rect.width - 1)
        let used = grid.put(left, column: rect.column, row: rect.row, limit: rect.width, style: style)
        if state.search?.editing == true, used < rect.width {
            // A visible cursor after the query.
            grid.put(" ", column: rect.column + used, row: rect.row, limit: 1, style: CellStyle(.status))
        }
        let hint = hint(view.keys)
        let hintWidth = DisplayWidth.of(hint)
        if hintWidth > 0, used + 2 + hintWidth + 1 <= rect.width {
            grid.put(hint, column: rect.column + rect.width - hintWidth - 1, row: rect.row, limit: hintWidth, style: style)
        }
    }
}
