import ArticleModel
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Reads and parses story files on a background thread, in list order, handing the stories over in
/// batches. The reader's loop polls `wakeFD`, which becomes readable whenever a batch is waiting, and
/// then calls `take()`; it never waits for the loader.
public final class BackgroundLoader: Sendable {
    /// What has arrived since the last `take()`, and how far the loader has got.
    public struct Batch: Sendable, Equatable {
        /// Stories that go in among those listed, at `insertedAt` (the rest of a file whose first stories
        /// are listed already); they go in before `stories` join the end.
        public var inserted: [Story] = []
        public var insertedAt: [Int] = []
        /// True once the rest of that file has been read, whether or not it gave more stories.
        public var fileCompleted = false
        public var stories: [Story] = []
        public var warnings: [String] = []
        /// Files read so far, counting those read before the loader started.
        public var filesDone: Int
        public var finished: Bool

        public init(stories: [Story] = [], warnings: [String] = [], filesDone: Int, finished: Bool) {
            self.stories = stories
            self.warnings = warnings
            self.filesDone = filesDone
            self.finished = finished
        }
    }

    /// Readable when a batch is waiting.
    public let wakeFD: Int32
    private let wakeWriteFD: Int32
    private let files: [StoryFile]
    private let firstFile: Int
    private let formats: StoryFormats
    private let datesOrderItems: Bool
    private let rest: FileRest?
    private let pending: Mutex<Batch>
    /// Files read before a batch is handed over; a batch also goes when it holds many stories.
    private static let filesPerBatch = 64

    /// Will load `files[firstFile...]`; the first `firstFile` were read already, but for `rest`, the rest
    /// of the last of them, which is read first.
    public init(files: [StoryFile], from firstFile: Int, rest: FileRest? = nil, formats: StoryFormats = .standard,
                datesOrderItems: Bool = true) {
        self.files = files
        self.firstFile = firstFile
        self.rest = rest
        self.formats = formats
        self.datesOrderItems = datesOrderItems
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        wakeFD = fds[0]
        wakeWriteFD = fds[1]
        pending = Mutex(Batch(filesDone: firstFile - (rest == nil ? 0 : 1), finished: firstFile >= files.count && rest == nil))
    }

    deinit {
        close(wakeFD)
        close(wakeWriteFD)
    }

    public func start() {
        guard firstFile < files.count || rest != nil else { return }
        guard let rest else {
            DispatchQueue.global(qos: .userInitiated).async { [self] in readFiles() }
            return
        }
        // Not a wait: a pool thread blocked on the rest's parse, which needs pool threads of its own, stalled
        // it for a second until the pool grew.
        rest.whenParsed { [self] in
            publish(rest.finish())
            readFiles()
        }
    }

    /// Hands the rest of the first file to the reader.
    private func publish(_ finished: (stories: [Story], places: [Int], warnings: [String])) {
        pending.withLock { batch in
            batch.inserted = finished.stories
            batch.insertedAt = finished.places
            batch.fileCompleted = true
            batch.warnings += finished.warnings
            batch.filesDone = firstFile
            batch.finished = firstFile >= files.count
        }
        wake()
    }

    private func readFiles() {
        var stories: [Story] = []
        var warnings: [String] = []
        for index in firstFile..<files.count {
            LibraryLoader.read(files[index], formats: formats, datesOrderItems: datesOrderItems, stories: &stories, warnings: &warnings)
            let done = index + 1
            if done == files.count || (done - firstFile) % Self.filesPerBatch == 0 || stories.count >= 512 {
                pending.withLock { batch in
                    batch.stories += stories
                    batch.warnings += warnings
                    batch.filesDone = done
                    batch.finished = done == files.count
                }
                stories.removeAll(keepingCapacity: true)
                warnings.removeAll(keepingCapacity: true)
                wake()
            }
        }
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriteFD, &byte, 1) // a full pipe already says "wake up"
    }

    /// Everything that arrived since the last call; clears the wake-up.
    public func take() -> Batch {
        var sink = [UInt8](repeating: 0, count: 256)
        while read(wakeFD, &sink, sink.count) > 0 {}
        return pending.withLock { batch in
            let taken = batch
            batch.inserted = []
            batch.insertedAt = []
            batch.fileCompleted = false
            batch.stories = []
            batch.warnings = []
            return taken
        }
    }
}
