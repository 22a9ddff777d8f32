/// The stories the reader shows, with each story's layout cached per width so that a key press costs
/// what is visible, not a re-wrap of the whole story.
///
/// Not thread-safe: the reader's one loop owns it.
public final class StoryLibrary {
    public private(set) var stories: [Story]
    private var cache: [CacheKey: DetailLayout] = [:]
    private var cacheOrder: [CacheKey] = []
    /// Layouts kept: the selected story at the current width, a few neighbours and the previous width.
    private let cacheLimit = 8

    private struct CacheKey: Hashable {
        var story: Int
        var width: Int
    }

    public init(_ stories: [Story]) { self.stories = stories }

    public var count: Int { stories.count }

    public func append(contentsOf more: [Story]) { stories += more }

    public func layout(of index: Int, width: Int) -> DetailLayout {
        let key = CacheKey(story: index, width: width)
        if let hit = cache[key] { return hit }
        let layout = DetailLayout(story: stories[index], width: width)
        cache[key] = layout
        cacheOrder.append(key)
        if cacheOrder.count > cacheLimit { cache[cacheOrder.removeFirst()] = nil }
        return layout
    }
}
