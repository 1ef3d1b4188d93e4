/// Attribute conditions and the value tests shared with `where` filters.
///
/// A test on a missing value is false, except `IS NOT SET`; `!=`, `NOT IN` and `NOT CONTAINS` are the
/// negations of `=`, `IN` and `CONTAINS` for a present value. Numbers compare with the numeric reading
/// (numbers and numeric strings), strings with the string reading, dates with the instant reading, and
/// booleans only with JSON booleans, so `=` across kinds is false.
extension ConditionCompiler {
    /// `p.id IN (SELECT a.person_id FROM attributes a WHERE a.key_norm = ? AND a.value IS NOT NULL AND ...)`,
    /// or `NOT IN` of the people who have the attribute for `IS NOT SET`.
    func compile(_ attribute: AttributeCondition) -> SQLFragment {
        let components = attribute.attribute.components
        let key = components.first?.lowercased() ?? ""
        let source =
            components.count == 1
            ? ValueSource(attributeRow: "a", dialect: dialect)
            : ValueSource(
                document: "a.value", path: dialect.jsonPath(Array(components.dropFirst())), dialect: dialect)
        let select: SQLFragment =
            "SELECT a.person_id FROM attributes a WHERE a.key_norm = \(bind: .text(key)) AND a.value IS NOT NULL"
        let test: SQLFragment?
        switch attribute.test {
        case .value(.isNotSet):
            return "p.id NOT IN (\(select)\(source.present.map { " AND \($0)" } ?? ""))"
        case .value(.isSet):
            test = source.present
        case .value(let valueTest):
            test = self.valueTest(valueTest, on: source)
        case .moreThanAgo(let duration):
            test = instantTest(source, "<=", now.subtractingSaturating(duration.milliseconds))
        case .lessThanAgo(let duration):
            test = instantTest(source, ">", now.subtractingSaturating(duration.milliseconds))
        case .before(let point):
            test = instantTest(source, "<", point.milliseconds(now: now))
        case .after(let point):
            test = instantTest(source, ">", point.milliseconds(now: now))
        }
        return "p.id IN (\(select)\(test.map { " AND \($0)" } ?? ""))"
    }

    /// A value test as a condition on `source`; NULL counts as false, and NOT is only ever applied to
    /// two-valued expressions.
    func valueTest(_ test: ValueTest, on source: ValueSource) -> SQLFragment {
        switch test {
        case .isSet:
            return source.present ?? dialect.alwaysTrue
        case .isNotSet:
            return source.present.map { "NOT (\($0))" } ?? dialect.alwaysFalse
        case .compare(let comparison, let value):
            return compare(source, comparison, value)
        case .isIn(let values):
            let alternatives = equalities(source, values)
            return alternatives.isEmpty
                ? dialect.alwaysFalse : "(\(SQLFragment.joined(alternatives, separator: " OR ")))"
        case .isNotIn(let values):
            return whenPresent(source, inequalities(source, values))
        case .contains(let needle):
            return source.contains?(needle) ?? dialect.alwaysFalse
        case .notContains(let needle):
            return whenPresent(source, source.contains.map { ["NOT \($0(needle))"] } ?? [])
        }
    }

    private func compare(_ source: ValueSource, _ comparison: ComparisonOperator, _ value: RuleValue) -> SQLFragment {
        if case .boolean(let boolean) = value {
            guard let isBoolean = source.isBoolean, !comparison.isOrdering else {
                return comparison == .notEqual ? whenPresent(source, []) : dialect.alwaysFalse
            }
            return comparison == .equal ? isBoolean(boolean) : whenPresent(source, ["NOT (\(isBoolean(boolean)))"])
        }
        let (expression, bound) = typed(source, value)
        guard let expression else { return comparison == .notEqual ? whenPresent(source, []) : dialect.alwaysFalse }
        if comparison == .notEqual {
            return whenPresent(source, ["(\(expression) IS NULL OR \(expression) <> \(bind: bound))"])
        }
        return "\(expression) \(SQLFragment(sql: comparison.sqlOperator)) \(bind: bound)"
    }

    /// One `expression IN (...)` per kind of value in the list.
    private func equalities(_ source: ValueSource, _ values: [RuleValue]) -> [SQLFragment] {
        var alternatives: [SQLFragment] = []
        for (expression, bounds) in typedGroups(source, values) {
            alternatives.append("\(expression) IN (\(bindList: bounds))")
        }
        for boolean in booleans(in: values) {
            if let isBoolean = source.isBoolean { alternatives.append(isBoolean(boolean)) }
        }
        return alternatives
    }

    /// For a present value: one `(expression IS NULL OR expression NOT IN (...))` per kind of value.
    private func inequalities(_ source: ValueSource, _ values: [RuleValue]) -> [SQLFragment] {
        var conditions: [SQLFragment] = []
        for (expression, bounds) in typedGroups(source, values) {
            conditions.append("(\(expression) IS NULL OR \(expression) NOT IN (\(bindList: bounds)))")
        }
        for boolean in booleans(in: values) {
            if let isBoolean = source.isBoolean { conditions.append("NOT (\(isBoolean(boolean)))") }
        }
        return conditions
    }

    /// The number, string and instant values of a list, each with the expression that reads that kind.
    private func typedGroups(_ source: ValueSource, _ values: [RuleValue]) -> [(SQLFragment, [SQLValue])] {
        var groups: [(SQLFragment, [SQLValue])] = []
        for kind in 0..<3 {
            let bounds: [SQLValue] = values.compactMap { value in
                switch (kind, value) {
                case (0, .number(let number)): .real(number)
                case (1, .string(let string)): .text(string)
                case (2, .instant(let instant)): .integer(instant.milliseconds)
                default: nil
                }
            }
            let expression = [source.number, source.string, source.instant][kind]
            if !bounds.isEmpty, let expression { groups.append((expression, bounds)) }
        }
        return groups
    }

    private func booleans(in values: [RuleValue]) -> [Bool] {
        [true, false].filter { values.contains(.boolean($0)) }
    }

    /// The expression reading `value`'s kind from `source`, and `value` as a binding.
    private func typed(_ source: ValueSource, _ value: RuleValue) -> (SQLFragment?, SQLValue) {
        switch value {
        case .number(let number): (source.number, .real(number))
        case .string(let string): (source.string, .text(string))
        case .instant(let instant): (source.instant, .integer(instant.milliseconds))
        case .boolean(let boolean): (nil, .text(boolean ? "true" : "false"))
        }
    }

    /// `present AND c1 AND c2 ...`, leaving out what is already guaranteed.
    private func whenPresent(_ source: ValueSource, _ conditions: [SQLFragment]) -> SQLFragment {
        let all = (source.present.map { [$0] } ?? []) + conditions
        if all.isEmpty { return dialect.alwaysTrue }
        return all.count == 1 ? all[0] : "(\(SQLFragment.joined(all, separator: " AND ")))"
    }

    /// The source read as an instant compared with `milliseconds`; false when it is never an instant.
    private func instantTest(_ source: ValueSource, _ sqlOperator: String, _ milliseconds: Int64) -> SQLFragment {
        guard let instant = source.instant else { return dialect.alwaysFalse }
        return "\(instant) \(SQLFragment(sql: sqlOperator)) \(bind: .integer(milliseconds))"
    }
}
