import ArticleModel
import Dispatch
import FeedFetching
import ReaderTUI
import Storage
import StoryLoading

/// What `tidings` opens: the paths given; else the stored stories of the subscribed feeds (which R
/// fetches again); else, with nothing subscribed, the sample stories bundled with Tidings.
struct Opening {
    /// Stories from the feed store, newest first.
    var stored: [Story] = []
    /// Files to read, in list order.
    var files: [StoryFile] = []
    /// A word for the status line when the reader opens.
    var notice: String?
    /// What R does.
    var refresh: BackgroundRefresh?
    /// How the sources are named when nothing loads from them.
    var sourcesName: String
    /// True when an empty library is still worth opening (feeds subscribed, nothing fetched yet).
    var emptyIsFine = false

    /// `folders` are the configuration's, opened (with the subscribed feeds) when no PATH is given.
    static func choose(paths: [String], folders: [String] = [], order: LibraryOrder) throws -> Opening {
        if !paths.isEmpty {
            var opening = Opening(sourcesName: "the paths given")
            opening.files = scan(paths, order: order)
            opening.refresh = FeedRefresh(subscriptions: [], store: nil, paths: paths, knownFiles: opening.files, order: order)
            return opening
        }
        let subscriptions = Subscriptions.load()
        if !folders.isEmpty { return withFolders(folders, subscriptions: subscriptions, order: order) }
        guard !subscriptions.isEmpty else {
            var opening = Opening(sourcesName: "the bundled library (\(VisibleName.of(BundledLibrary.path)))")
            opening.files = scan([BundledLibrary.path], order: order)
            opening.notice = "these are samples: subscribe to a feed with tidings add URL"
            return opening
        }
        var opening = Opening(sourcesName: "the subscribed feeds", emptyIsFine: true)
        if let store = Subscriptions.openStore() {
            opening.stored = (try? store.stories(of: Set(subscriptions.map(\.url)))) ?? []
            opening.refresh = FeedRefresh(subscriptions: subscriptions, store: store)
        }
        if opening.stored.isEmpty { opening.notice = "no stories yet: R fetches the \(subscriptions.count) subscribed feeds" }
        return opening
    }

    /// The configured folders' files after the stored stories of any subscribed feeds; R does both.
    private static func withFolders(_ folders: [String], subscriptions: [Subscription], order: LibraryOrder) -> Opening {
        var opening = Opening(sourcesName: "the configured folders", emptyIsFine: !subscriptions.isEmpty)
        opening.files = scan(folders, order: order)
        let store = subscriptions.isEmpty ? nil : Subscriptions.openStore()
        if let store { opening.stored = (try? store.stories(of: Set(subscriptions.map(\.url)))) ?? [] }
        opening.refresh = FeedRefresh(subscriptions: subscriptions, store: store, paths: folders, knownFiles: opening.files, order: order)
        return opening
    }

    static func scan(_ paths: [String], order: LibraryOrder) -> [StoryFile] {
        let scan = LibraryScanner.scan(paths, needsTimes: order == .newest)
        for warning in scan.warnings { printError("tidings: \(warning)") }
        return order.sorted(scan.files)
    }

    /// Nothing to show ends with one line and status 1, unless feeds are subscribed (R will fetch them).
    func requireStories(_ noneLoaded: Bool) throws {
        guard noneLoaded, !emptyIsFine else { return }
        printError("tidings: no stories loaded from \(sourcesName)")
        throw ExitStatus(1)
    }

    /// Reads every deferred story body on all cores, before a dump that needs them all.
    static func prepareBodies(_ stories: [Story]) {
        DispatchQueue.concurrentPerform(iterations: stories.count) { stories[$0].prepareBody() }
    }
}

/// The subscription list and the feed store, as the commands use them.
enum Subscriptions {
    /// The subscribed feeds, with one warning line printed for each line that was skipped.
    static func load() -> [Subscription] {
        guard let path = SubscriptionList.defaultPath() else { return [] }
        switch SubscriptionList.read(path: path) {
        case .failure(let error):
            printError("tidings: \(error)")
            return []
        case .success(let list):
            for warning in list.warnings { printError("tidings: \(warning)") }
            return list.subscriptions
        }
    }

    /// The feed store, or nil with one warning line.
    static func openStore() -> FeedStore? {
        guard let path = FeedStore.defaultPath() else {
            printError("tidings: neither XDG_DATA_HOME nor HOME is set: there is nowhere to keep fetched stories")
            return nil
        }
        do {
            let store = try FeedStore(path: path)
            if let notice = store.notice { printError("tidings: \(notice)") }
            return store
        } catch {
            printError("tidings: \(error)")
            return nil
        }
    }
}
