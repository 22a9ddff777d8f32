import ArticleModel
import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

// The one file that talks to libxml2. Feed XML is read by its SAX2 parser a few KB at a time, so a large
// feed is never held twice (no tree, no copy of the input); item HTML goes through its HTML SAX parser,
// which recovers from tag soup as browsers do. Neither ever touches the network or the file system: the
// external entity loader refuses everything, no DTD is loaded, and the only entities expanded are XML's
// five and HTML's named characters (never one a document declares), so entity expansion is bounded by
// construction and a billion-laughs file is just an undefined entity.

/// A name as SAX2 reports it: local part, prefix as written, and namespace URI when declared. Made once
/// for each distinct name of a parse and handed out by reference: a tag is one count instead of three.
final class XMLName {
    let local: String
    let prefix: String?
    let namespace: String?

    init(local: String, prefix: String?, namespace: String?) {
        (self.local, self.prefix, self.namespace) = (local, prefix, namespace)
    }
}

/// Attributes of the element being started; valid only during the `startElement` call.
struct XMLAttributes {
    fileprivate let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    fileprivate let count: Int

    /// Every attribute, by local name, in document order.
    func forEach(_ body: (String, String) -> Void) {
        guard let base else { return }
        for n in 0..<count {
            let entry = base + 5 * n
            guard let name = entry[0], let start = entry[3], let end = entry[4] else { continue }
            body(String(cString: name), String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self))
        }
    }

    /// The value of the attribute with this local name (and prefix, when given), entities decoded.
    func value(_ local: String, prefix: String? = nil) -> String? {
        guard let base else { return nil }
        for n in 0..<count {
            let entry = base + 5 * n
            guard let name = entry[0], matches(name, local) else { continue }
            if let prefix, entry[1].map({ String(cString: $0) }) != prefix { continue }
            guard let start = entry[3], let end = entry[4] else { return "" }
            return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        }
        return nil
    }
}

/// A buffer already in memory, handed over as one piece.
final class WholeBuffer: PieceSource {
    private var bytes: UnsafeBufferPointer<UInt8>?
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
    func nextPiece() -> UnsafeBufferPointer<UInt8>? {
        defer { bytes = nil }
        return bytes
    }
}

/// Receives the events of a feed document.
protocol XMLEventHandler: AnyObject {
    func startElement(_ name: XMLName, attributes: XMLAttributes)
    func endElement(_ name: XMLName)
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
    /// True once the handler has seen enough (the root is not a feed): parsing stops.
    var wantsToStop: Bool { get }
}

/// The first well-formedness error of a document, with its line.
struct XMLProblem: Equatable {
    var line: Int
    var message: String
}

/// Attributes of an HTML start tag; valid only during the `startTag` call.
struct HTMLAttributes {
    fileprivate let pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    func value(_ name: String) -> String? {
        guard var entry = pairs else { return nil }
        while let key = entry[0] {
            if matches(key, name) { return entry[1].map { String(cString: $0) } ?? "" }
            entry += 2
        }
        return nil
    }
}

/// Receives the events of an HTML fragment; tag names arrive in lower case.
protocol HTMLEventHandler: AnyObject {
    func startTag(_ name: String, attributes: HTMLAttributes)
    func endTag(_ name: String)
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// XML forbids control characters, and libxml2 gives up at the first one; but hostile and careless feeds
/// carry them (escape sequences most of all). Each forbidden control byte is carried through the parser as
/// a private-use character (U+E000 + the byte), and `ControlShield.unshield` turns it back just before the
/// text is cleaned, so the cleaner sees the real escape sequence and removes all of it.
enum ControlShield {
    static func isForbidden(_ byte: UInt8) -> Bool { byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D }

    /// Where the first control XML forbids is in `chunk`. Every byte of every feed passes here, so 32 are
    /// looked at together, as four words: when no byte is under 0x20 (nearly always) there is no more to do.
    static func firstForbidden(in chunk: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = chunk.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        // Sets the high bit of a byte below 0x20 (and maybe of others after it).
        func low(_ word: UInt64) -> UInt64 { (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 }
        var i = 0
        while i + 32 <= chunk.count {
            let any = low(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) | low(raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                | low(raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) | low(raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            if any != 0, let k = UnsafeBufferPointer(start: base + i, count: 32).firstIndex(where: isForbidden) {
                return i + k
            }
            i += 32
        }
        return UnsafeBufferPointer(rebasing: chunk[i...]).firstIndex(where: isForbidden).map { i + $0 }
    }

    /// The three bytes that carry a forbidden control through the parser.
    static func shielded(_ byte: UInt8) -> (UInt8, UInt8, UInt8) { (0xEE, 0x80, 0x80 | byte) }

    /// Turns shielded controls back into themselves, in place; returns the new length.
    static func unshield(_ bytes: UnsafeMutableBufferPointer<UInt8>, count: Int) -> Int {
        // Nearly all text has no shielded control at all: memchr says so many bytes at a time.
        guard let base = bytes.baseAddress, count > 0, memchr(base, 0xEE, count) != nil else { return count }
        var read = 0, write = 0
        while read < count {
            if read + 2 < count, bytes[read] == 0xEE, bytes[read + 1] == 0x80, bytes[read + 2] & 0xE0 == 0x80 {
                bytes[write] = bytes[read + 2] & 0x1F
                read += 3
            } else {
                bytes[write] = bytes[read]
                read += 1
            }
            write += 1
        }
        return write
    }
}

/// A document as libxml2's parser asks for it, a few KB at a time: the pieces of its source, each forbidden
/// control shielded (see `ControlShield`) and its text's non-ASCII bytes carried as ASCII (see
/// `CharacterDataCarrier`) on the way.
private final class ShieldedInput {
    private let pieces: PieceSource
    private var piece = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// How much of `piece` has been handed on.
    private var used = 0
    @exclusivity(unchecked) private var carrier: CharacterDataCarrier
    /// Whether the text the parser hands back must be decoded.
    var isCarrying: Bool { carrier.isCarrying }
    /// What did not fit in the last read: the end of a unit, when the parser asks for very little.
    private var carried: [UInt8] = []
    private var ended = false

    init(_ pieces: PieceSource, carryingText: Bool) {
        self.pieces = pieces
        carrier = CharacterDataCarrier(enabled: carryingText)
    }

    /// Fills up to `count` bytes of `buffer`; how many, 0 at the end. A read ends between whole units, so
    /// the parser never sees half of a carried byte at the end of what it has.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        var written = 0
        while written < count {
            if !carried.isEmpty {
                let n = min(carried.count, count - written)
                for k in 0..<n { buffer[written + k] = carried[k] }
                carried.removeFirst(n)
                written += n
                continue
            }
            if used == piece.count {
                guard !ended, let next = pieces.nextPiece() else {
                    if !ended { carried = carrier.finish() }
                    ended = true
                    if carried.isEmpty { break }
                    continue
                }
                (piece, used) = (next, 0)
                continue
            }
            let space = count - written
            if space < CharacterDataCarrier.longestUnit {
                // Too little room for a whole unit: one is made aside and handed on as it fits.
                guard written == 0 else { break }
                var unit = [UInt8](repeating: 0, count: CharacterDataCarrier.longestUnit)
                let (read, made) = unit.withUnsafeMutableBufferPointer { carrier.encode(UnsafeBufferPointer(rebasing: piece[used..<(used + 1)]), into: $0) }
                used += read
                carried = Array(unit[..<made])
                continue
            }
            let (read, made) = carrier.encode(UnsafeBufferPointer(rebasing: piece[used...]),
                                              into: UnsafeMutableBufferPointer(start: buffer + written, count: space))
            used += read
            written += made
            if read == 0 { break }
        }
        return written
    }
}

enum LibXML2 {
    static let encodingMismatch = "the bytes do not match the encoding the document declares"

    /// Bytes handed to the HTML push parser at a time.
    static let chunkSize = 64 * 1024

    /// Parses a feed document, streaming its events to `handler`; the first error, if any, comes back (the
    /// parser recovers from it and goes on where it can).
    static func parseXML(_ bytes: UnsafeBufferPointer<UInt8>, file: String, handler: XMLEventHandler) -> XMLProblem? {
        parseXML(pieces: WholeBuffer(bytes), file: file, handler: handler)
    }

    /// Parses a feed document handed over a piece at a time. libxml2's pull parser reads it through a
    /// callback: unlike its push parser, it does not look ahead in what it was given for the end of each
    /// construct before parsing it, which was a tenth of its work on a large feed.
    ///
    /// With `carryingText` off, text is handed to the parser as the file has it (see `CharacterDataCarrier`):
    /// the fuzzer checks that both ways read every well-formed document alike.
    static func parseXML(pieces: PieceSource, file: String, handler: XMLEventHandler, carryingText: Bool = true) -> XMLProblem? {
        if let unavailable { return XMLProblem(line: 0, message: unavailable) }
        let input = ShieldedInput(pieces, carryingText: carryingText)
        let session = XMLSession(handler, input: input)
        // Only these callbacks: the defaults would build a tree, and they expect the parser as their context.
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.getEntity = onGetEntity
        sax.startElementNs = onStartElement
        sax.endElementNs = onEndElement
        sax.characters = onXMLText
        sax.cdataBlock = onXMLText
        sax.serror = onStructuredError
        return withExtendedLifetime((session, input)) {
            // Neither is counted by the parser: both outlive it here.
            let context = tidings_xmlCreateIOParserCtxt(&sax, Unmanaged.passUnretained(session).toOpaque(), onRead, nil,
                                                        Unmanaged.passUnretained(input).toOpaque(), XML_CHAR_ENCODING_NONE)
            guard let context else { return XMLProblem(line: 0, message: "the XML parser could not start") }
            defer { freeContext(context) }
            let options = XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOENT.rawValue
                | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue
            tidings_xmlCtxtUseOptions(context, Int32(options))
            session.context = context
            if tidings_xmlParseDocument(context) != 0 { session.noteHalt(context.pointee.errNo) }
            return session.problem
        }
    }

    /// Parses an HTML fragment (or a whole page), streaming its events to `handler`.
    static func parseHTML(_ bytes: UnsafeBufferPointer<UInt8>, handler: HTMLEventHandler) {
        // Without libxml2 the markup is shown as it is rather than lost; the feed around it says why.
        guard unavailable == nil else { return handler.text(bytes) }
        var sax = htmlSAXHandler()
        sax.getEntity = onGetEntity
        sax.startElement = onStartTag
        sax.endElement = onEndTag
        sax.characters = onHTMLText
        sax.ignorableWhitespace = onHTMLText
        sax.cdataBlock = onHTMLText
        let box = Unmanaged.passRetained(HTMLSession(handler))
        defer { box.release() }
        guard let context = tidings_htmlCreatePushParserCtxt(&sax, box.toOpaque(), nil, 0, nil, XML_CHAR_ENCODING_UTF8) else { return }
        defer { freeContext(context) }
        let options = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
        tidings_htmlCtxtUseOptions(context, Int32(options))
        feed(bytes) { chunk, last in
            tidings_htmlParseChunk(context, chunk.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                   Int32(chunk.count), last ? 1 : 0)
        }
    }

    /// Hands `bytes` over in chunks, saying which is the last.
    private static func feed(_ bytes: UnsafeBufferPointer<UInt8>, push: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
        var start = 0
        repeat {
            let end = min(bytes.count, start + chunkSize)
            push(UnsafeBufferPointer(rebasing: bytes[start..<end]), end == bytes.count)
            start = end
        } while start < bytes.count
    }

    private static func freeContext(_ context: xmlParserCtxtPtr) {
        if let document = context.pointee.myDoc { tidings_xmlFreeDoc(document) }
        context.pointee.myDoc = nil
        tidings_xmlFreeParserCtxt(context)
    }

    /// Why libxml2 could not be loaded, or nil once it is loaded and set up.
    private static let unavailable: String? = {
        if let failure = tidings_xml_load() { return "libxml2 could not be loaded: " + String(cString: failure) }
        tidings_xmlSetExternalEntityLoader { _, _, _ in nil } // nothing outside the document is ever read
        // Errors no parse claims (a failed encoding conversion, an I/O error) would otherwise be printed to
        // standard error, which is the reader's screen: they are dropped, on this thread and on any thread
        // that parses later (each thread has its own handler). A parse's own errors still reach it.
        let silent: xmlStructuredErrorFunc = { _, _ in }
        tidings_xmlSetStructuredErrorFunc(nil, silent)
        tidings_xmlThrDefSetStructuredErrorFunc(nil, silent)
        tidings_xml_silence_generic_errors()
        return nil
    }()
}

// Every callback not set is left empty on purpose: nothing a document declares (a DTD, entity
// declarations, external subsets) is ever acted on.

// MARK: Sessions: what a parse's callbacks reach through their context pointer

private final class XMLSession {
    /// Held strongly: a constant field of an object the callback already holds is used as it is, where an
    /// `unowned(unsafe)` one was counted and released again around every text run and tag.
    let handler: XMLEventHandler
    // Touched by the callbacks of one parse, on one thread, one at a time: like the handler's state, not
    // worth a run-time exclusivity check on every tag and text run.
    @exclusivity(unchecked) var context: xmlParserCtxtPtr?
    @exclusivity(unchecked) var problem: XMLProblem?
    @exclusivity(unchecked) var stopped = false
    /// Names as Swift strings by the address of libxml2's copy: SAX2 hands out each distinct name from
    /// its dictionary at one address for the whole parse, so each is made once.
    @exclusivity(unchecked) private var names: [UnsafeRawPointer: String] = [:]
    /// Where the document comes from, to know whether its text was carried.
    private unowned(unsafe) let input: ShieldedInput
    /// Decoded text, kept for the next run.
    @exclusivity(unchecked) private var decoded = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 4096)

    init(_ handler: XMLEventHandler, input: ShieldedInput) {
        self.handler = handler
        self.input = input
    }

    deinit { decoded.deallocate() }

    /// Hands a run of text to the handler as the file has it: carried bytes turned back (see
    /// `CharacterDataCarrier`).
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard input.isCarrying, memchr(bytes.baseAddress!, 0x7F, bytes.count) != nil else { return handler.text(bytes) }
        if decoded.count < bytes.count {
            decoded.deallocate()
            decoded = .allocate(capacity: max(bytes.count, 2 * decoded.count))
        }
        let length = CharacterDataCarrier.decode(bytes, into: decoded.baseAddress!)
        handler.text(UnsafeBufferPointer(rebasing: decoded[..<length]))
    }

    /// A parse that libxml2 halted without calling the error handler (bytes that do not match the declared
    /// encoding stop it that way) still has its reason. A warning also comes back as a status, but leaves
    /// the parser running.
    func noteHalt(_ status: Int32) {
        guard status != 0, problem == nil, !stopped, let context, context.pointee.disableSAX != 0 else { return }
        let reason = status == Int32(XML_ERR_INVALID_ENCODING.rawValue) || inputFailed
            ? LibXML2.encodingMismatch
            : "the XML parser stopped (libxml2 error \(status))"
        problem = XMLProblem(line: Int(tidings_xmlSAX2GetLineNumber(context)), message: reason)
    }

    /// True once reading the input failed: its bytes could not be converted from the declared encoding.
    var inputFailed: Bool { (context?.pointee.input?.pointee.buf?.pointee.error ?? 0) != 0 }

    func name(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        if let known = names[UnsafeRawPointer(pointer)] { return known }
        let name = String(cString: pointer)
        names[UnsafeRawPointer(pointer)] = name
        return name
    }

    /// Whole names by the addresses of their three parts, for the same reason: one lookup per tag
    /// instead of three.
    @exclusivity(unchecked) private var xmlNames: [NameParts: XMLName] = [:]
    /// The last names seen, by their local part's address: a feed repeats a handful of names, and these
    /// find them without hashing, for every start and end tag.
    @exclusivity(unchecked) private var recentParts = [NameParts](repeating: NameParts(), count: 64)
    @exclusivity(unchecked) private var recentNames = [XMLName?](repeating: nil, count: 64)

    private struct NameParts: Hashable {
        var local, prefix, uri: UnsafeRawPointer?
    }

    func xmlName(_ local: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) -> XMLName {
        let parts = NameParts(local: local.map(UnsafeRawPointer.init), prefix: prefix.map(UnsafeRawPointer.init), uri: uri.map(UnsafeRawPointer.init))
        // libxml2 keeps names in pools of its own, a few bytes apart: the address's low bits spread them.
        let slot = Int(truncatingIfNeeded: UInt(bitPattern: local) >> 3) & (recentParts.count - 1)
        if recentParts[slot] == parts, let hit = recentNames[slot] { return hit }
        let found: XMLName
        if let known = xmlNames[parts] {
            found = known
        } else {
            found = XMLName(local: name(local) ?? "", prefix: name(prefix), namespace: name(uri))
            xmlNames[parts] = found
        }
        recentParts[slot] = parts
        recentNames[slot] = found
        return found
    }
}

private final class HTMLSession {
    let handler: HTMLEventHandler
    init(_ handler: HTMLEventHandler) { self.handler = handler }
}

/// HTML's named characters (`&nbsp;`, `&mdash;`) that feeds use without declaring them, made into entities
/// once and kept for every parse; guarded, because items are parsed on several threads.
private final class CharacterEntities: @unchecked Sendable {
    static let shared = CharacterEntities()
    private let lock = NSLockLike()
    private let document: xmlDocPtr?

    private init() {
        document = tidings_xmlNewDoc("1.0")
        tidings_xmlCreateIntSubset(document, "entities", nil, nil)
    }

    func entity(named name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        if let predefined = tidings_xmlGetPredefinedEntity(name) { return predefined }
        guard let character = tidings_htmlEntityLookup(name) else { return nil }
        return lock.locked {
            if let known = tidings_xmlGetDocEntity(document, name) { return known }
            var utf8 = [xmlChar](repeating: 0, count: 8)
            let length = tidings_xmlCopyCharMultiByte(&utf8, Int32(character.pointee.value))
            utf8[Int(max(0, length))] = 0
            return tidings_xmlAddDocEntity(document, name, Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue), nil, nil, utf8)
        }
    }
}

/// A mutex from the C library, so this file needs no Foundation.
private final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}

private func xmlSession(_ context: UnsafeMutableRawPointer?) -> XMLSession {
    Unmanaged<XMLSession>.fromOpaque(context!).takeUnretainedValue()
}

/// Runs `body` with the session of a callback's context, without counting a reference to it: the session
/// lives for the whole parse (`parseXML` holds it), and the element and text callbacks run for every tag
/// and text run of a feed.
private func withXMLSession(_ context: UnsafeMutableRawPointer?, _ body: (XMLSession) -> Void) {
    Unmanaged<XMLSession>.fromOpaque(context!)._withUnsafeGuaranteedRef(body)
}

private func htmlSession(_ context: UnsafeMutableRawPointer?) -> HTMLSession {
    Unmanaged<HTMLSession>.fromOpaque(context!).takeUnretainedValue()
}

private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
    pointer.map { String(cString: $0) }
}

/// True when the NUL-terminated `name` spells `text`.
private func matches(_ name: UnsafePointer<xmlChar>, _ text: String) -> Bool {
    var i = 0
    for byte in text.utf8 {
        if name[i] != byte { return false }
        i += 1
    }
    return name[i] == 0
}

// MARK: Callbacks

private let onStartElement: startElementNsSAX2Func = { context, local, prefix, uri, _, _, count, _, attributes in
    withXMLSession(context) { session in
        guard !session.stopped else { return }
        session.handler.startElement(session.xmlName(local, prefix, uri), attributes: XMLAttributes(base: attributes, count: Int(count)))
        if session.handler.wantsToStop {
            session.stopped = true
            if let parser = session.context { tidings_xmlStopParser(parser) }
        }
    }
}

private let onEndElement: endElementNsSAX2Func = { context, local, prefix, uri in
    withXMLSession(context) { session in
        guard !session.stopped else { return }
        session.handler.endElement(session.xmlName(local, prefix, uri))
    }
}

private let onXMLText: charactersSAXFunc = { context, bytes, length in
    withXMLSession(context) { session in
        guard !session.stopped, let bytes, length > 0 else { return }
        session.text(UnsafeBufferPointer(start: bytes, count: Int(length)))
    }
}

private let onRead: xmlInputReadCallback = { context, buffer, length in
    guard let context, let buffer, length > 0 else { return 0 }
    let bytes = UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: UInt8.self)
    return Int32(Unmanaged<ShieldedInput>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.read(into: bytes, count: Int(length)) })
}

private let onStructuredError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    let session = xmlSession(context)
    guard session.problem == nil else { return }
    // Bytes that do not match the declared encoding end the input where they are, and the parser then
    // only says that the document ended early: the reason is the encoding.
    if session.inputFailed {
        session.problem = XMLProblem(line: Int(error.pointee.line), message: LibXML2.encodingMismatch)
        return
    }
    var message = string(UnsafePointer(error.pointee.message).map { UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self) }) ?? "malformed XML"
    while message.last == "\n" || message.last == " " { message.removeLast() }
    session.problem = XMLProblem(line: Int(error.pointee.line), message: message)
}

private let onGetEntity: getEntitySAXFunc = { _, name in
    guard let name else { return nil }
    return CharacterEntities.shared.entity(named: name)
}

private let onStartTag: startElementSAXFunc = { context, name, attributes in
    guard let name else { return }
    htmlSession(context).handler.startTag(String(cString: name), attributes: HTMLAttributes(pairs: attributes))
}

private let onEndTag: endElementSAXFunc = { context, name in
    guard let name else { return }
    htmlSession(context).handler.endTag(String(cString: name))
}

private let onHTMLText: charactersSAXFunc = { context, bytes, length in
    guard let bytes, length > 0 else { return }
    htmlSession(context).handler.text(UnsafeBufferPointer(start: bytes, count: Int(length)))
}
