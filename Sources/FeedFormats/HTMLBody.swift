import ArticleModel

/// What an item's HTML becomes in a story, following the contract in FEEDS.md: images from figures and
/// loose `<img>`s, sections from headings (a lead section with no heading before the first), bullets from
/// list items (an `<ol>` item keeps its number), paragraphs from blocks, table rows joined by ` · `, and
/// each http(s) link's text followed by `[N]`. Scripts, styles, frames, forms and the like leave nothing.
///
/// For example `<p>See <a href="https://e.com/r">the report</a>.</p><ol><li>One</li></ol>` reads as a
/// lead section with the paragraph `See the report [1].` and the bullet `1. One`, and the link list
/// `https://e.com/r`.
final class HTMLBody: HTMLEventHandler {
    /// An image with its caption (nil when it has none) and where it comes from, if known.
    struct Image: Equatable {
        var caption: String?
        var source: String?
    }

    private(set) var images: [Image] = []
    private(set) var sections: [StorySection] = []
    /// Every http(s) link, numbered by its place here (the first is `[1]`).
    private(set) var links: [String] = []
    /// The first block of text of any kind: a summary's "first paragraph".
    private(set) var firstBlock: String?
    /// The text of every block, in order, as far as the first few hundred characters: for a title.
    private(set) var leadingText = ""

    /// Where relative addresses in the HTML point from.
    private let base: String?
    private var linkNumbers: [String: Int] = [:]
    private var buffer: [UInt8] = []
    private var containers: [Container] = []
    private var lists: [(ordered: Bool, next: Int)] = []
    private var anchors: [(url: String?, sawText: Bool)] = []
    private var rowCells: [String] = []
    private var skipDepth = 0

    /// Something whose text is gathered apart from the paragraphs around it.
    private enum Container {
        case bullet(prefix: String)
        case heading
        case figure(alt: String?, source: String?, caption: String?)
        case figcaption
        case cell
    }

    /// What a tag means here; every tag not named is inline and only its text counts.
    enum Tag {
        case skipped, block, heading, br, img, a, li, list, figure, figcaption, cell, row, table, inline
    }

    static let tags: [String: Tag] = {
        var tags: [String: Tag] = [:]
        for name in ["script", "style", "iframe", "object", "embed", "form", "svg", "noscript", "template", "head", "math",
                     "select", "button", "textarea"] { tags[name] = .skipped }
        for name in ["p", "div", "blockquote", "pre", "dd", "dt", "dl", "section", "article", "header", "footer", "aside",
                     "nav", "main", "hr", "address", "details", "summary", "center", "tbody", "thead", "tfoot", "caption",
                     "body", "html"] { tags[name] = .block }
        for name in ["h1", "h2", "h3", "h4", "h5", "h6"] { tags[name] = .heading }
        for (name, tag) in [("br", Tag.br), ("img", .img), ("a", .a), ("li", .li), ("ul", .list), ("ol", .list),
                            ("figure", .figure), ("figcaption", .figcaption), ("td", .cell), ("th", .cell), ("tr", .row),
                            ("table", .table)] { tags[name] = tag }
        return tags
    }()

    static func tag(_ name: String) -> Tag { tags[name] ?? .inline }

    init(base: String?) { self.base = base }

    /// Reads HTML (UTF-8 bytes) into a body.
    static func read(_ html: [UInt8], base: String?) -> HTMLBody {
        let body = HTMLBody(base: base)
        html.withUnsafeBufferPointer { LibXML2.parseHTML($0, handler: body) }
        body.finish()
        return body
    }

    /// Reads plain text into a body: paragraphs split at blank lines.
    static func readPlainText(_ text: String, base: String?) -> HTMLBody {
        let body = HTMLBody(base: base)
        var paragraph: [Substring] = []
        let lines: [Substring] = text.split(separator: "\n", omittingEmptySubsequences: false) + [""]
        for line in lines {
            if line.allSatisfy(\.isWhitespace) {
                body.buffer = Array(paragraph.joined(separator: " ").utf8)
                body.flushParagraph()
                paragraph = []
            } else {
                paragraph.append(line)
            }
        }
        body.finish()
        return body
    }

    // MARK: Events

    func startTag(_ name: String, attributes: HTMLAttributes) {
        let tag = Self.tag(name)
        if tag == .skipped { skipDepth += 1 }
        guard skipDepth == 0 else { return }
        switch tag {
        case .br: buffer.append(0x20)
        case .img: image(attributes)
        case .a: openAnchor(attributes)
        case .li: openBullet(attributes)
        case .list:
            boundary()
            let start = name == "ol" ? attributes.value("start").flatMap { Int($0) } ?? 1 : 1
            lists.append((name == "ol", start))
        case .figure: open(.figure(alt: nil, source: nil, caption: nil))
        case .figcaption: open(.figcaption)
        case .cell:
            if containers.isEmpty { flushParagraph() }
            open(.cell)
        case .heading: open(.heading)
        case .block, .row, .table: boundary()
        case .skipped, .inline: break
        }
    }

    func endTag(_ name: String) {
        let tag = Self.tag(name)
        if tag == .skipped {
            skipDepth = max(0, skipDepth - 1)
            return
        }
        guard skipDepth == 0 else { return }
        switch tag {
        case .a: closeAnchor()
        case .li: close { if case .bullet = $0 { return true } else { return false } }
        case .list:
            boundary()
            if !lists.isEmpty { lists.removeLast() }
        case .figure: close { if case .figure = $0 { return true } else { return false } }
        case .figcaption: close { if case .figcaption = $0 { return true } else { return false } }
        case .cell: close { if case .cell = $0 { return true } else { return false } }
        case .row, .table: endRow()
        case .heading: close { if case .heading = $0 { return true } else { return false } }
        case .block: boundary()
        case .skipped, .inline, .br, .img: break
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard skipDepth == 0 else { return }
        buffer.append(contentsOf: bytes)
        if !anchors.isEmpty, !anchors[anchors.count - 1].sawText, bytes.contains(where: { !isHTMLSpace($0) }) {
            anchors[anchors.count - 1].sawText = true
        }
    }

    /// Ends whatever is still open, and adds the list of links.
    func finish() {
        while !containers.isEmpty { closeTop() }
        endRow()
        flushParagraph()
        if !links.isEmpty {
            sections.append(StorySection(heading: "Links", bullets: links.enumerated().map { "[\($0.offset + 1)] \($0.element)" }))
        }
    }

    // MARK: Blocks

    /// A block starts or ends: inside a list item, heading, caption or cell it is just a space; elsewhere
    /// the paragraph so far is done.
    private func boundary() {
        switch containers.last {
        case .bullet?, .heading?, .figcaption?, .cell?: buffer.append(0x20)
        case .figure?, nil: flushParagraph()
        }
    }

    private func open(_ container: Container) {
        switch containers.last {
        case .bullet?: flushBullet(prefix: currentBulletPrefix) // an item's text before a nested one
        case .heading?, .figcaption?, .cell?: buffer.append(0x20)
        case .figure?, nil: flushParagraph()
        }
        containers.append(container)
    }

    private func openBullet(_ attributes: HTMLAttributes) {
        var prefix = ""
        if let list = lists.last, list.ordered {
            let number = attributes.value("value").flatMap { Int($0) } ?? list.next
            prefix = "\(number). "
            lists[lists.count - 1].next = number + 1
        }
        open(.bullet(prefix: prefix))
    }

    private var currentBulletPrefix: String {
        if case .bullet(let prefix)? = containers.last { return prefix }
        return ""
    }

    /// Closes the innermost container of a kind, and any left open inside it.
    private func close(where isIt: (Container) -> Bool) {
        guard containers.contains(where: isIt) else { return boundary() }
        while let top = containers.last {
            closeTop()
            if isIt(top) { return }
        }
    }

    private func closeTop() {
        guard let top = containers.popLast() else { return }
        let text = takeText()
        switch top {
        case .bullet(let prefix):
            if let text { addBullet(prefix + text) }
        case .heading:
            if let text {
                sections.append(StorySection(heading: text))
                noteBlock(text)
            }
        case .figure(let alt, let source, let caption):
            images.append(Image(caption: caption ?? alt, source: source))
            if let text { addParagraph(text) }
        case .figcaption:
            if case .figure(let alt, let source, _)? = containers.last {
                containers[containers.count - 1] = .figure(alt: alt, source: source, caption: text)
            } else if let text {
                addParagraph(text)
            }
        case .cell:
            if let text { rowCells.append(text) }
        }
    }

    /// An item's text so far, before a nested list: its number goes with it, and what follows the
    /// nested list goes on without one.
    private func flushBullet(prefix: String) {
        guard let text = takeText() else { return }
        addBullet(prefix + text)
        containers[containers.count - 1] = .bullet(prefix: "")
    }

    private func endRow() {
        guard !rowCells.isEmpty else { return }
        let row = rowCells.joined(separator: " · ")
        rowCells = []
        if case .bullet? = containers.last { buffer += Array(row.utf8) } else { addParagraph(row) }
    }

    func flushParagraph() {
        if let text = takeText() { addParagraph(text) }
    }

    /// The buffered text with white space collapsed and cleaned, or nil when nothing is left.
    private func takeText() -> String? {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard let clean = cleanLine(buffer) else { return nil }
        return clean
    }

    private func addParagraph(_ text: String) {
        currentSection { $0.paragraphs.append(text) }
        noteBlock(text)
    }

    private func addBullet(_ text: String) {
        currentSection { $0.bullets.append(text) }
        noteBlock(text)
    }

    private func currentSection(_ change: (inout StorySection) -> Void) {
        if sections.isEmpty { sections.append(StorySection(heading: nil)) }
        change(&sections[sections.count - 1])
    }

    private func noteBlock(_ text: String) {
        if firstBlock == nil { firstBlock = text }
        if leadingText.utf8.count < 400 { leadingText += leadingText.isEmpty ? text : " " + text }
    }

    // MARK: Images and links

    private func image(_ attributes: HTMLAttributes) {
        let alt = nonEmpty(attributes.value("alt"))
        let source = attributes.value("src").flatMap { WebLink.resolve($0, against: base) }
        if case .figure(let figureAlt, let figureSource, let caption)? = containers.last ?? nil, figureSource == nil {
            containers[containers.count - 1] = .figure(alt: figureAlt ?? alt, source: source, caption: caption)
        } else if containers.contains(where: { if case .figure = $0 { return true } else { return false } }) {
            return // a second picture in one figure belongs to it
        } else {
            images.append(Image(caption: alt ?? nonEmpty(attributes.value("title")), source: source))
        }
    }

    private func nonEmpty(_ text: String?) -> String? {
        text.flatMap { cleanLine($0) }
    }

    private func openAnchor(_ attributes: HTMLAttributes) {
        guard let href = attributes.value("href"), let url = WebLink.resolve(href, against: base) else {
            anchors.append((nil, false))
            return
        }
        anchors.append((url, false))
    }

    /// A link with text gets its number after that text; one around only a picture gets none.
    private func closeAnchor() {
        guard let anchor = anchors.popLast(), let url = anchor.url, anchor.sawText else { return }
        buffer += Array(" [\(number(for: url))]".utf8)
    }

    private func number(for url: String) -> Int {
        if let known = linkNumbers[url] { return known }
        links.append(url)
        linkNumbers[url] = links.count
        return links.count
    }
}

private func isHTMLSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
}

/// HTML's white space (space, tab, line breaks, form feed) collapsed to single spaces and trimmed, as a
/// browser shows it, control characters the XML parser carried shielded put back, then cleaned like any
/// field; nil when nothing is left. A no-break space stays.
func cleanLine(_ bytes: [UInt8]) -> String? {
    let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
    defer { scratch.deallocate() }
    var used = 0
    var pendingSpace = false
    for byte in bytes {
        if isHTMLSpace(byte) {
            pendingSpace = used > 0
        } else {
            if pendingSpace {
                scratch[used] = 0x20
                used += 1
            }
            pendingSpace = false
            scratch[used] = byte
            used += 1
        }
    }
    used = ControlShield.unshield(scratch, count: used)
    let clean = TextCleaner.cleanField(UnsafeBufferPointer(rebasing: scratch[..<used]))
    return clean.isEmpty ? nil : clean
}

/// Just the text of some HTML, as one line: for titles and names, where markup has no place.
final class HTMLPlainText: HTMLEventHandler {
    private var bytes: [UInt8] = []
    private var skipDepth = 0

    static func of(_ html: [UInt8]) -> String {
        let reader = HTMLPlainText()
        html.withUnsafeBufferPointer { LibXML2.parseHTML($0, handler: reader) }
        return cleanLine(reader.bytes) ?? ""
    }

    func startTag(_ name: String, attributes: HTMLAttributes) {
        let tag = HTMLBody.tag(name)
        if tag == .skipped { skipDepth += 1 } else if skipDepth == 0, tag != .inline, tag != .a { bytes.append(0x20) }
    }

    func endTag(_ name: String) {
        let tag = HTMLBody.tag(name)
        if tag == .skipped { skipDepth = max(0, skipDepth - 1) } else if skipDepth == 0, tag != .inline, tag != .a { bytes.append(0x20) }
    }

    func text(_ text: UnsafeBufferPointer<UInt8>) {
        if skipDepth == 0 { bytes.append(contentsOf: text) }
    }
}
