import ArticleModel
import StoryLoading
import Foundation
import Testing

@Suite struct BackgroundLoaderTests {
    @Test func loadsTheRemainingFilesInOrderAndWakesTheReader() throws {
        let dir = ScratchFolder()
        for n in 0..<300 { dir.write(String(format: "%03d.txt", n), n == 7 ? "" : storyText("Story \(n)")) }
        let files = LibraryOrder.path.sorted(LibraryScanner.scan([dir.path]).files)
        let loader = BackgroundLoader(files: files, from: 10)
        #expect(loader.take() == BackgroundLoader.Batch(filesDone: 10, finished: false))
        loader.start()
        var stories: [Story] = []
        var warnings: [String] = []
        var last = BackgroundLoader.Batch(filesDone: 0, finished: false)
        var fds = [pollfd(fd: loader.wakeFD, events: Int16(POLLIN), revents: 0)]
        while !last.finished {
            #expect(poll(&fds, 1, 10_000) == 1, "the wake-up descriptor becomes readable")
            last = loader.take()
            stories += last.stories
            warnings += last.warnings
        }
        #expect(last.filesDone == 300)
        #expect(stories.map(\.title) == (10..<300).map { "Story \($0)" })
        #expect(warnings == [], "file 7 was read before the loader started")
    }

    @Test func warningsFromTheBackgroundAreKept() throws {
        let dir = ScratchFolder()
        dir.write("a.txt", storyText("A"))
        dir.write("b.txt", "not a story")
        let files = LibraryOrder.path.sorted(LibraryScanner.scan([dir.path]).files)
        let loader = BackgroundLoader(files: files, from: 0)
        loader.start()
        var fds = [pollfd(fd: loader.wakeFD, events: Int16(POLLIN), revents: 0)]
        var batch = BackgroundLoader.Batch(filesDone: 0, finished: false)
        var warnings: [String] = []
        while !batch.finished {
            _ = poll(&fds, 1, 10_000)
            batch = loader.take()
            warnings += batch.warnings
        }
        #expect(warnings == ["\(dir.path)/b.txt: not a story or feed (no publisher header such as 'Example.news' before a title)"])
    }
}
