import SegmentLanguage
import CSQLite

private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement. Owned by a ``Database``; never shared between connections.
final class Statement {
    let pointer: OpaquePointer
    let sql: String
    unowned let database: Database

    init(database: Database, sql: String) throws(DatabaseError) {
        var pointer: OpaquePointer?
        let status = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard status == SQLITE_OK, let pointer else {
            throw database.lastError(status, sql: sql)
        }
        self.pointer = pointer
        self.sql = sql
        self.database = database
    }

    deinit { sqlite3_finalize(pointer) }

    func bind(_ values: [SQLValue]) throws(DatabaseError) {
        let expected = Int(sqlite3_bind_parameter_count(pointer))
        guard expected == values.count else {
            throw DatabaseError(
                code: SQLITE_RANGE, message: "statement takes \(expected) values, got \(values.count)", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    func bind(_ value: SQLValue, at index: Int32) throws(DatabaseError) {
        let status: Int32
        switch value {
        case .null: status = sqlite3_bind_null(pointer, index)
        case .integer(let int): status = sqlite3_bind_int64(pointer, index, int)
        case .real(let double): status = sqlite3_bind_double(pointer, index, double)
        case .text(let string):
            status = string.utf8.withContiguousStorageIfAvailable { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    sqlite3_bind_text(pointer, index, $0.baseAddress, Int32($0.count), transient)
                }
            } ?? sqlite3_bind_text(pointer, index, string, -1, transient)
        }
        if status != SQLITE_OK { throw database.lastError(status, sql: sql) }
    }

    /// Advances to the next row; false when done.
    func step() throws(DatabaseError) -> Bool {
        let status = sqlite3_step(pointer)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.lastError(status, sql: sql)
            sqlite3_reset(pointer)
            throw error
        }
    }

    func reset() {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
    }

    func value(at column: Int32) -> SQLValue {
        switch sqlite3_column_type(pointer, column) {
        case SQLITE_INTEGER: .integer(sqlite3_column_int64(pointer, column))
        case SQLITE_FLOAT: .real(sqlite3_column_double(pointer, column))
        case SQLITE_NULL: .null
        default: .text(text(at: column) ?? "")
        }
    }

    func text(at column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(pointer, column) else { return nil }
        let count = Int(sqlite3_column_bytes(pointer, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}

/// One row of a query result, read by column index. Valid only inside the row callback.
struct Row {
    let statement: Statement

    /// The column's value.
    func value(_ column: Int) -> SQLValue { statement.value(at: Int32(column)) }
    /// The column as an integer, nil when NULL.
    func int64(_ column: Int) -> Int64? {
        sqlite3_column_type(statement.pointer, Int32(column)) == SQLITE_NULL
            ? nil : sqlite3_column_int64(statement.pointer, Int32(column))
    }
    /// The column as a double, nil when NULL.
    func double(_ column: Int) -> Double? {
        sqlite3_column_type(statement.pointer, Int32(column)) == SQLITE_NULL
            ? nil : sqlite3_column_double(statement.pointer, Int32(column))
    }
    /// The column as text, nil when NULL.
    func string(_ column: Int) -> String? { statement.text(at: Int32(column)) }
}

extension Statement {
    /// Binds an integer; the index is 1-based. Binding errors are programmer errors (wrong index).
    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(pointer, index, value)
    }

    /// Binds an integer, or NULL.
    func bind(_ value: Int64?, at index: Int32) {
        if let value { sqlite3_bind_int64(pointer, index, value) } else { sqlite3_bind_null(pointer, index) }
    }

    /// Binds a double, or NULL.
    func bind(_ value: Double?, at index: Int32) {
        if let value { sqlite3_bind_double(pointer, index, value) } else { sqlite3_bind_null(pointer, index) }
    }

    /// Binds a text, or NULL.
    func bind(_ value: String?, at index: Int32) {
        guard var value else {
            sqlite3_bind_null(pointer, index)
            return
        }
        value.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                _ = sqlite3_bind_text(pointer, index, $0.baseAddress, Int32($0.count), transient)
            }
        }
    }

    /// Runs the bound statement to its end; returns the rows it changed.
    @discardableResult
    func execute() throws(DatabaseError) -> Int {
        defer { sqlite3_reset(pointer) }
        while try step() {}
        return Int(sqlite3_changes(database.handle))
    }

    /// Runs the bound statement and maps its first row, if any.
    func first<T>(_ map: (Row) -> T) throws(DatabaseError) -> T? {
        defer { sqlite3_reset(pointer) }
        guard try step() else { return nil }
        return map(Row(statement: self))
    }
}
