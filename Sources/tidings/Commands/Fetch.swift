import CTerminalGuard
import ArticleModel
import FeedFetching
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// `tidings fetch`: every subscribed feed, with a progress bar on a terminal and one summary line.
struct Fetch: TidingsCommand {
    static let spec = CommandSpec(
        name: "fetch",
        abstract: "Fetch every subscribed feed and keep its new stories.",
        discussion: """
        Shows a progress bar on a terminal and one summary line otherwise; each feed that failed gets a line \
        on standard error (tidings: URL: REASON). Exits 1 when any feed failed. Ctrl-C stops, keeping every \
        feed already fetched.
        """)

    init(_ arguments: ParsedArguments) {}

    func run() throws {
        let subscriptions = Subscriptions.load()
        guard !subscriptions.isEmpty else {
            write("nothing to fetch: subscribe to a feed with tidings add URL\n")
            return
        }
        guard let store = Subscriptions.openStore() else { throw ExitStatus(1) }
        tidings_guard_install_quit_handlers() // Ctrl-C, SIGTERM and SIGHUP stop the fetch between feeds
        let bar = ProgressBar(enabled: isatty(1) == 1)
        var reported = 0
        let result = FeedFetcher(store: store).fetch(subscriptions, shouldStop: { tidings_guard_quit_signal() != 0 }) { progress in
            for failure in progress.failures[reported...] {
                bar.clear()
                printError("tidings: \(VisibleName.of(failure.url)): \(failure.reason)")
            }
            reported = progress.failures.count
            if !progress.finished { bar.show(progress) }
        }
        bar.clear()
        let failed = result.failures.count
        let counts = "\(result.newStories) new stor\(result.newStories == 1 ? "y" : "ies"), \(failed) failed"
        if result.stopped {
            write("stopped after \(result.done) of \(result.total) feeds: \(counts)\n")
            throw ExitStatus(128 + tidings_guard_quit_signal())
        }
        write("fetched \(result.total) feed\(result.total == 1 ? "" : "s"): \(counts)\n")
        if failed > 0 { throw ExitStatus(1) }
    }
}

/// One line redrawn in place on a terminal: `[######      ] 12/40 feeds · 31 new · 1 failed`.
final class ProgressBar {
    private let enabled: Bool
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ progress: FeedFetcher.Progress) {
        guard enabled else { return }
        let columns = TerminalWidth.forPlainText()
        let words = " \(progress.done)/\(progress.total) feeds · \(progress.newStories) new · \(progress.failures.count) failed"
        let room = max(0, min(40, columns - words.count - 3))
        let filled = progress.total > 0 ? room * progress.done / progress.total : room
        let bar = room > 0 ? "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: room - filled) + "]" : ""
        // Carriage return, the line, then erase what an earlier, longer line left: no scrolling.
        write("\r" + bar + words + "\u{1B}[K")
        shown = true
    }

    func clear() {
        guard enabled, shown else { return }
        write("\r\u{1B}[K")
        shown = false
    }
}
