/// `--dump text`: every story laid out as in the detail pane, as plain text wrapped to `width`, stories
/// separated by a blank line and a rule. Nothing but printable text and newlines is written.
public enum TextDump {
    /// `utcOffset` is the local time's distance from UTC in seconds, for dates.
    public static func render(_ stories: [Story], width: Int, utcOffset: Int = 0) -> String {
        var out = ""
        for (n, story) in stories.enumerated() {
            if n > 0 { out += "\n" + String(repeating: "─", count: min(width, 40)) + "\n\n" }
            for line in DetailLayout(story: story, width: width, utcOffset: utcOffset).plainLines {
                out += line
                out += "\n"
            }
        }
        return out
    }
}
