import SegmentLanguage

/// Random well-formed conditions covering every form of the grammar, for round-trip and compile tests.
public struct RandomRules {
    private var generator: SplitMix64

    public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    private mutating func below(_ count: Int) -> Int { Int(generator.next() % UInt64(count)) }

    private mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }

    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    public mutating func condition(depth: Int = 3) -> Condition {
        guard depth > 0, chance(55) else { return leaf() }
        switch below(3) {
        case 0: return .and((0..<(2 + below(2))).map { _ in condition(depth: depth - 1) })
        case 1: return .or((0..<(2 + below(2))).map { _ in condition(depth: depth - 1) })
        default: return .not(condition(depth: depth - 1))
        }
    }

    public mutating func leaf() -> Condition {
        switch below(10) {
        case 0...3: return .event(event())
        case 4, 5: return .attribute(AttributeCondition(attribute: FieldPath(attributeName()), test: attributeTest()))
        case 6: return .aggregate(aggregate())
        case 7: return .segment(SegmentReference(name: pick(["vip", "seg_2", "with space", "in"])))
        case 8:
            let timing: EventOrAttributeCondition.Timing =
                chance(50) ? .moreThanAgo(duration()) : .before(instant())
            return .eventOrAttribute(
                EventOrAttributeCondition(name: pick(["Purchased", "last_order_at"]), timing: timing))
        default: return .event(EventCondition(event: EventName(eventName())))
        }
    }

    public mutating func eventName() -> String {
        pick(["Purchased", "Add to Cart", "Signed In", "Checkout Started", "say \"hi\"", "a\\b", "Viewed 3D Model"])
    }

    public mutating func attributeName() -> String { pick(["ltv", "plan", "address.country", "tags", "seen_at", "Plan"]) }

    public mutating func event() -> EventCondition {
        let count: EventCount? =
            switch below(5) {
            case 0: .atLeast(Int64(below(5)))
            case 1: .atMost(Int64(below(5)))
            case 2: .exactly(Int64(below(5)))
            default: nil
            }
        let sequence =
            chance(25)
            ? EventSequence(
                isNegated: chance(50), event: EventName(eventName()), filter: chance(30) ? filter() : nil,
                within: duration())
            : nil
        return EventCondition(
            event: EventName(eventName()), filter: chance(30) ? filter() : nil, count: count, window: window(),
            sequence: sequence)
    }

    public mutating func aggregate() -> AggregateCondition {
        let property = FieldPath(pick(["value", "price", "items.0.price"]))
        let aggregate: Aggregate = pick([
            .count, .sum(property), .average(property), .minimum(property), .maximum(property),
        ])
        return AggregateCondition(
            aggregate: aggregate, event: EventName(eventName()), filter: chance(30) ? filter() : nil, window: window(),
            comparison: pick(ComparisonOperator.allCases), number: number())
    }

    public mutating func window() -> EventWindow {
        switch below(7) {
        case 0: return .inLast(duration())
        case 1:
            let recent = duration()
            return .between(recent, RuleDuration(milliseconds: recent.milliseconds + duration().milliseconds))
        case 2: return .moreThanAgo(duration())
        case 3: return .since(instant())
        case 4: return .before(instant())
        default: return .ever
        }
    }

    public mutating func filter() -> PropertyFilter {
        let test = { (rules: inout RandomRules) -> PropertyFilter in
            .test(
                PropertyTest(
                    property: FieldPath(rules.pick(["value", "currency", "items.0.id"])), test: rules.valueTest()))
        }
        guard chance(50) else { return test(&self) }
        let alternatives: [PropertyFilter] = (0..<(1 + below(3))).map { _ in
            let conjunction = (0..<(1 + below(2))).map { _ in test(&self) }
            return conjunction.count == 1 ? conjunction[0] : .and(conjunction)
        }
        return alternatives.count == 1 ? alternatives[0] : .or(alternatives)
    }

    public mutating func attributeTest() -> AttributeTest {
        switch below(8) {
        case 0: return .moreThanAgo(duration())
        case 1: return .lessThanAgo(duration())
        case 2: return .before(chance(50) ? .instant(instant()) : .ago(duration()))
        case 3: return .after(chance(50) ? .instant(instant()) : .ago(duration()))
        default: return .value(valueTest())
        }
    }

    public mutating func valueTest() -> ValueTest {
        switch below(7) {
        case 0: return .isSet
        case 1: return .isNotSet
        case 2: return .isIn((0..<(1 + below(3))).map { _ in value() })
        case 3: return .isNotIn((0..<(1 + below(3))).map { _ in value() })
        case 4: return chance(50) ? .contains(string()) : .notContains(string())
        default: return .compare(pick(ComparisonOperator.allCases), value())
        }
    }

    public mutating func value() -> RuleValue {
        switch below(4) {
        case 0: return .number(number())
        case 1: return .string(string())
        case 2: return .boolean(chance(50))
        default: return .instant(instant())
        }
    }

    public mutating func string() -> String { pick(["gold", "", "US", "a\"b", "x\\y", "'; DROP TABLE people; --", "300"]) }

    public mutating func number() -> Double { Double(below(1_000) - 100) / pick([1, 1, 2, 4]) }

    public mutating func duration() -> RuleDuration {
        RuleDuration(milliseconds: Int64(below(2_000)) * pick([60_000, 3_600_000]))
    }

    public mutating func instant() -> RuleInstant {
        RuleInstant(milliseconds: 1_672_531_200_000 + Int64(below(730)) * 86_400_000 + pick([0, 0, 34_200_000, 1_500]))
    }
}
