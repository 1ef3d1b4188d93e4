/// Event conditions, sequences and aggregates, each as `p.id [NOT] IN (SELECT e.person_id FROM events e ...)`.
///
/// The subquery's WHERE starts with the event name and the `ts` range, so SQLite answers it with a range
/// scan of the `(name, ts, person_id)` index; a sequence's EXISTS probes `(person_id, name, ts)`.
extension ConditionCompiler {
    func compile(_ event: EventCondition) -> SQLFragment {
        var conditions = [nameMatch(event.event, alias: "e")] + windowBounds(event.window, alias: "e")
        if let filter = event.filter { conditions.append(compile(filter, alias: "e")) }
        if let sequence = event.sequence { conditions += followCondition(sequence) }
        let select: SQLFragment =
            "SELECT e.person_id FROM events e WHERE \(SQLFragment.joined(conditions, separator: " AND "))"
        switch event.count {
        case nil: return "p.id IN (\(select))"
        case .atLeast(let count): return countMembership(select, .greaterOrEqual, count)
        case .atMost(let count): return countMembership(select, .lessOrEqual, count)
        case .exactly(let count): return countMembership(select, .equal, count)
        }
    }

    func compile(_ aggregate: AggregateCondition) -> SQLFragment {
        var conditions = [nameMatch(aggregate.event, alias: "e")] + windowBounds(aggregate.window, alias: "e")
        if let filter = aggregate.filter { conditions.append(compile(filter, alias: "e")) }
        let select: SQLFragment =
            "SELECT e.person_id FROM events e WHERE \(SQLFragment.joined(conditions, separator: " AND "))"
        let value: SQLFragment
        switch aggregate.aggregate {
        case .count: value = "COUNT(*)"
        case .sum(let property): value = dialect.sumOrZero(number(of: property, alias: "e"))
        case .average(let property): value = "AVG(\(number(of: property, alias: "e")))"
        case .minimum(let property): value = "MIN(\(number(of: property, alias: "e")))"
        case .maximum(let property): value = "MAX(\(number(of: property, alias: "e")))"
        }
        let number = aggregate.number
        if aggregate.aggregate == .count, number.rounded() == number, abs(number) < 1e15 {
            return countMembership(select, aggregate.comparison, Int64(number))
        }
        let bound = SQLValue.real(number)
        let holdsWithoutEvents = aggregate.aggregate.isZeroWhenEmpty && aggregate.comparison.holds(0, number)
        return groupMembership(select, value, aggregate.comparison, bound, holdsWithoutEvents: holdsWithoutEvents)
    }

    /// The subquery's people whose count of events compares true, with people without events included
    /// when `0 op count` holds.
    private func countMembership(_ select: SQLFragment, _ comparison: ComparisonOperator, _ count: Int64) -> SQLFragment
    {
        switch (comparison, count) {
        case (.greaterOrEqual, 0): return dialect.alwaysTrue
        case (.greaterOrEqual, 1), (.greater, 0): return "p.id IN (\(select))"
        case (.equal, 0), (.lessOrEqual, 0), (.less, 1): return "p.id NOT IN (\(select))"
        default:
            return groupMembership(
                select, "COUNT(*)", comparison, .integer(count), holdsWithoutEvents: comparison.holds(0, count))
        }
    }

    /// `p.id IN (select GROUP BY e.person_id HAVING value op ?)`, or, when the condition holds for people
    /// without any matching event, its complement `p.id NOT IN (... HAVING NOT (value op ?))`.
    private func groupMembership(
        _ select: SQLFragment, _ value: SQLFragment, _ comparison: ComparisonOperator, _ bound: SQLValue,
        holdsWithoutEvents: Bool
    ) -> SQLFragment {
        let test: SQLFragment = "\(value) \(SQLFragment(sql: comparison.sqlOperator)) \(bind: bound)"
        if holdsWithoutEvents {
            return "p.id NOT IN (\(select) GROUP BY e.person_id HAVING NOT (\(test)))"
        }
        return "p.id IN (\(select) GROUP BY e.person_id HAVING \(test))"
    }

    /// `e.ts <= now - D` for a not-followed X, and the EXISTS (or NOT EXISTS) of a following Y.
    private func followCondition(_ sequence: EventSequence) -> [SQLFragment] {
        let within = sequence.within.milliseconds
        var follower = [
            "f.person_id = e.person_id", nameMatch(sequence.event, alias: "f"), "f.ts > e.ts",
            "f.ts <= e.ts + \(bind: .integer(within))", "f.ts <= \(bind: .integer(now))",
        ]
        if let filter = sequence.filter { follower.append(compile(filter, alias: "f")) }
        let exists: SQLFragment =
            "EXISTS (SELECT 1 FROM events f WHERE \(SQLFragment.joined(follower, separator: " AND ")))"
        guard sequence.isNegated else { return [exists] }
        return ["e.ts <= \(bind: .integer(now.subtractingSaturating(within)))", "NOT \(exists)"]
    }

    /// `e.name = ?` or `e.name IN (?, ?)` for the names the event stands for after aliases.
    private func nameMatch(_ event: EventName, alias: String) -> SQLFragment {
        var seen: Set<String> = []
        let names = (aliases[event.name] ?? [event.name]).filter { seen.insert($0).inserted }
        let column = SQLFragment(sql: "\(alias).name")
        switch names.count {
        case 0: return dialect.alwaysFalse
        case 1: return "\(column) = \(bind: .text(names[0]))"
        default: return "\(column) IN (\(bindList: names.map { .text($0) }))"
        }
    }

    /// The window as bounds on `ts`, always including `ts <= now` in effect.
    private func windowBounds(_ window: EventWindow, alias: String) -> [SQLFragment] {
        let ts = SQLFragment(sql: "\(alias).ts")
        let upToNow: SQLFragment = "\(ts) <= \(bind: .integer(now))"
        switch window {
        case .ever:
            return [upToNow]
        case .inLast(let duration):
            return ["\(ts) > \(bind: .integer(now.subtractingSaturating(duration.milliseconds)))", upToNow]
        case .between(let recent, let old):
            return [
                "\(ts) > \(bind: .integer(now.subtractingSaturating(old.milliseconds)))",
                "\(ts) <= \(bind: .integer(now.subtractingSaturating(recent.milliseconds)))",
            ]
        case .moreThanAgo(let duration):
            return ["\(ts) <= \(bind: .integer(now.subtractingSaturating(duration.milliseconds)))"]
        case .since(let instant):
            return ["\(ts) >= \(bind: .integer(instant.milliseconds))", upToNow]
        case .before(let instant):
            return ["\(ts) < \(bind: .integer(instant.milliseconds))", upToNow]
        }
    }

    /// A `where` filter on the events of `alias`.
    private func compile(_ filter: PropertyFilter, alias: String) -> SQLFragment {
        switch filter {
        case .test(let test):
            return valueTest(test.test, on: propertySource(test.property, alias: alias))
        case .and(let operands):
            return "(\(SQLFragment.joined(operands.map { compile($0, alias: alias) }, separator: " AND ")))"
        case .or(let operands):
            return "(\(SQLFragment.joined(operands.map { compile($0, alias: alias) }, separator: " OR ")))"
        }
    }

    /// The property as a number, for aggregates.
    private func number(of property: FieldPath, alias: String) -> SQLFragment {
        propertySource(property, alias: alias).number ?? "NULL"
    }

    /// Where an event property is read: the value column for `value`, else the JSON properties.
    private func propertySource(_ property: FieldPath, alias: String) -> ValueSource {
        if property.isEventValue { return ValueSource(eventValueColumn: "\(alias).value", dialect: dialect) }
        return ValueSource(
            document: SQLFragment(sql: "\(alias).properties"), path: dialect.jsonPath(property.components),
            dialect: dialect)
    }
}

extension ComparisonOperator {
    /// The SQL spelling: `<>` for `!=`.
    var sqlOperator: String { self == .notEqual ? "<>" : rawValue }
}
