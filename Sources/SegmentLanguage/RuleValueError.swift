/// A value given outside a rule, such as a `--as-of` instant or a duration flag, that could not be read.
public struct RuleValueError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of value was expected.
    public enum Expected: Equatable, Sendable {
        case duration
        case instant
    }

    /// The text as given.
    public var text: String
    /// What was expected instead.
    public var expected: Expected

    public init(text: String, expected: Expected) {
        self.text = text
        self.expected = expected
    }

    public var description: String {
        switch expected {
        case .duration:
            "\"\(text)\" is not a duration; write a whole number and a unit, such as 24h, 6 hours, 14d or 2w"
        case .instant:
            "\"\(text)\" is not an instant; write an ISO-8601 date or date-time such as 2024-05-01 or "
                + "2024-05-01T09:30:00Z, or Unix seconds such as 1714555800"
        }
    }
}
