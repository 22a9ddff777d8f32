/// Particle-style plain-text exports (see `TextExportParser`): the format every file is read as when no
/// other format claims it.
public struct TextExportFormat: StoryFormat {
    public init() {}
    public var name: String { "text" }
    public var fileExtensions: [String] { [".txt"] }
    /// Any bytes may be a text export; the parser says why when they are not.
    public func recognizes(_ head: UnsafeBufferPointer<UInt8>) -> Bool { true }
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> ParseResult {
        TextExportParser.parse(bytes, file: file)
    }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String, rereading: RangeReader?) -> ParseResult {
        TextExportParser.parse(bytes, file: file, rereading: rereading)
    }

    /// A large file that can be read again is parsed as it is read (`TextExportStream`); anything else is
    /// gathered and parsed whole.
    public var readsInPieces: Bool { true }

    /// A large export that can be read again gives the stories of its first stretches at once, and its
    /// whole parse to run on another thread; those first stories are the whole parse's first ones.
    public func parseHead(pieces: PieceSource, file: String) -> HeadStart? {
        guard let rereading = pieces.rereading,
              let first = TextExportStream.head(of: pieces, name: file, rereading: rereading) else { return nil }
        // Read by the one thread that runs the whole parse, once.
        nonisolated(unsafe) let again = pieces
        return HeadStart(stories: first) { [self] in parse(pieces: again, file: file) }
    }

    public func parse(pieces: PieceSource, file: String) -> ParseResult {
        if let rereading = pieces.rereading, let streamed = TextExportStream.parse(pieces, name: file, rereading: rereading) {
            return streamed
        }
        return pieces.gather().withUnsafeBufferPointer { parse($0, file: file, rereading: pieces.rereading) }
    }
}
