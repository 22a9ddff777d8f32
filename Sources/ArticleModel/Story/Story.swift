import Synchronization

/// One news summary, from a text export or a feed item, with every field already cleaned of control
/// characters.
///
/// For example the export
/// ```
/// Example.news
///
/// Rivers Rise in the North
///
/// Towns prepare for a wet week.
///
/// Overview
///
///   • Levels rose overnight.
/// ```
/// parses to a story with publisher `Example.news`, title `Rivers Rise in the North`, that dek,
/// no images and one `Overview` section holding one bullet.
public struct Story: Equatable, Sendable {
    public var publisher: String {
        get { storage.fields.publisher }
        set { fields.publisher = newValue }
    }
    public var title: String {
        get { storage.fields.title }
        set { fields.title = newValue }
    }
    public var dek: String? {
        get { storage.fields.dek }
        set { fields.dek = newValue }
    }

    public var images: [StoryImage] {
        get { storage.fields.body.content.images }
        set { fields.body = .ready(images: newValue, sections: sections) }
    }

    public var sections: [StorySection] {
        get { storage.fields.body.content.sections }
        set { fields.body = .ready(images: images, sections: newValue) }
    }
    /// Where the story came from: the file as the user named or found it, and its place in that file.
    public var source: StorySource {
        get { storage.fields.source }
        // Changed in place: the parts of a large file renumber thousands of stories, and a copy taken
        // and put back counted the file's name twice for each.
        _modify { yield &fields.source }
    }
    /// The format it was read from: `text`, `rss`, `atom` or `jsonfeed`.
    public var kind: StoryKind {
        get { storage.fields.kind }
        set { fields.kind = newValue }
    }
    /// The story's own web page (http or https only); nil for text exports.
    public var link: String? {
        get { storage.fields.link }
        set { fields.link = newValue }
    }
    /// When it was published (else last updated); nil for text exports and undated items.
    public var date: StoryDate? {
        get { storage.fields.date }
        set { fields.date = newValue }
    }
    public var author: String? {
        get { storage.fields.author }
        set { fields.author = newValue }
    }
    /// What read and starred marks are kept under, for feed items (the feed and the item's id, link, or
    /// title and date); nil for text exports, which are known by publisher, title and dek.
    public var identity: String? {
        get { storage.fields.identity }
        set { fields.identity = newValue }
    }

    /// The fields live in one shared box, copied only when a story that shares it is changed: a story is
    /// one reference to copy instead of ten. Libraries copy stories a great deal (a feed's items are made
    /// on other threads, gathered, numbered and sorted), and ten reference counts per story touched from
    /// another core made that gathering a measurable part of opening a 10,000-item feed.
    private var storage: Storage

    private struct Fields {
        var publisher: String
        var title: String
        var dek: String?
        /// The media block and the sections, ready or still to be read (a feed item's HTML is read the
        /// first time it is wanted: listing, counting and searching 10,000 items needs none of it).
        var body: StoryBody
        var source: StorySource
        var kind: StoryKind
        var link: String?
        var date: StoryDate?
        var author: String?
        var identity: String?
    }

    /// Changed only while one story alone holds it (see `fields`), so no other thread ever sees it change,
    /// and no access can overlap a change: the runtime's exclusivity checks would only cost every read.
    private final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    /// The fields to change: the box is copied first when another story shares it.
    private var fields: Fields {
        get { storage.fields }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
            yield &storage.fields
        }
    }

    public init(
        publisher: String, title: String, dek: String? = nil, images: [StoryImage] = [],
        sections: [StorySection] = [], source: StorySource = StorySource(file: "", index: 0), kind: StoryKind = .text,
        link: String? = nil, date: StoryDate? = nil, author: String? = nil, identity: String? = nil
    ) {
        storage = Storage(Fields(publisher: publisher, title: title, dek: dek, body: .ready(images: images, sections: sections),
                                 source: source, kind: kind, link: link, date: date, author: author, identity: identity))
    }
}

extension Story {
    /// A story whose images and sections are made by `read` the first time they are wanted.
    public init(publisher: String, title: String, dek: String?, source: StorySource, kind: StoryKind, link: String?,
                date: StoryDate?, author: String?, identity: String?,
                body read: @escaping @Sendable () -> (images: [StoryImage], sections: [StorySection])) {
        self.init(publisher: publisher, title: title, dek: dek, source: source, kind: kind, link: link, date: date,
                  author: author, identity: identity)
        fields.body = .deferred(DeferredBody(read))
    }

    /// Reads a deferred body now (on whatever thread calls it), so later use costs nothing.
    public func prepareBody() {
        if case .deferred(let deferred) = storage.fields.body { _ = deferred.content }
    }

    public static func == (a: Story, b: Story) -> Bool {
        a.storage === b.storage || a.publisher == b.publisher && a.title == b.title && a.dek == b.dek && a.source == b.source && a.kind == b.kind
            && a.link == b.link && a.date == b.date && a.author == b.author && a.identity == b.identity
            && a.images == b.images && a.sections == b.sections
    }
}

/// Images and sections, as they are or as a way to make them.
private enum StoryBody: Sendable {
    case ready(images: [StoryImage], sections: [StorySection])
    case deferred(DeferredBody)

    var content: (images: [StoryImage], sections: [StorySection]) {
        switch self {
        case .ready(let images, let sections): return (images, sections)
        case .deferred(let deferred): return deferred.content
        }
    }
}

/// A body read once, on first use, from any thread.
private final class DeferredBody: Sendable {
    private let state: Mutex<State>

    private enum State {
        case unread(@Sendable () -> (images: [StoryImage], sections: [StorySection]))
        case read(images: [StoryImage], sections: [StorySection])
    }

    init(_ read: @escaping @Sendable () -> (images: [StoryImage], sections: [StorySection])) {
        state = Mutex(.unread(read))
    }

    var content: (images: [StoryImage], sections: [StorySection]) {
        state.withLock { state in
            switch state {
            case .read(let images, let sections):
                return (images, sections)
            case .unread(let read):
                let (images, sections) = read()
                state = .read(images: images, sections: sections)
                return (images, sections)
            }
        }
    }
}

/// The format a story was read from, by the name `--dump json` gives it.
public enum StoryKind: String, Equatable, Sendable {
    case text, rss, atom, jsonfeed
}

/// An image in the media block: `caption` is nil for a bare `Image` line (a picture with no caption).
public struct StoryImage: Equatable, Sendable {
    public var caption: String?
    public init(caption: String?) { self.caption = caption }
}

/// A heading such as `Overview` with its bullets and, for headings that introduce prose, paragraphs. A
/// feed item's text before its first heading is a section with no heading (nil).
public struct StorySection: Equatable, Sendable {
    public var heading: String?
    public var bullets: [String]
    public var paragraphs: [String]
    public init(heading: String?, bullets: [String] = [], paragraphs: [String] = []) {
        self.heading = heading
        self.bullets = bullets
        self.paragraphs = paragraphs
    }
}

/// The file a story was read from (`-` for standard input) and its 0-based position in that file.
public struct StorySource: Equatable, Hashable, Sendable {
    public var file: String
    public var index: Int
    public init(file: String, index: Int) {
        self.file = file
        self.index = index
    }
}

/// Shows a story's fields, not its box, wherever it is printed for a person (test failures, the debugger).
extension Story: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: [
            "publisher": publisher, "title": title, "dek": dek as Any, "source": source, "kind": kind, "link": link as Any,
            "date": date as Any, "author": author as Any, "identity": identity as Any,
        ])
    }
}
