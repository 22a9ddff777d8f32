import ArticleModel
import StoryLoading
import Foundation
import Testing

/// Builds a scratch folder of story files for one test and removes it afterwards.
final class ScratchFolder {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "tidings-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String, modified: TimeInterval? = nil) -> String {
        let file = path + "/" + name
        try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        if let modified {
            try! FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: modified)], ofItemAtPath: file)
        }
        return file
    }
}

func storyText(_ title: String, publisher: String = "Example.news") -> String {
    "\(publisher)\n\n\(title)\n\nOverview\n\n  • A bullet.\n"
}

@Suite struct LibraryLoaderTests {
    @Test func newestFileFirstThenPathThenPositionInFile() {
        let dir = ScratchFolder()
        dir.write("b.txt", storyText("B old"), modified: 1000)
        dir.write("a.txt", storyText("A new") + "\n" + storyText("A new second", publisher: "two.example"), modified: 2000)
        dir.write("c.txt", storyText("C old"), modified: 1000)
        let library = LibraryLoader.load([dir.path], order: .newest)
        #expect(library.stories.map(\.title) == ["A new", "A new second", "B old", "C old"])
        #expect(library.warnings == [])
        let byPath = LibraryLoader.load([dir.path], order: .path)
        #expect(byPath.stories.map(\.title) == ["A new", "A new second", "B old", "C old"])
        dir.write("a.txt", storyText("A now oldest"), modified: 10)
        #expect(LibraryLoader.load([dir.path], order: .newest).stories.map(\.title) == ["B old", "C old", "A now oldest"])
        #expect(LibraryLoader.load([dir.path], order: .path).stories.map(\.title) == ["A now oldest", "B old", "C old"])
    }

    @Test func foldersAreSearchedRecursivelyForTxtSkippingHiddenEntries() {
        let dir = ScratchFolder()
        dir.write("top.txt", storyText("Top"), modified: 5)
        dir.write("sub/deeper/inner.txt", storyText("Inner"), modified: 4)
        dir.write(".hidden.txt", storyText("Hidden"))
        dir.write(".git/x.txt", storyText("In hidden folder"))
        dir.write("notes.md", storyText("Not txt"))
        let library = LibraryLoader.load([dir.path], order: .newest)
        #expect(library.stories.map(\.title) == ["Top", "Inner"])
        #expect(library.warnings == [])
    }

    @Test func explicitFileIsReadWhateverItsExtension() {
        let dir = ScratchFolder()
        let file = dir.write("story.export", storyText("Named"))
        #expect(LibraryLoader.load([file], order: .newest).stories.map(\.title) == ["Named"])
    }

    @Test func badFilesWarnOnceAndTheRestStillLoad() {
        let dir = ScratchFolder()
        dir.write("good.txt", storyText("Good"))
        dir.write("empty.txt", "")
        dir.write("binary.txt", "Example.news\n\n\u{0}\u{1}")
        dir.write("prose.txt", "Dear diary,\n\nnothing here.\n")
        let library = LibraryLoader.load([dir.path, dir.path + "/missing.txt"], order: .path)
        #expect(library.stories.map(\.title) == ["Good"])
        #expect(library.warnings == [
            "\(dir.path)/missing.txt: no such file or directory",
            "\(dir.path)/binary.txt: binary file (a NUL byte in the first 8 KB), not a story export",
            "\(dir.path)/empty.txt: empty file",
            "\(dir.path)/prose.txt: not a story or feed (no publisher header such as 'Example.news' before a title)",
        ])
    }

    @Test func linksLoopsFifosAndUnreadableEntriesAreSkippedWithWarnings() throws {
        let dir = ScratchFolder()
        dir.write("real/ok.txt", storyText("Ok"))
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/real/loop", withDestinationPath: dir.path + "/real")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/real/self.txt", withDestinationPath: dir.path + "/real/self.txt")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/real/dangling.txt", withDestinationPath: dir.path + "/nowhere")
        #expect(mkfifo(dir.path + "/real/pipe.txt", 0o644) == 0)
        dir.write("real/locked/secret.txt", storyText("Secret"))
        chmod(dir.path + "/real/locked", 0)
        defer { chmod(dir.path + "/real/locked", 0o755) }
        let library = LibraryLoader.load([dir.path], order: .path)
        // root reads a folder whatever its mode, so only other users see the permission warning.
        #expect(library.stories.map(\.title) == (getuid() == 0 ? ["Secret", "Ok"] : ["Ok"]))
        let real = dir.path + "/real"
        var expected = [
            "\(real)/dangling.txt: skipped: a dangling symbolic link",
            "\(real)/loop: skipped: a symbolic link loop (this folder was already searched)",
            "\(real)/pipe.txt: skipped: a FIFO, not a regular file",
            "\(real)/self.txt: skipped: a symbolic link loop",
        ]
        if getuid() != 0 { expected.insert("\(real)/locked: permission denied", at: 1) }
        #expect(library.warnings == expected)
    }

    @Test func warningsShowControlCharactersInFileNamesAsEscapes() {
        let dir = ScratchFolder()
        dir.write("bad\u{1B}[2Jname\n.txt", "")
        let library = LibraryLoader.load([dir.path], order: .path)
        #expect(library.warnings == ["\(dir.path)/bad\\x1b[2Jname\\n.txt: empty file"])
    }

    @Test func tooLargeFileIsRefusedWithTheLimitNamed() {
        #expect(ReadFailure.tooLarge(limitBytes: StoryFileReader.sizeLimit).description == "larger than the 64 MiB limit for one file")
    }
}

@Suite struct LibraryOrderTests {
    @Test func sortsLikeTheNaiveComparison() {
        var generator = SystemRandomNumberGenerator()
        let files = (0..<2_000).map { _ in
            StoryFile(pathBytes: (0..<Int.random(in: 1...6, using: &generator)).map { _ in UInt8.random(in: 0x61...0x64, using: &generator) },
                      modified: StoryFile.Timestamp(seconds: Int.random(in: 0...20, using: &generator), nanoseconds: Int.random(in: 0...1, using: &generator)))
        }
        let byPath = files.sorted { $0.pathBytes.lexicographicallyPrecedes($1.pathBytes) }
        #expect(LibraryOrder.path.sorted(files).map(\.pathBytes) == byPath.map(\.pathBytes))
        let newest = files.sorted { a, b in a.modified != b.modified ? a.modified > b.modified : a.pathBytes.lexicographicallyPrecedes(b.pathBytes) }
        #expect(LibraryOrder.newest.sorted(files) == newest)
        #expect(LibraryOrder.newest.sorted([]) == [])
    }
}

/// Text exports read from files keep their publisher, title and dek, and read the rest again when wanted.
@Suite struct DeferredBodyTests {
    static let repository: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    @Test func storiesFromFilesAreTheStoriesTheWholeParseBuilds() throws {
        let paths = [Self.repository + "/Resources", Self.repository + "/Tests/Fixtures/seed-layout.txt",
                     Self.repository + "/Tests/Fixtures/scripts.txt", Self.repository + "/Tests/Fixtures/hostile.txt",
                     Self.repository + "/Tests/Fixtures/wide.txt"]
        let loaded = LibraryLoader.load(paths, order: .path).stories
        #expect(loaded.count > 12)
        for story in loaded where story.kind == .text {
            let bytes = try #require(FileManager.default.contents(atPath: story.source.file))
            let whole = TextExportParser.parse([UInt8](bytes), file: story.source.file).stories
            #expect(whole[story.source.index] == story, "\(story.source.file) story \(story.source.index)")
        }
    }

    @Test func aFileChangedAfterListingSaysSoInsteadOfShowingOtherText() throws {
        let dir = ScratchFolder()
        let path = dir.write("s.txt", "Example.news\n\nA title\n\nA dek.\n\nOverview\n\n  • First.\n  • Second.\n")
        let story = try #require(LibraryLoader.load([path], order: .path).stories.first)
        #expect(story.title == "A title" && story.dek == "A dek.")
        try "Example.news\n\nA title\n\nA dek.\n\nOverview\n\n  • Changed, and longer than before.\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(story.sections.first?.bullets == [])
        #expect(story.sections.first?.paragraphs.first?.hasPrefix("The rest of this story could not be read again") == true)
    }
}
