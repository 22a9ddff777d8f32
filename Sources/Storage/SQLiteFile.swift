import ArticleModel
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The one file that talks to SQLite, through GRDB: a database file in WAL mode (so several Tidings can
/// have it open at once) with its migrations, a damaged file moved aside and kept, and reads and writes
/// each in one transaction. The stores see SQL and plain values, never GRDB.
final class SQLiteFile: Sendable {
    enum OpenError: Error, CustomStringConvertible {
        case cannotCreateFolder(String, String, what: String, consequence: String)
        case unusable(String, String, what: String, consequence: String)

        var description: String {
            switch self {
            case .cannotCreateFolder(let folder, let why, let what, let consequence):
                return "cannot create the \(what) \(VisibleName.of(folder)) (\(why)); \(consequence)"
            case .unusable(let path, let why, let what, let consequence):
                return "cannot use the \(what) \(VisibleName.of(path)) (\(why)); \(consequence)"
            }
        }
    }

    /// A read or write that failed, in words: `the state file PATH is locked by another program`.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A named step of the schema, run once per file, in order.
    struct Migration {
        var name: String
        var statements: [String]
    }

    let path: String
    /// What the file is called in messages ("state file").
    private let what: String
    /// A warning to show once (a damaged file that was moved aside), if any.
    let notice: String?
    private let pool: DatabasePool

    /// How long a write waits for another Tidings holding the file before it gives up.
    static let busyTimeout: Double = 2

    /// Opens (creating if needed) the file at `path`. `what` names it in messages ("state file") and
    /// `folder` its folder ("state folder"); `consequence` says what not having it means ("read marks will
    /// not be saved").
    init(path: String, what: String, folder folderName: String, consequence: String, migrations: [Migration]) throws {
        self.path = path
        self.what = what
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !folder.isEmpty, let failure = Self.makeFolder(folder) {
            throw OpenError.cannotCreateFolder(folder, failure, what: folderName, consequence: consequence)
        }
        do {
            pool = try Self.openPool(path, migrations)
            notice = nil
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            let aside = path + ".damaged-\(time(nil))"
            guard rename(path, aside) == 0 else {
                throw OpenError.unusable(path, "damaged, and it could not be moved aside", what: what, consequence: consequence)
            }
            for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
            do {
                pool = try Self.openPool(path, migrations)
            } catch {
                throw OpenError.unusable(path, Self.describe(error), what: what, consequence: consequence)
            }
            notice = "the \(what) \(VisibleName.of(path)) was damaged; it was moved to \(VisibleName.of(aside)) and a new one started"
        } catch {
            throw OpenError.unusable(path, Self.describe(error), what: what, consequence: consequence)
        }
    }

    /// Opens the pool, trying again a few times: two programs opening a new file at once both find it
    /// without its schema, and the one that writes second fails (the table exists by then); a moment
    /// later it finds the schema complete. A file that stays locked is not tried again: the busy timeout
    /// has already waited for it (a new file's races fail at once instead, and are tried again).
    private static func openPool(_ path: String, _ migrations: [Migration]) throws -> DatabasePool {
        var attempt = 0
        while true {
            let started = DispatchTime.now().uptimeNanoseconds
            do {
                return try openPoolOnce(path, migrations)
            } catch let error as DatabaseError where ![.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) && attempt < 4 {
                let waited = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                if isLocked(error), waited >= busyTimeout { throw error }
                attempt += 1
                usleep(UInt32(50_000 * attempt))
            }
        }
    }

    private static func openPoolOnce(_ path: String, _ migrations: [Migration]) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        // In WAL mode, NORMAL writes each commit to the log without waiting for the disk: a killed or
        // crashed program loses nothing committed, and only a power cut could lose the last commits. FULL
        // waited for the disk on every commit, which made fetching a hundred feeds take seconds.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        // One reader is plenty for look-ups made one batch at a time; each connection keeps its own cache.
        configuration.maximumReaderCount = 1
        let pool = try DatabasePool(path: path, configuration: configuration)
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.name) { db in
                for statement in migration.statements { try db.execute(sql: statement) }
            }
        }
        // Only the first opener of a file writes its schema: a look first, so opening never takes the write
        // lock from a fetch or a reader that is saving.
        if try !pool.read({ try migrator.hasCompletedMigrations($0) }) { try migrator.migrate(pool) }
        return pool
    }

    /// Runs `body` in one read transaction.
    func read<T>(_ body: (SQLConnection) throws -> T) throws -> T {
        try inWords { try pool.read { db in try body(SQLConnection(db: db)) } }
    }

    /// Runs `body` in one write transaction: all of it is committed, or none of it.
    func write<T>(_ body: (SQLConnection) throws -> T) throws -> T {
        try inWords { try pool.write { db in try body(SQLConnection(db: db)) } }
    }

    /// SQLite's errors as a `Failure` naming the file, without GRDB's statement text.
    private func inWords<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            let reason = Self.describe(error)
            throw Failure(description: "the \(what) \(VisibleName.of(path)) " + (Self.isLocked(error) ? "is \(reason)" : "failed: \(reason)"))
        }
    }

    private static func isLocked(_ error: DatabaseError) -> Bool {
        [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode)
    }

    /// Holds the write lock while `body` runs, as another Tidings in the middle of a save would: for tests
    /// of a file that stays locked.
    func holdWriteLock(_ body: () -> Void) throws {
        try pool.write { _ in body() }
    }

    /// Creates `folder` and its parents; the reason on failure.
    private static func makeFolder(_ folder: String) -> String? {
        var partial = ""
        for component in folder.split(separator: "/", omittingEmptySubsequences: true) {
            partial += "/" + component
            if mkdir(partial, 0o700) != 0, errno != EEXIST { return SystemReason.phrase(String(cString: strerror(errno))) }
        }
        return access(folder, W_OK) == 0 ? nil : SystemReason.phrase(String(cString: strerror(EACCES)))
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError {
            if isLocked(error) { return "locked by another program" }
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return "\(error)"
    }
}

/// A value as SQLite keeps it.
enum SQLValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    init(_ number: Int64?) { self = number.map { .integer($0) } ?? .null }
    init(_ flag: Bool) { self = .integer(flag ? 1 : 0) }

    var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    var integer: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }

    var blob: [UInt8]? {
        switch self {
        case .blob(let bytes): return bytes
        case .text(let text): return Array(text.utf8)
        default: return nil
        }
    }

    var flag: Bool { integer.map { $0 != 0 } ?? false }

    fileprivate var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let number): return number.databaseValue
        case .real(let number): return number.databaseValue
        case .text(let text): return text.databaseValue
        case .blob(let bytes): return Data(bytes).databaseValue
        }
    }

    fileprivate init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .double(let number): self = .real(number)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob([UInt8](data))
        }
    }
}

/// The row a query is on, valid only while `forEachRow` hands it over.
struct SQLRow {
    fileprivate let row: Row

    func text(_ column: Int) -> String? { row[column] }
    func integer(_ column: Int) -> Int64? { row[column] }
}

/// A connection inside one transaction: statements are prepared once and kept.
struct SQLConnection {
    fileprivate let db: Database

    func execute(_ sql: String, _ arguments: [SQLValue] = []) throws {
        let statement = try db.cachedStatement(sql: sql)
        try statement.execute(arguments: StatementArguments(arguments.map(\.databaseValue)))
    }

    /// Hands `body` each row the query gives, read where SQLite keeps it rather than copied: opening the
    /// reader on thousands of stored stories reads them all before its first screen.
    func forEachRow(_ sql: String, _ arguments: [SQLValue] = [], _ body: (SQLRow) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let rows = try Row.fetchCursor(statement, arguments: StatementArguments(arguments.map(\.databaseValue)))
        while let row = try rows.next() { try body(SQLRow(row: row)) }
    }

    /// The first row, or nil.
    func firstRow(_ sql: String, _ arguments: [SQLValue] = []) throws -> [SQLValue]? {
        let statement = try db.cachedStatement(sql: sql)
        return try Row.fetchOne(statement, arguments: StatementArguments(arguments.map(\.databaseValue)))?.databaseValues.map(SQLValue.init)
    }

    /// Rows changed by the last statement.
    var changes: Int { db.changesCount }
}
