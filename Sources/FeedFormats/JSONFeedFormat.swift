import ArticleModel
import Foundation

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org): every item a story, read with Foundation's JSON decoder.
/// Any file whose first non-blank byte is `{` is read as JSON; one without a jsonfeed.org `version` says so.
public struct JSONFeedFormat: StoryFormat {
    public init() {}
    public var name: String { "jsonfeed" }
    public var fileExtensions: [String] { [".json"] }

    public func recognizes(_ head: UnsafeBufferPointer<UInt8>) -> Bool {
        firstSignificantByte(head) == 0x7B
    }

    struct Document: Decodable {
        var version: String?
        var title: String?
        var home_page_url: String?
        var feed_url: String?
        var author: Author?
        var authors: [Author]?
        var items: [Item]?
    }

    struct Author: Decodable {
        var name: String?
    }

    struct Item: Decodable {
        var id: Identifier?
        var url: String?
        var external_url: String?
        var title: String?
        var content_html: String?
        var content_text: String?
        var summary: String?
        var image: String?
        var banner_image: String?
        var date_published: String?
        var date_modified: String?
        var author: Author?
        var authors: [Author]?
    }

    /// An id is a string by the spec, but numbers are common in the wild.
    struct Identifier: Decodable {
        var text: String
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self.text = text
            } else {
                self.text = String(try container.decode(Double.self))
            }
        }
    }

    /// The feed's channel and items, or why it is not a JSON Feed.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<(FeedChannel, [FeedItem]), ParseFailure> {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(buffer: bytes))
        } catch {
            return .failure(.malformedFeed("invalid JSON"))
        }
        guard let version = document.version, version.hasPrefix("https://jsonfeed.org/version/") else {
            return .failure(.notAFeed("JSON without a jsonfeed.org version"))
        }
        let channel = FeedChannel(title: document.title.map { FeedText($0, isHTML: false) }, link: document.home_page_url,
                                  author: (document.authors?.first ?? document.author)?.name)
        return .success((channel, (document.items ?? []).map(feedItem)))
    }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> ParseResult {
        let channel: FeedChannel, items: [FeedItem]
        switch Self.read(bytes) {
        case .failure(let failure): return .failed(failure)
        case .success(let read): (channel, items) = read
        }
        let builder = ItemStoryBuilder(kind: .jsonfeed, file: file)
        let naming = builder.naming(of: channel)
        var stories: [Story] = []
        var problems: [String] = []
        for (index, item) in items.enumerated() {
            if let story = builder.story(from: item, index: index, channel: channel, naming: naming) {
                stories.append(story)
            } else {
                problems.append("item \(index + 1): no title and no text")
            }
        }
        guard !stories.isEmpty else { return .failed(.noItems) }
        return ParseResult(stories: stories, problems: problems)
    }

    private static func feedItem(_ item: Item) -> FeedItem {
        let content = item.content_html.map { FeedText($0, isHTML: true) } ?? item.content_text.map { FeedText($0, isHTML: false) }
        var feedItem = FeedItem(title: item.title.map { FeedText($0, isHTML: false) }, link: item.url ?? item.external_url,
                                id: item.id?.text, published: item.date_published, updated: item.date_modified,
                                author: (item.authors?.first ?? item.author)?.name,
                                summary: item.summary.map { FeedText($0, isHTML: false) }, content: content)
        if let image = item.image ?? item.banner_image { feedItem.media.append(FeedMedia(url: image)) }
        return feedItem
    }
}
