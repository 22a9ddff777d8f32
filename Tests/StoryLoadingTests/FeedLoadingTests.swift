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

/// A large feed opens with its first items; the rest arrives later in the places a whole read gives.
@Suite struct LargeFeedHeadTests {
    /// An RSS feed over the size at which feeds are cut, with dates in no order: item n is dated by a
    /// shuffle of n, some items undated.
    static func bigFeed(items count: Int) -> String {
        var text = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Shuffled</title><link>https://shuffled.example/</link>\n"
        let iso = ISO8601DateFormatter()
        for n in 0..<count {
            let moment = Date(timeIntervalSince1970: TimeInterval(1_700_000_000 + (n * 7_919) % count * 600))
            let date = n % 10 == 3 ? "" : "<pubDate>\(iso.string(from: moment))</pubDate>"
            text += "<item><title>Item \(n)</title><link>https://shuffled.example/\(n)</link>\(date)"
            text += "<description>" + String(repeating: "Words of the item's own text. ", count: 24) + "</description></item>\n"
        }
        return text + "</channel></rss>\n"
    }

    @Test func theFirstItemsThenTheRestGiveWhatAWholeReadGives() throws {
        let dir = ScratchFolder()
        let path = dir.write("big.xml", Self.bigFeed(items: 6_000), modified: 1_700_000_000 + 1_800_000)
        let file = try #require(LibraryScanner.scan([path]).files.first)
        var whole = LibraryLoader()
        whole.read(file)
        #expect(whole.stories.count == 6_000)

        var first = LibraryLoader()
        first.stories = [Story(publisher: "stored.example", title: "A stored story first")]
        let maybeRest = first.readFirst(file)
        let rest = try #require(maybeRest, "a large feed is read head first")
        #expect(first.stories.count == 65)
        #expect(first.warnings == [])
        let shown = Array(first.stories.dropFirst())
        #expect(shown.map(\.source.index).sorted() == Array(0..<64), "the head is the first 64 items")
        #expect(shown.map(\.title) == whole.stories.filter { $0.source.index < 64 }.map(\.title), "in the order a whole read gives them")

        // The rest comes through the background loader, before any later file.
        let later = dir.write("later.txt", storyText("After the feed"))
        let (stories, warnings) = try Self.finish(first.stories, file: file, rest: rest, later: later)
        #expect(warnings == [])
        #expect(stories.map(\.title) == ["A stored story first"] + whole.stories.map(\.title) + ["After the feed"])
        #expect(stories.dropFirst().prefix(6_000).map(\.source.index) == whole.stories.map(\.source.index))
    }

    /// What a reader's list holds once the background loader has read `rest` and then the file `later`,
    /// added as the reader adds them; and the warnings that came with them.
    static func finish(_ shown: [Story], file: StoryFile, rest: FileRest, later: String) throws -> (stories: [Story], warnings: [String]) {
        let loader = BackgroundLoader(files: [file, try #require(LibraryScanner.scan([later]).files.first)], from: 1, rest: rest)
        #expect(loader.take() == BackgroundLoader.Batch(filesDone: 0, finished: false))
        loader.start()
        var fds = [pollfd(fd: loader.wakeFD, events: Int16(POLLIN), revents: 0)]
        var stories = shown
        var warnings: [String] = []
        var batch = BackgroundLoader.Batch(filesDone: 0, finished: false)
        var completed = 0
        while !batch.finished {
            #expect(poll(&fds, 1, 10_000) == 1)
            batch = loader.take()
            if batch.fileCompleted { completed += 1 }
            stories = StoryLibrary.inserting(batch.inserted, at: batch.insertedAt, into: stories) + batch.stories
            warnings += batch.warnings
        }
        #expect(completed == 1, "the rest is said to be read once")
        return (stories, warnings)
    }

    /// A large text export opens with its first stories as a feed does; the rest follows in file order,
    /// with the warnings of the whole file (those of the first stories too), each once.
    @Test func aLargeTextExportOpensWithItsFirstStories() throws {
        var text = ""
        var n = 0
        while text.utf8.count < 4_300_000 {
            if n == 5 || n == 15_000 { text += "broken.example\n\n" }
            text += "Example.news\n\nStory \(n): the “harbour” reopens\n\nA dek for story \(n).\n\nA caption\nImage\n\n"
            text += "Overview\n\n  • A bullet about the harbour.\n  • A bullet that goes on\n    to a second line.\n\n"
            n += 1
        }
        let dir = ScratchFolder()
        let file = try #require(LibraryScanner.scan([dir.write("big.txt", text)]).files.first)
        var whole = LibraryLoader()
        whole.read(file)
        #expect(whole.stories.count == n)
        #expect(whole.warnings == ["story 6", "story 15002"].map { "\(file.visiblePath): \($0): a publisher header with no title after it" })

        var first = LibraryLoader()
        first.stories = [Story(publisher: "stored.example", title: "A stored story first")]
        let maybeRest = first.readFirst(file)
        let rest = try #require(maybeRest, "a large export is read head first")
        #expect(first.warnings == [], "the first stories' warnings come with the whole file's")
        let shown = first.stories.dropFirst()
        // The first stretch (256 KB and what its last piece brought) already holds 64 stories.
        let storyLength = text.utf8.count / n
        #expect(shown.count >= 64 && shown.count * storyLength <= 320 * 1024, "\(shown.count) stories shown first")
        #expect(shown.elementsEqual(whole.stories.prefix(shown.count)))

        let later = dir.write("later.txt", storyText("After the export"))
        let (stories, warnings) = try Self.finish(first.stories, file: file, rest: rest, later: later)
        #expect(warnings == whole.warnings)
        #expect(stories.count == n + 2)
        #expect(stories.dropFirst().prefix(n).elementsEqual(whole.stories))
        #expect(stories.map(\.title).last == "After the export")
    }

    @Test func smallFeedsAndTextExportsAreReadWhole() throws {
        let dir = ScratchFolder()
        let feed = dir.write("small.xml", FeedLoadingTests.rss([("Only", nil)]))
        let text = dir.write("a.txt", storyText("Text"))
        var loader = LibraryLoader()
        for path in [feed, text] {
            let file = try #require(LibraryScanner.scan([path]).files.first)
            let rest = loader.readFirst(file)
            #expect(rest == nil)
        }
        #expect(loader.stories.map(\.title) == ["Only", "Text"])
    }
}
