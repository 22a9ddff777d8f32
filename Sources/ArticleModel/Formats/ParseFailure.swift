/// Why a file's bytes gave no story, worded for the one warning line `tidings: FILE: REASON`. Failures to
/// read the file at all are `ReadFailure`s, kept apart in the loading module.
public enum ParseFailure: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case binary
    case noPublisherHeader
    case noTitle
    case utf16
    /// Parsed as a feed format but not a feed: an HTML page, XML of another kind, JSON without a version.
    case notAFeed(String)
    /// A feed so broken that no item could be read from it; the parser's first complaint.
    case malformedFeed(String)
    /// A well-formed feed without a single item that has a title or text.
    case noItems

    public var description: String {
        switch self {
        case .empty: return "empty file"
        case .binary: return "binary file (a NUL byte in the first 8 KB), not a story export"
        case .noPublisherHeader: return "not a story or feed (no publisher header such as 'Example.news' before a title)"
        case .noTitle: return "a publisher header with no title after it"
        case .utf16: return "UTF-16 text; only UTF-8 (or Latin-1) exports can be read, so convert it first (iconv -f UTF-16 -t UTF-8)"
        case .notAFeed(let what): return "not a story or feed (\(what))"
        case .malformedFeed(let why): return "not a readable feed (\(why))"
        case .noItems: return "a feed with no items"
        }
    }
}
