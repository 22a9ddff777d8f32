import Dispatch

/// One kind of file Tidings reads stories from. A format says whether the start of a file is its own and
/// parses a whole file into stories; the loader asks each registered format in turn, so a new input format
/// is one new type, not a change to the loader. For example `TextExportFormat()` reads Particle-style
/// exports, and `parse(bytes, file: "a.txt").stories` holds what it found.
public protocol StoryFormat: Sendable {
    /// The name `--dump json` gives in `"source"`, such as `text`.
    var name: String { get }
    /// Name endings read as this format inside folders, such as `.txt`.
    var fileExtensions: [String] { get }
    /// True when `head`, the first bytes of a file, look like this format.
    func recognizes(_ head: UnsafeBufferPointer<UInt8>) -> Bool
    /// Every story in the file, with a problem line for each part that could not become a story.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> ParseResult
    /// The same, where the file's bytes can be read again later (`rereading`): a format may then keep
    /// less of each story and read the rest when it is wanted.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String, rereading: RangeReader?) -> ParseResult
    /// True for a format that reads a file a piece at a time (`parse(pieces:file:)`), so a large file is
    /// never held whole; others are given the whole file.
    var readsInPieces: Bool { get }
    /// Every story in a file handed over a piece at a time, from its first byte.
    func parse(pieces: PieceSource, file: String) -> ParseResult
    /// For a large file whose first stories can be had long before the rest: those stories, and the
    /// parse of the whole file to run elsewhere. Nil when the format has no such shortcut or the file
    /// does not suit it.
    func parseHead(pieces: PieceSource, file: String) -> HeadStart?
}

/// A file's first stories, read ahead of the rest so a screen can show them, and the parse of the whole
/// file (`parse(pieces:file:)`), running on another thread. `stories` are the whole parse's first
/// `stories.count`, in the file's order: the rest is told from them by position alone.
public struct HeadStart: Sendable {
    public var stories: [Story]
    public var whole: RunningParse

    public init(stories: [Story], whole: RunningParse) {
        self.stories = stories
        self.whole = whole
    }
}

/// A parse running on a pool thread from the moment it is made: a format starts the whole of a large
/// file as soon as it knows it will be wanted, so that the other core works while this one reads the head
/// and draws the first frame (a thread started later waited milliseconds for a core).
public final class RunningParse: Sendable {
    private let done = DispatchGroup()
    // Written by the parsing thread before it leaves `done`, read only after waiting for it, once.
    nonisolated(unsafe) private var result = ParseResult(stories: [])

    public init(_ parse: @escaping @Sendable () -> ParseResult) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = parse()
            done.leave()
        }
    }

    /// Runs `body` on a pool thread once the parse is done, without holding a thread meanwhile (a pool
    /// thread blocked on the parse, which needs pool threads of its own, stalled it until the pool grew).
    public func whenDone(_ body: @escaping @Sendable () -> Void) {
        done.notify(queue: .global(qos: .userInitiated), execute: body)
    }

    /// The result, waiting for it; taken out, so that its stories are not copied. Called once.
    public func take() -> ParseResult {
        done.wait()
        defer { result = ParseResult(stories: []) }
        return result
    }
}

/// A file handed over a piece at a time by whoever reads it. A piece stays valid until the next call.
public protocol PieceSource: AnyObject {
    /// The next piece, or nil at the end (or when reading failed, which the reader reports).
    func nextPiece() -> UnsafeBufferPointer<UInt8>?
    /// The file's size when its bytes can be read again from anywhere (a regular file); nil otherwise.
    var byteCount: Int? { get }
    /// Another reader of bytes `range` of the same file, apart from this one; nil when the bytes can only
    /// be read once, in order (standard input, a pipe).
    func reader(for range: Range<Int>) -> PieceSource?
    /// Reads ranges of the file again after this source is gone, for stories that read their bodies when
    /// they are wanted; nil when the bytes cannot be had again.
    var rereading: RangeReader? { get }
}

extension PieceSource {
    public var byteCount: Int? { nil }
    public func reader(for range: Range<Int>) -> PieceSource? { nil }
    public var rereading: RangeReader? { nil }

    /// Every byte still to come, gathered.
    public func gather() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount ?? 0)
        while let piece = nextPiece() { bytes.append(contentsOf: piece) }
        return bytes
    }
}

/// A piece source that reads its next bytes straight into memory it is given, as a file read with `pread`
/// can: a large text export is read into its parse's own window this way, sparing a copy of every byte.
public protocol DirectPieceSource: PieceSource {
    /// Reads up to `buffer.count` of the next bytes into `buffer`: how many, 0 at the end (or when reading
    /// failed, which the reader reports).
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int
}

/// Reads bytes `range` of the file a story was parsed from, again: nil when they cannot be had as they
/// were (the file changed or went away since).
public typealias RangeReader = @Sendable (Range<Int>) -> [UInt8]?

extension StoryFormat {
    public var readsInPieces: Bool { false }

    public func parseHead(pieces: PieceSource, file: String) -> HeadStart? { nil }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String, rereading: RangeReader?) -> ParseResult {
        parse(bytes, file: file)
    }

    /// Gathers the pieces and parses the whole.
    public func parse(pieces: PieceSource, file: String) -> ParseResult {
        pieces.gather().withUnsafeBufferPointer { parse($0, file: file) }
    }
}

/// What a format made of one file: its stories, one line per part that was skipped, and why the file gave
/// nothing at all (set exactly when `stories` is empty).
public struct ParseResult: Sendable {
    public var stories: [Story]
    /// One line for each part of the file (a story, an item) that could not be used, while others were.
    public var problems: [String]
    public var failure: ParseFailure?

    public init(stories: [Story], problems: [String] = [], failure: ParseFailure? = nil) {
        self.stories = stories
        self.problems = problems
        self.failure = failure
    }

    public static func failed(_ failure: ParseFailure) -> ParseResult {
        ParseResult(stories: [], failure: failure)
    }
}
