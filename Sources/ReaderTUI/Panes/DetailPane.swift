import ArticleModel

/// The selected story, laid out by `DetailLayout` and drawn from the scroll position: a one-cell margin,
/// the jumped-to caption or bullet marked in the margin and highlighted, search matches reversed.
enum DetailPane: ScreenPart {
    static let jumpMarker = "▌"

    static func render(_ view: ReaderView, in rect: Rect, into grid: inout CellGrid) {
        let state = view.state, library = view.library
        guard rect.width > 0, rect.height > 0, state.selected < library.count else { return }
        let layout = library.layout(of: state.selected, width: state.detailWidth)
        let query = state.search.flatMap { $0.editing || $0.scope != .story ? nil : $0.query.lowercased() }
        for row in 0..<rect.height {
            guard let line = layout.line(state.detailTop + row) else { break }
            let y = rect.row + row
            let highlighted: Bool
            switch state.jump {
            case .caption(let k)?: highlighted = line.caption == k
            case .bullet(let k)?: highlighted = line.bullet == k
            case nil: highlighted = false
            }
            var style = style(for: line.style)
            if highlighted {
                style = CellStyle(.highlight, bold: true)
                grid.put(jumpMarker, column: rect.column, row: y, limit: 1, style: CellStyle(.highlight))
            }
            let x = rect.column + 1 + line.indent
            let limit = rect.column + rect.width - x
            grid.put(line.text, column: x, row: y, limit: limit, style: style)
            if let query { highlightMatches(of: query, in: line.text, grid: &grid, column: x, row: y, limit: limit) }
        }
    }

    static func style(for style: DetailLayout.Style) -> CellStyle {
        switch style {
        case .title: return CellStyle(.accent, bold: true)
        case .publisher, .byline, .imagePlaceholder: return CellStyle(.muted)
        case .heading: return CellStyle(.heading, bold: true, underline: true)
        case .dek, .caption, .bullet, .paragraph, .blank: return .normal
        }
    }

    static func highlightMatches(of query: String, in text: String, grid: inout CellGrid, column: Int, row: Int, limit: Int) {
        let ranges = TextSearch.ranges(in: text, of: query)
        guard !ranges.isEmpty else { return }
        let widths = text.map(DisplayWidth.of)
        for range in ranges {
            let start = widths[..<range.lowerBound].reduce(0, +)
            let width = widths[range].reduce(0, +)
            guard start < limit else { continue }
            grid.restyle(column: column + start, row: row, width: min(width, limit - start)) {
                $0.role = .match
                $0.reverse = true
            }
        }
    }
}
