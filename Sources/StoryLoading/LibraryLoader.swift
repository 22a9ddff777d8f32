import ArticleModel
#if canImport(Glibc)
import Glibc
#endif

/// Loads every story named by the command-line paths, in list order, with one warning line for each
/// file or story that could not be used. For example `LibraryLoader.load(["news/"], order: .newest)`.
public struct LibraryLoader {
    public var stories: [Story] = []
    /// Lines of the form `FILE: REASON`, ready to print after `tidings: `.
    public var warnings: [String] = []
    public let formats: StoryFormats
    /// Whether a file's stories are put newest first by their own dates (a feed's items), as the default
    /// newest-first order wants; with `--sort path` they keep the file's order.
    public let datesOrderItems: Bool

    public init(formats: StoryFormats = .standard, datesOrderItems: Bool = true) {
        self.formats = formats
        self.datesOrderItems = datesOrderItems
    }

    public static func load(_ arguments: [String], order: LibraryOrder, formats: StoryFormats = .standard) -> LibraryLoader {
        let scan = LibraryScanner.scan(arguments, needsTimes: order == .newest, formats: formats)
        var loader = LibraryLoader(formats: formats, datesOrderItems: order == .newest)
        loader.warnings = scan.warnings
        for file in order.sorted(scan.files) { loader.read(file) }
        return loader
    }

    public mutating func read(_ file: StoryFile) {
        Self.read(file, formats: formats, datesOrderItems: datesOrderItems, stories: &stories, warnings: &warnings)
    }

    /// Reads one file and parses it with the format that claims it, adding its stories and warning lines.
    public static func read(_ file: StoryFile, formats: StoryFormats, datesOrderItems: Bool, stories: inout [Story],
                            warnings: inout [String]) {
        switch StoryFileReader.open(file) {
        case .failure(let reason):
            warnings.append("\(file.visiblePath): \(reason)")
        case .success(let opened):
            let result = parse(opened, file: file, formats: formats)
            if let failure = opened.failure {
                warnings.append("\(file.visiblePath): \(failure)")
                return
            }
            let found = datesOrderItems ? newestFirst(result.stories, undatedAt: file.modified) : result.stories
            // The first file's stories are taken whole rather than copied one by one.
            if stories.isEmpty { stories = found } else { stories += found }
            for problem in result.problems where !result.stories.isEmpty {
                warnings.append("\(file.visiblePath): \(problem)")
            }
            if let failure = result.failure { warnings.append("\(file.visiblePath): \(failure)") }
        }
    }

    /// The file parsed by the format its first bytes choose: a piece at a time when the format can.
    static func parse(_ opened: OpenStoryFile, file: StoryFile, formats: StoryFormats) -> ParseResult {
        let format = opened.head.withUnsafeBufferPointer { formats.format(for: $0) }
        if format.readsInPieces { return format.parse(pieces: opened, file: file.path) }
        switch opened.readAll() {
        case .failure: return ParseResult(stories: []) // the reader's failure is reported
        case .success(let bytes): return bytes.withUnsafeBufferPointer { format.parse($0, file: file.path, rereading: opened.rereading) }
        }
    }

    /// Stories newest first by their dates, those without one at the file's modification time (standard
    /// input counts as now); ties keep the file's order. A text export has no dates: its order stays.
    static func newestFirst(_ stories: [Story], undatedAt modified: StoryFile.Timestamp) -> [Story] {
        guard stories.contains(where: { $0.date != nil }) else { return stories }
        let fallback = modified == .distantFuture ? Int64(time(nil)) : Int64(modified.seconds)
        // Positions are sorted by dates read out once, rather than the stories themselves by dates read
        // through each story at every comparison: 10,000 feed items sort in a fraction of the time.
        let dates = stories.map { $0.date?.secondsSince1970 ?? fallback }
        let order = dates.indices.sorted { a, b in dates[a] != dates[b] ? dates[a] > dates[b] : a < b }
        return order.map { stories[$0] }
    }
}
