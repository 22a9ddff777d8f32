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
            try stories.map { story in
                let row = try story.identity.map { try db.firstRow("SELECT read, starred FROM itemMarks WHERE identity = ?", [.text($0)]) }
                    ?? db.firstRow("SELECT read, starred FROM storyMarks WHERE publisher = ? AND title = ? AND dek = ?",
                                   [.text(story.publisher), .text(story.title), .text(story.dek ?? "")])
                guard let row else { return [] }
                var marks: StoryMarks = []
                if row[0].flag { marks.insert(.read) }
                if row[1].flag { marks.insert(.starred) }
                return marks
            }
        }
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
