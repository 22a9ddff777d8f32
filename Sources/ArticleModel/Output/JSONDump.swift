/// `--dump json`: one object per story in list order, keys in a fixed order, one story per line:
/// `{"file": …, "index": …, "source": "text"|"rss"|"atom"|"jsonfeed", "publisher": …, "title": …,
/// "dek": … or null, "link": … or null, "date": "2024-06-03T14:05:00Z" or null, "author": … or null,
/// "images": [{"caption": … or null}], "sections": [{"heading": … or null, "bullets": […], "paragraphs": […]}],
/// "read": Bool, "starred": Bool}`.
public enum JSONDump {
    /// `marks` holds each story's saved marks in order; missing ones count as neither read nor starred.
    public static func render(_ stories: [Story], marks: [StoryMarks] = []) -> String {
        var out = "["
        for (n, story) in stories.enumerated() {
            out += n == 0 ? "\n" : ",\n"
            append(story, marks: n < marks.count ? marks[n] : [], to: &out)
        }
        out += stories.isEmpty ? "]\n" : "\n]\n"
        return out
    }

    private static func append(_ story: Story, marks: StoryMarks, to out: inout String) {
        out += "{\"file\":"
        appendString(story.source.file, to: &out)
        out += ",\"index\":\(story.source.index),\"source\":\"\(story.kind.rawValue)\",\"publisher\":"
        appendString(story.publisher, to: &out)
        out += ",\"title\":"
        appendString(story.title, to: &out)
        for (key, value) in [("dek", story.dek), ("link", story.link), ("date", story.date?.iso8601), ("author", story.author)] {
            out += ",\"\(key)\":"
            appendOptional(value, to: &out)
        }
        out += ",\"images\":["
        for (i, image) in story.images.enumerated() {
            out += i == 0 ? "{\"caption\":" : ",{\"caption\":"
            appendOptional(image.caption, to: &out)
            out += "}"
        }
        out += "],\"sections\":["
        for (i, section) in story.sections.enumerated() {
            out += i == 0 ? "{\"heading\":" : ",{\"heading\":"
            appendOptional(section.heading, to: &out)
            out += ",\"bullets\":"
            appendArray(section.bullets, to: &out)
            out += ",\"paragraphs\":"
            appendArray(section.paragraphs, to: &out)
            out += "}"
        }
        out += "],\"read\":\(marks.contains(.read)),\"starred\":\(marks.contains(.starred))}"
    }

    private static func appendOptional(_ text: String?, to out: inout String) {
        if let text { appendString(text, to: &out) } else { out += "null" }
    }

    private static func appendArray(_ items: [String], to out: inout String) {
        out += "["
        for (i, item) in items.enumerated() {
            if i > 0 { out += "," }
            appendString(item, to: &out)
        }
        out += "]"
    }

    /// A JSON string literal; every control character is escaped, so the output is safe on a terminal.
    static func appendString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
