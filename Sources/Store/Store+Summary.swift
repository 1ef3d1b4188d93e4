/// What the store holds, for `segsync demo` and status output.
public struct StoreSummary: Sendable, Equatable, Codable {
    public var people: Int
    public var identified: Int
    public var anonymous: Int
    /// People with an email Pinterest can match (one with a hash).
    public var withEmail: Int
    public var deleted: Int
    public var events: Int
    public var rejected: Int
    public var eventsByName: [String: Int]
    /// The newest event's timestamp (ms), nil when there is none.
    public var newestEvent: Int64?
    public var oldestEvent: Int64?
}

extension Store {
    /// Counts of what the store holds.
    public func summary() throws -> StoreSummary {
        let db = database
        var byName: [String: Int] = [:]
        try db.forEach("SELECT name, count(*) FROM events GROUP BY name") { row in
            byName[row.string(0) ?? ""] = Int(row.int64(1) ?? 0)
        }
        return StoreSummary(
            people: try db.count("SELECT count(*) FROM people WHERE deleted_at IS NULL"),
            identified: try db.count("SELECT count(*) FROM people WHERE deleted_at IS NULL AND user_id IS NOT NULL"),
            anonymous: try db.count("SELECT count(*) FROM people WHERE deleted_at IS NULL AND user_id IS NULL"),
            withEmail: try db.count("SELECT count(*) FROM people WHERE deleted_at IS NULL AND email_hash IS NOT NULL"),
            deleted: try db.count("SELECT count(*) FROM people WHERE deleted_at IS NOT NULL"),
            events: try db.count("SELECT count(*) FROM events"),
            rejected: try db.count("SELECT count(*) FROM rejected"),
            eventsByName: byName,
            newestEvent: try db.scalar("SELECT max(ts) FROM events")?.int64,
            oldestEvent: try db.scalar("SELECT min(ts) FROM events")?.int64)
    }

    /// Every event name the store has seen.
    public func knownEventNames() throws -> Set<String> {
        try distinctValues(of: "name", in: "events")
    }

    /// Every attribute key the store has seen, lowercased.
    public func knownAttributeKeys() throws -> Set<String> {
        try distinctValues(of: "key_norm", in: "attributes")
    }

    /// The distinct values of an indexed column, by a recursive query that seeks to the next value: one
    /// seek per distinct value, milliseconds on ten million events where `SELECT DISTINCT` reads the
    /// whole index (seconds). `column` and `table` are this file's constants, never input.
    private func distinctValues(of column: StaticString, in table: StaticString) throws -> Set<String> {
        Set(
            try database.query(
                """
                WITH RECURSIVE found(value) AS (
                    SELECT (SELECT min(\(column)) FROM \(table))
                    UNION ALL
                    SELECT (SELECT min(\(column)) FROM \(table) WHERE \(column) > found.value)
                    FROM found WHERE found.value IS NOT NULL
                )
                SELECT value FROM found WHERE value IS NOT NULL
                """
            ) { $0.string(0) ?? "" })
    }

    /// The id of the newest rejection (0 when there is none), to list a run's own later.
    public func lastRejectionID() throws -> Int64 {
        try database.scalar("SELECT coalesce(max(id), 0) FROM rejected")?.int64 ?? 0
    }

    /// Rejected inputs kept after the rejection `id`, oldest first.
    public func rejections(after id: Int64, limit: Int) throws -> [Rejection] {
        try database.query(
            "SELECT source, line, reason, message_id, raw FROM rejected WHERE id > ? ORDER BY id LIMIT ?",
            [.integer(id), .integer(Int64(limit))]
        ) { row in
            Rejection(source: row.string(0) ?? "", line: row.int64(1).map { Int($0) }, reason: row.string(2) ?? "",
                      messageId: row.string(3), raw: row.string(4) ?? "")
        }
    }
}
