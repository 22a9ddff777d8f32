/// An OPML subscription list (1.0 or 2.0), as feed readers export them: every `<outline>` with an
/// `xmlUrl` is a feed, named by its `title` (else `text`), and the outlines it sits in become its tags.
/// For example `<outline text="News"><outline text="Harbor" xmlUrl="https://h.example/rss"/></outline>`
/// is one feed at `https://h.example/rss`, titled Harbor, tagged News.
public enum OPML {
    public struct Outline: Equatable, Sendable {
        public var url: String
        public var title: String?
        public var tags: [String]

        public init(url: String, title: String?, tags: [String]) {
            self.url = url
            self.title = title
            self.tags = tags
        }
    }

    /// Why a file gave no feeds.
    public struct ReadError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The feeds of an OPML document, in document order, or why there are none.
    public static func read(_ bytes: [UInt8], file: String) -> Result<[Outline], ReadError> {
        let reader = OutlineReader()
        let problem = bytes.withUnsafeBufferPointer { LibXML2.parseXML($0, file: file, handler: reader) }
        guard reader.rootName == "opml" else {
            let why = reader.rootName.map { "XML whose root is <\($0)>" } ?? problem.map(FeedXMLFormat().describe) ?? "no XML"
            return .failure(ReadError(description: "not an OPML subscription list (\(why))"))
        }
        if let problem, reader.outlines.isEmpty {
            return .failure(ReadError(description: "malformed OPML (\(FeedXMLFormat().describe(problem)))"))
        }
        return .success(reader.outlines)
    }

    /// Writes an OPML 2.0 document of these feeds, nested outlines for their first tag.
    public static func write(_ outlines: [Outline], title: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head><title>\(escaped(title))</title></head>\n  <body>\n"
        var groups: [String] = []
        var byGroup: [String: [Outline]] = [:]
        for outline in outlines {
            let group = outline.tags.first ?? ""
            if byGroup[group] == nil { groups.append(group) }
            byGroup[group, default: []].append(outline)
        }
        for group in groups {
            let indent = group.isEmpty ? "    " : "      "
            if !group.isEmpty { out += "    <outline text=\"\(escaped(group))\" title=\"\(escaped(group))\">\n" }
            for outline in byGroup[group] ?? [] {
                let name = escaped(outline.title ?? outline.url)
                let extra = outline.tags.dropFirst().isEmpty ? "" : " category=\"\(escaped(outline.tags.dropFirst().joined(separator: ",")))\""
                out += "\(indent)<outline type=\"rss\" text=\"\(name)\" title=\"\(name)\" xmlUrl=\"\(escaped(outline.url))\"\(extra)/>\n"
            }
            if !group.isEmpty { out += "    </outline>\n" }
        }
        return out + "  </body>\n</opml>\n"
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue } // XML has no place for them
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Reads `<outline>`s, keeping the names of the outlines around each.
private final class OutlineReader: XMLEventHandler {
    private(set) var rootName: String?
    private(set) var outlines: [OPML.Outline] = []
    /// For each open `<outline>`: its name when it is a folder (no `xmlUrl`), else nil.
    private var open: [String?] = []
    private var elements = 0

    var wantsToStop: Bool { rootName != nil && rootName != "opml" }

    func startElement(_ name: XMLName, attributes: XMLAttributes) {
        elements += 1
        if rootName == nil { rootName = name.local }
        guard name.local == "outline" else { return }
        let title = (attributes.value("title") ?? attributes.value("text")).flatMap { cleanLine($0) }
        if let url = attributes.value("xmlUrl").map(WebLink.trimmedOfWhiteSpace), !url.isEmpty {
            var tags = open.compactMap { $0 }
            for category in (attributes.value("category") ?? "").split(separator: ",") {
                if let tag = cleanLine(String(category)), !tags.contains(tag) { tags.append(tag) }
            }
            outlines.append(OPML.Outline(url: url, title: title, tags: tags))
            open.append(nil)
        } else {
            open.append(title)
        }
    }

    func endElement(_ name: XMLName) {
        if name.local == "outline", !open.isEmpty { open.removeLast() }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}
