import Foundation

/// How an audience's members differ from its ledger: what to add, what to remove, what stays.
public struct LedgerDiffCounts: Sendable, Equatable, Codable {
    /// Hashes the members hold and the ledger lacks.
    public var add: Int
    /// Hashes the ledger holds and the members no longer do.
    public var remove: Int
    /// Hashes in both.
    public var unchanged: Int

    public init(add: Int = 0, remove: Int = 0, unchanged: Int = 0) {
        self.add = add
        self.remove = remove
        self.unchanged = unchanged
    }

    /// The distinct hashes the members hold (what Pinterest should hold once the diff is sent).
    public var target: Int { add + unchanged }
}

/// A sync's planned additions and removals, per audience, held by the store until the value goes.
///
/// A plan diffs each audience's member set against its ledger into one of these; the sync then reads the hashes
/// back in batches, in hash order.
public protocol SyncDiff: AnyObject {
    /// Computes what `audience` must add and remove so that Pinterest holds exactly the email hashes of the
    /// unsuppressed people of `members` (deleted people and people without an email hold none), and keeps the
    /// hashes for ``batch(audience:operation:after:limit:)``. What was planned for the audience before goes.
    func diff(_ members: any MemberSet, audience: String) throws -> LedgerDiffCounts
    /// Plans the retirement of `audience`: every hash its ledger holds is to be removed, but those that the ledger
    /// of another audience on the same customer list holds (a segment renamed while keeping its
    /// `pinterest.audience` adopts the list), which must stay.
    ///
    /// Computed again just before the removals are sent, after the run's other audiences recorded theirs.
    func diffForRetirement(audience: String) throws -> LedgerDiffCounts
    /// The hashes of a planned operation, in hash order, after `after` (nil for the first batch); at most `limit`.
    func batch(audience: String, operation: LedgerOperation, after: String?, limit: Int) throws -> [String]
}

/// The diff on SQLite, computed in SQL over the store.
///
/// The members' email hashes in ascending order (the `people_email_hash` index walked in order for a large
/// audience, SQLite's sort for a small one) and the audience's ledger, read in its primary key's order, are
/// walked side by side once (a merge join over two cursors: nothing is collected), and the differences go into
/// a TEMP table of the diff's own, dropped with it:
///
/// ```sql
/// CREATE TEMP TABLE segsync_sync_diff_N (audience TEXT, operation INTEGER, hash TEXT,
///     PRIMARY KEY (audience, operation, hash)) WITHOUT ROWID   -- operation 0 = REMOVE, 1 = ADD
/// ```
///
/// A million members against a million ledger rows cost two index walks and a bitmap of the members' ids.
final class SQLiteSyncDiff: SyncDiff {
    let store: Store
    let table: String
    private var database: Database { store.database }

    init(store: Store) throws {
        self.store = store
        table = store.makeTempTableName("sync_diff")
        try store.database.execute("""
            CREATE TEMP TABLE \(table) (
                audience TEXT NOT NULL, operation INTEGER NOT NULL, hash TEXT NOT NULL,
                PRIMARY KEY (audience, operation, hash)
            ) WITHOUT ROWID;
            """)
    }

    deinit { store.dropTempTable(table) }

    func diff(_ members: any MemberSet, audience: String) throws -> LedgerDiffCounts {
        guard let members = members as? SQLiteMemberSet, members.store === store else {
            preconditionFailure("a member set of another store")
        }
        try clear(audience)
        let ledger = try database.cached("SELECT hash FROM ledger WHERE audience = ? ORDER BY hash")
        try ledger.bind([.text(audience)])
        defer { ledger.reset() }
        let insert = try database.cached("INSERT INTO temp.\(table) (audience, operation, hash) VALUES (?, ?, ?)")
        var merge = try memberHashes(in: members.table).merge(with: ledger)
        var counts = LedgerDiffCounts()
        while let side = try merge.next() {
            switch side {
            case .both:
                counts.unchanged += 1
            case .membersOnly(let hash):
                counts.add += 1
                try insert.bind([.text(audience), .integer(LedgerOperation.add.diffCode), .text(hash)])
                try insert.execute()
            case .ledgerOnly(let hash):
                counts.remove += 1
                try insert.bind([.text(audience), .integer(LedgerOperation.remove.diffCode), .text(hash)])
                try insert.execute()
            }
        }
        return counts
    }

    func diffForRetirement(audience: String) throws -> LedgerDiffCounts {
        try clear(audience)
        let removed = try database.run(
            """
            INSERT INTO temp.\(table) (audience, operation, hash)
            SELECT ?1, ?2, hash FROM ledger WHERE audience = ?1 AND hash NOT IN (
                SELECT l.hash FROM ledger l JOIN audiences a ON a.name = l.audience
                WHERE a.name <> ?1
                  AND a.customer_list_id = (SELECT customer_list_id FROM audiences WHERE name = ?1))
            """, [.text(audience), .integer(LedgerOperation.remove.diffCode)])
        return LedgerDiffCounts(remove: removed)
    }

    func batch(audience: String, operation: LedgerOperation, after: String?, limit: Int) throws -> [String] {
        try database.query(
            """
            SELECT hash FROM temp.\(table) WHERE audience = ? AND operation = ? AND hash > ?
            ORDER BY hash LIMIT ?
            """,
            [.text(audience), .integer(operation.diffCode), .text(after ?? ""), .integer(Int64(limit))]
        ) { $0.string(0) ?? "" }
    }

    /// Forgets what was planned for `audience`.
    private func clear(_ audience: String) throws {
        try database.run("DELETE FROM temp.\(table) WHERE audience = ?", [.text(audience)])
    }

    /// The members' email hashes in ascending order, by the cheaper of two ways.
    ///
    /// A large audience walks the `people_email_hash` index (migrations/0001_init.sql) in order and keeps the
    /// people whose bit is set in a bitmap of the members' ids: no sort, one bit per person id of memory. A small
    /// one joins its members to `people` and lets SQLite sort their hashes.
    private func memberHashes(in membersTable: String) throws -> MemberHashes {
        let indexed = try database.count(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'people_email_hash'") == 1
        let maxID = try database.scalar("SELECT max(id) FROM people")?.int64 ?? 0
        let members = try database.count("SELECT count(*) FROM temp.\(membersTable) WHERE suppressed = 0")
        if indexed, members >= 1000, Int64(members) * 16 >= maxID {
            var bitmap = PersonBitmap(maxID: maxID)
            try database.forEach("SELECT person_id FROM temp.\(membersTable) WHERE suppressed = 0") { row in
                bitmap.insert(row.int64(0) ?? 0)
            }
            let walk = try Statement(
                database: database,
                sql: """
                    SELECT email_hash, id FROM people INDEXED BY people_email_hash
                    WHERE email_hash IS NOT NULL AND deleted_at IS NULL ORDER BY email_hash
                    """)
            return MemberHashes(statement: walk, bitmap: bitmap)
        }
        let sorted = try Statement(
            database: database,
            sql: """
                SELECT p.email_hash FROM temp.\(membersTable) t JOIN people p ON p.id = t.person_id
                WHERE t.suppressed = 0 AND p.email_hash IS NOT NULL AND p.deleted_at IS NULL ORDER BY 1
                """)
        return MemberHashes(statement: sorted, bitmap: nil)
    }
}

extension Store {
    /// A new, empty diff for a sync's plan.
    public func makeSyncDiff() throws -> any SyncDiff {
        try SQLiteSyncDiff(store: self)
    }

    /// Whether a sync run ever sent a batch for `audience` (one retired since leaves its batches behind).
    public func hasSyncBatches(audience: String) throws -> Bool {
        try database.count("SELECT EXISTS (SELECT 1 FROM sync_batches WHERE audience = ?)", [.text(audience)]) == 1
    }

    /// The hashes an audience's ledger holds, sorted: for tests and small audiences only.
    public func ledgerHashes(audience: String) throws -> [String] {
        try database.query("SELECT hash FROM ledger WHERE audience = ? ORDER BY hash", [.text(audience)]) {
            $0.string(0) ?? ""
        }
    }
}

extension LedgerOperation {
    /// The operation's code in a diff's table: 0 for REMOVE, 1 for ADD.
    var diffCode: Int64 { self == .remove ? 0 : 1 }
}
