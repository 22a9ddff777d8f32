import ArticleModel
import CTerminalGuard
#if canImport(Glibc)
import Glibc
#endif

/// Runs the interactive reader: one loop of event → action → reducer → grid → terminal, with the
/// terminal given back on every way out (quit keys, signals, end of input, errors, crashes).
public enum ReaderSession {
    public struct Options: Sendable {
        public var mouse: Bool
        public init(mouse: Bool) { self.mouse = mouse }
    }

    public enum Outcome: Equatable, Sendable {
        /// The user quit; the exit status to use.
        case finished(Int32)
        /// No usable terminal: the caller prints the plain text instead, with this reason.
        case noTerminal(String)
    }

    /// Writes `tidings: MESSAGE` to standard error before the screen starts, so it is still there after.
    static func warn(_ message: String) {
        let line = Array("tidings: \(message)\n".utf8)
        _ = line.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
    }

    public static func run(stories: [Story], options: Options) -> Outcome {
        // Keys come from the terminal even when the stories came through standard input, as less does.
        var inputFD: Int32 = 0
        var ownsInput = false
        if isatty(0) == 0 {
            inputFD = open("/dev/tty", O_RDONLY | O_CLOEXEC)
            guard inputFD >= 0 else { return .noTerminal("no terminal to read keys from (/dev/tty: \(String(cString: strerror(errno))))") }
            ownsInput = true
        }
        defer { if ownsInput { close(inputFD) } }

        // Handlers go in before ncurses starts, so it keeps ours instead of installing its own.
        tidings_guard_install_quit_handlers()
        tidings_guard_save(1)
        tidings_guard_install_crash_handlers()

        if let warning = NcursesTerminal.prepareLocale() { warn(warning) }
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal(inputFD: inputFD, outputFD: 1, mouse: options.mouse)
        } catch {
            return .noTerminal("\(error)")
        }
        defer { terminal.end() }

        let library = StoryLibrary(stories)
        let (columns, rows) = terminal.size
        var state = ReaderState(columns: columns, rows: rows, storyCount: library.count)
        var fullRedraw = false
        while true {
            terminal.draw(ScreenRenderer.render(state, library: library), full: fullRedraw)
            fullRedraw = false
            let action: ReaderAction?
            switch terminal.nextEvent() {
            case .key(let key):
                action = KeyMap.action(for: key, promptOpen: state.search?.editing == true, helpOpen: state.helpVisible)
            case .resized(let columns, let rows): action = .resized(columns: columns, rows: rows)
            case .click(let column, let row): action = .click(column: column, row: row)
            case .wheel(let column, let row, let lines): action = .wheel(column: column, row: row, lines: lines)
            case .quitSignal(let signal): return .finished(128 + signal)
            case .inputClosed: return .finished(0)
            case .ignored: action = nil
            }
            guard let action else { continue }
            switch Reader.reduce(&state, action, library: library) {
            case .quit?: return .finished(0)
            case .redrawAll?: fullRedraw = true
            case nil: break
            }
        }
    }
}
