import ArticleModel
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
    private let file: SQLiteFile
    public var path: String { file.path }
    /// A warning to show once (a damaged file that was moved aside), if any.
    public var notice: String? { file.notice }

    static let migrations = [
        SQLiteFile.Migration(name: "v1: story marks", statements: ["""
            CREATE TABLE storyMarks (publisher TEXT NOT NULL, title TEXT NOT NULL, dek TEXT NOT NULL,
                read BOOLEAN NOT NULL DEFAULT 0, starred BOOLEAN NOT NULL DEFAULT 0, changedAt DOUBLE NOT NULL,
                PRIMARY KEY (publisher, title, dek))
            """]),
        SQLiteFile.Migration(name: "v2: feed item marks", statements: ["""
            CREATE TABLE itemMarks (identity TEXT NOT NULL PRIMARY KEY, read BOOLEAN NOT NULL DEFAULT 0,
                starred BOOLEAN NOT NULL DEFAULT 0, changedAt DOUBLE NOT NULL)
            """]),
    ]

    /// Opens (creating if needed) the state file. A file that is not a usable database is moved aside,
    /// kept, and replaced by a fresh one, with `notice` saying so.
    public init(path: String) throws {
        file = try SQLiteFile(path: path, what: "state file", folder: "state folder", consequence: "read marks will not be saved",
                              migrations: Self.migrations)
    }

    public func marks(for stories: ArraySlice<Story>) throws -> [StoryMarks] { try savedMarks(of: stories) }

    /// The saved marks of each story, in order; stories never marked get none.
    public func marks(for stories: [Story]) throws -> [StoryMarks] { try savedMarks(of: stories) }

    private func savedMarks(of stories: some Collection<Story>) throws -> [StoryMarks] {
        guard !stories.isEmpty else { return [] }
        return try file.read { db in
            if stories.count >= Self.storiesWorthAScan { return try Self.marksByScan(of: stories, db) }
            return try stories.map { story in
                let row = try story.identity.map { try db.firstRow("SELECT read, starred FROM itemMarks WHERE identity = ?", [.text($0)]) }
                    ?? db.firstRow("SELECT read, starred FROM storyMarks WHERE publisher = ? AND title = ? AND dek = ?",
                                   [.text(story.publisher), .text(story.title), .text(story.dek ?? "")])
                guard let row else { return [] }
                return Self.marks(read: row[0].flag, starred: row[1].flag)
            }
        }
    }

    /// From this many stories on, every saved mark is read once and the stories looked up in memory: one
    /// query per story took 80 ms for a 10,000-item feed, on the reader's thread just after its first
    /// screen, where it delayed the first key.
    static let storiesWorthAScan = 256

    private static func marksByScan(of stories: some Collection<Story>, _ db: SQLConnection) throws -> [StoryMarks] {
        var items: [String: StoryMarks] = [:]
        if stories.contains(where: { $0.identity != nil }) {
            try db.forEachRow("SELECT identity, read, starred FROM itemMarks") { row in
                items[row.text(0) ?? ""] = marks(read: row.integer(1) ?? 0 != 0, starred: row.integer(2) ?? 0 != 0)
            }
        }
        var exports: [TextExportKey: StoryMarks] = [:]
        if stories.contains(where: { $0.identity == nil }) {
            try db.forEachRow("SELECT publisher, title, dek, read, starred FROM storyMarks") { row in
                let key = TextExportKey(publisher: row.text(0) ?? "", title: row.text(1) ?? "", dek: row.text(2) ?? "")
                exports[key] = marks(read: row.integer(3) ?? 0 != 0, starred: row.integer(4) ?? 0 != 0)
            }
        }
        return stories.map { story in
            guard let identity = story.identity else {
                return exports[TextExportKey(publisher: story.publisher, title: story.title, dek: story.dek ?? "")] ?? []
            }
            return items[identity] ?? []
        }
    }

    /// How a text export's marks are kept: by what it says, not where it is.
    private struct TextExportKey: Hashable {
        var publisher: String
        var title: String
        var dek: String
    }

    private static func marks(read: Bool, starred: Bool) -> StoryMarks {
        var marks: StoryMarks = []
        if read { marks.insert(.read) }
        if starred { marks.insert(.starred) }
        return marks
    }

    /// Saves one story's marks, committed before this returns.
    public func save(_ marks: StoryMarks, for story: Story) throws {
        let flags: [SQLValue] = [SQLValue(marks.contains(.read)), SQLValue(marks.contains(.starred)), .real(Double(time(nil)))]
        try file.write { db in
            if let identity = story.identity {
                try db.execute("""
                    INSERT INTO itemMarks (identity, read, starred, changedAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT(identity) DO UPDATE SET read = excluded.read, starred = excluded.starred, changedAt = excluded.changedAt
                    """, [.text(identity)] + flags)
            } else {
                try db.execute("""
                    INSERT INTO storyMarks (publisher, title, dek, read, starred, changedAt) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(publisher, title, dek) DO UPDATE SET read = excluded.read, starred = excluded.starred,
                    changedAt = excluded.changedAt
                    """, [.text(story.publisher), .text(story.title), .text(story.dek ?? "")] + flags)
            }
        }
    }

    /// Holds the write lock while `body` runs, as another Tidings in the middle of a save would: for tests
    /// of a file that stays locked.
    func holdWriteLock(_ body: () -> Void) throws {
        try file.holdWriteLock(body)
    }

    /// The default place: `$XDG_STATE_HOME/tidings/state.sqlite`, else `~/.local/state/tidings/state.sqlite`.
    public static func defaultPath() -> String? {
        XDGPlace.path("XDG_STATE_HOME", fallback: ".local/state", file: "state.sqlite")
    }
}

/// Where the XDG base directories put Tidings' files.
public enum XDGPlace {
    /// `$VARIABLE/tidings/FILE` when the variable holds an absolute path, else `~/FALLBACK/tidings/FILE`.
    public static func path(_ variable: String, fallback: String, file: String) -> String? {
        if let value = getenv(variable).map({ String(cString: $0) }), value.hasPrefix("/") {
            return value + "/tidings/" + file
        }
        guard let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty else { return nil }
        return home + "/" + fallback + "/tidings/" + file
    }
}
