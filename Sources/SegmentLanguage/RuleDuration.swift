/// A length of time in a rule: `24h`, `6 hours`, `14 days`, `2w`, `30m`, `30 min`.
///
/// Units: `m min mins minute minutes` (minutes), `h hr hrs hour hours`, `d day days`,
/// `w wk week weeks`, in any letter case. The count is a whole number.
///
/// ```swift
/// try RuleDuration(parsing: "6 hours").seconds  // 21_600
/// ```
public struct RuleDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The length in milliseconds.
    public let milliseconds: Int64

    /// The length in whole seconds.
    public var seconds: Int { Int(milliseconds / 1000) }

    /// Creates a duration of `milliseconds`.
    public init(milliseconds: Int64) {
        precondition(milliseconds >= 0, "a duration is never negative")
        self.milliseconds = milliseconds
    }

    /// Reads a duration written as in a rule, such as `24h` or `6 hours`.
    ///
    /// - Parameter text: a whole number, optional spaces, and a unit.
    /// - Throws: ``RuleValueError`` when the text is not a duration or does not fit in 64 bits of milliseconds.
    public init(parsing text: String) throws(RuleValueError) {
        let trimmed = text.trimmingSpaces
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let unit = trimmed.dropFirst(digits.count).drop { $0 == " " || $0 == "\t" }
        guard !digits.isEmpty, let count = Int64(digits), let perUnit = RuleDuration.unitMilliseconds(unit),
            let duration = RuleDuration(count: count, unitMilliseconds: perUnit)
        else {
            throw RuleValueError(text: text, expected: .duration)
        }
        self = duration
    }

    /// `count` units of `unitMilliseconds` each, or `nil` when that overflows.
    init?(count: Int64, unitMilliseconds: Int64) {
        let (product, overflow) = count.multipliedReportingOverflow(by: unitMilliseconds)
        guard !overflow, count >= 0 else { return nil }
        self.init(milliseconds: product)
    }

    private static let minute: Int64 = 60_000
    private static let units: [String: Int64] = [
        "m": minute, "min": minute, "mins": minute, "minute": minute, "minutes": minute,
        "h": 60 * minute, "hr": 60 * minute, "hrs": 60 * minute, "hour": 60 * minute, "hours": 60 * minute,
        "d": 1_440 * minute, "day": 1_440 * minute, "days": 1_440 * minute,
        "w": 10_080 * minute, "wk": 10_080 * minute, "week": 10_080 * minute, "weeks": 10_080 * minute,
    ]

    /// The milliseconds in one `unit`, written in any letter case, or `nil` when it is no unit.
    static func unitMilliseconds(_ unit: some StringProtocol) -> Int64? {
        guard unit.utf8.count <= 7 else { return nil }
        return units[unit.lowercased()]
    }

    public static func < (lhs: RuleDuration, rhs: RuleDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// The duration in its largest exact unit: `2w`, `36h`, `90m`.
    public var description: String {
        for (unit, size) in [
            ("w", 10_080 * RuleDuration.minute), ("d", 1_440 * RuleDuration.minute),
            ("h", 60 * RuleDuration.minute), ("m", RuleDuration.minute),
        ]
        where milliseconds > 0 && milliseconds % size == 0 {
            return "\(milliseconds / size)\(unit)"
        }
        return milliseconds == 0 ? "0m" : "\(milliseconds)ms"
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let start = self[...].drop(while: isSpace)
        var end = start.endIndex
        while end > start.startIndex, isSpace(start[start.index(before: end)]) { end = start.index(before: end) }
        return Substring(start[start.startIndex..<end])
    }
}
