@testable import ArticleModel
import Glibc
import Testing

/// glibc's own measure, which tmux and C-library terminals place text by: the independent reference here.
@_silgen_name("wcwidth") private func glibcWidth(_ character: Int32) -> Int32

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("abc", 3), ("’", 1), ("日", 2), ("日本 ok", 7), ("👍", 2), ("👍🏽", 4), ("🇯🇵", 2), ("e\u{301}", 1),
        ("☺\u{FE0F}", 1), ("1\u{FE0F}\u{20E3}", 1), ("한국", 4), ("ｱ", 1), ("Ａ", 2), ("", 0), ("\u{200B}", 0),
    ])
    func cellsPerText(text: String, cells: Int) {
        #expect(DisplayWidth.of(text) == cells)
    }

    /// The ASCII shortcut walks the same clusters, with the same widths, as walking the text's Characters:
    /// texts made of ASCII next to marks, joiners, keycaps, wide and emoji clusters.
    @Test func theASCIIShortcutWalksTheClustersCharactersDo() {
        let pieces = ["a", "Z", " ", "~", "e\u{301}", "\n", "\t", "\u{7F}", "\u{1B}", "日", "👍🏽", "🇯🇵", "1\u{FE0F}\u{20E3}",
                      "a\u{200D}", "\u{200D}", "’", "x\u{20E3}", "ｱ", "\u{301}"]
        var seed: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        for _ in 0..<3_000 {
            let text = (0...next(12)).map { _ in pieces[next(pieces.count)] }.joined()
            var clusters: [String] = [], widths: [Int] = []
            DisplayWidth.forEachCluster(in: text) { cluster, width in
                clusters.append(String(cluster))
                widths.append(width)
                return true
            }
            #expect(clusters == text.map { String($0) }, "\(text.unicodeScalars.map { $0.value })")
            #expect(widths == text.map { DisplayWidth.of($0) })
            #expect(DisplayWidth.of(text) == widths.reduce(0, +))
        }
        // CR LF is one cluster to Swift and two bytes here; both ways it takes no cell.
        #expect(DisplayWidth.of("a\r\nb") == 2)
        var stopped: [String] = []
        DisplayWidth.forEachCluster(in: "ab日c") { cluster, _ in
            stopped.append(String(cluster))
            return cluster != "b"
        }
        #expect(stopped == ["a", "b"], "the walk stops when asked")
    }

    /// Every assigned printable scalar measures as glibc measures it. Format characters are left out: glibc
    /// gives some of them a cell, and the cleaner removes them all before text is measured.
    @Test func everyPrintableScalarMeasuresAsGlibcDoes() throws {
        try #require(setlocale(LC_CTYPE, "C.UTF-8") != nil)
        var checked = 0
        var disagreements: [String] = []
        for value in UInt32(0x20)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            switch scalar.properties.generalCategory {
            case .unassigned, .privateUse, .format, .control, .surrogate: continue
            default: break
            }
            let reference = glibcWidth(Int32(value))
            guard reference >= 0 else { continue }
            checked += 1
            if DisplayWidth.of(scalar) != Int(reference), disagreements.count < 20 {
                disagreements.append("U+\(String(value, radix: 16, uppercase: true)) ours \(DisplayWidth.of(scalar)) glibc \(reference)")
            }
        }
        #expect(checked > 140_000, "the table of assigned scalars is reached")
        #expect(disagreements == [])
    }
}

@Suite struct TextWrapperTests {
    @Test func breaksAtSpacesGreedily() {
        #expect(TextWrapper.wrap("one two three", width: 7) == ["one two", "three"])
        #expect(TextWrapper.wrap("one two three", width: 13) == ["one two three"])
        #expect(TextWrapper.wrap("", width: 5) == [""])
    }

    @Test func hardBreaksWordsLongerThanTheWidth() {
        #expect(TextWrapper.wrap("abcdefghij xy", width: 4) == ["abcd", "efgh", "ij", "xy"])
    }

    @Test func measuresWideCharactersInCellsAndNeverSplitsClusters() {
        #expect(TextWrapper.wrap("日本語のテキスト", width: 5) == ["日本", "語の", "テキ", "スト"])
        #expect(TextWrapper.wrap("ab 👍🏽👍🏽", width: 6) == ["ab", "👍🏽", "👍🏽"])
        #expect(TextWrapper.wrap("e\u{301}e\u{301}e\u{301}", width: 2) == ["e\u{301}e\u{301}", "e\u{301}"])
    }

    @Test func characterWiderThanThePaneIsReplaced() {
        #expect(TextWrapper.wrap("日x", width: 1) == ["\u{FFFD}", "x"])
    }

    @Test func truncatesWithEllipsisByCells() {
        #expect(TextWrapper.truncate("abcdef", width: 4) == "abc…")
        #expect(TextWrapper.truncate("日本語", width: 4) == "日…")
        #expect(TextWrapper.truncate("abc", width: 3) == "abc")
        #expect(TextWrapper.truncate("abc", width: 0) == "")
    }
}

@Suite struct TextCleanerTests {
    @Test func plainTextIsUntouched() {
        #expect(TextCleaner.clean("Café – “quoted” … ok’s") == "Café – “quoted” … ok’s")
    }

    @Test func escapeSequencesAreRemovedWithTheirPayload() {
        #expect(TextCleaner.clean("\u{1B}[1;31mRed\u{1B}[0m") == "Red")
        #expect(TextCleaner.clean("a\u{1B}]0;title\u{7}b") == "ab")
        #expect(TextCleaner.clean("a\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\b") == "alinkb")
        #expect(TextCleaner.clean("a\u{1B}]52;c;ZXZpbA==\u{7}b") == "ab")
        #expect(TextCleaner.clean("a\u{1B}]0;never ends") == "a")
        #expect(TextCleaner.clean("a\u{1B}7b\u{1B}(Bc") == "abc")
        #expect(TextCleaner.clean("a\u{9B}31mb\u{9D}0;t\u{9C}c") == "abc")
        #expect(TextCleaner.clean("a\u{1B}P1$r\u{1B}\\b") == "ab")
    }

    @Test func controlsLineBreaksAndFormatCharacters() {
        #expect(TextCleaner.clean("a\tb") == "a   b")
        #expect(TextCleaner.clean("a\nb\rc\u{85}d\u{2028}e\u{2029}f") == "a b c d e f")
        #expect(TextCleaner.clean("a\u{0}b\u{7}c\u{8}d\u{7F}e") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e")
        #expect(TextCleaner.clean("a\u{202E}b\u{2066}c\u{200B}d\u{FEFF}e\u{AD}f\u{200D}g") == "abcdefg")
        #expect(TextCleaner.clean("a\u{E000}b\u{F8FF}c") == "abc")
        #expect(TextCleaner.clean("a\u{80}b") == "a\u{FFFD}b")
    }

    @Test func combiningMarksAreCappedPerBase() {
        let flood = "e" + String(repeating: "\u{301}", count: 50) + "x"
        #expect(TextCleaner.clean(flood) == "e" + String(repeating: "\u{301}", count: TextCleaner.maxCombiningMarks) + "x")
        #expect(TextCleaner.clean("\u{301}a") == "a")
    }
}

@Suite struct VisibleNameTests {
    @Test func controlCharactersAndInvalidBytesBecomeEscapes() {
        #expect(VisibleName.of("plain/ok.txt") == "plain/ok.txt")
        #expect(VisibleName.of("a\u{1B}[2Jb\nc\td.txt") == "a\\x1b[2Jb\\nc\\td.txt")
        #expect(VisibleName.of([0x61, 0xFF, 0x62]) == "a\\xffb")
        #expect(VisibleName.of("x\u{202E}y\u{9B}z") == "x\\u{202e}y\\u{009b}z")
        #expect(VisibleName.of("日本.txt") == "日本.txt")
    }
}

/// The cleaner's fast check looks at eight bytes at a time: a byte it must refuse is refused wherever it
/// falls in a word, and plain text of any length is accepted.
@Suite struct PlainSafeTests {
    static func plainness(_ bytes: [UInt8]) -> TextCleaner.Plainness? { bytes.withUnsafeBufferPointer { TextCleaner.plainness($0) } }
    static func isPlainSafe(_ bytes: [UInt8]) -> Bool { plainness(bytes) != nil }

    @Test func aRefusedByteIsFoundAtEveryPlaceOfAWord() {
        let plain = Array("The harbour reopened after the storm, a week early.".utf8)
        #expect(Self.isPlainSafe(plain))
        for length in 0...plain.count { #expect(Self.isPlainSafe(Array(plain.prefix(length)))) }
        for refused: UInt8 in [0x00, 0x09, 0x0A, 0x1B, 0x1F, 0x7F, 0x80, 0xC0, 0xFF] {
            for place in 0..<20 {
                var bytes = plain
                bytes[place] = refused
                #expect(!Self.isPlainSafe(bytes), "byte \(refused) at \(place)")
            }
        }
    }

    @Test func commonNonASCIILettersAndPunctuationStayOnTheFastPath() {
        #expect(Self.isPlainSafe(Array("Zoë’s café — “déjà vu” • naïve".utf8)))
        #expect(!Self.isPlainSafe(Array("soft\u{AD}hyphen and plain words around it".utf8)))
        #expect(!Self.isPlainSafe(Array("an override \u{202E} hidden among plain words".utf8)))
    }

    @Test func plainTextSaysWhetherItIsASCII() {
        #expect(Self.plainness(Array("The harbour reopened after the storm, a week early.".utf8)) == .ascii)
        #expect(Self.plainness([]) == .ascii)
        #expect(Self.plainness(Array("The harbour reopened after the storm, a week early…".utf8)) == .utf8)
        #expect(Self.plainness(Array("é".utf8)) == .utf8)
    }

    /// Plain bytes become a string without Swift checking their UTF-8 again, so every sequence the fast
    /// path lets through must be whole and valid: each two-byte and E0–EF three-byte sequence it accepts,
    /// between ASCII letters, is, and its string is what checked decoding gives.
    @Test func everyAcceptedSequenceIsValidUTF8() {
        func accepts(_ sequence: [UInt8]) -> Bool {
            let bytes = [0x61] + sequence + [0x62]
            guard Self.isPlainSafe(bytes) else { return false }
            let decoded = String(validating: bytes, as: UTF8.self)
            #expect(decoded != nil, "accepted \(sequence)")
            #expect(bytes.withUnsafeBufferPointer { TextCleaner.clean($0) } == decoded, "string of \(sequence)")
            return true
        }
        var twoByte = 0, threeByte = 0
        for first: UInt8 in 0x80...0xFF { for second in UInt8.min...UInt8.max where accepts([first, second]) { twoByte += 1 } }
        for first: UInt8 in 0xE0...0xEF {
            for second in UInt8.min...UInt8.max { for third in UInt8.min...UInt8.max where accepts([first, second, third]) { threeByte += 1 } }
        }
        // À..ÿ (64), NBSP..¿ without the soft hyphen (31); U+2010..U+2027 (24).
        #expect(twoByte == 95)
        #expect(threeByte == 24)
    }
}
