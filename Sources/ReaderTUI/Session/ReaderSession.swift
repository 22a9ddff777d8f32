import ArticleModel
import CTerminalGuard
import StoryLoading
#if canImport(Glibc)
import Glibc
#endif

/// Runs the interactive reader: finds a keyboard, guards the terminal against signals and crashes, starts
/// the screen, runs the `EventLoop`, and gives the terminal back on every way out.
public enum ReaderSession {
    /// What the reader opens with.
    public struct Request {
        /// Stories read before the reader starts (enough for the first screen).
        public var stories: [Story]
        /// Every file in list order; those from `firstUnloadedFile` on load in the background.
        public var files: [StoryFile]
        public var firstUnloadedFile: Int
        /// The rest of the last file read before the reader starts, when only its first stories were.
        public var rest: FileRest?
        public var formats: StoryFormats = .standard
        /// A feed's items newest first by date, as the default order wants.
        public var datesOrderItems = true
        public var keys: KeyTable = .standard
        public var mouse = true
        /// The colours of the screen's roles.
        public var palette: Palette = .standard
        /// The text column's widest and the list's share of a wide screen.
        public var reading: ReadingPreferences = .standard
        /// The browser command for opening links; nil uses `$BROWSER`, else `xdg-open`.
        public var browser: String?
        /// A word for the status line when the reader opens.
        public var notice: String?
        /// What R runs; nil when there is nothing to fetch.
        public var refresh: BackgroundRefresh?
        /// Opens the store of read marks; nil keeps none.
        public var openMarkStore: (() throws -> (store: MarkKeeping, notice: String?))?

        public init(stories: [Story], files: [StoryFile], firstUnloadedFile: Int) {
            self.stories = stories
            self.files = files
            self.firstUnloadedFile = firstUnloadedFile
        }
    }

    public enum Outcome: Equatable, Sendable {
        /// The user quit; the exit status to use, and the warnings collected on the way (printed once
        /// the screen is back).
        case finished(Int32, warnings: [String])
        /// No usable terminal: the caller prints the plain text instead, with this reason.
        case noTerminal(String)
    }

    /// Checks that a screen can be used (a terminal type, and a terminal for keys) before anything is read.
    public static func terminalProblem() -> String? {
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty, term != "dumb" else {
            return NcursesTerminal.StartError.noTerminalType.description
        }
        if case .failure(let reason) = KeyboardInput.open() { return reason.description }
        return nil
    }

    public static func run(_ request: Request) -> Outcome {
        let keyboard: KeyboardInput
        switch KeyboardInput.open() {
        case .success(let opened): keyboard = opened
        case .failure(let reason): return .noTerminal(reason.description)
        }
        // Handlers go in before ncurses starts, so it keeps ours instead of installing its own.
        tidings_guard_install_quit_handlers()
        tidings_guard_save(1)
        tidings_guard_install_crash_handlers()
        if let warning = NcursesTerminal.prepareLocale() { warn(warning) }
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal(inputFD: keyboard.fd, outputFD: 1, mouse: request.mouse, palette: request.palette)
        } catch {
            tidings_guard_reset_quit_handlers() // the plain-text output that follows stops on Ctrl-C as usual
            return .noTerminal("\(error)")
        }
        defer { terminal.end() }
        let (loop, effects) = makeLoop(request, terminal)
        let exit = loop.run()
        effects.saveEarlyMarks()
        switch exit {
        case .quit, .inputClosed: return .finished(0, warnings: effects.warnings)
        case .signal(let signal): return .finished(128 + signal, warnings: effects.warnings)
        }
    }

    private static func makeLoop(_ request: Request, _ terminal: NcursesTerminal) -> (EventLoop, EffectRunner) {
        let library = StoryLibrary(request.stories, clock: ReaderClock.current())
        let loader = BackgroundLoader(files: request.files, from: request.firstUnloadedFile, rest: request.rest, formats: request.formats,
                                      datesOrderItems: request.datesOrderItems)
        let effects = EffectRunner(library: library, loader: loader, filesTotal: request.files.count,
                                   openMarkStore: request.openMarkStore, refresh: request.refresh)
        let (columns, rows) = terminal.size
        var state = ReaderState(columns: columns, rows: rows, storyCount: library.count, reading: request.reading)
        state.helpRowCount = request.keys.bindings.count
        state.notice = request.notice
        if request.firstUnloadedFile < request.files.count || request.rest != nil {
            let done = request.firstUnloadedFile - (request.rest == nil ? 0 : 1)
            state.loading = ReaderState.LoadProgress(filesDone: done, filesTotal: request.files.count)
            if request.rest != nil { state.markStore = .afterFileRest }
            loader.start()
        }
        let loop = EventLoop(state: state, library: library, keys: request.keys, terminal: terminal, effects: effects,
                             browser: request.browser)
        return (loop, effects)
    }

    /// Writes `tidings: MESSAGE` to standard error before the screen starts, so it is still there after.
    static func warn(_ message: String) {
        let line = Array("tidings: \(message)\n".utf8)
        _ = line.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
    }
}

/// Where keys come from: standard input when it is a terminal, else `/dev/tty` (stories may arrive on
/// standard input, as with `cat story.txt | tidings -`, the way less does it).
final class KeyboardInput {
    let fd: Int32
    private let owned: Bool

    private init(fd: Int32, owned: Bool) {
        self.fd = fd
        self.owned = owned
    }

    deinit { if owned { close(fd) } }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static func open() -> Result<KeyboardInput, Unavailable> {
        if isatty(0) == 1 { return .success(KeyboardInput(fd: 0, owned: false)) }
        let fd = Glibc.open("/dev/tty", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return .failure(Unavailable(description: "no terminal to read keys from (/dev/tty: \(SystemReason.phrase(String(cString: strerror(errno)))))"))
        }
        return .success(KeyboardInput(fd: fd, owned: true))
    }
}


extension ReaderClock {
    /// Now, and the local time zone's offset from UTC now.
    static func current() -> ReaderClock {
        var now = time(nil)
        var local = tm()
        localtime_r(&now, &local)
        return ReaderClock(now: StoryDate(secondsSince1970: Int64(now)), utcOffset: local.tm_gmtoff)
    }
}
