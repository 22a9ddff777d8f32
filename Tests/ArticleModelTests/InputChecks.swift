// Shared by the fuzzer (Fuzz/run builds this file with the ArticleModel and FeedFormats modules) and by the
// corpus replay test, so both check exactly the same properties.
#if canImport(ArticleModel)
@testable import ArticleModel
#endif
@testable import FeedFormats
#if canImport(TestSupport)
import TestSupport
#endif

/// What must hold for any input bytes whatsoever.
enum InputChecks {
    static let widths = [1, 2, 3, 7, 40]

    /// Every broken property, in words; empty when all hold. Trapping instead is also a failure. The bytes
    /// go through the format that claims them (text export, feed XML or JSON Feed), and through the HTML
    /// reader as an item's content would.
    static func problems(in bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        let cleaned = bytes.withUnsafeBufferPointer { TextCleaner.clean($0) }
        problems += fieldProblems(cleaned, name: "cleaned input")
        let formats: [any StoryFormat] = [FeedXMLFormat(), JSONFeedFormat(), TextExportFormat()]
        let result = bytes.withUnsafeBufferPointer { buffer in
            (formats.first { $0.recognizes(buffer) } ?? TextExportFormat()).parse(buffer, file: "fuzz")
        }
        if result.stories.isEmpty != (result.failure != nil) { problems.append("stories and failure disagree") }
        // Stories that read their bodies again from the file must come out as those that kept them.
        let rereadable = bytes.withUnsafeBufferPointer { TextExportFormat().parse($0, file: "fuzz", rereading: { Array(bytes[$0]) }) }
        let kept = bytes.withUnsafeBufferPointer { TextExportParser.parse($0, file: "fuzz") }
        if rereadable.stories != kept.stories { problems.append("a story read its body again differently") }
        // Read a few bytes at a time and cut often, a large file's way, the stories are the same again.
        let file = MemoryFile(bytes, pieceLength: 1 + bytes.count % 61)
        if let streamed = TextExportStream.parse(file, name: "fuzz", rereading: file.rereading!, stretchLength: 96, threshold: 0),
           streamed.stories != kept.stories || streamed.problems != kept.problems {
            problems.append("a story read a piece at a time came out differently")
        }
        // A large file's head, read the same way, is the first of those stories.
        let headFile = MemoryFile(bytes, pieceLength: 1 + bytes.count % 53)
        if let head = TextExportStream.head(of: headFile, name: "fuzz", rereading: headFile.rereading!, enough: 2, stretchLength: 96, threshold: 0),
           head != Array(kept.stories.prefix(head.count)) {
            problems.append("a large file's head is not the first of its stories")
        }
        // A feed read in parts at once, as a large one is, gives what one pass gives (or is read in one pass).
        if bytes.withUnsafeBufferPointer({ FeedXMLFormat().recognizes($0) }) {
            let onePass = bytes.withUnsafeBufferPointer { FeedXMLFormat().parse($0, file: "fuzz") }
            let inParts = FeedXMLFormat().parse(pieces: MemoryFile(bytes, pieceLength: 1 + bytes.count % 47), file: "fuzz", partsFrom: 0)
            if inParts.stories != onePass.stories || inParts.problems != onePass.problems || inParts.failure != onePass.failure {
                problems.append("a feed read in parts came out differently")
            }
            // Its text carried through libxml2 as ASCII, a well-formed feed reads as with the file's own bytes.
            // (After an error libxml2 drops every entity reference; carried, `&lt;` and its kind are kept.)
            let uncarried = bytes.withUnsafeBufferPointer { FeedXMLFormat(carriesText: false).parse($0, file: "fuzz") }
            var wellFormed = !uncarried.problems.contains { $0.hasPrefix("malformed XML") }
            if case .malformedFeed = uncarried.failure { wellFormed = false }
            if wellFormed, uncarried.stories != onePass.stories || uncarried.problems != onePass.problems || uncarried.failure != onePass.failure {
                problems.append("a well-formed feed read with its text carried came out differently")
            }
        }
        for story in result.stories { problems += storyProblems(story) }
        let body = HTMLBody.read(bytes, base: "https://fuzz.example/a/")
        let html = Story(publisher: "fuzz.example", title: "HTML", images: body.images.map { StoryImage(caption: $0.caption) },
                         sections: body.sections)
        problems += storyProblems(html)
        for link in body.links where !(link.hasPrefix("http://") || link.hasPrefix("https://")) {
            problems.append("a link that is not http(s): \(link.debugDescription)")
        }
        return problems
    }

    static func storyProblems(_ story: Story) -> [String] {
        var problems: [String] = []
        var fields = [story.publisher, story.title] + [story.dek, story.author, story.link].compactMap { $0 }
        fields += story.images.compactMap(\.caption)
        for section in story.sections { fields += (section.heading.map { [$0] } ?? []) + section.bullets + section.paragraphs }
        for field in fields { problems += fieldProblems(field, name: "field") }
        if story.title.isEmpty { problems.append("empty title") }
        for width in widths {
            let layout = DetailLayout(story: story, width: width)
            for line in layout.lines where line.indent + DisplayWidth.of(line.text) > width {
                problems.append("line wider than \(width): \(line.text.debugDescription)")
            }
        }
        return problems
    }

    /// A cleaned text holds no control, format, private-use or unassigned character, and cleaning it
    /// again changes nothing.
    static func fieldProblems(_ text: String, name: String) -> [String] {
        var problems: [String] = []
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .privateUse, .unassigned, .surrogate, .lineSeparator, .paragraphSeparator:
                problems.append("\(name) holds U+\(String(scalar.value, radix: 16, uppercase: true))")
            default: break
            }
        }
        if TextCleaner.clean(text) != text { problems.append("\(name) changes when cleaned again: \(text.debugDescription)") }
        return problems
    }
}
