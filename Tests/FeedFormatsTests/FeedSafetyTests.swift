import ArticleModel
@testable import FeedFormats
import Foundation
import Testing
import TestSupport

/// Hostile and broken feeds: nothing runs, nothing outside the file is read, nothing reaches the
/// terminal, and a broken feed gives one clear reason or the items that could be saved.
@Suite struct FeedSafetyTests {
    /// Every text field of a story, for checks that must hold on all of them.
    static func fields(_ story: Story) -> [String] {
        var fields = [story.publisher, story.title] + [story.dek, story.link, story.author].compactMap { $0 }
        fields += story.images.compactMap(\.caption)
        for section in story.sections { fields += [section.heading].compactMap { $0 } + section.bullets + section.paragraphs }
        return fields
    }

    static func isSafe(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .privateUse, .unassigned, .surrogate, .lineSeparator, .paragraphSeparator: return false
            default: return true
            }
        }
    }

    @Test func escapeSequencesBidiAndControlsAreCleanedInEveryField() throws {
        let esc = "\u{1B}"
        let feed = """
        <rss version="2.0"><channel><title>Feed\(esc)[31m Red\u{202E}</title><link>https://f.example/</link>
        <item><title>Title\(esc)]0;pwned\u{07} here\u{200B}</title>
        <author>Name\(esc)[2J</author>
        <description><![CDATA[<p>Para\(esc)[1mgraph\u{2066}</p><ul><li>Bul\u{9B}31mlet</li></ul><img alt="Alt\(esc)[5m" src="https://i.example/x.jpg"><h2>Head\u{0}ing</h2>]]></description>
        </item></channel></rss>
        """
        let story = try #require(FeedFixtures.parse(text: feed).stories.first)
        #expect(story.publisher == "Feed Red")
        #expect(story.title == "Title here")
        #expect(story.author == "Name")
        #expect(story.sections.first?.paragraphs == ["Paragraph"])
        #expect(story.sections.first?.bullets == ["Bullet"])
        #expect(story.images == [StoryImage(caption: "Alt")])
        for field in Self.fields(story) { #expect(Self.isSafe(field), "\(field.debugDescription)") }
    }

    @Test func everyForbiddenControlIsFoundWhereverItSits() {
        // The many-bytes-at-a-time search against the plain rule, for every byte value at every place in
        // two whole blocks and in the tail after the last one, with a second control later on.
        for value in 0...255 {
            for place in 0..<75 {
                var bytes = [UInt8](repeating: 0x61, count: 75)
                bytes[place] = UInt8(value)
                if place < 60 { bytes[70] = 0x1B }
                let found = bytes.withUnsafeBufferPointer(ControlShield.firstForbidden)
                let expected = ControlShield.isForbidden(UInt8(value)) ? place : (place < 60 ? 70 : nil)
                #expect(found == expected, "byte \(value) at \(place)")
            }
        }
        let allowed: [UInt8] = Array("line one\n\ttabbed\r\nand “curly” text, 0x7F: \u{7F}".utf8)
        #expect(allowed.withUnsafeBufferPointer(ControlShield.firstForbidden) == nil)
    }

    /// The parser reads the file a few KB at a time, and a control becomes three bytes on the way in: one
    /// that falls at the end of a read, or of a piece of the file, still arrives whole and is cleaned.
    @Test func aControlAtAReadsEdgeIsCarriedWhole() throws {
        var feed = "<rss version=\"2.0\"><channel><title>F</title><link>https://f.example/</link>"
        var expected: [String] = []
        for k in 0..<300 {
            let pad = String(repeating: "x", count: k % 7)
            feed += "<item><title>Item \(k)\(pad)\u{1B}[31m red\u{07}</title><guid>\(k)</guid></item>\n"
            // The escape sequence goes whole; a lone control shows as a replacement character.
            expected.append("Item \(k)\(pad) red\u{FFFD}")
        }
        feed += "</channel></rss>"
        let bytes = Array(feed.utf8)
        for pieceLength in [1, 2, 3, 7, 4096, 65_536] {
            let result = FeedXMLFormat().parse(pieces: MemoryFile(bytes, pieceLength: pieceLength), file: "t.xml")
            #expect(result.problems == [], "pieces of \(pieceLength)")
            #expect(result.stories.map(\.title) == expected, "pieces of \(pieceLength)")
        }
    }

    /// Links as feeds write them: whole http(s) addresses kept as they are (the usual case, taken
    /// quickly), relative ones resolved, and none with a control, a space or a format character.
    @Test func linksAreWholeHTTPAddressesOrNothing() {
        let base = "https://news.example/world/today.html"
        #expect(WebLink.resolve("https://news.example/a?b=1", against: base) == "https://news.example/a?b=1")
        #expect(WebLink.resolve(" http://news.example/a ", against: nil) == "http://news.example/a")
        #expect(WebLink.resolve("HTTPS://News.example/a", against: nil) == "https://News.example/a")
        #expect(WebLink.resolve("https://", against: base) == nil)
        #expect(WebLink.resolve("https:///path", against: base) == nil)
        #expect(WebLink.resolve("https://ニュース.example/記事", against: nil) == "https://ニュース.example/記事")
        #expect(WebLink.resolve("https://news.example/a\u{200B}b", against: nil) == nil)
        #expect(WebLink.resolve("https://news.example/a\u{7F}", against: nil) == nil)
        #expect(WebLink.resolve("https://news.example/a b", against: nil) == nil)
        #expect(WebLink.resolve("javascript:alert(1)", against: base) == nil)
        #expect(WebLink.resolve("/b", against: base) == "https://news.example/b")
        #expect(WebLink.resolve("c", against: base) == "https://news.example/world/c")
        #expect(WebLink.resolve("c", against: "https://news.example/x\u{202E}/") == nil)
    }

    @Test func characterReferencesToControlsAreDropped() throws {
        let feed = "<rss><channel><title>F</title><item><title>A&#x1b;[31mB &#7; C</title></item></channel></rss>"
        let story = try #require(FeedFixtures.parse(text: feed).stories.first)
        #expect(Self.isSafe(story.title))
        #expect(!story.title.contains("\u{1B}"))
    }

    /// Found by the fuzzer: a feed with no usable title is named by its link's host, and a control in that
    /// host reached the name as the private-use character that carries it through libxml2.
    @Test func aFeedNamedByItsLinkNeverCarriesAControl() throws {
        let named = "<rss><channel><link>https://harbor.example/news</link><item><title>A</title></item></channel></rss>"
        #expect(try #require(FeedFixtures.parse(text: named).stories.first).publisher == "harbor.example")
        let hostile = "<rss><channel><link>https://harbor.\u{14}\u{1B}[31m.example/</link><item><title>A</title></item></channel></rss>"
        let story = try #require(FeedFixtures.parse(text: hostile).stories.first)
        #expect(story.publisher == "Untitled feed")
        let relative = "<rss><channel><link>https://harbor.\u{1F}.example/</link><item><title>A</title><link>a/b</link></item></channel></rss>"
        #expect(try #require(FeedFixtures.parse(text: relative).stories.first).link == nil, "a relative link inherits its base's control")
    }

    @Test func anExternalEntityIsNeverRead() throws {
        let secret = NSTemporaryDirectory() + "tidings-secret-\(UUID().uuidString)"
        try "TOP-SECRET-CONTENT".write(toFile: secret, atomically: true, encoding: .utf8)
        let dtd = NSTemporaryDirectory() + "tidings-evil-\(UUID().uuidString).dtd"
        try "<!ENTITY leak SYSTEM \"file://\(secret)\">".write(toFile: dtd, atomically: true, encoding: .utf8)
        defer {
            unlink(secret)
            unlink(dtd)
        }
        let feeds = [
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://\(secret)\">]><rss><channel><title>F</title><item><title>a &xxe; b</title></item></channel></rss>",
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % p SYSTEM \"file://\(dtd)\"> %p;]><rss><channel><title>F</title><item><title>c &leak; d</title></item></channel></rss>",
            "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"file://\(dtd)\"><rss><channel><title>F</title><item><title>e &leak; f</title></item></channel></rss>",
        ]
        for feed in feeds {
            let result = FeedFixtures.parse(text: feed)
            #expect(result.stories.count == 1)
            for story in result.stories {
                for field in Self.fields(story) { #expect(!field.contains("TOP-SECRET"), "\(field)") }
            }
        }
    }

    @Test func aBillionLaughsIsOneWarningAndTheItemsStillLoad() throws {
        var entities = "<!ENTITY lol \"lol\">"
        for level in 1...9 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        let feed = "<?xml version=\"1.0\"?><!DOCTYPE rss [\(entities)]><rss><channel><title>F</title>"
            + "<item><title>Before</title></item><item><title>&lol9;</title><description>x</description></item>"
            + "<item><title>After</title></item></channel></rss>"
        let started = Date()
        let result = FeedFixtures.parse(text: feed)
        #expect(Date().timeIntervalSince(started) < 5, "a guard against runaway expansion, not a speed figure")
        #expect(result.stories.map(\.title) == ["Before", "x", "After"])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.hasPrefix("malformed XML, line 1: Entity 'lol9' not defined") == true)
        for story in result.stories { #expect(!story.title.contains("lol")) }
    }

    @Test func aTruncatedFeedKeepsTheItemsBeforeTheBreak() {
        let feed = "<rss><channel><title>F</title><item><title>One</title></item><item><title>Two</title></item><item><title>Thr"
        let result = FeedFixtures.parse(text: feed)
        #expect(result.stories.map(\.title) == ["One", "Two"])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.hasPrefix("malformed XML, line 1:") == true)
        #expect(result.problems.first?.hasSuffix("the items before it were read") == true)
    }

    @Test func garbageIsOneReasonNotACrash() {
        #expect(FeedFixtures.parse(text: "<<<>>>&&&").failure == .malformedFeed("line 1: StartTag: invalid element name"))
        #expect(FeedFixtures.parse(text: "<rss><channel><title>Empty</title></channel></rss>").failure == .noItems)
        #expect(FeedFixtures.parse(text: "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [1, 2]").failure == .malformedFeed("invalid JSON"))
        #expect(FeedFixtures.parse(text: "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}").failure == .noItems)
    }

    @Test func documentsThatAreNotFeedsSaySo() {
        #expect(FeedFixtures.parse(text: "<!DOCTYPE html><html><body><p>Hi</p></body></html>").failure == .notAFeed("an HTML page"))
        #expect(FeedFixtures.parse(text: "<?xml version=\"1.0\"?><svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>").failure == .notAFeed("XML whose root is <svg:svg>"))
        #expect(FeedFixtures.parse(text: "{\"name\": \"package\", \"version\": \"1.0.0\"}").failure == .notAFeed("JSON without a jsonfeed.org version"))
        #expect(ParseFailure.notAFeed("an HTML page").description == "not a story or feed (an HTML page)")
    }

    @Test func sniffingLooksOnlyAtTheFirstSignificantByte() {
        func recognized(_ text: String) -> [String] {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { buffer in
                [FeedXMLFormat() as any StoryFormat, JSONFeedFormat()].filter { $0.recognizes(buffer) }.map(\.name)
            }
        }
        #expect(recognized("\u{FEFF}\n  <rss>") == ["rss"])
        #expect(recognized("\n{\"version\": 1}") == ["jsonfeed"])
        #expect(recognized("Example.news\n\nTitle") == [])
        #expect(recognized("") == [])
    }

    @Test func deeplyNestedHTMLDoesNotTrap() throws {
        let html = String(repeating: "<div><ul><li>", count: 20_000) + "deep" + String(repeating: "</li></ul></div>", count: 20_000)
        let story = try #require(FeedFixtures.body(html))
        #expect(Self.fields(story).joined().contains("deep"))
    }

    @Test func aHugeItemCountIsFine() {
        let items = (0..<5_000).map { "<item><title>Item \($0)</title></item>" }.joined()
        let result = FeedFixtures.parse(text: "<rss><channel><title>F</title>\(items)</channel></rss>")
        #expect(result.stories.count == 5_000)
        #expect(result.stories.last?.title == "Item 4999")
        #expect(result.stories.map(\.source.index) == Array(0..<5_000))
    }
}
