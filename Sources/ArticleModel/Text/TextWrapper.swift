/// Greedy word wrap measured in terminal cells (see `DisplayWidth`).
///
/// Breaks at spaces, hard-breaks words longer than the width, never splits a grapheme cluster, and
/// replaces a character wider than the whole width (a 2-cell character in a 1-cell pane) with U+FFFD, so
/// no line is ever wider than `width`. For example
/// `TextWrapper.wrap("one two three", width: 7)` is `["one two", "three"]`.
public enum TextWrapper {
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines = LineFiller(width: max(1, width))
        var wordStart = text.startIndex
        var wordWidth = 0
        var pendingSpace = false
        // A cluster is as wide as its scalars together, so a word's width is the sum over its scalars.
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if scalar == " " {
                if wordStart < index {
                    lines.place(text[wordStart..<index], width: wordWidth, afterSpace: pendingSpace)
                    pendingSpace = false
                }
                wordWidth = 0
                pendingSpace = true
                wordStart = next
            } else {
                wordWidth += DisplayWidth.of(scalar)
            }
            index = next
        }
        if wordStart < text.endIndex { lines.place(text[wordStart...], width: wordWidth, afterSpace: pendingSpace) }
        return lines.finished()
    }

    /// Lines being filled word by word.
    private struct LineFiller {
        let width: Int
        var lines: [String] = []
        var line = ""
        var lineWidth = 0

        init(width: Int) { self.width = width }

        /// Adds a word `wordWidth` cells wide: on this line (after one space when `afterSpace`), on the
        /// next, or broken across lines when it is wider than a whole line.
        mutating func place(_ word: Substring, width wordWidth: Int, afterSpace: Bool) {
            let gap = lineWidth > 0 && afterSpace ? 1 : 0
            if lineWidth + gap + wordWidth <= width {
                if gap == 1 { line.append(" ") }
                line += word
                lineWidth += gap + wordWidth
                return
            }
            if lineWidth > 0 { endLine() }
            if wordWidth <= width {
                line = String(word)
                lineWidth = wordWidth
            } else {
                hardBreak(word)
            }
        }

        mutating func hardBreak(_ word: Substring) {
            for character in word {
                var c = character
                var w = DisplayWidth.of(c)
                if w > width { c = "\u{FFFD}"; w = 1 }
                if lineWidth + w > width { endLine() }
                line.append(c)
                lineWidth += w
            }
        }

        mutating func endLine() {
            lines.append(line)
            line = ""
            lineWidth = 0
        }

        mutating func finished() -> [String] {
            if lineWidth > 0 || lines.isEmpty { lines.append(line) }
            return lines
        }
    }

    /// The longest prefix of `text` that fits in `width` cells, with `…` where text was cut off.
    public static func truncate(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var out = ""
        var used = 0
        DisplayWidth.forEachCluster(in: text) { character, w in
            if used + w > width - 1 { return false }
            out.append(character)
            used += w
            return true
        }
        while out.last == " " { out.removeLast() }
        return out + "…"
    }
}
