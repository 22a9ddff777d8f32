import ArticleModel

/// A mouse report in SGR (1006) form, `CSI < BUTTON ; COLUMN ; ROW M` for a press and `m` for a release:
/// unlike the older form it has no limit of 223 columns. Columns and rows count from 1 in the report and
/// from 0 here.
enum SGRMouseReport {
    /// The longest report worth reading: three numbers of up to 5 digits, two separators and the end.
    static let longest = 18

    /// The event of a report's body (what follows `CSI <`), or nil while it is still incomplete.
    /// A body that cannot be a report is `.ignored`.
    static func event(of body: [Unicode.Scalar]) -> TerminalEvent? {
        guard let last = body.last else { return nil }
        guard last == "M" || last == "m" else {
            let stillNumbers = body.allSatisfy { ("0"..."9").contains($0) || $0 == ";" }
            return stillNumbers && body.count < longest ? nil : .ignored
        }
        let fields = String(String.UnicodeScalarView(body.dropLast())).split(separator: ";", omittingEmptySubsequences: false)
        guard fields.count == 3, let button = Int(fields[0]), let x = Int(fields[1]), let y = Int(fields[2]), x >= 1, y >= 1 else {
            return .ignored
        }
        let column = x - 1, row = y - 1
        // Bits 4, 8 and 16 are Shift, Meta and Ctrl; 32 is motion, which the reader does not follow.
        guard button & 32 == 0, last == "M" else { return .ignored }
        switch button & ~(4 | 8 | 16) {
        case 0: return .click(column: column, row: row)
        case 64: return .wheel(column: column, row: row, lines: -PointerRules.wheelLines)
        case 65: return .wheel(column: column, row: row, lines: PointerRules.wheelLines)
        default: return .ignored
        }
    }
}
