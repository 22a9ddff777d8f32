/// One news summary from an export, with every field already cleaned of control characters.
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
    public var publisher: String
    public var title: String
    public var dek: String?
    public var images: [StoryImage]
    public var sections: [StorySection]
    /// Where the story came from: the file as the user named or found it, and its place in that file.
    public var source: StorySource

    public init(
        publisher: String, title: String, dek: String? = nil, images: [StoryImage] = [],
        sections: [StorySection] = [], source: StorySource = StorySource(file: "", index: 0)
    ) {
        self.publisher = publisher
        self.title = title
        self.dek = dek
        self.images = images
        self.sections = sections
        self.source = source
    }
}

/// An image in the media block: `caption` is nil for a bare `Image` line (a picture with no caption).
public struct StoryImage: Equatable, Sendable {
    public var caption: String?
    public init(caption: String?) { self.caption = caption }
}

/// A heading such as `Overview` with its bullets and, for headings that introduce prose, paragraphs.
public struct StorySection: Equatable, Sendable {
    public var heading: String
    public var bullets: [String]
    public var paragraphs: [String]
    public init(heading: String, bullets: [String] = [], paragraphs: [String] = []) {
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
