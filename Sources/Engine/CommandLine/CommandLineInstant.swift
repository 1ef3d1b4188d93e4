import SegmentLanguage
import Store

/// A time given on the command line (`--as-of`, `--since`, `--now`): ISO-8601 or Unix seconds, read by
/// ``RuleInstant``'s parser (the one a rule's `now` uses), else as a message timestamp is read, so every
/// flag takes the same forms and says the same thing when it cannot.
///
/// ```swift
/// try CommandLineInstant.parse("2026-11-29T12:00:00Z", flag: "--as-of")  // 1795003200000
/// CommandLineInstant.evaluationInstant(nil)                               // the wall clock
/// ```
public enum CommandLineInstant {
    /// The flag's text as milliseconds since the epoch.
    ///
    /// - Throws: ``CommandLineInstantError`` naming the flag and the forms it takes.
    public static func parse(_ text: String, flag: String) throws(CommandLineInstantError) -> Int64 {
        if let instant = try? RuleInstant(parsing: text) { return instant.milliseconds }
        // What a message timestamp may be (no zone, read as UTC; a leap second) is accepted too, as `--since`
        // and `--now` always did.
        if let milliseconds = Timestamp.parseISO8601(text) { return milliseconds }
        throw CommandLineInstantError(flag: flag, text: text)
    }

    /// The flag's instant when given, else nil.
    public static func parseIfGiven(_ text: String?, flag: String) throws(CommandLineInstantError) -> Int64? {
        guard let text else { return nil }
        return try parse(text, flag: flag)
    }

    /// The instant to evaluate at: `--as-of` when given, else now.
    public static func evaluationInstant(_ asOf: String?) throws(CommandLineInstantError) -> Int64 {
        try parseIfGiven(asOf, flag: "--as-of") ?? Store.wallClockMillis()
    }
}

/// A time flag whose text is neither ISO-8601 nor Unix seconds.
public struct CommandLineInstantError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The flag, `--as-of`.
    public var flag: String
    /// The text given.
    public var text: String

    public init(flag: String, text: String) {
        self.flag = flag
        self.text = text
    }

    public var description: String {
        "\(flag) '\(text)' is not an instant: use ISO-8601 such as 2026-11-29T12:00:00Z or Unix seconds."
    }
}
