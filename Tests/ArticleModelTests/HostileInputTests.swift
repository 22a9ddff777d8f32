import ArticleModel
import Foundation
import Testing

/// The catalogue of hostile text: each case names what must happen to it.
@Suite struct HostileTextTests {
    /// The title a one-story export with `title` gets.
    func title(_ title: String) -> String? {
        Fixtures.story("Example.news\n\n\(title)\n")?.title
    }

    func bullet(_ bullet: String) -> String? {
        Fixtures.story("Example.news\n\nT\n\nOverview\n\n  • \(bullet)\n")?.sections.first?.bullets.first
    }

    @Test func csiInATitleIsRemovedWithItsParameters() {
        #expect(title("Clear \u{1B}[2J\u{1B}[1;1Hthe \u{1B}[38;5;196mscreen") == "Clear the screen")
    }

    @Test func oscTitleHyperlinkAndClipboardAreRemovedWithTheirPayload() {
        #expect(title("A\u{1B}]0;pwned\u{7}B") == "AB")
        #expect(title("A\u{1B}]8;;http://x.example/\u{1B}\\link\u{1B}]8;;\u{1B}\\B") == "AlinkB")
        #expect(title("A\u{1B}]52;c;cHduZWQ=\u{7}B") == "AB")
    }

    @Test func unterminatedOSCRunsToTheEndOfTheField() {
        #expect(title("Kept \u{1B}]2;swallowed to the end") == "Kept")
        #expect(Fixtures.story("Example.news\n\nT \u{1B}]0;x\n\nNext line is safe\n")?.dek == "Next line is safe")
    }

    @Test func c1ControlsAsCharactersAndAsRawBytes() throws {
        #expect(title("a\u{9B}31mb\u{9D}0;t\u{9C}c\u{85}d\u{90}q\u{9C}e") == "abc de")
        #expect(title("x\u{80}y\u{9F}z") == "x\u{FFFD}y", "U+0080 is a plain control; U+009F opens an APC that swallows the rest")
        var bytes = Array("Example.news\n\nIt’s raw ".utf8)
        bytes += [0x9B, 0x33, 0x31, 0x6D, 0x20, 0x85]
        let story = try #require(StoryParser.parse(bytes, file: "x").stories.first)
        #expect(story.title == "It’s raw \u{FFFD}31m \u{FFFD}", "raw C1 bytes are invalid UTF-8: U+FFFD, never a control")
    }

    @Test func carriageReturnAndBackspaceInsideABullet() {
        #expect(bullet("over\rwritten") == "over written", "a lone CR ends the line; the rest continues the bullet")
        #expect(bullet("back\u{8}space") == "back\u{FFFD}space")
    }

    @Test func lineBreaksInATitleBecomeSpaces() {
        #expect(title("One\u{85}two\u{2028}three\u{2029}four") == "One two three four")
        #expect(Fixtures.story("Example.news\n\nFirst line\nsecond line\n")?.title == "First line second line")
    }

    @Test func tabBecomesSpaces() {
        #expect(title("a\tb") == "a   b")
        #expect(title("abcd\tb") == "abcd    b")
    }

    @Test func nulAndBelBecomeReplacementCharacters() {
        var bytes = Array("Example.news\n\n".utf8) + Array(repeating: UInt8(ascii: "\n"), count: 8200)
        bytes += Array("Late\u{0}nul and bell\u{7}\n".utf8)
        #expect(StoryParser.parse(bytes, file: "x").stories.first?.title == "Late\u{FFFD}nul and bell\u{FFFD}")
        #expect(Fixtures.parse("Example.news\n\nEarly\u{0}nul\n").failure == .binary, "a NUL in the first 8 KB means binary")
    }

    @Test func bidiOverridesAndIsolatesAreDropped() {
        #expect(title("safe \u{202E}txt.exe\u{202C} \u{2066}iso\u{2069} \u{200F}mark") == "safe txt.exe iso mark")
    }

    @Test func zeroWidthCharactersAndAMidTextBOMAreDropped() {
        #expect(title("zero\u{200B}width\u{200C}non\u{200D}joiner\u{FEFF}bom\u{2060}wj") == "zerowidthnonjoinerbomwj")
    }

    @Test func aFloodOfCombiningMarksIsCapped() throws {
        let flood = "Z" + String(repeating: "\u{336}\u{335}", count: 100) + "algo"
        let cleaned = try #require(title(flood))
        #expect(cleaned.unicodeScalars.count == 1 + TextCleaner.maxCombiningMarks + 4)
        #expect(DisplayWidth.of(cleaned) == 5)
    }

    @Test func emojiSequencesKeepTheirBasesAndMeasureTwoCells() throws {
        let text = try #require(title("flag 🇺🇦 tone 👍🏿 family 👨\u{200D}👩\u{200D}👧 keycap 1\u{FE0F}\u{20E3}"))
        #expect(text == "flag 🇺🇦 tone 👍🏿 family 👨👩👧 keycap 1\u{FE0F}\u{20E3}", "joiners are dropped: each person shows")
        #expect(DisplayWidth.of("🇺🇦") == 2)
        #expect(DisplayWidth.of("👍🏿") == 2)
    }

    @Test func markupLookingTextIsKeptLiterally() {
        #expect(title("<b>bold</b> **strong** [a](b) &amp; %s $(id) `x`") == "<b>bold</b> **strong** [a](b) &amp; %s $(id) `x`")
    }

    @Test func theHostileFixtureKeepsEveryWordAndNoControl() throws {
        let bytes = try #require(Fixtures.read(Fixtures.repository + "/Tests/Fixtures/hostile.txt"))
        #expect(InputChecks.problems(in: bytes) == [])
        let story = try #require(StoryParser.parse(bytes, file: "h").stories.first)
        #expect(story.title == "Clear the screen red title")
        #expect(story.dek == "A link and a clipboard dek")
        let all = ([story.title, story.dek ?? ""] + story.images.compactMap(\.caption) + story.sections.flatMap(\.bullets)).joined(separator: " ")
        #expect(!all.contains("PWNED"))
    }
}

/// Bad files: each gets one clear line, or a best-effort reading, and the others still load.
@Suite struct HostileFileTests {
    @Test func overlongAndInvalidUTF8Load() throws {
        let bytes = Array("Example.news\n\n“Quote” ".utf8) + [0xC0, 0x80, 0xE0, 0x80, 0xAF, 0xF8, 0x88, 0x80, 0x80, 0x80] + Array(" end\n".utf8)
        let story = try #require(StoryParser.parse(bytes, file: "x").stories.first)
        #expect(story.title.hasPrefix("“Quote” \u{FFFD}"))
        #expect(story.title.hasSuffix(" end"))
        #expect(!story.title.contains("\u{0}"))
    }

    @Test func fileOverTheSizeLimitIsRefusedBeforeItIsRead() throws {
        let dir = ScratchFolder()
        let path = dir.write("huge.txt", "")
        #expect(truncate(path, off_t(100 * 1024 * 1024)) == 0) // sparse: 100 MB without using the disk
        dir.write("ok.txt", storyText("Still here"))
        let library = LibraryLoader.load([dir.path], order: .path)
        #expect(library.stories.map(\.title) == ["Still here"])
        #expect(library.warnings == ["\(dir.path)/huge.txt: larger than the 64 MiB limit for one file"])
    }

    @Test func tenMegabyteLineWithNoSpacesIsHardWrapped() throws {
        let long = String(repeating: "x", count: 10 * 1024 * 1024)
        let story = try #require(Fixtures.story("Example.news\n\nShort title\n\nOverview\n\n  • \(long)\n"))
        let layout = DetailLayout(story: story, width: 80)
        #expect(layout.line(0)?.text == "Short title")
        let bullet = layout.bulletSpan(0)
        #expect(bullet.lineCount == (10 * 1024 * 1024 + 75) / 76)
        #expect(layout.lines.allSatisfy { $0.indent + DisplayWidth.of($0.text) <= 80 })
        #expect(layout.clampTop(Int.max, height: 20) == layout.lineCount - 20)
    }

    @Test func storyLongerThan32767LinesScrollsToItsEnd() throws {
        let bullets = (0..<40_000).map { "Bullet number \($0)" }
        let story = Story(publisher: "a.example", title: "Long", sections: [StorySection(heading: "Overview", bullets: bullets)])
        let library = StoryLibrary([story])
        var state = ReaderState(columns: 80, rows: 24, storyCount: 1)
        Reader.reduce(&state, .open, library: library)
        Reader.reduce(&state, .last, library: library)
        let layout = library.layout(of: 0, width: state.detailWidth)
        #expect(layout.lineCount > 32_767)
        #expect(state.detailTop == layout.lineCount - state.screen.detailViewHeight)
        #expect(layout.line(layout.lineCount - 1)?.text == "• Bullet number 39999")
        Reader.reduce(&state, .nextBullet, library: library)
        let firstInView = try #require(layout.firstTarget(captions: false, atOrAfter: layout.lineCount - state.screen.detailViewHeight))
        #expect(state.jump == .bullet(firstInView))
        #expect(firstInView > 39_970)
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
        var state = ReaderState(columns: 80, rows: 24, storyCount: library.count)
        Reader.reduce(&state, .open, library: library)
        #expect(library.layout(of: 0, width: state.detailWidth).line(0)?.text == "Read before deletion")
    }
}
