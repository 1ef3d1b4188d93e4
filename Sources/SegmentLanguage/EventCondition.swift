/// An event condition: `event-name [filter] [count] [window] [sequence]`.
///
/// True for a person with at least one matching event (or, with a ``count``, with the right number of
/// them) among the events with `ts <= now`.
public struct EventCondition: Equatable, Sendable {
    /// The event name as written; aliases apply when the rule is compiled.
    public var event: EventName
    /// `where ...`: only events whose properties pass count.
    public var filter: PropertyFilter?
    /// `at least n times`, `n+ times`, `at most n times`, `exactly n times`.
    public var count: EventCount?
    /// Which timestamps count; ``EventWindow/ever`` when none is written.
    public var window: EventWindow
    /// `followed by Y within D` or `not followed by Y within D`.
    public var sequence: EventSequence?
    /// The whole condition in the source.
    public var range: SourceRange
    /// The window clause in the source (the event name when there is none).
    public var windowRange: SourceRange

    public init(
        event: EventName, filter: PropertyFilter? = nil, count: EventCount? = nil, window: EventWindow = .ever,
        sequence: EventSequence? = nil, range: SourceRange = .none, windowRange: SourceRange = .none
    ) {
        self.event = event
        self.filter = filter
        self.count = count
        self.window = window
        self.sequence = sequence
        self.range = range
        self.windowRange = windowRange
    }
}

/// An event name in a rule, quoted or bare, with where it is written.
public struct EventName: Equatable, Sendable, ExpressibleByStringLiteral {
    /// The name, without quotes, escapes decoded.
    public var name: String
    public var range: SourceRange

    public init(_ name: String, range: SourceRange = .none) {
        self.name = name
        self.range = range
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }
}

/// The time window of an event condition, measured on each event's own timestamp `ts`.
///
/// Windows are half-open on the old side and closed on the new side, and every event also has `ts <= now`.
public enum EventWindow: Equatable, Sendable {
    /// No window, or `ever`: any event with `ts <= now`.
    case ever
    /// `in last D`, `in the last D`: `now - D < ts <= now`.
    case inLast(RuleDuration)
    /// `between A and B ago` (A recent, B old): `now - B < ts <= now - A`.
    case between(RuleDuration, RuleDuration)
    /// `more than D ago`: `ts <= now - D`.
    case moreThanAgo(RuleDuration)
    /// `since T`: `T <= ts <= now`.
    case since(RuleInstant)
    /// `before T`: `ts < T` (and `ts <= now`).
    case before(RuleInstant)
}

/// How many matching events a person must have.
public enum EventCount: Equatable, Sendable {
    /// `at least n times` or `n+ times`.
    case atLeast(Int64)
    /// `at most n times`; true for people without any such event.
    case atMost(Int64)
    /// `exactly n times`; `exactly 0 times` is true for people without any such event.
    case exactly(Int64)
}

/// `[NOT] FOLLOWED BY event-name [filter] WITHIN duration`.
///
/// Followed: some event X of the condition has a Y with `X.ts < Y.ts <= X.ts + within` (and `Y.ts <= now`).
/// Not followed: some X has `X.ts <= now - within` and no such Y. With a count, the count applies to the
/// X events that qualify this way.
public struct EventSequence: Equatable, Sendable {
    /// `not followed by` rather than `followed by`.
    public var isNegated: Bool
    /// The following event Y.
    public var event: EventName
    /// Which Y events count.
    public var filter: PropertyFilter?
    /// How soon after X the Y must come.
    public var within: RuleDuration

    public init(isNegated: Bool = false, event: EventName, filter: PropertyFilter? = nil, within: RuleDuration) {
        self.isNegated = isNegated
        self.event = event
        self.filter = filter
        self.within = within
    }
}
