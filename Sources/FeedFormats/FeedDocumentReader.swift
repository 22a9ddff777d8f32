import ArticleModel

/// Reads the events of an RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom 1.0 document into the channel and its items,
/// handing each item on as soon as it ends so a large feed is never held whole.
final class FeedDocumentReader: XMLEventHandler {
    enum Root: Equatable {
        case rss, rdf, atom
        /// A document whose root is not a feed, by that root's name.
        case other(String)
    }

    private(set) var root: Root?
    private(set) var channel = FeedChannel()
    /// Called as each item ends, with the item and the reader (for its kind and channel so far).
    private let onItem: (FeedItem, FeedDocumentReader) -> Void

    // The parser's callbacks touch these for every event of the document, one event at a time on one
    // thread, never two at once: the run-time exclusivity checks cost a tenth of a large feed's parse.
    @exclusivity(unchecked) private var depth = 0
    /// Local names of the open elements, outermost first.
    @exclusivity(unchecked) private var open: [String] = []
    @exclusivity(unchecked) private var channelDepth: Int?
    @exclusivity(unchecked) private var item: FeedItem?
    /// Whether `item` is set, asked at every tag: comparing the optional item itself with nil copied it.
    @exclusivity(unchecked) private var inItem = false
    @exclusivity(unchecked) private var itemDepth = 0
    @exclusivity(unchecked) private var capture: Capture?
    @exclusivity(unchecked) private var buffer = TextBytes()
    /// Inside Atom `type="xhtml"` text: its elements are written back out as HTML.
    @exclusivity(unchecked) private var inXHTML = false
    /// The `media:content` or `media:thumbnail` being read, as an index into the item's media.
    @exclusivity(unchecked) private var mediaIndex: Int?
    /// Where the current `media:group`'s pictures start among the item's media.
    @exclusivity(unchecked) private var groupStart: Int?

    /// What the text of the element being read becomes.
    private struct Capture {
        var target: Target
        var depth: Int
        var isHTML: Bool
    }

    private enum Target {
        case channelTitle, channelLink, channelAuthor, title, link, id, published, updated, author, summary, content
        case mediaTitle, mediaDescription
    }

    static let contentNamespace = "http://purl.org/rss/1.0/modules/content/"
    static let dublinCoreNamespace = "http://purl.org/dc/elements/1.1/"
    static let mediaNamespace = "http://search.yahoo.com/mrss/"

    init(onItem: @escaping (FeedItem, FeedDocumentReader) -> Void) { self.onItem = onItem }

    var wantsToStop: Bool {
        if case .other? = root { return true }
        return false
    }

    var kind: StoryKind {
        switch root {
        case .atom?: return .atom
        default: return .rss
        }
    }

    // MARK: Events

    func startElement(_ name: XMLName, attributes: XMLAttributes) {
        let parent = open.last
        depth += 1
        open.append(name.local)
        if root == nil { return setRoot(name) }
        if capture != nil {
            if inXHTML { writeXHTMLStart(name, attributes) }
            return
        }
        if inItem {
            startItemChild(name, attributes, parent: parent)
        } else if isItem(name) {
            item = FeedItem()
            inItem = true
            itemDepth = depth
        } else if channelDepth == nil, name.local == "channel" {
            channelDepth = depth
        } else if let channelDepth, depth == channelDepth + 1 {
            startChannelChild(name, attributes)
        } else if root == .atom, name.local == "name", parent == "author", depth == 3 {
            begin(.channelAuthor, attributes: nil)
        }
    }

    func endElement(_ name: XMLName) {
        defer {
            depth -= 1
            open.removeLast()
        }
        if let capture, depth == capture.depth {
            finish(capture)
            return
        }
        if capture != nil {
            if inXHTML { buffer.append("</\(name.local)>") }
            return
        }
        if inItem, depth == itemDepth, isItem(name), let done = item.take() {
            inItem = false
            onItem(done, self)
        } else if inItem, isMedia(name, "content") || isMedia(name, "thumbnail") {
            mediaIndex = nil
        } else if inItem, isMedia(name, "group") {
            groupStart = nil
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard capture != nil else { return }
        if inXHTML { appendEscaped(bytes) } else { buffer.append(bytes) }
    }

    // MARK: Structure

    private func setRoot(_ name: XMLName) {
        switch name.local {
        case "rss": root = .rss
        case "RDF": root = .rdf
        case "feed": root = .atom
        default: root = .other(name.prefix.map { $0 + ":" + name.local } ?? name.local)
        }
        if root == .atom { channelDepth = depth }
    }

    private func isItem(_ name: XMLName) -> Bool {
        switch root {
        case .atom?: return name.local == "entry" && name.prefix == nil
        default: return name.local == "item" && name.prefix == nil
        }
    }

    private func isModule(_ name: XMLName, _ namespace: String, prefix: String) -> Bool {
        name.namespace == namespace || (name.namespace == nil && name.prefix == prefix)
    }

    private func isMedia(_ name: XMLName, _ local: String) -> Bool {
        name.local == local && isModule(name, Self.mediaNamespace, prefix: "media")
    }

    /// Elements of the feed itself: its title, its web page, its default author.
    private func startChannelChild(_ name: XMLName, _ attributes: XMLAttributes) {
        guard name.prefix == nil || root == .atom && name.prefix == "atom" else { return }
        switch name.local {
        case "title": begin(.channelTitle, attributes: attributes)
        case "link":
            if root == .atom {
                if isAlternate(attributes), channel.link == nil, let href = attributes.value("href") { channel.link = href }
            } else {
                begin(.channelLink, attributes: nil)
            }
        default: break
        }
    }

    private func startItemChild(_ name: XMLName, _ attributes: XMLAttributes, parent: String?) {
        if startMedia(name, attributes) { return }
        if isModule(name, Self.contentNamespace, prefix: "content") {
            if name.local == "encoded" { begin(.content, html: true) }
            return
        }
        if isModule(name, Self.dublinCoreNamespace, prefix: "dc") {
            if name.local == "creator", item?.author == nil { begin(.author, attributes: nil) }
            if name.local == "date" { begin(.published, attributes: nil) }
            return
        }
        guard name.prefix == nil || (root == .atom && name.prefix == "atom") else { return }
        if root == .atom, name.local == "name", parent == "author", depth == itemDepth + 2 {
            if item?.author == nil { begin(.author, attributes: nil) }
            return
        }
        guard depth == itemDepth + 1 else { return }
        switch root {
        case .atom?: startAtomEntryChild(name, attributes)
        default: startRSSItemChild(name, attributes)
        }
    }

    private func startRSSItemChild(_ name: XMLName, _ attributes: XMLAttributes) {
        switch name.local {
        case "title": begin(.title, html: true)
        case "link": begin(.link, attributes: nil)
        case "guid": begin(.id, attributes: nil)
        case "pubDate": begin(.published, attributes: nil)
        case "author": if item?.author == nil { begin(.author, attributes: nil) }
        case "description": begin(.summary, html: true)
        case "enclosure":
            if let url = attributes.value("url"), attributes.value("type")?.lowercased().hasPrefix("image/") == true {
                item?.media.append(FeedMedia(url: url))
            }
        default: break
        }
    }

    private func startAtomEntryChild(_ name: XMLName, _ attributes: XMLAttributes) {
        switch name.local {
        case "title": begin(.title, attributes: attributes)
        case "link":
            if isAlternate(attributes), item?.link == nil { item?.link = attributes.value("href") }
            if attributes.value("rel") == "enclosure", attributes.value("type")?.hasPrefix("image/") == true,
               let href = attributes.value("href") {
                item?.media.append(FeedMedia(url: href))
            }
        case "id": begin(.id, attributes: nil)
        case "published", "issued": begin(.published, attributes: nil)
        case "updated", "modified": begin(.updated, attributes: nil)
        case "summary": begin(.summary, attributes: attributes)
        case "content":
            guard attributes.value("src") == nil, isTextual(attributes) else { return }
            begin(.content, attributes: attributes)
        default: break
        }
    }

    /// `media:content`, `media:thumbnail`, `media:group` and their titles and descriptions.
    private func startMedia(_ name: XMLName, _ attributes: XMLAttributes) -> Bool {
        guard isModule(name, Self.mediaNamespace, prefix: "media") else { return false }
        switch name.local {
        case "group": groupStart = item?.media.count
        case "content", "thumbnail":
            let medium = attributes.value("medium"), type = attributes.value("type")
            let isImage = name.local == "thumbnail" || medium == "image" || type?.hasPrefix("image/") == true
                || (medium == nil && type == nil && Self.looksLikeImage(attributes.value("url") ?? ""))
            guard isImage, let url = attributes.value("url") else { return true }
            if item?.media.contains(where: { $0.url == url }) == true { return true }
            item?.media.append(FeedMedia(url: url))
            mediaIndex = (item?.media.count ?? 1) - 1
        case "title": begin(.mediaTitle, attributes: attributes)
        case "description": begin(.mediaDescription, attributes: attributes)
        default: break
        }
        return true
    }

    static func looksLikeImage(_ url: String) -> Bool {
        let path = url.split(separator: "?").first.map(String.init)?.lowercased() ?? ""
        return [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"].contains { path.hasSuffix($0) }
    }

    private func isAlternate(_ attributes: XMLAttributes) -> Bool {
        let rel = attributes.value("rel") ?? "alternate"
        let type = attributes.value("type") ?? "text/html"
        return rel == "alternate" && (type.isEmpty || type.utf8.containsRun("html"))
    }


    private func isTextual(_ attributes: XMLAttributes) -> Bool {
        guard let type = attributes.value("type")?.lowercased() else { return true }
        return ["text", "html", "xhtml"].contains(type) || type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml")
    }

    // MARK: Text

    /// Starts reading an element's text: HTML when its `type` says so (Atom's `html` and `xhtml`, a
    /// `text/html` type), plain otherwise.
    private func begin(_ target: Target, attributes: XMLAttributes?) {
        guard let attributes else { return begin(target, html: false) }
        let type = attributes.value("type")?.lowercased() ?? "text"
        begin(target, html: type.utf8.containsRun("html"))
        inXHTML = type == "xhtml"
    }

    /// Starts reading an element's text, which is HTML (RSS) or not.
    private func begin(_ target: Target, html: Bool) {
        capture = Capture(target: target, depth: depth, isHTML: html)
        inXHTML = false
        buffer.removeAll()
    }

    private func finish(_ done: Capture) {
        capture = nil
        inXHTML = false
        // Titles and bodies stay bytes, as HTML does until it is read: each a copy of exactly its size (the
        // buffer keeps its memory for the next element). The rest become strings.
        let text = { FeedText(bytes: Array(self.buffer.bytes), isHTML: done.isHTML) }
        let value = { String(decoding: self.buffer.bytes, as: UTF8.self) }
        switch done.target {
        case .channelTitle: if channel.title == nil { channel.title = text() }
        case .title: item?.title = text()
        case .summary: item?.summary = text()
        case .content: item?.content = text()
        case .channelLink: if channel.link == nil { channel.link = WebLink.trimmedOfWhiteSpace(value()) }
        case .channelAuthor: if channel.author == nil { channel.author = value() }
        case .link: if item?.link == nil { item?.link = WebLink.trimmedOfWhiteSpace(value()) }
        case .id: item?.id = value()
        case .published: if item?.published == nil { item?.published = value() }
        case .updated: item?.updated = value()
        case .author: item?.author = value()
        case .mediaTitle, .mediaDescription: attachMediaText(value(), isDescription: done.target == .mediaDescription, isHTML: done.isHTML)
        }
    }

    /// A media title or description belongs to its `media:content`, else to its group's pictures, else to
    /// the item's pictures that have none.
    private func attachMediaText(_ value: String, isDescription: Bool, isHTML: Bool) {
        guard var media = item?.media, !media.isEmpty else { return }
        let text = isHTML ? HTMLPlainText.of(Array(value.utf8)) : value
        let targets = mediaIndex.map { $0...$0 } ?? (groupStart.map { $0..<media.count }.map { $0.lowerBound...max($0.lowerBound, $0.upperBound - 1) } ?? 0...(media.count - 1))
        for index in targets where index < media.count {
            if isDescription, media[index].description == nil { media[index].description = text }
            if !isDescription, media[index].title == nil { media[index].title = text }
        }
        item?.media = media
    }

    // MARK: XHTML content, written back out as HTML

    private func writeXHTMLStart(_ name: XMLName, _ attributes: XMLAttributes) {
        buffer.append("<\(name.local)")
        attributes.forEach { key, value in
            buffer.append(" \(key)=\"")
            appendEscaped(Array(value.utf8), quotes: true)
            buffer.append("\"")
        }
        buffer.append(">")
    }

    private func appendEscaped(_ bytes: some Sequence<UInt8>, quotes: Bool = false) {
        for byte in bytes {
            switch byte {
            case 0x26: buffer.append("&amp;")
            case 0x3C: buffer.append("&lt;")
            case 0x3E: buffer.append("&gt;")
            case 0x22 where quotes: buffer.append("&quot;")
            default: buffer.append(byte)
            }
        }
    }
}

/// The text of the element being read. A large feed appends to it hundreds of thousands of times (libxml2
/// hands over text between entities, `a &lt; b` as three runs), so it is plain memory that grows, copied
/// into with memcpy: Array's append cost several times the copy itself.
struct TextBytes: ~Copyable {
    private var base = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
    private var capacity = 4096
    private(set) var count = 0

    deinit { base.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    mutating func append(_ more: UnsafeBufferPointer<UInt8>) {
        guard let source = more.baseAddress, !more.isEmpty else { return }
        if count + more.count > capacity { grow(to: count + more.count) }
        (base + count).update(from: source, count: more.count)
        count += more.count
    }

    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    mutating func removeAll() { count = 0 }

    private mutating func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        (base, capacity) = (moved, larger)
    }
}

extension String.UTF8View {
    /// True when `run` appears in these bytes (the standard library has no substring search without
    /// Foundation, whose version is far slower here).
    func containsRun(_ run: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: run.utf8Start, count: run.utf8CodeUnitCount)
        let bytes = Array(self)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in bytes[start..<(start + needle.count)].elementsEqual(needle) }
    }
}
