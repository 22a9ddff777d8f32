/// A large text export that can be read again, parsed as its pieces arrive: bytes gather in a small window
/// until it holds a story boundary, the stories before the boundary are parsed (their bodies left in the
/// file) and their bytes dropped. The file is never held whole, so a 20 MB export costs a window of a few
/// hundred KB instead of 20 MB of fresh memory, which on this project's machines took longer to fault in
/// than parsing took. The parts of a large file are read at once (see `parts`).
///
/// The stories are exactly those of `TextExportParser.parse` with the same `rereading`: cutting at a story
/// boundary (a publisher header that is a paragraph of its own) changes nothing the parser sees.
enum TextExportStream {
    /// Files smaller than this are parsed whole: there is little to save.
    static let threshold = 1024 * 1024
    /// How many bytes gather before the window is cut.
    static let stretchLength = 256 * 1024
    /// The first bytes, which settle the encoding before anything is cut.
    static let headLength = 64 * 1024

    /// The stories of `file`, or nil when it must be parsed whole: it is small, or its first bytes do not
    /// show UTF-8 (a file that may be Latin-1 is only known to be once all of it has been seen).
    static func parse(_ file: PieceSource, name: String, rereading: @escaping RangeReader,
                      stretchLength: Int = stretchLength, threshold: Int = threshold) -> ParseResult? {
        guard let (size, start) = streamable(file, threshold: threshold) else { return nil }
        var ranges = [start..<size]
        if size >= TextExportParser.parallelThreshold {
            let cuts = evenCuts(file, from: start, size: size)
            ranges = zip([start] + cuts, cuts + [size]).map { $0..<$1 }
        }
        let readers = ranges.compactMap { file.reader(for: $0) as? DirectPieceSource }
        guard readers.count == ranges.count else { return nil }
        // Each reader is used by one thread only.
        nonisolated(unsafe) let sources = readers
        var parts = TextExportParser.inParallel(ranges.count) { [ranges] n in
            part(of: sources[n], from: ranges[n].lowerBound, name: name, rereading: rereading, stretchLength: stretchLength)
        }
        return TextExportParser.joined(&parts)
    }

    /// The file's size and where its stories start, when it is read as it streams: it is at least
    /// `threshold` bytes, can be read again, and its first bytes show UTF-8.
    static func streamable(_ file: PieceSource, threshold: Int) -> (size: Int, start: Int)? {
        guard let size = file.byteCount, size >= threshold,
              let head = file.reader(for: 0..<min(size, headLength))?.gather(),
              let start = head.withUnsafeBufferPointer(textStart) else { return nil }
        return (size, start)
    }

    /// The first stories of a large export, read ahead of the rest so that the first screen need not wait
    /// for the whole file: whole stretches from its start until they hold `enough` stories or `headBytes`
    /// are read. Nil when the file is not one that streams, or its first stretches give no story. `stream`
    /// is what `streamable` said of the file, when the caller asked already.
    static func head(of file: PieceSource, name: String, rereading: @escaping RangeReader, enough: Int = headStories,
                     stretchLength: Int = stretchLength, threshold: Int = TextExportParser.parallelThreshold,
                     stream: (size: Int, start: Int)? = nil) -> [Story]? {
        guard let (size, start) = stream ?? streamable(file, threshold: threshold),
              let source = file.reader(for: start..<min(size, start + headBytes)) as? DirectPieceSource else { return nil }
        let first = part(of: source, from: start, name: name, rereading: rereading, stretchLength: stretchLength,
                         until: { $0.stories.count >= enough })
        return first.stories.isEmpty ? nil : first.stories
    }

    /// Stories enough for the first screen of a tall terminal.
    static let headStories = 64
    /// The most read for them: a file of long stories shows fewer at first rather than waiting longer.
    static let headBytes = 1024 * 1024

    /// Where the stories start (after a byte-order mark), when the head shows a UTF-8 text export: no
    /// UTF-16 mark, no NUL where the parser looks for one, and at least one valid multi-byte sequence.
    static func textStart(_ head: UnsafeBufferPointer<UInt8>) -> Int? {
        guard head.count >= 2, !(head[0] == 0xFF && head[1] == 0xFE), !(head[0] == 0xFE && head[1] == 0xFF) else { return nil }
        let start = head.count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0
        let body = UnsafeBufferPointer(rebasing: head[start...])
        guard !body.prefix(TextExportParser.binaryProbeLength).contains(0), !Latin1.isLikely(body), body.contains(where: { $0 >= 0x80 }) else {
            return nil
        }
        return start
    }

    /// Parts a large file is read in, taken by whichever core is free: with two halves, the one that
    /// shared its core with the first frame's drawing finished milliseconds after the other.
    static let parts = 8

    /// Story boundaries that cut the stories from `start` into `parts` of about equal size, in order.
    static func evenCuts(_ file: PieceSource, from start: Int, size: Int) -> [Int] {
        var cuts: [Int] = []
        for k in 1..<parts {
            guard let cut = cut(file, near: start + (size - start) * k / parts, size: size), cut > (cuts.last ?? start) else { continue }
            cuts.append(cut)
        }
        return cuts
    }

    /// The first story boundary after `place`, found in a window read from there: a few KB nearly always
    /// hold one, and only a file of long stories needs a whole stretch.
    static func cut(_ file: PieceSource, near place: Int, size: Int) -> Int? {
        for length in [16 * 1024, stretchLength] {
            guard let window = file.reader(for: place..<min(size, place + length))?.gather() else { return nil }
            let atEnd = place + window.count == size
            if let cut = window.withUnsafeBufferPointer({ TextExportParser.storyBoundary(in: $0, near: 0, endIsParagraphEnd: atEnd) }) {
                return place + cut
            }
            if atEnd { return nil }
        }
        return nil
    }

    /// The stories of one range of the file, read from `source`, whose first byte is `offset` in the file.
    /// With `until`, the source may end before the file does: only stretches that end at a story boundary
    /// are parsed, up to the first after which the part holds what `until` asks for.
    static func part(of source: DirectPieceSource, from offset: Int, name: String, rereading: @escaping RangeReader,
                     stretchLength: Int, until done: ((Part) -> Bool)? = nil) -> Part {
        // Bytes are read straight into the window, after what the last cut left in it.
        var window = [UInt8](repeating: 0, count: stretchLength + readLength)
        var used = 0
        var windowStart = offset
        // Where the window has not been searched yet. Only the last lines searched could become a
        // boundary once more bytes arrive, so a window that grows is not searched again from its start
        // (a very long story would cost the square of its length); a boundary missed near the resumption
        // point only means a later cut.
        var unsearched = 0
        var part = Part(file: name)
        while true {
            if window.count - used < readLength { window += [UInt8](repeating: 0, count: window.count) }
            let read = window.withUnsafeMutableBytes { source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[used..<(used + readLength)])) }
            guard read > 0 else { break }
            used += read
            guard used >= stretchLength else { continue }
            // A boundary in the last quarter keeps what is carried over small; a story longer than that is
            // looked for from where the search left off, and a window with no boundary at all grows.
            let cut = window.withUnsafeBufferPointer { all in
                let bytes = UnsafeBufferPointer(rebasing: all[..<used])
                return TextExportParser.storyBoundary(in: bytes, near: bytes.count - stretchLength / 4, endIsParagraphEnd: false)
                    ?? TextExportParser.storyBoundary(in: bytes, near: unsearched, endIsParagraphEnd: false)
            }
            guard let cut else {
                unsearched = max(0, used - 4096)
                continue
            }
            window.withUnsafeBufferPointer { part.add(UnsafeBufferPointer(rebasing: $0[..<cut]), rereading: (rereading, windowStart)) }
            window.withUnsafeMutableBufferPointer { bytes in
                bytes.baseAddress!.update(from: bytes.baseAddress! + cut, count: used - cut)
            }
            used -= cut
            windowStart += cut
            unsearched = 0
            if let done, done(part) { return part }
        }
        if done == nil, used > 0 {
            window.withUnsafeBufferPointer { part.add(UnsafeBufferPointer(rebasing: $0[..<used]), rereading: (rereading, windowStart)) }
        }
        return part
    }

    /// How much is asked of the source at a time.
    static let readLength = 64 * 1024
}
