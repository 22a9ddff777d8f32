import ArticleModel
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

    @Test func parserNeverTrapsOnAnyBytes() async {
        let byte = Gen.int(in: 0...255).map { UInt8($0) }
        let structured = Gen.element(of: Array("a.example\n\nImage\n  • - * x\r\n\u{1B}]".utf8) + [0xE2, 0x80, 0xA2, 0xFF, 0xC3]).map { $0 ?? 0x20 }
        await propertyCheck(count: 300, input: byte.array(of: 0...400)) { #expect(InputChecks.problems(in: $0) == []) }
        await propertyCheck(count: 300, input: structured.array(of: 0...400)) { #expect(InputChecks.problems(in: $0) == []) }
    }
}

/// Replays the fuzzer's committed corpus and any crash it saved, with the fuzzer's own checks.
@Suite struct FuzzCorpusReplayTests {
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
        #expect(replayed >= 4, "the committed seed corpus is there")
    }
}
