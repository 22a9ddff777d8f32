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
    /// Lines to print once the screen is given back.
    private(set) var warnings: [String] = []

    init(library: StoryLibrary, loader: BackgroundLoader, filesTotal: Int, openMarkStore: MarkStoreOpener?) {
        self.library = library
        self.loader = loader
        self.filesTotal = filesTotal
        self.openMarkStore = openMarkStore
    }

    /// Readable while the background loader has stories waiting.
    var wakeFD: Int32 { loader.wakeFD }

    /// Does the work of one effect other than those that need the screen, which are the loop's own.
    func run(_ effect: ReaderEffect) -> ReaderAction? {
        switch effect {
        case .quit, .redrawAll, .openLink: return nil // the loop's own: they need the screen
        case .openMarkStore: return openStore()
        case .loadMarks(let range): return loadMarks(range)
        case .saveMarks(let story, let marks): return save(marks, story: story)
        case .takeLoadedStories: return takeLoadedStories()
        }
    }

    private func openStore() -> ReaderAction {
        guard let openMarkStore else { return .markStoreUnavailable(nil) }
        do {
            let opened = try openMarkStore()
            markStore = opened.store
            if let notice = opened.notice { warnings.append(notice) }
            return .markStoreOpened(notice: opened.notice)
        } catch {
            warnings.append("\(error)")
            return .markStoreUnavailable("\(error)")
        }
    }

    private func loadMarks(_ range: Range<Int>) -> ReaderAction? {
        guard let markStore, let marks = try? markStore.marks(for: library.stories[range]) else { return nil }
        return .marksArrived(from: range.lowerBound, marks: marks)
    }

    private func save(_ marks: StoryMarks, story: Int) -> ReaderAction? {
        guard let markStore, story < library.count else { return nil }
        do {
            try markStore.save(marks, for: library.stories[story])
            return nil
        } catch {
            self.markStore = nil // one failure is reported; nothing more is tried
            warnings.append("read marks are no longer saved: \(error)")
            return .marksNotSaved("\(error)")
        }
    }

    private func takeLoadedStories() -> ReaderAction {
        let batch = loader.take()
        let first = library.count
        library.append(contentsOf: batch.stories)
        warnings += batch.warnings
        let progress = batch.finished ? nil : ReaderState.LoadProgress(filesDone: batch.filesDone, filesTotal: filesTotal)
        let marks = (try? markStore?.marks(for: library.stories[first...])) ?? []
        return .libraryGrew(storyCount: library.count, progress: progress, marks: marks)
    }
}
