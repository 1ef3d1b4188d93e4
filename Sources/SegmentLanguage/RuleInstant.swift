/// An instant, such as the evaluation time `now` or a `--as-of` value, in milliseconds since the Unix epoch.
///
/// ```swift
/// try RuleInstant(parsing: "2024-05-01T09:30:00.250+02:00").milliseconds  // 1714548600250
/// try RuleInstant(parsing: "1714555800").milliseconds                     // 1714555800000
/// ```
public struct RuleInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let milliseconds: Int64

    /// Creates the instant `milliseconds` after the epoch.
    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// Reads an ISO-8601 date or date-time, or Unix seconds.
    ///
    /// Accepted: `YYYY-MM-DD` (midnight UTC); `YYYY-MM-DDThh:mm[:ss[.f]]` with 0 to 9 fractional digits
    /// and `Z` or an offset (`+02:00`, `-0530`); Unix seconds as digits with an optional fraction
    /// (`1714555800`, `1714555800.5`). Fractions finer than a millisecond are truncated.
    ///
    /// - Throws: ``RuleValueError`` when the text is none of these.
    public init(parsing text: String) throws(RuleValueError) {
        let trimmed = text.trimmingSpaces
        if let milliseconds = ISO8601.parse(trimmed.utf8) ?? RuleInstant.unixSeconds(trimmed) {
            self.milliseconds = milliseconds
        } else {
            throw RuleValueError(text: text, expected: .instant)
        }
    }

    /// `1714555800` or `1714555800.123` as milliseconds, or `nil`.
    private static func unixSeconds(_ text: Substring) -> Int64? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 12, whole.allSatisfy(\.isASCIIDigit),
            let seconds = Int64(whole)
        else { return nil }
        var millis: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= 9, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            millis = Int64(fraction.prefix(3).padding(toLength: 3)) ?? 0
        }
        return seconds * 1000 + millis
    }

    public static func < (lhs: RuleInstant, rhs: RuleInstant) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// The instant as ISO-8601 in UTC: `2024-05-01` at midnight, `2024-05-01T09:30:00Z` otherwise.
    public var description: String { ISO8601.format(milliseconds: milliseconds) }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Substring {
    /// The text followed by zeros up to `length` characters.
    fileprivate func padding(toLength length: Int) -> String {
        String(self) + String(repeating: "0", count: Swift.max(0, length - count))
    }
}
