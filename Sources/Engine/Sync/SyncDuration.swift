import Foundation
import SegmentLanguage

/// A length of time given to a sync flag: `--every 15m`, `--max-staleness 24h`.
///
/// Takes what rules take (`30m`, `6 hours`, `2d`, `1w`) and seconds too (`90s`, `45 sec`), in whole units.
///
/// ```swift
/// try SyncDuration(parsing: "15m").milliseconds  // 900_000
/// ```
public struct SyncDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in milliseconds.
    public let milliseconds: Int64
    /// The text it was read from, for messages (`24h`).
    public let text: String

    /// A duration of `milliseconds`, described as `text`.
    public init(milliseconds: Int64, text: String) {
        self.milliseconds = milliseconds
        self.text = text
    }

    /// Reads a duration such as `15m`, `24h` or `90s`.
    ///
    /// - Throws: ``SyncDurationError`` when the text is no duration.
    public init(parsing text: String) throws(SyncDurationError) {
        if let rule = try? RuleDuration(parsing: text) {
            self.init(milliseconds: rule.milliseconds, text: text)
            return
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let unit = String(trimmed.dropFirst(digits.count)).trimmingCharacters(in: .whitespaces).lowercased()
        guard !digits.isEmpty, ["s", "sec", "secs", "second", "seconds"].contains(unit), let count = Int64(digits),
            count <= Int64.max / 1000
        else { throw SyncDurationError(text: text) }
        self.init(milliseconds: count * 1000, text: text)
    }

    /// The duration as a Swift `Duration`.
    public var duration: Duration { .milliseconds(milliseconds) }

    public var description: String { text }

    public static func < (lhs: SyncDuration, rhs: SyncDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }
}

/// A flag's value that is no duration.
public struct SyncDurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text given.
    public var text: String

    public var description: String {
        "'\(text)' is not a duration: write a whole number and a unit, such as 90s, 15m, 24h or 2d"
    }
}
