#if canImport(Glibc)
import Glibc
#endif

/// Carries the non-ASCII bytes of a feed's text through libxml2 as ASCII, and forbidden controls through it
/// shielded (see `ControlShield`), as the parser reads the document.
///
/// Why: libxml2 2.9 reads character data made only of ASCII in a tight loop, but from the first byte of any
/// other character to the end of that text it goes one character at a time, several times slower. On a
/// 10,000-item feed of news text that slow path was more than half of all the parser's work (callgrind),
/// and feeds in any language but English are mostly such text. So, in the text between tags of a UTF-8
/// document, every byte from 0x7F up is handed to the parser as three ASCII bytes (DEL, then its high and its
/// low four bits as `@`…`O`), and `decode` turns them back before the text reaches the feed reader: the
/// reader sees exactly the bytes of the file. Numbers from the benchmark feed, libxml2 alone: 90 ms → 31 ms.
/// XML's five entities (`&lt;` and its kind), which the parser reads apart from their text, go the same
/// way as the character they stand for, and so does a CR alone, as the LF XML reads it as (the parser takes
/// a lone CR one character at a time with the rest of its text).
///
/// Only text is carried. Tags, comments, processing instructions and CDATA sections pass as they are (a
/// CDATA section has only its DEL bytes carried, so that decoding it is exact), and so does every document
/// that might not be UTF-8 (its declaration names another encoding) or that has a document type declaration
/// (its declarations could change what is text). A character that libxml2 would refuse (invalid UTF-8, a
/// code point XML forbids) is passed as it is, with everything after it: the parser then reports it as
/// it always did. In such a broken document, a DEL followed by two of `@`…`O` after that point would be
/// read as one carried byte (and cleaned like any other); in a well-formed one, every byte is exact.
struct CharacterDataCarrier {
    /// True once the document's root element has started in a document whose text is carried: its text
    /// must be decoded. Settled before the parser reads any text, since the carrier reads ahead of it.
    private(set) var isCarrying = false
    private var place = Place.prolog
    /// Whether bytes are still carried: false from the start when the document is not carried, and from
    /// the first character the parser would refuse.
    private var carries = true
    /// What must be read further before it can be handed on: the start of a multi-byte character, or of
    /// an entity reference (`&` first), whose end is in the next piece.
    private var pending: [UInt8] = []
    /// The prolog's processing instruction being read, to find an XML declaration's encoding.
    private var instruction: [UInt8] = []
    /// Bytes read in the prolog outside markup, so that a byte-order mark is only taken at the start.
    private var prologBytes = 0
    /// Whether the text so far ends in an `&` and name characters: a reference the parser is reading.
    private var inReference = false
    /// Whether the last byte of text was a CR, not yet handed on: what follows says how it goes.
    private var heldReturn = false

    init(enabled: Bool = true) { carries = enabled }

    private enum Place: Equatable {
        /// Before the root element: white space, the declaration, comments and instructions.
        case prolog
        case text
        /// After `<`.
        case markup
        /// After `<!`, with this many bytes of `--` or `[CDATA[` matched.
        case declaration(matched: Int, cdata: Bool)
        /// Inside a comment, after this many `-`.
        case comment(dashes: Int)
        /// Inside a processing instruction, just after a `?` or not.
        case instruction(question: Bool)
        /// Inside a tag, within quotes (the quote byte) or not (0).
        case tag(quote: UInt8)
        /// Inside a CDATA section, after this many `]`.
        case cdata(brackets: Int)
    }

    /// The most one byte of input can become: the end of what looked like an entity reference, with the
    /// five bytes before it read again, each up to a forbidden control in text, shielded then carried.
    static let longestUnit = 64

    /// Encodes from `input` into `output` as much as fits in whole units; returns how many bytes of each.
    mutating func encode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> (read: Int, written: Int) {
        var r = 0, w = 0
        let n = input.count
        while r < n {
            if !carries, pending.isEmpty, !heldReturn {
                // Nothing more is carried: bytes up to the next forbidden control go as they are.
                let window = UnsafeBufferPointer(rebasing: input[r..<min(n, r + output.count - w)])
                let run = ControlShield.firstForbidden(in: window) ?? window.count
                if run > 0 {
                    (output.baseAddress! + w).update(from: window.baseAddress!, count: run)
                    r += run
                    w += run
                    continue
                }
            } else if case .tag = place, pending.isEmpty {
                let run = tagRun(UnsafeBufferPointer(rebasing: input[r..<min(n, r + output.count - w)]))
                if run > 0 {
                    (output.baseAddress! + w).update(from: input.baseAddress! + r, count: run)
                    r += run
                    w += run
                    continue
                }
            } else if place == .text, pending.isEmpty, !heldReturn {
                // Nearly every byte of a feed is here.
                let (read, written) = encodeText(UnsafeBufferPointer(rebasing: input[r...]),
                                                 into: UnsafeMutableBufferPointer(rebasing: output[w...]))
                if read > 0 {
                    r += read
                    w += written
                    continue
                }
            }
            guard output.count - w >= Self.longestUnit else { break }
            let byte = input[r]
            r += 1
            w += step(byte, into: output.baseAddress! + w)
        }
        return (r, w)
    }

    /// What is left at the end of the input, as it is: a CR, or the start of a character or reference
    /// that never ended.
    mutating func finish() -> [UInt8] {
        defer { (pending, heldReturn) = ([], false) }
        return (heldReturn ? [0x0D] : []) + pending
    }

    /// Text as nearly all of it is, in one loop: plain ASCII (printable but `<`, TAB and LF) copied as it
    /// is, eight bytes at a time where it can be, and whole, valid characters from 0x80 carried. Stops
    /// before anything else (markup, a CR, DEL, a control, a character cut by the input's end or one the
    /// parser would refuse), which `step` takes one byte at a time, and where `output` is full.
    private mutating func encodeText(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> (read: Int, written: Int) {
        let from = input.baseAddress!, to = output.baseAddress!
        let n = input.count, room = output.count
        var r = 0, w = 0
        while r < n {
            // Plain bytes go one for one, so while they last, those that fit are known at once.
            let plain = Self.copyPlain(from + r, to + w, count: min(n - r, room - w))
            r &+= plain.count
            w &+= plain.count
            if !plain.stopped { continue }
            guard r < n else { break }
            let b = from[r]
            if b == 0x26 {
                let rest = UnsafeBufferPointer(start: from + r, count: min(n - r, 6))
                if let (character, length) = Self.predefinedEntity(rest) {
                    // One of XML's five entities, which the parser reads apart from its text, and drops
                    // after any error: carried as its character.
                    guard w + 3 <= room else { break }
                    (to[w], to[w + 1], to[w + 2]) = (0x7F, 0x40 | character >> 4, 0x40 | character & 0x0F)
                    r += length
                    w += 3
                    continue
                }
                // One that the end of the input cuts is finished by `step`, so that what comes out does
                // not depend on where the file's pieces end.
                if rest.count < 6, Self.mayBeginEntity(rest) { break }
            }
            if (b >= 0x20 && b < 0x7F && b != 0x3C) || b == 0x09 || b == 0x0A {
                guard w < room else { break }
                to[w] = b
                r += 1
                w += 1
                continue
            }
            let length = Self.sequenceLength(b)
            guard length > 0, r + length <= n, w + 3 * length <= room,
                  Self.character(UnsafeBufferPointer(start: from + r, count: length)) == .valid else { break }
            // Only after `&` or a name's byte can the character be in a reference's name.
            let before = r > 0 ? from[r - 1] : 0x26
            if before == 0x26 || Self.isReferenceByte(before),
               endsInReference(UnsafeBufferPointer(start: from, count: r), before: inReference) { break }
            for k in 0..<length {
                let c = from[r + k]
                (to[w], to[w + 1], to[w + 2]) = (0x7F, 0x40 | c >> 4, 0x40 | c & 0x0F)
                w += 3
            }
            r += length
        }
        inReference = endsInReference(UnsafeBufferPointer(start: from, count: r), before: inReference)
        return (r, w)
    }

    private static let entities: [[UInt8]] = ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;"].map { Array($0.utf8) }

    /// Whether `bytes` are the start of one of XML's five predefined entities, not yet all of it.
    private static func mayBeginEntity(_ bytes: some Collection<UInt8>) -> Bool {
        entities.contains { $0.count > bytes.count && $0.starts(with: bytes) }
    }

    /// Copies plain bytes from `from` to `to`, sixteen and eight at a time, up to `count`; says how many,
    /// and whether a byte that is not plain stopped it (else fewer than eight were left to look at).
    @inline(__always)
    private static func copyPlain(_ from: UnsafePointer<UInt8>, _ to: UnsafeMutablePointer<UInt8>, count limit: Int) -> (count: Int, stopped: Bool) {
        var i = 0
        while i &+ 16 <= limit {
            let first = UnsafeRawPointer(from + i).loadUnaligned(as: UInt64.self)
            let second = UnsafeRawPointer(from + i + 8).loadUnaligned(as: UInt64.self)
            guard unplain(first) | unplain(second) == 0 else { break }
            UnsafeMutableRawPointer(to + i).storeBytes(of: first, as: UInt64.self)
            UnsafeMutableRawPointer(to + i + 8).storeBytes(of: second, as: UInt64.self)
            i &+= 16
        }
        guard i &+ 8 <= limit else { return (i, true) }
        let word = UnsafeRawPointer(from + i).loadUnaligned(as: UInt64.self)
        let marked = unplain(word)
        // The lowest marked byte is the first that is not plain (the tricks in `unplain` can also mark
        // bytes after it, never before): the bytes before it go at once.
        let plain = marked == 0 ? 8 : marked.trailingZeroBitCount / 8
        UnsafeMutableRawPointer(to + i).storeBytes(of: word, as: UInt64.self)
        return (i &+ plain, plain < 8)
    }

    /// High bits set on the bytes of `word` that are not plain text (below a space, from DEL, `<` or `&`),
    /// and maybe on bytes after such a byte; none when all eight are plain.
    @inline(__always)
    private static func unplain(_ word: UInt64) -> UInt64 {
        let belowSpace = (word &- 0x2020_2020_2020_2020) & ~word
        let fromDelete = (word &+ 0x0101_0101_0101_0101) | word
        let angle = word ^ 0x3C3C_3C3C_3C3C_3C3C
        let ampersand = word ^ 0x2626_2626_2626_2626
        let isAngle = (angle &- 0x0101_0101_0101_0101) & ~angle
        let isAmpersand = (ampersand &- 0x0101_0101_0101_0101) & ~ampersand
        return (belowSpace | fromDelete | isAngle | isAmpersand) & 0x8080_8080_8080_8080
    }

    /// The character that one of XML's five predefined entities (`&lt;`, `&gt;`, `&amp;`, `&quot;`,
    /// `&apos;`) at the start of `bytes` stands for, and the reference's length; nil for anything else,
    /// and for a reference cut by the end of `bytes`, which then goes to the parser as it is.
    private static func predefinedEntity(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt8, Int)? {
        guard bytes.count >= 4, bytes[0] == 0x26 else { return nil }
        switch (bytes[1], bytes[2], bytes[3]) {
        case (0x6C, 0x74, 0x3B): return (0x3C, 4) // &lt;
        case (0x67, 0x74, 0x3B): return (0x3E, 4) // &gt;
        case (0x61, 0x6D, 0x70): return bytes.count >= 5 && bytes[4] == 0x3B ? (0x26, 5) : nil // &amp;
        case (0x71, 0x75, 0x6F): return bytes.count >= 6 && bytes[4] == 0x74 && bytes[5] == 0x3B ? (0x22, 6) : nil // &quot;
        case (0x61, 0x70, 0x6F): return bytes.count >= 6 && bytes[4] == 0x73 && bytes[5] == 0x3B ? (0x27, 6) : nil // &apos;
        default: return nil
        }
    }

    /// How many bytes of a tag go as they are, read through: up to and with its `>`, or up to a control or a
    /// byte from 0x80 (which `step` takes).
    private mutating func tagRun(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard case .tag(var quote) = place else { return 0 }
        var i = 0
        defer { if case .tag = place { place = .tag(quote: quote) } }
        while i < bytes.count {
            let b = bytes[i]
            if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || b >= 0x80 { break }
            i += 1
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == 0x22 || b == 0x27 {
                quote = b
            } else if b == 0x3E {
                place = afterMarkup
                break
            }
        }
        return i
    }

    /// How many bytes the UTF-8 character that `lead` starts has (0 for a byte that starts none).
    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }

    /// Whether the text copied as it is (`run`) ends inside an entity reference: an `&` and name
    /// characters, up to its end.
    private func endsInReference(_ run: UnsafeBufferPointer<UInt8>, before: Bool) -> Bool {
        var i = run.count
        while i > 0, Self.isReferenceByte(run[i - 1]) { i -= 1 }
        if i == 0 { return before }
        return run[i - 1] == 0x26
    }

    /// A byte that may continue an entity or character reference's name.
    private static func isReferenceByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E || b == 0x5F
            || b == 0x3A || b == 0x23
    }

    /// One byte, in the place the document is at; writes what it becomes and returns how many bytes.
    private mutating func step(_ byte: UInt8, into out: UnsafeMutablePointer<UInt8>) -> Int {
        if heldReturn {
            heldReturn = false
            // XML reads CR LF as LF, and so does the parser's fast loop. A CR alone it reads as LF too, but
            // one character at a time with the rest of its text, which would cut a carried byte in two: it
            // is carried as the LF it stands for (a raw LF would count one more line in error messages).
            if byte == 0x0A { return copy(byte, into: out) }
            let w = escape(0x0A, into: out)
            return w + step(byte, into: out + w)
        }
        if pending.first == 0x26 { return continueReference(byte, into: out) }
        // Bytes from 0x80 are gathered into whole characters: the parser checks each one, wherever it is.
        if carries, byte >= 0x80 || !pending.isEmpty {
            pending.append(byte)
            let verdict = pending.withUnsafeBufferPointer(Self.character)
            if verdict == .incomplete { return 0 }
            let bytes = pending
            pending = []
            var w = 0
            if verdict == .valid, place == .text, !inReference {
                for b in bytes { w += escape(b, into: out + w) }
                return w
            }
            if verdict == .refused || (place == .text && inReference) {
                // From here the parser sees the file as it is, and says what it always said. (A character
                // in a reference's name is read by the parser one at a time, with its text after it, which
                // would cut a carried byte in two.)
                carries = false
            } else {
                lex(bytes == [0xEF, 0xBB, 0xBF] ? 0xEF : 0x80)
            }
            for b in bytes { w += shieldedAsIs(b, into: out + w) }
            return w
        }
        let inText = place == .text
        lex(byte)
        guard carries, inText else {
            if byte == 0x7F, carries, isCarrying, case .cdata = place { return escape(byte, into: out) }
            return shieldedAsIs(byte, into: out)
        }
        inReference = inReference && Self.isReferenceByte(byte)
        switch byte {
        case 0x26:
            pending = [byte]
            return 0
        case 0x0D:
            heldReturn = true
            return 0
        case 0x7F: return escape(byte, into: out)
        case _ where ControlShield.isForbidden(byte):
            let (a, b, c) = ControlShield.shielded(byte)
            return escape(a, into: out) + escape(b, into: out + 3) + escape(c, into: out + 6)
        default: return copy(byte, into: out)
        }
    }

    /// The next byte after an `&` in text: one of XML's five entities is carried as its character; anything
    /// else goes as it is, the `&` starting a reference the parser reads, and what followed it read again.
    private mutating func continueReference(_ byte: UInt8, into out: UnsafeMutablePointer<UInt8>) -> Int {
        pending.append(byte)
        if let (character, length) = pending.withUnsafeBufferPointer(Self.predefinedEntity), length == pending.count {
            pending = []
            return escape(character, into: out)
        }
        if Self.mayBeginEntity(pending) { return 0 }
        let after = pending.dropFirst()
        pending = []
        inReference = true
        var w = copy(0x26, into: out)
        for b in after { w += step(b, into: out + w) }
        return w
    }

    /// Moves through the document's structure by one byte; a byte from 0x80 stands for a whole
    /// character, which only ever continues what it is in (or, before the root, says the document is not
    /// carried).
    private mutating func lex(_ byte: UInt8) {
        switch place {
        case .prolog:
            defer { prologBytes += 1 }
            switch byte {
            case 0x3C: place = .markup
            case 0x20, 0x09, 0x0A, 0x0D: break
            case 0xEF where prologBytes == 0: break // stands for a byte-order mark (see `step`)
            default: carries = false
            }
        case .text:
            if byte == 0x3C { place = .markup }
        case .markup:
            lexMarkupStart(byte)
        case .declaration(let matched, let cdata):
            lexDeclaration(byte, matched: matched, cdata: cdata)
        case .comment(let dashes):
            place = byte == 0x3E && dashes >= 2 ? afterMarkup : .comment(dashes: byte == 0x2D ? dashes + 1 : 0)
        case .instruction(let question):
            if byte == 0x3E, question {
                place = afterMarkup
                if !isCarrying { checkDeclaration() }
            } else {
                place = .instruction(question: byte == 0x3F)
                if !isCarrying, instruction.count < 1024 { instruction.append(byte) }
            }
        case .tag(let quote):
            if quote != 0 {
                if byte == quote { place = .tag(quote: 0) }
            } else if byte == 0x22 || byte == 0x27 {
                place = .tag(quote: byte)
            } else if byte == 0x3E {
                place = afterMarkup
            }
        case .cdata(let brackets):
            place = byte == 0x3E && brackets >= 2 ? afterMarkup : .cdata(brackets: byte == 0x5D ? brackets + 1 : 0)
        }
    }

    /// The byte after `<`.
    private mutating func lexMarkupStart(_ byte: UInt8) {
        switch byte {
        case 0x21: place = .declaration(matched: 0, cdata: false)
        case 0x3F:
            place = .instruction(question: false)
            instruction = []
        default:
            if !isCarrying, carries {
                // The root element: its text is carried when nothing before it said otherwise.
                isCarrying = isNameStart(byte)
                carries = isCarrying
            }
            place = .tag(quote: 0)
            lex(byte)
        }
    }

    /// A byte after `<!`, of which `matched` bytes of `--` or `[CDATA[` came before.
    private mutating func lexDeclaration(_ byte: UInt8, matched: Int, cdata: Bool) {
        let section: [UInt8] = Array("[CDATA[".utf8)
        if matched == 0, byte == 0x2D || byte == 0x5B {
            place = .declaration(matched: 1, cdata: byte == 0x5B)
        } else if matched > 0, cdata, byte == section[matched] {
            place = matched + 1 == section.count ? .cdata(brackets: 0) : .declaration(matched: matched + 1, cdata: true)
        } else if matched > 0, !cdata, byte == 0x2D {
            place = .comment(dashes: 0)
        } else {
            // A document type declaration (or a malformed one): its entities could make text of
            // anything, so a document that has one is not carried. Lexed as a tag from here.
            if !isCarrying { carries = false }
            place = .tag(quote: 0)
        }
    }

    private var afterMarkup: Place { isCarrying ? .text : .prolog }

    /// The declaration's encoding, when the instruction just read is one: only UTF-8 (named or implied)
    /// documents of XML 1.0 are carried.
    private mutating func checkDeclaration() {
        let text = instruction.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        instruction = []
        guard text.count >= 4, text.starts(with: Array("xml".utf8)), Self.isSpace(text[3]) else { return }
        /// The quoted value after `name` (and an equals sign), lower-cased.
        func value(of name: String) -> [UInt8]? {
            let key = Array(name.utf8)
            guard text.count >= key.count,
                  let at = (0...(text.count - key.count)).first(where: { text[$0..<($0 + key.count)].elementsEqual(key) }) else { return nil }
            var i = at + key.count
            while i < text.count, Self.isSpace(text[i]) || text[i] == 0x3D { i += 1 }
            guard i < text.count, text[i] == 0x22 || text[i] == 0x27 else { return nil }
            let quote = text[i]
            return Array(text[(i + 1)...].prefix { $0 != quote })
        }
        let encoding = value(of: "encoding")
        let isUTF8 = encoding == nil || encoding == Array("utf-8".utf8) || encoding == Array("utf8".utf8)
        if value(of: "version") != Array("1.0".utf8) || !isUTF8 { carries = false }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    enum Character { case incomplete, valid, refused }

    /// Whether `bytes` (a lead byte from 0x80 and what followed it) are one whole UTF-8 character that XML
    /// allows (not a surrogate, U+FFFE or U+FFFF), or may still become one.
    static func character(_ bytes: UnsafeBufferPointer<UInt8>) -> Character {
        let lead = bytes[0]
        let length = sequenceLength(lead)
        guard length > 0 else { return .refused }
        let secondRange: ClosedRange<UInt8>
        switch lead {
        case 0xE0: secondRange = 0xA0...0xBF // not overlong
        case 0xED: secondRange = 0x80...0x9F // not a surrogate
        case 0xF0: secondRange = 0x90...0xBF // not overlong
        case 0xF4: secondRange = 0x80...0x8F // not past U+10FFFF
        default: secondRange = 0x80...0xBF
        }
        for k in 1..<min(bytes.count, length) {
            if k == 1 ? !secondRange.contains(bytes[k]) : (bytes[k] & 0xC0 != 0x80) { return .refused }
        }
        guard bytes.count == length else { return bytes.count < length ? .incomplete : .refused }
        if lead == 0xEF, bytes[1] == 0xBF, bytes[2] >= 0xBE { return .refused } // U+FFFE, U+FFFF
        return .valid
    }

    private func shieldedAsIs(_ byte: UInt8, into out: UnsafeMutablePointer<UInt8>) -> Int {
        guard ControlShield.isForbidden(byte) else { return copy(byte, into: out) }
        let (a, b, c) = ControlShield.shielded(byte)
        (out[0], out[1], out[2]) = (a, b, c)
        return 3
    }

    private func copy(_ byte: UInt8, into out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = byte
        return 1
    }

    private func escape(_ byte: UInt8, into out: UnsafeMutablePointer<UInt8>) -> Int {
        (out[0], out[1], out[2]) = (0x7F, 0x40 | byte >> 4, 0x40 | byte & 0x0F)
        return 3
    }

    private func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x3A || byte >= 0x80
    }

    /// Text as the parser gave it back, with every carried byte turned back into itself, written to `out`
    /// (at least as long); returns its length. The parser hands a run of text over in one piece unless
    /// it ends at the end of a read, and a read never ends inside a carried byte, so each is whole.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let n = bytes.count
        var r = 0, w = 0
        while r < n {
            if base[r] == 0x7F, r + 2 < n, base[r + 1] & 0xF0 == 0x40, base[r + 2] & 0xF0 == 0x40 {
                out[w] = (base[r + 1] & 0x0F) << 4 | base[r + 2] & 0x0F
                r += 3
                w += 1
                continue
            }
            // Up to the next DEL, as it is.
            let next = memchr(base + r + 1, 0x7F, n - r - 1).map { $0.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base) } ?? n
            (out + w).update(from: base + r, count: next - r)
            w += next - r
            r = next
        }
        return w
    }

}
