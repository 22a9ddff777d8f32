#if canImport(Glibc)
import Glibc
#endif

/// The width plain-text output wraps to: the terminal's when standard output is one, else `COLUMNS`
/// when it holds a sensible number, else 80.
enum TerminalWidth {
    static func forPlainText() -> Int {
        var size = winsize()
        if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), (1...10_000).contains(columns) {
            return columns
        }
        return 80
    }

    /// The terminal's rows when standard output is a terminal.
    static func rows() -> Int? {
        var size = winsize()
        guard isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }
}
