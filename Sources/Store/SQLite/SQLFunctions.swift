import Matching
import CSQLite
import Foundation

/// The SQL functions that compiled segment rules use, registered on every connection.
///
/// - `segsync_num(x)`: a number as REAL for an INTEGER or REAL, or for TEXT that is entirely a
///   decimal number (`"300"`, `"-1.5"`, `"1e3"`); NULL otherwise.
/// - `segsync_time(x)`: milliseconds since the epoch for an INTEGER or REAL (Unix seconds) or an
///   ISO-8601 TEXT; NULL otherwise.
/// - `segsync_email_hash(x)`: ``PinterestHashing/hashedEmail(_:)`` of a TEXT; NULL for NULL, an empty value or one
///   that is not an email.
enum SQLFunctions {
    static func register(on handle: OpaquePointer) {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
        sqlite3_create_function_v2(handle, "segsync_num", 1, flags, nil, { context, _, arguments in
            guard let argument = arguments?[0] else { return sqlite3_result_null(context) }
            switch sqlite3_value_type(argument) {
            case SQLITE_INTEGER, SQLITE_FLOAT:
                sqlite3_result_double(context, sqlite3_value_double(argument))
            case SQLITE_TEXT:
                let bytes = UnsafeBufferPointer(
                    start: sqlite3_value_text(argument), count: Int(sqlite3_value_bytes(argument)))
                if let number = NumericText.parse(bytes) {
                    sqlite3_result_double(context, number)
                } else {
                    sqlite3_result_null(context)
                }
            default:
                sqlite3_result_null(context)
            }
        }, nil, nil, nil)
        sqlite3_create_function_v2(handle, "segsync_time", 1, flags, nil, { context, _, arguments in
            guard let argument = arguments?[0] else { return sqlite3_result_null(context) }
            switch sqlite3_value_type(argument) {
            case SQLITE_INTEGER, SQLITE_FLOAT:
                let seconds = sqlite3_value_double(argument)
                if let millis = NumericText.millis(fromSeconds: seconds) {
                    sqlite3_result_int64(context, millis)
                } else {
                    sqlite3_result_null(context)
                }
            case SQLITE_TEXT:
                let bytes = UnsafeBufferPointer(
                    start: sqlite3_value_text(argument), count: Int(sqlite3_value_bytes(argument)))
                if let millis = Timestamp.parseISO8601(bytes: bytes) {
                    sqlite3_result_int64(context, millis)
                } else {
                    sqlite3_result_null(context)
                }
            default:
                sqlite3_result_null(context)
            }
        }, nil, nil, nil)
        sqlite3_create_function_v2(handle, "segsync_email_hash", 1, flags, nil, { context, _, arguments in
            guard let argument = arguments?[0], sqlite3_value_type(argument) == SQLITE_TEXT,
                let text = sqlite3_value_text(argument)
            else { return sqlite3_result_null(context) }
            let email = String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(argument))),
                               as: UTF8.self)
            guard let hash = PinterestHashing.hashedEmail(email) else { return sqlite3_result_null(context) }
            sqlite3_result_text(context, hash, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }, nil, nil, nil)
    }
}
