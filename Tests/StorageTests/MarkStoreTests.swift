import ArticleModel
import Foundation
@testable import Storage
import Testing

/// A state folder for one test, removed afterwards.
final class StateFolder {
    let path = NSTemporaryDirectory() + "tidings-marks-" + UUID().uuidString
    var file: String { path + "/tidings/state.sqlite" }
    deinit {
        chmod(path, 0o755)
        try? FileManager.default.removeItem(atPath: path)
    }
}

func story(_ title: String, dek: String? = "A dek.", file: String = "a.txt") -> Story {
    Story(publisher: "Example.news", title: title, dek: dek, source: StorySource(file: file, index: 0))
}

@Suite struct MarkStoreTests {
    @Test func marksSurviveReopeningTheFile() throws {
        let folder = StateFolder()
        do {
            let store = try MarkStore(path: folder.file)
            try store.save([.read], for: story("One"))
            try store.save([.read, .starred], for: story("Two"))
            try store.save([.starred], for: story("Three", dek: nil))
        }
        let reopened = try MarkStore(path: folder.file)
        #expect(try reopened.marks(for: [story("One"), story("Two"), story("Three", dek: nil), story("Never")]) ==
                [[.read], [.read, .starred], [.starred], []])
        try reopened.save([], for: story("One"))
        #expect(try MarkStore(path: folder.file).marks(for: [story("One")]) == [[]], "unmarking is saved too")
    }

    @Test func aStoryIsKnownByItsContentNotItsFile() throws {
        let folder = StateFolder()
        let store = try MarkStore(path: folder.file)
        try store.save([.read], for: story("Moved", file: "old/place.txt"))
        var moved = story("Moved", file: "new/renamed.txt")
        moved.source.index = 7
        moved.sections = [StorySection(heading: "Overview", bullets: ["Edited elsewhere in the file."])]
        #expect(try store.marks(for: [moved]) == [[.read]])
        #expect(try store.marks(for: [story("Moved", dek: "A different dek.")]) == [[]])
    }

    @Test func twoWritersAtOnceLoseNothing() async throws {
        let folder = StateFolder()
        let path = folder.file
        _ = try MarkStore(path: path)
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let store = try! MarkStore(path: path) // its own connections, as another process has
                    for n in 0..<200 { try! store.save([.read], for: story("Writer \(writer) story \(n)")) }
                }
            }
        }
        let all = (0..<2).flatMap { writer in (0..<200).map { story("Writer \(writer) story \($0)") } }
        #expect(try MarkStore(path: path).marks(for: all) == Array(repeating: [.read], count: 400))
    }

    @Test func aDamagedFileIsMovedAsideKeptAndReplaced() throws {
        let folder = StateFolder()
        _ = try MarkStore(path: folder.file)
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try garbage.write(to: URL(fileURLWithPath: folder.file))
        let store = try MarkStore(path: folder.file)
        let notice = try #require(store.notice)
        #expect(notice.hasPrefix("the state file \(folder.file) was damaged; it was moved to \(folder.file).damaged-"))
        let kept = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/tidings").filter { $0.contains(".damaged-") }
        #expect(kept.count == 1)
        #expect(FileManager.default.contents(atPath: folder.path + "/tidings/" + kept[0]) == garbage, "the damaged file is kept as it was")
        try store.save([.read], for: story("After"))
        #expect(try store.marks(for: [story("After")]) == [[.read]])
    }

    @Test func anUnwritableFolderIsOneClearError() throws {
        let folder = StateFolder()
        // root writes anywhere a mode allows nothing, so it gets a place that cannot hold folders at all.
        let path: String
        if getuid() == 0 {
            path = "/proc/tidings-test-\(getpid())/state.sqlite"
        } else {
            mkdir(folder.path, 0o500)
            path = folder.path + "/tidings/state.sqlite"
        }
        #expect(throws: SQLiteFile.OpenError.self) { try MarkStore(path: path) }
        do {
            _ = try MarkStore(path: path)
        } catch {
            #expect("\(error)".hasPrefix("cannot create the state folder /"))
            #expect("\(error)".hasSuffix("; read marks will not be saved"))
        }
    }

    @Test func aFileLockedTooLongFailsTheSaveAfterTheTimeout() throws {
        let folder = StateFolder()
        let store = try MarkStore(path: folder.file)
        let blocker = try MarkStore(path: folder.file)
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? blocker.holdWriteLock { holding.signal(); release.wait() }
            released.signal()
        }
        holding.wait()
        #expect(throws: (any Error).self) { try store.save([.read], for: story("Blocked")) }
        release.signal()
        released.wait()
        try store.save([.read], for: story("Blocked"))
        #expect(try store.marks(for: [story("Blocked")]) == [[.read]])
    }
}

/// Feed items are known by their identity: an edited item keeps its marks, two items never share them.
@Suite struct FeedItemMarkTests {
    static func item(_ title: String, identity: String, dek: String? = nil) -> Story {
        Story(publisher: "Harbor Daily", title: title, dek: dek, source: StorySource(file: "f.xml", index: 0), kind: .rss,
              identity: identity)
    }

    @Test func anEditedItemKeepsItsMarks() throws {
        let folder = StateFolder()
        let store = try MarkStore(path: folder.file)
        try store.save([.read, .starred], for: Self.item("Fares Frozen", identity: "rss https://h.example/ id:1"))
        let edited = Self.item("Fares Frozen for a Year", identity: "rss https://h.example/ id:1", dek: "Now with a dek.")
        #expect(try store.marks(for: [edited]) == [[.read, .starred]])
        #expect(try store.marks(for: [Self.item("Fares Frozen", identity: "rss https://h.example/ id:2")]) == [[]],
                "another item with the same title is another story")
        #expect(try store.marks(for: [story("Fares Frozen", dek: nil)]) == [[]], "a text export never picks up an item's marks")
    }

    /// A large library is answered from one read of every mark: the same answers as one lookup per story.
    @Test func aLargeLibraryGetsTheSameMarksFromOneScan() throws {
        let folder = StateFolder()
        let store = try MarkStore(path: folder.file)
        try store.save([.read, .starred], for: Self.item("Fares Frozen", identity: "rss https://h.example/ id:1"))
        try store.save([.starred], for: story("Fares Frozen", dek: nil))
        try store.save([.read], for: story("Tide Tables"))
        try store.save([], for: story("Unmarked Again"))
        let asked = [
            Self.item("Fares Frozen, Edited", identity: "rss https://h.example/ id:1"),
            Self.item("Fares Frozen", identity: "rss https://h.example/ id:2"),
            story("Fares Frozen", dek: nil),
            story("Fares Frozen"),
            story("Tide Tables", file: "elsewhere.txt"),
            story("Unmarked Again"),
        ]
        let expected: [StoryMarks] = [[.read, .starred], [], [.starred], [], [.read], []]
        #expect(try store.marks(for: asked) == expected, "one lookup per story")
        let many = asked + (0..<MarkStore.storiesWorthAScan).map { Self.item("Filler \($0)", identity: "rss https://h.example/ f\($0)") }
        let scanned = try store.marks(for: many)
        #expect(Array(scanned.prefix(asked.count)) == expected, "one scan")
        #expect(scanned.dropFirst(asked.count).allSatisfy { $0.isEmpty })
    }
}
