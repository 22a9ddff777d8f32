import ArticleModel
@testable import FeedFormats
import Testing
import TestSupport

/// A large feed read as two halves at once gives exactly what one pass gives, or falls back to one pass.
@Suite struct FeedHalvesTests {
    /// An RSS feed of `count` items of about 600 bytes each, some with HTML in CDATA.
    static func bigFeed(items count: Int, itemText: (Int) -> String = { "<![CDATA[<p>Item \($0) body with <b>bold</b> text.</p>]]>" }) -> [UInt8] {
        var text = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Big</title><link>https://big.example/</link>\n"
        for n in 0..<count {
            text += "<item><title>Item \(n)</title><link>https://big.example/\(n)</link><dc:creator>Writer \(n % 7)</dc:creator>"
            text += "<description>\(itemText(n))" + String(repeating: " padding", count: 60) + "</description></item>\n"
        }
        return Array((text + "</channel></rss>\n").utf8)
    }

    static func onePass(_ bytes: [UInt8]) -> ParseResult {
        bytes.withUnsafeBufferPointer { FeedXMLFormat().parse($0, file: "big.xml") }
    }

    @Test func halvesGiveWhatOnePassGives() throws {
        let bytes = Self.bigFeed(items: 9_000)
        #expect(bytes.count >= FeedHalves.threshold)
        let halves = try #require(FeedHalves.find(in: MemoryFile(bytes)), "a large RSS feed is cut")
        #expect(halves.root == .rss)
        let split = FeedXMLFormat().parse(pieces: MemoryFile(bytes), file: "big.xml")
        let whole = Self.onePass(bytes)
        #expect(split.stories.count == 9_000)
        #expect(split.stories == whole.stories)
        #expect(split.problems == whole.problems && split.problems == [])
        #expect(split.stories.map(\.source.index) == Array(0..<9_000))
    }

    @Test func aChannelThatNamesItselfAfterItsItemsIsNamedSoInBothHalves() throws {
        var bytes = Self.bigFeed(items: 9_000)
        // No title or link before the items; both come after the last one, where only the second half sees them.
        let head = Array("<title>Big</title><link>https://big.example/</link>\n".utf8)
        let start = try #require(FeedHalves.find(head, in: bytes))
        bytes.removeSubrange(start..<(start + head.count))
        bytes.insert(contentsOf: Array("<title>Named Late</title><link>https://late.example/</link>".utf8), at: bytes.count - "</channel></rss>\n".utf8.count)
        #expect(FeedHalves.find(in: MemoryFile(bytes)) != nil)
        let split = FeedXMLFormat().parse(pieces: MemoryFile(bytes), file: "big.xml")
        #expect(split.stories.count == 9_000)
        #expect(Set(split.stories.map(\.publisher)) == ["Named Late"])
        #expect(split.stories[0].identity == "rss https://late.example/ link:https://big.example/0")
        #expect(split.stories[8_999].identity == "rss https://late.example/ link:https://big.example/8999")
        #expect(split.stories == Self.onePass(bytes).stories)
    }

    @Test func aCutInsideCDATAFallsBackToOnePass() {
        // Every description holds what looks like an item boundary, so the cut lands inside CDATA.
        let bytes = Self.bigFeed(items: 9_000) { _ in "<![CDATA[x</item> <item>y]]>" }
        #expect(FeedHalves.find(in: MemoryFile(bytes)) != nil, "a cut is found, in the wrong place")
        let split = FeedXMLFormat().parse(pieces: MemoryFile(bytes), file: "big.xml")
        let whole = Self.onePass(bytes)
        #expect(split.stories.count == 9_000)
        #expect(split.stories == whole.stories)
        #expect(split.stories[4_500].sections == [StorySection(heading: nil, paragraphs: ["x y" + String(repeating: " padding", count: 60)])])
    }

    @Test func smallFeedsAndStreamsAreNotCut() {
        #expect(FeedHalves.find(in: MemoryFile(Self.bigFeed(items: 10))) == nil)
        #expect(FeedHalves.find(in: WholeBuffer(UnsafeBufferPointer(start: nil, count: 0))) == nil)
    }
}
