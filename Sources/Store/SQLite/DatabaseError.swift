import CSQLite

/// An error reported by SQLite, with the statement it came from.
///
/// The description names the SQL (never its bound values, which may hold personal data).
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    /// SQLite's primary result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT`, ...).
    public let code: Int32
    /// SQLite's message.
    public let message: String
    /// The statement, when there is one.
    public let sql: String?

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " (in `\(sql.prefix(200))`)" }
        return text
    }

    /// True when another connection holds the lock this one needs.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
}
