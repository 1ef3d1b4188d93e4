import SegmentLanguage
import Foundation

/// One sync run as `sync_runs` records it.
public struct SyncRunRecord: Sendable, Equatable {
    public var id: Int64
    /// Milliseconds since the epoch.
    public var startedAt: Int64
    /// Nil while running, and for a run that never finished (the process was killed).
    public var finishedAt: Int64?
    /// The evaluation instant.
    public var asOf: Int64
    /// `running`, `ok`, `failed`, `interrupted` or `refused` (stale data).
    public var status: String
    /// The run's JSON summary, as the sync wrote it.
    public var summary: String?
}

/// One batch of a sync run as `sync_batches` records it.
public struct SyncBatchRecord: Sendable, Equatable {
    public var id: Int64
    public var run: Int64
    public var audience: String
    /// `CREATE` (a list created with its first records), `ADD` or `REMOVE`.
    public var operation: String
    public var size: Int
    /// `sent` (no answer recorded: the run stopped during the call), `acknowledged` or `failed`.
    public var status: String
    public var error: String?
    public var startedAt: Int64
    public var acknowledgedAt: Int64?
}

extension Store {
    /// Records the first batch of a new customer list, sent with its creation (`CREATE`); returns its id.
    ///
    /// Acknowledge it with ``recordBatchAcknowledged(_:audience:operation:hashes:)`` and `.add`.
    public func recordCreateBatchSent(run: Int64, audience: String, size: Int) throws -> Int64 {
        try database.run(
            """
            INSERT INTO sync_batches (run_id, audience, operation, size, status, started_at)
            VALUES (?, ?, 'CREATE', ?, 'sent', ?)
            """,
            [.integer(run), .text(audience), .integer(Int64(size)), .integer(Store.wallClockMillis())])
        return database.lastInsertedRowID
    }

    /// Marks the runs still `running` as `interrupted`: called under the sync lock, when no run can be
    /// going on, so they belong to processes that were killed. Returns how many there were.
    @discardableResult
    public func markAbandonedSyncRuns() throws -> Int {
        try database.run("UPDATE sync_runs SET status = 'interrupted' WHERE status = 'running'")
    }

    /// The most recent runs, newest first.
    public func syncRuns(limit: Int, run: Int64? = nil) throws -> [SyncRunRecord] {
        let filter = run == nil ? "" : "WHERE id = ?"
        let values: [SQLValue] = (run.map { [.integer($0)] } ?? []) + [.integer(Int64(limit))]
        return try database.query(
            "SELECT id, started_at, finished_at, as_of, status, summary FROM sync_runs \(filter) "
                + "ORDER BY id DESC LIMIT ?", values
        ) { row in
            SyncRunRecord(
                id: row.int64(0) ?? 0, startedAt: row.int64(1) ?? 0, finishedAt: row.int64(2),
                asOf: row.int64(3) ?? 0, status: row.string(4) ?? "", summary: row.string(5))
        }
    }

    /// The batches of a run, in the order they were sent.
    public func syncBatches(run: Int64) throws -> [SyncBatchRecord] {
        try database.query(
            """
            SELECT id, run_id, audience, operation, size, status, error, started_at, acknowledged_at
            FROM sync_batches WHERE run_id = ? ORDER BY id
            """, [.integer(run)]
        ) { row in
            SyncBatchRecord(
                id: row.int64(0) ?? 0, run: row.int64(1) ?? 0, audience: row.string(2) ?? "",
                operation: row.string(3) ?? "", size: Int(row.int64(4) ?? 0), status: row.string(5) ?? "",
                error: row.string(6), startedAt: row.int64(7) ?? 0, acknowledgedAt: row.int64(8))
        }
    }
}
