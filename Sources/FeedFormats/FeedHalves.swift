import ArticleModel

/// A large RSS 2.0 or Atom file as two documents to be read at once: the first is the file up to an item
/// near its middle, closed with the root's end tags; the second is the file up to its first item (the
/// channel, with every namespace declaration) followed by the rest from that middle item. Where the cut
/// falls is found by bytes (`</item>`, white space, `<item`), which could in principle sit inside a CDATA
/// section or a comment; such a cut leaves one half malformed, and the caller then reads the file in one
/// pass, so the stories are always those of a single pass.
struct FeedHalves {
    var root: FeedDocumentReader.Root
    var first: PieceSource
    var second: PieceSource

    /// Files smaller than this are read in one pass: splitting costs more than it saves.
    static let threshold = 4 * 1024 * 1024
    /// How far past the middle the cut is looked for.
    static let window = 256 * 1024

    static func find(in file: PieceSource) -> FeedHalves? {
        guard let size = file.byteCount, size >= threshold,
              let head = file.reader(for: 0..<min(size, window))?.gather(), let shape = Shape(head),
              let firstItem = find(shape.itemStart, in: head),
              let middle = file.reader(for: (size / 2)..<min(size, size / 2 + window))?.gather(),
              let cut = cut(in: middle, shape: shape).map({ size / 2 + $0 }), cut > firstItem,
              let upToCut = file.reader(for: 0..<cut), let prefix = file.reader(for: 0..<firstItem),
              let rest = file.reader(for: cut..<size) else { return nil }
        return FeedHalves(root: shape.root,
                          first: Concatenation([upToCut, WholeBytes(Array(shape.closing.utf8))]),
                          second: Concatenation([prefix, rest]))
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
            if FeedHalves.find(Array("<rss".utf8), in: head) != nil, FeedHalves.find(Array("<channel".utf8), in: head) != nil {
                self.init(root: .rss, item: "item", closing: "</channel></rss>")
            } else if FeedHalves.find(Array("<feed".utf8), in: head) != nil {
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

    /// Where the first item starting just after another ends lies in `bytes`.
    static func cut(in bytes: [UInt8], shape: Shape) -> Int? {
        var from = 0
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
