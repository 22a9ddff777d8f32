import ArticleModel
import StoryLoading

/// Runs the effects that reach outside the reducer (the mark store, the background loader) and turns
/// their results into actions. Failures become actions too, and their words are kept for the exit.
final class EffectRunner {
    /// Opens the mark store: the store and a warning it gave on opening, or an error saying why not.
    typealias MarkStoreOpener = () throws -> (store: MarkKeeping, notice: String?)

    private let library: StoryLibrary
    private let loader: BackgroundLoader
    private let filesTotal: Int
    private let openMarkStore: MarkStoreOpener?
    private var markStore: MarkKeeping?
    /// Marks changed before the store was opened, saved when it opens: the store opens a little after the
    /// first frame (or after a large file's rest), and a key pressed before then still counts.
    private var unsavedMarks: [(story: Story, marks: StoryMarks)] = []
    private var storeTried = false
    /// What R runs, if anything can be fetched.
    let refresh: BackgroundRefresh?
    /// Lines to print once the screen is given back.
    private(set) var warnings: [String] = []

    init(library: StoryLibrary, loader: BackgroundLoader, filesTotal: Int, openMarkStore: MarkStoreOpener?,
         refresh: BackgroundRefresh?) {
        self.library = library
        self.loader = loader
        self.filesTotal = filesTotal
        self.openMarkStore = openMarkStore
        self.refresh = refresh
    }

    /// Readable while the background loader has stories waiting.
    var wakeFD: Int32 { loader.wakeFD }

    /// Does the work of one effect other than those that need the screen, which are the loop's own.
    func run(_ effect: ReaderEffect) -> [ReaderAction] {
        switch effect {
        case .quit, .redrawAll, .openLink: return [] // the loop's own: they need the screen
        case .openMarkStore: return [openStore()]
        case .loadMarks(let range): return loadMarks(range).map { [$0] } ?? []
        case .saveMarks(let story, let marks): return save(marks, story: story).map { [$0] } ?? []
        case .takeLoadedStories: return takeLoadedStories()
        case .startRefresh:
            guard let total = refresh?.start() else { return [.notify("nothing to fetch: subscribe with tidings add URL")] }
            return [.refreshStarted(total: total)]
        case .takeRefreshNews: return takeRefreshNews()
        }
    }

    private func takeRefreshNews() -> [ReaderAction] {
        guard let news = refresh?.take() else { return [] }
        guard news.finished else { return [.refreshProgress(done: news.done, total: news.total)] }
        warnings += news.failures
        let (places, added) = merge(news.stories)
        let marks = (try? markStore?.marks(for: added[...])) ?? []
        return [.storiesInserted(at: places, marks: marks), .refreshFinished(newStories: added.count, failedFeeds: news.failures.count)]
    }

    /// Puts a refresh's stories into the library: those already listed (by identity) in place, the new ones
    /// among the feed items by date (text exports stay after them); returns where the new ones went.
    private func merge(_ stories: [Story]) -> (places: [Int], added: [Story]) {
        var known: [String: Int] = [:]
        for (index, story) in library.stories.enumerated() { if let identity = story.identity { known[identity] = index } }
        var added: [(before: Int, story: Story)] = []
        for story in stories {
            if let identity = story.identity, let index = known[identity] {
                library.replace(index, with: story)
            } else {
                added.append((insertionPoint(for: story), story))
            }
        }
        added.sort { $0.before < $1.before } // stable: newest first among stories going to one place
        let places = added.enumerated().map { $0.element.before + $0.offset }
        library.insert(added.map(\.story), at: places)
        return (places, added.map(\.story))
    }

    /// The first listed story the new one goes before: the first feed item older than it, or the first
    /// text export; an undated story is as new as the fetch.
    private func insertionPoint(for story: Story) -> Int {
        let key = story.date?.secondsSince1970 ?? Int64.max
        return library.stories.firstIndex { $0.kind == .text || ($0.date?.secondsSince1970 ?? Int64.max) < key } ?? library.count
    }

    private func openStore() -> ReaderAction {
        storeTried = true
        defer { unsavedMarks = [] }
        guard let openMarkStore else { return .markStoreUnavailable(nil) }
        do {
            let opened = try openMarkStore()
            markStore = opened.store
            if let notice = opened.notice { warnings.append(notice) }
            for (story, marks) in unsavedMarks {
                if let failure = save(marks, of: story) { return failure }
            }
            return .markStoreOpened(notice: opened.notice)
        } catch {
            warnings.append("\(error)")
            return .markStoreUnavailable("\(error)")
        }
    }

    /// Saves marks made before the store was opened, when the reader ends before it was: a star given in the
    /// first moments of a large file is kept even if the reader quits at once.
    func saveEarlyMarks() {
        if !storeTried, !unsavedMarks.isEmpty { _ = openStore() }
    }

    private func loadMarks(_ range: Range<Int>) -> ReaderAction? {
        guard let markStore, let marks = try? markStore.marks(for: library.stories[range]) else { return nil }
        return .marksArrived(from: range.lowerBound, marks: marks)
    }

    private func save(_ marks: StoryMarks, story: Int) -> ReaderAction? {
        guard story < library.count else { return nil }
        if markStore == nil, !storeTried, openMarkStore != nil {
            unsavedMarks.append((library.stories[story], marks))
            return nil
        }
        return save(marks, of: library.stories[story])
    }

    private func save(_ marks: StoryMarks, of story: Story) -> ReaderAction? {
        guard let markStore else { return nil }
        do {
            try markStore.save(marks, for: story)
            return nil
        } catch {
            self.markStore = nil // one failure is reported; nothing more is tried
            warnings.append("read marks are no longer saved: \(error)")
            return .marksNotSaved("\(error)")
        }
    }

    private func takeLoadedStories() -> [ReaderAction] {
        var batch = loader.take()
        var actions: [ReaderAction] = []
        // The rest of a file whose first stories are listed goes in among them first: it comes before any
        // later file's stories.
        if batch.fileCompleted {
            let marks = (try? markStore?.marks(for: batch.inserted[...])) ?? []
            // Taken out of the batch, so the library gets the only reference and can move the stories.
            let inserted = batch.inserted
            batch.inserted = []
            if !batch.insertedAt.isEmpty { library.insert(inserted, at: batch.insertedAt) }
            actions.append(.fileCompleted(at: batch.insertedAt, marks: marks))
        }
        let first = library.count
        library.append(contentsOf: batch.stories)
        warnings += batch.warnings
        let progress = batch.finished ? nil : ReaderState.LoadProgress(filesDone: batch.filesDone, filesTotal: filesTotal)
        let marks = (try? markStore?.marks(for: library.stories[first...])) ?? []
        actions.append(.libraryGrew(storyCount: library.count, progress: progress, marks: marks))
        return actions
    }
}
