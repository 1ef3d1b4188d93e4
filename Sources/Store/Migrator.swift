import Crypto
import Foundation

/// Applies the numbered SQL files of `migrations/` (embedded in the binary) in order, each once,
/// each in its own transaction, and records each with the SHA-256 of its text.
///
/// A migration that was applied and has changed since is an error, never a silent skip.
struct Migrator {
    struct Migration {
        let name: String
        let sql: String
        var checksum: String { Hex.lowercase(SHA256.hash(data: Data(sql.utf8))) }
        var number: Int { Int(name.prefix { $0.isNumber }) ?? 0 }
    }

    let migrations: [Migration]

    init(_ migrations: [(name: String, sql: String)]) {
        self.migrations = migrations.map { Migration(name: $0.name, sql: $0.sql) }.sorted { $0.name < $1.name }
        let numbers = self.migrations.map(\.number)
        precondition(!numbers.contains(0), "every migration file name starts with its number: 0001_init.sql")
        precondition(Set(numbers).count == numbers.count, "two migrations share a number: \(numbers)")
    }

    /// Applies what is missing; returns the names it applied.
    @discardableResult
    func migrate(_ database: Database) throws -> [String] {
        try database.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)
            """)
        let applied = try Dictionary(
            database.query("SELECT name, checksum FROM schema_migrations") { ($0.string(0) ?? "", $0.string(1) ?? "") },
            uniquingKeysWith: { first, _ in first })
        let known = Set(migrations.map(\.name))
        if let unknown = applied.keys.sorted().first(where: { !known.contains($0) }) {
            throw StoreError.unknownMigration(name: unknown, path: database.path)
        }
        var done: [String] = []
        for migration in migrations {
            if let checksum = applied[migration.name] {
                guard checksum == migration.checksum else {
                    throw StoreError.changedMigration(name: migration.name, path: database.path)
                }
                continue
            }
            try database.transaction {
                try database.execute(migration.sql)
                try database.run(
                    "INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?, ?, ?)",
                    [.text(migration.name), .text(migration.checksum), .integer(Store.wallClockMillis())])
            }
            done.append(migration.name)
        }
        if !done.isEmpty { database.clearStatementCache() }
        return done
    }
}
