/// A bare word followed by `MORE THAN D AGO` or `BEFORE date`, which the grammar alone cannot place:
/// `Purchased more than 90d ago` is an event condition, `last_order_at more than 90d ago` an attribute one.
///
/// It is an event when the aliases file declares the name or the store has seen an event of that name,
/// and an attribute otherwise (``Rule/analyze(knownEvents:knownAttributes:aliases:)``). `word BEFORE D AGO`
/// is always an attribute, since only attributes take that form; a quoted name is always an event.
public struct EventOrAttributeCondition: Equatable, Sendable {
    /// The time test both readings share.
    public enum Timing: Equatable, Sendable {
        case moreThanAgo(RuleDuration)
        case before(RuleInstant)
    }

    /// The bare word.
    public var name: String
    public var timing: Timing
    /// Where the word is written.
    public var nameRange: SourceRange
    /// The whole condition.
    public var range: SourceRange
    /// The `MORE THAN ... AGO` or `BEFORE ...` clause.
    public var timingRange: SourceRange

    public init(
        name: String, timing: Timing, nameRange: SourceRange = .none, range: SourceRange = .none,
        timingRange: SourceRange = .none
    ) {
        self.name = name
        self.timing = timing
        self.nameRange = nameRange
        self.range = range
        self.timingRange = timingRange
    }

    /// The event reading: `name more than D ago` or `name before T`.
    public var asEvent: EventCondition {
        let window: EventWindow =
            switch timing {
            case .moreThanAgo(let duration): .moreThanAgo(duration)
            case .before(let instant): .before(instant)
            }
        return EventCondition(
            event: EventName(name, range: nameRange), window: window, range: range, windowRange: timingRange)
    }

    /// The attribute reading: the attribute, as an instant, is `<= now - D` or `< T`.
    public var asAttribute: AttributeCondition {
        let test: AttributeTest =
            switch timing {
            case .moreThanAgo(let duration): .moreThanAgo(duration)
            case .before(let instant): .before(.instant(instant))
            }
        return AttributeCondition(attribute: FieldPath(name, range: nameRange), test: test, range: range)
    }
}
