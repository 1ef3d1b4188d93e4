import SegmentLanguage
import Foundation

/// How a sync run stands, as `sync_runs.status` holds it (the schema's CHECK keeps to these).
public enum SyncRunStatus: String, Sendable, Codable, CaseIterable {
    /// Started and not finished: going on, or killed (the next run under the lock marks it `interrupted`).
    case running
    /// Every audience synced or had nothing to send.
    case ok
    /// An audience failed (the others may have synced).
    case failed
    /// Stopped by a signal, or killed and found later.
    case interrupted
    /// Refused to sync because the newest event was too old; nothing was sent.
    case refused
}

/// What a batch of a sync run does to its customer list (`sync_batches.operation`).
public enum BatchOperation: String, Sendable, Codable, CaseIterable {
    /// A list created with its first records.
    case create = "CREATE"
    case add = "ADD"
    case remove = "REMOVE"

    /// The batch operation that changes the ledger this way.
    public init(_ operation: LedgerOperation) {
        self = operation == .add ? .add : .remove
    }
}

/// What became of a batch (`sync_batches.status`).
public enum BatchStatus: String, Sendable, Codable, CaseIterable {
    /// Sent with no answer recorded: the run stopped during the call.
    case sent
    case acknowledged
    /// Pinterest refused it, or every try failed; the error says how.
    case failed
}

/// One sync run as `sync_runs` records it.
public struct SyncRunRecord: Sendable, Equatable {
    public var id: Int64
    /// Milliseconds since the epoch.
    public var startedAt: Int64
    /// Nil while running, and for a run that never finished (the process was killed).
    public var finishedAt: Int64?
    /// The evaluation instant.
    public var asOf: Int64
    public var status: SyncRunStatus
    /// What the run did per audience, in the order it took them; empty until it finishes.
    public var audiences: [AudienceSyncReport]
}

/// One batch of a sync run as `sync_batches` records it.
public struct SyncBatchRecord: Sendable, Equatable {
    public var id: Int64
    public var run: Int64
    public var audience: String
    public var operation: BatchOperation
    public var size: Int
    public var status: BatchStatus
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
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [.integer(run), .text(audience), .text(BatchOperation.create.rawValue), .integer(Int64(size)),
             .text(BatchStatus.sent.rawValue), .integer(Store.wallClockMillis())])
        return database.lastInsertedRowID
    }

    /// Marks the runs still `running` as `interrupted`: called under the sync lock, when no run can be
    /// going on, so they belong to processes that were killed. Returns how many there were.
    @discardableResult
    public func markAbandonedSyncRuns() throws -> Int {
        try database.run(
            "UPDATE sync_runs SET status = ? WHERE status = ?",
            [.text(SyncRunStatus.interrupted.rawValue), .text(SyncRunStatus.running.rawValue)])
    }

    /// The most recent runs, newest first.
    public func syncRuns(limit: Int, run: Int64?) throws -> [SyncRunRecord] {
        let filter = run == nil ? "" : "WHERE id = ?"
        let values: [SQLValue] = (run.map { [.integer($0)] } ?? []) + [.integer(Int64(limit))]
        return try database.query(
            "SELECT id, started_at, finished_at, as_of, status, summary FROM sync_runs \(filter) "
                + "ORDER BY id DESC LIMIT ?", values
        ) { row in
            let id = row.int64(0) ?? 0
            let text = row.string(4) ?? ""
            guard let status = SyncRunStatus(rawValue: text) else {
                throw StoreError.unreadableRecord("sync run \(id) has the unknown status '\(text)'", path: path)
            }
            return SyncRunRecord(
                id: id, startedAt: row.int64(1) ?? 0, finishedAt: row.int64(2), asOf: row.int64(3) ?? 0,
                status: status, audiences: try Self.audiences(ofRun: id, summary: row.string(5), path: path))
        }
    }

    /// The per-audience reports a run recorded (JSON in `sync_runs.summary`).
    static func audiences(ofRun run: Int64, summary: String?, path: String) throws -> [AudienceSyncReport] {
        guard let summary else { return [] }
        do {
            return try JSONDecoder().decode([AudienceSyncReport].self, from: Data(summary.utf8))
        } catch {
            throw StoreError.unreadableRecord(
                "sync run \(run)'s summary does not read as audience reports: \(error)", path: path)
        }
    }

    /// The JSON a run's summary holds.
    static func summary(_ audiences: [AudienceSyncReport]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(audiences), as: UTF8.self)
    }

    /// The batches of a run, in the order they were sent.
    public func syncBatches(run: Int64) throws -> [SyncBatchRecord] {
        try database.query(
            """
            SELECT id, run_id, audience, operation, size, status, error, started_at, acknowledged_at
            FROM sync_batches WHERE run_id = ? ORDER BY id
            """, [.integer(run)]
        ) { row in
            let id = row.int64(0) ?? 0
            let (operationText, statusText) = (row.string(3) ?? "", row.string(5) ?? "")
            guard let operation = BatchOperation(rawValue: operationText), let status = BatchStatus(rawValue: statusText)
            else {
                throw StoreError.unreadableRecord(
                    "batch \(id) of sync run \(run) has the unknown operation '\(operationText)' or status "
                        + "'\(statusText)'", path: path)
            }
            return SyncBatchRecord(
                id: id, run: run, audience: row.string(2) ?? "", operation: operation, size: Int(row.int64(4) ?? 0),
                status: status, error: row.string(6), startedAt: row.int64(7) ?? 0, acknowledgedAt: row.int64(8))
        }
    }
}
