@testable import SegmentLanguage

/// Shorthands for writing expected syntax trees.
enum AST {
    static func minutes(_ count: Int64) -> RuleDuration { RuleDuration(milliseconds: count * 60_000) }
    static func hours(_ count: Int64) -> RuleDuration { minutes(count * 60) }
    static func days(_ count: Int64) -> RuleDuration { hours(count * 24) }
    static func weeks(_ count: Int64) -> RuleDuration { days(count * 7) }

    /// Midnight UTC of a calendar date.
    static func date(_ year: Int64, _ month: Int64, _ day: Int64) -> RuleInstant {
        RuleInstant(milliseconds: ISO8601.daysFromCivil(year: year, month: month, day: day) * 86_400_000)
    }

    static func event(
        _ name: String, where filter: PropertyFilter? = nil, count: EventCount? = nil, _ window: EventWindow = .ever,
        sequence: EventSequence? = nil
    ) -> Condition {
        .event(EventCondition(event: EventName(name), filter: filter, count: count, window: window, sequence: sequence))
    }

    static func attribute(_ name: String, _ test: AttributeTest) -> Condition {
        .attribute(AttributeCondition(attribute: FieldPath(name), test: test))
    }

    static func attribute(_ name: String, _ test: ValueTest) -> Condition {
        attribute(name, .value(test))
    }

    static func property(_ name: String, _ test: ValueTest) -> PropertyFilter {
        .test(PropertyTest(property: FieldPath(name), test: test))
    }

    static func segment(_ name: String) -> Condition { .segment(SegmentReference(name: name)) }

    static func aggregate(
        _ aggregate: Aggregate, of name: String, where filter: PropertyFilter? = nil, in window: EventWindow = .ever,
        _ comparison: ComparisonOperator, _ number: Double
    ) -> Condition {
        .aggregate(
            AggregateCondition(
                aggregate: aggregate, event: EventName(name), filter: filter, window: window, comparison: comparison,
                number: number))
    }

    static func undecided(_ name: String, _ timing: EventOrAttributeCondition.Timing) -> Condition {
        .eventOrAttribute(EventOrAttributeCondition(name: name, timing: timing))
    }
}

/// The condition `text` parses to, with source ranges cleared.
func parsed(_ text: String) throws -> Condition {
    try Rule.parse(text).condition.normalizingRanges()
}

/// The rendered syntax error for `text`, or `nil` when it parses.
func syntaxError(_ text: String, name: String = "rule") -> String? {
    do {
        _ = try Rule.parse(text, name: name)
        return nil
    } catch {
        return error.rendered()
    }
}

/// A fixed evaluation instant: 2024-05-01T00:00:00Z.
let testNow: Int64 = 1_714_521_600_000

/// Compiles `text` with every bare word resolved as an event when it is in `knownEvents`.
func compiled(
    _ text: String, knownEvents: Set<String> = [], aliases: [String: [String]] = [:], now: Int64 = testNow,
    segments: [String: String] = [:]
) throws -> CompiledQuery {
    let rule = ResolvedRule(resolving: try Rule.parse(text), knownEvents: knownEvents, aliases: aliases)
    var resolved: [String: ResolvedRule] = [:]
    for (name, text) in segments {
        resolved[name] = ResolvedRule(
            resolving: try Rule.parse(text, name: name), knownEvents: knownEvents, aliases: aliases)
    }
    return try SQLCompiler().compile(rule, now: now, aliases: aliases) { resolved[$0] }
}
