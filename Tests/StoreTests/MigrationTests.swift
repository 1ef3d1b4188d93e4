import Foundation
import SegsyncTesting
import Testing

@testable import Store

@Suite struct MigrationTests {
    @Test func freshStoreHasEveryMigrationOnce() throws {
        let test = try TestStore()
        let applied = try test.store.appliedMigrations()
        #expect(applied.first == "0001_init.sql")
        #expect(applied == embeddedMigrations.map(\.name))
        #expect(try test.strings("PRAGMA journal_mode") == ["wal"])
        let reopened = try Store.open(path: test.store.path)
        #expect(try reopened.appliedMigrations() == applied)
        #expect(try test.count("SELECT count(*) FROM schema_migrations") == applied.count)
    }

    /// SwiftPM plans the EmbedMigrations plugin's inputs once: a migration added or removed after the
    /// last plan is not embedded until the package is planned again. This says so, rather than a test
    /// run or a binary silently going without it.
    @Test func theBinaryEmbedsExactlyTheMigrationsOnDisk() throws {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("migrations")
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(
            embeddedMigrations.map(\.name) == onDisk,
            "migrations/ changed since the build was planned: run `touch Package.swift` and build again")
        for (name, sql) in embeddedMigrations where onDisk.contains(name) {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            #expect(sql == text, "\(name) differs from the embedded copy: build again")
        }
    }

    @Test func changedMigrationIsAnError() throws {
        let test = try TestStore()
        try test.store.database.run("UPDATE schema_migrations SET checksum = 'edited' WHERE name = '0001_init.sql'")
        let error = #expect(throws: StoreError.self) { try Store.open(path: test.store.path) }
        #expect(error?.description.contains("migration 0001_init.sql was applied") == true)
        #expect(error?.description.contains("add a new numbered migration") == true)
    }

    @Test func migrationFromANewerBinaryIsAnError() throws {
        let test = try TestStore()
        try test.store.database.run(
            "INSERT INTO schema_migrations (name, checksum, applied_at) VALUES ('9999_future.sql', 'x', 0)")
        let error = #expect(throws: StoreError.self) { try Store.open(path: test.store.path) }
        #expect(error?.description.contains("9999_future.sql") == true)
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() throws {
        let directory = TemporaryDirectory()
        let path = try directory.write("notes.sqlite", String(repeating: "not a database at all\n", count: 200))
        let error = #expect(throws: StoreError.self) { try Store.open(path: path) }
        #expect(error?.description == "\(path) is not a segsync store: the file is not an SQLite database")
    }

    @Test func migrationsApplyInNumberOrder() throws {
        let migrator = Migrator([("0002_b.sql", "CREATE TABLE b (x);"), ("0001_a.sql", "CREATE TABLE a (x);")])
        #expect(migrator.migrations.map(\.name) == ["0001_a.sql", "0002_b.sql"])
        let directory = TemporaryDirectory()
        let database = try Database(path: directory.path("m.sqlite"))
        #expect(try migrator.migrate(database) == ["0001_a.sql", "0002_b.sql"])
        #expect(try migrator.migrate(database) == [])
    }

    @Test func aFailingMigrationLeavesNothingBehind() throws {
        let directory = TemporaryDirectory()
        let database = try Database(path: directory.path("m.sqlite"))
        let migrator = Migrator([("0001_a.sql", "CREATE TABLE a (x); CREATE TABLE broken (;")])
        #expect(throws: DatabaseError.self) { try migrator.migrate(database) }
        #expect(try database.count("SELECT count(*) FROM sqlite_master WHERE name = 'a'") == 0)
        #expect(try database.count("SELECT count(*) FROM schema_migrations") == 0)
    }

    /// 0005 takes the hash (and the email identity) from an email trait that is not an email. Before it,
    /// "none" had a hash (any 64 hex digits stand in for it here).
    @Test func anEmailTraitThatIsNotAnEmailLosesItsHash() throws {
        let directory = TemporaryDirectory()
        let database = try Database(path: directory.path("old.sqlite"))
        try Migrator(embeddedMigrations.filter { $0.name < "0005" }).migrate(database)
        try database.execute("""
            INSERT INTO people (id, user_id, email, email_hash, created_at) VALUES
                (1, 'u1', 'none', printf('%.64d', 7), 0),
                (2, 'u2', 'pat@example.com', segsync_email_hash('pat@example.com'), 0);
            INSERT INTO identities (kind, value, person_id)
                VALUES ('email', 'none', 1), ('email', 'pat@example.com' || char(9), 2);
            """)
        try Migrator(embeddedMigrations).migrate(database)
        #expect(try database.query("SELECT id, email_hash IS NULL FROM people ORDER BY id") {
            "\($0.int64(0) ?? 0) \($0.int64(1) ?? 0)"
        } == ["1 1", "2 0"])
        #expect(try database.query("SELECT value FROM identities WHERE kind = 'email'") { $0.string(0) ?? "" }
            == ["pat@example.com"])
    }

    /// 0008 builds the sync tables again with CHECKs on their statuses and operations: the rows a store
    /// held before it keep their ids and their batches, and a status outside the known ones is refused.
    @Test func syncRunsKeepTheirRowsAndGainStatusChecks() throws {
        let directory = TemporaryDirectory()
        let database = try Database(path: directory.path("old.sqlite"))
        try database.execute("PRAGMA foreign_keys = ON")  // as Store.open migrates
        try Migrator(embeddedMigrations.filter { $0.name < "0008" }).migrate(database)
        try database.execute("""
            INSERT INTO sync_runs (id, started_at, finished_at, as_of, status, summary) VALUES
                (4, 10, 20, 5, 'ok', '[]'), (9, 30, NULL, 25, 'interrupted', NULL);
            INSERT INTO sync_batches (id, run_id, audience, operation, size, status, started_at, acknowledged_at)
                VALUES (1, 4, 'carts', 'CREATE', 3, 'acknowledged', 11, 12), (2, 9, 'carts', 'REMOVE', 2, 'sent', 31, NULL);
            """)
        try Migrator(embeddedMigrations).migrate(database)
        #expect(try database.query("SELECT id, status, coalesce(summary, '-') FROM sync_runs ORDER BY id") {
            "\($0.int64(0) ?? 0) \($0.string(1) ?? "") \($0.string(2) ?? "")"
        } == ["4 ok []", "9 interrupted -"])
        #expect(try database.query("SELECT id, run_id, operation, status FROM sync_batches ORDER BY id") {
            "\($0.int64(0) ?? 0) \($0.int64(1) ?? 0) \($0.string(2) ?? "") \($0.string(3) ?? "")"
        } == ["1 4 CREATE acknowledged", "2 9 REMOVE sent"])
        #expect(throws: (any Error).self) { try database.execute("UPDATE sync_runs SET status = 'done' WHERE id = 4") }
        #expect(throws: (any Error).self) {
            try database.execute("UPDATE sync_batches SET operation = 'UPSERT' WHERE id = 1")
        }
        #expect(throws: (any Error).self) { try database.execute("UPDATE sync_batches SET status = 'lost' WHERE id = 1") }
        // The batches still belong to their run: deleting it takes them along.
        try database.execute("DELETE FROM sync_runs WHERE id = 4")
        #expect(try database.query("SELECT id FROM sync_batches") { $0.int64(0) ?? 0 } == [2])
        #expect(try database.query("PRAGMA foreign_key_check") { $0.string(0) ?? "" }.isEmpty)
    }
}
