import SegmentLanguage
import CSQLite
import Foundation

/// One SQLite connection, with a cache of prepared statements (``Store/open(path:durability:logger:)`` puts the
/// file in WAL mode).
///
/// Not thread-safe: a connection belongs to one task or thread at a time. ``Store`` owns one and
/// offers domain methods over it; the Engine runs compiled segment queries through ``query(_:_:row:)``.
final class Database {
    let handle: OpaquePointer
    private var cache: [String: Statement] = [:]
    /// The file this connection opened.
    let path: String

    /// SQLite's process-wide settings, applied once before the first connection (see `shim.h`).
    private static let configured: Int32 = segsync_sqlite3_configure()

    /// Opens (creating if needed) the database at `path`.
    init(path: String, readOnly: Bool = false) throws(DatabaseError) {
        _ = Self.configured
        var pointer: OpaquePointer?
        let flags = readOnly
            ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &pointer, flags, nil)
        guard status == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let pointer { sqlite3_close_v2(pointer) }
            throw DatabaseError(code: status, message: "\(message): \(path)", sql: nil)
        }
        handle = pointer
        self.path = path
        sqlite3_extended_result_codes(handle, 0)
        sqlite3_busy_timeout(handle, 10_000)
        SQLFunctions.register(on: handle)
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that take no parameters and return no rows.
    func execute(_ sql: String) throws(DatabaseError) {
        var error: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &error)
        if status != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(error)
            throw DatabaseError(code: status, message: message, sql: sql)
        }
    }

    /// Runs one statement with bound values; returns the number of rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLValue] = []) throws(DatabaseError) -> Int {
        let statement = try cached(sql)
        try statement.bind(values)
        defer { statement.reset() }
        while try statement.step() {}
        return Int(sqlite3_changes(handle))
    }

    /// Runs a query and maps each row.
    func query<T>(_ sql: String, _ values: [SQLValue] = [], row: (Row) throws -> T) throws -> [T] {
        let statement = try cached(sql)
        try statement.bind(values)
        defer { statement.reset() }
        var result: [T] = []
        while try statement.step() {
            result.append(try row(Row(statement: statement)))
        }
        return result
    }

    /// Runs a query and calls `body` for each row, without collecting them.
    func forEach(_ sql: String, _ values: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        let statement = try cached(sql)
        try statement.bind(values)
        defer { statement.reset() }
        while try statement.step() {
            try body(Row(statement: statement))
        }
    }

    /// The first column of the first row, or nil when there is no row.
    func scalar(_ sql: String, _ values: [SQLValue] = []) throws(DatabaseError) -> SQLValue? {
        let statement = try cached(sql)
        try statement.bind(values)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return statement.value(at: 0)
    }

    /// An integer result of a query such as `SELECT count(*) ...` (0 when there is no row).
    func count(_ sql: String, _ values: [SQLValue] = []) throws(DatabaseError) -> Int {
        Int(try scalar(sql, values)?.int64 ?? 0)
    }

    /// The rowid of the last row this connection inserted.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs `body` in a transaction, committing when it returns and rolling back when it throws.
    func transaction<T>(immediate: Bool = true, _ body: () throws -> T) throws -> T {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` with connection settings changed (`PRAGMA name = value`, in order), then puts back what
    /// they were, whether `body` returns or throws.
    func with<T>(pragmas: KeyValuePairs<String, String>, _ body: () throws -> T) throws -> T {
        var previous: [(String, String)] = []
        defer {
            for (name, value) in previous.reversed() { try? execute("PRAGMA \(name) = \(value)") }
        }
        for (name, value) in pragmas {
            let current = try scalar("PRAGMA \(name)")?.int64 ?? 0
            try execute("PRAGMA \(name) = \(value)")
            previous.append((name, String(current)))
        }
        return try body()
    }

    /// A prepared statement for `sql`, kept for reuse while the connection lives.
    func cached(_ sql: String) throws(DatabaseError) -> Statement {
        if let statement = cache[sql] { return statement }
        let statement = try Statement(database: self, sql: sql)
        if cache.count > 200 { cache.removeAll() }
        cache[sql] = statement
        return statement
    }

    /// Forgets prepared statements that touch a dropped or changed table.
    func clearStatementCache() { cache.removeAll() }

    /// The query plan SQLite chose, one line per step (`EXPLAIN QUERY PLAN`).
    func queryPlan(_ sql: String, _ values: [SQLValue] = []) throws -> [String] {
        let statement = try Statement(database: self, sql: "EXPLAIN QUERY PLAN " + sql)
        try statement.bind(values)
        var lines: [(id: Int64, parent: Int64, detail: String)] = []
        while try statement.step() {
            let row = Row(statement: statement)
            lines.append((row.int64(0) ?? 0, row.int64(1) ?? 0, row.string(3) ?? ""))
        }
        var depth: [Int64: Int] = [0: -1]
        return lines.map { line in
            let level = (depth[line.parent] ?? -1) + 1
            depth[line.id] = level
            return String(repeating: "  ", count: level) + line.detail
        }
    }

    func lastError(_ status: Int32, sql: String?) -> DatabaseError {
        DatabaseError(code: status, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
