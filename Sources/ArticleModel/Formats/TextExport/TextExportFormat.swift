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
}
