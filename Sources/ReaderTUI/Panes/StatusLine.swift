import ArticleModel

/// The bottom row: always `story I/N`, then what the last command did (`caption K/M`, `bullet K/M`,
/// `match K/M`, `no match`), then the detail's scroll position; or the search prompt while typing.
enum StatusLine: ScreenPart {
    static func text(state: ReaderState, library: StoryLibrary) -> String {
        if let search = state.search, search.editing {
            let what = search.scope == .stories ? "search stories" : "search this story"
            return "\(what): /\(search.query)"
        }
        let loading = state.loading.map { "loading \(grouped($0.filesDone))/\(grouped($0.filesTotal))" }
        let fetching = state.refreshing.map { "fetching \(grouped($0.filesDone))/\(grouped($0.filesTotal))" }
        guard library.count > 0 else { return ([state.notice ?? "no stories"] + [fetching, loading].compactMap { $0 }).joined(separator: " · ") }
        let row = state.row(of: state.selected)
        let shown = row < state.listCount && state.story(atRow: row) == state.selected
        var parts = [shown ? "story \(row + 1)/\(state.listCount)" : "story –/\(state.listCount)"]
        if let label = state.filter.label { parts.append(label) }
        let layout = library.layout(of: state.selected, width: state.detailWidth)
        if let notice = state.notice {
            parts.append(notice)
        } else if let jump = state.jump {
            switch jump {
            case .caption(let k): parts.append("caption \(k + 1)/\(layout.captionCount)")
            case .bullet(let k): parts.append("bullet \(k + 1)/\(layout.bulletCount)")
            }
        } else if let search = state.search {
            if search.matches.isEmpty {
                parts.append("no match for “\(search.query)”")
            } else if let current = search.current {
                parts.append("match \(current + 1)/\(search.matches.count)")
            } else {
                parts.append("\(search.matches.count) matches (n for the first)")
            }
        }
        // The total is shown once known. Wrapping a bounded stretch past the view learns it for any
        // ordinary story, without wrapping the whole of a very long one on its first frame.
        layout.prepare(lines: state.detailTop + state.screen.detailViewHeight + totalLookahead)
        parts.append(layout.isComplete ? "line \(min(state.detailTop + 1, layout.lineCount))/\(layout.lineCount)" : "line \(state.detailTop + 1)")
        parts.append("\(grouped(state.unreadCount)) unread")
        if let loading { parts.append(loading) }
        if let fetching { parts.append(fetching) }
        return parts.joined(separator: " · ")
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

    static let hint = "? help  Q quit"
    /// Lines wrapped beyond the view to find a story's length.
    static let totalLookahead = 200

    static func render(_ view: ReaderView, in rect: Rect, into grid: inout CellGrid) {
        let state = view.state, library = view.library
        guard rect.width > 0, rect.height > 0 else { return }
        let style = CellStyle(.status, reverse: true)
        grid.fill(column: rect.column, row: rect.row, width: rect.width, style: style)
        let left = " " + text(state: state, library: library)
        let used = grid.put(left, column: rect.column, row: rect.row, limit: rect.width, style: style)
        if state.search?.editing == true, used < rect.width {
            // A visible cursor after the query.
            grid.put(" ", column: rect.column + used, row: rect.row, limit: 1, style: CellStyle(.status))
        }
        let hintWidth = DisplayWidth.of(hint)
        if used + 2 + hintWidth + 1 <= rect.width {
            grid.put(hint, column: rect.column + rect.width - hintWidth - 1, row: rect.row, limit: hintWidth, style: style)
        }
    }
}
