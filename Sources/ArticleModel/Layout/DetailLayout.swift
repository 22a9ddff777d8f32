/// A story laid out as lines for a pane of a given width: title, publisher, dek, the media block (each
/// caption its own paragraph behind a marker, `[image]` for a picture with no caption), then each
/// section's heading, bullets with a hanging indent, and paragraphs.
///
/// The same layout feeds the detail pane and `--dump text`, so both wrap alike. For example at width 20 a
/// bullet `Water levels rose overnight` becomes `  • Water levels rose` and `    overnight`.
public struct DetailLayout: Equatable, Sendable {
    public enum Style: Equatable, Sendable {
        case title, publisher, dek, caption, imagePlaceholder, heading, bullet, paragraph, blank
    }

    /// One screen line: `indent` blank cells, then `text`.
    public struct Line: Equatable, Sendable {
        public var text: String
        public var indent: Int
        public var style: Style
        /// The caption (0-based, among images with a caption) this line belongs to, if any.
        public var caption: Int?
        /// The bullet (0-based, across all sections) this line belongs to, if any.
        public var bullet: Int?
        /// Which paragraph of the story (title, dek, a caption, a bullet...) this line was wrapped from,
        /// so a scroll position can be carried across a change of width.
        public var block: Int
    }

    /// A jump target's first line and how many lines it has.
    public struct Span: Equatable, Sendable {
        public var firstLine: Int
        public var lineCount: Int
    }

    public let width: Int
    public private(set) var lines: [Line] = []
    public private(set) var captions: [Span] = []
    public private(set) var bullets: [Span] = []
    private var blockCount = 0

    public static let captionMarker = "▸ "
    public static let bulletMarker = "• "
    public static let imagePlaceholder = "[image]"

    public init(story: Story, width: Int) {
        self.width = max(1, width)
        add(story.title, style: .title)
        add(story.publisher, style: .publisher)
        if let dek = story.dek {
            addBlank()
            add(dek, style: .dek)
        }
        if !story.images.isEmpty {
            addBlank()
            for image in story.images {
                if let caption = image.caption {
                    let first = lines.count
                    add(caption, style: .caption, marker: Self.captionMarker, caption: captions.count)
                    captions.append(Span(firstLine: first, lineCount: lines.count - first))
                } else {
                    add(Self.imagePlaceholder, style: .imagePlaceholder)
                }
            }
        }
        for section in story.sections {
            addBlank()
            if !section.heading.isEmpty { add(section.heading, style: .heading) }
            for bullet in section.bullets {
                let first = lines.count
                add(bullet, style: .bullet, indent: 2, marker: Self.bulletMarker, bullet: bullets.count)
                bullets.append(Span(firstLine: first, lineCount: lines.count - first))
            }
            for paragraph in section.paragraphs {
                if lines.last?.style != .heading { addBlank() }
                add(paragraph, style: .paragraph)
            }
        }
    }

    private mutating func addBlank() {
        lines.append(Line(text: "", indent: 0, style: .blank, block: blockCount))
        blockCount += 1
    }

    /// Wraps `text` after `indent` cells and an optional marker; continuation lines hang under the text.
    private mutating func add(_ text: String, style: Style, indent: Int = 0, marker: String = "",
                              caption: Int? = nil, bullet: Int? = nil) {
        let markerWidth = DisplayWidth.of(marker)
        let hanging = indent + markerWidth
        // In a pane too narrow for the indent, drop the indent rather than the text.
        let useIndent = hanging < width
        let textWidth = useIndent ? width - hanging : width
        for (n, piece) in TextWrapper.wrap(text, width: textWidth).enumerated() {
            if useIndent {
                let lead = n == 0 ? marker : String(repeating: " ", count: markerWidth)
                lines.append(Line(text: lead + piece, indent: indent, style: style, caption: caption, bullet: bullet, block: blockCount))
            } else {
                lines.append(Line(text: piece, indent: 0, style: style, caption: caption, bullet: bullet, block: blockCount))
            }
        }
        blockCount += 1
    }

    /// The line showing the same place as `line` of `other` (the same paragraph, as far into it as it
    /// still reaches): how a scroll position survives a change of width.
    public func line(matching line: Int, in other: DetailLayout) -> Int {
        guard line > 0, line < other.lines.count else { return 0 }
        let block = other.lines[line].block
        var firstOfBlockInOther = line
        while firstOfBlockInOther > 0, other.lines[firstOfBlockInOther - 1].block == block { firstOfBlockInOther -= 1 }
        let depth = line - firstOfBlockInOther
        guard let first = lines.firstIndex(where: { $0.block >= block }) else { return max(0, lines.count - 1) }
        var target = first
        while target - first < depth, target + 1 < lines.count, lines[target + 1].block == block { target += 1 }
        return target
    }

    /// The layout as plain text lines, indentation included, trailing spaces removed.
    public var plainLines: [String] {
        lines.map { line in
            let text = String(repeating: " ", count: line.indent) + line.text
            var end = text.endIndex
            while end > text.startIndex, text[text.index(before: end)] == " " { end = text.index(before: end) }
            return String(text[..<end])
        }
    }
}
