import ArticleModel
import FeedFormats
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// One feed subscribed to: its address, the title given to it (`"~Title"`), and its tags.
public struct Subscription: Equatable, Sendable {
    public var url: String
    public var title: String?
    public var tags: [String]

    public init(url: String, title: String? = nil, tags: [String] = []) {
        self.url = url
        self.title = title
        self.tags = tags
    }
}

/// The subscription list, in newsboat's `urls` format so a newsboat user's file works as it is: one feed a
/// line, its address then its tags, separated by white space (in double quotes when a tag holds spaces); a
/// tag starting with `~` names the feed; `#` starts a comment. `exec:`, `filter:` and `query:` lines are
/// never run: each gets a warning naming its line. For example:
/// ```
/// https://harbor.example/feed.rss news "local news" "~Harbor Daily"
/// ```
public struct SubscriptionList: Equatable, Sendable {
    public var subscriptions: [Subscription]
    /// One line for each line that was skipped: `FILE:LINE: REASON`.
    public var warnings: [String]

    public init(subscriptions: [Subscription] = [], warnings: [String] = []) {
        self.subscriptions = subscriptions
        self.warnings = warnings
    }

    /// `$XDG_CONFIG_HOME/tidings/feeds`, else `~/.config/tidings/feeds`.
    public static func defaultPath() -> String? {
        XDGPlace.path("XDG_CONFIG_HOME", fallback: ".config", file: "feeds")
    }

    /// Reads the list at `path`; a file that does not exist is an empty list.
    public static func read(path: String) -> Result<SubscriptionList, ReadError> {
        switch FileText.read(path) {
        case .failure(let why): return why.code == ENOENT ? .success(SubscriptionList()) : .failure(ReadError(path: path, errno: why.code))
        case .success(let text): return .success(parse(text, file: path))
        }
    }

    /// A file that exists but cannot be read.
    public struct ReadError: Error, CustomStringConvertible {
        public var path: String
        public var errno: Int32
        public var description: String { "\(VisibleName.of(path)): cannot be read: \(SystemReason.phrase(String(cString: strerror(errno))))" }
    }

    public static func parse(_ text: String, file: String) -> SubscriptionList {
        var list = SubscriptionList()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = tokens(of: Substring(line))
            guard let address = words.first, !address.hasPrefix("#") else { continue }
            let place = "\(VisibleName.of(file)):\(number + 1)"
            let lowered = address.lowercased()
            if lowered.hasPrefix("exec:") || lowered.hasPrefix("filter:") || lowered.hasPrefix("query:") {
                let kind = String(lowered.prefix { $0 != ":" })
                list.warnings.append("\(place): \(kind): feeds run commands or searches, which Tidings never does; skipped")
                continue
            }
            guard isWebAddress(address) else {
                list.warnings.append("\(place): \(VisibleName.of(address)) is not an http or https address; skipped")
                continue
            }
            if list.subscriptions.contains(where: { $0.url == address }) { continue }
            let tags = words.dropFirst().filter { !$0.hasPrefix("~") && !$0.hasPrefix("#") }
            let title = words.dropFirst().first { $0.hasPrefix("~") }.map { String($0.dropFirst()) }
            list.subscriptions.append(Subscription(url: address, title: title.flatMap { $0.isEmpty ? nil : $0 }, tags: Array(tags)))
        }
        return list
    }

    /// Words of a line: separated by white space, or in double quotes (which may hold spaces).
    static func tokens(of line: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var inWord = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
                inWord = true
            } else if !quoted, character == " " || character == "\t" || character == "\r" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// An absolute http or https address, with a host and no white space.
    public static func isWebAddress(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else { return false }
        let rest = text.drop { $0 != ":" }.dropFirst(3)
        guard let host = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first, !host.isEmpty else { return false }
        return !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || $0.properties.generalCategory == .format }
    }

    /// The line for a subscription, as `add` writes it.
    static func line(for subscription: Subscription) -> String {
        var words = [subscription.url] + subscription.tags.map(quoted)
        if let title = subscription.title { words.append("\"" + String(quoted("~" + title).filter { $0 != "\"" }) + "\"") }
        return words.joined(separator: " ")
    }

    private static func quoted(_ word: String) -> String {
        let safe = String(word.filter { $0 != "\"" && $0 != "\n" && $0 != "\r" })
        return safe.contains(where: { $0 == " " || $0 == "\t" || $0 == "#" }) || safe.isEmpty ? "\"\(safe)\"" : safe
    }
}

/// Changes to the subscription file that keep everything else in it (comments, order, spacing) as it was.
public enum SubscriptionFile {
    public enum ChangeError: Error, Equatable, CustomStringConvertible {
        case notAWebAddress(String)
        case alreadySubscribed(String)
        case notSubscribed(String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .notAWebAddress(let url): return "\(VisibleName.of(url)): not an http or https address"
            case .alreadySubscribed(let url): return "\(VisibleName.of(url)): already subscribed"
            case .notSubscribed(let url): return "\(VisibleName.of(url)): not subscribed"
            case .cannotWrite(let path, let why): return "\(VisibleName.of(path)): cannot be written: \(why)"
            }
        }
    }

    /// Adds lines for new subscriptions at the end of the file (created with its folder when missing).
    public static func add(_ subscriptions: [Subscription], to path: String) throws(ChangeError) {
        for subscription in subscriptions where !SubscriptionList.isWebAddress(subscription.url) {
            throw .notAWebAddress(subscription.url)
        }
        var text = (try? FileText.read(path).get()) ?? ""
        let existing = SubscriptionList.parse(text, file: path).subscriptions.map(\.url)
        for subscription in subscriptions where existing.contains(subscription.url) { throw .alreadySubscribed(subscription.url) }
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        text += subscriptions.map { SubscriptionList.line(for: $0) + "\n" }.joined()
        try write(text, to: path)
    }

    /// Removes the lines of a subscription.
    public static func remove(_ url: String, from path: String) throws(ChangeError) {
        let text = (try? FileText.read(path).get()) ?? ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let before = lines.count
        lines.removeAll { SubscriptionList.tokens(of: Substring($0)).first == url }
        guard lines.count < before else { throw .notSubscribed(url) }
        try write(lines.joined(separator: "\n"), to: path)
    }

    /// Writes the whole file through a temporary file and a rename, so it is never seen half-written.
    static func write(_ text: String, to path: String) throws(ChangeError) {
        if let failure = FileText.write(text, to: path) { throw .cannotWrite(path, failure) }
    }
}

/// A C library error number as an error.
struct SystemError: Error, Equatable {
    var code: Int32
}

/// Whole small text files, read and written with the C library.
enum FileText {
    static func read(_ path: String) -> Result<String, SystemError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(SystemError(code: errno)) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n < 0, errno == EINTR { continue }
            if n < 0 { return .failure(SystemError(code: errno)) }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    /// Writes through `PATH.tmp` and a rename; the reason on failure.
    static func write(_ text: String, to path: String) -> String? {
        if let slash = path.lastIndex(of: "/") { makeFolders(String(path[..<slash])) }
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return SystemReason.phrase(String(cString: strerror(errno))) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 {
                close(fd)
                unlink(temporary)
                return SystemReason.phrase(String(cString: strerror(errno)))
            }
            written += n
        }
        fsync(fd)
        close(fd)
        return rename(temporary, path) == 0 ? nil : SystemReason.phrase(String(cString: strerror(errno)))
    }

    private static func makeFolders(_ folder: String) {
        var partial = ""
        for component in folder.split(separator: "/") {
            partial += "/" + component
            mkdir(partial, 0o700)
        }
    }
}
