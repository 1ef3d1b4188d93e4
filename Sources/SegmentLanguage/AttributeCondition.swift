/// `attribute test`: `LTV > $300`, `plan IS NOT SET`, `last_order_at more than 90d ago`.
///
/// The first component of the attribute name matches the person's attribute key case-insensitively
/// (`LTV` finds `ltv`). A missing attribute makes every test false except `IS NOT SET`.
public struct AttributeCondition: Equatable, Sendable {
    public var attribute: FieldPath
    public var test: AttributeTest
    /// The whole condition in the source.
    public var range: SourceRange

    public init(attribute: FieldPath, test: AttributeTest, range: SourceRange = .none) {
        self.attribute = attribute
        self.test = test
        self.range = range
    }
}

/// What an attribute condition tests.
public enum AttributeTest: Equatable, Sendable {
    /// A value test: comparison, `IS [NOT] SET`, `[NOT] IN (...)`, `[NOT] CONTAINS`.
    case value(ValueTest)
    /// `more than D ago`: the attribute, read as an instant, is `<= now - D`.
    case moreThanAgo(RuleDuration)
    /// `less than D ago`: the attribute, read as an instant, is `> now - D`.
    case lessThanAgo(RuleDuration)
    /// `before T`: the attribute, read as an instant, is `< T`.
    case before(TimePoint)
    /// `after T`: the attribute, read as an instant, is `> T`.
    case after(TimePoint)
}

/// A point in time in an attribute condition: a date, or a duration before `now`.
public enum TimePoint: Equatable, Sendable {
    /// `2024-05-01`, `2024-05-01T09:30Z`.
    case instant(RuleInstant)
    /// `30d ago`: `now - D`.
    case ago(RuleDuration)

    /// The instant this point stands for when the rule is evaluated at `now` (milliseconds).
    public func milliseconds(now: Int64) -> Int64 {
        switch self {
        case .instant(let instant): instant.milliseconds
        case .ago(let duration): now.subtractingSaturating(duration.milliseconds)
        }
    }
}

extension Int64 {
    /// `self - other`, clamped to the representable range instead of overflowing.
    func subtractingSaturating(_ other: Int64) -> Int64 {
        let (result, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other > 0 ? .min : .max) : result
    }

}
