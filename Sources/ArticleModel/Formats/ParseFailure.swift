/// Why a file's bytes gave no story, worded for the one warning line `tidings: FILE: REASON`. Failures to
/// read the file at all are `ReadFailure`s, kept apart in the loading module.
public enum ParseFailure: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case binary
    case noPublisherHeader
    case noTitle
    case utf16

    public var description: String {
        switch self {
        case .empty: return "empty file"
        case .binary: return "binary file (a NUL byte in the first 8 KB), not a story export"
        case .noPublisherHeader: return "no publisher header (a line such as 'Example.news' before the title)"
        case .noTitle: return "a publisher header with no title after it"
        case .utf16: return "UTF-16 text; only UTF-8 (or Latin-1) exports can be read, so convert it first (iconv -f UTF-16 -t UTF-8)"
        }
    }
}
