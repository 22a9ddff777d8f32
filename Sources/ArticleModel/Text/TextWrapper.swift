/// Greedy word wrap measured in terminal cells (see `DisplayWidth`).
///
/// Breaks at spaces, hard-breaks words longer than the width, never splits a grapheme cluster, and
/// replaces a character wider than the whole width (a 2-cell character in a 1-cell pane) with U+FFFD, so
/// no line is ever wider than `width`. For example
/// `TextWrapper.wrap("one two three", width: 7)` is `["one two", "three"]`.
public enum TextWrapper {
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var word = ""
        var wordWidth = 0
        var pendingSpace = false

        func endLine() {
            lines.append(line)
            line = ""
            lineWidth = 0
        }
        func placeWord() {
            guard !word.isEmpty else { return }
            let gap = lineWidth > 0 && pendingSpace ? 1 : 0
            if lineWidth + gap + wordWidth <= width {
                if gap == 1 { line.append(" ") }
                line += word
                lineWidth += gap + wordWidth
            } else {
                if lineWidth > 0 { endLine() }
                if wordWidth <= width {
                    line = word
                    lineWidth = wordWidth
                } else {
                    for character in word { // hard break: the word alone is wider than a line
                        var c = character
                        var w = DisplayWidth.of(c)
                        if w > width { c = "\u{FFFD}"; w = 1 }
                        if lineWidth + w > width { endLine() }
                        line.append(c)
                        lineWidth += w
                    }
                }
            }
            word = ""
            wordWidth = 0
            pendingSpace = false
        }

        for character in text {
            if character == " " {
                placeWord()
                pendingSpace = true
            } else {
                word.append(character)
                wordWidth += DisplayWidth.of(character)
            }
        }
        placeWord()
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The longest prefix of `text` that fits in `width` cells, with `…` where text was cut off.
    public static func truncate(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        while out.last == " " { out.removeLast() }
        return out + "…"
    }
}
