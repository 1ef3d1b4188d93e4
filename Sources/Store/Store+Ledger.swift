import SegmentLanguage
import Foundation

/// A Pinterest audience as the store knows it: its name there and the ids Pinterest gave it.
public struct AudienceRecord: Sendable, Equatable {
    public var name: String
    public var pinterestName: String
    public var customerListId: String?
    public var audienceId: String?
    /// The ad account the customer list answered in when segsync last made, adopted or updated it.
    public var adAccountId: String?

    public init(
        name: String, pinterestName: String, customerListId: String? = nil, audienceId: String? = nil,
        adAccountId: String? = nil
    ) {
        self.name = name
        self.pinterestName = pinterestName
        self.customerListId = customerListId
        self.audienceId = audienceId
        self.adAccountId = adAccountId
    }
}

/// The operation of a customer list batch.
public enum LedgerOperation: String, Sendable, Codable {
    /// Records added (the first batch of a new list is sent with its creation).
    case add = "ADD"
    case remove = "REMOVE"
}

extension Store {
    /// The audience's record, nil when it was never synced.
    public func audience(named name: String) throws -> AudienceRecord? {
        try database.query(
            "SELECT name, pinterest_name, customer_list_id, audience_id, ad_account_id FROM audiences WHERE name = ?",
            [.text(name)], row: Self.audienceRecord
        ).first
    }

    /// Records (or updates) what Pinterest calls an audience and the ids it gave it.
    public func save(_ audience: AudienceRecord) throws {
        try database.run(
            """
            INSERT INTO audiences (name, pinterest_name, customer_list_id, audience_id, ad_account_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET pinterest_name = excluded.pinterest_name,
                customer_list_id = excluded.customer_list_id, audience_id = excluded.audience_id,
                ad_account_id = excluded.ad_account_id
            """,
            [.text(audience.name), .text(audience.pinterestName), audience.customerListId.sqlValue,
             audience.audienceId.sqlValue, audience.adAccountId.sqlValue, .integer(Store.wallClockMillis())])
    }

    private static func audienceRecord(_ row: Row) -> AudienceRecord {
        AudienceRecord(
            name: row.string(0) ?? "", pinterestName: row.string(1) ?? "", customerListId: row.string(2),
            audienceId: row.string(3), adAccountId: row.string(4))
    }

    /// Every audience the store has a record of, by name.
    public func audienceRecords() throws -> [AudienceRecord] {
        try database.query(
            "SELECT name, pinterest_name, customer_list_id, audience_id, ad_account_id FROM audiences ORDER BY name",
            row: Self.audienceRecord)
    }

    /// How many hashes the ledger holds for an audience.
    public func ledgerCount(audience: String) throws -> Int {
        try database.count("SELECT count(*) FROM ledger WHERE audience = ?", [.text(audience)])
    }

    /// Starts a sync run; returns its id.
    public func beginSyncRun(asOf: Int64) throws -> Int64 {
        try database.run(
            "INSERT INTO sync_runs (started_at, as_of, status) VALUES (?, ?, ?)",
            [.integer(Store.wallClockMillis()), .integer(asOf), .text(SyncRunStatus.running.rawValue)])
        return database.lastInsertedRowID
    }

    /// Ends a sync run with its status and what it did per audience.
    public func finishSyncRun(_ run: Int64, status: SyncRunStatus, audiences: [AudienceSyncReport]) throws {
        try database.run(
            "UPDATE sync_runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?",
            [.integer(Store.wallClockMillis()), .text(status.rawValue), .text(try Self.summary(audiences)),
             .integer(run)])
    }

    /// Records a batch about to be sent; returns its id.
    public func recordBatchSent(run: Int64, audience: String, operation: LedgerOperation, size: Int) throws -> Int64 {
        try database.run(
            """
            INSERT INTO sync_batches (run_id, audience, operation, size, status, started_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [.integer(run), .text(audience), .text(BatchOperation(operation).rawValue), .integer(Int64(size)),
             .text(BatchStatus.sent.rawValue), .integer(Store.wallClockMillis())])
        return database.lastInsertedRowID
    }

    /// Records that Pinterest acknowledged a batch: the ledger changes in the same transaction that
    /// marks the batch done, so a crash leaves the ledger at the last acknowledged batch.
    public func recordBatchAcknowledged(
        _ batch: Int64, audience: String, operation: LedgerOperation, hashes: [String]
    ) throws {
        try database.transaction {
            let now = Store.wallClockMillis()
            let sql = operation == .add
                ? "INSERT OR IGNORE INTO ledger (audience, hash, added_at) VALUES (?, ?, ?)"
                : "DELETE FROM ledger WHERE audience = ? AND hash = ?"
            for hash in hashes {
                try database.run(sql, operation == .add
                    ? [.text(audience), .text(hash), .integer(now)] : [.text(audience), .text(hash)])
            }
            try database.run(
                "UPDATE sync_batches SET status = ?, acknowledged_at = ? WHERE id = ?",
                [.text(BatchStatus.acknowledged.rawValue), .integer(now), .integer(batch)])
        }
    }

    /// Forgets the audience's customer list and Pinterest audience and empties its ledger, in one transaction:
    /// for a list that no longer exists on Pinterest, whose people are therefore on no list. The next sync
    /// looks the list up by name again, or creates it, and sends every member.
    ///
    /// - Returns: How many hashes the ledger held.
    @discardableResult
    public func forgetCustomerList(audience: String) throws -> Int {
        try database.transaction {
            let forgotten = try database.run("DELETE FROM ledger WHERE audience = ?", [.text(audience)])
            try database.run(
                "UPDATE audiences SET customer_list_id = NULL, audience_id = NULL WHERE name = ?", [.text(audience)])
            return forgotten
        }
    }

    /// Forgets an audience: its record and its ledger, in one transaction. For a retired audience, whose
    /// ledger the removals have emptied. Returns how many ledger rows were left.
    @discardableResult
    public func forgetAudience(named name: String) throws -> Int {
        try database.transaction {
            let left = try database.run("DELETE FROM ledger WHERE audience = ?", [.text(name)])
            try database.run("DELETE FROM audiences WHERE name = ?", [.text(name)])
            return left
        }
    }

    /// Records that a batch failed, with Pinterest's answer; the ledger is unchanged.
    public func recordBatchFailed(_ batch: Int64, error: String) throws {
        try database.run(
            "UPDATE sync_batches SET status = ?, error = ? WHERE id = ?",
            [.text(BatchStatus.failed.rawValue), .text(error), .integer(batch)])
    }

    /// The timestamp (ms) of the newest stored event, nil when there is none.
    public func newestEventTimestamp() throws -> Int64? {
        try database.scalar("SELECT max(ts) FROM events")?.int64
    }
}
