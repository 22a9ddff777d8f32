import ArticleModel
import Dispatch

/// RSS 0.9x/2.0, RSS 1.0 and Atom 1.0 feeds: every item a story. Any file whose first non-blank byte is
/// `<` is read as XML; one whose root is not `rss`, `rdf:RDF` or `feed` says so. For example a feed with two
/// items gives two stories, each published by the feed's title.
public struct FeedXMLFormat: StoryFormat {
    /// Whether text goes through libxml2 carried as ASCII (see `CharacterDataCarrier`); off only where the
    /// fuzzer compares the two ways.
    var carriesText = true

    public init() {}
    init(carriesText: Bool) { self.carriesText = carriesText }
    public var name: String { "rss" }
    public var fileExtensions: [String] { [".xml", ".rss", ".atom"] }

    public func recognizes(_ head: UnsafeBufferPointer<UInt8>) -> Bool {
        firstSignificantByte(head) == 0x3C
    }

    /// Feeds are read a piece at a time: a large one is never held whole.
    public var readsInPieces: Bool { true }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> ParseResult {
        parse(pieces: WholeBuffer(bytes), file: file)
    }

    public func parse(pieces: PieceSource, file: String) -> ParseResult {
        parse(pieces: pieces, file: file, partsFrom: FeedParts.threshold)
    }

    /// The parse, in parts when the file has at least `partsFrom` bytes.
    func parse(pieces: PieceSource, file: String, partsFrom threshold: Int) -> ParseResult {
        if let parts = FeedParts.find(in: pieces, threshold: threshold), let documents = readAtOnce(parts.documents, file: file),
           let joined = joined(documents, root: parts.root) {
            return finish(joined, file: file)
        }
        return finish(read(pieces, file: file), file: file)
    }

    /// A large feed's first items at once, and the rest read by `whole` (on another thread): the head is a
    /// short document cut after its first items (see `FeedParts`), the rest in parts read on every core. The
    /// head is only used when its channel names the feed already (a title and a link before the cut),
    /// so its stories are exactly the first ones of the whole.
    public func parseHead(pieces: PieceSource, file: String) -> HeadStart? {
        guard let whole = pieces.byteCount.flatMap({ pieces.reader(for: 0..<$0) }), let parts = FeedParts.withHead(in: pieces),
              let first = parts.documents.first else { return nil }
        let head = read(first, file: file)
        guard head.problem == nil, head.root == parts.root, head.channel.title != nil, head.channel.link != nil,
              let naming = head.naming, naming == ItemStoryBuilder(kind: head.kind, file: file).naming(of: head.channel) else { return nil }
        let shown = finish(head, file: file).stories
        // The rest's sources are read by the one thread that runs `whole`, once.
        nonisolated(unsafe) let rest = Array(parts.documents.dropFirst())
        nonisolated(unsafe) let again = whole
        let root = parts.root
        return HeadStart(stories: shown, whole: RunningParse { [self] in
            if let documents = readAtOnce(rest, file: file), let joined = joined([head] + documents, root: root) {
                return finish(joined, file: file)
            }
            return finish(read(again, file: file), file: file)
        })
    }

    /// Several documents read at once, one thread each.
    private func readAtOnce(_ sources: [PieceSource], file: String) -> [FeedDocument]? {
        // Each document is touched by one thread only: its source, and its slot.
        let slots = UnsafeMutableBufferPointer<FeedDocument?>.allocate(capacity: sources.count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        nonisolated(unsafe) let parts = slots
        nonisolated(unsafe) let shared = sources
        DispatchQueue.concurrentPerform(iterations: sources.count) { n in
            parts[n] = read(shared[n], file: file)
        }
        // Taken out of their slots, so each story is held once and is renumbered in place.
        return parts.indices.compactMap { parts[$0].take() }
    }

    /// The documents of one feed cut between items, as one pass over it would have found them; nil when
    /// any of them complains (a cut in the wrong place shows as a complaint), and the feed is then read
    /// in one pass instead.
    private func joined(_ documents: consuming [FeedDocument], root: FeedDocumentReader.Root) -> FeedDocument? {
        guard !documents.isEmpty, documents.allSatisfy({ $0.problem == nil && $0.root == root }) else { return nil }
        for k in documents.indices.dropFirst() {
            // Renumbered where they are, each held once, so no story is copied to be changed.
            let before = documents[0].converted.count
            for index in documents[k].converted.indices {
                documents[k].converted[index]?.source.index += before
            }
            documents[0].converted += documents[k].converted
            documents[k].converted = []
            documents[0].channel = documents[0].channel.filled(from: documents[k].channel)
            // Every part names its stories from the channel before the first item, which they share.
            documents[0].naming = documents[0].naming ?? documents[k].naming
        }
        return documents[0]
    }

    /// What one pass over a document found.
    struct FeedDocument {
        var root: FeedDocumentReader.Root?
        var kind: StoryKind
        var channel: FeedChannel
        /// Each item's story, in the feed's order; nil for an item with neither title nor text.
        var converted: [Story?]
        /// How the stories were named (nil when there are none).
        var naming: ItemStoryBuilder.Naming?
        var problem: XMLProblem?
    }

    private func read(_ pieces: PieceSource, file: String) -> FeedDocument {
        var pipeline: ItemPipeline?
        let reader = FeedDocumentReader { item, reader in
            let current = pipeline ?? Self.pipeline(ItemStoryBuilder(kind: reader.kind, file: file), channel: reader.channel)
            pipeline = current
            current.add(item, channel: reader.channel)
        }
        let problem = LibXML2.parseXML(pieces: pieces, file: file, handler: reader, carryingText: carriesText)
        let converted = pipeline?.finish(channel: reader.channel) ?? []
        return FeedDocument(root: reader.root, kind: reader.kind, channel: reader.channel, converted: converted, naming: pipeline?.naming,
                            problem: problem)
    }

    /// Stories are named from the channel as it is at the first item.
    private static func pipeline(_ builder: ItemStoryBuilder, channel: FeedChannel) -> ItemPipeline {
        ItemPipeline(builder: builder, naming: builder.naming(of: channel))
    }

    private func finish(_ document: consuming FeedDocument, file: String) -> ParseResult {
        var stories = document.converted.compactMap { $0 }
        var problems = document.converted.indices.filter { document.converted[$0] == nil }.map { "item \($0 + 1): no title and no text" }
        switch document.root {
        case .other(let name)?: return .failed(.notAFeed(name == "html" ? "an HTML page" : "XML whose root is <\(name)>"))
        case nil: return .failed(.malformedFeed(document.problem.map(describe) ?? "no XML element"))
        default: break
        }
        if let problem = document.problem {
            if stories.isEmpty { return .failed(.malformedFeed(describe(problem))) }
            problems.append("malformed XML, \(describe(problem)); the items before it were read")
        }
        guard !stories.isEmpty else { return .failed(.noItems) }
        if let naming = document.naming {
            ItemStoryBuilder(kind: document.kind, file: file).finish(&stories, channel: document.channel, madeAs: naming)
        }
        return ParseResult(stories: stories, problems: problems)
    }

    func describe(_ problem: XMLProblem) -> String {
        let message = cleanLine(problem.message) ?? "malformed XML"
        return problem.line > 0 ? "line \(problem.line): \(message)" : message
    }
}

/// The first byte that is not white space or a byte-order mark.
func firstSignificantByte(_ head: UnsafeBufferPointer<UInt8>) -> UInt8? {
    var i = 0
    if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { i = 3 }
    while i < head.count, head[i] == 0x20 || head[i] == 0x09 || head[i] == 0x0A || head[i] == 0x0D { i += 1 }
    return i < head.count ? head[i] : nil
}
