import ArticleModel
@testable import FeedFetching
import FeedFormats
import Foundation
import Testing

/// The subscription list in newsboat's `urls` format, and OPML in and out.
@Suite struct SubscriptionTests {
    @Test func aNewsboatUrlsFileReadsAsItIs() {
        let text = """
        # my feeds
        https://harbor.example/feed.rss news "local news" "~Harbor Daily"
        http://notes.example/atom.xml
          https://tabs.example/rss\tsport\t"~Tabbed"

        exec:~/bin/fetch-weather.sh "~Weather"
        filter:~/bin/clean.sh:https://noisy.example/feed
        "query:Unread:unread = \\"yes\\""
        ftp://old.example/feed.xml
        https://harbor.example/feed.rss duplicate
        https://no-title.example/feed "~"
        """
        let list = SubscriptionList.parse(text, file: "/home/u/.config/tidings/feeds")
        #expect(list.subscriptions == [
            Subscription(url: "https://harbor.example/feed.rss", title: "Harbor Daily", tags: ["news", "local news"]),
            Subscription(url: "http://notes.example/atom.xml"),
            Subscription(url: "https://tabs.example/rss", title: "Tabbed", tags: ["sport"]),
            Subscription(url: "https://no-title.example/feed"),
        ])
        #expect(list.warnings == [
            "/home/u/.config/tidings/feeds:6: exec: feeds run commands or searches, which Tidings never does; skipped",
            "/home/u/.config/tidings/feeds:7: filter: feeds run commands or searches, which Tidings never does; skipped",
            "/home/u/.config/tidings/feeds:8: query: feeds run commands or searches, which Tidings never does; skipped",
            "/home/u/.config/tidings/feeds:9: ftp://old.example/feed.xml is not an http or https address; skipped",
        ])
    }

    @Test func addAndRemoveKeepTheRestOfTheFile() throws {
        let folder = NSTemporaryDirectory() + "tidings-subs-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/tidings/feeds"
        try SubscriptionFile.add([Subscription(url: "https://a.example/rss", tags: ["news"])], to: path)
        try SubscriptionFile.add([Subscription(url: "https://b.example/rss", title: "Bee Feed", tags: ["two words"])], to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "https://a.example/rss news\nhttps://b.example/rss \"two words\" \"~Bee Feed\"\n")
        #expect(throws: SubscriptionFile.ChangeError.alreadySubscribed("https://a.example/rss")) {
            try SubscriptionFile.add([Subscription(url: "https://a.example/rss")], to: path)
        }
        #expect(throws: SubscriptionFile.ChangeError.notAWebAddress("file:///etc/passwd")) {
            try SubscriptionFile.add([Subscription(url: "file:///etc/passwd")], to: path)
        }
        try "# kept comment\n".write(toFile: path, atomically: false, encoding: .utf8)
        try SubscriptionFile.add([Subscription(url: "https://c.example/rss")], to: path)
        try SubscriptionFile.remove("https://c.example/rss", from: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# kept comment\n")
        #expect(throws: SubscriptionFile.ChangeError.notSubscribed("https://z.example/")) {
            try SubscriptionFile.remove("https://z.example/", from: path)
        }
    }

    @Test func opmlOutlinesNestedInFoldersBecomeTags() throws {
        let opml = """
        <?xml version="1.0"?>
        <opml version="1.0"><head><title>Export</title></head><body>
          <outline text="News">
            <outline text="Local">
              <outline type="rss" text="Harbor Daily" xmlUrl="https://harbor.example/feed.rss"/>
            </outline>
            <outline type="rss" title="Field Notes" text="ignored" xmlUrl="https://notes.example/atom.xml" category="science,walks"/>
          </outline>
          <outline type="rss" text="Loose" xmlUrl="https://loose.example/rss"/>
        </body></opml>
        """
        let outlines = try OPML.read(Array(opml.utf8), file: "x.opml").get()
        #expect(outlines == [
            OPML.Outline(url: "https://harbor.example/feed.rss", title: "Harbor Daily", tags: ["News", "Local"]),
            OPML.Outline(url: "https://notes.example/atom.xml", title: "Field Notes", tags: ["News", "science", "walks"]),
            OPML.Outline(url: "https://loose.example/rss", title: "Loose", tags: []),
        ])
    }

    @Test func exportedOPMLReadsBackAsTheSameSubscriptions() throws {
        let subscriptions = [
            OPML.Outline(url: "https://harbor.example/feed.rss?a=1&b=2", title: "Harbor \"Daily\" & Co", tags: ["news", "local"]),
            OPML.Outline(url: "https://notes.example/atom.xml", title: nil, tags: []),
            OPML.Outline(url: "https://sport.example/rss", title: "Sport", tags: ["news"]),
        ]
        let written = OPML.write(subscriptions, title: "Tidings subscriptions")
        #expect(written.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">"))
        let read = try OPML.read(Array(written.utf8), file: "out.opml").get()
        #expect(read == [
            OPML.Outline(url: "https://harbor.example/feed.rss?a=1&b=2", title: "Harbor \"Daily\" & Co", tags: ["news", "local"]),
            OPML.Outline(url: "https://sport.example/rss", title: "Sport", tags: ["news"]),
            OPML.Outline(url: "https://notes.example/atom.xml", title: "https://notes.example/atom.xml", tags: []),
        ])
    }

    @Test func filesThatAreNotOPMLSaySo() {
        #expect(OPML.read(Array("<rss><channel/></rss>".utf8), file: "x").failureDescription == "not an OPML subscription list (XML whose root is <rss>)")
        #expect(OPML.read(Array("plain words".utf8), file: "x").failureDescription?.hasPrefix("not an OPML subscription list (") == true)
    }
}

extension Result {
    var failureDescription: String? {
        if case .failure(let error) = self { return "\(error)" }
        return nil
    }
}
