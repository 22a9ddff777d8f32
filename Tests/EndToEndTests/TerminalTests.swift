import Foundation
import Testing

/// The reader in a real pseudo-terminal (tmux), at fixed sizes.
@Suite(.serialized, .enabled(if: TmuxSession.available, TmuxSession.missingMessage))
struct TerminalTests {
    static let wide = Binary.repository + "/Tests/Fixtures/wide.txt"

    @Test func opensTheSeedLayoutFixture() throws {
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [Binary.seedLayout])
        let screen = try tmux.waitFor(text: "story 1/1")
        #expect(screen[0].hasPrefix(" ● Stories (1)"))
        #expect(screen[0].contains("│ ○ Example.news"))
        #expect(screen[1].hasSuffix("│ Rivers Rise Across the Valley as Spring Storms Stall Over"))
        #expect(screen[29].hasPrefix(" story 1/1 · line 1/"))
        #expect(try tmux.alternateScreenOn)
    }

    @Test func captionJumpsReachTheThirdCaption() throws {
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [Binary.seedLayout])
        try tmux.waitFor(text: "story 1/1")
        try tmux.send("Enter", "]", "]", "]")
        let screen = try tmux.waitFor(text: "caption 3/3")
        #expect(screen.contains { $0.contains("│▌▸ A rescue boat waits at the edge of a flooded car park") })
    }

    @Test func bulletJumpsScrollToTheLastBulletInASmallTerminal() throws {
        let tmux = try TmuxSession(columns: 60, rows: 12, arguments: [Binary.seedLayout])
        try tmux.waitFor(text: "story 1/1")
        try tmux.send("Enter")
        for _ in 0..<5 { try tmux.send("}") }
        let screen = try tmux.waitFor(text: "bullet 5/5")
        #expect(screen.contains { $0.hasPrefix("▌  • A second weather front is expected on Sunday, and") })
        #expect(!screen.contains { $0.contains("Rivers Rise") }, "the detail had to scroll")
    }

    @Test func searchReportsMatchCount() throws {
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [Binary.seedLayout])
        try tmux.waitFor(text: "story 1/1")
        try tmux.send("Enter", "/")
        try tmux.type("river")
        try tmux.waitFor(text: "search this story: /river")
        try tmux.send("Enter")
        try tmux.waitFor(text: "match 1/6")
        try tmux.send("n", "n")
        try tmux.waitFor(text: "match 3/6")
        try tmux.send("N")
        try tmux.waitFor(text: "match 2/6")
    }

    @Test func wideCharactersKeepTheColumnsAligned() throws {
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [Self.wide, Binary.seedLayout, "--sort", "path"])
        let screen = try tmux.waitFor(text: "story 1/2")
        #expect(screen.contains { $0.contains("東京で桜が満開 🌸") })
        // The border sits in column 40 on every row: measured by glibc's wcwidth, as the terminal does.
        for (row, line) in screen.prefix(29).enumerated() {
            let prefix = line.prefix { $0 != "│" }
            #expect(TerminalWidth.of(String(prefix)) == 40, "row \(row): \(line)")
        }
    }

    /// Flags, keycaps, skin tones, `♻️`, joined emoji, scripts with marks and right-to-left text: every code
    /// point reaches tmux's screen (joiners excepted: the cleaner drops them so each person shows), and the
    /// border stays in column 40 as glibc measures the cells before it.
    @Test func everyCodePointOfEveryScriptReachesTheScreenInItsColumn() throws {
        let fixture = Binary.repository + "/Tests/Fixtures/scripts.txt"
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [fixture])
        let screen = try tmux.waitFor(text: "story 1/1")
        for (row, line) in screen.prefix(29).enumerated() {
            let prefix = line.prefix { $0 != "│" }
            #expect(TerminalWidth.of(String(prefix)) == 40, "row \(row): \(line)")
        }
        let detail = screen.prefix(29).map { line in line.firstIndex(of: "│").map { String(line[line.index(after: $0)...]) } ?? "" }
        let shown = Self.withoutSpaces(detail.joined())
        let written = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")
            .map { $0.replacingOccurrences(of: "•", with: "") }
            .filter { !["Image", "Overview", ""].contains($0.trimmingCharacters(in: .whitespaces)) }
        #expect(written.count == 13)
        let missing = written.filter { !shown.contains(Self.withoutSpaces($0)) }
        #expect(missing == [], "every scalar of these lines reaches the screen, in order")
    }

    /// The scalars of `text` without spaces (wrapping moves them) and joiners, compared scalar by scalar.
    static func withoutSpaces(_ text: some StringProtocol) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { $0 != " " && $0 != "\u{200D}" }
    }

    @Test func resizeToTinyAndBackKeepsThePosition() throws {
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [Binary.repository + "/Resources", "--sort", "path"])
        try tmux.waitFor(text: "story 1/13")
        try tmux.send("G", "Enter", "}", "}", "}")
        let before = try tmux.waitFor(text: "bullet 3/")
        try tmux.resize(columns: 10, rows: 3)
        try tmux.waitFor(text: "Terminal…")
        try tmux.resize(columns: 100, rows: 30)
        let after = try tmux.waitFor("the reader again") { $0.last { !$0.isEmpty }?.contains("story 13/13") == true }
        #expect(after == before)
    }

    @Test func quitKeyLeavesTheAlternateScreen() throws {
        let tmux = try TmuxSession(columns: 80, rows: 24, arguments: [Binary.seedLayout])
        try tmux.waitFor(text: "story 1/1")
        #expect(try tmux.alternateScreenOn)
        try tmux.send("Q")
        #expect(try tmux.exitStatus() == "0")
        #expect(try !tmux.alternateScreenOn)
        #expect(try !tmux.screen().contains { $0.contains("story 1/1") })
    }

    @Test func sigtermLeavesTheAlternateScreen() throws {
        let tmux = try TmuxSession(columns: 80, rows: 24, arguments: [Binary.seedLayout])
        try tmux.waitFor(text: "story 1/1")
        let pid = try #require(try tmux.programPID())
        kill(pid, SIGTERM)
        #expect(try tmux.exitStatus() == "143")
        #expect(try !tmux.alternateScreenOn)
    }
}

/// Ways in and out of the reader: other signals, suspend, piped stories, terminals that cannot be used.
@Suite(.serialized, .enabled(if: TmuxSession.available, TmuxSession.missingMessage))
struct TerminalLifecycleTests {
    @Test(arguments: [(SIGINT, "130"), (SIGHUP, "129")])
    func quitSignalsRestoreTheScreen(signal: Int32, status: String) throws {
        let tmux = try TmuxSession(columns: 80, rows: 24, arguments: [Binary.seedLayout])
        try tmux.waitFor(text: "story 1/1")
        kill(try #require(try tmux.programPID()), signal)
        #expect(try tmux.exitStatus() == status)
        #expect(try !tmux.alternateScreenOn)
    }

    /// A crash signal sent from outside: with Swift's backtracer on, the backtrace prints after the terminal
    /// is restored, and then the process ends by that signal (the backtracer's handler returns for a signal
    /// that is not a fault, and the reader once sat on in line mode after it).
    @Test(arguments: [(SIGSEGV, "139"), (SIGILL, "132"), (SIGBUS, "135")])
    func crashSignalRestoresTheTerminalAndEndsTheProcess(signal: Int32, status: String) throws {
        let backtracer = ["SWIFT_BACKTRACE": "enable=yes,interactive=no,color=no"]
        let tmux = try TmuxSession(columns: 80, rows: 24, arguments: [Binary.seedLayout], environment: backtracer)
        try tmux.waitFor(text: "story 1/1")
        let tty = try tmux.tmux(["display-message", "-p", "-t", "main", "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let raw = try TmuxSession.spawn(["stty", "-F", tty, "-a"])
        #expect(raw.contains("-icanon") && raw.contains("-echo "), "the reader runs with line mode and echo off")
        kill(try #require(try tmux.programPID()), signal)
        #expect(try tmux.exitStatus() == status)
        #expect(try tmux.screen().contains { $0.hasPrefix("Backtrace took") }, "the backtrace was printed")
        #expect(try !tmux.alternateScreenOn)
        let restored = try TmuxSession.spawn(["stty", "-F", tty, "-a"])
        #expect(restored.contains(" icanon") && restored.contains(" echo "), "line mode and echo are back")
    }

    @Test func ctrlCQuitsCleanly() throws {
        let tmux = try TmuxSession(columns: 80, rows: 24, arguments: [Binary.seedLayout])
        try tmux.waitFor(text: "story 1/1")
        try tmux.send("C-c")
        #expect(try tmux.exitStatus() == "130")
        #expect(try !tmux.alternateScreenOn)
    }

    @Test func ctrlZSuspendsAndFgRedraws() throws {
        // An interactive shell, so job control (fg) works.
        let tmux = try TmuxSession(columns: 80, rows: 24, arguments: [], prefix: "exec bash --norc -i; ")
        try tmux.type("'\(Binary.url.path)' '\(Binary.seedLayout)'")
        try tmux.send("Enter")
        try tmux.waitFor(text: "story 1/1")
        try tmux.send("Enter", "]")
        try tmux.waitFor(text: "caption 1/3")
        try tmux.send("C-z")
        try tmux.waitFor("the shell after suspending") { $0.contains { $0.contains("Stopped") } }
        #expect(try !tmux.alternateScreenOn)
        #expect(try tmux.tmux(["display-message", "-p", "-t", "main", "#{mouse_sgr_flag}"]).hasPrefix("0"), "the shell's programs get the terminal's usual mouse reports")
        try tmux.type("fg")
        try tmux.send("Enter")
        let screen = try tmux.waitFor(text: "caption 1/3")
        try tmux.waitFor("SGR mouse reports again after fg") { _ in
            (try? tmux.tmux(["display-message", "-p", "-t", "main", "#{mouse_sgr_flag}"]).hasPrefix("1")) == true
        }
        #expect(screen[0].hasPrefix(" ○ Stories (1)"))
        #expect(screen.contains { $0.contains("▌▸ HILLSIDE, VALLEY") })
        try tmux.send("Q")
        try tmux.waitFor("the shell prompt again") { !$0.contains { $0.contains("caption 1/3") } }
        #expect(try !tmux.alternateScreenOn)
    }

    @Test func storiesFromAPipeWithKeysFromTheTerminal() throws {
        let tmux = try TmuxSession(columns: 80, rows: 24, arguments: ["-"], prefix: "cat '\(Binary.seedLayout)' |")
        try tmux.waitFor(text: "story 1/1")
        try tmux.send("Enter", "}")
        try tmux.waitFor(text: "bullet 1/5")
        try tmux.send("Q")
        #expect(try tmux.exitStatus() == "0")
    }

    @Test(arguments: ["", "dumb", "no-such-terminal-type"])
    func unusableTermPrintsPlainTextInstead(term: String) throws {
        let tmux = try TmuxSession(columns: 80, rows: 60, arguments: [Binary.seedLayout], environment: ["TERM": term])
        #expect(try tmux.exitStatus() == "0")
        let screen = try tmux.screen()
        #expect(screen.contains("Rivers Rise Across the Valley as Spring Storms Stall Over the Hills"))
        #expect(screen.contains { $0.hasPrefix("tidings: ") && $0.contains("printing the stories as text") })
        #expect(try !tmux.alternateScreenOn)
    }

    @Test func noColorStillMarksFocusAndSelection() throws {
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [Binary.seedLayout], environment: ["NO_COLOR": "1"])
        try tmux.waitFor(text: "story 1/1")
        let styled = try tmux.tmux(["capture-pane", "-p", "-e", "-t", "main"])
        let parameters = Self.sgrParameters(styled)
        let colours = parameters.filter { (30...37).contains($0) || (40...47).contains($0) || [38, 48].contains($0) || (90...107).contains($0) }
        #expect(colours == [], "no colours at all, only attributes")
        #expect(parameters.contains(7), "reverse video marks the focus")
        #expect(parameters.contains(1), "bold")
        try tmux.send("Q")
    }

    /// Each role reaches the screen in its own colours and attributes (tmux writes them back as it keeps
    /// them): the caption jumped to black on yellow; the line between the panes dimmed; a heading bright
    /// magenta; the status line, given a background of its own by the configuration, in it and not reversed.
    @Test func rolesReachTheScreenInTheirColours() throws {
        let config = try ConfigurationTerminalTests.ConfigFile("[theme.colors]\nstatus = { fg = \"black\", bg = \"green\" }\n")
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: ["--config", config.path, Binary.seedLayout],
                                   environment: ["TERM": "tmux-256color"], prefix: "env -u NO_COLOR") // which `swift test` sets
        try tmux.waitFor(text: "story 1/1")
        try tmux.send("Enter")
        try tmux.send("]")
        try tmux.waitFor(text: "caption 1/3")
        let lines = try tmux.tmux(["capture-pane", "-p", "-e", "-t", "main"]).split(separator: "\n").map(String.init)
        let caption = try #require(lines.first { $0.contains("HILLSIDE, VALLEY") })
        #expect(caption.components(separatedBy: "\u{1B}[2m│").last?.hasPrefix("\u{1B}[0m\u{1B}[30m\u{1B}[43m▌\u{1B}[1m▸ HILLSIDE") == true)
        #expect(lines.contains { $0.contains("\u{1B}[2m│\u{1B}[0m\u{1B}[39m\u{1B}[49m ") }, "the border, dimmed")
        #expect(lines.contains { $0.hasSuffix("\u{1B}[1;4m\u{1B}[95mOverview") })
        let status = try #require(lines.last)
        #expect(status.hasPrefix("\u{1B}[30m\u{1B}[42m story 1/1 · caption 1/3"))
        #expect(!Self.sgrParameters(status).contains(7), "a role with a background of its own is not reversed")
        try tmux.send("Q")
    }

    /// Every number in the SGR sequences (ESC [ … m) of styled capture-pane output.
    static func sgrParameters(_ text: String) -> [Int] {
        var found: [Int] = []
        for piece in text.components(separatedBy: "\u{1B}[").dropFirst() {
            guard let end = piece.firstIndex(of: "m") else { continue }
            let body = piece[..<end]
            guard body.allSatisfy({ $0.isNumber || $0 == ";" }) else { continue }
            found += body.split(separator: ";").compactMap { Int($0) }
        }
        return found
    }
}

/// Terminal cell widths by the C library, independent of Tidings' own `DisplayWidth`.
enum TerminalWidth {
    static let ready: Bool = setlocale(LC_CTYPE, "C.UTF-8") != nil

    static func of(_ text: String) -> Int {
        precondition(ready)
        return text.unicodeScalars.reduce(0) { $0 + max(0, Int(c_wcwidth(Int32(bitPattern: $1.value)))) }
    }
}

/// glibc's wcwidth, which Swift's Glibc module hides behind _XOPEN_SOURCE.
@_silgen_name("wcwidth")
func c_wcwidth(_ character: Int32) -> Int32

/// A large folder: the first screen comes first, the rest loads behind it, in order.
@Suite(.serialized, .enabled(if: TmuxSession.available, TmuxSession.missingMessage))
struct LargeLibraryTests {
    @Test func threeThousandFilesLoadNewestFirstWhileKeysWork() throws {
        let folder = NSTemporaryDirectory() + "tidings-large-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for n in 0..<3_000 {
            let path = "\(folder)/\(String(format: "%04d", n)).txt"
            FileManager.default.createFile(atPath: path, contents: Data("Example.news\n\nStory number \(n)\n".utf8))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000 + Double(n))], ofItemAtPath: path)
        }
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [folder])
        try tmux.waitFor(text: "Story number 2999")
        try tmux.send("j")
        let loaded = try tmux.waitFor(text: "story 2/3000")
        #expect(loaded[1].contains("Story number 2999"), "newest first")
        #expect(loaded[2].contains("Story number 2998"))
        try tmux.send("G")
        let end = try tmux.waitFor(text: "story 3000/3000")
        #expect(end.contains { $0.contains("Story number 0") })
        try tmux.send("Q")
        #expect(try tmux.exitStatus() == "0")
    }
}

/// The mouse through ncurses, as tmux passes it on (its terminal type reports X10-style sequences).
@Suite(.serialized, .enabled(if: TmuxSession.available, TmuxSession.missingMessage))
struct MouseTests {
    static let library = Binary.repository + "/Resources"

    @Test func clickSelectsAStoryAndTheWheelScrollsTheListView() throws {
        let tmux = try TmuxSession(columns: 90, rows: 26, arguments: [Self.library, "--sort", "path"])
        try tmux.waitFor(text: "story 1/13")
        try tmux.type(HostileTerminalTests.mouse(button: 0, column: 10, row: 4))
        try tmux.type(HostileTerminalTests.mouse(button: 3, column: 10, row: 4))
        try tmux.waitFor(text: "story 4/13")
        try tmux.type(HostileTerminalTests.mouse(button: 65, column: 10, row: 4))
        let scrolled = try tmux.waitFor("the list view to move 3 rows") { $0[1].contains("Tech Giants") }
        #expect(scrolled.last { !$0.isEmpty }?.contains("story 4/13") == true, "the wheel moves the view, not the selection")
        try tmux.type(HostileTerminalTests.mouse(button: 0, column: 40, row: 18))
        let focused = try tmux.waitFor("the detail to take the focus") { $0[0].hasPrefix(" ○ Stories") }
        #expect(focused.contains { $0.contains("12 unread") }, "a click that focuses the detail opens the story")
    }

    /// tmux's and screen's terminfo describe the old mouse reports, whose columns end at 223: the reader
    /// asks for SGR reports itself, and a click far to the right still lands where it was made.
    @Test func clicksPastColumn223ArriveUnderTmux() throws {
        let tmux = try TmuxSession(columns: 260, rows: 26, arguments: [Self.library, "--sort", "path"])
        try tmux.waitFor(text: "story 1/13")
        #expect(try tmux.tmux(["display-message", "-p", "-t", "main", "#{mouse_sgr_flag}"]).hasPrefix("1"))
        try tmux.type("\u{1B}[<0;10;5M\u{1B}[<0;10;5m")
        try tmux.waitFor(text: "story 4/13")
        try tmux.type("\u{1B}[<0;240;5M")
        let focused = try tmux.waitFor("the detail to take the focus") { $0[0].hasPrefix(" ○ Stories") }
        #expect(focused.contains { $0.contains("12 unread") }, "the click at column 240 opened the story")
        try tmux.send("Q")
        #expect(try tmux.exitStatus() == "0")
        #expect(try tmux.tmux(["display-message", "-p", "-t", "main", "#{mouse_sgr_flag}"]).hasPrefix("0"), "SGR reports are off again")
    }

    @Test func noMouseLeavesClicksToTheTerminal() throws {
        let tmux = try TmuxSession(columns: 90, rows: 26, arguments: ["--no-mouse", Self.library, "--sort", "path"])
        try tmux.waitFor(text: "story 1/13")
        // With mouse reporting off, tmux keeps clicks to itself: nothing reaches the reader.
        #expect(try tmux.tmux(["display-message", "-p", "-t", "main", "#{mouse_any_flag}"]).hasPrefix("0"))
        try tmux.send("Q")
        let withMouse = try TmuxSession(columns: 90, rows: 26, arguments: [Self.library])
        try withMouse.waitFor(text: "story 1/13")
        #expect(try withMouse.tmux(["display-message", "-p", "-t", "main", "#{mouse_any_flag}"]).hasPrefix("1"))
    }
}
