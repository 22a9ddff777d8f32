import ArticleModel

/// Text from a feed as UTF-8 bytes, and whether it is HTML (an RSS description, Atom `type="html"` or
/// `"xhtml"`) or plain. Kept as bytes: an item's HTML goes straight from the XML parser to the HTML parser.
struct FeedText: Equatable, Sendable {
    var bytes: [UInt8]
    var isHTML: Bool

    init(bytes: [UInt8], isHTML: Bool) {
        self.bytes = bytes
        self.isHTML = isHTML
    }

    init(_ text: String, isHTML: Bool) {
        self.init(bytes: Array(text.utf8), isHTML: isHTML)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// A picture a feed names outside the item's HTML: `media:content`, `media:thumbnail`, an image
/// `enclosure`, or JSON Feed's `image`.
struct FeedMedia: Equatable, Sendable {
    var url: String
    var title: String?
    var description: String?
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
}

/// Turns feed items into stories, by the mapping in FEEDS.md. The publisher and the marks identity need
/// the feed's title and link, which may come after the items, so they are set by `finish` at the end.
struct ItemStoryBuilder: Sendable {
    let kind: StoryKind
    let file: String

    /// The item as a story without its publisher, or nil when it has neither title nor text. The item's
    /// HTML is read when the story's body is first wanted, unless its text must stand in for a title.
    func story(from item: FeedItem, index: Int, channel: FeedChannel) -> Story? {
        let link = item.link.flatMap { WebLink.resolve($0, against: channel.link) }
        let base = link ?? channel.link
        let dek = item.content != nil ? item.summary.flatMap { read($0, base: base).firstBlock } : nil
        var title = item.title.map { plainText(of: $0) } ?? ""
        let date = item.published.flatMap(FeedDates.parse) ?? item.updated.flatMap(FeedDates.parse)
        let author = (item.author ?? channel.author).flatMap(cleanLine).map(Self.personName)
        let source = StorySource(file: file, index: index)
        if title.isEmpty {
            let body = self.body(of: item, base: base)
            guard let text = body.text, !text.isEmpty else { return nil }
            title = String(text.prefix(80))
            return Story(publisher: "", title: title, dek: dek, images: body.images, sections: body.sections, source: source,
                         kind: kind, link: link, date: date, author: author, identity: itemKey(item, link: link, title: title, date: date))
        }
        return Story(publisher: "", title: title, dek: dek, source: source, kind: kind, link: link, date: date, author: author,
                     identity: itemKey(item, link: link, title: title, date: date)) { [self] in
            let body = self.body(of: item, base: base)
            return (body.images, body.sections)
        }
    }

    /// The item's pictures and sections, from its content (else its summary) and its media.
    private func body(of item: FeedItem, base: String?) -> (images: [StoryImage], sections: [StorySection], text: String?) {
        let html = item.content.map { read($0, base: base) } ?? item.summary.map { read($0, base: base) }
        var images = (html?.images ?? []).map { StoryImage(caption: $0.caption) }
        let shown = Set((html?.images ?? []).compactMap(\.source))
        for media in item.media where !shown.contains(media.url) {
            images.append(StoryImage(caption: media.description.flatMap(cleanLine) ?? media.title.flatMap(cleanLine)))
        }
        return (images, html?.sections ?? [], html?.leadingText)
    }

    /// Every story gets the feed's name and a marks identity under the feed's own.
    func finish(_ stories: inout [Story], channel: FeedChannel) {
        let name = channel.title.map { plainText(of: $0) }.flatMap { $0.isEmpty ? nil : $0 }
            ?? channel.link.flatMap { WebLink.host(of: $0) } ?? "Untitled feed"
        let feedKey = channel.link ?? channel.title?.string ?? file
        for index in stories.indices {
            stories[index].publisher = name
            stories[index].identity = "\(kind.rawValue) \(feedKey) \(stories[index].identity ?? "")"
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

    private func read(_ text: FeedText, base: String?) -> HTMLBody {
        text.isHTML ? HTMLBody.read(text.bytes, base: base) : HTMLBody.readPlainText(text.string, base: base)
    }

    /// Text with any HTML removed, white space collapsed and control characters cleaned.
    func plainText(of text: FeedText) -> String {
        guard text.isHTML, text.bytes.contains(where: { $0 == 0x3C || $0 == 0x26 }) else { return cleanLine(text.bytes) ?? "" }
        return HTMLPlainText.of(text.bytes)
    }
}

/// One line of plain text from a feed: white space collapsed, cleaned; nil when nothing is left.
func cleanLine(_ text: String) -> String? {
    cleanLine(Array(text.utf8))
}
