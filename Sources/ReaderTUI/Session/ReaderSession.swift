import ArticleModel
import CTerminalGuard
import ReadingState
#if canImport(Glibc)
import Glibc
#endif

/// Runs the interactive reader: one loop of event → action → reducer → grid → terminal, with the
/// terminal given back on every way out (quit keys, signals, end of input, errors, crashes). Stories
/// that were not read before the first frame arrive from a `BackgroundLoader` while keys work.
public enum ReaderSession {
    public struct Options: Sendable {
        public var mouse: Bool
        /// Where read marks are kept; nil keeps nothing.
        public var statePath: String?
        public init(mouse: Bool, statePath: String?) {
            self.mouse = mouse
            self.statePath = statePath
        }
    }

    public enum Outcome: Equatable, Sendable {
        /// The user quit; the exit status to use, and the warnings the background loader collected
        /// (printed once the screen is back).
        case finished(Int32, warnings: [String])
        /// No usable terminal: the caller prints the plain text instead, with this reason.
        case noTerminal(String)
    }

    /// Writes `tidings: MESSAGE` to standard error before the screen starts, so it is still there after.
    static func warn(_ message: String) {
        let line = Array("tidings: \(message)\n".utf8)
        _ = line.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
    }

    /// Checks that a screen can be used (a terminal type, and a terminal for keys) before anything is read.
    public static func terminalProblem() -> String? {
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty, term != "dumb" else {
            return NcursesTerminal.StartError.noTerminalType.description
        }
        if isatty(0) == 0 {
            let fd = open("/dev/tty", O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return "no terminal to read keys from (/dev/tty: \(String(cString: strerror(errno))))" }
            close(fd)
        }
        return nil
    }

    static func openStore(_ path: String, warnings: inout [String]) -> MarkStore? {
        do {
            let store = try MarkStore(path: path)
            if let notice = store.notice { warnings.append(notice) }
            return store
        } catch {
            warnings.append("\(error)")
            return nil
        }
    }

    /// Shows `stories` at once and loads `files[firstUnread...]` behind them.
    public static func run(stories: [Story], files: [StoryFile], firstUnread: Int, options: Options) -> Outcome {
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
            tidings_guard_reset_quit_handlers() // the plain-text output that follows stops on Ctrl-C as usual
            return .noTerminal("\(error)")
        }
        defer { terminal.end() }

        let library = StoryLibrary(stories)
        let loader = BackgroundLoader(files: files, from: firstUnread)
        var warnings: [String] = []
        let (columns, rows) = terminal.size
        var state = ReaderState(columns: columns, rows: rows, storyCount: library.count)
        if firstUnread < files.count {
            state.loading = ReaderState.LoadProgress(filesDone: firstUnread, filesTotal: files.count)
            loader.start()
        }
        var fullRedraw = false
        var store: MarkStore?
        var storePending = options.statePath != nil
        while true {
            terminal.draw(ScreenRenderer.render(state, library: library), full: fullRedraw)
            fullRedraw = false
            if storePending {
                // Only after the first frame: keeping state never delays it.
                storePending = false
                store = openStore(options.statePath!, warnings: &warnings)
                if let store, let marks = try? store.marks(for: library.stories) {
                    Reader.reduce(&state, .marksArrived(from: 0, marks: marks), library: library)
                }
                if !warnings.isEmpty { Reader.reduce(&state, .notify("read marks: see the message on exit"), library: library) }
                continue
            }
            let action: ReaderAction?
            switch terminal.nextEvent(wakeFD: state.loading == nil ? nil : loader.wakeFD) {
            case .key(let key):
                action = KeyMap.action(for: key, promptOpen: state.search?.editing == true, helpOpen: state.helpVisible)
            case .resized(let columns, let rows): action = .resized(columns: columns, rows: rows)
            case .click(let column, let row): action = .click(column: column, row: row)
            case .wheel(let column, let row, let lines): action = .wheel(column: column, row: row, lines: lines)
            case .wake:
                let batch = loader.take()
                library.append(contentsOf: batch.stories)
                warnings += batch.warnings
                let progress = batch.finished ? nil : ReaderState.LoadProgress(filesDone: batch.filesDone, filesTotal: files.count)
                let marks = (try? store?.marks(for: batch.stories)) ?? []
                action = .libraryGrew(storyCount: library.count, progress: progress, marks: marks)
            case .quitSignal(let signal): return .finished(128 + signal, warnings: warnings)
            case .inputClosed: return .finished(0, warnings: warnings)
            case .ignored: action = nil
            }
            guard let action else { continue }
            switch Reader.reduce(&state, action, library: library) {
            case .quit?: return .finished(0, warnings: warnings)
            case .redrawAll?: fullRedraw = true
            case .saveMarks(let story)?:
                do {
                    try store?.save(state.marks[story], for: library.stories[story])
                } catch {
                    store = nil // one failure is reported; the reader goes on without saving
                    warnings.append("read marks are no longer saved: \(error)")
                    Reader.reduce(&state, .notify("read marks are not being saved"), library: library)
                }
            case nil: break
            }
        }
    }
}
