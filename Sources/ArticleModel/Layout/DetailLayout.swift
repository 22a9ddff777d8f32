/// A story laid out as lines for a pane of a given width: title, publisher, dek, the media block (each
/// caption its own paragraph behind a marker, `[image]` for a picture with no caption), then each
/// section's heading, bullets with a hanging indent, and paragraphs.
///
/// Lines are wrapped lazily, paragraph by paragraph, only as far as someone asks: the first screen of a
/// story with 5,000 bullets wraps a screenful, not the story. The same layout feeds the detail pane and
/// `--dump text`, so both wrap alike. For example at width 20 a bullet `Water levels rose overnight`
/// becomes `  • Water levels rose` and `    overnight`.
///
/// A reference type so that what has been wrapped is kept (in `StoryLibrary`'s cache); its answers
/// depend only on the story and the width.
public final class DetailLayout {
    public enum Style: Equatable, Sendable {
        case title, byline, publisher, dek, caption, imagePlaceholder, heading, bullet, paragraph, blank
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
        public init(firstLine: Int, lineCount: Int) {
            self.firstLine = firstLine
            self.lineCount = lineCount
        }
    }

    /// A paragraph before wrapping: where its text is in the story, not a copy of it, so building the
    /// list for a story with thousands of bullets costs little.
    private enum Block {
        case title, byline, publisher, dek, blank, imagePlaceholder
        case caption(image: Int, number: Int)
        case heading(section: Int)
        case bullet(section: Int, item: Int, number: Int)
        case paragraph(section: Int, item: Int)
    }

    public static let captionMarker = "▸ "
    public static let bulletMarker = "• "
    public static let imagePlaceholder = "[image]"

    public let width: Int
    private let story: Story
    /// Author, date and link on one line under the title, when the story has any of them.
    private let byline: String
    private let blocks: [Block]
    private let captionBlocks: [Int]
    private let bulletBlocks: [Int]
    private var laid: [Line] = []
    /// First line of each block wrapped so far; one more entry than blocks wrapped (the end).
    private var blockStarts: [Int] = [0]

    /// `utcOffset` is the local time's distance from UTC in seconds, for the date in the byline. The
    /// publisher is a line under the title unless `showsPublisher` is false (the reader's pane header
    /// names it already).
    public init(story: Story, width: Int, utcOffset: Int = 0, showsPublisher: Bool = true) {
        self.width = max(1, width)
        self.story = story
        byline = [story.author, story.date?.longLabel(offset: utcOffset), story.link].compactMap { $0 }.joined(separator: " · ")
        var blocks: [Block] = [.title]
        if !byline.isEmpty { blocks.append(.byline) }
        if showsPublisher { blocks.append(.publisher) }
        var captionBlocks: [Int] = []
        var bulletBlocks: [Int] = []
        if story.dek != nil { blocks += [.blank, .dek] }
        if !story.images.isEmpty {
            blocks.append(.blank)
            for (i, image) in story.images.enumerated() {
                // A blank line between pictures, so each caption reads as one unit.
                if i > 0 { blocks.append(.blank) }
                if image.caption != nil {
                    blocks.append(.caption(image: i, number: captionBlocks.count))
                    captionBlocks.append(blocks.count - 1)
                } else {
                    blocks.append(.imagePlaceholder)
                }
            }
        }
        for (s, section) in story.sections.enumerated() {
            blocks.append(.blank)
            if let heading = section.heading, !heading.isEmpty { blocks.append(.heading(section: s)) }
            blocks.reserveCapacity(blocks.count + section.bullets.count + 2 * section.paragraphs.count)
            for item in section.bullets.indices {
                blocks.append(.bullet(section: s, item: item, number: bulletBlocks.count))
                bulletBlocks.append(blocks.count - 1)
            }
            for item in section.paragraphs.indices {
                switch blocks.last {
                case .heading?, .blank?: break
                default: blocks.append(.blank)
                }
                blocks.append(.paragraph(section: s, item: item))
            }
        }
        self.blocks = blocks
        self.captionBlocks = captionBlocks
        self.bulletBlocks = bulletBlocks
    }

    // MARK: Lazy wrapping

    private var blocksDone: Int { blockStarts.count - 1 }

    /// True once every paragraph is wrapped, so `lineCount` is known without more work.
    public var isComplete: Bool { blocksDone == blocks.count }

    /// Wraps paragraphs until at least `count` lines exist or the story ends.
    public func prepare(lines count: Int) {
        while laid.count < count, blocksDone < blocks.count { wrapNextBlock() }
    }

    private func prepare(block: Int) {
        while blocksDone <= block, blocksDone < blocks.count { wrapNextBlock() }
    }

    /// A block's text and how it is set: style, indent, the marker on its first line, and the caption or
    /// bullet it is.
    private struct Piece {
        var text: String
        var style: Style
        var indent = 0
        var marker = ""
        var caption: Int?
        var bullet: Int?
    }

    private func piece(_ block: Block) -> Piece {
        switch block {
        case .title: return Piece(text: story.title, style: .title)
        case .byline: return Piece(text: byline, style: .byline)
        case .publisher: return Piece(text: story.publisher, style: .publisher)
        case .dek: return Piece(text: story.dek ?? "", style: .dek)
        case .blank: return Piece(text: "", style: .blank)
        case .imagePlaceholder: return Piece(text: Self.imagePlaceholder, style: .imagePlaceholder)
        case .caption(let image, let number):
            return Piece(text: story.images[image].caption ?? "", style: .caption, marker: Self.captionMarker, caption: number)
        case .heading(let s): return Piece(text: story.sections[s].heading ?? "", style: .heading)
        case .bullet(let s, let item, let number):
            return Piece(text: story.sections[s].bullets[item], style: .bullet, indent: 2, marker: Self.bulletMarker, bullet: number)
        case .paragraph(let s, let item): return Piece(text: story.sections[s].paragraphs[item], style: .paragraph)
        }
    }

    private func wrapNextBlock() {
        let index = blocksDone
        let piece = piece(blocks[index])
        let (text, style, indent, marker, caption, bullet) = (piece.text, piece.style, piece.indent, piece.marker, piece.caption, piece.bullet)
        if style == .blank {
            laid.append(Line(text: "", indent: 0, style: .blank, block: index))
        } else {
            let markerWidth = DisplayWidth.of(marker)
            let hanging = indent + markerWidth
            // In a pane too narrow for the indent, drop the indent rather than the text.
            let useIndent = hanging < width
            for (n, piece) in TextWrapper.wrap(text, width: useIndent ? width - hanging : width).enumerated() {
                let lead = !useIndent ? "" : (n == 0 ? marker : String(repeating: " ", count: markerWidth))
                laid.append(Line(text: lead + piece, indent: useIndent ? indent : 0, style: style,
                                 caption: caption, bullet: bullet, block: index))
            }
        }
        blockStarts.append(laid.count)
    }

    // MARK: Reading lines

    /// The number of lines; wraps the whole story the first time.
    public var lineCount: Int {
        prepare(block: blocks.count - 1)
        return laid.count
    }

    /// Line `index`, or nil past the end; wraps only as far as that line.
    public func line(_ index: Int) -> Line? {
        prepare(lines: index + 1)
        return index >= 0 && index < laid.count ? laid[index] : nil
    }

    /// Every line; wraps the whole story.
    public var lines: [Line] {
        prepare(block: blocks.count - 1)
        return laid
    }

    /// The largest top line for a view of `height` rows, learning only whether more than `top + height`
    /// lines exist when the answer does not need the whole story.
    public func clampTop(_ top: Int, height: Int) -> Int {
        guard top > 0 else { return 0 }
        let (wanted, overflow) = top.addingReportingOverflow(max(0, height))
        prepare(lines: overflow ? Int.max : wanted)
        if !overflow, laid.count >= wanted { return top }
        return max(0, laid.count - height)
    }

    // MARK: Jump targets

    public var captionCount: Int { captionBlocks.count }
    public var bulletCount: Int { bulletBlocks.count }

    public func captionSpan(_ k: Int) -> Span { span(ofBlock: captionBlocks[k]) }
    public func bulletSpan(_ k: Int) -> Span { span(ofBlock: bulletBlocks[k]) }

    private func span(ofBlock block: Int) -> Span {
        prepare(block: block)
        return Span(firstLine: blockStarts[block], lineCount: blockStarts[block + 1] - blockStarts[block])
    }

    /// The first caption (`captions: true`) or bullet starting at or after `line`, wrapping only up to it.
    public func firstTarget(captions: Bool, atOrAfter line: Int) -> Int? {
        let targets = captions ? captionBlocks : bulletBlocks
        return targets.indices.first { span(ofBlock: targets[$0]).firstLine >= line }
    }

    /// The last caption or bullet starting before `line`.
    public func lastTarget(captions: Bool, before line: Int) -> Int? {
        let targets = captions ? captionBlocks : bulletBlocks
        return targets.indices.last { span(ofBlock: targets[$0]).firstLine < line }
    }

    /// The line showing the same place as `line` of `other` (the same paragraph, as far into it as it
    /// still reaches): how a scroll position survives a change of width.
    public func line(matching line: Int, in other: DetailLayout) -> Int {
        guard line > 0, let otherLine = other.line(line) else { return 0 }
        let block = otherLine.block
        let depth = line - other.span(ofBlock: block).firstLine
        guard block < blocks.count else { return 0 }
        let here = span(ofBlock: block)
        return here.firstLine + min(depth, max(0, here.lineCount - 1))
    }

    /// The layout as plain text lines, indentation included, trailing spaces removed.
    public var plainLines: [String] {
        lines.map { line in
            var text = String(repeating: " ", count: line.indent) + line.text
            while text.last == " " { text.removeLast() }
            return text
        }
    }
}
