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

/// The diff between an audience's members and its ledger, computed in SQL over the store.
///
/// The members come as a TEMP table of person ids (`person_id INTEGER PRIMARY KEY, suppressed INTEGER`), as
/// the segment evaluator materialises them. Their email hashes in ascending order (the `people_email_hash` index
/// walked in order for a large audience, SQLite's sort for a small one) and the audience's ledger, read in its
/// primary key's order, are walked side by side once (a merge join over two cursors: nothing is collected), and
/// the differences go into ``Store/syncDiffTable``:
///
/// ```sql
/// CREATE TEMP TABLE segsync_sync_diff (audience TEXT, operation INTEGER, hash TEXT,
///     PRIMARY KEY (audience, operation, hash)) WITHOUT ROWID   -- operation 0 = REMOVE, 1 = ADD
/// ```
///
/// A million members against a million ledger rows cost two index walks and a bitmap of the members' ids.
/// Batches are then read from the diff table in hash order with ``syncDiffBatch(audience:operation:after:limit:)``.
extension Store {
    /// The TEMP table of every planned audience's removals and additions.
    public static let syncDiffTable = "segsync_sync_diff"

    /// Computes what `audience` must add and remove so that Pinterest holds exactly the email hashes of the
    /// unsuppressed people in `membersTable` (deleted people and people without an email hold none), and
    /// stores the hashes in ``syncDiffTable`` for the batches.
    ///
    /// - Parameters:
    ///   - audience: The segment name the ledger is kept under.
    ///   - membersTable: A TEMP table `(person_id INTEGER PRIMARY KEY, suppressed INTEGER)`, without `temp.`.
    /// - Returns: The counts.
    /// - Throws: ``DatabaseError``.
    public func diffLedger(audience: String, membersTable: String) throws -> LedgerDiffCounts {
        precondition(Self.isPlainIdentifier(membersTable), "the members table is an identifier of ours")
        try clearDiff(of: audience)
        let ledger = try database.cached("SELECT hash FROM ledger WHERE audience = ? ORDER BY hash")
        try ledger.bind([.text(audience)])
        defer { ledger.reset() }
        let insert = try database.cached(
            "INSERT INTO temp.\(Self.syncDiffTable) (audience, operation, hash) VALUES (?, ?, ?)")
        var merge = try memberHashes(in: membersTable).merge(with: ledger)
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

    /// Plans the retirement of `audience`: every hash its ledger holds is to be removed, but those that the
    /// ledger of another audience on the same customer list holds (a segment renamed while keeping its
    /// `pinterest.audience` adopts the list), which must stay. Stores the removals in ``syncDiffTable``.
    ///
    /// Computed again just before the removals are sent, after the run's other audiences recorded theirs.
    public func diffLedgerForRetirement(audience: String) throws -> LedgerDiffCounts {
        try clearDiff(of: audience)
        let removed = try database.run(
            """
            INSERT INTO temp.\(Self.syncDiffTable) (audience, operation, hash)
            SELECT ?1, ?2, hash FROM ledger WHERE audience = ?1 AND hash NOT IN (
                SELECT l.hash FROM ledger l JOIN audiences a ON a.name = l.audience
                WHERE a.name <> ?1
                  AND a.customer_list_id = (SELECT customer_list_id FROM audiences WHERE name = ?1))
            """, [.text(audience), .integer(LedgerOperation.remove.diffCode)])
        return LedgerDiffCounts(remove: removed)
    }

    /// Whether a sync run ever sent a batch for `audience` (one retired since leaves its batches behind).
    public func hasSyncBatches(audience: String) throws -> Bool {
        try database.count("SELECT EXISTS (SELECT 1 FROM sync_batches WHERE audience = ?)", [.text(audience)]) == 1
    }

    /// Makes sure the diff table exists and holds nothing of `audience`.
    private func clearDiff(of audience: String) throws {
        try database.execute("""
            CREATE TEMP TABLE IF NOT EXISTS \(Self.syncDiffTable) (
                audience TEXT NOT NULL, operation INTEGER NOT NULL, hash TEXT NOT NULL,
                PRIMARY KEY (audience, operation, hash)
            ) WITHOUT ROWID;
            """)
        try database.run("DELETE FROM temp.\(Self.syncDiffTable) WHERE audience = ?", [.text(audience)])
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

    /// The next hashes of a planned operation, in hash order, after `after` (nil for the first batch).
    ///
    /// - Parameters:
    ///   - audience: The segment name.
    ///   - operation: ``LedgerOperation/remove`` or ``LedgerOperation/add``.
    ///   - after: The last hash of the previous batch of the same operation.
    ///   - limit: The batch size.
    public func syncDiffBatch(
        audience: String, operation: LedgerOperation, after: String?, limit: Int
    ) throws -> [String] {
        try database.query(
            """
            SELECT hash FROM temp.\(Self.syncDiffTable) WHERE audience = ? AND operation = ? AND hash > ?
            ORDER BY hash LIMIT ?
            """,
            [.text(audience), .integer(operation.diffCode), .text(after ?? ""), .integer(Int64(limit))]
        ) { $0.string(0) ?? "" }
    }

    /// Forgets the planned diffs (the TEMP table goes).
    public func dropSyncDiff() {
        try? database.execute("DROP TABLE IF EXISTS temp.\(Self.syncDiffTable)")
    }

    /// The hashes an audience's ledger holds, sorted: for tests and small audiences only.
    public func ledgerHashes(audience: String) throws -> [String] {
        try database.query("SELECT hash FROM ledger WHERE audience = ? ORDER BY hash", [.text(audience)]) {
            $0.string(0) ?? ""
        }
    }

    static func isPlainIdentifier(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 == 0x5F || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0)
            || (0x41...0x5A).contains($0) }
    }
}

extension LedgerOperation {
    /// The operation's code in ``Store/syncDiffTable``: 0 for REMOVE, 1 for ADD.
    var diffCode: Int64 { self == .remove ? 0 : 1 }
}
