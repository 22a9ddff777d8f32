import ArticleModel
import CNcurses
import CTerminalGuard
#if canImport(Glibc)
import Glibc
#endif

/// The one type that talks to ncurses. It starts a session on the given terminal, reports keys, resizes
/// and mouse events, copies the cells of a `CellGrid` that changed since the last frame, and ends the
/// session. Everything else in Tidings only sees grids and events.
///
/// All calls must come from one thread: ncurses keeps global state.
final class NcursesTerminal {
    enum StartError: Error, CustomStringConvertible {
        case noTerminalType
        case unknownTerminal(String)
        case cannotOpen(String)

        var description: String {
            switch self {
            case .noTerminalType: return "TERM is unset or 'dumb'"
            case .unknownTerminal(let name): return "unknown terminal type '\(VisibleName.of(name))'"
            case .cannotOpen(let why): return "cannot open the terminal: \(why)"
            }
        }
    }

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>
    /// How each role is shown here, by the role's raw value: looked up for every cell a frame puts, so an
    /// array rather than the palette's dictionary.
    private let looks: [RoleLook]
    private var ended = false
    private let inputFD: Int32

    /// Starts ncurses on `outputFD` (the screen) and `inputFD` (the keyboard).
    init(inputFD: Int32, outputFD: Int32, mouse: Bool, palette: Palette = .standard) throws {
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty, term != "dumb" else {
            throw StartError.noTerminalType
        }
        // Exported sizes would pin the screen size (the locale was set by `prepareLocale` already).
        unsetenv("LINES")
        unsetenv("COLUMNS")
        guard let output = fdopen(dup(outputFD), "w"), let input = fdopen(dup(inputFD), "r") else {
            throw StartError.cannotOpen(SystemReason.phrase(String(cString: strerror(errno))))
        }
        // newterm, unlike initscr, returns NULL for an unknown terminal instead of exiting.
        guard let screen = newterm(term, output, input) else {
            fclose(output)
            fclose(input)
            throw StartError.unknownTerminal(term)
        }
        self.screen = screen
        self.output = output
        self.input = input
        self.inputFD = fileno(input)
        window = tidings_stdscr()
        cbreak() // keeps ISIG: Ctrl-C and Ctrl-Z still reach the signal handlers
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true) // the loop waits in poll(), for keys and for stories loaded in the background
        set_escdelay(25)
        curs_set(0)
        let colors = getenv("NO_COLOR") == nil && palette.usesColor && has_colors()
        var looks = CellStyle.Role.allCases.map { RoleLook(pair: 0, hasBackground: false, dim: $0 == .muted || $0 == .border) }
        if colors {
            start_color()
            use_default_colors()
            Self.definePairs(palette, into: &looks)
        }
        self.looks = looks
        if mouse {
            mousemask(tidings_mouse_mask(), nil)
            mouseinterval(0)
            if tidings_terminfo_has_sgr_mouse() == 0 {
                readsSGRReports = true
                define_key("\u{1B}[<", tidings_key_sgr_mouse())
                askForSGRReports(true)
                tidings_guard_sgr_mouse_around_stops(fileno(output))
            }
        }
    }

    /// True when the reader asked for SGR mouse reports itself and reads them (see `SGRMouseReport`).
    private var readsSGRReports = false

    /// Switches SGR (1006) mouse reports on or off, after ncurses switched reporting itself on (or before
    /// it switches it off): without them a click past column 223 cannot be reported at all.
    private func askForSGRReports(_ on: Bool) {
        guard readsSGRReports else { return }
        // Written straight to the terminal: ncurses' putp goes to standard output, which may not be it.
        // The order against ncurses' own reporting switch does not matter: the two modes are independent.
        let sequence = on ? "\u{1B}[?1006h" : "\u{1B}[?1006l"
        _ = sequence.withCString { write(fileno(output), $0, strlen($0)) }
    }

    deinit { end() }

    /// Sets the locale from the environment before ncurses starts: without a UTF-8 locale ncurses prints
    /// every non-ASCII character as escapes. Under `LANG=C` and the like, switches the character type to
    /// C.UTF-8 and returns a warning saying so.
    static func prepareLocale() -> String? {
        setlocale(LC_ALL, "")
        if isUTF8Locale() { return nil }
        let name = String(cString: setlocale(LC_CTYPE, nil))
        if setlocale(LC_CTYPE, "C.UTF-8") != nil, isUTF8Locale() {
            return "the locale (\(VisibleName.of(name))) is not UTF-8; using C.UTF-8 for the screen"
        }
        return "the locale (\(VisibleName.of(name))) is not UTF-8 and C.UTF-8 is missing; non-ASCII text may show wrongly"
    }

    private static func isUTF8Locale() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    var size: (columns: Int, rows: Int) { (Int(tidings_cols()), Int(tidings_lines())) }

    /// Leaves the alternate screen and gives the terminal back as it was.
    func end() {
        guard !ended else { return }
        ended = true
        askForSGRReports(false)
        endwin()
        delscreen(screen)
        fclose(output)
        fclose(input)
    }

    /// Gives the terminal back as it was (normal screen, line mode) while `body` runs another program, then
    /// takes it again; the next frame must be drawn whole.
    func whileSuspended<T>(_ body: () -> T) -> T {
        def_prog_mode()
        askForSGRReports(false)
        endwin()
        let result = body()
        reset_prog_mode()
        askForSGRReports(true)
        clearok(window, true)
        return result
    }

    /// Writes the cells of a frame update, then updates the screen once.
    func apply(_ update: FrameUpdate) {
        if update.clearsScreen { clearok(window, true) }
        for change in update.changes { put(change.cell, column: change.column, row: change.row) }
        wnoutrefresh(window)
        doupdate()
    }

    private func put(_ cell: Cell, column: Int, row: Int) {
        let look = looks[cell.style.role.rawValue]
        var attributes = tidings_attr_normal()
        if cell.style.bold { attributes |= tidings_attr_bold() }
        // Roles with a background colour of their own are shown by it; reverse would undo it.
        if cell.style.reverse && !look.hasBackground { attributes |= tidings_attr_reverse() }
        if cell.style.underline { attributes |= tidings_attr_underline() }
        if look.dim { attributes |= tidings_attr_dim() }
        let pair = look.pair
        var value = cchar_t()
        // The cell's scalars, NUL-ended, on the stack: a frame puts thousands of cells.
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: Int(CCHARW_MAX) + 1) { characters in
            var count = 0
            for scalar in cell.text.unicodeScalars.prefix(Int(CCHARW_MAX)) {
                characters[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
            characters[count] = 0
            setcchar(&value, characters.baseAddress, attributes, pair, nil)
        }
        wmove(window, Int32(row), Int32(column))
        wadd_wch(window, &value)
    }

    /// Waits for the next event: a key, resize or mouse event, a signal, or (when `wakeFD` becomes
    /// readable) news from the background loader. Never spins: with nothing to read it sleeps in poll().
    func nextEvent(wakeFDs: [Int32] = []) -> TerminalEvent {
        var idleReadable = 0
        while true {
            let signal = tidings_guard_quit_signal()
            if signal != 0 { return .quitSignal(signal) }
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            if result != tidings_err() {
                let code = Int32(bitPattern: UInt32(character))
                return result == tidings_key_code_yes() ? keyCode(code) : .key(Self.key(forCharacter: code))
            }
            var fds = [pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)]
                + wakeFDs.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 {
                if errno == EINTR { continue } // a signal: SIGWINCH now reads as KEY_RESIZE, quit signals above
                return .inputClosed
            }
            if let woken = fds.dropFirst().first(where: { $0.revents & Int16(POLLIN) != 0 }) { return .wake(woken.fd) }
            let input = fds[0].revents
            if input & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .inputClosed }
            // Readable input that ncurses turns into nothing, again and again, is an input at its end.
            idleReadable += 1
            if idleReadable > 1_000 { return .inputClosed }
        }
    }

    static func key(forCharacter code: Int32) -> Key {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        default:
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: code)) else { return .character("\u{FFFD}") }
            return .character(Character(scalar))
        }
    }

    private func keyCode(_ code: Int32) -> TerminalEvent {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_F0 + 1...KEY_F0 + 12: return .key(.function(Int(code - KEY_F0)))
        case tidings_key_resize():
            let (columns, rows) = size
            return .resized(columns: columns, rows: rows)
        case tidings_key_mouse():
            var event = MEVENT()
            guard getmouse(&event) == tidings_ok() else { return .ignored }
            let column = Int(event.x), row = Int(event.y)
            if tidings_wheel_up(event.bstate) != 0 { return .wheel(column: column, row: row, lines: -PointerRules.wheelLines) }
            if tidings_wheel_down(event.bstate) != 0 { return .wheel(column: column, row: row, lines: PointerRules.wheelLines) }
            if tidings_button1(event.bstate) != 0 { return .click(column: column, row: row) }
            return .ignored
        case tidings_key_sgr_mouse():
            return readSGRReport()
        default:
            return .ignored
        }
    }
}

extension NcursesTerminal {
    /// Reads the rest of an SGR mouse report after its `CSI <`. It comes in the same write as its start; a
    /// part still on its way is waited for briefly, and a report cut short is dropped.
    private func readSGRReport() -> TerminalEvent {
        var body: [Unicode.Scalar] = []
        while true {
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            if result == tidings_err() {
                var descriptor = pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 100) > 0 else { return .ignored }
                continue
            }
            guard result != tidings_key_code_yes(), let scalar = Unicode.Scalar(UInt32(character)) else { return .ignored }
            body.append(scalar)
            if let event = SGRMouseReport.event(of: body) { return event }
        }
    }
}

extension NcursesTerminal {
    /// How a role is shown: its colour pair (0, the terminal's own colours, when it has none), whether it
    /// has a background colour of its own, and whether it is dimmed.
    struct RoleLook {
        var pair: Int16
        var hasBackground: Bool
        var dim: Bool
    }

    /// One colour pair per role the palette colours, with the colours this terminal can show (the
    /// terminal's own background unless the role has one).
    private static func definePairs(_ palette: Palette, into looks: inout [RoleLook]) {
        let count = Int(tidings_colors())
        var defined: Int16 = 0
        // In the roles' own order, so each role has the same pair every run. (Not by the roles' names: a
        // case's name is found by reflection, which cost the first frame milliseconds.)
        for role in CellStyle.Role.allCases {
            guard let colors = palette.colors[role] else { continue }
            defined += 1
            init_extended_pair(Int32(defined), Int32(colors.foreground.number(forColorCount: count)),
                               Int32(colors.background.number(forColorCount: count)))
            looks[role.rawValue].pair = defined
            looks[role.rawValue].hasBackground = palette.hasBackground(role)
        }
    }
}
