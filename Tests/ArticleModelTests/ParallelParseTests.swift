@testable import ArticleModel
import Foundation
import Testing

/// A large export is parsed in two halves at once; the result must be exactly the one-pass result.
@Suite struct ParallelParseTests {
    static func parseBoth(_ text: String) -> (split: ParseResult, whole: ParseResult) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            (TextExportParser.parseUTF8(buffer, file: "big.txt"), TextExportParser.parseUTF8(buffer, file: "big.txt", split: false))
        }
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func splittingChangesNothing(newline: String) throws {
        var text = ""
        var n = 0
        while text.utf8.count < TextExportParser.parallelThreshold + 100_000 {
            text += "Example.news\n\nStory \(n) title\n\nDek \(n).\n\nCaption\nImage\n\nOverview\n\n  • One bullet that is long enough.\n    continued here\n\n"
            if n == 20_000 { text += "broken.example\n\n" } // a header with no title, just past the middle
            n += 1
        }
        text = text.replacingOccurrences(of: "\n", with: newline)
        let (split, whole) = Self.parseBoth(text)
        #expect(split.stories.count == n)
        #expect(split.stories == whole.stories)
        #expect(split.problems == whole.problems)
        #expect(split.stories.map(\.source.index) == Array(0..<n))
        let cut = Array(text.utf8).withUnsafeBufferPointer { TextExportParser.storyBoundary(in: $0, near: $0.count / 2) }
        #expect(cut != nil, "the input was really split")
    }

    @Test func noBoundaryMeansOnePass() {
        let long = "Example.news\n\nTitle\n\nOverview\n\n" + String(repeating: "  • bullet\n", count: 500_000)
        let (split, whole) = Self.parseBoth(long)
        #expect(split.stories == whole.stories)
        #expect(split.stories.first?.sections.first?.bullets.count == 500_000)
    }

    @Test func problemsAreNumberedAcrossTheCut() {
        #expect(TextExportParser.renumber("story 3: a publisher header with no title after it", by: 10) == "story 13: a publisher header with no title after it")
        #expect(TextExportParser.renumber("story 3: x", by: 0) == "story 3: x")
    }
}
