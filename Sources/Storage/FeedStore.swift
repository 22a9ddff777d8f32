import ArticleModel
import FeedFormats

/// Fetched feeds and their items in a SQLite file (WAL mode, so the reader can read while a fetch writes).
/// Each feed is kept in one transaction, so a fetch killed halfway loses nothing already kept and leaves
/// no feed half-written. An item that leaves its feed stays; a changed item replaces the old one (its
/// marks, kept by identity in the state file, stay with it); an item fetched twice is kept once.
///
/// ```
/// let store = try FeedStore(path: "/tmp/feeds.sqlite")
/// try store.keep(feed, url: "https://h.example/rss", validators: .init(etag: "\"7\""), at: now)  // (new: 12, changed: 0)
/// try store.stories(of: ["https://h.example/rss"])   // newest first
/// ```
public final class FeedStore: Sendable {
    private let file: SQLiteFile
    public var path: String { file.path }
    /// A warning to show once (a damaged file that was moved aside), if any.
    public var notice: String? { file.notice }

    /// What a server said about a feed's version, sent back so an unchanged feed costs a 304.
    public struct Validators: Equatable, Sendable {
        public var etag: String?
        public var lastModified: String?
        public init(etag: String? = nil, lastModified: String? = nil) {
            self.etag = etag
            self.lastModified = lastModified
        }
    }

    /// A feed's row: how it was last fetched.
    public struct FeedRecord: Equatable, Sendable {
        public var url: String
        public var title: String?
        public var validators: Validators
        public var lastSuccess: Int64?
        public var lastError: String?
    }

    static let migrations = [
        SQLiteFile.Migration(name: "v1: feeds and items", statements: [
            """
            CREATE TABLE feeds (url TEXT NOT NULL PRIMARY KEY, title TEXT, link TEXT, kind TEXT, etag TEXT, lastModified TEXT,
                lastSuccess INTEGER, lastError TEXT, lastAttempt INTEGER)
            """,
            """
            CREATE TABLE items (feed TEXT NOT NULL, key TEXT NOT NULL, position INTEGER NOT NULL, firstSeen INTEGER NOT NULL,
                sortTime INTEGER NOT NULL, title TEXT NOT NULL, dek TEXT, link TEXT, date INTEGER, author TEXT,
                content BLOB, contentIsHTML BOOLEAN, summary BLOB, summaryIsHTML BOOLEAN, media TEXT, base TEXT,
                PRIMARY KEY (feed, key))
            """,
            "CREATE INDEX itemsNewestFirst ON items (sortTime DESC, feed, position)",
        ]),
    ]

    public init(path: String) throws {
        file = try SQLiteFile(path: path, what: "feed store", folder: "data folder", consequence: "fetched stories cannot be kept",
                              migrations: Self.migrations)
    }

    /// The default place: `$XDG_DATA_HOME/tidings/feeds.sqlite`, else `~/.local/share/tidings/feeds.sqlite`.
    public static func defaultPath() -> String? {
        XDGPlace.path("XDG_DATA_HOME", fallback: ".local/share", file: "feeds.sqlite")
    }

    public func record(for url: String) throws -> FeedRecord? {
        try file.read { db in
            try db.firstRow("SELECT title, etag, lastModified, lastSuccess, lastError FROM feeds WHERE url = ?", [.text(url)]).map { row in
                FeedRecord(url: url, title: row[0].text, validators: Validators(etag: row[1].text, lastModified: row[2].text),
                           lastSuccess: row[3].integer, lastError: row[4].text)
            }
        }
    }

    /// Keeps a fetched feed and its validators, all in one transaction; returns how many of its entries were
    /// new and how many replaced a changed version.
    @discardableResult
    public func keep(_ feed: FetchedFeed, url: String, validators: Validators, at now: Int64) throws -> (new: Int, changed: Int) {
        try file.write { db in
            try db.execute("""
                INSERT INTO feeds (url, title, link, kind, etag, lastModified, lastSuccess, lastError, lastAttempt)
                VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)
                ON CONFLICT(url) DO UPDATE SET title = excluded.title, link = excluded.link, kind = excluded.kind, etag = excluded.etag,
                lastModified = excluded.lastModified, lastSuccess = excluded.lastSuccess, lastError = NULL, lastAttempt = excluded.lastAttempt
                """, [.text(url), .text(feed.title), SQLValue(feed.link), .text(feed.kind.rawValue), SQLValue(validators.etag),
                      SQLValue(validators.lastModified), .integer(now), .integer(now)])
            var counts = (new: 0, changed: 0)
            for (position, entry) in feed.entries.enumerated() {
                switch try keep(entry, position: position, feed: url, now: now, db) {
                case .new: counts.new += 1
                case .changed: counts.changed += 1
                case .same: break
                }
            }
            return counts
        }
    }

    private enum Outcome { case new, changed, same }

    private func keep(_ entry: FeedEntry, position: Int, feed: String, now: Int64, _ db: SQLConnection) throws -> Outcome {
        let fields = Self.fields(of: entry)
        let existing = try db.firstRow("""
            SELECT title, dek, link, date, author, content, contentIsHTML, summary, summaryIsHTML, media, base, firstSeen
            FROM items WHERE feed = ? AND key = ?
            """, [.text(feed), .text(entry.key)])
        if let existing, Array(existing.prefix(fields.count)) == fields {
            try db.execute("UPDATE items SET position = ? WHERE feed = ? AND key = ?", [.integer(Int64(position)), .text(feed), .text(entry.key)])
            return .same
        }
        let firstSeen = existing?[11].integer ?? now
        try db.execute("""
            INSERT OR REPLACE INTO items (feed, key, position, firstSeen, sortTime, title, dek, link, date, author, content, contentIsHTML,
                summary, summaryIsHTML, media, base)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(feed), .text(entry.key), .integer(Int64(position)), .integer(firstSeen),
                  .integer(entry.date?.secondsSince1970 ?? firstSeen)] + fields)
        return existing == nil ? .new : .changed
    }

    /// The stored columns of an entry, from `title` to `base`.
    static func fields(of entry: FeedEntry) -> [SQLValue] {
        let body = entry.body
        return [.text(entry.title), SQLValue(entry.dek), SQLValue(entry.link), SQLValue(entry.date?.secondsSince1970), SQLValue(entry.author),
                body.content.map { .blob($0.bytes) } ?? .null, body.content.map { SQLValue($0.isHTML) } ?? .null,
                body.summary.map { .blob($0.bytes) } ?? .null, body.summary.map { SQLValue($0.isHTML) } ?? .null,
                .text(MediaColumn.write(body.media)), SQLValue(body.base)]
    }

    /// A fetch that got `304 Not Modified`: nothing changed but the time of the last success.
    public func recordNotModified(url: String, at now: Int64) throws {
        try file.write { db in
            try db.execute("""
                INSERT INTO feeds (url, lastSuccess, lastAttempt) VALUES (?, ?, ?)
                ON CONFLICT(url) DO UPDATE SET lastSuccess = excluded.lastSuccess, lastError = NULL, lastAttempt = excluded.lastAttempt
                """, [.text(url), .integer(now), .integer(now)])
        }
    }

    public func recordFailure(url: String, reason: String, at now: Int64) throws {
        try file.write { db in
            try db.execute("""
                INSERT INTO feeds (url, lastError, lastAttempt) VALUES (?, ?, ?)
                ON CONFLICT(url) DO UPDATE SET lastError = excluded.lastError, lastAttempt = excluded.lastAttempt
                """, [.text(url), .text(reason), .integer(now)])
        }
    }

    /// Forgets a feed and its items (`tidings remove`).
    public func forget(url: String) throws {
        try file.write { db in
            try db.execute("DELETE FROM items WHERE feed = ?", [.text(url)])
            try db.execute("DELETE FROM feeds WHERE url = ?", [.text(url)])
        }
    }

    /// The stories of these feeds, newest first (an undated item at the time it was first fetched), each
    /// body read from the store when it is first shown.
    public func stories(of feeds: Set<String>) throws -> [Story] {
        try file.read { db in
            var names: [String: (title: String, kind: StoryKind)] = [:]
            try db.forEachRow("SELECT url, title, kind FROM feeds") { row in
                guard let url = row.text(0) else { return }
                names[url] = (row.text(1) ?? feedHost(url), row.text(2).flatMap(StoryKind.init(rawValue:)) ?? .rss)
            }
            var stories: [Story] = []
            var index = -1
            try db.forEachRow("SELECT rowid, feed, key, title, dek, link, date, author FROM items ORDER BY sortTime DESC, feed, position") { row in
                index += 1
                guard let feed = row.text(1), feeds.contains(feed), let key = row.text(2), let title = row.text(3),
                      let rowid = row.integer(0) else { return }
                let name = names[feed] ?? (feedHost(feed), .rss)
                stories.append(Story(publisher: name.title, title: title, dek: row.text(4), source: StorySource(file: feed, index: index),
                                     kind: name.kind, link: row.text(5), date: row.integer(6).map(StoryDate.init(secondsSince1970:)),
                                     author: row.text(7), identity: FetchedFeed.identity(kind: name.kind, feedURL: feed, key: key)) { [self] in
                    let body = (try? self.body(rowid: rowid))?.read()
                    return (body?.images ?? [], body?.sections ?? [])
                })
            }
            return stories
        }
    }

    private func body(rowid: Int64) throws -> FeedBody? {
        try file.read { db in
            try db.firstRow("SELECT content, contentIsHTML, summary, summaryIsHTML, media, base FROM items WHERE rowid = ?",
                            [.integer(rowid)]).map { row in
                FeedBody(content: row[0].blob.map { FeedText(bytes: $0, isHTML: row[1].flag) },
                         summary: row[2].blob.map { FeedText(bytes: $0, isHTML: row[3].flag) },
                         media: MediaColumn.read(row[4].text ?? ""), base: row[5].text)
            }
        }
    }
}

/// The host of a feed's address, as a name for a feed that has none.
private func feedHost(_ url: String) -> String {
    let afterScheme = url.split(separator: "/", omittingEmptySubsequences: true)
    return afterScheme.count > 1 ? String(afterScheme[1]) : url
}

/// A feed's pictures in one text column: a line each, address, title and description between tabs.
enum MediaColumn {
    static func write(_ media: [FeedMedia]) -> String {
        media.map { [$0.url, $0.title ?? "", $0.description ?? ""].map(flatten).joined(separator: "\t") }.joined(separator: "\n")
    }

    static func read(_ text: String) -> [FeedMedia] {
        text.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return FeedMedia(url: parts[0], title: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil,
                             description: parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil)
        }
    }

    private static func flatten(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
