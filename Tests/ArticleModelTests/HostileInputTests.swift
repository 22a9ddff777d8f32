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
        let story = try #require(TextExportParser.parse(bytes, file: "x").stories.first)
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
        #expect(TextExportParser.parse(bytes, file: "x").stories.first?.title == "Late\u{FFFD}nul and bell\u{FFFD}")
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

    @Test func emojiSequencesKeepEveryScalarAndMeasureAsTheTerminalDoes() throws {
        let text = try #require(title("flag 🇺🇦 tone 👍🏿 family 👨\u{200D}👩\u{200D}👧 keycap 1\u{FE0F}\u{20E3}"))
        #expect(text == "flag 🇺🇦 tone 👍🏿 family 👨👩👧 keycap 1\u{FE0F}\u{20E3}", "joiners are dropped: each person shows")
        #expect(DisplayWidth.of("🇺🇦") == 2)
        #expect(DisplayWidth.of("👍🏿") == 4, "the tone takes cells of its own in tmux")
    }

    @Test func markupLookingTextIsKeptLiterally() {
        #expect(title("<b>bold</b> **strong** [a](b) &amp; %s $(id) `x`") == "<b>bold</b> **strong** [a](b) &amp; %s $(id) `x`")
    }

    @Test func theHostileFixtureKeepsEveryWordAndNoControl() throws {
        let bytes = try #require(Fixtures.read(Fixtures.repository + "/Tests/Fixtures/hostile.txt"))
        #expect(InputChecks.problems(in: bytes) == [])
        let story = try #require(TextExportParser.parse(bytes, file: "h").stories.first)
        #expect(story.title == "Clear the screen red title")
        #expect(story.dek == "A link and a clipboard dek")
        let all = ([story.title, story.dek ?? ""] + story.images.compactMap(\.caption) + story.sections.flatMap(\.bullets)).joined(separator: " ")
        #expect(!all.contains("PWNED"))
    }
}

/// Bytes and sizes no real export has: a best-effort story, never a trap.
@Suite struct HostileContentTests {
    @Test func overlongAndInvalidUTF8Load() throws {
        let bytes = Array("Example.news\n\n“Quote” ".utf8) + [0xC0, 0x80, 0xE0, 0x80, 0xAF, 0xF8, 0x88, 0x80, 0x80, 0x80] + Array(" end\n".utf8)
        let story = try #require(TextExportParser.parse(bytes, file: "x").stories.first)
        #expect(story.title.hasPrefix("“Quote” \u{FFFD}"))
        #expect(story.title.hasSuffix(" end"))
        #expect(!story.title.contains("\u{0}"))
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
}
