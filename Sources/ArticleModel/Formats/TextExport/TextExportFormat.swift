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
              let stream = TextExportStream.streamable(pieces, threshold: TextExportParser.parallelThreshold) else { return nil }
        // The whole parse starts before the head is read: it does not need the head, and its first part
        // then runs on the other core while this one reads the head and draws the first frame. (A head
        // that gives no story, which only a file of very long stories does, leaves it running unused.)
        // The source is read by the other thread through readers of its own, as the head is.
        nonisolated(unsafe) let again = pieces
        let whole = RunningParse { [self] in parse(pieces: again, file: file) }
        guard let first = TextExportStream.head(of: pieces, name: file, rereading: rereading, stream: stream) else { return nil }
        return HeadStart(stories: first, whole: whole)
    }

    public func parse(pieces: PieceSource, file: String) -> ParseResult {
        if let rereading = pieces.rereading, let streamed = TextExportStream.parse(pieces, name: file, rereading: rereading) {
            return streamed
        }
        return pieces.gather().withUnsafeBufferPointer { parse($0, file: file, rereading: pieces.rereading) }
    }
}
