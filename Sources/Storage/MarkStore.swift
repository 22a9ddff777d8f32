import ArticleModel
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Read and starred marks in a SQLite file, one row per story: a text export is known by its content
/// (publisher, title and dek), so it keeps its marks when its file is moved, renamed or edited elsewhere; a
/// feed item by its identity (its feed and its id, link, or title and date), so it keeps them when edited.
///
/// The file is in WAL mode, so two readers can have it open at once; every mark is committed when it is
/// made, so a signal or a crash right after loses nothing. For example:
/// ```
/// let store = try MarkStore(path: "/tmp/state.sqlite")
/// try store.save([.read], for: story)
/// store.marks(for: [story])   // [[.read]]
/// ```
public final class MarkStore: MarkKeeping, Sendable {
    public enum OpenError: Error, CustomStringConvertible {
        case cannotCreateFolder(String, String)
        case unusable(String, String)

        public var description: String {
            switch self {
            case .cannotCreateFolder(let folder, let why):
                return "cannot create the state folder \(VisibleName.of(folder)) (\(why)); read marks will not be saved"
            case .unusable(let path, let why):
                return "cannot use the state file \(VisibleName.of(path)) (\(why)); read marks will not be saved"
            }
        }
    }

    private let pool: DatabasePool
    public let path: String
    /// A warning to show once (a damaged file that was moved aside), if any.
    public let notice: String?

    /// How long a write waits for another Tidings holding the file before it gives up.
    static let busyTimeout: Double = 2

    /// Opens (creating if needed) the state file. A file that is not a usable database is moved aside,
    /// kept, and replaced by a fresh one, with `notice` saying so.
    public init(path: String) throws {
        self.path = path
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !folder.isEmpty, let failure = Self.makeFolder(folder) { throw OpenError.cannotCreateFolder(folder, failure) }
        do {
            pool = try Self.openPool(path)
            notice = nil
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            let aside = path + ".damaged-\(time(nil))"
            guard rename(path, aside) == 0 else { throw OpenError.unusable(path, "damaged, and it could not be moved aside") }
            for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
            do {
                pool = try Self.openPool(path)
            } catch {
                throw OpenError.unusable(path, Self.describe(error))
            }
            notice = "the state file \(VisibleName.of(path)) was damaged; it was moved to \(VisibleName.of(aside)) and a new one started"
        } catch {
            throw OpenError.unusable(path, Self.describe(error))
        }
    }

    private static func openPool(_ path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        // One reader is plenty for look-ups made one batch at a time; each connection keeps its own cache.
        configuration.maximumReaderCount = 1
        let pool = try DatabasePool(path: path, configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: story marks") { db in
            try db.create(table: "storyMarks") { table in
                table.column("publisher", .text).notNull()
                table.column("title", .text).notNull()
                table.column("dek", .text).notNull()
                table.column("read", .boolean).notNull().defaults(to: false)
                table.column("starred", .boolean).notNull().defaults(to: false)
                table.column("changedAt", .double).notNull()
                table.primaryKey(["publisher", "title", "dek"])
            }
        }
        migrator.registerMigration("v2: feed item marks") { db in
            try db.create(table: "itemMarks") { table in
                table.column("identity", .text).notNull().primaryKey()
                table.column("read", .boolean).notNull().defaults(to: false)
                table.column("starred", .boolean).notNull().defaults(to: false)
                table.column("changedAt", .double).notNull()
            }
        }
        try migrator.migrate(pool)
        return pool
    }

    public func marks(for stories: ArraySlice<Story>) throws -> [StoryMarks] { try savedMarks(of: stories) }

    /// The saved marks of each story, in order; stories never marked get none.
    public func marks(for stories: [Story]) throws -> [StoryMarks] { try savedMarks(of: stories) }

    private func savedMarks(of stories: some Collection<Story>) throws -> [StoryMarks] {
        guard !stories.isEmpty else { return [] }
        return try pool.read { db in
            let byContent = try db.cachedStatement(sql: "SELECT read, starred FROM storyMarks WHERE publisher = ? AND title = ? AND dek = ?")
            let byIdentity = try db.cachedStatement(sql: "SELECT read, starred FROM itemMarks WHERE identity = ?")
            return try stories.map { story in
                let row = try story.identity.map { try Row.fetchOne(byIdentity, arguments: [$0]) }
                    ?? Row.fetchOne(byContent, arguments: [story.publisher, story.title, story.dek ?? ""])
                guard let row else { return [] }
                var marks: StoryMarks = []
                if row["read"] as Bool { marks.insert(.read) }
                if row["starred"] as Bool { marks.insert(.starred) }
                return marks
            }
        }
    }

    /// Saves one story's marks, committed before this returns.
    public func save(_ marks: StoryMarks, for story: Story) throws {
        if let identity = story.identity {
            try pool.write { db in
                try db.execute(
                    sql: """
                    INSERT INTO itemMarks (identity, read, starred, changedAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT(identity) DO UPDATE SET read = excluded.read, starred = excluded.starred, changedAt = excluded.changedAt
                    """,
                    arguments: [identity, marks.contains(.read), marks.contains(.starred), Double(time(nil))])
            }
            return
        }
        try pool.write { db in
            try db.execute(
                sql: """
                INSERT INTO storyMarks (publisher, title, dek, read, starred, changedAt) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(publisher, title, dek) DO UPDATE SET read = excluded.read, starred = excluded.starred,
                changedAt = excluded.changedAt
                """,
                arguments: [story.publisher, story.title, story.dek ?? "", marks.contains(.read), marks.contains(.starred), Double(time(nil))])
        }
    }

    /// Holds the write lock while `body` runs, as another Tidings in the middle of a save would: for tests
    /// of a file that stays locked.
    func holdWriteLock(_ body: () -> Void) throws {
        try pool.write { _ in body() }
    }

    /// The default place: `$XDG_STATE_HOME/tidings/state.sqlite`, else `~/.local/state/tidings/state.sqlite`.
    public static func defaultPath() -> String? {
        if let state = getenv("XDG_STATE_HOME").map({ String(cString: $0) }), state.hasPrefix("/") {
            return state + "/tidings/state.sqlite"
        }
        guard let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty else { return nil }
        return home + "/.local/state/tidings/state.sqlite"
    }

    /// Creates `folder` and its parents; the reason on failure.
    private static func makeFolder(_ folder: String) -> String? {
        var partial = ""
        for component in folder.split(separator: "/", omittingEmptySubsequences: true) {
            partial += "/" + component
            if mkdir(partial, 0o700) != 0, errno != EEXIST { return String(cString: strerror(errno)) }
        }
        return access(folder, W_OK) == 0 ? nil : String(cString: strerror(EACCES))
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        return "\(error)"
    }
}
