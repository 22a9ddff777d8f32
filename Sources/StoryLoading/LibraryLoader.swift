import ArticleModel
import Dispatch
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

    /// Reads `file` as `read` does, except that when its format can have the first stories long before
    /// the rest (a large feed), only those are added, and the returned rest finishes the file elsewhere.
    public mutating func readFirst(_ file: StoryFile) -> FileRest? {
        Self.read(file, formats: formats, datesOrderItems: datesOrderItems, stories: &stories, warnings: &warnings, headFirst: true)
    }

    public mutating func read(_ file: StoryFile) {
        Self.read(file, formats: formats, datesOrderItems: datesOrderItems, stories: &stories, warnings: &warnings)
    }

    /// Reads one file and parses it with the format that claims it, adding its stories and warning lines.
    @discardableResult
    public static func read(_ file: StoryFile, formats: StoryFormats, datesOrderItems: Bool, stories: inout [Story],
                            warnings: inout [String], headFirst: Bool = false) -> FileRest? {
        switch StoryFileReader.open(file) {
        case .failure(let reason):
            warnings.append("\(file.visiblePath): \(reason)")
        case .success(let opened):
            let format = opened.head.withUnsafeBufferPointer { formats.format(for: $0) }
            if headFirst, let start = format.parseHead(pieces: opened, file: file.path), opened.failure == nil, !start.stories.isEmpty {
                let shown = datesOrderItems ? newestFirst(start.stories, undatedAt: file.modified) : start.stories
                let rest = FileRest(file: file, opened: opened, whole: start.whole, shownCount: shown.count,
                                    datesOrderItems: datesOrderItems, base: stories.count)
                stories += shown
                return rest
            }
            let result = parse(opened, file: file, format: format)
            if let failure = opened.failure {
                warnings.append("\(file.visiblePath): \(failure)")
                return nil
            }
            let found = datesOrderItems ? newestFirst(result.stories, undatedAt: file.modified) : result.stories
            // The first file's stories are taken whole rather than copied one by one.
            if stories.isEmpty { stories = found } else { stories += found }
            warnings += problemLines(result, file: file)
        }
        return nil
    }

    /// One line for each part of the file that gave no story (when others did), and why it gave none.
    static func problemLines(_ result: ParseResult, file: StoryFile) -> [String] {
        var lines = result.stories.isEmpty ? [] : result.problems.map { "\(file.visiblePath): \($0)" }
        if let failure = result.failure { lines.append("\(file.visiblePath): \(failure)") }
        return lines
    }

    /// The file parsed by `format` (the one its first bytes chose): a piece at a time when the format can.
    static func parse(_ opened: OpenStoryFile, file: StoryFile, format: StoryFormat) -> ParseResult {
        if format.readsInPieces { return format.parse(pieces: opened, file: file.path) }
        switch opened.readAll() {
        case .failure: return ParseResult(stories: []) // the reader's failure is reported
        case .success(let bytes): return bytes.withUnsafeBufferPointer { format.parse($0, file: file.path, rereading: opened.rereading) }
        }
    }

    /// The stories of a file not shown yet and the places they take, when its first `shownCount` stories
    /// (in file order) are shown already: in the list order `order` gives (positions in the file; nil for
    /// file order), the shown ones keeping their places relative to each other. Found from positions alone:
    /// looking into 10,000 stories to ask where each came from took milliseconds.
    static func remaining(_ stories: consuming [Story], order: [Int]?, shownCount: Int) -> (stories: [Story], places: [Int]) {
        guard let order else {
            // In file order the rest is the stories without the first few: moved down, not copied.
            var rest = stories
            let places = Array(shownCount..<max(shownCount, rest.count))
            rest.removeFirst(min(shownCount, rest.count))
            return (rest, places)
        }
        var rest: [Story] = [], places: [Int] = []
        rest.reserveCapacity(stories.count - shownCount)
        places.reserveCapacity(stories.count - shownCount)
        for (place, position) in order.enumerated() where position >= shownCount {
            rest.append(stories[position])
            places.append(place)
        }
        return (rest, places)
    }

    /// Stories newest first by their dates, those without one at the file's modification time (standard
    /// input counts as now); ties keep the file's order. A text export has no dates: its order stays.
    static func newestFirst(_ stories: [Story], undatedAt modified: StoryFile.Timestamp) -> [Story] {
        newestOrder(stories, undatedAt: modified).map { $0.map { stories[$0] } } ?? stories
    }

    /// The positions of `stories` newest first, as `newestFirst` orders them; nil when no story has a date
    /// and their order stays.
    static func newestOrder(_ stories: [Story], undatedAt modified: StoryFile.Timestamp) -> [Int]? {
        // All of a file's stories are of one kind, and a text export's have no dates.
        guard stories.first?.kind != .text, stories.contains(where: { $0.date != nil }) else { return nil }
        let fallback = modified == .distantFuture ? Int64(time(nil)) : Int64(modified.seconds)
        // Positions are sorted by dates read out once, rather than the stories themselves by dates read
        // through each story at every comparison: 10,000 feed items sort in a fraction of the time.
        let dates = stories.map { $0.date?.secondsSince1970 ?? fallback }
        return dates.indices.sorted { a, b in dates[a] != dates[b] ? dates[a] > dates[b] : a < b }
    }
}

/// The rest of a file whose first stories are listed already (see `LibraryLoader.readFirst`): reading it
/// gives the other stories with the places they take in the list, so the list ends as a whole read of
/// the file would have made it.
public final class FileRest: Sendable {
    private let file: StoryFile
    // Read by the one thread that calls `finish`, once.
    nonisolated(unsafe) private let opened: OpenStoryFile
    /// The whole file's parse, running on another thread from the moment the format knew it was wanted:
    /// the reader's terminal and first frame are made meanwhile.
    private let whole: RunningParse
    /// How many of the file's first stories are shown already: the format gave them ahead of the rest, and
    /// they are the first stories of its whole parse.
    private let shownCount: Int
    private let datesOrderItems: Bool
    /// Where the file's first shown story is in the list.
    public let base: Int

    init(file: StoryFile, opened: OpenStoryFile, whole: RunningParse, shownCount: Int, datesOrderItems: Bool, base: Int) {
        (self.file, self.opened, self.whole, self.shownCount, self.datesOrderItems, self.base) = (file, opened, whole, shownCount, datesOrderItems, base)
    }

    /// Runs `body` on a pool thread once the whole file is parsed, without holding a thread meanwhile.
    public func whenParsed(_ body: @escaping @Sendable () -> Void) { whole.whenDone(body) }

    /// The whole file once it is parsed (waiting for that): the stories not shown yet, the list places they
    /// go to (in increasing order, each counted in the list as it will be once those before it are in), and
    /// the file's warnings. Called once.
    public func finish() -> (stories: [Story], places: [Int], warnings: [String]) {
        var result = whole.take()
        // A file that could not be read to its end gives nothing more than what is shown, as a file that
        // could not be read gives nothing.
        if let failure = opened.failure { return ([], [], ["\(file.visiblePath): \(failure)"]) }
        let warnings = LibraryLoader.problemLines(result, file: file)
        let order = datesOrderItems ? LibraryLoader.newestOrder(result.stories, undatedAt: file.modified) : nil
        // Taken out of the result, so that `remaining` holds the only reference and can move them.
        let all = result.stories
        result.stories = []
        let (stories, places) = LibraryLoader.remaining(all, order: order, shownCount: shownCount)
        return (stories, places.map { base + $0 }, warnings)
    }
}
