import ArticleModel
import Foundation
import StoryLoading
import Testing

/// Feeds in folders and on the command line, found by content, ordered by their items' dates.
@Suite struct FeedLoadingTests {
    static func rss(_ items: [(title: String, date: String?)], title: String = "Feed") -> String {
        let body = items.map { item in
            "<item><title>\(item.title)</title>" + (item.date.map { "<pubDate>\($0)</pubDate>" } ?? "") + "</item>"
        }.joined()
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\(title)</title>\(body)</channel></rss>"
    }

    @Test func foldersReadFeedsOfEveryKindBesideTextExports() {
        let dir = ScratchFolder()
        dir.write("a.txt", storyText("From text"), modified: 100)
        dir.write("b.xml", Self.rss([("From xml", nil)]), modified: 90)
        dir.write("c.rss", Self.rss([("From rss", nil)]), modified: 80)
        dir.write("d.atom", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title><entry><title>From atom</title></entry></feed>", modified: 70)
        dir.write("e.json", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\",\"items\":[{\"id\":\"1\",\"title\":\"From json\"}]}", modified: 60)
        dir.write("f.html", "<html><body>Not read in folders</body></html>", modified: 50)
        let library = LibraryLoader.load([dir.path], order: .newest)
        #expect(library.stories.map(\.title) == ["From text", "From xml", "From rss", "From atom", "From json"])
        #expect(library.stories.map(\.kind) == [.text, .rss, .rss, .atom, .jsonfeed])
        #expect(library.warnings == [])
    }

    @Test func aFileIsReadByWhatItHoldsNotItsName() {
        let dir = ScratchFolder()
        let feed = dir.write("news.txt", Self.rss([("A feed named .txt", nil)]))
        let story = dir.write("story.xml", storyText("A story named .xml"))
        let page = dir.write("page.xml", "<html><head><title>x</title></head></html>")
        let library = LibraryLoader.load([feed, story, page], order: .path)
        #expect(library.stories.map(\.title) == ["A feed named .txt", "A story named .xml"])
        #expect(library.warnings == ["\(page): not a story or feed (an HTML page)"])
    }

    @Test func itemsAreNewestFirstAndUndatedOnesTakeTheFileTime() {
        let dir = ScratchFolder()
        let items: [(title: String, date: String?)] = [
            ("Middle", "Tue, 02 Jan 2024 00:00:00 GMT"), ("Undated", nil), ("Newest", "Wed, 03 Jan 2024 00:00:00 GMT"),
            ("Tie first", "Mon, 01 Jan 2024 00:00:00 GMT"), ("Tie second", "Mon, 01 Jan 2024 00:00:00 GMT"),
        ]
        // The file's time (2024-01-02 12:00 UTC) puts the undated item between Newest and Middle.
        let path = dir.write("feed.xml", Self.rss(items), modified: 1_704_196_800)
        let newest = LibraryLoader.load([path], order: .newest)
        #expect(newest.stories.map(\.title) == ["Newest", "Undated", "Middle", "Tie first", "Tie second"])
        #expect(newest.stories.map(\.source.index) == [2, 1, 0, 3, 4])
        let byPath = LibraryLoader.load([path], order: .path)
        #expect(byPath.stories.map(\.title) == ["Middle", "Undated", "Newest", "Tie first", "Tie second"], "--sort path keeps the feed's order")
    }

    @Test func feedWarningsNameTheFile() {
        let dir = ScratchFolder()
        let broken = dir.write("broken.xml", "<rss><channel><title>F</title><item><title>Saved</title></item><item><title>Cut")
        let empty = dir.write("empty.rss", "<rss><channel><title>Nothing</title></channel></rss>")
        let library = LibraryLoader.load([broken, empty], order: .path)
        #expect(library.stories.map(\.title) == ["Saved"])
        #expect(library.warnings.count == 2)
        #expect(library.warnings[0].hasPrefix("\(broken): malformed XML, line 1: "))
        #expect(library.warnings[1] == "\(empty): a feed with no items")
    }
}
