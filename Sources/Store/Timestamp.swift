/// Parsing of the instants that messages, attributes and flags carry.
///
/// Accepts ISO-8601 as the Customer.io clients send it: `2026-11-20T14:30:05.123+00:00`,
/// `2026-11-20T14:30:05Z`, with 0 to 9 fractional digits, a `Z` or a `±hh:mm`/`±hhmm` offset
/// (no offset means UTC), a space instead of the `T`, or a bare date `2026-11-20` (midnight UTC).
/// Results are milliseconds since the Unix epoch; fractions beyond milliseconds are truncated.
public enum Timestamp {
    /// Milliseconds since the epoch for an ISO-8601 text, or nil when it does not parse.
    public static func parseISO8601(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parseISO8601(bytes: $0) }
    }

    /// Milliseconds since the epoch for ISO-8601 UTF-8 bytes, or nil when they do not parse.
    public static func parseISO8601(bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var cursor = 0
        func digits(_ count: Int) -> Int? {
            guard cursor + count <= bytes.count else { return nil }
            var value = 0
            for index in cursor..<(cursor + count) {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            cursor += count
            return value
        }
        func take(_ byte: UInt8) -> Bool {
            guard cursor < bytes.count, bytes[cursor] == byte else { return false }
            cursor += 1
            return true
        }
        guard let year = digits(4), take(0x2D), let month = digits(2), take(0x2D), let day = digits(2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var millis = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400_000
        if cursor == bytes.count { return millis }
        guard take(0x54) || take(0x74) || take(0x20) else { return nil }
        guard let hour = digits(2), hour < 24, take(0x3A), let minute = digits(2), minute < 60 else { return nil }
        var second = 0
        if take(0x3A) {
            guard let value = digits(2), value < 61 else { return nil }
            second = min(value, 59)
        }
        millis += Int64(hour * 3_600_000 + minute * 60_000 + second * 1000)
        if take(0x2E) || take(0x2C) {
            var fraction = 0
            var count = 0
            while cursor < bytes.count, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39 {
                if count < 3 { fraction = fraction * 10 + Int(bytes[cursor] - 0x30) }
                count += 1
                cursor += 1
            }
            guard count > 0, count <= 9 else { return nil }
            if count < 3 { for _ in count..<3 { fraction *= 10 } }
            millis += Int64(fraction)
        }
        if cursor == bytes.count || take(0x5A) || take(0x7A) {
            return cursor == bytes.count ? millis : nil
        }
        let sign: Int64
        if take(0x2B) { sign = 1 } else if take(0x2D) { sign = -1 } else { return nil }
        guard let offsetHours = digits(2), offsetHours < 24 else { return nil }
        _ = take(0x3A)
        guard let offsetMinutes = digits(2), offsetMinutes < 60, cursor == bytes.count else { return nil }
        return millis - sign * Int64(offsetHours * 3_600_000 + offsetMinutes * 60_000)
    }

    /// ISO-8601 text with milliseconds and `Z`: `2026-11-29T12:00:00.000Z` (`.000` is dropped when zero).
    public static func format(_ millis: Int64) -> String {
        let days = floorDiv(millis, 86_400_000)
        let inDay = millis - days * 86_400_000
        let (year, month, day) = civilFromDays(days)
        let hour = inDay / 3_600_000
        let minute = inDay / 60_000 % 60
        let second = inDay / 1000 % 60
        let fraction = inDay % 1000
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
        if fraction != 0 { text += "." + pad(fraction, 3) }
        return text + "Z"
    }

    private static func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
