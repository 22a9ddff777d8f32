import ArticleModel
import FeedFormats
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// Fetches every subscribed feed and keeps what arrives: each response read as a feed and stored in one
/// transaction as soon as it is in, so stopping (Ctrl-C, or a kill) keeps every feed already done.
public final class FeedFetcher {
    public static let version = "0.1.0"
    public static let userAgent = "Tidings/\(version) (+https://github.com/tidings-reader)"

    private let store: FeedStore
    private let client: HTTPClient

    public init(store: FeedStore, limits: HTTPLimits = HTTPLimits()) {
        self.store = store
        client = HTTPClient(limits: limits, userAgent: "Tidings/\(Self.version)")
    }

    /// Where a fetch has got to.
    public struct Progress: Equatable, Sendable {
        public var done = 0
        public var total: Int
        /// Stories not seen before.
        public var newStories = 0
        /// Feeds that failed, with why: `(URL, REASON)`.
        public var failures: [Failure] = []
        /// True when every feed is done (or the fetch was stopped).
        public var finished = false
        public var stopped = false

        public init(total: Int) { self.total = total }
    }

    public struct Failure: Equatable, Sendable {
        public var url: String
        public var reason: String
    }

    /// Fetches `subscriptions`, calling `progress` on this thread after each feed and once at the end.
    @discardableResult
    public func fetch(_ subscriptions: [Subscription], shouldStop: () -> Bool = { false },
                      progress report: (Progress) -> Void = { _ in }) -> Progress {
        var progress = Progress(total: subscriptions.count)
        let requests = subscriptions.map { subscription -> HTTPRequest in
            let validators = (try? store.record(for: subscription.url))?.validators
            return HTTPRequest(url: subscription.url, etag: validators?.etag, lastModified: validators?.lastModified)
        }
        report(progress)
        client.fetchAll(requests, shouldStop: shouldStop) { index, outcome in
            keep(outcome, for: subscriptions[index], into: &progress)
            progress.done += 1
            report(progress)
        }
        progress.stopped = progress.done < progress.total
        progress.finished = true
        report(progress)
        return progress
    }

    private func keep(_ outcome: HTTPOutcome, for subscription: Subscription, into progress: inout Progress) {
        let now = Int64(time(nil))
        let url = subscription.url
        var failure: String?
        switch outcome {
        case .notModified:
            failure = attempt { try store.recordNotModified(url: url, at: now) }
        case .failed(let reason):
            failure = reason
        case .fetched(let body, let etag, let lastModified):
            switch FetchedFeed.read(body, url: url) {
            case .failure(let why):
                failure = "\(why)".replacingFirst("not a story or feed", with: "not a feed")
            case .success(var feed):
                if let title = subscription.title { feed.title = title }
                let validators = FeedStore.Validators(etag: etag, lastModified: lastModified)
                failure = attempt { progress.newStories += try store.keep(feed, url: url, validators: validators, at: now).new }
            }
        }
        if let failure {
            _ = attempt { try store.recordFailure(url: url, reason: failure, at: now) }
            progress.failures.append(Failure(url: url, reason: failure))
        }
    }

    /// Runs a store operation; the reason when it failed.
    private func attempt(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "cannot be kept: \(error)"
        }
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard hasPrefix(target) else { return self }
        return replacement + dropFirst(target.count)
    }
}
