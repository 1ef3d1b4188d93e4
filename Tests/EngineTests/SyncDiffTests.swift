@testable import Store
import Engine
import Foundation
import SegmentLanguage
import SegsyncTesting
import Testing

/// The ledger diff in SQL: both ways of reading the members' hashes in order (the index walk with a bitmap of ids for
/// a large audience, SQLite's sort for a small one) give the same additions and removals.
@Suite struct SyncDiffTests {
    /// 3,000 people, every seventh sharing an email with another, a member set of those whose id is not a
    /// multiple of 5 (every eleventh suppressed), a deleted person among them, and a ledger of other people's hashes.
    static func store() throws -> (test: TestStore, members: any MemberSet) {
        let test = try TestStore()
        let database = test.store.database
        try database.transaction {
            try database.run(
                """
                WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 3000)
                INSERT INTO people (id, user_id, email, email_hash, created_at)
                SELECT i, 'user-' || i, 'user' || (CASE WHEN i % 7 = 0 THEN i - 1 ELSE i END) || '@example.com',
                    segsync_email_hash('user' || (CASE WHEN i % 7 = 0 THEN i - 1 ELSE i END) || '@example.com'), 0
                FROM s
                """)
            try database.run("UPDATE people SET email = NULL, email_hash = NULL, deleted_at = 1 WHERE id = 12")
            try database.run("INSERT INTO audiences (name, pinterest_name, created_at) VALUES ('big', 'Big', 0)")
            try database.run(
                "INSERT INTO ledger (audience, hash, added_at) SELECT 'big', email_hash, 0 FROM people "
                    + "WHERE id % 3 <> 0 AND email_hash IS NOT NULL GROUP BY email_hash")
            try database.run("INSERT INTO ledger (audience, hash, added_at) VALUES ('big', 'gone-from-the-store', 0)")
        }
        // Queries of the shape the rule compiler writes, but for the deleted person, whom a rule would not select.
        let suppression = test.store.makeSuppressionSets()
        try suppression.add("eleventh", query: CompiledQuery(sql: "SELECT p.id FROM people p WHERE p.id % 11 = 0",
                                                             bindings: []))
        let members = try test.store.members(
            of: CompiledQuery(sql: "SELECT p.id, p.email_hash IS NOT NULL FROM people p WHERE p.id % 5 <> 0",
                              bindings: []),
            suppressedBy: ["eleventh"], in: suppression)
        return (test, members)
    }

    /// What the diff must be, computed the plain way in SQL.
    static func expected(_ test: TestStore) throws -> (add: Set<String>, remove: Set<String>) {
        let members = """
            SELECT p.email_hash AS h FROM people p
            WHERE p.id % 5 <> 0 AND p.id % 11 <> 0 AND p.email_hash IS NOT NULL AND p.deleted_at IS NULL
            """
        let add = try test.strings("SELECT DISTINCT h FROM (\(members)) WHERE h NOT IN (SELECT hash FROM ledger)")
        let remove = try test.strings("SELECT hash FROM ledger WHERE hash NOT IN (\(members))")
        return (Set(add), Set(remove))
    }

    static func diff(_ test: TestStore, _ members: any MemberSet) throws
        -> (counts: LedgerDiffCounts, add: Set<String>, remove: Set<String>)
    {
        let hashes = try test.store.makeSyncDiff()
        let counts = try hashes.diff(members, audience: "big")
        let add = try hashes.batch(audience: "big", operation: .add, after: nil, limit: 10_000)
        let remove = try hashes.batch(audience: "big", operation: .remove, after: nil, limit: 10_000)
        #expect(add == add.sorted() && remove == remove.sorted())
        return (counts, Set(add), Set(remove))
    }

    @Test func theIndexWalkAndTheSortAgree() throws {
        let (test, members) = try Self.store()
        let expected = try Self.expected(test)
        #expect(expected.add.count > 100 && expected.remove.count > 100)
        #expect(expected.remove.contains("gone-from-the-store"))

        let walked = try Self.diff(test, members)
        #expect(walked.add == expected.add)
        #expect(walked.remove == expected.remove)

        try test.store.database.execute("DROP INDEX people_email_hash")
        let sorted = try Self.diff(test, members)
        #expect(sorted.add == expected.add)
        #expect(sorted.remove == expected.remove)
        #expect(sorted.counts == walked.counts)
        let ledger = try test.count("SELECT count(*) FROM ledger")
        #expect(walked.counts.unchanged + walked.counts.remove == ledger)
    }

    @Test func theIndexWalkIsWhatALargeAudienceUses() throws {
        let test = try Self.store().test
        let plan = try test.store.database.queryPlan(
            """
            SELECT email_hash, id FROM people INDEXED BY people_email_hash
            WHERE email_hash IS NOT NULL AND deleted_at IS NULL ORDER BY email_hash
            """)
        #expect(plan.joined(separator: "\n").contains("COVERING INDEX people_email_hash"))
        #expect(!plan.joined(separator: "\n").contains("TEMP B-TREE"))
    }
}
