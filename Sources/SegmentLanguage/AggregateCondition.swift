/// `agg(property) OF event-name [filter] [window] op number`, or `COUNT OF event-name ... op number`.
///
/// The aggregate runs over the person's matching events. Over no events, `sum` and `count` are 0 (so
/// `count of Refunded = 0` holds for people who never refunded) while `avg`, `min` and `max` make the
/// condition false. `sum`, `avg`, `min` and `max` use the events whose property is a number or a numeric
/// string; other events add nothing to them.
public struct AggregateCondition: Equatable, Sendable {
    public var aggregate: Aggregate
    public var event: EventName
    public var filter: PropertyFilter?
    public var window: EventWindow
    public var comparison: ComparisonOperator
    /// The number compared with (money amounts are numbers).
    public var number: Double
    /// The whole condition in the source.
    public var range: SourceRange
    /// The window clause in the source (the event name when there is none).
    public var windowRange: SourceRange

    public init(
        aggregate: Aggregate, event: EventName, filter: PropertyFilter? = nil, window: EventWindow = .ever,
        comparison: ComparisonOperator, number: Double, range: SourceRange = .none, windowRange: SourceRange = .none
    ) {
        self.aggregate = aggregate
        self.event = event
        self.filter = filter
        self.window = window
        self.comparison = comparison
        self.number = number
        self.range = range
        self.windowRange = windowRange
    }
}

/// The aggregate function and, except for `count`, the property it reads.
public enum Aggregate: Equatable, Sendable {
    case count
    case sum(FieldPath)
    case average(FieldPath)
    case minimum(FieldPath)
    case maximum(FieldPath)

    /// The property aggregated, or `nil` for `count`.
    public var property: FieldPath? {
        switch self {
        case .count: nil
        case .sum(let path), .average(let path), .minimum(let path), .maximum(let path): path
        }
    }

    /// Whether the aggregate over no events is 0 (`sum`, `count`) rather than absent (`avg`, `min`, `max`).
    public var isZeroWhenEmpty: Bool {
        switch self {
        case .count, .sum: true
        case .average, .minimum, .maximum: false
        }
    }
}
