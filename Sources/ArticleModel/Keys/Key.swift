/// A key as the terminal layer reports it, with the name the README, `tidings --keys` and the
/// configuration file use for it: `j`, `Down`, `Ctrl-D`, `PgDn`, `Space`, `Enter`, `Tab`, `Esc`, `F1`.
public enum Key: Hashable, Sendable {
    case character(Character)
    /// A control chord such as Ctrl-D, by its letter in lower case.
    case control(Character)
    case up, down, left, right, enter, escape, tab, backspace, pageUp, pageDown, home, end
    case function(Int)

    /// Keys with a name of their own rather than the character they type.
    private static let named: [(Key, String)] = [
        (.up, "Up"), (.down, "Down"), (.left, "Left"), (.right, "Right"), (.enter, "Enter"), (.escape, "Esc"),
        (.tab, "Tab"), (.backspace, "Backspace"), (.pageUp, "PgUp"), (.pageDown, "PgDn"), (.home, "Home"),
        (.end, "End"), (.character(" "), "Space"),
    ]

    public var name: String {
        if let entry = Self.named.first(where: { $0.0 == self }) { return entry.1 }
        switch self {
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-" + c.uppercased()
        case .function(let n): return "F\(n)"
        default: return "?" // every other case is in `named`
        }
    }

    /// The key a name stands for, or nil: names of keys ignore case (`pgdn`), a single character is itself
    /// (`G` is not `g`), `Ctrl-` takes a letter.
    public init?(name: String) {
        if name.count == 1, let c = name.first, c.isPrintableKey {
            self = .character(c)
            return
        }
        let lowered = name.lowercased()
        if let entry = Self.named.first(where: { $0.1.lowercased() == lowered }) {
            self = entry.0
        } else if lowered.hasPrefix("ctrl-"), lowered.count == 6, let letter = lowered.last, ("a"..."z").contains(letter) {
            self = .control(letter)
        } else if lowered.hasPrefix("f"), let n = Int(lowered.dropFirst()), (1...12).contains(n) {
            self = .function(n)
        } else {
            return nil
        }
    }
}

extension Character {
    /// A character a key can type: printable, not a control or a space.
    var isPrintableKey: Bool {
        guard let scalar = unicodeScalars.first, unicodeScalars.count == 1 else { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
            return false
        default:
            return true
        }
    }
}
