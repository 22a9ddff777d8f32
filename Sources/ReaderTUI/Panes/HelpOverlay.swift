import ArticleModel

/// The key table in a box over the middle of the screen.
enum HelpOverlay {
    static func render(into grid: inout CellGrid) {
        let keyWidth = KeyMap.help.map { DisplayWidth.of($0.keys) }.max() ?? 0
        let meaningWidth = KeyMap.help.map { DisplayWidth.of($0.meaning) }.max() ?? 0
        let width = min(grid.columns, keyWidth + meaningWidth + 7)
        let height = min(grid.rows, KeyMap.help.count + 4)
        guard width >= 4, height >= 3 else { return }
        let left = (grid.columns - width) / 2
        let top = (grid.rows - height) / 2
        let frame = CellStyle(.border)
        for row in top..<(top + height) { grid.fill(column: left, row: row, width: width, style: .normal) }
        let bar = String(repeating: "─", count: width - 2)
        grid.put("┌" + bar + "┐", column: left, row: top, style: frame)
        grid.put("└" + bar + "┘", column: left, row: top + height - 1, style: frame)
        for row in (top + 1)..<(top + height - 1) {
            grid.put("│", column: left, row: row, style: frame)
            grid.put("│", column: left + width - 1, row: row, style: frame)
        }
        grid.put(" Keys ", column: left + 2, row: top, limit: width - 4, style: CellStyle(.accent, bold: true))
        let inner = width - 4
        for (n, entry) in KeyMap.help.prefix(height - 4).enumerated() {
            let row = top + 1 + n
            grid.put(entry.keys, column: left + 2, row: row, limit: min(keyWidth, inner), style: CellStyle(.accent, bold: true))
            if keyWidth + 2 < inner {
                grid.put(TextWrapper.truncate(entry.meaning, width: inner - keyWidth - 2), column: left + 4 + keyWidth, row: row,
                         limit: inner - keyWidth - 2)
            }
        }
        grid.put(TextWrapper.truncate("Esc or ? closes", width: inner), column: left + 2, row: top + height - 2,
                 limit: inner, style: CellStyle(.muted))
    }
}
