/// Why a file could not be read at all, worded for the warning line `tidings: FILE: REASON`. What a format
/// makes of bytes that were read is a `ParseFailure`.
public enum ReadFailure: Error, Equatable, Sendable, CustomStringConvertible {
    case tooLarge(limitBytes: Int)
    case unreadable(String)
    case notARegularFile(String)

    public var description: String {
        switch self {
        case .tooLarge(let limit): return "larger than the \(limit / (1024 * 1024)) MiB limit for one file"
        case .unreadable(let why): return "cannot be read: \(why)"
        case .notARegularFile(let kind): return "skipped: \(kind), not a regular file"
        }
    }
}
