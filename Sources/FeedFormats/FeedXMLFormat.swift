import ArticleModel

/// RSS 0.9x/2.0, RSS 1.0 and Atom 1.0 feeds: every item a story. Any file whose first non-blank byte is
/// `<` is read as XML; one whose root is not `rss`, `rdf:RDF` or `feed` says so. For example a feed with two
/// items gives two stories, each published by the feed's title.
public struct FeedXMLFormat: StoryFormat {
    public init() {}
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
        var pipeline: ItemPipeline?
        let reader = FeedDocumentReader { item, reader in
            let current = pipeline ?? ItemPipeline(builder: ItemStoryBuilder(kind: reader.kind, file: file))
            pipeline = current
            current.add(item, channel: reader.channel)
        }
        let problem = LibXML2.parseXML(pieces: pieces, file: file, handler: reader)
        let converted = pipeline?.finish(channel: reader.channel) ?? []
        var stories = converted.compactMap { $0 }
        var problems = converted.indices.filter { converted[$0] == nil }.map { "item \($0 + 1): no title and no text" }
        switch reader.root {
        case .other(let name)?: return .failed(.notAFeed(name == "html" ? "an HTML page" : "XML whose root is <\(name)>"))
        case nil: return .failed(.malformedFeed(problem.map(describe) ?? "no XML element"))
        default: break
        }
        if let problem {
            if stories.isEmpty { return .failed(.malformedFeed(describe(problem))) }
            problems.append("malformed XML, \(describe(problem)); the items before it were read")
        }
        guard !stories.isEmpty else { return .failed(.noItems) }
        ItemStoryBuilder(kind: reader.kind, file: file).finish(&stories, channel: reader.channel)
        return ParseResult(stories: stories, problems: problems)
    }

    private func describe(_ problem: XMLProblem) -> String {
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
