@testable import ArticleModel
import Testing
import TestSupport

/// A large export read a piece at a time gives exactly what the whole-buffer parse gives.
@Suite struct TextExportStreamTests {
    /// Stories of every shape the cuts must not disturb: text before the first header, a header with no
    /// title, a domain-like line inside a paragraph, a story much longer than a stretch, captions and
    /// bullets that wrap.
    static func library(stories: Int, newline: String = "\n", longStory: Bool = true) -> [UInt8] {
        var text = "Notes before the first story are not a story.\n\n"
        for n in 0..<stories {
            text += "Example.news\n\nStory \(n) – a “title”\n\nA dek for story \(n).\n\nA caption\nImage\n\nOverview\n\n"
            text += "  • A bullet that wraps\n    onto a second line.\n  • Another.\n\n"
            if n % 17 == 3 { text += "Timeline\n\nnot-a-header.example\nbut a paragraph of two lines\n\nnor.example\n  • this\n\n" }
            if n % 29 == 5 { text += "broken.example\n\n" } // a header with no title
            if n == 40, longStory { text += "Background\n\n" + String(repeating: "  • A long story’s bullet.\n", count: 900) + "\n" }
        }
        return Array(text.replacingOccurrences(of: "\n", with: newline).utf8)
    }

    static func whole(_ bytes: [UInt8]) -> ParseResult {
        let file = MemoryFile(bytes)
        return bytes.withUnsafeBufferPointer { TextExportParser.parse($0, file: "big.txt", rereading: file.rereading) }
    }

    static func streamed(_ bytes: [UInt8], pieceLength: Int, stretchLength: Int) -> ParseResult? {
        let file = MemoryFile(bytes, pieceLength: pieceLength)
        return TextExportStream.parse(file, name: "big.txt", rereading: file.rereading!, stretchLength: stretchLength, threshold: 0)
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func aStreamGivesTheStoriesOfTheWholeParse(newline: String) throws {
        let bytes = Self.library(stories: 120, newline: newline)
        // Pieces of an odd length split line breaks, CRLF pairs and multi-byte characters.
        let streamed = try #require(Self.streamed(bytes, pieceLength: 997, stretchLength: 4096))
        let whole = Self.whole(bytes)
        #expect(streamed.stories.count == 120)
        #expect(streamed.stories == whole.stories)
        #expect(streamed.problems == whole.problems)
        #expect(streamed.problems == [7, 37, 67, 97].map { "story \($0): a publisher header with no title after it" })
        #expect(streamed.stories.map(\.source.index) == Array(0..<120))
        #expect(streamed.stories[40].sections.last?.bullets.count == 900)
        let file = MemoryFile(bytes, pieceLength: 997)
        let part = TextExportStream.part(of: file, from: 0, name: "big.txt", rereading: file.rereading!, stretchLength: 4096)
        #expect(part.stretches.count > 15, "the stream was really cut: \(part.stretches.count) stretches")
    }

    @Test(arguments: ["\n", "\r\n"])
    func aWindowMayEndAnywhere(newline: String) throws {
        let bytes = Self.library(stories: 12, newline: newline, longStory: false)
        let whole = Self.whole(bytes)
        for pieceLength in [1, 2, 3, 5, 8, 13] {
            let streamed = try #require(Self.streamed(bytes, pieceLength: pieceLength, stretchLength: 64))
            #expect(streamed.stories == whole.stories, "pieces of \(pieceLength)")
            #expect(streamed.problems == whole.problems, "pieces of \(pieceLength)")
        }
    }

    @Test func aLargeFileIsReadInPartsAtOnce() throws {
        var bytes: [UInt8] = []
        while bytes.count < TextExportParser.parallelThreshold { bytes += Self.library(stories: 200) }
        let file = MemoryFile(bytes)
        let cuts = TextExportStream.evenCuts(file, from: 0, size: bytes.count)
        #expect(cuts.count == TextExportStream.parts - 1)
        for (k, cut) in cuts.enumerated() {
            let place = bytes.count * (k + 1) / TextExportStream.parts
            #expect(cut > place && cut < place + TextExportStream.stretchLength)
            #expect(Array(bytes[cut..<(cut + 13)]) == Array("Example.news\n".utf8))
        }
        let streamed = try #require(TextExportStream.parse(file, name: "big.txt", rereading: file.rereading!))
        let whole = Self.whole(bytes)
        #expect(streamed.stories.count == whole.stories.count)
        #expect(streamed.stories == whole.stories)
        #expect(streamed.problems == whole.problems)
    }

    /// The format gives a large export's first stories, and its whole parse already running elsewhere; a
    /// small file gives neither.
    @Test func aLargeExportsHeadComesWithItsWholeParse() throws {
        var bytes: [UInt8] = []
        while bytes.count < TextExportParser.parallelThreshold { bytes += Self.library(stories: 200) }
        let whole = Self.whole(bytes)
        let start = try #require(TextExportFormat().parseHead(pieces: MemoryFile(bytes), file: "big.txt"))
        // Whole stretches are read until they hold enough for a screen.
        #expect(start.stories.count >= TextExportStream.headStories && start.stories.count < whole.stories.count / 2)
        #expect(start.stories == Array(whole.stories.prefix(start.stories.count)), "the whole parse's first stories")
        let rest = start.whole.take()
        #expect(rest.stories == whole.stories)
        #expect(rest.problems == whole.problems)
        #expect(TextExportFormat().parseHead(pieces: MemoryFile(Self.library(stories: 12)), file: "small.txt") == nil)
    }

    @Test func onlyAHeadThatShowsUTF8IsStreamed() {
        func start(_ text: [UInt8]) -> Int? { text.withUnsafeBufferPointer(TextExportStream.textStart) }
        #expect(start(Array("Example.news\n\nCafé\n".utf8)) == 0)
        #expect(start([0xEF, 0xBB, 0xBF] + Array("Example.news\n\nCafé\n".utf8)) == 3)
        #expect(start(Array("Example.news\n\nPlain ASCII, which might be Latin-1 further on\n".utf8)) == nil)
        #expect(start(Array("Example.news\n\nCaf".utf8) + [0xE9, 0x0A]) == nil, "Latin-1")
        #expect(start([0xFF, 0xFE, 0x45, 0x00]) == nil, "UTF-16")
        #expect(start(Array("Example.news\n\nCafé\n".utf8) + [0x00]) == nil, "binary")
        let small = Self.library(stories: 3)
        let file = MemoryFile(small)
        #expect(TextExportStream.parse(file, name: "small.txt", rereading: file.rereading!) == nil, "under the threshold")
    }

    /// A large export's first screen comes from its first stretches: their stories are the whole parse's
    /// first stories, and reading stops at the first stretch that makes enough.
    @Test func theHeadIsTheFirstStoriesOfTheWholeParse() throws {
        let bytes = Self.library(stories: 120)
        let file = MemoryFile(bytes, pieceLength: 997)
        let head = try #require(TextExportStream.head(of: file, name: "big.txt", rereading: file.rereading!, enough: 10,
                                                      stretchLength: 4096, threshold: 0))
        let whole = Self.whole(bytes)
        #expect(head.elementsEqual(whole.stories.prefix(head.count)), "the whole parse's first stories")
        #expect(head.map(\.source.index) == Array(0..<head.count))
        // Stretches of 4 KB hold fewer than 30 of these stories; the first 10 end within the second.
        #expect(head.count >= 10 && head.count < 40, "\(head.count) stories")
    }

    /// A head reads at most `headBytes`, and what it read past its last story boundary is not a story:
    /// here every story is whole, though the bytes read end in the middle of one.
    @Test func aHeadStopsAtItsLastStoryBoundary() throws {
        var bytes: [UInt8] = []
        while bytes.count < TextExportStream.headBytes * 3 / 2 { bytes += Self.library(stories: 100) }
        let file = MemoryFile(bytes)
        let head = try #require(TextExportStream.head(of: file, name: "big.txt", rereading: file.rereading!, enough: .max, threshold: 0))
        let whole = Self.whole(bytes)
        #expect(head.count > 100 && head.count < whole.stories.count)
        #expect(head.elementsEqual(whole.stories.prefix(head.count)), "the whole parse's first stories")
    }

    @Test func smallOrUncertainFilesHaveNoHead() {
        let small = MemoryFile(Self.library(stories: 3))
        #expect(TextExportStream.head(of: small, name: "small.txt", rereading: small.rereading!) == nil, "under the threshold")
        var ascii: [UInt8] = []
        while ascii.count < TextExportParser.parallelThreshold { ascii += Array("Example.news\n\nA plain title\n\n".utf8) }
        let plain = MemoryFile(ascii)
        #expect(TextExportStream.head(of: plain, name: "plain.txt", rereading: plain.rereading!) == nil, "may be Latin-1 further on")
        let titleless = MemoryFile(Array("Example.news\n\nTitle “one”\n\n".utf8) + Array(repeating: 0x61, count: 2_000_000))
        #expect(TextExportStream.head(of: titleless, name: "long.txt", rereading: titleless.rereading!, threshold: 0) == nil,
                "no story boundary in the bytes a head may read")
    }

    @Test func aHeaderAtTheEndOfAWindowIsOnlyACutWithItsBlankLineSeen() {
        let window = Array("Example.news\n\nTitle\n\nnext.example\n\n".utf8)
        func cut(_ count: Int, atEnd: Bool) -> Int? {
            window.withUnsafeBufferPointer { TextExportParser.storyBoundary(in: UnsafeBufferPointer(rebasing: $0[..<count]), near: 0, endIsParagraphEnd: atEnd) }
        }
        #expect(cut(window.count, atEnd: false) == 21)
        #expect(cut(window.count - 1, atEnd: false) == nil, "the blank line after it is not seen yet")
        #expect(cut(window.count - 1, atEnd: true) == 21, "at the end of the input the header ends its paragraph")
        #expect(cut(window.count - 2, atEnd: false) == nil, "the header's own line is not whole yet")
        let indented = Array("Example.news\n\nTitle\n\nnot.example\n  ".utf8)
        let early = indented.withUnsafeBufferPointer { TextExportParser.storyBoundary(in: $0, near: 0, endIsParagraphEnd: false) }
        #expect(early == nil, "the line after the header may go on to hold text")
    }
}
