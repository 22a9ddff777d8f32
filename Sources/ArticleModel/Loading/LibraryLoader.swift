/// Loads every story named by the command-line paths, in list order, with one warning line for each
/// file or story that could not be used. For example `LibraryLoader.load(["news/"], order: .newest)`.
public struct LibraryLoader {
    public var stories: [Story] = []
    /// Lines of the form `FILE: REASON`, ready to print after `tidings: `.
    public var warnings: [String] = []

    public init(stories: [Story] = [], warnings: [String] = []) {
        self.stories = stories
        self.warnings = warnings
    }

    public static func load(_ arguments: [String], order: LibraryOrder) -> LibraryLoader {
        let scan = LibraryScanner.scan(arguments)
        var loader = LibraryLoader(warnings: scan.warnings)
        for file in order.sorted(scan.files) { loader.read(file) }
        return loader
    }

    public mutating func read(_ file: StoryFile) {
        Self.read(file, stories: &stories, warnings: &warnings)
    }

    /// Reads and parses one file, adding its stories and its warning lines.
    public static func read(_ file: StoryFile, stories: inout [Story], warnings: inout [String]) {
        switch StoryFileReader.read(file) {
        case .failure(let reason):
            warnings.append("\(file.visiblePath): \(reason)")
        case .success(let bytes):
            let result = StoryParser.parse(bytes, file: file.path)
            stories += result.stories
            for problem in result.problems where !result.stories.isEmpty {
                warnings.append("\(file.visiblePath): \(problem)")
            }
            if let failure = result.failure { warnings.append("\(file.visiblePath): \(failure)") }
        }
    }
}
