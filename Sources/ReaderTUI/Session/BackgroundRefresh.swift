import ArticleModel

/// What R runs: fetching the subscribed feeds (and looking for new files) on another thread. The loop
/// waits on `wakeFD` with the keyboard and takes the news when it is readable; the executable provides
/// the real thing, so this module knows nothing of HTTP or of where stories are kept.
public protocol BackgroundRefresh: AnyObject {
    /// Starts fetching; returns how many feeds, or nil when there is nothing to fetch.
    func start() -> Int?
    /// Readable when there is news.
    var wakeFD: Int32 { get }
    /// What happened since the last call.
    func take() -> RefreshNews
}

/// A refresh's news: how far it got, and when it is over, the stories as they now are.
public struct RefreshNews: Sendable {
    public var done: Int
    public var total: Int
    public var finished: Bool
    /// Once finished: every story of the refreshed sources, newest first; those already listed (by
    /// identity) replace their old versions in place, the others are new.
    public var stories: [Story]
    /// Once finished: one line per failed feed, `URL: REASON`.
    public var failures: [String]

    public init(done: Int, total: Int, finished: Bool, stories: [Story] = [], failures: [String] = []) {
        self.done = done
        self.total = total
        self.finished = finished
        self.stories = stories
        self.failures = failures
    }
}
