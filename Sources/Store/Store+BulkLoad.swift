import Foundation

/// Bulk loads: while a large load writes, the indexes that only queries read are dropped, and they are
/// built again in one sorted pass when it ends.
///
/// A message written with them costs a random insert into each; on the ingest benchmark (1.05M messages
/// into an empty store) dropping them took the load from 19.8 s to 12.3 s, and building them again
/// took 1.5 s. Ingest itself never reads them: identity, merges, deletions and duplicates use the
/// primary keys, `identities_person`, `events_person_name_ts` and `messages_id_hash`, which stay.
///
/// The dropped indexes are recorded, with their SQL, in `suspended_indexes` in the transaction that
/// drops them. The load holds the store's bulk-load lock until it has built them again; a load that
/// died leaves its rows, and the next ``Store/open(path:durability:logger:)`` that can take the lock
/// builds them. Queries stay correct while they are missing, only slower.
extension Store {
    /// The indexes a bulk load drops: those of segment evaluation, sync and export.
    static let queryIndexes = [
        "events_name_ts", "attributes_key_str", "attributes_key_num_value", "attributes_key_time_value",
        "people_email_hash",
    ]

    /// Starts a bulk load when about `expectedMessages` are coming and that is large against what the
    /// store holds (at least `minimum`, and at least half its events and people), so that building the
    /// indexes again costs less than keeping them up row by row.
    ///
    /// - Returns: nil when a load of that size is better written with the indexes, or when another bulk
    ///   load holds the lock (this load then keeps the indexes).
    public func beginBulkLoad(expectedMessages: Int, minimum: Int = 50_000) throws -> BulkLoad? {
        guard expectedMessages >= minimum else { return nil }
        let rows = try database.count("SELECT coalesce(max(id), 0) FROM events")
            + database.count("SELECT coalesce(max(id), 0) FROM people")
        guard expectedMessages * 2 >= rows else { return nil }
        guard let lock = try? StoreLock(store: path, for: .bulkLoad) else { return nil }
        // Rows a load that died left stay: their indexes are still missing, and this load builds them.
        let dropped = try database.transaction {
            let names = Self.queryIndexes.map { "'\($0)'" }.joined(separator: ", ")
            try database.run(
                """
                INSERT OR IGNORE INTO suspended_indexes (name, sql, suspended_at)
                SELECT name, sql, ? FROM sqlite_master WHERE type = 'index' AND name IN (\(names))
                """, [.integer(Self.wallClockMillis())])
            let dropped = try database.query("SELECT name FROM suspended_indexes ORDER BY name") { $0.string(0) ?? "" }
            for name in dropped { try database.execute("DROP INDEX \(name)") }
            return dropped
        }
        logger.info("store.bulk_load.begin", metadata: ["store.indexes": "\(dropped.joined(separator: ","))"])
        return BulkLoad(store: self, lock: lock, indexes: dropped)
    }

    /// Builds the indexes a bulk load dropped, in one transaction, and forgets them; returns their names.
    ///
    /// The caller holds the bulk-load lock. The build sorts in temporary files, not in memory, so that a
    /// large store does not need its index in memory.
    @discardableResult
    func restoreSuspendedIndexes() throws -> [String] {
        let suspended = try database.query("SELECT name, sql FROM suspended_indexes ORDER BY name") {
            (name: $0.string(0) ?? "", sql: $0.string(1) ?? "")
        }
        guard !suspended.isEmpty else { return [] }
        // The sort keeps up to the cache size in memory beside the page cache: both are held small for
        // the build, so that it stays within the memory of the load before it. A second thread sorts while
        // the first reads the table (0.67 s against 0.86 s for events_name_ts on the benchmark's store).
        let tempStore = try database.scalar("PRAGMA temp_store")?.int64 ?? 0
        let cacheSize = try database.scalar("PRAGMA cache_size")?.int64 ?? -2000
        try database.execute(
            "PRAGMA shrink_memory; PRAGMA temp_store = FILE; PRAGMA cache_size = -8192; PRAGMA threads = 2")
        defer {
            try? database.execute(
                "PRAGMA temp_store = \(tempStore); PRAGMA cache_size = \(cacheSize); PRAGMA threads = 0")
        }
        try database.transaction {
            for index in suspended {
                let exists = try database.count(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?", [.text(index.name)])
                if exists == 0 { try database.execute(index.sql) }
            }
            try database.run("DELETE FROM suspended_indexes")
        }
        return suspended.map(\.name)
    }

    /// At open: builds the indexes of a bulk load that died before it could. A load still running holds
    /// the lock and builds them itself.
    func recoverSuspendedIndexes() throws {
        let recorded = try database.count(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'suspended_indexes'")
        guard recorded > 0, try database.count("SELECT count(*) FROM suspended_indexes") > 0 else { return }
        guard let lock = try? StoreLock(store: path, for: .bulkLoad) else {
            logger.warning("store.bulk_load.running", metadata: [
                "store.note": "a bulk load is running: queries run without their indexes until it ends"
            ])
            return
        }
        let names = try withExtendedLifetime(lock) { try restoreSuspendedIndexes() }
        logger.notice("store.bulk_load.recovered", metadata: ["store.indexes": "\(names.joined(separator: ","))"])
    }
}

/// A bulk load in progress (``Store/beginBulkLoad(expectedMessages:minimum:)``): the query indexes are dropped
/// until ``finish()`` builds them again. It holds the store's bulk-load lock until then.
public final class BulkLoad {
    let store: Store
    let lock: StoreLock
    /// The indexes dropped for the load.
    public let indexes: [String]
    private var finished = false

    init(store: Store, lock: StoreLock, indexes: [String]) {
        self.store = store
        self.lock = lock
        self.indexes = indexes
    }

    /// Builds the dropped indexes again; returns how long that took, in seconds. Call it whether the
    /// load succeeded or failed: what it stored is committed and needs them.
    @discardableResult
    public func finish() throws -> Double {
        guard !finished else { return 0 }
        let started = Date()
        do {
            try store.restoreSuspendedIndexes()
        } catch {
            throw StoreError.indexRebuild("\(error)", path: store.path)
        }
        finished = true
        let seconds = Date().timeIntervalSince(started)
        store.logger.info("store.bulk_load.end", metadata: ["store.rebuild_seconds": "\(seconds)"])
        return seconds
    }
}
