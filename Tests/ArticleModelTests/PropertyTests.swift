@testable import ArticleModel
import Foundation
import PropertyBased
import Testing

/// Properties that must hold for any text or bytes at all.
@Suite struct PropertyTests {
    /// Any code point, surrogates mapped to U+FFFD (the generator traps on them).
    static let anyScalar = Gen.int(in: 0...0x10FFFF).map { Unicode.Scalar(UInt32($0)) ?? "\u{FFFD}" }
    /// Mostly the characters that cause trouble, with plain text around them.
    static let trickyScalar = Gen.element(of: [
        "\u{1B}", "[", "]", "\u{7}", "\u{9B}", "\u{9D}", "\u{9C}", "\\", "\u{0}", "\t", "\r", "\n", "\u{85}",
        "\u{2028}", "\u{202E}", "\u{200D}", "\u{FEFF}", "\u{301}", "\u{FE0F}", "日", "👍", "\u{1F3FD}", "🇯",
        " ", "a", "P", "_", "^", "X", "0", ";",
    ] as [Unicode.Scalar]).map { $0 ?? "a" }

    static func text(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    static func checkCleaned(_ scalars: [Unicode.Scalar]) {
        let cleaned = TextCleaner.clean(Self.text(scalars))
        #expect(TextCleaner.clean(cleaned) == cleaned)
        for scalar in cleaned.unicodeScalars {
            let category = scalar.properties.generalCategory
            #expect(![.control, .format, .privateUse, .unassigned, .surrogate].contains(category), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func cleaningIsIdempotentAndLeavesNoControlFormatOrEscape() async {
        await propertyCheck(count: 400, input: Self.anyScalar.array(of: 0...60)) { Self.checkCleaned($0) }
        await propertyCheck(count: 400, input: Self.trickyScalar.array(of: 0...60)) { Self.checkCleaned($0) }
    }

    @Test func widthIsNeverNegativeAndWrappedLinesFitThePane() async {
        await propertyCheck(count: 400, input: Self.trickyScalar.array(of: 0...80), Gen.int(in: 1...30)) { scalars, width in
            let text = TextCleaner.clean(Self.text(scalars))
            #expect(DisplayWidth.of(text) >= 0)
            for line in TextWrapper.wrap(text, width: width) {
                #expect(DisplayWidth.of(line) <= width, "\(line.debugDescription) at \(width)")
            }
            #expect(DisplayWidth.of(TextWrapper.truncate(text, width: width)) <= width)
        }
    }

    /// Stories built line by line the way exports are (headers, badges, titles, deks, captions, `Image`,
    /// headings, bullets with every glyph, continuations, paragraphs, hostile text), then a few bytes
    /// changed, inserted or cut: the checks hold, and most cases still build a story, so the story
    /// building, cleaning and layout behind the parser are what is exercised.
    @Test func structuredStoriesWithMutationsBuildStoriesAndKeepEveryProperty() async {
        let built = Tally()
        let plan = zip(Gen.int(in: 0...1_000_000).array(of: 1...60), Gen.int(in: 0...1_000_000).array(of: 0...6))
        await propertyCheck(count: 400, input: plan) { lines, mutations in
            let bytes = StoryScript.mutate(StoryScript.bytes(lines), with: mutations)
            #expect(InputChecks.problems(in: bytes) == [])
            let stories = bytes.withUnsafeBufferPointer { TextExportParser.parse($0, file: "generated").stories }
            let rereading = bytes.withUnsafeBufferPointer { TextExportParser.parse($0, file: "generated", rereading: { Array(bytes[$0]) }).stories }
            #expect(rereading == stories, "bodies read again come out as those kept")
            built.count([
                "story": !stories.isEmpty,
                "bullets": stories.contains { $0.sections.contains { !$0.bullets.isEmpty } },
                "images": stories.contains { !$0.images.isEmpty },
            ])
        }
        #expect(built.cases == 400)
        #expect(built["story"] * 10 >= 400 * 7, "only \(built["story"]) of 400 cases built a story")
        #expect(built["bullets"] * 2 >= 400, "only \(built["bullets"]) of 400 cases reached bullets")
        #expect(built["images"] * 2 >= 400, "only \(built["images"]) of 400 cases reached captions")
    }

    @Test func parserNeverTrapsOnAnyBytes() async {
        let byte = Gen.int(in: 0...255).map { UInt8($0) }
        let structured = Gen.element(of: Array("a.example\n\nImage\n  • - * x\r\n\u{1B}]".utf8) + [0xE2, 0x80, 0xA2, 0xFF, 0xC3]).map { $0 ?? 0x20 }
        await propertyCheck(count: 300, input: byte.array(of: 0...400)) { #expect(InputChecks.problems(in: $0) == []) }
        await propertyCheck(count: 300, input: structured.array(of: 0...400)) { #expect(InputChecks.problems(in: $0) == []) }
    }
}

/// Replays the fuzzer's committed corpus and any crash it saved, with the fuzzer's own checks.
@Suite struct FuzzCorpusReplayTests {
    /// The fuzzer's leak (its one-byte input is kept in Fuzz/crashes): what each thread of the parse made
    /// was freed without being destroyed, in one piece and in two halves. Every part made must be gone after.
    @Test func everyParsePartIsDestroyed() throws {
        let leak = try #require(FileManager.default.contents(atPath: Self.folders[1] + "/leak-e2415cb7f63df0c9de23362326ad3c37a9adfc96"))
        let story = "Halves.example\n\nA story of its own\n\n"
        let large = String(repeating: story, count: TextExportParser.parallelThreshold / story.utf8.count + 2)
        for (name, bytes) in [("leak", [UInt8](leak)), ("halves", Array(large.utf8))] {
            let file = "canary-\(name)-\(UUID().uuidString)"
            let result = TextExportParser.parse(bytes, file: file)
            #expect(name == "leak" || result.stories.count > 2)
            #expect(PartCanary.alive(for: file) == 0, "\(name): a part was freed without being destroyed")
        }
    }

    static let folders = ["Fuzz/corpus", "Fuzz/crashes"].map { Fixtures.repository + "/" + $0 }

    @Test func everyCorpusAndCrashFilePassesTheChecks() throws {
        var replayed = 0
        for folder in Self.folders {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
                let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + name))
                #expect(InputChecks.problems(in: [UInt8](bytes)) == [], "\(name)")
                replayed += 1
            }
        }
        #expect(replayed >= 150, "the committed corpus is there: \(replayed) files")
    }
}

/// Turns numbers into the lines of a story export: each number picks a kind of line and its words.
enum StoryScript {
    static let words = ["river", "the", "Harbor", "council", "日本語", "👍🏽", "🇨🇦", "e\u{301}", "’quoted”", "x", "and",
                        "\u{1B}[31m", "\u{202E}", "\t", "long-hyphenated-word", "\u{9B}2J", "한국", "…", "1\u{FE0F}\u{20E3}"]
    static let glyphs = ["•", "-", "*", "·", "‣", "◦"]
    static let headings = ["Overview", "Timeline", "Perspectives", "What to watch"]

    static func bytes(_ codes: [Int]) -> [UInt8] {
        var text = "Generated.example\n\nA generated title\n"
        for code in codes { text += line(code) + "\n" }
        return Array(text.utf8)
    }

    static func phrase(_ code: Int) -> String {
        (0..<(1 + code % 9)).map { words[(code / (7 + $0)) % words.count] }.joined(separator: " ")
    }

    static func line(_ code: Int) -> String {
        let words = phrase(code / 16)
        switch code % 16 {
        case 0: return ["News.example", "Particle.news", "a.b", "nodomain"][(code / 16) % 4]
        case 1, 2: return ""
        case 3: return "Download on the App Store"
        case 4: return "Image"
        case 5: return headings[(code / 16) % headings.count]
        case 6, 7, 8: return "  \(glyphs[(code / 16) % glyphs.count]) \(words)"
        case 9: return "    \(words)" // a continuation
        case 10: return "\(glyphs[(code / 16) % glyphs.count])\(words)" // a glyph with no space
        case 11: return "   " // white space only
        default: return words
        }
    }

    /// Changes a few bytes: each number picks a place and whether to replace, insert or cut there.
    static func mutate(_ bytes: [UInt8], with codes: [Int]) -> [UInt8] {
        var bytes = bytes
        for code in codes where !bytes.isEmpty {
            let place = (code / 3) % bytes.count
            let byte = UInt8(truncatingIfNeeded: code / 7)
            switch code % 3 {
            case 0: bytes[place] = byte
            case 1: bytes.insert(byte, at: place)
            default: bytes.remove(at: place)
            }
        }
        return bytes
    }
}

/// Counts across the cases of a property check, which may run concurrently: cases, and how many had each
/// named outcome.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var cases_ = 0
    private var hits: [String: Int] = [:]
    var cases: Int { lock.withLock { cases_ } }
    subscript(outcome: String) -> Int { lock.withLock { hits[outcome, default: 0] } }

    func count(_ outcomes: [String: Bool]) {
        lock.withLock {
            cases_ += 1
            for (name, happened) in outcomes where happened { hits[name, default: 0] += 1 }
        }
    }
}
