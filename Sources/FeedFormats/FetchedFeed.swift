import ArticleModel

/// A feed fetched from the web, read into entries to keep: what `tidings fetch` stores.
public struct FetchedFeed: Equatable, Sendable {
    public var kind: StoryKind
    /// The feed's name, as stories show it: its title, else the host of its link.
    public var title: String
    /// The feed's own web page, if it names one.
    public var link: String?
    public var entries: [FeedEntry]
    /// One line for each item that could not be used, or a malformed document's first complaint.
    public var problems: [String]

    /// Reads a document fetched from `url` (relative links in it point from there): an RSS, Atom or JSON
    /// feed, or why it is none.
    public static func read(_ bytes: [UInt8], url: String) -> Result<FetchedFeed, ParseFailure> {
        bytes.withUnsafeBufferPointer { buffer in
            switch firstSignificantByte(buffer) {
            case 0x3C?: return readXML(buffer, url: url)
            case 0x7B?:
                return JSONFeedFormat.read(buffer).flatMap { channel, items in
                    collect(items, channel: channel, kind: .jsonfeed, url: url, problems: [])
                }
            default: return .failure(.notAFeed(bytes.isEmpty ? "an empty response" : "neither XML nor JSON"))
            }
        }
    }

    private static func readXML(_ bytes: UnsafeBufferPointer<UInt8>, url: String) -> Result<FetchedFeed, ParseFailure> {
        var items: [FeedItem] = []
        let reader = FeedDocumentReader { item, _ in items.append(item) }
        let problem = LibXML2.parseXML(bytes, file: url, handler: reader)
        let format = FeedXMLFormat()
        switch reader.root {
        case .other(let name)?: return .failure(.notAFeed(name == "html" ? "an HTML page" : "XML whose root is <\(name)>"))
        case nil: return .failure(.malformedFeed(problem.map(format.describe) ?? "no XML element"))
        default: break
        }
        if let problem, items.isEmpty { return .failure(.malformedFeed(format.describe(problem))) }
        let problems = problem.map { ["malformed XML, \(format.describe($0)); the items before it were read"] } ?? []
        return collect(items, channel: reader.channel, kind: reader.kind, url: url, problems: problems)
    }

    private static func collect(_ items: [FeedItem], channel: FeedChannel, kind: StoryKind, url: String,
                                problems: [String]) -> Result<FetchedFeed, ParseFailure> {
        var channel = channel
        channel.link = channel.link.flatMap { WebLink.resolve($0, against: url) } ?? WebLink.resolve(url, against: nil)
        let builder = ItemStoryBuilder(kind: kind, file: url)
        var entries: [FeedEntry] = []
        var problems = problems
        for (index, item) in items.enumerated() {
            if let entry = builder.entry(from: item, channel: channel) {
                entries.append(entry)
            } else {
                problems.append("item \(index + 1): no title and no text")
            }
        }
        if entries.isEmpty, problems.isEmpty { return .failure(.noItems) }
        return .success(FetchedFeed(kind: kind, title: ItemStoryBuilder.publisher(of: channel), link: channel.link, entries: entries,
                                    problems: problems))
    }

    /// The story of one kept entry: published by `publisher`, its marks kept under `feedURL` and its key.
    public static func story(from entry: FeedEntry, kind: StoryKind, publisher: String, feedURL: String, index: Int) -> Story {
        ItemStoryBuilder.story(from: entry, kind: kind, source: StorySource(file: feedURL, index: index), publisher: publisher,
                               feedKey: feedURL)
    }

    /// The marks identity of a kept entry.
    public static func identity(kind: StoryKind, feedURL: String, key: String) -> String {
        ItemStoryBuilder.identity(kind: kind, feedKey: feedURL, itemKey: key)
    }
}
