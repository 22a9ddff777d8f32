import Dispatch
import Synchronization

/// Reads Particle-style plain-text exports into stories, byte by byte and in one pass over the lines.
///
/// ```
/// let result = TextExportParser.parse(Array("Example.news\n\nA Title\n".utf8), file: "a.txt")
/// result.stories.first?.title  // "A Title"
/// ```
/// Layout rules (see README "The story format"): a publisher header is a one-line paragraph holding one
/// domain-like token; the first paragraph after it (skipping an app-store badge) is the title; a following
/// one-line paragraph that is neither a heading nor `Image` is the dek; every line before the first heading
/// is an image caption (`Image` alone is a caption-less image); a heading is a one-line paragraph followed
/// by bullets, or a well-known heading name, or (once sections have begun) a short line without closing
/// punctuation followed by more text.
public enum TextExportParser {
    /// Bytes searched for a NUL to call a file binary.
    public static let binaryProbeLength = 8 * 1024

    public static func parse(_ bytes: [UInt8], file: String) -> ParseResult {
        bytes.withUnsafeBufferPointer { parse($0, file: file) }
    }

    /// With `rereading`, a story keeps its publisher, title and dek, and reads its media block and sections
    /// from the file when they are first wanted: listing, counting and searching need none of them, and
    /// the library then holds a fraction of its text.
    public static func parse(_ input: UnsafeBufferPointer<UInt8>, file: String, rereading: RangeReader? = nil) -> ParseResult {
        if input.count >= 2, (input[0] == 0xFF && input[1] == 0xFE) || (input[0] == 0xFE && input[1] == 0xFF) {
            return .failed(.utf16)
        }
        if Latin1.isLikely(input) {
            // Converted bytes sit at other offsets than the file's: these stories keep their bodies.
            let converted = Latin1.toUTF8(input)
            return converted.withUnsafeBufferPointer { parseUTF8($0, file: file) }
        }
        return parseUTF8(input, file: file, rereading: rereading)
    }

    /// The media block and sections of a story from its body's bytes (everything after its title and dek),
    /// as the parse would have built them.
    static func body(of bytes: UnsafeBufferPointer<UInt8>) -> (images: [StoryImage], sections: [StorySection]) {
        var builder = Builder(input: bytes, file: "")
        builder.splitParagraphs()
        let paragraphs = builder.paragraphs[...]
        let (images, k) = builder.mediaBlock(paragraphs)
        return (images, builder.sections(paragraphs[k...]))
    }

    /// What a story shows when its body cannot be read again as it was.
    static let unreadableBody: (images: [StoryImage], sections: [StorySection]) = ([], [
        StorySection(heading: nil, paragraphs: ["The rest of this story could not be read again: its file changed or went away after it was listed. Open the file again to read it."]),
    ])

    static func parseUTF8(_ input: UnsafeBufferPointer<UInt8>, file: String, split: Bool = true, rereading: RangeReader? = nil) -> ParseResult {
        var start = 0
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { start = 3 }
        let body = UnsafeBufferPointer(rebasing: input[start...])
        if body.allSatisfy(isWhitespaceByte) { return .failed(.empty) }
        if body.prefix(binaryProbeLength).contains(0) { return .failed(.binary) }

        // A large export is cut at a story boundary near its middle and both halves parsed at once:
        // the result is the same, in about half the time on two cores.
        var cuts = [0, body.count]
        if split, body.count >= parallelThreshold, let cut = storyBoundary(in: body, near: body.count / 2) {
            cuts = [0, cut, body.count]
        }
        nonisolated(unsafe) let whole = body
        let bodyStart = start
        var parts = inParallel(cuts.count - 1) { [cuts] n in
            var part = Part(file: file)
            part.add(UnsafeBufferPointer(rebasing: whole[cuts[n]..<cuts[n + 1]]),
                     rereading: rereading.map { ($0, bodyStart + cuts[n]) })
            return part
        }
        return joined(&parts)
    }

    /// `count` results made at once on every core, in order.
    static func inParallel<T>(_ count: Int, _ make: @Sendable (Int) -> T) -> [T] {
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            // The results hold arrays: they must be destroyed, not just their memory freed.
            _ = slots.deinitialize()
            slots.deallocate()
        }
        nonisolated(unsafe) let shared = slots
        DispatchQueue.concurrentPerform(iterations: count) { n in shared[n] = make(n) }
        return slots.map { $0! }
    }

    /// The parts of one file, in order, as one result: stories numbered through, problems renumbered. The
    /// first part's stories are taken as they are, not copied (a story is a large value, and a 10,000-story
    /// file's copies showed in its first screen).
    static func joined(_ parts: inout [Part]) -> ParseResult {
        var stories: [Story] = []
        swap(&stories, &parts[0].stories)
        for k in parts.indices.dropFirst() {
            // Renumbered where they are, each held once, so no story is copied to be changed.
            let before = stories.count
            for n in parts[k].stories.indices { parts[k].stories[n].source.index += before }
            stories += parts[k].stories
            parts[k].stories = []
        }
        var problems: [String] = []
        var headersBefore = 0
        var sawHeader = false
        for stretch in parts.lazy.flatMap(\.stretches) {
            problems += stretch.problems.map { Self.renumber($0, by: headersBefore) }
            headersBefore += stretch.headerCount
            sawHeader = sawHeader || stretch.sawHeader
        }
        let failure: ParseFailure? = stories.isEmpty ? (sawHeader ? .noTitle : .noPublisherHeader) : nil
        return ParseResult(stories: stories, problems: problems, failure: failure)
    }

    /// Inputs at least this large are parsed in two halves at once.
    static let parallelThreshold = 4 * 1024 * 1024

    /// "story 3: …" from the second half becomes "story 3+offset: …".
    static func renumber(_ problem: String, by offset: Int) -> String {
        guard offset > 0, problem.hasPrefix("story "), let colon = problem.firstIndex(of: ":"),
              let number = Int(problem[problem.index(problem.startIndex, offsetBy: 6)..<colon]) else { return problem }
        return "story \(number + offset)" + problem[colon...]
    }

    /// The start of a publisher-header line after `near` that is a paragraph of its own (a blank line
    /// before it and after it): cutting there changes nothing the parser sees. `endIsParagraphEnd` says
    /// whether `body` ends where the input does; when it does not, a header is only taken with the whole
    /// blank line after it in `body`.
    static func storyBoundary(in body: UnsafeBufferPointer<UInt8>, near: Int, endIsParagraphEnd: Bool = true) -> Int? {
        let n = body.count
        /// The line starting at `start`: its content without indentation and trailing blanks, where the
        /// next line starts, and whether its line break is in `body`.
        func line(at start: Int) -> (content: Range<Int>, indent: Int, next: Int, ended: Bool) {
            var i = start
            while i < n, body[i] == 0x20 || body[i] == 0x09 { i += 1 }
            let contentStart = i
            while i < n, body[i] != 0x0A, body[i] != 0x0D { i += 1 }
            var end = i
            while end > contentStart, isWhitespaceByte(body[end - 1]) { end -= 1 }
            let ended = i < n
            if ended { i += body[i] == 0x0D && i + 1 < n && body[i + 1] == 0x0A ? 2 : 1 }
            return (contentStart..<end, contentStart - start, i, ended)
        }
        var start = max(0, near)
        while start < n, body[start] != 0x0A, body[start] != 0x0D { start += 1 }
        if start < n { start += body[start] == 0x0D && start + 1 < n && body[start + 1] == 0x0A ? 2 : 1 }
        var previousBlank = false
        while start < n {
            let current = line(at: start)
            let blank = current.content.isEmpty
            if !blank, previousBlank, current.indent == 0, isDomainToken(UnsafeBufferPointer(rebasing: body[current.content])) {
                if current.next >= n {
                    if endIsParagraphEnd { return start }
                } else {
                    let after = line(at: current.next)
                    if after.content.isEmpty, after.ended || endIsParagraphEnd { return start }
                }
            }
            previousBlank = blank
            start = current.next
        }
        return nil
    }

    static func isWhitespaceByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C }
}

/// One line of the input: byte offsets of its text without indentation and trailing white space. Kept in
/// 32 bits each (files are at most 64 MiB): every paragraph holds its first line, and a large export has a
/// paragraph per few hundred bytes.
struct Line {
    private let startOffset: UInt32
    private let contentStartOffset: UInt32
    private let contentEndOffset: UInt32
    private let indentColumns: UInt32

    init(start: Int, contentStart: Int, contentEnd: Int, indent: Int) {
        startOffset = UInt32(truncatingIfNeeded: start)
        contentStartOffset = UInt32(truncatingIfNeeded: contentStart)
        contentEndOffset = UInt32(truncatingIfNeeded: contentEnd)
        indentColumns = UInt32(truncatingIfNeeded: min(indent, Int(UInt32.max)))
    }

    /// Where the line starts, indentation included.
    var start: Int { Int(startOffset) }
    var contentStart: Int { Int(contentStartOffset) }
    var contentEnd: Int { Int(contentEndOffset) }
    /// Columns of leading white space (a TAB counts to the next multiple of 8).
    var indent: Int { Int(indentColumns) }
    var isBlank: Bool { contentStartOffset == contentEndOffset }
}

/// One paragraph of the input: its first line (what decides its kind), and where its last line's text
/// ends. Its other lines are found again only when its text is wanted: listing a large export needs the
/// first lines alone, and a table of every line cost more to fill than the stories did to make.
struct Paragraph {
    let first: Line
    private let endOffset: UInt32
    private let count: UInt32

    init(first: Line, contentEnd: Int, lineCount: Int) {
        self.first = first
        endOffset = UInt32(truncatingIfNeeded: contentEnd)
        count = UInt32(truncatingIfNeeded: lineCount)
    }

    /// Where the text of its last line ends.
    var contentEnd: Int { Int(endOffset) }
    var lineCount: Int { Int(count) }
    var isOneLine: Bool { count == 1 }
}

/// The stories a thread found in one part of a file (a whole file, or one of its halves), numbered from the
/// part's start, and what each stretch of it gave: a part is parsed in one stretch, or a stretch at a time as
/// it is read (`TextExportStream`).
struct Part {
    /// The file's name, as its stories give their source.
    let file: String
    var stories: [Story] = []
    var stretches: [Stretch] = []
    #if DEBUG
    private let canary: PartCanary
    #endif

    init(file: String) {
        self.file = file
        #if DEBUG
        canary = PartCanary(file: file)
        #endif
    }

    /// Parses `input` into this part; with `rereading`, the reader of the file and where `input` starts in
    /// it, so that the stories read their bodies from the file when wanted.
    mutating func add(_ input: UnsafeBufferPointer<UInt8>, rereading: (reader: RangeReader, base: Int)?) {
        var builder = Builder(input: input, file: file)
        builder.rereading = rereading
        // The builder appends to this part's stories, which stay one array with one owner.
        swap(&builder.stories, &stories)
        builder.run()
        swap(&builder.stories, &stories)
        stretches.append(Stretch(problems: builder.problems, headerCount: builder.headerCount, sawHeader: builder.sawHeader))
    }
}

/// What one stretch of a part gave besides its stories, with problems numbered from the stretch's first
/// header until `TextExportParser.joined` renumbers them.
struct Stretch {
    var problems: [String]
    /// Publisher headers found, titled or not.
    var headerCount: Int
    var sawHeader: Bool
}

private struct Builder {
    let input: UnsafeBufferPointer<UInt8>
    let file: String
    /// Where bodies can be read again from, and where this builder's input starts in the file: set, the
    /// stories defer their bodies.
    var rereading: (reader: RangeReader, base: Int)?
    var paragraphs: [Paragraph] = []
    var stories: [Story] = []
    var problems: [String] = []
    var sawHeader = false
    /// Publisher headers found, titled or not.
    var headerCount = 0
    var scratch: [UInt8] = []

    /// Whether the input has a CR anywhere: without one, line ends are found by memchr, many bytes at a
    /// time (splitting into lines was the parser's largest single cost, byte by byte).
    private let hasReturn: Bool

    init(input: UnsafeBufferPointer<UInt8>, file: String) {
        self.input = input
        self.file = file
        hasReturn = input.baseAddress.map { findByte($0, 0x0D, input.count) != nil } ?? false
    }

    mutating func run() {
        splitParagraphs()
        var storyStarts: [Int] = []
        for (i, paragraph) in paragraphs.enumerated() where paragraph.isOneLine && isPublisherHeader(paragraph.first) {
            storyStarts.append(i)
        }
        sawHeader = !storyStarts.isEmpty
        headerCount = storyStarts.count
        for (n, first) in storyStarts.enumerated() {
            let end = n + 1 < storyStarts.count ? storyStarts[n + 1] : paragraphs.count
            buildStory(header: paragraphs[first], body: paragraphs[(first + 1)..<end], ordinal: n)
        }
    }

    // MARK: Lines and paragraphs

    /// The line that starts at `start`, and where the next one starts.
    @inline(__always)
    private func line(at start: Int) -> (line: Line, next: Int) {
        let n = input.count
        var end = start
        if hasReturn {
            while end < n, input[end] != 0x0A, input[end] != 0x0D { end += 1 }
        } else if let base = input.baseAddress {
            end = findByte(base + start, 0x0A, n - start).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? n
        }
        var i = start
        var indent = 0
        while i < end, input[i] == 0x20 || input[i] == 0x09 {
            indent = input[i] == 0x09 ? (indent / 8 + 1) * 8 : indent + 1
            i += 1
        }
        var contentEnd = end
        while contentEnd > i, TextExportParser.isWhitespaceByte(input[contentEnd - 1]) { contentEnd -= 1 }
        var next = end
        if next < n { next += input[next] == 0x0D && next + 1 < n && input[next + 1] == 0x0A ? 2 : 1 }
        return (Line(start: start, contentStart: i, contentEnd: contentEnd, indent: indent), next)
    }

    /// The input's paragraphs: runs of lines that are not blank.
    mutating func splitParagraphs() {
        paragraphs.reserveCapacity(input.count / 160)
        var first: Line?
        var contentEnd = 0
        var count = 0
        var start = 0
        while start < input.count {
            let (line, next) = line(at: start)
            if line.isBlank {
                if let opened = first { paragraphs.append(Paragraph(first: opened, contentEnd: contentEnd, lineCount: count)) }
                first = nil
            } else if first == nil {
                (first, contentEnd, count) = (line, line.contentEnd, 1)
            } else {
                (contentEnd, count) = (line.contentEnd, count + 1)
            }
            start = next
        }
        if let opened = first { paragraphs.append(Paragraph(first: opened, contentEnd: contentEnd, lineCount: count)) }
    }

    /// Every line of a paragraph, found again from its first.
    func lines(of paragraph: Paragraph) -> [Line] {
        var lines = [paragraph.first]
        var next = line(at: paragraph.first.start).next
        while lines.count < paragraph.lineCount {
            let found = line(at: next)
            lines.append(found.line)
            next = found.next
        }
        return lines
    }

    // MARK: Line kinds

    func bytes(_ line: Line) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: input[line.contentStart..<line.contentEnd])
    }

    func equals(_ line: Line, _ text: StaticString, ignoringCase: Bool = false) -> Bool {
        let b = bytes(line)
        guard b.count == text.utf8CodeUnitCount else { return false }
        let t = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        for i in 0..<b.count {
            let x = b[i], y = t[i]
            if x == y { continue }
            if ignoringCase, x | 0x20 == y | 0x20, (x | 0x20) >= 0x61, (x | 0x20) <= 0x7A { continue }
            return false
        }
        return true
    }

    /// One domain-like token alone at the start of its line: labels of letters, digits and hyphens joined
    /// by dots, ending in a label of two or more letters (`Particle.news`, `apnews.com`).
    func isPublisherHeader(_ line: Line) -> Bool {
        line.indent == 0 && TextExportParser.isDomainToken(bytes(line))
    }
}

extension TextExportParser {
    static func isDomainToken(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 4, b.count <= 253 else { return false }
        var dots = 0
        var labelLength = 0
        var labelAllLetters = true
        var previous: UInt8 = 0x2E
        for byte in b {
            switch byte {
            case 0x2E:
                if previous == 0x2E || previous == 0x2D { return false }
                dots += 1
                labelLength = 0
                labelAllLetters = true
            case 0x41...0x5A, 0x61...0x7A:
                labelLength += 1
            case 0x30...0x39, 0x2D:
                if byte == 0x2D, previous == 0x2E { return false }
                labelLength += 1
                labelAllLetters = false
            default:
                return false
            }
            previous = byte
        }
        return dots >= 1 && labelLength >= 2 && labelAllLetters
    }
}

extension Builder {
    func isImagePlaceholder(_ line: Line) -> Bool { equals(line, "Image") }

    func isAppBadge(_ line: Line) -> Bool {
        equals(line, "Download on the App Store", ignoringCase: true) || equals(line, "Get it on Google Play", ignoringCase: true)
    }

    /// Where the text of a bullet line starts, when the line is a bullet: a glyph (•, -, *, ·, ‣ or ◦)
    /// followed by a space.
    func bulletTextStart(_ line: Line) -> Int? {
        let s = line.contentStart, e = line.contentEnd
        var glyphEnd = s
        let b0 = input[s]
        if b0 == 0x2D || b0 == 0x2A {
            glyphEnd = s + 1
        } else if b0 == 0xC2, s + 1 < e, input[s + 1] == 0xB7 {
            glyphEnd = s + 2
        } else if b0 == 0xE2, s + 2 < e,
                  (input[s + 1] == 0x80 && (input[s + 2] == 0xA2 || input[s + 2] == 0xA3))
                    || (input[s + 1] == 0x97 && input[s + 2] == 0xA6) {
            glyphEnd = s + 3
        } else {
            return nil
        }
        guard glyphEnd < e, input[glyphEnd] == 0x20 || input[glyphEnd] == 0x09 else { return nil }
        var textStart = glyphEnd
        while textStart < e, input[textStart] == 0x20 || input[textStart] == 0x09 { textStart += 1 }
        return textStart
    }

    func isBulletParagraph(_ paragraph: Paragraph) -> Bool { bulletTextStart(paragraph.first) != nil }

    static let knownHeadings: [StaticString] = [
        "Overview", "Timeline", "Perspectives", "Background", "Context", "Key Points", "Analysis",
        "Reactions", "What's Next", "What’s Next", "Quotes", "Sources",
    ]

    /// A one-line paragraph that opens a section; `after` is the paragraph that follows, if any.
    func isHeading(_ paragraph: Paragraph, after next: Paragraph?, inSections: Bool) -> Bool {
        guard paragraph.isOneLine else { return false }
        let line = paragraph.first
        guard bulletTextStart(line) == nil, !isImagePlaceholder(line) else { return false }
        if let next, isBulletParagraph(next) { return true }
        if Self.knownHeadings.contains(where: { equals(line, $0, ignoringCase: true) }) { return true }
        guard inSections, next != nil, line.contentEnd - line.contentStart <= 60 else { return false }
        switch input[line.contentEnd - 1] {
        case 0x2E, 0x21, 0x3F, 0x2C, 0x3B, 0x22, 0x27, 0x29: return false
        default: return true
        }
    }

    // MARK: Fields

    mutating func text(_ line: Line, from start: Int? = nil) -> String {
        let b = UnsafeBufferPointer(rebasing: input[(start ?? line.contentStart)..<line.contentEnd])
        return TextCleaner.cleanField(b)
    }

    /// The lines of a paragraph joined with one space, cleaned.
    mutating func joined(_ paragraph: Paragraph) -> String {
        if paragraph.isOneLine { return text(paragraph.first) }
        scratch.removeAll(keepingCapacity: true)
        for (k, line) in lines(of: paragraph).enumerated() {
            if k > 0 { scratch.append(0x20) }
            scratch.append(contentsOf: bytes(line))
        }
        return scratch.withUnsafeBufferPointer { TextCleaner.cleanField($0) }
    }

    /// Bullets of a bullet paragraph; a line without a glyph continues the bullet before it.
    mutating func bullets(_ paragraph: Paragraph, into list: inout [String]) {
        var current: [Int] = [] // byte ranges flattened as start, end pairs
        func flush(_ builder: inout Builder, _ list: inout [String], _ current: inout [Int]) {
            guard !current.isEmpty else { return }
            builder.scratch.removeAll(keepingCapacity: true)
            var k = 0
            while k < current.count {
                if k > 0 { builder.scratch.append(0x20) }
                builder.scratch.append(contentsOf: UnsafeBufferPointer(rebasing: builder.input[current[k]..<current[k + 1]]))
                k += 2
            }
            let text = builder.scratch.withUnsafeBufferPointer { TextCleaner.cleanField($0) }
            if !text.isEmpty { list.append(text) }
            current.removeAll(keepingCapacity: true)
        }
        for line in lines(of: paragraph) {
            if let textStart = bulletTextStart(line) {
                flush(&self, &list, &current)
                current += [textStart, line.contentEnd]
            } else {
                current += [line.contentStart, line.contentEnd]
            }
        }
        flush(&self, &list, &current)
    }

    // MARK: Stories

    mutating func buildStory(header: Paragraph, body: ArraySlice<Paragraph>, ordinal: Int) {
        let publisher = text(header.first)
        var rest = body[...]
        while let p = rest.first, p.isOneLine, isAppBadge(p.first) { rest = rest.dropFirst() }
        guard let titleParagraph = rest.first else {
            problems.append("story \(ordinal + 1): \(ParseFailure.noTitle)")
            return
        }
        let title = joined(titleParagraph)
        guard !title.isEmpty else {
            problems.append("story \(ordinal + 1): the title is empty once control characters are removed")
            return
        }
        rest = rest.dropFirst()

        // Dek: a one-line paragraph that is not a heading or an image.
        var dek: String?
        if let first = rest.first, first.isOneLine, !isImagePlaceholder(first.first),
           !isHeading(first, after: rest.dropFirst().first, inSections: false),
           !isBulletParagraph(first) {
            dek = joined(first)
            rest = rest.dropFirst()
        }
        let source = StorySource(file: file, index: stories.count)

        if let (reader, base) = rereading, let first = rest.first, let last = rest.last {
            let range = (base + first.first.start)..<(base + last.contentEnd)
            stories.append(Story(publisher: publisher, title: title, dek: dek, source: source, kind: .text,
                                 link: nil, date: nil, author: nil, identity: nil) {
                guard let bytes = reader(range), bytes.count == range.count else { return TextExportParser.unreadableBody }
                return bytes.withUnsafeBufferPointer { TextExportParser.body(of: $0) }
            })
            return
        }
        let (images, k) = mediaBlock(rest)
        stories.append(Story(publisher: publisher, title: title, dek: dek, images: images, sections: sections(rest[k...]),
                             source: source))
    }

    /// Media block: every line up to the first heading is an image; returns them and where sections start.
    mutating func mediaBlock(_ paragraphs: ArraySlice<Paragraph>) -> ([StoryImage], Int) {
        var images: [StoryImage] = []
        var k = paragraphs.startIndex
        while k < paragraphs.endIndex {
            let p = paragraphs[k]
            let next = k + 1 < paragraphs.endIndex ? paragraphs[k + 1] : nil
            if isHeading(p, after: next, inSections: false) || isBulletParagraph(p) { break }
            for line in lines(of: p) {
                images.append(StoryImage(caption: isImagePlaceholder(line) ? nil : text(line)))
            }
            k += 1
        }
        return (images, k)
    }

    /// Sections: a heading, then its bullets and paragraphs.
    mutating func sections(_ paragraphs: ArraySlice<Paragraph>) -> [StorySection] {
        var sections: [StorySection] = []
        var k = paragraphs.startIndex
        while k < paragraphs.endIndex {
            let p = paragraphs[k]
            let next = k + 1 < paragraphs.endIndex ? paragraphs[k + 1] : nil
            if isHeading(p, after: next, inSections: true) {
                sections.append(StorySection(heading: joined(p)))
            } else {
                if sections.isEmpty { sections.append(StorySection(heading: "")) }
                let s = sections.count - 1
                if isBulletParagraph(p) {
                    bullets(p, into: &sections[s].bullets)
                } else {
                    sections[s].paragraphs.append(joined(p))
                }
            }
            k += 1
        }
        return sections
    }
}

#if DEBUG
/// Counts the parse parts alive for each file name, in debug builds: a part whose memory is freed without
/// its being destroyed (a leak the fuzzer found once, when parts were builders) stays counted, and a test
/// can see it.
final class PartCanary: Sendable {
    private static let alive = Mutex<[String: Int]>([:])
    private let file: String

    init(file: String) {
        self.file = file
        Self.alive.withLock { $0[file, default: 0] += 1 }
    }

    deinit {
        let file = self.file
        Self.alive.withLock { $0[file, default: 0] -= 1 }
    }

    /// Parts made for `file` and not yet destroyed.
    static func alive(for file: String) -> Int { alive.withLock { $0[file, default: 0] } }
}
#endif

/// The C library's memchr, which searches many bytes at a time: line splitting is the parser's hot loop
/// (see `tidings-bench parse`). Declared here because the model imports no C module.
@_silgen_name("memchr")
private func findByte(_ start: UnsafeRawPointer, _ byte: Int32, _ count: Int) -> UnsafeMutableRawPointer?
