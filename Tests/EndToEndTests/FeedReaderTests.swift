import Foundation
import Testing

/// Feeds in the real reader and on the command line: list rows with dates and publishers, the byline,
/// opening links through the browser without a shell, and feeds on standard input.
@Suite(.serialized, .enabled(if: TmuxSession.available, TmuxSession.missingMessage))
struct FeedReaderTests {
    static let feeds = Binary.repository + "/Tests/Fixtures/feeds"
    static let harbor = feeds + "/harbor-news.rss"

    /// A stand-in browser that writes how many arguments it got, then each on its own line.
    static func fakeBrowser() throws -> (script: String, record: String) {
        let base = NSTemporaryDirectory() + "tidings-browser-\(UUID().uuidString)"
        try "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > '\(base).args'\n".write(toFile: base + ".sh", atomically: true, encoding: .utf8)
        chmod(base + ".sh", 0o755)
        return (base + ".sh", base + ".args")
    }

    /// The list's label for a day of 2026: month and day while it is 2026, the full date after.
    static func label(_ month: String, _ day: Int) -> String {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let number = ["Jun": 6, "May": 5][month]!
        return year == 2026 ? "\(month) \(day)" : String(format: "2026-%02d-%02d", number, day)
    }

    /// A feed large enough to open with its first items while the rest is read: the newest item, which is
    /// not among the first ones, ends at the top of the list, selected.
    @Test func aLargeFeedOpensAtItsNewestItemOnceItIsAllRead() throws {
        let path = NSTemporaryDirectory() + "tidings-large-\(UUID().uuidString).xml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var text = "<rss version=\"2.0\"><channel><title>Large</title><link>https://large.example/</link>\n"
        for n in 0..<6_000 {
            // Item 4321 is the newest; the rest are older the later they come.
            let date = n == 4_321 ? "2026-06-12T09:00:00Z" : String(format: "2025-%02d-%02dT08:00:00Z", 12 - n / 600, 28 - n % 600 / 25)
            text += "<item><title>Item \(n)</title><pubDate>\(date)</pubDate><description>"
            text += String(repeating: "Words of the item's own text. ", count: 24) + "</description></item>\n"
        }
        try (text + "</channel></rss>\n").write(toFile: path, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [path])
        let screen = try tmux.waitFor(text: "story 1/6000")
        #expect(screen[1].hasPrefix(" ●  Item 4321"), "the newest item is at the top")
        #expect(screen[2].hasPrefix(" ●  Item 0"))
        #expect(screen.contains { $0.contains("│ Item 4321") }, "and shown")
    }

    @Test func listRowsShowPublisherAndDateAndTheDetailABylineOnAWideScreen() throws {
        let tmux = try TmuxSession(columns: 150, rows: 30, arguments: [Self.harbor], environment: ["TZ": "UTC"])
        let screen = try tmux.waitFor(text: "story 1/3")
        let june12 = Self.label("Jun", 12), june11 = Self.label("Jun", 11)
        #expect(screen[1].hasPrefix(" ●  Lighthouse Reopens After Storm"))
        #expect(screen[1].contains("…  Harbor Daily  " + june12 + " │ Lighthouse Reopens After Storm Repairs"))
        #expect(screen[2].contains("Harbor Daily  " + june11 + " │"))
        try tmux.send("j", "Enter")
        // Both in one wait: a capture can land while a frame is half written.
        try tmux.waitFor("the byline and the first heading") { screen in
            screen.contains { $0.contains("│ Marta Okonkwo · 2026-06-11 08:30 · https://harbor.example/2026/06/fares-frozen") }
                && screen.contains { $0.contains("│ What changes for riders") }
        }
    }

    @Test func oOpensTheLinkAsOneArgumentAndTheScreenComesBack() throws {
        let browser = try Self.fakeBrowser()
        defer {
            unlink(browser.script)
            unlink(browser.record)
        }
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [Self.harbor], environment: ["BROWSER": browser.script])
        try tmux.waitFor(text: "story 1/3")
        try tmux.send("o")
        let deadline = Date().addingTimeInterval(15)
        while !FileManager.default.fileExists(atPath: browser.record), Date() < deadline { usleep(50_000) }
        let arguments = try String(contentsOfFile: browser.record, encoding: .utf8)
        #expect(arguments == "1\nhttps://harbor.example/2026/06/lighthouse\n")
        let screen = try tmux.waitFor(text: "story 1/3")
        #expect(screen[0].hasPrefix(" ● Stories (3)"), "the reader's screen is back")
        #expect(try tmux.alternateScreenOn)
    }

    @Test func aStoryWithoutALinkSaysSo() throws {
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [Self.feeds + "/tidepool-podcast.xml"])
        try tmux.waitFor(text: "story 1/2")
        try tmux.send("o")
        try tmux.waitFor(text: "this story has no link")
    }

    @Test func aFeedOnStandardInputOpensInTheReader() throws {
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: ["-"], prefix: "cat '\(Self.feeds)/observatory.json' |")
        let screen = try tmux.waitFor(text: "story 1/3")
        #expect(screen.contains { $0.contains("│ Open night on the last Friday") }, "undated, so as new as the input")
        #expect(screen.contains { $0.hasPrefix(" ●  A Comet Low in the North") && $0.contains(FeedReaderTests.label("Jun", 9) + " │") })
    }
}

/// Feeds as plain text and JSON from the command line.
@Suite struct FeedCommandLineTests {
    /// libxml2, and the ICU it brings, is loaded by the first feed read, and libcurl by the first fetch: a
    /// library of text exports starts without either. The dynamic loader names what it loads (LD_DEBUG).
    @Test func libxml2IsLoadedByTheFirstFeedAndNotBefore() throws {
        let text = try Binary.run(["--dump", "text", Binary.seedLayout], environment: ["LD_DEBUG": "files"])
        #expect(text.status == 0)
        #expect(text.stderr.contains("file=libncursesw.so.6 [0];"))
        #expect(!text.stderr.contains("file=libxml2"))
        #expect(!text.stderr.contains("file=libcurl"))
        let feed = try Binary.run(["--dump", "text", FeedReaderTests.harbor], environment: ["LD_DEBUG": "files"])
        #expect(feed.status == 0)
        #expect(feed.stderr.contains("file=libxml2.so.2 [0];  dynamically loaded by "))
        #expect(!feed.stderr.contains("file=libcurl"))
    }

    /// A libxml2 that cannot be loaded (here a file in its place that is no library) costs the feeds, each
    /// named on one line with the loader's reason, and nothing else.
    @Test func withoutLibxml2EachFeedIsOneLineAndTextStillReads() throws {
        let folder = NSTemporaryDirectory() + "tidings-no-libxml2-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        FileManager.default.createFile(atPath: folder + "/libxml2.so.2", contents: Data("not a library".utf8))
        let result = try Binary.run(["--sort", "path", "--dump", "text", FeedReaderTests.harbor, Binary.seedLayout],
                                    environment: ["LD_LIBRARY_PATH": folder])
        #expect(result.status == 0)
        #expect(result.stderr == "tidings: \(FeedReaderTests.harbor): not a readable feed (libxml2 could not be loaded: \(folder)/libxml2.so.2: file too short)\n")
        #expect(result.stdout.hasPrefix("Rivers Rise Across the Valley as Spring Storms Stall Over the Hills\nExample.news\n"))
    }

    @Test func textDumpShowsTheBylineAndTheLinks() throws {
        let result = try Binary.run(["--sort", "path", "--dump", "text", FeedReaderTests.feeds + "/field-notes.atom"], environment: ["TZ": "UTC"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(3)) == [
            "Orchids on the Chalk Downs",
            "Ines Varga · 2026-05-30 15:20 · https://notes.example/2026/05/orchids",
            "Field Notes",
        ])
        let links = try #require(lines.firstIndex(of: "Links"))
        #expect(lines[links + 1] == "  • [1] https://notes.example/2026/05/maps/downs")
    }

    @Test func jsonDumpOfAFeedFromStandardInput() throws {
        let feed = try Data(contentsOf: URL(fileURLWithPath: FeedReaderTests.harbor))
        let result = try Binary.run(["--dump", "json", "-"], stdin: feed)
        #expect(result.status == 0 && result.stderr == "")
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [[String: Any]])
        #expect(json.map { $0["title"] as? String } == [
            "Lighthouse Reopens After Storm Repairs", "Ferry & Tram Fares Frozen for Another Year", "Dredging Work Moves to the Inner Basin",
        ])
        #expect(json.map { $0["source"] as? String } == ["rss", "rss", "rss"])
        #expect(json[0]["date"] as? String == "2026-06-12T16:45:00Z")
        #expect(json[2]["author"] is NSNull)
        #expect(json[1]["link"] as? String == "https://harbor.example/2026/06/fares-frozen")
    }

    /// libxml2 prints some errors of its own (a failed encoding conversion, "xmlParseChunk: encoder error"):
    /// standard error is the reader's screen, so only Tidings' one line may reach it.
    @Test func aFeedWhoseBytesBelieItsEncodingIsOneLineAndNothingElse() throws {
        let feed = NSTemporaryDirectory() + "tidings-encoding-\(UUID().uuidString).xml"
        let head = Array("<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?>\n<rss version=\"2.0\"><channel><title>T".utf8)
        let tail = Array("</title><item><title>A</title></item></channel></rss>\n".utf8)
        FileManager.default.createFile(atPath: feed, contents: Data(head + [0xEE, 0x80, 0x80, 0xEE] + tail))
        defer { unlink(feed) }
        let result = try Binary.run(["--dump", "json", feed, Binary.seedLayout])
        #expect(result.status == 0)
        #expect(result.stderr == "tidings: \(feed): not a readable feed (line 2: the bytes do not match the encoding the document declares)\n")
    }

    @Test func aFileThatIsNeitherSaysSo() throws {
        let page = NSTemporaryDirectory() + "tidings-page-\(UUID().uuidString).html"
        try "<!DOCTYPE html><html><body>Hello</body></html>".write(toFile: page, atomically: true, encoding: .utf8)
        defer { unlink(page) }
        let result = try Binary.run(["--dump", "json", page, Binary.seedLayout])
        #expect(result.status == 0)
        #expect(result.stderr == "tidings: \(page): not a story or feed (an HTML page)\n")
    }
}
