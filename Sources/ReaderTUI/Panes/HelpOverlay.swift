import ArticleModel

/// The key table in a box over the middle of the screen, one row per binding (keys, then what they do),
/// scrolled by the reader's keys when it is taller than the screen.
enum HelpOverlay: ScreenPart {
    static let footer = "Esc or ? closes"
    static let scrollingFooter = "j k PgDn PgUp scroll · Esc or ? closes"

    static func render(_ view: ReaderView, in rect: Rect, into grid: inout CellGrid) {
        let entries = view.keys.bindings.map { (keys: $0.keys.map(\.name).joined(separator: " "), meaning: meaning(of: $0)) }
        let keyWidth = entries.map { DisplayWidth.of($0.keys) }.max() ?? 0
        let meaningWidth = entries.map { DisplayWidth.of($0.meaning) }.max() ?? 0
        let width = min(rect.width, keyWidth + meaningWidth + 6)
        let height = min(rect.height, entries.count + 4)
        guard width >= 4, height >= 3 else { return }
        let box = Rect(column: rect.column + (rect.width - width) / 2, row: rect.row + (rect.height - height) / 2,
                       width: width, height: height)
        drawFrame(box, into: &grid)
        let inner = width - 4
        let rowsShown = height - 4
        let top = min(view.state.helpTop, max(0, entries.count - rowsShown))
        for (n, entry) in entries.dropFirst(top).prefix(rowsShown).enumerated() {
            let y = box.row + 1 + n
            grid.put(entry.keys, column: box.column + 2, row: y, limit: min(keyWidth, inner), style: CellStyle(.accent, bold: true))
            let room = inner - keyWidth - 2
            if room > 0 {
                grid.put(TextWrapper.truncate(entry.meaning, width: room), column: box.column + 4 + keyWidth, row: y, limit: room)
            }
        }
        let note = rowsShown < entries.count ? scrollingFooter : footer
        grid.put(TextWrapper.truncate(note, width: inner), column: box.column + 2, row: box.row + height - 2,
                 limit: inner, style: CellStyle(.muted))
    }

    /// The help text, with where it applies when that is not both panes.
    static func meaning(of binding: KeyBinding) -> String {
        let contexts = Set(binding.contexts).subtracting([.help])
        if contexts.isSuperset(of: [.list, .detail]) || contexts.isEmpty { return binding.help }
        if contexts == [.list] { return binding.help + " (list)" }
        if contexts == [.detail] { return binding.help + " (detail)" }
        return binding.help + " (search prompt)"
    }

    static func drawFrame(_ box: Rect, into grid: inout CellGrid) {
        let frame = CellStyle(.border)
        for row in box.row..<(box.row + box.height) { grid.fill(column: box.column, row: row, width: box.width, style: .normal) }
        let bar = String(repeating: "─", count: box.width - 2)
        grid.put("┌" + bar + "┐", column: box.column, row: box.row, style: frame)
        grid.put("└" + bar + "┘", column: box.column, row: box.row + box.height - 1, style: frame)
        for row in (box.row + 1)..<(box.row + box.height - 1) {
            grid.put("│", column: box.column, row: row, style: frame)
            grid.put("│", column: box.column + box.width - 1, row: row, style: frame)
        }
        grid.put(" Keys ", column: box.column + 2, row: box.row, limit: box.width - 4, style: CellStyle(.accent, bold: true))
    }
}
