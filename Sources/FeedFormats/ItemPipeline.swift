import ArticleModel
import Dispatch
import Synchronization

/// Turns a feed's items into stories on other cores while the XML parser reads on, a batch at a time. At
/// most a few batches wait, so a large feed's items are never all held at once; stories come out in the
/// feed's order. Reading HTML is most of the work of a feed, and this is where two cores halve it
/// (`tidings-bench file` shows the figure).
final class ItemPipeline: Sendable {
    private let builder: ItemStoryBuilder
    /// How the stories are named: from the channel as it was at the first item.
    let naming: ItemStoryBuilder.Naming
    private let finished = Mutex<[(first: Int, stories: [Story?])]>([])
    private let group = DispatchGroup()
    private let slots = DispatchSemaphore(value: 4)
    private static let batchSize = 64

    private let pending = Mutex<(items: [FeedItem], first: Int)>(([], 0))

    init(builder: ItemStoryBuilder, naming: ItemStoryBuilder.Naming) {
        self.builder = builder
        self.naming = naming
    }

    /// Adds the next item of the feed; a full batch goes off to be converted.
    func add(_ item: FeedItem, channel: FeedChannel) {
        let batch: (items: [FeedItem], first: Int)? = pending.withLock { pending in
            pending.items.append(item)
            guard pending.items.count == Self.batchSize else { return nil }
            let full = pending
            pending = ([], full.first + full.items.count)
            return full
        }
        if let batch { submit(batch.items, first: batch.first, channel: channel) }
    }

    private func submit(_ items: [FeedItem], first: Int, channel: FeedChannel) {
        slots.wait()
        let builder = self.builder
        DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in
            let stories = items.enumerated().map {
                builder.story(from: $0.element, index: first + $0.offset, channel: channel, naming: naming)
            }
            finished.withLock { $0.append((first, stories)) }
            slots.signal()
        }
    }

    /// Every item's story, in the feed's order (nil for an item that could not be one), once all are done.
    func finish(channel: FeedChannel) -> [Story?] {
        let last = pending.withLock { pending in
            defer { pending = ([], pending.first + pending.items.count) }
            return pending
        }
        if !last.items.isEmpty { submit(last.items, first: last.first, channel: channel) }
        group.wait()
        // Taken out, so the stories are held once: renumbering them later changes them in place.
        let batches = finished.withLock { finished in
            defer { finished = [] }
            return finished
        }
        return batches.sorted { $0.first < $1.first }.flatMap(\.stories)
    }
}
