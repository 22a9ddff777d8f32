/// Turns text from a file into text that is safe to put on a terminal, once, where it enters the model.
///
/// Escape sequences (CSI, OSC, DCS, SOS, PM, APC and two-byte ESC sequences, in their 7-bit and C1
/// forms) are removed with their payload; TAB becomes spaces; line breaks become one space; format
/// characters, private-use and unassigned code points are dropped; any other control character becomes
/// U+FFFD; combining marks are capped per base character. For example
/// `TextCleaner.clean("\u{1B}[31mRed\u{1B}[0m\u{202E} alert\u{7}")` is `"Red alert\u{FFFD}"`.
public enum TextCleaner {
    /// Marks kept on one base character; more than this is a "Zalgo" flood that only smears the screen.
    public static let maxCombiningMarks = 4
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Cleans UTF-8 bytes (invalid sequences become U+FFFD).
    public static func clean(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let plain = plainness(bytes) { return string(ofChecked: bytes, plain) }
        return cleanScalars(String(decoding: bytes, as: UTF8.self).unicodeScalars)
    }

    /// Cleans one field of a story: as `clean`, then without surrounding spaces, and without marks left
    /// at the start once those spaces are gone (they would have no base to sit on).
    public static func cleanField(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Nearly every field is plain and already trimmed by the parser that found it.
        if bytes.first != 0x20, bytes.last != 0x20, let plain = plainness(bytes) { return string(ofChecked: bytes, plain) }
        let text = clean(bytes)
        guard text.utf8.first == 0x20 || text.utf8.last == 0x20 else { return text }
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first == " " || isMark(first) { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }

    /// Cleans a string with the same rules as bytes from a file.
    public static func clean(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { clean($0) }
    }

    /// What bytes that can be used as they are hold: plain ASCII, or also some of the common non-ASCII
    /// letters and punctuation marks `plainness` lets through (always whole, valid UTF-8 sequences).
    enum Plainness { case ascii, utf8 }

    /// Whether every byte is printable ASCII or a common non-ASCII letter or punctuation mark, so the bytes
    /// can be used as they are; nil when they need the careful scalar-by-scalar path.
    static func plainness(_ bytes: UnsafeBufferPointer<UInt8>) -> Plainness? {
        guard let base = bytes.baseAddress else { return .ascii }
        let raw = UnsafeRawPointer(base)
        var i = 0
        let n = bytes.count
        var plainness = Plainness.ascii
        while i < n {
            // Every title, dek and bullet passes here, and nearly all of their bytes are plain ASCII: eight
            // are looked at together, and a word with no byte under 0x20 and none from 0x7F needs no more.
            if i + 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let below = (word &- 0x2020_2020_2020_2020) & ~word
                let fromDelete = (word &+ 0x0101_0101_0101_0101) | word
                if (below | fromDelete) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            if b >= 0x20 && b < 0x7F { i += 1; continue }
            plainness = .utf8
            if b == 0xC3, i + 1 < n, bytes[i + 1] & 0xC0 == 0x80 { i += 2; continue } // À..ÿ
            if b == 0xC2, i + 1 < n, bytes[i + 1] >= 0xA0, bytes[i + 1] <= 0xBF, bytes[i + 1] != 0xAD {
                i += 2; continue // NBSP..¿ without the soft hyphen
            }
            if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] >= 0x90, bytes[i + 2] <= 0xA7 {
                i += 3; continue // U+2010..U+2027: dashes, quotes, bullets, ellipsis
            }
            return nil
        }
        return plainness
    }

    /// The string of bytes `plainness` has passed, without Swift checking again that they are UTF-8: that
    /// second check cost about four times the copy (a 226-byte title: 475 ns, 95 ns without it), and
    /// every title and dek of a 10,000-story library went through it before the count could be shown.
    /// Sound only because `plainness` lets through nothing but whole, valid sequences.
    private static func string(ofChecked bytes: UnsafeBufferPointer<UInt8>, _ plain: Plainness) -> String {
        unsafe String(copying: UTF8Span(unchecked: Span(_unsafeElements: bytes), isKnownASCII: plain == .ascii))
    }

    /// Where the cleaner is inside an escape sequence; everything read while not in `.text` is dropped.
    private enum EscapeState {
        case text
        case escape            // after ESC
        case escapeIntermediate // ESC followed by 0x20...0x2F bytes, waiting for the final byte
        case csi               // parameters until a final byte 0x40...0x7E
        case string            // OSC/DCS/SOS/PM/APC payload until BEL or ST
        case stringEscape      // ESC inside a string: ESC \ ends it

        /// The sequence a text scalar opens, if it opens one (7-bit ESC or a C1 introducer).
        static func opened(by v: UInt32) -> EscapeState? {
            switch v {
            case 0x1B: return .escape
            case 0x9B: return .csi
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F: return .string
            default: return nil
            }
        }

        /// The state after one more scalar of a sequence.
        func after(_ v: UInt32) -> EscapeState {
            switch self {
            case .text: return .text
            case .escape:
                switch v {
                case 0x5B: return .csi
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: return .string
                case 0x20...0x2F: return .escapeIntermediate
                default: return .text // a two-byte sequence such as ESC 7, or a stray ESC: gone either way
                }
            case .escapeIntermediate: return (0x20...0x2F).contains(v) ? .escapeIntermediate : .text
            case .csi:
                if v == 0x1B { return .escape }
                return (0x40...0x7E).contains(v) ? .text : .csi
            case .string:
                if v == 0x07 || v == 0x9C { return .text }
                return v == 0x1B ? .stringEscape : .string
            case .stringEscape: return v == 0x5C ? .text : (v == 0x1B ? .stringEscape : .string)
            }
        }
    }

    /// The cleaned text as it is built: what is kept, and what the next mark may sit on.
    private struct CleanText {
        var scalars = String.UnicodeScalarView()
        var marks = 0
        var column = 0
        var hasBase = false

        mutating func emit(_ s: Unicode.Scalar) {
            scalars.append(s)
            column += 1
            marks = 0
            hasBase = true
        }

        /// One scalar of text outside any escape sequence.
        mutating func add(_ scalar: Unicode.Scalar) {
            switch scalar.value {
            case 0x09:
                repeat { emit(" ") } while column % 4 != 0
                return
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029:
                emit(" ")
                return
            default: break
            }
            switch scalar.properties.generalCategory {
            case .control:
                emit(TextCleaner.replacement)
            case .format, .privateUse, .unassigned, .surrogate:
                return
            case .nonspacingMark, .enclosingMark, .spacingMark:
                // A mark with nothing to sit on would be drawn on whatever cell the terminal picks.
                guard hasBase, marks < TextCleaner.maxCombiningMarks else { return }
                scalars.append(scalar)
                marks += 1
            case .lineSeparator, .paragraphSeparator:
                emit(" ")
            default:
                emit(scalar)
            }
        }
    }

    static func cleanScalars(_ scalars: String.UnicodeScalarView) -> String {
        var out = CleanText()
        var state = EscapeState.text
        for scalar in scalars {
            if state != .text {
                state = state.after(scalar.value)
            } else if let opened = EscapeState.opened(by: scalar.value) {
                state = opened
            } else {
                out.add(scalar)
            }
        }
        return String(out.scalars)
    }
}
