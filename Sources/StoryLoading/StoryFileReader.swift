import ArticleModel
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a story file's bytes, refusing files over a size limit so one huge file cannot take all memory:
/// whole, or its first bytes and then the rest a piece at a time (`open`).
public enum StoryFileReader {
    /// The largest file read, in bytes. Real exports are a few KB; a folder of them rarely passes 1 MB.
    public static let sizeLimit = 64 * 1024 * 1024

    public static func read(_ file: StoryFile) -> Swift.Result<[UInt8], ReadFailure> {
        switch open(file) {
        case .failure(let failure): return .failure(failure)
        case .success(let opened): return opened.readAll()
        }
    }

    /// Opens a file and reads its first bytes (`head`), which say what format it is.
    public static func open(_ file: StoryFile) -> Swift.Result<OpenStoryFile, ReadFailure> {
        let fd: Int32
        if file.isStandardInput {
            fd = 0
        } else {
            fd = cString(file.pathBytes).withUnsafeBufferPointer { Glibc.open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
            guard fd >= 0 else { return .failure(.unreadable(describeErrno(errno))) }
        }
        var info = stat()
        let isRegular = fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        let opened = OpenStoryFile(fd: fd, owned: !file.isStandardInput, sizeHint: isRegular ? Int(info.st_size) : 0,
                                   isRegular: isRegular)
        if isRegular { opened.rereading = rangeReader(file.pathBytes, size: Int(info.st_size), modified: timestamp(info)) }
        if info.st_mode & S_IFMT == S_IFDIR { return .failure(.unreadable("it is a folder")) }
        if isRegular, Int(info.st_size) > sizeLimit { return .failure(.tooLarge(limitBytes: sizeLimit)) }
        if let failure = opened.readHead() { return .failure(failure) }
        return .success(opened)
    }

    /// Reads ranges of the file at `path` again, for stories that read their bodies when wanted: nil when
    /// the file's size or modification time is no longer what it was when it was read.
    static func rangeReader(_ path: [UInt8], size: Int, modified: StoryFile.Timestamp) -> RangeReader {
        { range in
            let fd = cString(path).withUnsafeBufferPointer { Glibc.open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, Int(info.st_size) == size, timestamp(info) == modified, range.upperBound <= size else { return nil }
            var bytes = [UInt8](repeating: 0, count: range.count)
            var used = 0
            while used < bytes.count {
                let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + used, $0.count - used, off_t(range.lowerBound + used)) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return nil }
                used += n
            }
            return bytes
        }
    }

    static func readAll(_ fd: Int32, sizeHint: Int, head: [UInt8] = []) -> Swift.Result<[UInt8], ReadFailure> {
        // A regular file's size is known: one byte more shows whether it grew while being read.
        var buffer = [UInt8](repeating: 0, count: max(head.count + 1, sizeHint > 0 ? min(sizeHint, sizeLimit) + 1 : 64 * 1024))
        buffer.replaceSubrange(0..<head.count, with: head)
        var used = head.count
        while true {
            if used == buffer.count {
                if used > sizeLimit { return .failure(.tooLarge(limitBytes: sizeLimit)) }
                buffer += [UInt8](repeating: 0, count: min(buffer.count, sizeLimit + 1 - used + 1))
            }
            let n = buffer.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + used, raw.count - used)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(describeErrno(errno)))
            }
            if n == 0 { break }
            used += n
            if used > sizeLimit { return .failure(.tooLarge(limitBytes: sizeLimit)) }
        }
        buffer.removeSubrange(used...)
        return .success(buffer)
    }
}

/// A file opened for reading: its first bytes are read already (they choose the format), the rest follows
/// all at once or a piece at a time. Reading stops with `failure` set at the size limit or on an error.
public final class OpenStoryFile: PieceSource {
    private let fd: Int32
    private let owned: Bool
    private let sizeHint: Int
    private let isRegular: Bool
    /// The first bytes of the file (up to `pieceSize`).
    public private(set) var head: [UInt8] = []
    /// Why reading stopped early, if it did: here, or in one of its range readers (which may be reading on
    /// other threads, hence the lock).
    public var failure: ReadFailure? { failures.withLock { $0 } }
    private let failures = Mutex<ReadFailure?>(nil)

    /// Keeps the first reason reading stopped early.
    fileprivate func stop(_ reason: ReadFailure) {
        failures.withLock { if $0 == nil { $0 = reason } }
    }
    /// Where a regular file's bytes can be read again later; nil for standard input and pipes.
    public internal(set) var rereading: RangeReader?
    /// Where each piece is read; the head stays in it until the first `nextPiece`.
    private let piece = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: OpenStoryFile.pieceSize)
    private var headGiven = false
    private var total = 0

    public static let pieceSize = 64 * 1024

    init(fd: Int32, owned: Bool, sizeHint: Int, isRegular: Bool) {
        self.fd = fd
        self.owned = owned
        self.sizeHint = sizeHint
        self.isRegular = isRegular
    }

    public var byteCount: Int? { isRegular && sizeHint <= StoryFileReader.sizeLimit ? sizeHint : nil }

    public func reader(for range: Range<Int>) -> PieceSource? {
        guard let byteCount, range.upperBound <= byteCount else { return nil }
        return FileRangeReader(file: self, fd: fd, range: range)
    }

    deinit {
        if owned { close(fd) }
        piece.deallocate()
    }

    func readHead() -> ReadFailure? {
        let count = fill()
        head = Array(piece[0..<count])
        return failure
    }

    /// Everything: the head and the rest of the file.
    public func readAll() -> Swift.Result<[UInt8], ReadFailure> {
        if let failure { return .failure(failure) }
        return StoryFileReader.readAll(fd, sizeHint: sizeHint, head: head)
    }

    public func nextPiece() -> UnsafeBufferPointer<UInt8>? {
        if !headGiven {
            headGiven = true
            if !head.isEmpty { return UnsafeBufferPointer(rebasing: piece[0..<head.count]) }
        }
        let count = fill()
        guard count > 0 else { return nil }
        return UnsafeBufferPointer(rebasing: piece[0..<count])
    }

    /// Reads up to a piece into `piece`; 0 at the end or on a failure (then set).
    private func fill() -> Int {
        guard failure == nil else { return 0 }
        var used = 0
        while used < piece.count {
            let n = Glibc.read(fd, piece.baseAddress! + used, piece.count - used)
            if n < 0, errno == EINTR { continue }
            if n < 0 {
                stop(.unreadable(describeErrno(errno)))
                return 0
            }
            if n == 0 { break }
            used += n
        }
        total += used
        if total > StoryFileReader.sizeLimit {
            stop(.tooLarge(limitBytes: StoryFileReader.sizeLimit))
            return 0
        }
        return used
    }
}

/// Bytes `range` of an open regular file, read with `pread` so several readers share one descriptor.
final class FileRangeReader: DirectPieceSource {
    private let file: OpenStoryFile // keeps the descriptor open
    private let fd: Int32
    private var next: Int
    private let end: Int
    private let piece = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: OpenStoryFile.pieceSize)

    init(file: OpenStoryFile, fd: Int32, range: Range<Int>) {
        self.file = file
        self.fd = fd
        next = range.lowerBound
        end = range.upperBound
    }

    deinit { piece.deallocate() }

    func nextPiece() -> UnsafeBufferPointer<UInt8>? {
        let n = read(into: UnsafeMutableRawBufferPointer(piece))
        return n > 0 ? UnsafeBufferPointer(rebasing: piece[0..<n]) : nil
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard next < end, let base = buffer.baseAddress else { return 0 }
        var n = -1
        repeat { n = pread(fd, base, min(buffer.count, end - next), off_t(next)) } while n < 0 && errno == EINTR
        // An error is the file's to report, as one from reading it straight through would be.
        if n < 0 { file.stop(.unreadable(describeErrno(errno))) }
        guard n > 0 else { return 0 }
        next += n
        return n
    }
}
