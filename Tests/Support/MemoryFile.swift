#if canImport(ArticleModel)
import ArticleModel
#endif

/// Bytes in memory handed over a piece at a time, that can be read again from anywhere, as a regular file
/// can. Shared by the format tests and the fuzzer's checks (Fuzz/run compiles this file with them).
public final class MemoryFile: DirectPieceSource {
    public let bytes: [UInt8]
    private var range: Range<Int>
    private let pieceLength: Int
    private var piece: [UInt8] = []

    public init(_ bytes: [UInt8], range: Range<Int>? = nil, pieceLength: Int = 65_536) {
        self.bytes = bytes
        self.range = range ?? 0..<bytes.count
        self.pieceLength = pieceLength
    }

    public var byteCount: Int? { bytes.count }

    public func reader(for range: Range<Int>) -> PieceSource? {
        range.upperBound <= bytes.count ? MemoryFile(bytes, range: range, pieceLength: pieceLength) : nil
    }

    public var rereading: RangeReader? {
        let bytes = self.bytes
        return { range in range.upperBound <= bytes.count ? Array(bytes[range]) : nil }
    }

    public func nextPiece() -> UnsafeBufferPointer<UInt8>? {
        guard !range.isEmpty else { return nil }
        let end = min(range.upperBound, range.lowerBound + pieceLength)
        piece = Array(bytes[range.lowerBound..<end])
        range = end..<range.upperBound
        return piece.withUnsafeBufferPointer { $0 }
    }

    /// At most a piece at a time, as a file's reader may give less than asked for.
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, pieceLength, range.count)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + range.lowerBound, byteCount: count) }
        range = (range.lowerBound + count)..<range.upperBound
        return count
    }
}
