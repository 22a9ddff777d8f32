/// How many terminal cells text takes: the one measure used for wrapping, truncation and alignment.
///
/// Each scalar is as wide as glibc's `wcwidth` says (2 for East Asian wide and fullwidth characters, 0 for
/// marks and other zero-width scalars, 1 otherwise), and a grapheme cluster as wide as its scalars
/// together: that is how tmux and the terminals built on the C library place text, so the grid and the
/// terminal agree cell for cell. A flag (two regional indicators) is 2, a thumbs-up with a skin tone 4
/// (the modifier takes cells of its own there), `♻️` 1. For example `DisplayWidth.of("日本 ok")` is 7.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        var total = 0
        forEachCluster(in: text) { _, width in
            total += width
            return true
        }
        return total
    }

    /// Every ASCII character, made once rather than for each cell of each frame.
    private static let asciiCharacters: [Character] = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }

    /// Calls `body` with each grapheme cluster of `text` and its width, in order, until it returns false.
    ///
    /// An ASCII byte followed by another ASCII byte, or by nothing, is a cluster of its own: only non-ASCII
    /// scalars (marks, joiners, the rest of an emoji) extend a cluster, and the one pair of ASCII scalars
    /// that makes one cluster (CR LF) is 0 cells either way. Such bytes are walked one by one, so text that
    /// is mostly ASCII skips the grapheme breaker, which was most of the cost of drawing a frame.
    public static func forEachCluster(in text: String, _ body: (Character, Int) -> Bool) {
        let utf8 = text.utf8
        let ascii = asciiCharacters
        let walked: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x80, i + 1 == bytes.count || bytes[i + 1] < 0x80 {
                    guard body(ascii[Int(byte)], byte >= 0x20 && byte < 0x7F ? 1 : 0) else { return }
                    i += 1
                    continue
                }
                guard let character = text[utf8.index(utf8.startIndex, offsetBy: i)...].first,
                      body(character, of(character)) else { return }
                i += character.utf8.count
            }
        }
        if walked == nil {
            for character in text where !body(character, of(character)) { return }
        }
    }

    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F, scalars.count == 1 { return first.value >= 0x20 ? 1 : 0 }
        var total = 0
        for scalar in scalars { total += of(scalar) }
        return total
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        if v < 0x300 { return v == 0xAD ? 0 : 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .surrogate: return 0
        default: break
        }
        switch v {
        // Hangul medial vowels and final consonants join the syllable; one Ahom sign joins its letter.
        case 0x1160...0x11FF, 0xD7B0...0xD7C6, 0xD7CB...0xD7FB, 0x1171E, 0x200B: return 0
        default: return isEastAsianWide(v) ? 2 : 1
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges of Unicode 15, as glibc's wcwidth has them (checked
    /// scalar by scalar against it in the tests).
    private static func isEastAsianWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4DC0...0x4DFF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x18CFF, 0x18D00...0x18D08, 0x1AFF0...0x1B2FF, 0x1F004,
             0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C,
             0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4,
             0x1F3F8...0x1F43E, 0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E,
             0x1F550...0x1F567, 0x1F57A, 0x1F595...0x1F596, 0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5,
             0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC,
             0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945,
             0x1F947...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
