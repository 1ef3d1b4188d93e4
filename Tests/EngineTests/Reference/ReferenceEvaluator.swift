@testable import SegmentLanguage

/// A plain interpreter of the rule language over a Fixture, written from the meaning table of
/// segment-language.md, to check the SQL against.
struct ReferenceEvaluator {
    let fixture: Fixture
    let now: Int64
    let aliases: [String: [String]]
    let segments: [String: Condition]

    /// The live people for whom `condition` holds.
    func members(_ condition: Condition) -> Set<Int64> {
        Set(fixture.live.filter { holds(condition, for: $0) })
    }

    func holds(_ condition: Condition, for person: Int64) -> Bool {
        switch condition {
        case .and(let operands): operands.allSatisfy { holds($0, for: person) }
        case .or(let operands): operands.contains { holds($0, for: person) }
        case .not(let operand): !holds(operand, for: person)
        case .event(let event): holds(event, for: person)
        case .aggregate(let aggregate): holds(aggregate, for: person)
        case .attribute(let attribute): holds(attribute, for: person)
        case .segment(let reference): segments[reference.name].map { holds($0, for: person) } ?? false
        case .eventOrAttribute: false
        }
    }

    private func names(_ event: EventName) -> Set<String> { Set(aliases[event.name] ?? [event.name]) }

    private func inWindow(_ ts: Int64, _ window: EventWindow) -> Bool {
        guard ts <= now else { return false }
        switch window {
        case .ever: return true
        case .inLast(let d): return now - d.milliseconds < ts
        case .between(let a, let b): return now - b.milliseconds < ts && ts <= now - a.milliseconds
        case .moreThanAgo(let d): return ts <= now - d.milliseconds
        case .since(let t): return ts >= t.milliseconds
        case .before(let t): return ts < t.milliseconds
        }
    }

    private func matching(_ event: EventName, _ filter: PropertyFilter?, person: Int64) -> [Fixture.Event] {
        let names = names(event)
        return fixture.events.filter { event in
            event.person == person && names.contains(event.name) && event.ts <= now
                && (filter.map { passes($0, event) } ?? true)
        }
    }

    private func holds(_ condition: EventCondition, for person: Int64) -> Bool {
        var xs = matching(condition.event, condition.filter, person: person).filter {
            inWindow($0.ts, condition.window)
        }
        if let sequence = condition.sequence {
            let ys = matching(sequence.event, sequence.filter, person: person)
            let within = sequence.within.milliseconds
            xs = xs.filter { x in
                let followed = ys.contains { $0.ts > x.ts && $0.ts <= x.ts + within }
                return sequence.isNegated ? x.ts <= now - within && !followed : followed
            }
        }
        switch condition.count {
        case nil: return !xs.isEmpty
        case .atLeast(let n): return xs.count >= n
        case .atMost(let n): return xs.count <= n
        case .exactly(let n): return xs.count == n
        }
    }

    private func holds(_ condition: AggregateCondition, for person: Int64) -> Bool {
        let events = matching(condition.event, condition.filter, person: person).filter {
            inWindow($0.ts, condition.window)
        }
        let result: Double?
        if let property = condition.aggregate.property {
            let numbers = events.compactMap { propertyValue(property, of: $0)?.numeric }
            switch condition.aggregate {
            case .sum: result = numbers.reduce(0, +)
            case .average: result = numbers.isEmpty ? nil : numbers.reduce(0, +) / Double(numbers.count)
            case .minimum: result = numbers.min()
            default: result = numbers.max()
            }
        } else {
            result = Double(events.count)
        }
        guard let result else { return false }
        return condition.comparison.holds(result, condition.number)
    }

    private func propertyValue(_ property: FieldPath, of event: Fixture.Event) -> JSON? {
        if property.isEventValue { return event.value.map { .number($0) } }
        return event.properties.at(property.components)
    }

    private func passes(_ filter: PropertyFilter, _ event: Fixture.Event) -> Bool {
        switch filter {
        case .test(let test): passes(test.test, propertyValue(test.property, of: event))
        case .and(let operands): operands.allSatisfy { passes($0, event) }
        case .or(let operands): operands.contains { passes($0, event) }
        }
    }

    private func holds(_ condition: AttributeCondition, for person: Int64) -> Bool {
        let components = condition.attribute.components
        let row = fixture.attributes.last { $0.person == person && $0.key.lowercased() == components[0].lowercased() }
        let value = row?.value?.at(components.dropFirst())
        switch condition.test {
        case .value(let test): return passes(test, value)
        case .moreThanAgo(let d): return value?.instant.map { $0 <= now - d.milliseconds } ?? false
        case .lessThanAgo(let d): return value?.instant.map { $0 > now - d.milliseconds } ?? false
        case .before(let point): return value?.instant.map { $0 < point.milliseconds(now: now) } ?? false
        case .after(let point): return value?.instant.map { $0 > point.milliseconds(now: now) } ?? false
        }
    }

    /// The value tests as the spec states them.
    func passes(_ test: ValueTest, _ value: JSON?) -> Bool {
        let present = value != nil && value != .null
        switch test {
        case .isSet: return present
        case .isNotSet: return !present
        case .compare(.notEqual, let literal): return present && !equals(value, literal)
        case .compare(let comparison, let literal): return compare(value, comparison, literal)
        case .isIn(let literals): return literals.contains { equals(value, $0) }
        case .isNotIn(let literals): return present && !literals.contains { equals(value, $0) }
        case .contains(let needle): return contains(value, needle)
        case .notContains(let needle): return present && !contains(value, needle)
        }
    }

    private func equals(_ value: JSON?, _ literal: RuleValue) -> Bool { compare(value, .equal, literal) }

    private func compare(_ value: JSON?, _ comparison: ComparisonOperator, _ literal: RuleValue) -> Bool {
        guard let value else { return false }
        switch literal {
        case .number(let number): return value.numeric.map { comparison.holds($0, number) } ?? false
        case .string(let string):
            return value.string.map {
                comparison.holds(
                    Array($0.utf8).lexicographicallyPrecedes(Array(string.utf8)) ? -1 : ($0 == string ? 0 : 1), 0)
            } ?? false
        case .instant(let instant): return value.instant.map { comparison.holds($0, instant.milliseconds) } ?? false
        case .boolean(let boolean): return comparison == .equal && value == .bool(boolean)
        }
    }

    private func contains(_ value: JSON?, _ needle: String) -> Bool {
        switch value {
        case .string(let text):
            return needle.isEmpty
                || Array(text.utf8).indices.contains { Array(text.utf8)[$0...].starts(with: Array(needle.utf8)) }
        case .array(let elements): return elements.contains(.string(needle))
        default: return false
        }
    }
}
