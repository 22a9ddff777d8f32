import ArticleModel
import Foundation
import ReaderTUI
import StoryLoading
import Testing
@testable import tidings

/// The configuration file: what each section sets, every error with its line, and `tidings config`.
@Suite struct ConfigurationTests {
    static let example = """
        # A reader's own settings.
        mouse = false
        browser = "firefox --new-tab"
        state = "~/marks.sqlite"

        [keys]
        next-caption = ["c", "]"]
        quit = "F10"
        page-down = ["Space", "Ctrl-F"]

        [theme]
        name = "light"

        [theme.colors]
        title = "#1e90ff"
        highlight = { fg = "black", bg = "bright-yellow" }
        border = 240

        [reading]
        max-width = 72
        list-width = 30

        [library]
        folders = ["~/news", "/srv/stories"]
        sort = "path"
        """

    @Test func everySectionSetsWhatItNames() throws {
        let home = String(cString: getenv("HOME"))
        let config = try Configuration.parse(Self.example, file: "c.toml")
        #expect(config.mouse == false)
        #expect(config.browser == "firefox --new-tab")
        #expect(config.state == home + "/marks.sqlite")
        #expect(config.keys.keys(for: .nextCaption) == [.character("c"), .character("]")])
        #expect(config.keys.keys(for: .quit) == [.function(10)], "a rebound action loses its default keys")
        #expect(config.keys.keys(for: .pageDown) == [.character(" "), .control("f")])
        #expect(config.keys.keys(for: .nextBullet) == [.character("}")], "actions not named keep theirs")
        #expect(config.palette.theme == .light)
        #expect(config.palette.colors[.accent] == Palette.Colors(.rgb(red: 0x1E, green: 0x90, blue: 0xFF)))
        #expect(config.palette.colors[.highlight] == Palette.Colors(.ansi(0), on: .ansi(11)))
        #expect(config.palette.colors[.border] == Palette.Colors(.indexed(240)))
        #expect(config.palette.colors[.heading] == Palette.Colors(.ansi(5)), "the light theme's own for roles not named")
        #expect(config.reading == ReadingPreferences(maxWidth: 72, listPercent: 30))
        #expect(config.folders == [home + "/news", "/srv/stories"])
        #expect(config.sort == .path)
    }

    @Test(arguments: [
        ("mouse = \"yes\"", "c.toml:1: mouse must be true or false, not a string"),
        ("\n[keys]\nnext-caption = [\"c\", \"Hyper-Q\"]", "c.toml:3: unknown key name “Hyper-Q” for next-caption (names as in tidings --keys: j, Down, Ctrl-D, PgDn, F1…)"),
        ("[keys]\njump = [\"x\"]", "c.toml:2: unknown action “jump” (tidings --keys lists the actions)"),
        ("[keys]\n\nnext-story = [\"q\"]", "c.toml:3: the key q is bound to both next-story and back-or-quit in the list"),
        ("[keys]\nopen = 3", "c.toml:2: open must be a list of key names, not an integer"),
        ("[colours]\nx = 1", "c.toml:1: unknown section [colours]: the sections are [keys], [theme], [reading] and [library]"),
        ("colour = 1", "c.toml:1: unknown setting “colour”: the top-level settings are mouse, browser and state"),
        ("[theme]\nname = \"solarized\"", "c.toml:2: unknown theme “solarized”: dark, light or none"),
        ("[theme.colors]\n\n\ntitle = \"purple\"", "c.toml:4: unknown colour “purple”: black, red, green, yellow, blue, magenta, cyan, white, bright-… of those, default, 0–255 or #rrggbb"),
        ("[theme.colors]\nunread = \"red\"", "c.toml:2: unknown role “unread” in [theme.colors]: title, publisher, heading, selection, highlight, match, status, border, notice"),
        ("[theme.colors]\nmatch = { fg = \"red\", under = \"blue\" }", "c.toml:2: unknown part “under” of a colour: fg and bg"),
        ("[reading]\nmax-width = 5", "c.toml:2: max-width must be from 20 to 1000, not 5"),
        ("[reading]\nlist-width = \"half\"", "c.toml:2: list-width must be a whole number, not a string"),
        ("[library]\nsort = \"oldest\"", "c.toml:2: unknown sort “oldest”: newest or path"),
        ("[library]\nfolders = \"~/news\"", "c.toml:2: folders must be a list of paths, not a string"),
        ("[library]\nshelves = []", "c.toml:2: unknown setting “shelves” in [library]: folders and sort"),
    ])
    func eachErrorNamesItsLineAndReason(text: String, message: String) {
        #expect(throws: Configuration.Failure.self) { try Configuration.parse(text, file: "c.toml") }
        do {
            _ = try Configuration.parse(text, file: "c.toml")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func aSyntaxErrorHasTheParsersLine() {
        do {
            _ = try Configuration.parse("mouse = true\n\n[keys\nopen = [\"l\"]\n", file: "c.toml")
            Issue.record("a syntax error was accepted")
        } catch {
            #expect(error.line == 3)
            #expect("\(error)".hasPrefix("c.toml:3: "))
        }
    }

    @Test func whatConfigPrintsLoadsBackToTheSameConfiguration() throws {
        for text in ["", Self.example, "[theme]\nname = \"none\"\n[theme.colors]\ntitle = \"red\""] {
            let config = try Configuration.parse(text, file: "c.toml")
            let printed = ConfigPrinter.toml(config)
            #expect(try Configuration.parse(printed, file: "printed.toml") == config)
            for binding in KeyTable.standard.bindings {
                #expect(printed.contains("# \(binding.help) ["), "\(binding.command) has its help as a comment")
            }
        }
        #expect(ConfigPrinter.quoted("a\"b\\c\u{1B}") == "\"a\\\"b\\\\c\\u001b\"")
    }

    @Test func aMissingDefaultFileIsNoErrorAndAMissingNamedOneIs() throws {
        #expect(try Configuration.load(path: "/nonexistent/tidings/config.toml", explicit: false) == Configuration())
        #expect(throws: Configuration.Failure(file: "/nonexistent/c.toml", line: nil, reason: "no such file or directory")) {
            try Configuration.load(path: "/nonexistent/c.toml", explicit: true)
        }
    }

    @Test func coloursBecomeTheNearestTheTerminalCanShow() {
        #expect(TerminalColor(name: "bright-red")?.number(forColorCount: 8) == 1)
        #expect(TerminalColor(name: "bright-red")?.number(forColorCount: 256) == 9)
        #expect(TerminalColor(name: "#1e90ff")?.number(forColorCount: 256) == 33)
        #expect(TerminalColor(name: "#1e90ff")?.number(forColorCount: 1 << 24) == 0x1E90FF)
        #expect(TerminalColor(name: "#ff0000")?.number(forColorCount: 8) == 1)
        #expect(TerminalColor(name: "208")?.number(forColorCount: 16) == 3, "orange is nearest yellow of 16")
        #expect(TerminalColor(name: "default")?.number(forColorCount: 256) == -1)
        #expect(TerminalColor(name: "256") == nil)
        #expect(TerminalColor(name: "#12345") == nil)
    }
}

/// A configuration file in a real terminal.
@Suite(.serialized, .enabled(if: TmuxSession.available, TmuxSession.missingMessage))
struct ConfigurationTerminalTests {
    final class ConfigFile {
        let path = NSTemporaryDirectory() + "tidings-config-\(UUID().uuidString).toml"
        init(_ text: String) throws { try text.write(toFile: path, atomically: true, encoding: .utf8) }
        deinit { unlink(path) }
    }

    @Test func keysWidthMouseAndColoursComeFromTheFile() throws {
        let config = try ConfigFile("""
            mouse = false
            [keys]
            next-caption = ["c"]
            [reading]
            max-width = 50
            [theme.colors]
            title = "#1e90ff"
            """)
        let tmux = try TmuxSession(columns: 200, rows: 40, arguments: ["--config", config.path, Binary.seedLayout],
                                   environment: ["TERM": "tmux-256color"], prefix: "unset NO_COLOR;")
        try tmux.waitFor(text: "story 1/1")
        #expect(try tmux.tmux(["display-message", "-p", "-t", "main", "#{mouse_any_flag}"]).hasPrefix("0"), "mouse = false")
        try tmux.send("Enter", "]")
        try tmux.send("c")
        let screen = try tmux.waitFor(text: "caption 1/3")
        let detail = screen.prefix(39).compactMap { line in line.firstIndex(of: "│").map { String(line[line.index(after: $0)...]) } }
        #expect(detail.map { TerminalWidth.of($0) }.max() == 51, "a 50-cell column after the one-cell margin")
        // The title's colour, #1e90ff, as the nearest of 256 (33) in the escape sequences tmux keeps.
        let coloured = try tmux.tmux(["capture-pane", "-p", "-e", "-t", "main"]).split(separator: "\n")
        #expect(coloured.contains { $0.contains("38;5;33m") && $0.contains("Rivers Rise") })
        try tmux.send("Q")
        #expect(try tmux.exitStatus() == "0")
    }

    /// The command line and the environment win over the file: `--no-mouse` over `mouse = true`,
    /// `NO_COLOR` over the theme's colours, `--sort` over the library's order.
    @Test func theCommandLineAndNoColorOverrideTheFile() throws {
        let config = try ConfigFile("""
            mouse = true
            [theme.colors]
            title = "#1e90ff"
            [library]
            sort = "path"
            """)
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: ["--config", config.path, "--no-mouse", Binary.seedLayout],
                                   environment: ["TERM": "tmux-256color", "NO_COLOR": "1"])
        try tmux.waitFor(text: "story 1/1")
        #expect(try tmux.tmux(["display-message", "-p", "-t", "main", "#{mouse_any_flag}"]).hasPrefix("0"), "--no-mouse")
        let styled = try tmux.tmux(["capture-pane", "-p", "-e", "-t", "main"])
        let parameters = TerminalLifecycleTests.sgrParameters(styled)
        let colours = parameters.filter { (30...37).contains($0) || (40...47).contains($0) || [38, 48].contains($0) || (90...107).contains($0) }
        #expect(colours == [], "NO_COLOR: no colour, the title's own neither")
        #expect(parameters.contains(1), "bold stays")
        try tmux.send("Q")

        let folder = NSTemporaryDirectory() + "tidings-order-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, title, time) in [("a.txt", "Older by time, first by path", 1_700_000_000), ("b.txt", "Newer by time", 1_800_000_000)] {
            try "Example.news\n\n\(title)\n".write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: TimeInterval(time))], ofItemAtPath: folder + "/" + name)
        }
        func titles(_ arguments: [String]) throws -> [String] {
            let output = try Binary.run(["--config", config.path, "--dump", "json"] + arguments + [folder])
            let stories = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]] ?? []
            return stories.compactMap { $0["title"] as? String }
        }
        #expect(try titles([]) == ["Older by time, first by path", "Newer by time"], "the file's sort = path")
        #expect(try titles(["--sort", "newest"]) == ["Newer by time", "Older by time, first by path"], "--sort wins")
    }

    @Test func aBadFileIsOneLineAndStatusTwoBeforeTheScreen() throws {
        let config = try ConfigFile("[keys]\nnext-caption = [\"Hyper-Q\"]\n")
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: ["--config", config.path, Binary.seedLayout])
        #expect(try tmux.exitStatus() == "2")
        let lines = try tmux.screen().filter { !$0.isEmpty }
        #expect(lines.first == "tidings: \(config.path):2: unknown key name “Hyper-Q” for next-caption (names as in tidings --keys: j, Down, Ctrl-D, PgDn, F1…)")
        #expect(lines.count == 2, "the error and the exit status, nothing else: \(lines)")
    }
}
