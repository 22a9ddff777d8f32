/// The stories the reader shows, with each story's layout cached per width so that a key press costs
/// what is visible, not a re-wrap of the whole story.
///
/// Not thread-safe: the reader's one loop owns it.
public final class StoryLibrary {
    public private(set) var stories: [Story]
    /// The time the list's dates are relative to, and the local time's distance from UTC for every date shown.
    public var clock: ReaderClock {
        didSet {
            if clock.utcOffset != oldValue.utcOffset { cache = [:]; cacheOrder = [] }
        }
    }
    private var cache: [CacheKey: DetailLayout] = [:]
    private var cacheOrder: [CacheKey] = []
    /// Layouts kept: the selected story at the current width, a few neighbours and the previous width.
    private let cacheLimit = 8

    private struct CacheKey: Hashable {
        var story: Int
        var width: Int
    }

    public init(_ stories: [Story], clock: ReaderClock = ReaderClock()) {
        self.stories = stories
        self.clock = clock
    }

    public var count: Int { stories.count }

    public func append(contentsOf more: [Story]) { stories += more }

    /// Puts stories in at these places of the new list (ascending, one for each story). Layouts of stories
    /// after the first place are dropped, since the indices they were kept under have moved; those before
    /// it stay (the rest of a large file goes in after the story being read, which need not be laid out
    /// again for the frame that lists it).
    public func insert(_ more: consuming [Story], at places: [Int]) {
        if let first = places.first, first == stories.count, places.last == first + places.count - 1 {
            // All after the stories listed (the rest of a large file read in its order): those few go in
            // before the many, which are moved rather than copied one by one (a copy counts each story,
            // and 10,000 stories made on other cores cost a millisecond of cache misses).
            var merged = more
            merged.insert(contentsOf: stories, at: 0)
            stories = merged
        } else {
            stories = Self.inserting(more, at: places, into: stories)
        }
        guard let firstMoved = places.first else { return }
        cache = cache.filter { $0.key.story < firstMoved }
        cacheOrder.removeAll { $0.story >= firstMoved }
    }

    /// `stories` with `more` put in at `places`, the places they hold in the result (in increasing order).
    public static func inserting(_ more: [Story], at places: [Int], into stories: [Story]) -> [Story] {
        var merged: [Story] = []
        merged.reserveCapacity(stories.count + more.count)
        var old = stories[...], next = 0
        for place in 0..<(stories.count + more.count) {
            if next < places.count, places[next] == place {
                merged.append(more[next])
                next += 1
            } else if let story = old.popFirst() {
                merged.append(story)
            }
        }
        return merged
    }

    /// A newer version of a story already listed (an edited feed item), in its place.
    public func replace(_ index: Int, with story: Story) {
        stories[index] = story
        for key in cacheOrder where key.story == index { cache[key] = nil }
    }

    public func layout(of index: Int, width: Int) -> DetailLayout {
        let key = CacheKey(story: index, width: width)
        if let hit = cache[key] { return hit }
        let layout = DetailLayout(story: stories[index], width: width, utcOffset: clock.utcOffset, showsPublisher: false)
        cache[key] = layout
        cacheOrder.append(key)
        if cacheOrder.count > cacheLimit { cache[cacheOrder.removeFirst()] = nil }
        return layout
    }
}

/// What the reader knows of the time: now, and how far local time is from UTC (in seconds east). Kept
/// apart from the clock itself so screens are pure functions of what they are given.
public struct ReaderClock: Equatable, Sendable {
    public var now: StoryDate
    public var utcOffset: Int
    public init(now: StoryDate = StoryDate(secondsSince1970: 0), utcOffset: Int = 0) {
        self.now = now
        self.utcOffset = utcOffset
    }
}
