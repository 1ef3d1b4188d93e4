import CSQLite
import SegmentLanguage

/// A read-only connection of its own to a store's file, for tests that check what a store wrote from outside
/// it: the store keeps its connection and its SQL to itself.
///
/// It sees what was committed. Each query opens and closes its statement; values bind as ``SQLValue``s.
public final class StoreFileReader {
    private var handle: OpaquePointer?

    /// Opens `path` read-only.
    public init(path: String) throws {
        let status = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "status \(status)"
            sqlite3_close(handle)
            throw ReaderError(message: "cannot open \(path): \(message)")
        }
        sqlite3_busy_timeout(handle, 5000)
    }

    deinit { sqlite3_close(handle) }

    /// An error of SQLite, with its message and the statement.
    public struct ReaderError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Runs `sql` with `values` bound and returns each row's columns as values.
    public func rows(_ sql: String, _ values: [SQLValue] = []) throws -> [[SQLValue]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw ReaderError(message: "\(String(cString: sqlite3_errmsg(handle))) in: \(sql)")
        }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: sqlite3_bind_null(statement, index)
            case .integer(let number): sqlite3_bind_int64(statement, index, number)
            case .real(let number): sqlite3_bind_double(statement, index, number)
            case .text(let text): sqlite3_bind_text(statement, index, text, -1, transient)
            }
        }
        var result: [[SQLValue]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                throw ReaderError(message: "\(String(cString: sqlite3_errmsg(handle))) in: \(sql)")
            }
            result.append((0..<sqlite3_column_count(statement)).map { column in
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, column))
                case SQLITE_FLOAT: .real(sqlite3_column_double(statement, column))
                case SQLITE_NULL: .null
                default: .text(String(cString: sqlite3_column_text(statement, column)))
                }
            })
        }
        return result
    }

    /// A query's first column, as text ("NULL" for NULL, numbers as written).
    public func strings(_ sql: String, _ values: [SQLValue] = []) throws -> [String] {
        try rows(sql, values).map { row in
            switch row.first ?? .null {
            case .null: "NULL"
            case .integer(let number): String(number)
            case .real(let number): String(number)
            case .text(let text): text
            }
        }
    }

    /// A query returning one integer.
    public func count(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        Int(try rows(sql, values).first?.first?.int64 ?? 0)
    }
}
