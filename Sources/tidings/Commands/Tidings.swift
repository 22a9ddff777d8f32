import ArticleModel
import FeedFetching
import ReaderTUI
import Storage
import StoryLoading
#if canImport(Glibc)
import Glibc
#endif

/// The `tidings` program: the reader by default (`Read`), and the commands that manage subscriptions and
/// fetch them. `tidings help` lists them; a usage error exits 64 (EX_USAGE) with the command's usage line.
@main
enum Tidings {
    static let version = FeedFetcher.version

    static let program = CommandSpec(
        name: "tidings", abstract: "A terminal reader for news-summary stories and web feeds.", discussion: Read.discussion)

    /// Every command, in the order the help lists them; the first is what `tidings` runs when no command
    /// is named.
    static var commands: [any TidingsCommand.Type] { [Read.self, Add.self, Remove.self, ImportOPML.self, ExportOPML.self, Fetch.self, ShowConfig.self] }

    static func main() {
        growMemoryInLargeSteps()
        exit(run(Array(CommandLine.arguments.dropFirst())))
    }

    /// A large file is parsed on every core, and glibc gives each thread an arena of its own that it grew
    /// one page at a time, each growth an `mprotect` that takes the process's memory-map lock from the
    /// other threads' page faults: 3,733 calls for the 10,000-item feed. Asked to grow by 16 MB at a time
    /// it made 24, and the whole feed and the whole one-file library were listed about a tenth sooner
    /// (alternated runs: 127.0 → 117.9 ms and 38.5 → 35.0 ms). Only address space is set aside: untouched
    /// pages take no memory.
    private static func growMemoryInLargeSteps() {
        _ = setMallocParameter(topPad, 16 << 20)
    }

    /// `M_TOP_PAD` in glibc's malloc.h.
    private static let topPad: Int32 = -2

    /// Runs the command line `words` (without the program's name) and gives the exit status.
    static func run(_ words: [String]) -> Int32 {
        if words.first == "help" { return help(Array(words.dropFirst())) }
        let named = commands.first { $0.spec.name == words.first }
        let command = named ?? commands[0]
        do {
            let parsed = try ParsedArguments.parse(named == nil ? words : Array(words.dropFirst()), as: command.spec)
            if parsed.wantsHelp { return help(named.map { [$0.spec.name] } ?? []) }
            if parsed.wantsVersion {
                write(version + "\n")
                return 0
            }
            try command.init(parsed).run()
            return 0
        } catch let error as UsageError {
            return usageError(error)
        } catch let status as ExitStatus {
            return status.code
        } catch {
            printError("tidings: \(error)")
            return 1
        }
    }

    /// `tidings help [COMMAND]`.
    static func help(_ words: [String]) -> Int32 {
        guard let name = words.first else {
            write(HelpText.overview(program: program, commands: commands.map { $0.spec }, defaultCommand: commands[0].spec.name))
            return 0
        }
        guard let command = commands.first(where: { $0.spec.name == name }), words.count == 1 else {
            let message = words.count == 1 ? "no command named '\(VisibleName.of(name))'" : "help takes one command"
            printError("tidings: \(message)\nSee 'tidings help' for the commands.")
            return 64
        }
        write(HelpText.command(command.spec, program: program.name))
        return 0
    }

    static func usageError(_ error: UsageError) -> Int32 {
        let spec = commands.first { $0.spec.name == error.command }?.spec ?? commands[0].spec
        printError("tidings: \(error.message)\n\(HelpText.usage(spec, program: program.name))\nSee 'tidings help \(spec.name)'.")
        return 64
    }
}

/// A command of the program: what it accepts, how it is made from what was given, and what it does. It
/// ends with `ExitStatus` to exit other than 0.
protocol TidingsCommand {
    static var spec: CommandSpec { get }
    init(_ arguments: ParsedArguments)
    func run() throws
}

/// Ends the program with `code`, whatever has been said about why already said.
struct ExitStatus: Error {
    var code: Int32
    init(_ code: Int32) { self.code = code }
}

/// `tidings [PATH…]`: load the library, then open the reader or print the stories.
struct Read: TidingsCommand {
    static let discussion = """
        With no PATH, opens the stories of the subscribed feeds (tidings add URL, then tidings fetch, or R in \
        the reader), or the sample stories bundled with Tidings when there are none. A PATH is a story or feed \
        file, a folder (searched recursively for *.txt, *.xml, *.rss, *.atom and *.json, hidden entries \
        skipped), or - for standard input. Stories are listed newest first. When standard output is not a \
        terminal, the stories are printed as plain text instead (as with --dump text). The reader's options \
        (--dump, --sort, --no-mouse, --state, --no-state, --keys) are listed by tidings help read.

        Examples:
          tidings                          open the subscribed feeds (or the samples)
          tidings ~/news                   read every story and feed file below ~/news
          tidings --sort path a.txt b.txt  list by path instead of newest first
          cat story.txt | tidings -        read a story from standard input
          tidings --dump json ~/news | jq '.[].title'
          tidings story.txt | less         plain text, wrapped to the terminal
          tidings add https://example.com/feed.xml news
          tidings fetch                    fetch every subscribed feed
        """

    static let spec = CommandSpec(
        name: "read",
        abstract: "Open the reader on stories and feeds (what tidings does with no command).",
        discussion: discussion,
        arguments: [ArgumentSpec(name: "paths", help: "Story or feed files, folders, or - for standard input.", repeats: true, required: false)],
        options: [
            OptionSpec(name: "dump", value: "format", choices: DumpFormat.allCases.map(\.rawValue),
                       help: "Print the stories instead of opening the reader: json or text."),
            OptionSpec(name: "sort", value: "order", choices: LibraryOrder.allCases.map(\.rawValue),
                       help: "List order: newest (file modification time, then path) or path (default: the configuration's, else newest)."),
            .flag("no-mouse", help: "Leave the mouse to the terminal, so its own text selection works."),
            OptionSpec(name: "state", value: "file",
                       help: "The file read and starred marks are kept in (default: $XDG_STATE_HOME/tidings/state.sqlite)."),
            .flag("no-state", help: "Keep no read or starred marks."),
            .flag("keys", help: "Print the key table as Markdown, with each action's name, and exit."),
            OptionSpec(name: "config", value: "file", help: "The configuration file (default: $XDG_CONFIG_HOME/tidings/config.toml)."),
        ]
    )

    var paths: [String]
    var dump: DumpFormat?
    var sort: LibraryOrder?
    var noMouse: Bool
    var state: String?
    var noState: Bool
    var keys: Bool
    var config: String?

    init(_ arguments: ParsedArguments) {
        paths = arguments.arguments("paths")
        // The parser has checked both against their choices.
        dump = arguments.value("dump").flatMap(DumpFormat.init(rawValue:))
        sort = arguments.value("sort").flatMap(LibraryOrder.init(rawValue:))
        noMouse = arguments.flag("no-mouse")
        state = arguments.value("state")
        noState = arguments.flag("no-state")
        keys = arguments.flag("keys")
        config = arguments.value("config")
    }

    func statePath(_ settings: Configuration) -> String? { noState ? nil : (state ?? settings.state ?? MarkStore.defaultPath()) }

    enum DumpFormat: String, CaseIterable {
        case json, text
    }

    func run() throws {
        let settings = try Configuration.loadOrExit(config)
        let order = sort ?? settings.sort
        if keys {
            write(settings.keys.markdown)
            return
        }
        let opening = try Opening.choose(paths: paths, folders: settings.folders, order: order)
        let interactive = dump == nil && isatty(1) == 1
        if interactive, let problem = ReaderSession.terminalProblem() {
            printError("tidings: \(problem); printing the stories as text")
        } else if interactive {
            try runReader(opening, settings, order: order)
            return
        }
        var library = LibraryLoader(datesOrderItems: order == .newest)
        library.stories = opening.stored
        for file in opening.files { library.read(file) }
        for warning in library.warnings { printError("tidings: \(warning)") }
        try opening.requireStories(library.stories.isEmpty)
        switch dump {
        case .json:
            Opening.prepareBodies(library.stories)
            write(JSONDump.render(library.stories, marks: savedMarks(library.stories, statePath(settings))))
        case .text, nil: write(TextDump.render(library.stories, width: TerminalWidth.forPlainText(), utcOffset: localUTCOffset()))
        }
    }

    /// Reads only what fills the first screen, then opens the reader, which loads the rest in the
    /// background while keys already work.
    func runReader(_ opening: Opening, _ settings: Configuration, order: LibraryOrder) throws {
        let screenRows = TerminalWidth.rows() ?? 24
        var first = LibraryLoader(datesOrderItems: order == .newest)
        first.stories = opening.stored
        var next = 0
        var rest: FileRest?
        // A large feed gives its first items now and the rest in the background.
        while next < opening.files.count, first.stories.count < screenRows, rest == nil {
            rest = first.readFirst(opening.files[next])
            next += 1
        }
        for warning in first.warnings { printError("tidings: \(warning)") }
        try opening.requireStories(first.stories.isEmpty && next == opening.files.count)
        var request = ReaderSession.Request(stories: first.stories, files: opening.files, firstUnloadedFile: next)
        request.rest = rest
        request.mouse = !noMouse && settings.mouse
        request.datesOrderItems = order == .newest
        request.keys = settings.keys
        request.palette = settings.palette
        request.reading = settings.reading
        request.browser = settings.browser
        request.notice = opening.notice
        request.refresh = opening.refresh
        if let statePath = statePath(settings) {
            request.openMarkStore = {
                let store = try MarkStore(path: statePath)
                return (store, store.notice)
            }
        }
        switch ReaderSession.run(request) {
        case .finished(let status, let warnings):
            for warning in warnings { printError("tidings: \(warning)") }
            if status != 0 { throw ExitStatus(status) }
        case .noTerminal(let reason):
            printError("tidings: \(reason); printing the stories as text")
            var stories = first.stories
            if let finished = rest?.finish() {
                stories = StoryLibrary.inserting(finished.stories, at: finished.places, into: stories)
                for warning in finished.warnings { printError("tidings: \(warning)") }
            }
            var later = LibraryLoader(datesOrderItems: order == .newest)
            for file in opening.files[next...] { later.read(file) }
            for warning in later.warnings { printError("tidings: \(warning)") }
            write(TextDump.render(stories + later.stories, width: TerminalWidth.forPlainText(), utcOffset: localUTCOffset()))
        }
    }

    /// The saved marks of `stories` for `--dump json`; none when state is off or cannot be read.
    func savedMarks(_ stories: [Story], _ statePath: String?) -> [StoryMarks] {
        // A dump never creates a state file: without one, nothing has been marked.
        guard let path = statePath, access(path, F_OK) == 0 else { return [] }
        do {
            let store = try MarkStore(path: path)
            if let notice = store.notice { printError("tidings: \(notice)") }
            return try store.marks(for: stories)
        } catch {
            printError("tidings: \(error)")
            return []
        }
    }
}

/// `tidings config`: the configuration in effect, as TOML.
struct ShowConfig: TidingsCommand {
    static let spec = CommandSpec(
        name: "config",
        abstract: "Print the configuration in effect as TOML: every setting, every action with its keys.",
        discussion: "Saved as $XDG_CONFIG_HOME/tidings/config.toml (~/.config/tidings/config.toml), it changes nothing; edit from there.",
        options: [OptionSpec(name: "config", value: "file", help: "The configuration file to start from (default: $XDG_CONFIG_HOME/tidings/config.toml).")]
    )

    var config: String?

    init(_ arguments: ParsedArguments) { config = arguments.value("config") }

    func run() throws {
        write(ConfigPrinter.toml(try Configuration.loadOrExit(config)))
    }
}

extension Configuration {
    /// The configuration from `--config PATH`, else from the default place; on an error, one line
    /// `tidings: FILE:LINE: REASON` and exit status 2, before the screen is touched.
    static func loadOrExit(_ explicit: String?) throws -> Configuration {
        do {
            return try load(path: explicit ?? defaultPath(), explicit: explicit != nil)
        } catch {
            printError("tidings: \(error)")
            throw ExitStatus(2)
        }
    }
}

/// The local time zone's distance from UTC now, in seconds, for dates in plain text.
func localUTCOffset() -> Int {
    var now = time(nil)
    var local = tm()
    localtime_r(&now, &local)
    return local.tm_gmtoff
}

func printError(_ line: String) {
    writeAll(2, line + "\n")
}

func write(_ text: String) {
    writeAll(1, text)
}

/// Writes every byte, retrying short writes; gives up quietly when the reader has gone (a closed pipe).
func writeAll(_ fd: Int32, _ text: String) {
    var copy = text
    copy.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }
}

/// glibc's `mallopt`, from malloc.h, which the Glibc module does not include.
@_silgen_name("mallopt")
private func setMallocParameter(_ parameter: Int32, _ value: Int32) -> Int32
