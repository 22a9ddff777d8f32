import ArticleModel
@testable import FeedFormats
import Testing
import TestSupport

/// Text carried through libxml2 as ASCII (see `CharacterDataCarrier`): what the parser is handed, and that
/// the feed reader still sees the file's own bytes.
@Suite struct CharacterDataCarrierTests {
    /// The bytes the parser is handed for `document`, read a piece of `pieceLength` bytes at a time into a
    /// buffer of `room` bytes, as libxml2 asks for them.
    static func carried(_ document: [UInt8], pieceLength: Int = 1 << 20, room: Int = 4000, enabled: Bool = true) -> (bytes: [UInt8], isCarrying: Bool) {
        var carrier = CharacterDataCarrier(enabled: enabled)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: room)
        var start = 0
        while start < document.count {
            let piece = Array(document[start..<min(document.count, start + pieceLength)])
            var used = 0
            while used < piece.count {
                let (read, written) = piece.withUnsafeBufferPointer { bytes in
                    buffer.withUnsafeMutableBufferPointer { carrier.encode(UnsafeBufferPointer(rebasing: bytes[used...]), into: $0) }
                }
                out += buffer[..<written]
                used += read
            }
            start += pieceLength
        }
        return (out + carrier.finish(), carrier.isCarrying)
    }

    static func carried(_ document: String, pieceLength: Int = 1 << 20) -> (bytes: [UInt8], isCarrying: Bool) {
        carried(Array(document.utf8), pieceLength: pieceLength)
    }

    /// DEL, then the byte's high and low four bits as `@`…`O`.
    static func escaped(_ text: String) -> [UInt8] { text.utf8.flatMap { [0x7F, 0x40 | $0 >> 4, 0x40 | $0 & 0x0F] } }

    @Test func textIsHandedOverAsASCIIAndMarkupAsItIs() {
        let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss a=\"é>\"><!-- ü --><t>"
        let document = head + "Café &lt;b&gt; x&#233;y\r\nz\u{7F}\rw</t><![CDATA[ñ\u{7F}]]></rss>"
        var expected = Array(head.utf8) + Array("Caf".utf8) + Self.escaped("é") + Array(" ".utf8) + Self.escaped("<") + [0x62]
        expected += Self.escaped(">") + Array(" x&#233;y\nz".utf8) + Self.escaped("\u{7F}\n") + Array("w</t><![CDATA[ñ".utf8)
        expected += Self.escaped("\u{7F}") + Array("]]></rss>".utf8)
        for pieceLength in [1, 2, 3, 5, 7, 64, 1 << 20] {
            let (bytes, isCarrying) = Self.carried(document, pieceLength: pieceLength)
            #expect(isCarrying, "pieces of \(pieceLength)")
            #expect(bytes == expected, "pieces of \(pieceLength)")
        }
    }

    /// Plain text is copied sixteen and eight bytes at a time: a piece may end anywhere in it.
    @Test func plainTextEndsWhereverAPieceDoes() {
        let plain = String(repeating: "Plain words, and more of them; ", count: 8)
        let document = "<r>" + plain + "é" + plain + "</r>"
        let expected = Array("<r>\(plain)".utf8) + Self.escaped("é") + Array("\(plain)</r>".utf8)
        for pieceLength in [8, 13, 16, 19, 24, 32, 48, 64, 4096] {
            #expect(Self.carried(document, pieceLength: pieceLength).bytes == expected, "pieces of \(pieceLength)")
            #expect(Self.carried(Array(document.utf8), pieceLength: pieceLength, room: 100).bytes == expected, "pieces of \(pieceLength), reads of 100")
        }
    }

    @Test func documentsThatMayNotBeUTF8OrDeclareATypeGoAsTheyAre() {
        let documents = [
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><t>é &lt;</t></rss>",
            "<?xml version='1.1'?><rss><t>é</t></rss>",
            "<!DOCTYPE rss [<!ENTITY e \"é\">]><rss><t>é &e;</t></rss>",
            "  text before the root é<rss><t>é</t></rss>",
        ]
        for document in documents {
            let (bytes, isCarrying) = Self.carried(document)
            #expect(!isCarrying, "\(document)")
            #expect(bytes == Array(document.utf8), "\(document)")
        }
        let bom = "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf8\"?><rss>é</rss>"
        #expect(Self.carried(bom).bytes == Array("\u{FEFF}<?xml version=\"1.0\" encoding=\"utf8\"?><rss>".utf8) + Self.escaped("é") + Array("</rss>".utf8))
    }

    /// From a character the parser would refuse (or read one at a time with the text after it), the parser
    /// sees the file as it is, and says what it always said.
    @Test func fromWhatTheParserWouldRefuseTheFileGoesAsItIs() {
        let cases: [(before: String, rest: [UInt8])] = [
            ("<r>é", [0xC3, 0x28] + Array(" é".utf8) + Array("</r>".utf8)),         // invalid UTF-8
            ("<r>é", Array("\u{FFFF} é</r>".utf8)),                                    // a code point XML forbids
            ("<r>é &gt", Array("é é</r>".utf8)),                                       // a reference's name goes on
        ]
        for (before, rest) in cases {
            let document = Array(before.utf8) + rest
            let carriedBefore = Array("<r>".utf8) + Self.escaped("é") + Array(before.utf8.dropFirst(5))
            for pieceLength in [1, 4, 1 << 20] {
                #expect(Self.carried(document, pieceLength: pieceLength).bytes == carriedBefore + rest, "\(before) pieces of \(pieceLength)")
            }
        }
    }

    /// A broken feed's warning names the same line either way: CR LF, a CR alone and carried bytes count
    /// as the file's own do.
    @Test func aBrokenFeedIsReportedAtTheSameLine() {
        let feed = "<rss version=\"2.0\"><channel><title>Ünïcödé\r\nnews</title><link>https://n.example/</link>\r\n"
            + "<item><title>Första\rnyheten</title><guid>1</guid></item>\n<item><title>Zweite</titel></item></channel></rss>"
        let bytes = Array(feed.utf8)
        let carried = bytes.withUnsafeBufferPointer { FeedXMLFormat().parse($0, file: "b.xml") }
        let plain = bytes.withUnsafeBufferPointer { FeedXMLFormat(carriesText: false).parse($0, file: "b.xml") }
        #expect(plain.problems == ["malformed XML, line 4: Opening and ending tag mismatch: title line 4 and titel; the items before it were read"])
        #expect(carried.problems == plain.problems)
        #expect(carried.stories.map(\.title) == ["Första nyheten", "Zweite"])
    }

    /// Only characters libxml2 takes without a word are carried: whole, shortest-form UTF-8 of a code point
    /// XML allows.
    @Test func onlyCharactersTheParserTakesAreCarried() {
        func verdict(_ bytes: [UInt8]) -> CharacterDataCarrier.Character { bytes.withUnsafeBufferPointer(CharacterDataCarrier.character) }
        for valid: [UInt8] in [[0xC3, 0xA9], [0xE2, 0x80, 0x9C], [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBD], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x8F, 0xBF, 0xBF]] {
            #expect(verdict(valid) == .valid, "\(valid)")
            #expect(verdict(Array(valid.dropLast())) == .incomplete, "\(valid) cut")
        }
        let refused: [[UInt8]] = [
            [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF], // overlong
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],                                   // surrogates
            [0xEF, 0xBF, 0xBE], [0xEF, 0xBF, 0xBF],                                   // U+FFFE, U+FFFF
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],                       // past U+10FFFF
            [0x80], [0xC3, 0x28], [0xE2, 0x80, 0x41],                                 // broken
        ]
        for bytes in refused { #expect(verdict(bytes) == .refused, "\(bytes)") }
    }

    @Test func forbiddenControlsAreShieldedThenCarriedInText() {
        let (bytes, _) = Self.carried("<r a=\"\u{1B}\">\u{1B}[1m</r>")
        let shield: [UInt8] = [0xEE, 0x80, 0x9B]
        #expect(bytes == Array("<r a=\"".utf8) + shield + Array("\">".utf8) + shield.flatMap { [0x7F, 0x40 | $0 >> 4, 0x40 | $0 & 0x0F] }
            + Array("[1m</r>".utf8))
    }

    @Test func decodingGivesBackEveryByte() {
        let text: [UInt8] = Array("a".utf8) + Self.escaped("é\u{7F}<&") + [0x7F, 0x41] + Array("z\u{7F}".utf8) + Self.escaped("😀")
        var out = [UInt8](repeating: 0, count: text.count)
        let length = text.withUnsafeBufferPointer { CharacterDataCarrier.decode($0, into: &out) }
        // A DEL not followed by two carried halves stays as it is.
        #expect(Array(out[..<length]) == Array("aé\u{7F}<&".utf8) + [0x7F, 0x41] + Array("z\u{7F}😀".utf8))
    }

    /// A realistic feed in several scripts reads exactly as with its own bytes handed to the parser, however
    /// its pieces and the parser's reads fall.
    @Test func aFeedReadsAlikeCarriedOrNot() throws {
        var feed = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<rss version=\"2.0\"><channel><title>Nachrichten · 新闻</title>"
        feed += "<link>https://news.example/</link>\r\n"
        let texts = ["Zürich stimmt „Ja“ – 62 %\rweiter", "東京で初雪、平年より早く", "Ελλάδα: νέα γέφυρα", "Emoji 😀 and “quotes” &amp; more",
                     "Αθήνα &amp; Θεσσαλονίκη &lt;b&gt;", "Kyiv\u{1B}[31m red", "Tab\tand\u{7F}delete"]
        for (n, text) in texts.enumerated() {
            feed += "<item><title>\(text) \(n)</title><guid>\(n)</guid><description>&lt;p&gt;\(text)&lt;/p&gt;"
            feed += "&lt;ul&gt;&lt;li&gt;\(text.prefix(4))&lt;/li&gt;&lt;/ul&gt;</description>"
            if n % 2 == 0 {
                feed += "<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><![CDATA[<p>\(text.prefix(5))</p>]]></content:encoded>"
            }
            feed += "</item>\r\n"
        }
        feed += "</channel></rss>\r\n"
        let bytes = Array(feed.utf8)
        let plain = FeedXMLFormat(carriesText: false).parse(pieces: MemoryFile(bytes, pieceLength: 1 << 20), file: "f.xml")
        #expect(plain.problems == [])
        #expect(plain.stories.count == texts.count)
        #expect(plain.stories.map(\.title) == ["Zürich stimmt „Ja“ – 62 % weiter 0", "東京で初雪、平年より早く 1", "Ελλάδα: νέα γέφυρα 2",
                                               "Emoji 😀 and “quotes” & more 3", "Αθήνα & Θεσσαλονίκη 4", "Kyiv red 5", "Tab and\u{FFFD}delete 6"])
        #expect(plain.stories[3].sections == [StorySection(heading: nil, bullets: ["Emoj"], paragraphs: ["Emoji 😀 and “quotes” & more"])])
        #expect(plain.stories[4].sections == [StorySection(heading: nil, paragraphs: ["Αθήνα"])])
        for pieceLength in [1, 2, 3, 7, 100, 4096, 1 << 20] {
            let read = FeedXMLFormat().parse(pieces: MemoryFile(bytes, pieceLength: pieceLength), file: "f.xml")
            #expect(read.problems == [], "pieces of \(pieceLength)")
            #expect(read.stories == plain.stories, "pieces of \(pieceLength)")
        }
    }
}
