import ArticleModel
@testable import FeedFormats
import Foundation
import Testing

/// Paths and parsing helpers for the feed tests.
enum FeedFixtures {
    static let folder: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/Tests/Fixtures/feeds"
    }()

    static func fixture(_ name: String) throws -> ParseResult {
        let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + name))
        return parse(Array(bytes), file: name)
    }

    /// Parses with the format that claims the bytes, as the loader does (XML or JSON here).
    static func parse(_ bytes: [UInt8], file: String = "t.xml") -> ParseResult {
        bytes.withUnsafeBufferPointer { buffer in
            let formats: [any StoryFormat] = [FeedXMLFormat(), JSONFeedFormat()]
            let format = formats.first { $0.recognizes(buffer) } ?? FeedXMLFormat()
            return format.parse(buffer, file: file)
        }
    }

    static func parse(text: String, file: String = "t.xml") -> ParseResult { parse(Array(text.utf8), file: file) }

    /// One RSS 2.0 item with the given inner XML, in a feed called Test Feed.
    static func rssItem(_ inner: String, channel: String = "<title>Test Feed</title><link>https://feed.example/</link>") -> Story? {
        parse(text: "<rss version=\"2.0\"><channel>\(channel)<item>\(inner)</item></channel></rss>").stories.first
    }

    /// One RSS item whose description is this HTML.
    static func body(_ html: String) -> Story? {
        rssItem("<title>T</title><link>https://feed.example/a/b</link><description><![CDATA[\(html)]]></description>")
    }
}

/// Each feed format, read from a realistic fixture, every field of the mapping checked.
@Suite struct FeedFormatTests {
    @Test func aChannelTitleAndLinkAfterTheItemsStillNameEveryStory() throws {
        let early = FeedFixtures.parse(text: """
            <rss version="2.0"><channel><title>Early</title><item><title>One</title><guid>a1</guid></item>
            <item><title>Two</title></item><link>https://late.example/</link></channel></rss>
            """)
        #expect(early.stories.map(\.publisher) == ["Early", "Early"])
        #expect(early.stories.map(\.identity) == ["rss https://late.example/ id:a1", "rss https://late.example/ title:Two@"])
        let late = FeedFixtures.parse(text: """
            <rss version="2.0"><channel><item><title>One</title><guid>a1</guid></item>
            <title>Late &amp; Named</title></channel></rss>
            """, file: "late.xml")
        #expect(late.stories.map(\.publisher) == ["Late & Named"])
        #expect(late.stories.map(\.identity) == ["rss Late & Named id:a1"])
    }

    @Test func rss2NewsItemWithFullContent() throws {
        let result = try FeedFixtures.fixture("harbor-news.rss")
        #expect(result.failure == nil && result.problems == [])
        #expect(result.stories.count == 3)
        let story = result.stories[0]
        #expect(story.kind == .rss)
        #expect(story.publisher == "Harbor Daily")
        #expect(story.title == "Ferry & Tram Fares Frozen for Another Year")
        #expect(story.dek == "The council kept single fares at £2.40 after a close vote.")
        #expect(story.link == "https://harbor.example/2026/06/fares-frozen")
        #expect(story.date?.iso8601 == "2026-06-11T08:30:00Z")
        #expect(story.author == "Marta Okonkwo")
        #expect(story.identity == "rss https://harbor.example/ id:harbor-2026-0611")
        #expect(story.images == [
            StoryImage(caption: "The first ferry of the day leaves Pier 3, where queues doubled in May."),
            StoryImage(caption: "A tram on Quay Street"),
            StoryImage(caption: "Commuters queue at Pier 3 on a May morning."),
        ])
        #expect(story.sections == [
            StorySection(heading: nil, paragraphs: [
                "The transport committee voted five to four on Wednesday to keep fares where they are, citing a rise in ridership [1] since the spring.",
            ]),
            StorySection(heading: "What changes for riders", bullets: [
                "Single tickets stay at £2.40 on ferries and trams.", "Monthly passes drop from £64 to £61.", "Student passes drop to £40.",
            ]),
            StorySection(heading: "What happens next", bullets: [
                "1. The budget goes to the full council on 2 July.", "2. New ticket machines arrive in August.",
            ], paragraphs: [
                "“Nobody should have to choose between the ferry and lunch,” said the committee chair.",
                "Route · Peak · Off-peak", "F1 Pier 3–Island · £2.40 · £1.90",
                "Full minutes are on the council site [2]. Comments close Friday.",
            ]),
            StorySection(heading: "Links", bullets: [
                "[1] https://harbor.example/reports/ridership-2026", "[2] https://harbor.example/council/minutes",
            ]),
        ])
    }

    @Test func rss2ItemsWithOnlyADescription() throws {
        let stories = try FeedFixtures.fixture("harbor-news.rss").stories
        #expect(stories[1].dek == nil, "no full content: the description is the body, not a dek")
        #expect(stories[1].author == "Harbor Desk", "the name of an RSS author written `mail (Name)`")
        #expect(stories[1].images == [StoryImage(caption: nil)], "an image enclosure")
        #expect(stories[1].identity == "rss https://harbor.example/ id:https://harbor.example/2026/06/lighthouse")
        #expect(stories[2].date?.iso8601 == "2026-06-10T12:00:00Z", "EST is five hours behind")
        #expect(stories[2].sections == [StorySection(heading: nil, paragraphs: ["Barges will work at night until late July."])])
        #expect(stories[2].identity == "rss https://harbor.example/ link:https://harbor.example/2026/06/dredging")
    }

    @Test func atomEntriesWithHTMLXHTMLAndTextContent() throws {
        let result = try FeedFixtures.fixture("field-notes.atom")
        #expect(result.failure == nil && result.problems == [])
        let stories = result.stories
        #expect(stories.map(\.kind) == [.atom, .atom, .atom])
        #expect(stories.map(\.publisher) == ["Field Notes", "Field Notes", "Field Notes"])
        #expect(stories[0].title == "Orchids on the Chalk Downs", "type=\"html\" titles lose their markup")
        #expect(stories[0].link == "https://notes.example/2026/05/orchids", "rel=alternate, not replies")
        #expect(stories[0].date?.iso8601 == "2026-05-30T15:20:00Z", "published, not updated, and in UTC")
        #expect(stories[0].author == "Ines Varga", "the feed's author when the entry has none")
        #expect(stories[0].dek == "Seven species in one afternoon, and a bee orchid in the car park.")
        #expect(stories[0].images == [StoryImage(caption: "A bee orchid in close-up")])
        #expect(stories[0].sections == [
            StorySection(heading: nil, paragraphs: ["The downs were warm and loud with crickets."]),
            StorySection(heading: "Species seen", bullets: ["Bee orchid", "Pyramidal orchid", "Common spotted orchid"],
                         paragraphs: ["Map and grid references on the walk page [1]."]),
            StorySection(heading: "Links", bullets: ["[1] https://notes.example/2026/05/maps/downs"]),
        ])
        #expect(stories[1].link == "https://notes.example/2026/05/mosses", "a link with no rel is the alternate")
        #expect(stories[1].date?.iso8601 == "2026-05-23T10:00:00Z", "updated when nothing is published")
        #expect(stories[1].author == "Guest: Tomas Reyes")
        #expect(stories[1].images == [StoryImage(caption: "Moss on the mill's north wall.")])
        #expect(stories[1].sections == [StorySection(heading: nil, paragraphs: [
            "The north wall of the old mill holds eleven mosses.", "Wall screw-moss", "Grey cushions in the mortar.",
        ])])
        #expect(stories[2].sections == [StorySection(heading: nil, paragraphs: ["Common names vary from valley to valley.", "Latin names do not."])])
        #expect(stories[2].identity == "atom https://notes.example/ id:tag:notes.example,2026:names")
    }

    @Test func podcastEnclosuresThatAreNotPicturesAreNotImages() throws {
        let stories = try FeedFixtures.fixture("tidepool-podcast.xml").stories
        #expect(stories.map(\.title) == ["Episode 41: The Hermit Crab Housing Market", "Episode 40: Seaweed You Can Eat"])
        #expect(stories[0].images == [], "an audio enclosure is not a picture")
        #expect(stories[1].images == [StoryImage(caption: nil)], "the cover is")
        #expect(stories.map(\.link) == [nil, nil], "no <link>: no link, even with a guid")
        #expect(stories[0].sections == [
            StorySection(heading: nil, paragraphs: ["Shells, swaps and a queue of hermit crabs. Show notes [1]"]),
            StorySection(heading: "Links", bullets: ["[1] https://tidepool.example/41/notes"]),
        ])
    }

    @Test func rss1WithOnlySummariesInLatin1() throws {
        let stories = try FeedFixtures.fixture("parish-summaries.rdf").stories
        #expect(stories.map(\.title) == ["Café Opens in the Old Forge", "Road Closure on Mill Lane"])
        #expect(stories[0].sections == [StorySection(heading: nil, paragraphs: ["Open Tuesday to Sunday, with a café menu and pastries from the bakery."])])
        #expect(stories.map { $0.date?.iso8601 } == ["2026-04-02T10:15:00Z", "2026-03-28T00:00:00Z"])
        #expect(stories.map(\.author) == ["Parish Clerk", nil])
        #expect(stories.map(\.kind) == [.rss, .rss])
        #expect(stories.map(\.dek) == [nil, nil])
    }

    @Test func rss091WithoutDatesAndAnItemWithoutATitle() throws {
        let result = try FeedFixtures.fixture("almanac-nodates.xml")
        #expect(result.stories.map { $0.date } == [nil, nil, nil])
        #expect(result.stories[2].title == "Water new plantings in the evening, not at noon, so less is lost to the sun.")
        #expect(result.stories[2].link == "http://almanac.example/jobs/no-title")
    }

    @Test func jsonFeed11() throws {
        let result = try FeedFixtures.fixture("observatory.json")
        #expect(result.failure == nil && result.problems == [])
        let stories = result.stories
        #expect(stories.map(\.kind) == [.jsonfeed, .jsonfeed, .jsonfeed])
        #expect(stories.map(\.publisher) == ["Hill Observatory", "Hill Observatory", "Hill Observatory"])
        #expect(stories[0].dek == "Visible in binoculars an hour after sunset.")
        #expect(stories[0].author == "Priya Anand")
        #expect(stories[0].images == [StoryImage(caption: "The comet over the east dome on 8 June."), StoryImage(caption: nil)])
        #expect(stories[0].sections == [StorySection(heading: nil, bullets: ["Best from 10 to 14 June", "Binoculars show the tail"],
                                                     paragraphs: ["Look low in the north-west an hour after sunset."])])
        #expect(stories[0].identity == "jsonfeed https://observatory.example/ id:2026-06-09-comet")
        #expect(stories[1].link == "https://news.example/science/eclipse", "external_url when there is no url")
        #expect(stories[1].date?.iso8601 == "2026-06-01T07:00:00Z", "date_modified when nothing is published")
        #expect(stories[1].author == "Observatory Staff", "the feed's authors when the item has none")
        #expect(stories[1].sections == [StorySection(heading: nil, paragraphs: ["Bring eclipse glasses or use our projection screens.", "The dome opens at 7."])])
        #expect(stories[1].identity == "jsonfeed https://observatory.example/ id:20260601.0" || stories[1].identity == "jsonfeed https://observatory.example/ id:20260601")
        #expect(stories[2].title == "Open night on the last Friday of the month: telescopes, talks and tea.")
    }

    @Test func jsonFeed10WithASingleAuthor() {
        let json = """
        {"version": "https://jsonfeed.org/version/1", "title": "Old Style", "home_page_url": "https://old.example/",
         "author": {"name": "Ada"}, "items": [{"id": "1", "title": "First", "content_text": "Hello."}]}
        """
        let story = FeedFixtures.parse(text: json).stories.first
        #expect(story?.author == "Ada")
        #expect(story?.sections == [StorySection(heading: nil, paragraphs: ["Hello."])])
    }
}

/// The mapping table of FEEDS.md, row by row, on small items.
@Suite struct FeedMappingTests {
    @Test func publisherIsTheFeedTitleElseTheHostOfItsLink() {
        #expect(FeedFixtures.rssItem("<title>T</title>", channel: "<title>Quay &amp; Town</title>")?.publisher == "Quay & Town")
        #expect(FeedFixtures.rssItem("<title>T</title>", channel: "<link>https://www.quay.example/news/</link>")?.publisher == "www.quay.example")
        #expect(FeedFixtures.rssItem("<title>T</title>", channel: "")?.publisher == "Untitled feed")
    }

    @Test func titleLosesItsHTMLAndStandsInFromTheText() throws {
        #expect(FeedFixtures.rssItem("<title>&lt;b&gt;Bold&lt;/b&gt; news</title>")?.title == "Bold news")
        let long = String(repeating: "word ", count: 40)
        let story = try #require(FeedFixtures.rssItem("<description>\(long)</description>"))
        #expect(story.title == String(long.prefix(80)).trimmingCharacters(in: .whitespaces) || story.title == String(long.prefix(80)))
        #expect(story.title.count <= 80)
        let nothing = FeedFixtures.parse(text: "<rss><channel><title>F</title><item><link>https://f.example/x</link></item><item><title>Kept</title></item></channel></rss>")
        #expect(nothing.stories.map(\.title) == ["Kept"])
        #expect(nothing.problems == ["item 1: no title and no text"])
    }

    @Test func dekIsTheSummaryFirstParagraphOnlyBesideFullContent() {
        let both = FeedFixtures.rssItem("""
            <title>T</title><description>&lt;p&gt;First part.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</description>
            <content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">&lt;p&gt;Body.&lt;/p&gt;</content:encoded>
            """)
        #expect(both?.dek == "First part.")
        #expect(both?.sections == [StorySection(heading: nil, paragraphs: ["Body."])])
        #expect(FeedFixtures.rssItem("<title>T</title><description>Only this.</description>")?.dek == nil)
    }

    @Test func imagesFromFiguresLooseImagesThenMedia() {
        let story = FeedFixtures.rssItem("""
            <title>T</title>
            <description><![CDATA[
              <figure><img src="https://i.example/1.jpg" alt="Alt one"><figcaption>Caption one</figcaption></figure>
              <figure><img src="https://i.example/2.jpg" alt="Alt two"></figure>
              <figure><img src="https://i.example/3.jpg"></figure>
              <img src="https://i.example/4.jpg" alt="Loose alt">
              <img src="https://i.example/5.jpg" title="Loose title">
              <img src="https://i.example/6.jpg">
            ]]></description>
            <media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="https://i.example/1.jpg"/>
            <media:group xmlns:media="http://search.yahoo.com/mrss/">
              <media:content url="https://i.example/7.jpg" type="image/jpeg"/>
              <media:title>Group title</media:title>
            </media:group>
            <enclosure url="https://i.example/8.png" type="image/png" length="1"/>
            """)
        #expect(story?.images == [
            StoryImage(caption: "Caption one"), StoryImage(caption: "Alt two"), StoryImage(caption: nil),
            StoryImage(caption: "Loose alt"), StoryImage(caption: "Loose title"), StoryImage(caption: nil),
            StoryImage(caption: "Group title"), StoryImage(caption: nil),
        ])
    }

    @Test func headingsStartSectionsAfterALeadWithNoHeading() {
        let story = FeedFixtures.body("Loose lead text<h1>One</h1><p>a</p><h4>Four</h4><p>b</p><h6></h6><p>c</p>")
        #expect(story?.sections == [
            StorySection(heading: nil, paragraphs: ["Loose lead text"]),
            StorySection(heading: "One", paragraphs: ["a"]),
            StorySection(heading: "Four", paragraphs: ["b", "c"]),
        ])
    }

    @Test func listItemsAreBulletsAndOrderedOnesKeepTheirNumbers() {
        let story = FeedFixtures.body("""
            <ul><li>Plain</li><li>Outer<ol start="3"><li>Three</li><li value="7">Seven</li><li>Eight</li></ol></li></ul>
            <ol><li>First</li><li><p>Second, in a paragraph</p></li></ol>
            """)
        #expect(story?.sections.first?.bullets == ["Plain", "Outer", "3. Three", "7. Seven", "8. Eight", "1. First", "2. Second, in a paragraph"])
    }

    @Test func paragraphsFromBlocksCellsAndLooseText() {
        let story = FeedFixtures.body("""
            <p>One<br>line</p><blockquote>Quoted</blockquote><pre>  spaced
              code</pre><dl><dt>Term</dt><dd>Meaning</dd></dl>
            <table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>loose <i>end</i>
            """)
        #expect(story?.sections == [StorySection(heading: nil, paragraphs: [
            "One line", "Quoted", "spaced code", "Term", "Meaning", "a · b", "c", "loose end",
        ])])
    }

    @Test func linksAreNumberedOnceEachAndOnlyForTheWeb() {
        let story = FeedFixtures.body("""
            <p><a href="https://w.example/x">first</a>, <a href="/rel">relative</a>, <a href="https://w.example/x">again</a>,
            <a href="javascript:alert(1)">script</a>, <a href="mailto:a@b.example">mail</a>, <a href="ftp://f.example/">ftp</a>,
            <a href="https://w.example/img"><img src="https://w.example/i.jpg"></a></p>
            """)
        #expect(story?.sections == [
            StorySection(heading: nil, paragraphs: ["first [1], relative [2], again [1], script, mail, ftp,"]),
            StorySection(heading: "Links", bullets: ["[1] https://w.example/x", "[2] https://feed.example/rel"]),
        ])
    }

    @Test func theItemLinkIsHTTPOnly() {
        #expect(FeedFixtures.rssItem("<title>T</title><link>javascript:alert(1)</link>")?.link == nil)
        #expect(FeedFixtures.rssItem("<title>T</title><link>ftp://f.example/x</link>")?.link == nil)
        #expect(FeedFixtures.rssItem("<title>T</title><link>  https://f.example/x  </link>")?.link == "https://f.example/x")
        #expect(FeedFixtures.rssItem("<title>T</title><link>https://f.example/a b</link>")?.link == nil)
        #expect(FeedFixtures.rssItem("<title>T</title><link>/local/path</link>")?.link == "https://feed.example/local/path")
        #expect(FeedFixtures.rssItem("<title>T</title><link>https:no-slashes/x</link>")?.link == nil, "found by the fuzzer")
        #expect(FeedFixtures.rssItem("<title>T</title><link>https:///no-host</link>")?.link == nil)
        #expect(FeedFixtures.rssItem("<title>T</title><link>hTtPs://f.example/Case</link>")?.link == "https://f.example/Case",
                "the scheme in lower case, the rest as written (found by the fuzzer)")
    }

    @Test(arguments: [
        ("Mon, 03 Jun 2024 14:05:00 +0000", "2024-06-03T14:05:00Z"),
        ("03 Jun 2024 14:05:00 GMT", "2024-06-03T14:05:00Z"),
        ("Mon, 3 Jun 2024 14:05 -0230", "2024-06-03T16:35:00Z"),
        ("Mon, 03 Jun 24 14:05:00 PDT", "2024-06-03T21:05:00Z"),
        ("2024-06-03T14:05:00Z", "2024-06-03T14:05:00Z"),
        ("2024-06-03T14:05:00.250+02:00", "2024-06-03T12:05:00Z"),
        ("2024-06-03 14:05:00Z", "2024-06-03T14:05:00Z"),
        ("2024-06-03", "2024-06-03T00:00:00Z"),
        ("2023-12-31T23:30:00-01:00", "2024-01-01T00:30:00Z"),
    ])
    func datesInEitherFormatBecomeUTC(text: String, iso: String) {
        #expect(FeedDates.parse(text)?.iso8601 == iso)
    }

    @Test(arguments: ["yesterday", "Mon, 45 Jun 2024 14:05:00 +0000", "2024-13-01T00:00:00Z", "", "2024-06-03T14:05:00+99:00"])
    func unreadableDatesAreNil(text: String) {
        #expect(FeedDates.parse(text) == nil)
    }

    @Test func authorsFromEachPlace() {
        #expect(FeedFixtures.rssItem("<title>T</title><author>Plain Name</author>")?.author == "Plain Name")
        #expect(FeedFixtures.rssItem("<title>T</title><dc:creator xmlns:dc=\"http://purl.org/dc/elements/1.1/\">Creator</dc:creator>")?.author == "Creator")
        #expect(FeedFixtures.rssItem("<title>T</title><author>a@b.example</author>")?.author == "a@b.example")
        #expect(FeedFixtures.rssItem("<title>T</title>")?.author == nil)
    }

    @Test func scriptsStylesFramesFormsAndCommentsLeaveNoText() {
        let story = FeedFixtures.body("""
            <p>Kept</p><script>var s = "SCRIPT";</script><style>p { color: red } STYLE</style>
            <iframe src="https://e.example">FRAME</iframe><object>OBJECT<embed src="x">EMBED</object>
            <form><input value="FORM">FORMTEXT</form><svg><text>SVG</text></svg><noscript>NOSCRIPT</noscript>
            <!-- COMMENT --><p>Also kept</p>
            """)
        #expect(story?.sections == [StorySection(heading: nil, paragraphs: ["Kept", "Also kept"])])
    }

    @Test func entitiesAreDecodedAndTagSoupRecovers() {
        let story = FeedFixtures.body("<p>Caf&eacute; &amp; bar &#x2014; open<p>Unclosed <b>bold <i>both</b> after</i><li>stray item")
        #expect(story?.sections.first?.paragraphs == ["Café & bar — open", "Unclosed bold both after"])
        #expect(story?.sections.first?.bullets == ["stray item"])
    }
}
