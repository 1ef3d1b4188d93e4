/// Reading and writing ISO-8601 dates and date-times as milliseconds since the Unix epoch (UTC),
/// with the proleptic Gregorian calendar. No Foundation: the arithmetic is Howard Hinnant's
/// `days_from_civil` and `civil_from_days`.
enum ISO8601 {
    private static let millisecondsPerDay: Int64 = 86_400_000

    /// Reads `YYYY-MM-DD` or `YYYY-MM-DDThh:mm[:ss[.fraction]]` followed by `Z` or an offset
    /// (`+02:00`, `-0530`). The whole of `bytes` must be the date; a date-time needs its zone.
    ///
    /// - Returns: the instant in milliseconds, or `nil` when the text is no valid date.
    static func parse(_ bytes: some Collection<UInt8>) -> Int64? {
        var reader = ByteReader(Array(bytes))
        guard let year = reader.digits(4), reader.skip("-"), let month = reader.digits(2), reader.skip("-"),
            let day = reader.digits(2), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        let midnight = daysFromCivil(year: year, month: month, day: day) * millisecondsPerDay
        if reader.isAtEnd { return midnight }
        guard reader.skip("T") || reader.skip("t") || reader.skip(" "), let hour = reader.digits(2), reader.skip(":"),
            let minute = reader.digits(2), hour < 24, minute < 60
        else { return nil }
        var second: Int64 = 0
        var fraction: Int64 = 0
        if reader.skip(":") {
            guard let value = reader.digits(2), value < 60 else { return nil }
            second = value
            if reader.skip(".") || reader.skip(",") {
                guard let (value, count) = reader.fraction(), count <= 9 else { return nil }
                fraction = value * pow10(9 - count) / 1_000_000  // nanoseconds, truncated to ms
            }
        }
        guard let offset = reader.zoneOffsetMinutes(), reader.isAtEnd else { return nil }
        let clock = ((hour * 60 + minute - offset) * 60 + second) * 1000 + fraction
        return midnight + clock
    }

    /// `YYYY-MM-DD` for a midnight, `YYYY-MM-DDThh:mm:ssZ` otherwise, with `.mmm` when needed.
    static func format(milliseconds: Int64) -> String {
        let days = floorDivide(milliseconds, millisecondsPerDay)
        let inDay = milliseconds - days * millisecondsPerDay
        let (year, month, day) = civilFromDays(days)
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        if inDay == 0 { return date }
        let seconds = inDay / 1000
        let clock = "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        let millis = inDay % 1000
        return "\(date)T\(clock)\(millis == 0 ? "" : "." + pad(millis, 3))Z"
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }

    private static func pow10(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// A cursor over ASCII bytes for the small fixed-format readers.
private struct ByteReader {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// Exactly `count` decimal digits.
    mutating func digits(_ count: Int) -> Int64? {
        guard index + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[index..<index + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        index += count
        return value
    }

    /// One or more digits after a decimal point: their value and how many there were.
    mutating func fraction() -> (Int64, Int)? {
        var count = 0
        var value: Int64 = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            count += 1
            guard count <= 9 else { return nil }
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        return count == 0 ? nil : (value, count)
    }

    /// `Z`, `z`, `+hh:mm`, `-hh:mm`, `+hhmm` or `-hhmm`, as minutes east of UTC.
    mutating func zoneOffsetMinutes() -> Int64? {
        if skip("Z") || skip("z") { return 0 }
        let sign: Int64
        if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
        guard let hours = digits(2) else { return nil }
        _ = skip(":")
        guard let minutes = digits(2), hours < 24, minutes < 60 else { return nil }
        return sign * (hours * 60 + minutes)
    }
}
