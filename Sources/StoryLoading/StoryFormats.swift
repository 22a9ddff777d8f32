import ArticleModel
import FeedFormats

/// The formats Tidings reads, asked in order: the first that recognizes a file's first bytes parses it, and
/// the last takes whatever no other claims. It also decides, in one place, which names inside a folder are
/// read at all. Adding a format means adding it to `standard`; the loader does not change.
public struct StoryFormats: Sendable {
    public let formats: [any StoryFormat]
    /// Every format's name endings as bytes, for the folder search's hot loop.
    private let endings: [[UInt8]]

    public init(_ formats: [any StoryFormat]) {
        precondition(!formats.isEmpty, "at least one format")
        self.formats = formats
        endings = formats.flatMap { $0.fileExtensions.map { Array($0.utf8) } }
    }

    public static let standard = StoryFormats([FeedXMLFormat(), JSONFeedFormat(), TextExportFormat()])

    /// How many leading bytes `recognizes` is shown.
    public static let sniffLength = 4096

    /// The format for a file whose bytes are `bytes`.
    public func format(for bytes: UnsafeBufferPointer<UInt8>) -> any StoryFormat {
        let head = UnsafeBufferPointer(rebasing: bytes.prefix(Self.sniffLength))
        return formats.first { $0.recognizes(head) } ?? formats[formats.count - 1]
    }

    /// Parses a whole file with the format that claims it.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> ParseResult {
        format(for: bytes).parse(bytes, file: file)
    }

    /// True when a file with this name, found in a folder, is read (`news.txt`); a file named on the command
    /// line is read whatever its name.
    public func readsFile(named name: some Collection<UInt8>) -> Bool {
        endings.contains { ending in name.count > ending.count && name.suffix(ending.count).elementsEqual(ending) }
    }
}
