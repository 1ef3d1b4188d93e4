import Foundation
import Logging

/// The segsync store: one SQLite file in WAL mode holding people, identities, attributes, events,
/// rejected input, and the ledger of what each Pinterest audience holds.
///
/// Open it with ``open(path:logger:)``, which creates and migrates the file as needed. A `Store`
/// belongs to one task at a time. Its connection and SQL stay inside this module: the stages reach the data
/// through typed operations and the values they return (``MemberSet``, ``SyncDiff``), which own their
/// temporary storage.
public final class Store {
    /// The connection; nothing outside this module writes SQL.
    let database: Database
    let logger: Logger
    var ingestStatements: IngestStatements?
    var identityCache = IdentityCache()
    /// Where the next new person and event are numbered (see ``RowIds``); read at the start of each ingest
    /// transaction.
    var rowIds = RowIds()
    /// The message ids, while a bulk load has dropped their index (see ``MessageIdTable``).
    var messageIds: MessageIdTable?
    /// True while this store's bulk load holds the bulk-load lock exclusively.
    var bulkLoading = false
    /// This store's shared hold on the bulk-load lock, taken when it first writes messages outside a bulk
    /// load and kept while it lives: a bulk load elsewhere must not drop the index of message ids under it.
    var writerLock: StoreLock?
    /// How many TEMP tables this connection has named (``makeTempTableName(_:)``).
    var tempTables = 0
    /// How many ``snapshot(_:)``s failed and rolled back: suppression sets made before evaluate again after one.
    var rollbacks = 0

    /// The store's file.
    public var path: String { database.path }

    private init(database: Database, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// How hard a commit works to survive a crash.
    public enum Durability: Sendable {
        /// A commit survives the process being killed; the last commits may be lost on power failure
        /// (SQLite's `synchronous = NORMAL` in WAL mode). For files, which can be ingested again.
        case process
        /// A commit is on disk before it returns (`synchronous = FULL`): for a server that
        /// acknowledges what it stored.
        case disk
    }

    /// Opens the store at `path`, creating the file and applying missing migrations.
    ///
    /// - Throws: ``DatabaseError`` when SQLite cannot open or write it, ``StoreError`` when the file
    ///   is not a segsync store or its migrations disagree with this binary's.
    public static func open(
        path: String, durability: Durability = .process, logger: Logger = Logger(label: "segsync.store")
    ) throws -> Store {
        let database = try Database(path: path)
        do {
            try database.execute("PRAGMA journal_mode = WAL")
        } catch {
            // SQLITE_NOTADB
            if error.code == 26 {
                throw StoreError.notADatabase("the file is not an SQLite database", path: path)
            }
            throw error
        }
        try database.execute("""
            PRAGMA synchronous = \(durability == .disk ? "FULL" : "NORMAL");
            PRAGMA foreign_keys = ON;
            PRAGMA cache_size = -98304;
            PRAGMA wal_autocheckpoint = 8192;
            """)
        let store = Store(database: database, logger: logger)
        // Before the migrations, which may change the indexes a bulk load dropped. A build that fails leaves
        // queries slower, not impossible: the store opens, and the next writer tries again.
        do {
            try store.recoverSuspendedIndexes()
        } catch {
            logger.warning("store.bulk_load.recovery_failed", metadata: ["store.error": "\(error)"])
        }
        // Migrations sort on disk: an index built over a large store would otherwise sort in memory.
        let applied = try Migrator(embeddedMigrations).migrate(database)
        try database.execute("PRAGMA temp_store = MEMORY")
        if !applied.isEmpty {
            logger.info("store.migrated", metadata: ["store.migrations": "\(applied.joined(separator: ","))"])
        }
        return store
    }

    /// The names of the migrations applied to this store, in order.
    public func appliedMigrations() throws -> [String] {
        try database.query("SELECT name FROM schema_migrations ORDER BY name") { $0.string(0) ?? "" }
    }

    /// Milliseconds since the epoch, now.
    public static func wallClockMillis() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
