import ArticleModel
import Dispatch
import FeedFetching
import ReaderTUI
import Storage
import StoryLoading
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// R in the reader: fetches every subscribed feed on another thread, then looks for files in the folders
/// given that were not there before, and hands back every story of both, for the reader to merge.
final class FeedRefresh: BackgroundRefresh, @unchecked Sendable {
    private let subscriptions: [Subscription]
    private let store: FeedStore?
    private let paths: [String]
    private let order: LibraryOrder
    /// Files already read, so a rescan brings only new ones: as listed at the start, made into a set on the
    /// first R (hashing 100,000 paths has no place before the first screen).
    private let known: Mutex<(listed: [StoryFile], paths: Set<[UInt8]>?)>
    private let news = Mutex<RefreshNews?>(nil)
    private let running = Mutex(false)
    let wakeFD: Int32
    private let wakeWriteFD: Int32

    init(subscriptions: [Subscription], store: FeedStore?, paths: [String] = [], knownFiles: [StoryFile] = [],
         order: LibraryOrder = .newest) {
        self.subscriptions = subscriptions
        self.store = store
        self.paths = paths
        self.order = order
        known = Mutex((knownFiles, nil))
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        wakeFD = fds[0]
        wakeWriteFD = fds[1]
    }

    deinit {
        close(wakeFD)
        close(wakeWriteFD)
    }

    func start() -> Int? {
        guard !subscriptions.isEmpty || !paths.isEmpty else { return nil }
        guard running.withLock({ running in
            defer { running = true }
            return !running
        }) else { return nil }
        let total = subscriptions.count
        DispatchQueue.global(qos: .utility).async { [self] in run() }
        return total
    }

    func take() -> RefreshNews {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(wakeFD, &sink, sink.count) > 0 {}
        return news.withLock { news in
            defer { if news?.finished == true { news = nil } }
            return news ?? RefreshNews(done: 0, total: subscriptions.count, finished: false)
        }
    }

    private func run() {
        var failures: [String] = []
        var stories: [Story] = []
        if let store, !subscriptions.isEmpty {
            let result = FeedFetcher(store: store).fetch(subscriptions, shouldStop: { false }) { progress in
                if !progress.finished { self.post(RefreshNews(done: progress.done, total: progress.total, finished: false)) }
            }
            failures = result.failures.map { "\(VisibleName.of($0.url)): \($0.reason)" }
            stories = (try? store.stories(of: Set(subscriptions.map(\.url)))) ?? []
        }
        stories += newFileStories(&failures)
        running.withLock { $0 = false }
        post(RefreshNews(done: subscriptions.count, total: subscriptions.count, finished: true, stories: stories, failures: failures))
    }

    /// Stories of files that appeared in the folders given since the reader opened.
    private func newFileStories(_ warnings: inout [String]) -> [Story] {
        guard !paths.isEmpty else { return [] }
        let scan = LibraryScanner.scan(paths.filter { $0 != "-" }, needsTimes: order == .newest)
        let fresh = known.withLock { known in
            var paths = known.paths ?? Set(known.listed.map(\.pathBytes))
            known.listed = []
            let fresh = scan.files.filter { !paths.contains($0.pathBytes) }
            paths.formUnion(fresh.map(\.pathBytes))
            known.paths = paths
            return fresh
        }
        var loader = LibraryLoader(datesOrderItems: order == .newest)
        for file in order.sorted(fresh) { loader.read(file) }
        warnings += loader.warnings
        return loader.stories
    }

    private func post(_ update: RefreshNews) {
        news.withLock { news in
            // A finished report is kept until taken; progress only replaces progress.
            if news?.finished != true { news = update }
        }
        var byte: UInt8 = 1
        _ = write(wakeWriteFD, &byte, 1)
    }
}
