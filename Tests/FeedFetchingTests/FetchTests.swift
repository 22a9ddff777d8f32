import ArticleModel
@testable import FeedFetching
import FeedFormats
import Foundation
import Storage
import Testing
import TestSupport

/// A feed store in a folder of its own, removed afterwards.
final class StoreFolder {
    let path = NSTemporaryDirectory() + "tidings-feeds-" + UUID().uuidString
    var file: String { path + "/feeds.sqlite" }
    lazy var store: FeedStore = try! FeedStore(path: file)
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Fetching over real HTTP on loopback, through libcurl, against a server with a route for each fault.
@Suite(.serialized) struct FetchTests {
    static func fetch(_ urls: [String], store: FeedStore, limits: HTTPLimits = HTTPLimits()) -> FeedFetcher.Progress {
        FeedFetcher(store: store, limits: limits).fetch(urls.map { Subscription(url: $0) })
    }

    @Test func aFeedIsKeptWithItsValidatorsAndTheSecondFetchIsA304() throws {
        let server = try FeedServer()
        let folder = StoreFolder()
        let url = server.url("/feed/harbor/4")
        let first = Self.fetch([url], store: folder.store)
        #expect(first.failures == [] && first.newStories == 4 && first.done == 1 && first.finished && !first.stopped)
        let record = try #require(try folder.store.record(for: url))
        #expect(record.title == "harbor")
        #expect(record.validators == FeedStore.Validators(etag: "\"harbor-4-v1\"", lastModified: "Mon, 01 Jun 2026 12:00:00 GMT"))
        let stories = try folder.store.stories(of: [url])
        #expect(stories.map(\.title) == ["harbor story 0", "harbor story 1", "harbor story 2", "harbor story 3"])
        #expect(stories[0].identity == "rss \(url) id:harbor-0")
        #expect(stories[0].sections == [StorySection(heading: nil, paragraphs: ["Body of harbor story 0."])])
        #expect(stories[0].publisher == "harbor")
        let second = Self.fetch([url], store: folder.store)
        #expect(second.failures == [] && second.newStories == 0)
        let headers = try server.stats().headers["/feed/harbor/4"]
        #expect(headers?["if-none-match"] == "\"harbor-4-v1\"")
        #expect(headers?["if-modified-since"] == "Mon, 01 Jun 2026 12:00:00 GMT")
        #expect(headers?["user-agent"] == "Tidings/\(FeedFetcher.version)")
        #expect(try server.stats().requests["/feed/harbor/4"] == 2)
        #expect(try folder.store.stories(of: [url]).count == 4, "a 304 changes nothing")
    }

    @Test func aGzippedResponseIsDecompressed() throws {
        let server = try FeedServer()
        let folder = StoreFolder()
        let result = Self.fetch([server.url("/gzip")], store: folder.store)
        #expect(result.failures == [] && result.newStories == 5)
        #expect(try server.stats().headers["/gzip"]?["accept-encoding"]?.contains("gzip") == true)
    }

    @Test func redirectsAreFollowedFiveTimesAndOnlyToTheWeb() throws {
        let server = try FeedServer()
        let folder = StoreFolder()
        let result = Self.fetch([server.url("/redirect/3"), server.url("/redirect/6"), server.url("/loop"), server.url("/to-file")],
                                store: folder.store)
        #expect(result.newStories == 2)
        let reasons = Dictionary(uniqueKeysWithValues: result.failures.map { ($0.url, $0.reason) })
        #expect(reasons[server.url("/redirect/3")] == nil)
        #expect(reasons[server.url("/redirect/6")] == "too many redirects (more than 5)")
        #expect(reasons[server.url("/loop")] == "too many redirects (more than 5)")
        #expect(reasons[server.url("/to-file")] == "redirect to a forbidden scheme (file:); only http and https are followed")
        #expect(try folder.store.record(for: server.url("/loop"))?.lastError == "too many redirects (more than 5)")
    }

    @Test func serverErrorsTimeoutsAndPagesThatAreNotFeedsAreFailuresInWords() throws {
        let server = try FeedServer()
        let folder = StoreFolder()
        var limits = HTTPLimits()
        limits.totalSeconds = 2
        let urls = [server.url("/status/500"), server.url("/status/404"), server.url("/slow/10"), server.url("/html")]
        let started = Date()
        let result = Self.fetch(urls, store: folder.store, limits: limits)
        #expect(Date().timeIntervalSince(started) < 9, "the slow feed is given up on at its limit")
        let reasons = Dictionary(uniqueKeysWithValues: result.failures.map { ($0.url, $0.reason) })
        #expect(reasons[urls[0]] == "HTTP 500")
        #expect(reasons[urls[1]] == "HTTP 404")
        #expect(reasons[urls[2]] == "timed out (10 s to connect, 2 s in all)")
        #expect(reasons[urls[3]] == "not a feed (an HTML page)")
        #expect(result.done == 4 && result.newStories == 0)
    }

    @Test func aHugeBodyAndAGzipBombStopAtTheCap() throws {
        let server = try FeedServer()
        let folder = StoreFolder()
        var limits = HTTPLimits()
        limits.maxBytes = 1024 * 1024
        let result = Self.fetch([server.url("/huge/3"), server.url("/bomb")], store: folder.store, limits: limits)
        #expect(result.failures.map(\.reason) == ["too large (more than 1 MiB)", "too large (more than 1 MiB)"])
    }

    @Test func theDefaultCapStopsABombOfEightyMebibytes() throws {
        let server = try FeedServer()
        let folder = StoreFolder()
        let result = Self.fetch([server.url("/bomb")], store: folder.store)
        #expect(result.failures.map(\.reason) == ["too large (more than 64 MiB)"])
    }

    @Test func aChangedFeedKeepsOldItemsReplacesEditedOnesAndAddsNewOnes() throws {
        let server = try FeedServer()
        let folder = StoreFolder()
        let url = server.url("/changing")
        #expect(Self.fetch([url], store: folder.store).newStories == 3)
        let before = try folder.store.stories(of: [url])
        #expect(before.map(\.title) == ["Story A", "Story B", "Story C"])
        let second = Self.fetch([url], store: folder.store)
        #expect(second.newStories == 1)
        let after = try folder.store.stories(of: [url])
        #expect(after.map(\.title) == ["Story D", "Story A, corrected", "Story B", "Story C"], "B left the feed but stays")
        #expect(after[1].identity == before[0].identity, "the edited item is the same story, so its marks stay")
        #expect(after[1].sections.first?.paragraphs == ["Second version of A."])
    }

    @Test func atMostTwoTransfersToOneHostAndEightInAll() throws {
        let server = try FeedServer()
        let urls = (0..<10).map { server.url("/slowfeed/f\($0)/0.4") }
        _ = Self.fetch(urls, store: StoreFolder().store)
        #expect(try server.stats().maxActive == 2)
        let wide = try FeedServer()
        var limits = HTTPLimits()
        limits.maxPerHost = 20
        _ = Self.fetch((0..<12).map { wide.url("/slowfeed/g\($0)/0.6") }, store: StoreFolder().store, limits: limits)
        #expect(try wide.stats().maxActive == 8)
    }

    @Test func stoppingDropsWhatIsUnderWayAndKeepsWhatIsDone() throws {
        let server = try FeedServer()
        let folder = StoreFolder()
        let urls = [server.url("/feed/quick/2"), server.url("/slowfeed/late/20")]
        var sawQuick = false
        let result = FeedFetcher(store: folder.store).fetch(urls.map { Subscription(url: $0) }, shouldStop: { sawQuick }) { progress in
            if progress.done >= 1 { sawQuick = true }
        }
        #expect(result.stopped && result.done == 1)
        #expect(try folder.store.stories(of: Set(urls)).map(\.title) == ["quick story 0", "quick story 1"])
    }
}
