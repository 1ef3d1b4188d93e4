import CSQLite
import Crypto
import Foundation

/// The SQL functions that compiled segment rules use, registered on every connection.
///
/// - `segsync_num(x)`: a number as REAL for an INTEGER or REAL, or for TEXT that is entirely a
///   decimal number (`"300"`, `"-1.5"`, `"1e3"`); NULL otherwise.
/// - `segsync_time(x)`: milliseconds since the epoch for an INTEGER or REAL (Unix seconds) or an
///   ISO-8601 TEXT; NULL otherwise.
/// - `segsync_email_hash(x)`: ``EmailHash/hash(_:)`` of a TEXT; NULL for NULL or an empty email.
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
            guard let hash = EmailHash.hash(email) else { return sqlite3_result_null(context) }
            sqlite3_result_text(context, hash, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }, nil, nil, nil)
    }
}

/// The identifier Pinterest matches an email by: SHA-256, lowercase hex, of the email trimmed of
/// white space and lowercased; a value that already is a 64-character hex hash is kept (lowercased),
/// never hashed twice. The `Pinterest` target's `PinterestHashing.hashedEmail` trims and hashes the same way
/// but also refuses a value without `@`; this one hashes whatever the person's email trait holds.
public enum EmailHash {
    /// The hash, or nil for an empty email.
    public static func hash(_ email: String) -> String? {
        let normalized = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !normalized.isEmpty else { return nil }
        if normalized.utf8.count == 64, normalized.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) {
            return normalized
        }
        return hex(SHA256.hash(data: Array(normalized.utf8)))
    }

    /// Lowercase hex of the bytes, written into one buffer (no string per byte).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Numbers written as text, the way rules compare them (`"300"` counts as 300).
public enum NumericText {
    /// The number a text holds when it is entirely a decimal number, else nil.
    public static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// The number UTF-8 bytes hold when they are entirely a decimal number, else nil.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let count = bytes.count
        if index < count, bytes[index] == 0x2D || bytes[index] == 0x2B { index += 1 }
        var digits = 0
        while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1; digits += 1 }
        if index < count, bytes[index] == 0x2E {
            index += 1
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if index < count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            if index < count, bytes[index] == 0x2D || bytes[index] == 0x2B { index += 1 }
            var exponentDigits = 0
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard index == count else { return nil }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// Unix seconds as milliseconds, when in a sane range (years 0 to 9999).
    public static func millis(fromSeconds seconds: Double) -> Int64? {
        guard seconds.isFinite, seconds > -62_167_219_200, seconds < 253_402_300_800 else { return nil }
        return Int64((seconds * 1000).rounded(.down))
    }
}
