import ArticleModel

/// Loads every story named by the command-line paths, in list order, with one warning line for each
/// file or story that could not be used. For example `LibraryLoader.load(["news/"], order: .newest)`.
public struct LibraryLoader {
    public var stories: [Story] = []
    /// Lines of the form `FILE: REASON`, ready to print after `tidings: `.
    public var warnings: [String] = []
    public let formats: StoryFormats

    public init(formats: StoryFormats = .standard) {
        self.formats = formats
    }

    public static func load(_ arguments: [String], order: LibraryOrder, formats: StoryFormats = .standard) -> LibraryLoader {
        let scan = LibraryScanner.scan(arguments, needsTimes: order == .newest, formats: formats)
        var loader = LibraryLoader(formats: formats)
        loader.warnings = scan.warnings
        for file in order.sorted(scan.files) { loader.read(file) }
        return loader
    }

    public mutating func read(_ file: StoryFile) {
        Self.read(file, formats: formats, stories: &stories, warnings: &warnings)
    }

    /// Reads one file and parses it with the format that claims it, adding its stories and warning lines.
    public static func read(_ file: StoryFile, formats: StoryFormats, stories: inout [Story], warnings: inout [String]) {
        switch StoryFileReader.read(file) {
        case .failure(let reason):
            warnings.append("\(file.visiblePath): \(reason)")
        case .success(let bytes):
            let result = bytes.withUnsafeBufferPointer { formats.parse($0, file: file.path) }
            stories += result.stories
            for problem in result.problems where !result.stories.isEmpty {
                warnings.append("\(file.visiblePath): \(problem)")
            }
            if let failure = result.failure { warnings.append("\(file.visiblePath): \(failure)") }
        }
    }
}
