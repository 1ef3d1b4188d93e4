import Foundation

/// The sync benchmark's store (scripts/bench-sync.sh), filled by SQL in seconds: ingesting the same people would
/// take minutes and measure ingest, not the sync.
extension Store {
    /// Fills a fresh store: people 1…members+churn with an email; people 1…members with an `Add to Cart` inside
    /// the 24 hours before `now` and the others with one three days old; audience `audience` with a ledger holding
    /// people churn+1…members+churn. So a segment "Add to Cart in last 24h" holds `members`, the ledger `members`,
    /// and the plan adds `churn` and removes `churn`.
    public func fillSyncBenchmark(members: Int64, churn: Int64, now: Int64, audience: String, pinterestName: String)
        throws
    {
        try database.transaction {
            try database.run(
                """
                WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?)
                INSERT INTO people (id, user_id, email, email_hash, created_at)
                SELECT i, 'user-' || i, 'user' || i || '@example.com', segsync_email_hash('user' || i || '@example.com'),
                    ?
                FROM s
                """, [.integer(members + churn), .integer(now - 86_400_000 * 30)])
            try database.run(
                """
                INSERT INTO events (person_id, name, ts, type, message_id, properties)
                SELECT id, 'Add to Cart', CASE WHEN id <= ? THEN ? - (id % 80000) * 1000 ELSE ? - 3 * 86400000 END,
                    'track', 'bench-' || id, '{}'
                FROM people ORDER BY id
                """, [.integer(members), .integer(now), .integer(now)])
            try database.run(
                "INSERT INTO audiences (name, pinterest_name, created_at) VALUES (?, ?, ?)",
                [.text(audience), .text(pinterestName), .integer(now)])
            try database.run(
                """
                INSERT INTO ledger (audience, hash, added_at)
                SELECT ?, email_hash, ? FROM people WHERE id > ? ORDER BY email_hash
                """, [.text(audience), .integer(now), .integer(churn)])
        }
        try database.execute("ANALYZE")
    }

    /// The email hashes of people 1…`lastID`: what the benchmark's audience must hold once synced.
    public func emailHashes(ofPeopleThrough lastID: Int64) throws -> Set<String> {
        var hashes = Set<String>()
        try database.forEach("SELECT email_hash FROM people WHERE id <= ?", [.integer(lastID)]) {
            hashes.insert($0.string(0) ?? "")
        }
        return hashes
    }
}
