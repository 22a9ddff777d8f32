import ArticleModel

/// A large RSS 2.0 or Atom file as several documents to be read at once, cut between items: the first is
/// the file up to its first cut, closed with the root's end tags; each later one is the file up to its
/// first item (the channel, with every namespace declaration) followed by the file from its cut to the
/// next (closed the same way), or to the end. There are more documents than cores: a core whose documents
/// went quickly takes the next one rather than waiting, at the end, for the other core's last.
///
/// Where a cut falls is found by bytes (`</item>`, white space, `<item`), which could in principle sit
/// inside a CDATA section or a comment; such a cut leaves a document malformed, and the caller then reads
/// the file in one pass, so the stories are always those of a single pass.
struct FeedParts {
    var root: FeedDocumentReader.Root
    var documents: [PieceSource]

    /// Files smaller than this are read in one pass: splitting costs more than it saves.
    static let threshold = 4 * 1024 * 1024
    /// How far past each place a cut is looked for.
    static let window = 256 * 1024
    /// Documents after the first: with two, one core often waited a tenth of the whole read for the other.
    static let parts = 8
    /// Items the first document of `withHead` holds at most: more than a screen's rows.
    static let headItems = 64

    /// Parts of about equal size: the cores read a feed in about a share each of the time. `threshold` is
    /// lower only where the cutting itself is checked (the fuzzer's inputs are small).
    static func find(in file: PieceSource, threshold: Int = threshold) -> FeedParts? {
        guard let start = Start(file, threshold: threshold) else { return nil }
        let cuts = start.evenCuts(after: start.firstItem)
        return cuts.isEmpty ? nil : start.parts(cuts: cuts)
    }

    /// A short head of the first items, then the rest in parts of about equal size: the head's stories
    /// fill the first screen while the rest is read.
    static func withHead(in file: PieceSource) -> FeedParts? {
        guard let start = Start(file, threshold: threshold), let headEnd = start.headCut() else { return nil }
        let cuts = start.evenCuts(after: headEnd)
        return cuts.isEmpty ? nil : start.parts(cuts: [headEnd] + cuts)
    }

    /// What cutting needs to know of a file: its size, its kind, and where its first item starts.
    private struct Start {
        let file: PieceSource
        let size: Int
        let shape: Shape
        let head: [UInt8]
        let firstItem: Int

        init?(_ file: PieceSource, threshold: Int) {
            guard let size = file.byteCount, size >= threshold,
                  let head = file.reader(for: 0..<min(size, FeedParts.window))?.gather(), let shape = Shape(head),
                  let firstItem = FeedParts.find(shape.itemStart, in: head) else { return nil }
            (self.file, self.size, self.shape, self.head, self.firstItem) = (file, size, shape, head, firstItem)
        }

        /// Cuts between items that share what follows `offset` into `FeedParts.parts` (fewer where items
        /// are long), in increasing order.
        func evenCuts(after offset: Int) -> [Int] {
            var cuts: [Int] = []
            for k in 1..<FeedParts.parts {
                guard let cut = cut(near: offset + (size - offset) * k / FeedParts.parts), cut > (cuts.last ?? offset) else { continue }
                cuts.append(cut)
            }
            return cuts
        }

        /// The first cut between two items at or after `offset`.
        func cut(near offset: Int) -> Int? {
            // Items are short: a few KB nearly always hold a cut, and only a file of long items needs the
            // whole window (seven windows read whole were most of the time before a large feed's first screen).
            for length in [16 * 1024, FeedParts.window] {
                guard let window = file.reader(for: offset..<min(size, offset + length))?.gather() else { return nil }
                if let cut = FeedParts.cut(in: window, shape: shape) { return offset + cut }
                if offset + length >= size { return nil }
            }
            return nil
        }

        /// The cut after the first `headItems` items, or after the last item that ends in the first window.
        func headCut() -> Int? {
            var cut: Int?
            var from = firstItem
            for _ in 0..<FeedParts.headItems {
                guard let next = FeedParts.cut(in: head, shape: shape, from: from) else { break }
                cut = next
                from = next + 1
            }
            return cut
        }

        func parts(cuts: [Int]) -> FeedParts? {
            let bounds = [0] + cuts + [size]
            var documents: [PieceSource] = []
            for n in 0..<(bounds.count - 1) {
                guard let body = file.reader(for: bounds[n]..<bounds[n + 1]) else { return nil }
                var pieces = [body]
                if n > 0 {
                    guard let prefix = file.reader(for: 0..<firstItem) else { return nil }
                    pieces.insert(prefix, at: 0)
                }
                if n < bounds.count - 2 { pieces.append(WholeBytes(Array(shape.closing.utf8))) }
                documents.append(Concatenation(pieces))
            }
            return FeedParts(root: shape.root, documents: documents)
        }
    }

    /// The element names that matter for one kind of feed.
    struct Shape {
        var root: FeedDocumentReader.Root
        var itemStart: [UInt8]
        var itemEnd: [UInt8]
        var closing: String

        /// RSS 2.0 (`<rss>` then `<channel>`) or Atom (`<feed>`), written without prefixes; others are
        /// not split.
        init?(_ head: [UInt8]) {
            if FeedParts.find(Array("<rss".utf8), in: head) != nil, FeedParts.find(Array("<channel".utf8), in: head) != nil {
                self.init(root: .rss, item: "item", closing: "</channel></rss>")
            } else if FeedParts.find(Array("<feed".utf8), in: head) != nil {
                self.init(root: .atom, item: "entry", closing: "</feed>")
            } else {
                return nil
            }
        }

        private init(root: FeedDocumentReader.Root, item: String, closing: String) {
            self.root = root
            itemStart = Array("<\(item)".utf8)
            itemEnd = Array("</\(item)>".utf8)
            self.closing = closing
        }
    }

    /// Where the first item starting just after another (after `from`) ends lies in `bytes`.
    static func cut(in bytes: [UInt8], shape: Shape, from start: Int = 0) -> Int? {
        var from = start
        while let end = find(shape.itemEnd, in: bytes, from: from) {
            var next = end + shape.itemEnd.count
            while next < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { next += 1 }
            let after = next + shape.itemStart.count
            if after < bytes.count, bytes[next..<after].elementsEqual(shape.itemStart), [0x3E, 0x20, 0x09, 0x0A, 0x0D].contains(bytes[after]) {
                return next
            }
            from = end + 1
        }
        return nil
    }

    /// Where `needle` first occurs in `bytes` from `from`, when it starts a tag (`<item` but not `<items`).
    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int = 0) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var i = from
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) {
                let after = i + needle.count
                if needle.last == 0x3E || after >= bytes.count || !isNameByte(bytes[after]) { return i }
            }
            i += 1
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x3A
    }
}

/// Several sources read one after another.
final class Concatenation: PieceSource {
    private var parts: [PieceSource]
    init(_ parts: [PieceSource]) { self.parts = parts }

    func nextPiece() -> UnsafeBufferPointer<UInt8>? {
        while let part = parts.first {
            if let piece = part.nextPiece() { return piece }
            parts.removeFirst()
        }
        return nil
    }
}

/// A few bytes of our own as a source.
final class WholeBytes: PieceSource {
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private var given = false

    init(_ bytes: [UInt8]) {
        self.bytes = .allocate(capacity: bytes.count)
        _ = self.bytes.initialize(from: bytes)
    }

    deinit { bytes.deallocate() }

    func nextPiece() -> UnsafeBufferPointer<UInt8>? {
        guard !given, !bytes.isEmpty else { return nil }
        given = true
        return UnsafeBufferPointer(bytes)
    }
}
