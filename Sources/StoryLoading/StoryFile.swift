import ArticleModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file to read stories from, as found on disk: its path bytes (any byte but NUL is allowed in a name),
/// its modification time for newest-first ordering, and whether it is standard input.
public struct StoryFile: Equatable, Sendable {
    public var pathBytes: [UInt8]
    /// Seconds and nanoseconds since the epoch.
    public var modified: Timestamp
    public var isStandardInput: Bool

    public struct Timestamp: Comparable, Sendable {
        public var seconds: Int
        public var nanoseconds: Int
        public init(seconds: Int, nanoseconds: Int) {
            self.seconds = seconds
            self.nanoseconds = nanoseconds
        }
        public static func < (a: Self, b: Self) -> Bool { (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds) }
        public static let distantFuture = Timestamp(seconds: Int.max, nanoseconds: 0)
    }

    public init(pathBytes: [UInt8], modified: Timestamp, isStandardInput: Bool = false) {
        self.pathBytes = pathBytes
        self.modified = modified
        self.isStandardInput = isStandardInput
    }

    public static func standardInput() -> StoryFile {
        StoryFile(pathBytes: Array("-".utf8), modified: .distantFuture, isStandardInput: true)
    }

    /// The path as text for JSON and the screen (invalid UTF-8 shown as U+FFFD).
    public var path: String { String(decoding: pathBytes, as: UTF8.self) }
    /// The path with every control character visible as an escape, for warning lines.
    public var visiblePath: String { VisibleName.of(pathBytes) }
}

/// How the library is ordered: newest file first (ties by path), or by path; stories of one file keep
/// their order in it either way.
public enum LibraryOrder: String, Sendable, CaseIterable {
    case newest
    case path

    public func sorted(_ files: [StoryFile]) -> [StoryFile] {
        // Paths are copied into one block and positions sorted with memcmp over it: sorting the structs
        // themselves spent most of its time counting references to their path arrays.
        var block: [UInt8] = []
        block.reserveCapacity(files.reduce(0) { $0 + $1.pathBytes.count })
        var spans: [(start: Int, count: Int)] = []
        spans.reserveCapacity(files.count)
        for file in files {
            spans.append((block.count, file.pathBytes.count))
            block += file.pathBytes
        }
        let times = files.map(\.modified)
        let byTime = self == .newest
        var order = Array(files.indices)
        block.withUnsafeBufferPointer { bytes in
            spans.withUnsafeBufferPointer { spans in
                times.withUnsafeBufferPointer { times in
                    order.sort { i, j in
                        if byTime, times[i] != times[j] { return times[i] > times[j] }
                        let a = spans[i], b = spans[j]
                        let common = min(a.count, b.count)
                        let cmp = common == 0 ? 0 : memcmp(bytes.baseAddress! + a.start, bytes.baseAddress! + b.start, common)
                        return cmp != 0 ? cmp < 0 : a.count < b.count
                    }
                }
            }
        }
        return order.map { files[$0] }
    }
}
