import ArticleModel
import Foundation
@testable import StoryLoading
import Testing

/// Bad files: each gets one clear line, or a best-effort reading, and the others still load.
@Suite struct HostileFileTests {
    @Test func fileOverTheSizeLimitIsRefusedBeforeItIsRead() throws {
        let dir = ScratchFolder()
        let path = dir.write("huge.txt", "")
        #expect(truncate(path, off_t(100 * 1024 * 1024)) == 0) // sparse: 100 MB without using the disk
        dir.write("ok.txt", storyText("Still here"))
        let library = LibraryLoader.load([dir.path], order: .path)
        #expect(library.stories.map(\.title) == ["Still here"])
        #expect(library.warnings == ["\(dir.path)/huge.txt: larger than the 64 MiB limit for one file"])
    }

    @Test func tenThousandFilesLoadInOrder() throws {
        let dir = ScratchFolder()
        for n in 0..<10_000 {
            let name = String(format: "%05d.txt", n)
            FileManager.default.createFile(atPath: "\(dir.path)/\(name)", contents: Data(storyText("Story \(n)").utf8))
        }
        let library = LibraryLoader.load([dir.path], order: .path)
        #expect(library.stories.count == 10_000)
        #expect(library.stories.first?.title == "Story 0")
        #expect(library.stories.last?.title == "Story 9999")
        #expect(library.warnings == [])
    }

    @Test func unreadableEntryWarnsAndTheRestLoads() throws {
        let dir = ScratchFolder()
        dir.write("ok.txt", storyText("Fine"))
        let locked = dir.write("locked.txt", storyText("Locked"))
        chmod(locked, 0)
        // root may read any file, so the denial is made another way there: a path through a file.
        let denied = getuid() == 0 ? locked + "/inside.txt" : locked
        let library = LibraryLoader.load([dir.path + "/ok.txt", denied], order: .path)
        #expect(library.stories.map(\.title) == ["Fine"])
        let reason = getuid() == 0 ? "not a directory" : "permission denied"
        #expect(library.warnings == ["\(denied): \(reason)"])
    }

    @Test func fileNamesWithEscapeNewlineAndInvalidUTF8AreShownSafely() throws {
        let dir = ScratchFolder()
        let bad: [UInt8] = Array(dir.path.utf8) + Array("/x\u{1B}]0;t\u{7}\n".utf8) + [0xFF, 0xFE] + Array(".txt".utf8)
        let created = bad.withUnsafeBufferPointer { buffer -> Int32 in
            var cPath = Array(buffer).map { CChar(bitPattern: $0) } + [0]
            return creat(&cPath, 0o644)
        }
        #expect(created >= 0)
        close(created)
        let library = LibraryLoader.load([dir.path], order: .path)
        #expect(library.warnings == ["\(dir.path)/x\\x1b]0;t\\x07\\n\\xff\\xfe.txt: empty file"])
        #expect(library.warnings.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func fileDeletedAfterLoadingLeavesTheStoriesInTheReader() throws {
        let dir = ScratchFolder()
        let path = dir.write("gone.txt", storyText("Read before deletion"))
        let library = StoryLibrary(LibraryLoader.load([path], order: .path).stories)
        unlink(path)
        #expect(library.layout(of: 0, width: 78).line(0)?.text == "Read before deletion")
    }
}

/// A file read in pieces by other readers (a large one, both halves at once) still says when reading it
/// failed, rather than ending early without a word.
@Suite struct RangeReadFailureTests {
    @Test func aRangeReaderThatCannotReadTellsItsFile() throws {
        let dir = ScratchFolder()
        let path = dir.write("s.txt", "Example.news\n\nA title\n")
        // Open for writing only: every read of it fails, as a failing disk's would.
        let fd = open(path, O_WRONLY)
        #expect(fd >= 0)
        let file = OpenStoryFile(fd: fd, owned: true, sizeHint: 22, isRegular: true)
        let reader = try #require(file.reader(for: 0..<22))
        #expect(reader.nextPiece() == nil)
        #expect(file.failure == .unreadable("bad file descriptor"))
    }
}

/// The rest of a file read head first is placed by position: a file that changed between its head and its
/// rest gives what positions it has, and never more places than stories.
@Suite struct FileRestPlacesTests {
    static let stories = (0..<4).map { Story(publisher: "p.example", title: "S\($0)") }

    @Test func theRestTakesThePlacesTheOrderGivesIt() {
        let inFileOrder = LibraryLoader.remaining(Self.stories, order: nil, shownCount: 1)
        #expect(inFileOrder.stories.map(\.title) == ["S1", "S2", "S3"] && inFileOrder.places == [1, 2, 3])
        // Newest first: S2, S0 (shown), S3, S1.
        let byDate = LibraryLoader.remaining(Self.stories, order: [2, 0, 3, 1], shownCount: 1)
        #expect(byDate.stories.map(\.title) == ["S2", "S3", "S1"] && byDate.places == [0, 2, 3])
    }

    @Test func aFileThatShrankGivesNothingMore() {
        for order in [nil, [1, 0]] as [[Int]?] {
            let rest = LibraryLoader.remaining(Array(Self.stories.prefix(2)), order: order, shownCount: 5)
            #expect(rest.stories.isEmpty && rest.places.isEmpty)
        }
    }
}
