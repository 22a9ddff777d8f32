import ArticleModel
@testable import FeedFormats
import Testing
import TestSupport

/// A large feed read in parts at once gives exactly what one pass gives, or falls back to one pass.
@Suite struct FeedPartsTests {
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

    @Test func partsGiveWhatOnePassGives() throws {
        let bytes = Self.bigFeed(items: 9_000)
        #expect(bytes.count >= FeedParts.threshold)
        let parts = try #require(FeedParts.find(in: MemoryFile(bytes)), "a large RSS feed is cut")
        #expect(parts.root == .rss)
        #expect(parts.documents.count == FeedParts.parts)
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
        let start = try #require(FeedParts.find(head, in: bytes))
        bytes.removeSubrange(start..<(start + head.count))
        bytes.insert(contentsOf: Array("<title>Named Late</title><link>https://late.example/</link>".utf8), at: bytes.count - "</channel></rss>\n".utf8.count)
        #expect(FeedParts.find(in: MemoryFile(bytes)) != nil)
        let split = FeedXMLFormat().parse(pieces: MemoryFile(bytes), file: "big.xml")
        #expect(split.stories.count == 9_000)
        #expect(Set(split.stories.map(\.publisher)) == ["Named Late"])
        #expect(split.stories[0].identity == "rss https://late.example/ link:https://big.example/0")
        #expect(split.stories[8_999].identity == "rss https://late.example/ link:https://big.example/8999")
        #expect(split.stories == Self.onePass(bytes).stories)
    }

    @Test func aHeadHoldsTheFirstItemsAndTheWholeIsOnePass() throws {
        let bytes = Self.bigFeed(items: 9_000)
        let whole = Self.onePass(bytes)
        let start = try #require(FeedXMLFormat().parseHead(pieces: MemoryFile(bytes), file: "big.xml"))
        #expect(start.stories.count == FeedParts.headItems)
        #expect(start.stories == Array(whole.stories.prefix(FeedParts.headItems)))
        let rest = start.whole.take()
        #expect(rest.stories.count == 9_000)
        #expect(rest.stories == whole.stories)
        #expect(rest.stories.map(\.source.index) == Array(0..<9_000))
        #expect(rest.problems == [])
    }

    @Test func noHeadWhenTheFeedIsNamedOnlyAfterItsFirstItems() throws {
        var bytes = Self.bigFeed(items: 9_000)
        let head = Array("<title>Big</title><link>https://big.example/</link>\n".utf8)
        let start = try #require(FeedParts.find(head, in: bytes))
        bytes.removeSubrange(start..<(start + head.count))
        bytes.insert(contentsOf: head, at: bytes.count - "</channel></rss>\n".utf8.count)
        #expect(FeedXMLFormat().parseHead(pieces: MemoryFile(bytes), file: "big.xml") == nil)
    }

    @Test func aWholeWhoseRestIsCutInTheWrongPlaceIsReadInOnePass() throws {
        // Plain items first, so the head is good; then items holding what looks like an item boundary.
        let bytes = Self.bigFeed(items: 9_000) { $0 < 200 ? "<![CDATA[<p>Item \($0)</p>]]>" : "<![CDATA[x</item> <item>y]]>" }
        let start = try #require(FeedXMLFormat().parseHead(pieces: MemoryFile(bytes), file: "big.xml"))
        let whole = Self.onePass(bytes)
        #expect(start.stories == Array(whole.stories.prefix(start.stories.count)))
        #expect(start.whole.take().stories == whole.stories)
        #expect(whole.stories.count == 9_000)
    }

    @Test func aCutInsideCDATAFallsBackToOnePass() {
        // Every description holds what looks like an item boundary, so the cut lands inside CDATA.
        let bytes = Self.bigFeed(items: 9_000) { _ in "<![CDATA[x</item> <item>y]]>" }
        #expect(FeedParts.find(in: MemoryFile(bytes)) != nil, "a cut is found, in the wrong place")
        let split = FeedXMLFormat().parse(pieces: MemoryFile(bytes), file: "big.xml")
        let whole = Self.onePass(bytes)
        #expect(split.stories.count == 9_000)
        #expect(split.stories == whole.stories)
        #expect(split.stories[4_500].sections == [StorySection(heading: nil, paragraphs: ["x y" + String(repeating: " padding", count: 60)])])
    }

    /// Cuts are looked for in a few KB first: items longer than that are cut from the whole window, and
    /// the parts still give what one pass gives.
    @Test func longItemsAreCutToo() throws {
        let bytes = Self.bigFeed(items: 150) { "<![CDATA[<p>Item \($0)</p>" + String(repeating: "<p>A long paragraph of text.</p>", count: 1_000) + "]]>" }
        #expect(bytes.count >= FeedParts.threshold)
        let parts = try #require(FeedParts.find(in: MemoryFile(bytes)), "a feed of long items is cut")
        #expect(parts.documents.count == FeedParts.parts)
        let split = FeedXMLFormat().parse(pieces: MemoryFile(bytes), file: "big.xml")
        #expect(split.stories.count == 150)
        #expect(split.stories.map(\.title) == Self.onePass(bytes).stories.map(\.title))
        #expect(split.stories.map(\.source.index) == Array(0..<150))
    }

    @Test func smallFeedsAndStreamsAreNotCut() {
        #expect(FeedParts.find(in: MemoryFile(Self.bigFeed(items: 10))) == nil)
        #expect(FeedParts.find(in: WholeBuffer(UnsafeBufferPointer(start: nil, count: 0))) == nil)
    }
}
