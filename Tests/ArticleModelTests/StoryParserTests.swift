import Foundation
import ArticleModel
import Testing

@Suite struct StoryParserTests {
    @Test func seedLayoutFixtureGivesEveryFieldExactly() throws {
        let bytes = try #require(Fixtures.read(Fixtures.seedLayout))
        #expect(bytes.last == UInt8(ascii: "."), "the fixture keeps the export's missing final newline")
        let result = TextExportParser.parse(bytes, file: "seed-layout.txt")
        #expect(result.failure == nil)
        #expect(result.stories.count == 1)
        let story = try #require(result.stories.first)
        #expect(story.publisher == "Example.news")
        #expect(story.title == "Rivers Rise Across the Valley as Spring Storms Stall Over the Hills")
        #expect(story.dek == "After a week of heavy rain, towns along the river prepare sandbags while forecasters watch a second front.")
        #expect(story.images == [
            StoryImage(caption: "HILLSIDE, VALLEY - APRIL 2: Volunteers fill sandbags outside the town hall in Hillside on April 2, 2026, as the river climbs toward its spring record. (Photo by Sam Okafor - Valley Photo Pool)"),
            StoryImage(caption: nil),
            StoryImage(caption: "Residents watch the swollen river from the old stone bridge, which was closed to traffic on Thursday morning."),
            StoryImage(caption: "A rescue boat waits at the edge of a flooded car park near the railway station."),
        ])
        #expect(story.sections.count == 1)
        #expect(story.sections[0].heading == "Overview")
        #expect(story.sections[0].paragraphs == [])
        #expect(story.sections[0].bullets == [
            "Forecasters said the storm system has stalled over the hills, bringing a week’s worth of rain in two days and pushing the river to its highest level since 1998.",
            "The valley council opened three emergency shelters and asked residents in low-lying streets to move valuables upstairs before the weekend.",
            "Rail services between Hillside and the coast were suspended after water covered the tracks near the station, and buses will replace trains until Monday.",
            "Farmers reported flooded fields across the lower valley, with the council’s agriculture office warning that spring planting could be delayed by weeks.",
            "A second weather front is expected on Sunday, and the river authority said it would decide by Saturday whether to open the overflow channel at Millford.",
        ])
        #expect(story.source == StorySource(file: "seed-layout.txt", index: 0))
    }

    @Test(.enabled(if: Fixtures.hasSharedSeed, Fixtures.noSharedSeed))
    func realSeedExportParses() throws {
        let bytes = try #require(Fixtures.read(Fixtures.sharedSeed))
        let story = try #require(TextExportParser.parse(bytes, file: "seed").stories.first)
        #expect(story.publisher == "Particle.news")
        #expect(story.images.map { $0.caption == nil } == [false, true, false, false])
        #expect(story.sections.map(\.heading) == ["Overview"])
        #expect(story.sections[0].bullets.count == 5)
        #expect(story.sections[0].bullets.allSatisfy { !$0.hasPrefix("•") && !$0.hasPrefix(" ") })
    }

    static let minimal = "Example.news\n\nA Title\n\nThe dek.\n\nOverview\n\n  • One.\n  • Two.\n"

    @Test func byteOrderMarkIsDropped() throws {
        let story = try #require(Fixtures.story("\u{FEFF}" + Self.minimal))
        #expect(story.publisher == "Example.news")
        #expect(story.title == "A Title")
    }

    @Test func crlfAndLoneCREndLinesLikeLF() {
        let lf = Fixtures.parse(Self.minimal).stories
        let crlf = Fixtures.parse(Self.minimal.replacingOccurrences(of: "\n", with: "\r\n")).stories
        let cr = Fixtures.parse(Self.minimal.replacingOccurrences(of: "\n", with: "\r")).stories
        #expect(lf.count == 1)
        #expect(crlf == lf)
        #expect(cr == lf)
    }

    @Test func missingFinalNewlineChangesNothing() {
        let without = Fixtures.parse(String(Self.minimal.dropLast())).stories
        #expect(without == Fixtures.parse(Self.minimal).stories)
        #expect(without.first?.sections.first?.bullets == ["One.", "Two."])
    }

    @Test func invalidUTF8BecomesReplacementCharacterAndStoryLoads() throws {
        var bytes = Array("Example.news\n\nIt’s bad ".utf8)
        bytes += [0xFF, 0xC3, 0x28, 0xC0, 0xAF, 0xED, 0xA0, 0x80] // stray, truncated, overlong, surrogate
        bytes += Array(" bytes\n".utf8)
        let story = try #require(TextExportParser.parse(bytes, file: "x").stories.first)
        #expect(story.title == "It’s bad \u{FFFD}\u{FFFD}(\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD} bytes")
    }

    @Test func fileWithNoValidUTF8SequenceIsReadAsLatin1() throws {
        var bytes = Array("Example.news\n\nCaf".utf8)
        bytes += [0xE9, 0x20, 0x6F, 0x70, 0x65, 0x6E, 0x73, 0x20, 0xE0, 0x20, 0x6E, 0x6F, 0x6F, 0x6E, 0x85] // "é opens à noon" + C1 NEL
        let story = try #require(TextExportParser.parse(bytes, file: "x").stories.first)
        #expect(story.title == "Café opens à noon")
    }

    @Test func utf16IsRefusedWithAClearReason() {
        let utf16 = [UInt8]([0xFF, 0xFE]) + Array("Example.news".utf8).flatMap { [$0, 0] }
        #expect(TextExportParser.parse(utf16, file: "x").failure == .utf16)
        #expect(ParseFailure.utf16.description.hasPrefix("UTF-16 text; only UTF-8 (or Latin-1) exports can be read"))
    }

    @Test func paragraphsSplitOnAnyRunOfBlankOrWhiteSpaceLines() throws {
        let story = try #require(Fixtures.story("Example.news\n \t \n\n\nTitle here\n   \nDek here.\n"))
        #expect(story.title == "Title here")
        #expect(story.dek == "Dek here.")
    }

    @Test func severalStoriesInOneFileKeepTheirPositions() {
        let text = Self.minimal + "\nOther.example\n\nSecond Title\n\nthird.example\n\nThird Title\n"
        let stories = Fixtures.parse(text, file: "many.txt").stories
        #expect(stories.map(\.title) == ["A Title", "Second Title", "Third Title"])
        #expect(stories.map(\.publisher) == ["Example.news", "Other.example", "third.example"])
        #expect(stories.map(\.source.index) == [0, 1, 2])
        #expect(stories.allSatisfy { $0.source.file == "many.txt" })
    }

    @Test func textBeforeTheFirstHeaderIsNotAStory() {
        let stories = Fixtures.parse("Some preface.\n\nMore preface\n\n" + Self.minimal).stories
        #expect(stories.map(\.title) == ["A Title"])
    }

    @Test func fileWithoutHeaderIsRejectedWithReason() {
        let result = Fixtures.parse("Just a note\n\nwith no header at all.\n")
        #expect(result.stories.isEmpty)
        #expect(result.failure == .noPublisherHeader)
    }

    @Test func publisherHeaderMustLookLikeADomain() {
        for notHeader in ["U.S.", "3.5", "e.g", "two words.com", "  indented.news", "a..b", "x.-y"] {
            #expect(Fixtures.parse("\(notHeader)\n\nTitle\n").failure == .noPublisherHeader, "\(notHeader)")
        }
        for header in ["apnews.com", "news.example.org", "Particle.news", "my-site.co"] {
            #expect(Fixtures.story("\(header)\n\nTitle\n")?.publisher == header, "\(header)")
        }
    }

    @Test func titleIsRequired() {
        let result = Fixtures.parse("Example.news\n\n")
        #expect(result.stories.isEmpty)
        #expect(result.failure == .noTitle)
        let mixed = Fixtures.parse("Example.news\n\nOther.news\n\nKept Title\n")
        #expect(mixed.stories.map(\.title) == ["Kept Title"])
        #expect(mixed.problems == ["story 1: a publisher header with no title after it"])
    }

    @Test func storyMayEndRightAfterItsTitle() throws {
        let story = try #require(Fixtures.story("Example.news\n\nOnly a Title"))
        #expect(story == Story(publisher: "Example.news", title: "Only a Title", source: StorySource(file: "t.txt", index: 0)))
    }

    @Test func dekIsOptional() throws {
        let story = try #require(Fixtures.story("Example.news\n\nTitle\n\nOverview\n\n  • A bullet.\n"))
        #expect(story.dek == nil)
        #expect(story.sections.map(\.heading) == ["Overview"])
        let withImages = try #require(Fixtures.story("Example.news\n\nTitle\n\nCaption one\nImage\n\nOverview\n\n  • A.\n"))
        #expect(withImages.dek == nil)
        #expect(withImages.images == [StoryImage(caption: "Caption one"), StoryImage(caption: nil)])
    }

    @Test func mediaBlockIsOptionalAndEveryLineBeforeTheHeadingIsACaption() throws {
        let none = try #require(Fixtures.story(Self.minimal))
        #expect(none.images == [])
        let story = try #require(Fixtures.story("Example.news\n\nTitle\n\nDek.\n\nFirst caption\nImage\nImage\nSecond caption\n\nThird caption\n\nOverview\n\n  • B.\n"))
        #expect(story.images == [
            StoryImage(caption: "First caption"), StoryImage(caption: nil), StoryImage(caption: nil),
            StoryImage(caption: "Second caption"), StoryImage(caption: "Third caption"),
        ])
    }

    @Test func everyListedBulletGlyphStartsABullet() throws {
        let glyphs = ["•", "-", "*", "·", "‣", "◦"]
        let body = glyphs.map { "  \($0) Point \($0)" }.joined(separator: "\n")
        let story = try #require(Fixtures.story("Example.news\n\nTitle\n\nOverview\n\n\(body)\n"))
        #expect(story.sections.first?.bullets == glyphs.map { "Point \($0)" })
    }

    @Test func glyphWithoutSpaceIsNotABullet() throws {
        let story = try #require(Fixtures.story("Example.news\n\nTitle\n\nOverview\n\n  • Real bullet\n  •not a new one\n"))
        #expect(story.sections.first?.bullets == ["Real bullet •not a new one"])
    }

    @Test func wrappedBulletIsJoinedWithOneSpace() throws {
        let story = try #require(Fixtures.story("Example.news\n\nTitle\n\nOverview\n\n  • First part\n      second part\n    third part   \n  • Next\n"))
        #expect(story.sections.first?.bullets == ["First part second part third part", "Next"])
    }

    @Test func sectionsAfterOverviewAreKeptInOrder() throws {
        let story = try #require(Fixtures.story("Example.news\n\nTitle\n\nOverview\n\n  • A\n\nTimeline\n\n  - 2020: B\n  - 2021: C\n\nPerspectives\n\n  • D\n"))
        #expect(story.sections == [
            StorySection(heading: "Overview", bullets: ["A"]),
            StorySection(heading: "Timeline", bullets: ["2020: B", "2021: C"]),
            StorySection(heading: "Perspectives", bullets: ["D"]),
        ])
    }

    @Test func headingFollowedByParagraphsKeepsThem() throws {
        let story = try #require(Fixtures.story("Example.news\n\nTitle\n\nOverview\n\n  • A\n\nBackground\n\nFirst paragraph of prose,\nwrapped by hand.\n\nSecond paragraph.\n"))
        #expect(story.sections.last == StorySection(heading: "Background", paragraphs: ["First paragraph of prose, wrapped by hand.", "Second paragraph."]))
        let leading = try #require(Fixtures.story("Example.news\n\nTitle\n\nDek.\n\nOverview\n\nJust prose here.\n"))
        #expect(leading.sections == [StorySection(heading: "Overview", paragraphs: ["Just prose here."])])
    }

    @Test func appBadgeIsOptionalAndNeverContent() throws {
        let with = try #require(Fixtures.story("Example.news\n\nDownload on the App Store\n\nTitle\n"))
        let without = try #require(Fixtures.story("Example.news\n\nTitle\n"))
        #expect(with.title == "Title")
        #expect(with == without)
    }

    @Test func emptyAndBinaryInputsHavePreciseReasons() {
        #expect(Fixtures.parse("").failure == .empty)
        #expect(Fixtures.parse(" \n\t\r\n").failure == .empty)
        #expect(TextExportParser.parse([0xEF, 0xBB, 0xBF], file: "x").failure == .empty)
        var binary = Array(Self.minimal.utf8)
        binary.insert(0, at: 20)
        #expect(TextExportParser.parse(binary, file: "x").failure == .binary)
        var lateNul = Array(Self.minimal.utf8) + Array(repeating: UInt8(ascii: " "), count: 9000)
        lateNul.append(0)
        #expect(TextExportParser.parse(lateNul, file: "x").failure == nil, "only the first 8 KB are probed")
        #expect(ParseFailure.empty.description == "empty file")
        #expect(ParseFailure.binary.description == "binary file (a NUL byte in the first 8 KB), not a story export")
        #expect(ParseFailure.noPublisherHeader.description == "not a story or feed (no publisher header such as 'Example.news' before a title)")
    }

    @Test func wideTextIsKeptAsWritten() throws {
        let story = try #require(Fixtures.story("Example.news\n\n東京の桜 🌸\n\nOverview\n\n  • 満開は来週 👍🏽 🇯🇵\n"))
        #expect(story.title == "東京の桜 🌸")
        #expect(story.sections.first?.bullets == ["満開は来週 👍🏽 🇯🇵"])
    }

    @Test func controlCharactersNeverSurviveIntoFields() throws {
        let story = try #require(Fixtures.story("Example.news\n\nRed \u{1B}[31malert\u{1B}[0m\u{7}\n"))
        #expect(story.title == "Red alert\u{FFFD}")
    }

    @Test func parsingIsLinearEnoughForAHugeFile() {
        // 20,000 stories in one input: a quadratic parser would not finish in test time.
        let text = String(repeating: Self.minimal + "\n", count: 20_000)
        let result = Fixtures.parse(text)
        #expect(result.stories.count == 20_000)
        #expect(result.stories.last?.source.index == 19_999)
    }
}
