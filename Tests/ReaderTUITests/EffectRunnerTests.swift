@testable import ReaderTUI
import ArticleModel
import StoryLoading
import Testing

/// The effects that reach outside the reducer, run against a mark store kept in memory.
@Suite struct EffectRunnerTests {
    /// Keeps what it is given, and can be told to refuse.
    final class RecordingStore: MarkKeeping {
        var saved: [(title: String, marks: StoryMarks)] = []
        var refuses = false

        func marks(for stories: ArraySlice<Story>) throws -> [StoryMarks] {
            stories.map { story in saved.last { $0.title == story.title }?.marks ?? [] }
        }

        func save(_ marks: StoryMarks, for story: Story) throws {
            if refuses { throw Refused() }
            saved.append((story.title, marks))
        }

        struct Refused: Error, CustomStringConvertible {
            var description: String { "the disk is full" }
        }
    }

    static func runner(_ store: RecordingStore?) -> EffectRunner {
        let library = StoryLibrary((0..<3).map { Story(publisher: "p.example", title: "Story \($0)") })
        let opener: EffectRunner.MarkStoreOpener? = store.map { store in { (store, nil) } }
        return EffectRunner(library: library, loader: BackgroundLoader(files: [], from: 0), filesTotal: 0,
                            openMarkStore: opener, refresh: nil)
    }

    /// The store opens a moment after the first frame, or after a large file's rest: a mark made before
    /// then is saved when it opens, in the order made, and is among the marks then loaded.
    @Test func marksMadeBeforeTheStoreOpensAreSavedWhenItDoes() {
        let store = RecordingStore()
        let runner = Self.runner(store)
        #expect(runner.run(.saveMarks(story: 1, [.read])) == [])
        #expect(runner.run(.saveMarks(story: 2, [.starred])) == [])
        #expect(runner.run(.saveMarks(story: 1, [.read, .starred])) == [])
        #expect(store.saved.isEmpty, "nothing is written before the store is open")
        #expect(runner.run(.openMarkStore) == [.markStoreOpened(notice: nil)])
        #expect(store.saved.map(\.title) == ["Story 1", "Story 2", "Story 1"])
        #expect(store.saved.map(\.marks) == [[.read], [.starred], [.read, .starred]])
        #expect(runner.run(.loadMarks(0..<3)) == [.marksArrived(from: 0, marks: [[], [.read, .starred], [.starred]])])
        #expect(runner.run(.saveMarks(story: 0, [.read])) == [])
        #expect(store.saved.count == 4, "once open, a mark is saved at once")
    }

    @Test func marksMadeBeforeTheStoreOpensAreSavedWhenTheReaderEndsFirst() {
        let store = RecordingStore()
        let runner = Self.runner(store)
        runner.saveEarlyMarks()
        #expect(store.saved.isEmpty, "nothing to save: the store is not opened for nothing")
        #expect(runner.run(.saveMarks(story: 2, [.starred])) == [])
        runner.saveEarlyMarks()
        #expect(store.saved.map(\.title) == ["Story 2"] && store.saved.map(\.marks) == [[.starred]])
        runner.saveEarlyMarks()
        #expect(store.saved.count == 1, "saved once")
    }

    @Test func aStoreThatRefusesTheEarlyMarksSaysSoOnce() {
        let store = RecordingStore()
        store.refuses = true
        let runner = Self.runner(store)
        #expect(runner.run(.saveMarks(story: 0, [.read])) == [])
        #expect(runner.run(.openMarkStore) == [.marksNotSaved("the disk is full")])
        #expect(runner.warnings == ["read marks are no longer saved: the disk is full"])
        #expect(runner.run(.saveMarks(story: 0, [])) == [])
        #expect(runner.warnings.count == 1)
    }

    @Test func withoutAStoreMarksAreNotKeptForLater() {
        let runner = Self.runner(nil)
        #expect(runner.run(.saveMarks(story: 0, [.read])) == [])
        #expect(runner.run(.openMarkStore) == [.markStoreUnavailable(nil)])
    }
}
