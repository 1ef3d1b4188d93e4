import Foundation

/// Bulk loads: while a large load writes, the indexes that only queries read are dropped, and they are
/// built again in one sorted pass when it ends; the index of message ids is dropped too, and the ids are
/// looked up in memory (``MessageIdTable``) instead.
///
/// A message written with an index costs a random insert into it; on the ingest benchmark (1.05M messages
/// into an empty store, 12.2 s with every index) dropping the query indexes saved about 5 s and the index
/// of message ids another 2.5 s, and building them all again takes about 2 s. Ingest never reads the query
/// indexes: identity, merges and deletions use the primary keys, `identities_person` and
/// `events_person_name_ts`, which stay.
///
/// The dropped indexes are recorded, with their SQL, in `suspended_indexes` in the transaction that drops
/// them. The load holds the store's bulk-load lock exclusively until it has built them again, and every
/// other writer of messages holds it shared (``holdWriterLock()``): no load starts under a running
/// `serve`, and an ingest started during a load waits for it. A load that died leaves its rows, and the
/// next open or writer that finds no load running builds them. Queries stay correct while they are
/// missing, only slower.
extension Store {
    /// The indexes a bulk load drops: those of segment evaluation, sync and export.
    static let queryIndexes = [
        "events_name_ts", "attributes_key_str", "attributes_key_num_value", "attributes_key_time_value",
        "people_email_hash",
    ]
    /// The index of message ids, dropped when the store's messages fit a ``MessageIdTable``.
    static let messageIndex = "messages_id_hash"

    /// Starts a bulk load when about `expectedMessages` are coming and that is large against what the
    /// store holds (at least `minimum`, and at least half its events and people), so that building the
    /// indexes again costs less than keeping them up row by row.
    ///
    /// - Returns: nil when a load of that size is better written with the indexes, or when a bulk load or
    ///   another writer (a running `serve`) holds the lock: this load then keeps the indexes.
    public func beginBulkLoad(expectedMessages: Int, minimum: Int = 50_000) throws -> BulkLoad? {
        guard expectedMessages >= minimum else { return nil }
        let rows = try database.count("SELECT coalesce(max(id), 0) FROM events")
            + database.count("SELECT coalesce(max(id), 0) FROM people")
        guard expectedMessages * 2 >= rows else { return nil }
        writerLock = nil
        guard let lock = try? StoreLock(store: path, for: .bulkLoad) else { return nil }
        // What a load that died dropped is built first: the ids are read through their index, and this
        // load then drops exactly what it decides to.
        try restoreSuspendedIndexes()
        // The estimate counts a kilobyte a message, about twice what the messages usually take.
        let stored = try database.count("SELECT count(*) FROM messages")
        var table = MessageIdTable(entries: stored + 2 * expectedMessages)
        let inMemory = try fill(&table)
        let dropping = Self.queryIndexes + (inMemory ? [Self.messageIndex] : [])
        // Sorts (an index built when the table fills) go to temporary files, not memory, during the load.
        let tempStore = try database.scalar("PRAGMA temp_store")?.int64 ?? 0
        try database.execute("PRAGMA temp_store = FILE")
        let suspended = try database.transaction {
            try database.run(
                """
                INSERT OR IGNORE INTO suspended_indexes (name, sql, suspended_at)
                SELECT name, sql, ? FROM sqlite_master
                WHERE type = 'index' AND name IN (\(dropping.map { "'\($0)'" }.joined(separator: ", ")))
                """, [.integer(Self.wallClockMillis())])
            let suspended = try database.query("SELECT name FROM suspended_indexes ORDER BY name") {
                $0.string(0) ?? ""
            }
            for name in suspended { try database.execute("DROP INDEX IF EXISTS \(name)") }
            return suspended
        }
        if inMemory { messageIds = table }
        bulkLoading = true
        logger.info("store.bulk_load.begin", metadata: ["store.indexes": "\(suspended.joined(separator: ","))"])
        return BulkLoad(store: self, lock: lock, indexes: suspended, tempStore: tempStore)
    }

    /// Puts the ids of the stored messages into `table`; false when they do not fit it (too many, or a row
    /// id too large for a slot), and the index of message ids then stays.
    private func fill(_ table: inout MessageIdTable) throws -> Bool {
        let largest = try database.scalar("SELECT max(id) FROM messages")?.int64 ?? 0
        guard largest + Int64(table.limit) <= MessageIdTable.largestRowID else { return false }
        var fits = true
        try database.forEach("SELECT id_hash, id FROM messages") { row in
            if fits { fits = table.insert(hash: row.int64(0) ?? 0, rowID: row.int64(1) ?? 0) }
        }
        return fits
    }

    /// The table of message ids is full: the index of message ids is built now, in the load's transaction,
    /// and the load goes on with it.
    func buildMessageIndex() throws {
        messageIds = nil
        guard let sql = try database.scalar(
            "SELECT sql FROM suspended_indexes WHERE name = ?", [.text(Self.messageIndex)])?.string
        else { return }
        // The sort keeps at most the cache size in memory: small while it runs, beside the load's page cache.
        try database.with(pragmas: ["cache_size": "-8192"]) { try database.execute(sql) }
        try database.run("DELETE FROM suspended_indexes WHERE name = ?", [.text(Self.messageIndex)])
        logger.info("store.bulk_load.message_index", metadata: ["store.note": "the table of message ids is full"])
    }

    /// Takes this store's shared hold on the bulk-load lock, which it keeps while it lives, and builds what
    /// a load that died dropped. Ingest takes it before its first transaction; a server takes it when it
    /// starts, so that no bulk load starts under it. It waits while a bulk load runs.
    public func holdWriterLock() throws {
        guard !bulkLoading, writerLock == nil else { return }
        let lock: StoreLock
        if let free = try? StoreLock(store: path, for: .bulkLoad, shared: true) {
            lock = free
        } else {
            logger.warning("store.bulk_load.waiting", metadata: [
                "store.note": "a bulk load is running against this store; writing waits until it ends"
            ])
            lock = try StoreLock(store: path, for: .bulkLoad, shared: true, wait: true)
        }
        // Kept only once the indexes are whole, so that a failed build is tried again by the next write.
        _ = try withExtendedLifetime(lock) { try restoreSuspendedIndexes() }
        writerLock = lock
    }

    /// Builds the indexes a bulk load dropped, in one transaction, and forgets them; returns their names.
    ///
    /// The caller holds the bulk-load lock. The build sorts in temporary files, not in memory, so that a
    /// large store does not need its index in memory; the sort keeps up to the cache size in memory beside the
    /// page cache, and both are held small for the build, so that it stays within the memory of the load
    /// before it. A second thread sorts while the first reads the table (0.67 s against 0.86 s for
    /// events_name_ts on the benchmark's store).
    @discardableResult
    func restoreSuspendedIndexes() throws -> [String] {
        let suspended = try database.query("SELECT name, sql FROM suspended_indexes ORDER BY name") {
            (name: $0.string(0) ?? "", sql: $0.string(1) ?? "")
        }
        guard !suspended.isEmpty else { return [] }
        try database.execute("PRAGMA shrink_memory")
        try database.with(pragmas: ["temp_store": "FILE", "cache_size": "-8192", "threads": "2"]) {
            try database.transaction {
                for index in suspended {
                    let exists = try database.count(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?", [.text(index.name)])
                    if exists == 0 { try database.execute(index.sql) }
                }
                try database.run("DELETE FROM suspended_indexes")
            }
        }
        return suspended.map(\.name)
    }

    /// At open: builds the indexes of a bulk load that died before it could. A load still running holds
    /// the lock and builds them itself.
    func recoverSuspendedIndexes() throws {
        let recorded = try database.count(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'suspended_indexes'")
        guard recorded > 0, try database.count("SELECT count(*) FROM suspended_indexes") > 0 else { return }
        // A running load holds the lock exclusively; when writers hold it shared, no load is running.
        guard let lock = (try? StoreLock(store: path, for: .bulkLoad))
            ?? (try? StoreLock(store: path, for: .bulkLoad, shared: true))
        else {
            logger.warning("store.bulk_load.running", metadata: [
                "store.note": "a bulk load is running: queries run without their indexes until it ends"
            ])
            return
        }
        let names = try withExtendedLifetime(lock) { try restoreSuspendedIndexes() }
        logger.notice("store.bulk_load.recovered", metadata: ["store.indexes": "\(names.joined(separator: ","))"])
    }
}

/// A bulk load in progress (``Store/beginBulkLoad(expectedMessages:minimum:)``): its indexes are dropped until
/// ``finish()`` builds them again. It holds the store's bulk-load lock until then.
public final class BulkLoad {
    let store: Store
    private var lock: StoreLock?
    /// The indexes dropped for the load.
    public let indexes: [String]
    private var finished = false
    /// The store's `temp_store` before the load, put back at its end.
    private let tempStore: Int64

    init(store: Store, lock: StoreLock, indexes: [String], tempStore: Int64) {
        self.store = store
        self.lock = lock
        self.indexes = indexes
        self.tempStore = tempStore
    }

    /// A load dropped unfinished leaves its indexes to the next writer or open, but not its state.
    deinit { end() }

    /// The store writes as any other writer from here on; the lock goes. Once only: a later load on the
    /// same store keeps its own state.
    private func end() {
        guard lock != nil else { return }
        store.messageIds = nil
        store.bulkLoading = false
        try? store.database.execute("PRAGMA temp_store = \(tempStore)")
        lock = nil
    }

    /// Builds the dropped indexes again; returns how long that took, in seconds. Call it whether the
    /// load succeeded or failed: what it stored is committed and needs them.
    @discardableResult
    public func finish() throws -> Double {
        guard !finished else { return 0 }
        finished = true
        let started = Date()
        defer { end() }
        // The table goes before the build, which needs the memory.
        store.messageIds = nil
        do {
            try store.restoreSuspendedIndexes()
        } catch {
            throw StoreError.indexRebuild("\(error)", path: store.path)
        }
        let seconds = Date().timeIntervalSince(started)
        store.logger.info("store.bulk_load.end", metadata: ["store.rebuild_seconds": "\(seconds)"])
        return seconds
    }
}
