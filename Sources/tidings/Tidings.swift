import ArgumentParser
import ArticleModel
import ReaderTUI
import Storage
import StoryLoading
#if canImport(Glibc)
import Glibc
#endif

/// The `tidings` command: parse arguments, load the library, then dump it or open the reader.
@main
struct Tidings: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "tidings",
        abstract: "A terminal reader for news-summary stories exported as plain text.",
        discussion: """
        With no PATH, opens the sample stories bundled with Tidings. A PATH is a story file, a folder \
        (searched recursively for *.txt, hidden entries skipped), or - for standard input. Stories are \
        listed newest file first. When standard output is not a terminal, the stories are printed as \
        plain text instead (as with --dump text).

        Examples:
          tidings                          open the bundled sample stories
          tidings ~/news                   read every *.txt below ~/news
          tidings --sort path a.txt b.txt  list by path instead of newest first
          cat story.txt | tidings -        read a story from standard input
          tidings --dump json ~/news | jq '.[].title'
          tidings story.txt | less         plain text, wrapped to the terminal
        """,
        version: version
    )

    @Argument(help: "Story files, folders, or - for standard input.")
    var paths: [String] = []

    @Option(help: "Print the stories instead of opening the reader: json or text.")
    var dump: DumpFormat?

    @Option(help: "List order: newest (file modification time, then path) or path.")
    var sort: LibraryOrder = .newest

    @Flag(help: "Leave the mouse to the terminal, so its own text selection works.")
    var noMouse = false

    @Option(help: "The file read and starred marks are kept in (default: $XDG_STATE_HOME/tidings/state.sqlite).")
    var state: String?

    @Flag(help: "Keep no read or starred marks.")
    var noState = false

    @Flag(help: "Print the key table as Markdown, with each action's name, and exit.")
    var keys = false

    var statePath: String? { noState ? nil : (state ?? MarkStore.defaultPath()) }

    enum DumpFormat: String, ExpressibleByArgument, CaseIterable {
        case json, text
    }

    func run() throws {
        if keys {
            write(KeyTable.standard.markdown)
            return
        }
        let arguments = paths.isEmpty ? [BundledLibrary.path] : paths
        let scan = LibraryScanner.scan(arguments, needsTimes: sort == .newest)
        for warning in scan.warnings { printError("tidings: \(warning)") }
        let files = sort.sorted(scan.files)

        let interactive = dump == nil && isatty(1) == 1
        if interactive, let problem = ReaderSession.terminalProblem() {
            printError("tidings: \(problem); printing the stories as text")
        } else if interactive {
            try runReader(files)
            return
        }
        var library = LibraryLoader(datesOrderItems: sort == .newest)
        for file in files { library.read(file) }
        for warning in library.warnings { printError("tidings: \(warning)") }
        try requireStories(library.stories.isEmpty)
        switch dump {
        case .json: write(JSONDump.render(library.stories, marks: savedMarks(library.stories)))
        case .text, nil: write(TextDump.render(library.stories, width: TerminalWidth.forPlainText()))
        }
    }

    /// Reads only the files that fill the first screen, then opens the reader, which loads the rest
    /// in the background while keys already work.
    func runReader(_ files: [StoryFile]) throws {
        let screenRows = TerminalWidth.rows() ?? 24
        var first = LibraryLoader(datesOrderItems: sort == .newest)
        var next = 0
        while next < files.count, first.stories.count < screenRows {
            first.read(files[next])
            next += 1
        }
        for warning in first.warnings { printError("tidings: \(warning)") }
        try requireStories(first.stories.isEmpty && next == files.count)
        var request = ReaderSession.Request(stories: first.stories, files: files, firstUnloadedFile: next)
        request.mouse = !noMouse
        request.datesOrderItems = sort == .newest
        if let statePath {
            request.openMarkStore = {
                let store = try MarkStore(path: statePath)
                return (store, store.notice)
            }
        }
        switch ReaderSession.run(request) {
        case .finished(let status, let warnings):
            for warning in warnings { printError("tidings: \(warning)") }
            if status != 0 { throw ExitCode(status) }
        case .noTerminal(let reason):
            printError("tidings: \(reason); printing the stories as text")
            var rest = LibraryLoader(datesOrderItems: sort == .newest)
            for file in files[next...] { rest.read(file) }
            for warning in rest.warnings { printError("tidings: \(warning)") }
            write(TextDump.render(first.stories + rest.stories, width: TerminalWidth.forPlainText()))
        }
    }

    /// The saved marks of `stories` for `--dump json`; none when state is off or cannot be read.
    func savedMarks(_ stories: [Story]) -> [StoryMarks] {
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

    func requireStories(_ noneLoaded: Bool) throws {
        guard noneLoaded else { return }
        let named = paths.isEmpty ? "the bundled library (\(VisibleName.of(BundledLibrary.path)))" : "the paths given"
        printError("tidings: no stories loaded from \(named)")
        throw ExitCode(1)
    }
}

extension LibraryOrder: ExpressibleByArgument {}

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
