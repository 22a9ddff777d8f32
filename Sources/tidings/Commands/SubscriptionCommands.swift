import ArticleModel
import FeedFetching
import FeedFormats
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// `tidings add URL [TAG…]`
struct Add: TidingsCommand {
    static let spec = CommandSpec(
        name: "add",
        abstract: "Subscribe to a feed.",
        discussion: "Adds a line to the subscription list ($XDG_CONFIG_HOME/tidings/feeds), in newsboat's urls format. "
            + "A tag starting with ~ names the feed: tidings add https://example.com/feed.xml news \"~Example News\"",
        arguments: [
            ArgumentSpec(name: "url", help: "The feed's address (http or https)."),
            ArgumentSpec(name: "tags", help: "Tags for the feed; one starting with ~ is its title.", repeats: true, required: false),
        ]
    )

    var url: String
    var tags: [String]

    init(_ arguments: ParsedArguments) {
        url = arguments.argument("url") ?? ""
        tags = arguments.arguments("tags")
    }

    func run() throws {
        let path = try subscriptionPath()
        let title = tags.first { $0.hasPrefix("~") }.map { String($0.dropFirst()) }
        let subscription = Subscription(url: url, title: title, tags: tags.filter { !$0.hasPrefix("~") })
        do {
            try SubscriptionFile.add([subscription], to: path)
        } catch {
            printError("tidings: \(error)")
            throw ExitStatus(1)
        }
        write("subscribed to \(VisibleName.of(url)); tidings fetch gets its stories\n")
    }
}

/// `tidings remove URL`
struct Remove: TidingsCommand {
    static let spec = CommandSpec(
        name: "remove", abstract: "Unsubscribe from a feed, and forget the stories fetched from it.",
        arguments: [ArgumentSpec(name: "url", help: "The feed's address, as it is in the subscription list.")]
    )

    var url: String

    init(_ arguments: ParsedArguments) { url = arguments.argument("url") ?? "" }

    func run() throws {
        do {
            try SubscriptionFile.remove(url, from: try subscriptionPath())
        } catch let error as SubscriptionFile.ChangeError {
            printError("tidings: \(error)")
            throw ExitStatus(1)
        }
        if let path = FeedStore.defaultPath(), access(path, F_OK) == 0 {
            try? FeedStore(path: path).forget(url: url)
        }
        write("unsubscribed from \(VisibleName.of(url))\n")
    }
}

/// `tidings import FILE.opml`
struct ImportOPML: TidingsCommand {
    static let spec = CommandSpec(
        name: "import",
        abstract: "Subscribe to every feed of an OPML file (as other feed readers export them).",
        discussion: "Nested outlines become tags. Feeds already subscribed are left as they are.",
        arguments: [ArgumentSpec(name: "file", help: "The OPML file.")]
    )

    var file: String

    init(_ arguments: ParsedArguments) { file = arguments.argument("file") ?? "" }

    func run() throws {
        guard case .success(let bytes) = readBytes(file) else {
            printError("tidings: \(VisibleName.of(file)): cannot be read: \(SystemReason.phrase(String(cString: strerror(errno))))")
            throw ExitStatus(1)
        }
        let outlines: [OPML.Outline]
        switch OPML.read(bytes, file: file) {
        case .failure(let error):
            printError("tidings: \(VisibleName.of(file)): \(error)")
            throw ExitStatus(1)
        case .success(let read): outlines = read
        }
        let path = try subscriptionPath()
        let known = Set(Subscriptions.load().map(\.url))
        var added: [Subscription] = []
        for outline in outlines where !known.contains(outline.url) && !added.contains(where: { $0.url == outline.url }) {
            guard SubscriptionList.isWebAddress(outline.url) else {
                printError("tidings: \(VisibleName.of(file)): \(VisibleName.of(outline.url)) is not an http or https address; skipped")
                continue
            }
            added.append(Subscription(url: outline.url, title: outline.title, tags: outline.tags))
        }
        do {
            try SubscriptionFile.add(added, to: path)
        } catch {
            printError("tidings: \(error)")
            throw ExitStatus(1)
        }
        write("imported \(added.count) feed\(added.count == 1 ? "" : "s"); \(outlines.count - added.count) already subscribed or skipped\n")
    }
}

/// `tidings export`
struct ExportOPML: TidingsCommand {
    static let spec = CommandSpec(name: "export", abstract: "Print the subscription list as OPML 2.0, which other feed readers import.")

    init(_ arguments: ParsedArguments) {}

    func run() throws {
        let outlines = Subscriptions.load().map { OPML.Outline(url: $0.url, title: $0.title, tags: $0.tags) }
        write(OPML.write(outlines, title: "Tidings subscriptions"))
    }
}

/// Where the subscription list is, or a usage error when there is nowhere for it.
func subscriptionPath() throws -> String {
    guard let path = SubscriptionList.defaultPath() else {
        printError("tidings: neither XDG_CONFIG_HOME nor HOME is set: there is nowhere for the subscription list")
        throw ExitStatus(1)
    }
    return path
}

/// A whole file's bytes.
func readBytes(_ path: String) -> Result<[UInt8], SystemCallError> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return .failure(SystemCallError(code: errno)) }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = read(fd, &chunk, chunk.count)
        if n < 0, errno == EINTR { continue }
        if n < 0 { return .failure(SystemCallError(code: errno)) }
        if n == 0 { return .success(bytes) }
        bytes += chunk[0..<n]
    }
}

struct SystemCallError: Error {
    var code: Int32
}
