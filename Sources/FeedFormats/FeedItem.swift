import ArticleModel
#if canImport(Glibc)
import Glibc
#endif

/// Text from a feed as UTF-8 bytes, and whether it is HTML (an RSS description, Atom `type="html"` or
/// `"xhtml"`) or plain. Kept as bytes: an item's HTML goes straight from the XML parser to the HTML parser.
public struct FeedText: Equatable, Sendable {
    public var bytes: [UInt8]
    public var isHTML: Bool

    public init(bytes: [UInt8], isHTML: Bool) {
        self.bytes = bytes
        self.isHTML = isHTML
    }

    public init(_ text: String, isHTML: Bool) {
        self.init(bytes: Array(text.utf8), isHTML: isHTML)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// A picture a feed names outside the item's HTML: `media:content`, `media:thumbnail`, an image
/// `enclosure`, or JSON Feed's `image`.
public struct FeedMedia: Equatable, Sendable {
    public var url: String
    public var title: String?
    public var description: String?

    public init(url: String, title: String? = nil, description: String? = nil) {
        self.url = url
        self.title = title
        self.description = description
    }
}

/// One item as the feed gives it, before it becomes a story.
struct FeedItem: Equatable, Sendable {
    var title: FeedText?
    var link: String?
    var id: String?
    var published: String?
    var updated: String?
    var author: String?
    var summary: FeedText?
    var content: FeedText?
    var media: [FeedMedia] = []
}

/// What a feed says about itself.
struct FeedChannel: Equatable, Sendable {
    var title: FeedText?
    var link: String?
    /// The feed-level author (Atom), for entries without one.
    var author: String?

    /// What one pass over a whole feed would have found, from passes over its parts: each field as the
    /// earlier part found it, else as this later one did (the first element of each kind wins).
    func filled(from later: FeedChannel) -> FeedChannel {
        FeedChannel(title: title ?? later.title, link: link ?? later.link, author: author ?? later.author)
    }
}

/// What a story's images and sections are read from, when they are first wanted: the item's content (else
/// its summary), its pictures, and the address its relative links point from.
public struct FeedBody: Equatable, Sendable {
    public var content: FeedText?
    public var summary: FeedText?
    public var media: [FeedMedia]
    public var base: String?

    public init(content: FeedText?, summary: FeedText?, media: [FeedMedia], base: String?) {
        self.content = content
        self.summary = summary
        self.media = media
        self.base = base
    }

    /// The pictures and sections, and the text (for a title when there is none).
    public func read() -> (images: [StoryImage], sections: [StorySection], text: String?) {
        let html = (content ?? summary).map { readText($0, base: base) }
        var images = (html?.images ?? []).map { StoryImage(caption: $0.caption) }
        let shown = Set((html?.images ?? []).compactMap(\.source))
        for media in media where !shown.contains(media.url) {
            images.append(StoryImage(caption: media.description.flatMap(cleanLine) ?? media.title.flatMap(cleanLine)))
        }
        return (images, html?.sections ?? [], html?.leadingText)
    }
}

/// One item ready to be a story, or to be kept in the feed store: its fields read from the item, its body
/// still to read.
public struct FeedEntry: Equatable, Sendable {
    /// How the item is known within its feed: `id:…`, else `link:…`, else `title:…@date`.
    public var key: String
    public var title: String
    public var dek: String?
    public var link: String?
    public var date: StoryDate?
    public var author: String?
    public var body: FeedBody

    public init(key: String, title: String, dek: String?, link: String?, date: StoryDate?, author: String?, body: FeedBody) {
        self.key = key
        self.title = title
        self.dek = dek
        self.link = link
        self.date = date
        self.author = author
        self.body = body
    }
}

/// Turns feed items into entries and stories, by the mapping in FEEDS.md. The publisher and the marks
/// identity need the feed's title and link: stories are made with what the channel has said by their
/// item (nearly always all of it), and `finish` renames them in the rare feed whose title or link comes
/// later.
struct ItemStoryBuilder: Sendable {
    let kind: StoryKind
    let file: String

    /// The feed's name, and the key its items' marks are kept under (its link, else its title, else the
    /// file).
    struct Naming: Equatable, Sendable {
        var publisher: String
        var feedKey: String
    }

    func naming(of channel: FeedChannel) -> Naming {
        Naming(publisher: Self.publisher(of: channel), feedKey: channel.link ?? channel.title?.string ?? file)
    }

    /// The item's fields, or nil when it has neither title nor text.
    func entry(from item: FeedItem, channel: FeedChannel) -> FeedEntry? {
        let link = item.link.flatMap { WebLink.resolve($0, against: channel.link) }
        let base = link ?? channel.link
        let dek = item.content != nil ? item.summary.flatMap { readText($0, base: base).firstBlock } : nil
        var title = item.title.map { plainText(of: $0) } ?? ""
        let date = item.published.flatMap(FeedDates.parse) ?? item.updated.flatMap(FeedDates.parse)
        let author = (item.author ?? channel.author).flatMap(cleanLine).map(Self.personName)
        let body = FeedBody(content: item.content, summary: item.summary, media: item.media, base: base)
        if title.isEmpty {
            guard let text = body.read().text, !text.isEmpty else { return nil }
            title = String(text.prefix(80))
        }
        return FeedEntry(key: itemKey(item, link: link, title: title, date: date), title: title, dek: dek, link: link,
                         date: date, author: author, body: body)
    }

    /// The item as a story named as `naming` says, or nil when it has neither title nor text. The item's
    /// HTML is read when the story's body is first wanted.
    func story(from item: FeedItem, index: Int, channel: FeedChannel, naming: Naming) -> Story? {
        entry(from: item, channel: channel).map {
            Self.story(from: $0, kind: kind, source: StorySource(file: file, index: index), publisher: naming.publisher, feedKey: naming.feedKey)
        }
    }

    /// A story from an entry; `publisher` and `feedKey` may be set later by `finish`.
    static func story(from entry: FeedEntry, kind: StoryKind, source: StorySource, publisher: String = "",
                      feedKey: String? = nil) -> Story {
        Story(publisher: publisher, title: entry.title, dek: entry.dek, source: source, kind: kind, link: entry.link, date: entry.date,
              author: entry.author, identity: feedKey.map { identity(kind: kind, feedKey: $0, itemKey: entry.key) } ?? entry.key) {
            let body = entry.body.read()
            return (body.images, body.sections)
        }
    }

    /// What a feed item's marks are kept under: its feed, and its key within the feed.
    static func identity(kind: StoryKind, feedKey: String, itemKey: String) -> String {
        "\(kind.rawValue) \(feedKey) \(itemKey)"
    }

    /// The feed's name: its title, else the host of its link.
    static func publisher(of channel: FeedChannel) -> String {
        channel.title.map { plainText(of: $0) }.flatMap { $0.isEmpty ? nil : $0 }
            ?? channel.link.flatMap { WebLink.host(of: $0) } ?? "Untitled feed"
    }

    /// Stories made under `used` get the feed's name and marks key from the whole channel, when that
    /// names the feed otherwise (its title or link came after an item).
    func finish(_ stories: inout [Story], channel: FeedChannel, madeAs used: Naming) {
        let final = naming(of: channel)
        guard final != used else { return }
        let oldPrefix = Self.identity(kind: kind, feedKey: used.feedKey, itemKey: "").utf8.count
        for index in stories.indices {
            let itemKey = String(decoding: (stories[index].identity ?? "").utf8.dropFirst(oldPrefix), as: UTF8.self)
            stories[index].publisher = final.publisher
            stories[index].identity = Self.identity(kind: kind, feedKey: final.feedKey, itemKey: itemKey)
        }
    }

    /// RSS writes authors as `desk@example.com (Harbor Desk)`: the name, when there is one.
    static func personName(_ author: String) -> String {
        guard author.hasSuffix(")"), let open = author.firstIndex(of: "("), author[..<open].contains("@") else { return author }
        let name = author[author.index(after: open)..<author.index(before: author.endIndex)]
        return name.isEmpty ? author : String(name)
    }

    /// How an item is known when its marks are kept: its id, else its link, else its title and date.
    private func itemKey(_ item: FeedItem, link: String?, title: String, date: StoryDate?) -> String {
        if let id = item.id.map(WebLink.trimmedOfWhiteSpace), !id.isEmpty { return "id:" + id }
        if let link { return "link:" + link }
        return "title:" + title + "@" + (date.map { String($0.secondsSince1970) } ?? "")
    }

    /// Text with any HTML removed, white space collapsed and control characters cleaned.
    static func plainText(of text: FeedText) -> String {
        // Most titles have neither markup nor a reference: found with memchr, they are cleaned as they are.
        let hasMarkup = text.isHTML && text.bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0x3C, bytes.count) != nil || memchr(base, 0x26, bytes.count) != nil
        }
        guard hasMarkup else { return cleanLine(text.bytes) ?? "" }
        return HTMLPlainText.of(text.bytes)
    }

    func plainText(of text: FeedText) -> String { Self.plainText(of: text) }
}

/// HTML, or plain text split into paragraphs, read into a body.
func readText(_ text: FeedText, base: String?) -> HTMLBody {
    text.isHTML ? HTMLBody.read(text.bytes, base: base) : HTMLBody.readPlainText(text.string, base: base)
}

/// One line of plain text from a feed: white space collapsed, cleaned; nil when nothing is left.
func cleanLine(_ text: String) -> String? {
    cleanLine(Array(text.utf8))
}
