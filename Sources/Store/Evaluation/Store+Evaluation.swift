import SegmentLanguage

/// Segment evaluation on SQLite: each person set is a TEMP table of the store's connection, named by the store and
/// dropped when its value goes (or when the connection closes).
///
/// A member set's table is `(person_id INTEGER PRIMARY KEY, has_email INTEGER, suppressed INTEGER)`; the
/// suppression sets share one `(person_id, segment)` table. The rule's query fills the table in one
/// `INSERT ... SELECT`, suppression is one `UPDATE`, and nothing is pulled into Swift for set arithmetic.
extension Store: SegmentStore {
    public var ruleDialect: any SQLDialect { SQLiteDialect() }

    /// Whether the person `p` has an email Pinterest can match (one with a hash: the sync sends exactly those).
    public var memberColumns: [SQLFragment] { ["p.email_hash IS NOT NULL"] }

    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        try database.execute("SAVEPOINT segsync_snapshot")
        do {
            let result = try body()
            try database.execute("RELEASE segsync_snapshot")
            return result
        } catch {
            // The tables made inside are gone with it, and the rows added inside to tables made before.
            try? database.execute("ROLLBACK TO segsync_snapshot; RELEASE segsync_snapshot")
            rollbacks += 1
            throw error
        }
    }

    public func makeSuppressionSets() -> any SuppressionSets {
        SQLiteSuppressionSets(store: self, table: makeTempTableName("suppression"))
    }

    public func members(of query: CompiledQuery, suppressedBy: [String], in suppression: any SuppressionSets) throws
        -> any MemberSet
    {
        guard let suppression = suppression as? SQLiteSuppressionSets, suppression.store === self else {
            preconditionFailure("suppression sets of another store")
        }
        let set = SQLiteMemberSet(store: self, table: makeTempTableName("members"), suppression: suppression,
                                  applied: suppressedBy)
        try set.fill(query)
        return set
    }

    public func queryPlan(of query: CompiledQuery) throws -> [String] {
        try database.queryPlan(query.sql, query.bindings)
    }

    /// A name for a new TEMP table, unique on this connection.
    func makeTempTableName(_ kind: String) -> String {
        tempTables += 1
        return "segsync_\(kind)_\(tempTables)"
    }

    /// Drops a TEMP table of ours; for deinits, where a failure can only leave the table to the connection's end.
    func dropTempTable(_ name: String) {
        try? database.execute("DROP TABLE IF EXISTS temp.\(name)")
    }
}

final class SQLiteSuppressionSets: SuppressionSets {
    let store: Store
    let table: String
    private(set) var counts: [String: Int] = [:]
    /// ``Store/rollbacks`` when ``counts`` was last known to match the table.
    private var rollbacksSeen: Int

    init(store: Store, table: String) {
        self.store = store
        self.table = table
        rollbacksSeen = store.rollbacks
    }

    deinit { store.dropTempTable(table) }

    @discardableResult
    func add(_ name: String, query: CompiledQuery) throws -> Int {
        let database = store.database
        // A snapshot that failed since may have taken the table, or rows added to it, back with it: then every
        // segment is evaluated again.
        let exists = try tableExists()
        if !exists || store.rollbacks != rollbacksSeen {
            counts.removeAll()
            if exists { try database.run("DELETE FROM temp.\(table)") }
            rollbacksSeen = store.rollbacks
        }
        if let count = counts[name] { return count }
        if !exists {
            try database.execute("""
                CREATE TEMP TABLE \(table) (
                    person_id INTEGER NOT NULL, segment TEXT NOT NULL, PRIMARY KEY (person_id, segment)
                ) WITHOUT ROWID;
                """)
        }
        let added = try database.run(
            "INSERT OR IGNORE INTO temp.\(table) (person_id, segment) SELECT id, ? FROM (\(query.sql))",
            [.text(name)] + query.bindings)
        counts[name] = added
        return added
    }

    private func tableExists() throws -> Bool {
        try store.database.count(
            "SELECT count(*) FROM temp.sqlite_schema WHERE type = 'table' AND name = ?", [.text(table)]) == 1
    }

    /// Whether the table holds `names` as ``counts`` says (a failed snapshot may have taken rows or the table back).
    func isCurrent(_ names: [String]) throws -> Bool {
        try names.allSatisfy { counts[$0] != nil } && store.rollbacks == rollbacksSeen && tableExists()
    }

    func forEachPerson(_ body: (SuppressedPerson) throws -> Void) throws {
        if counts.isEmpty { return }
        guard try isCurrent(Array(counts.keys)) else { throw StoreError.evaluationLost(path: store.path) }
        var current: SuppressedPerson?
        try store.database.forEach(
            """
            SELECT p.id, p.user_id, p.anonymous_id, nullif(p.email, ''), p.email_hash, nullif(p.phone, ''), s.segment
            FROM temp.\(table) s JOIN people p ON p.id = s.person_id
            WHERE p.deleted_at IS NULL ORDER BY s.person_id, s.segment
            """
        ) { columns in
            let id = columns.int64(0) ?? 0
            let segment = columns.string(6) ?? ""
            if current?.personId == id {
                current?.segments.append(segment)
                return
            }
            if let finished = current { try body(finished) }
            current = SuppressedPerson(
                personId: id, userId: columns.string(1), anonymousId: columns.string(2), email: columns.string(3),
                emailHash: columns.string(4), phone: columns.string(5), segments: [segment])
        }
        if let finished = current { try body(finished) }
    }
}

final class SQLiteMemberSet: MemberSet {
    let store: Store
    let table: String
    /// Kept while the set lives: its attribution reads the suppression table.
    let suppression: SQLiteSuppressionSets
    let appliedSuppression: [String]
    private(set) var counts = AudienceCounts()

    /// The SQL expression naming a person `p` in member lists.
    private static let identifierSQL = "coalesce(p.user_id, p.anonymous_id, 'person:' || p.id)"

    init(store: Store, table: String, suppression: SQLiteSuppressionSets, applied: [String]) {
        self.store = store
        self.table = table
        self.suppression = suppression
        self.appliedSuppression = applied
    }

    deinit { store.dropTempTable(table) }

    /// Writes the query's people, marks those in the applied suppression segments, and counts.
    func fill(_ query: CompiledQuery) throws {
        let database = store.database
        try database.execute("""
            DROP TABLE IF EXISTS temp.\(table);
            CREATE TEMP TABLE \(table) (
                person_id INTEGER PRIMARY KEY, has_email INTEGER NOT NULL, suppressed INTEGER NOT NULL DEFAULT 0);
            """)
        // The query reads has_email (``Store/memberColumns``) while each person's row is at hand: one lookup of
        // each person. (SQLite usually returns them in id order, so the insert appends.)
        counts.count = try database.run(
            "INSERT INTO temp.\(table) (person_id, has_email) \(query.sql)", query.bindings)
        if !appliedSuppression.isEmpty {
            guard try suppression.isCurrent(appliedSuppression) else {
                throw StoreError.evaluationLost(path: store.path)
            }
            let names = appliedSuppression.map { SQLValue.text($0) }
            let list = Array(repeating: "?", count: names.count).joined(separator: ", ")
            counts.suppressed = try database.run(
                """
                UPDATE temp.\(table) SET suppressed = 1 WHERE person_id IN \
                (SELECT person_id FROM temp.\(suppression.table) WHERE segment IN (\(list)))
                """, names)
            counts.suppressedBy = Dictionary(uniqueKeysWithValues: appliedSuppression.map { ($0, 0) })
            try database.forEach(
                """
                SELECT s.segment, count(*) FROM temp.\(suppression.table) s CROSS JOIN temp.\(table) t \
                ON t.person_id = s.person_id WHERE s.segment IN (\(list)) GROUP BY s.segment
                """, names
            ) { row in
                counts.suppressedBy[row.string(0) ?? ""] = Int(row.int64(1) ?? 0)
            }
        }
        counts.matchable = try database.count(
            "SELECT count(*) FROM temp.\(table) WHERE suppressed = 0 AND has_email = 1")
    }

    func identifiers() throws -> [String] {
        try store.database.query(
            """
            SELECT DISTINCT \(Self.identifierSQL) AS member FROM temp.\(table) t \
            JOIN people p ON p.id = t.person_id ORDER BY member COLLATE BINARY
            """
        ) { $0.string(0) ?? "" }
    }

    func forEachMember(includingSuppressed: Bool, _ body: (AudienceMember) throws -> Void) throws {
        let filter = includingSuppressed ? "" : "WHERE t.suppressed = 0"
        try store.database.forEach(
            """
            SELECT p.id, p.user_id, p.anonymous_id, nullif(p.email, ''), p.email_hash, t.suppressed \
            FROM temp.\(table) t JOIN people p ON p.id = t.person_id \(filter) ORDER BY t.person_id
            """
        ) { row in
            try body(
                AudienceMember(
                    personId: row.int64(0) ?? 0, userId: row.string(1), anonymousId: row.string(2),
                    email: row.string(3), emailHash: row.string(4), isSuppressed: row.int64(5) == 1))
        }
    }

    func suppressionAttribution() throws -> [Int64: [String]] {
        guard !appliedSuppression.isEmpty else { return [:] }
        let names = appliedSuppression.map { SQLValue.text($0) }
        let list = Array(repeating: "?", count: names.count).joined(separator: ", ")
        var result: [Int64: [String]] = [:]
        try store.database.forEach(
            """
            SELECT s.person_id, s.segment FROM temp.\(table) t JOIN temp.\(suppression.table) s \
            ON s.person_id = t.person_id WHERE s.segment IN (\(list)) ORDER BY s.person_id, s.segment
            """, names
        ) { row in
            result[row.int64(0) ?? 0, default: []].append(row.string(1) ?? "")
        }
        return result
    }
}
