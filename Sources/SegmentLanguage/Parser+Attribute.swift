/// Attribute conditions, property filters and values:
///
///     attr-cond = attribute compare-op value | attribute IS [NOT] SET
///               | attribute [NOT] IN "(" value { "," value } ")" | attribute [NOT] CONTAINS string
///               | attribute (BEFORE | AFTER) (date | duration AGO)
///               | attribute MORE THAN duration AGO | attribute LESS THAN duration AGO
///     filter    = WHERE prop-test | WHERE "(" prop-test { (AND | OR) prop-test } ")"
///     value     = number | money | string | TRUE | FALSE | date
extension Parser {
    mutating func parseAttributeCondition() throws(ParseFailure) -> AttributeCondition {
        let start = current.range
        let attribute = try parseFieldPath(.attribute)
        let test: AttributeTest
        switch current.kind.keyword {
        case .after:
            advance()
            test = .after(try parseTimePoint())
        case .before:
            advance()
            test = .before(try parseTimePoint())
        case .less, .more:
            let isLess = advance().kind.keyword == .less
            try expect(.than)
            let duration = try parseDuration()
            try expect(.ago)
            test = isLess ? .lessThanAgo(duration) : .moreThanAgo(duration)
        default:
            test = .value(try parseValueTest())
        }
        return AttributeCondition(attribute: attribute, test: test, range: start.union(previousRange))
    }

    /// An attribute or property name: one bare word whose dot-separated parts are not empty.
    mutating func parseFieldPath(_ expectation: Expectation) throws(ParseFailure) -> FieldPath {
        guard let word = current.kind.bareWord else { throw failure(.expected(expectation)) }
        let path = FieldPath(word, range: current.range)
        guard !path.components.contains(where: \.isEmpty) else { throw failure(.invalidFieldName(word)) }
        advance()
        return path
    }

    /// `compare-op value`, `IS [NOT] SET`, `[NOT] IN (...)`, `[NOT] CONTAINS string`.
    mutating func parseValueTest() throws(ParseFailure) -> ValueTest {
        if case .symbol(let symbol) = current.kind, let comparison = symbol.comparison {
            advance()
            return .compare(comparison, try parseValue())
        }
        switch current.kind.keyword {
        case .is:
            advance()
            let isNegated = consume(.not)
            try expect(.set)
            return isNegated ? .isNotSet : .isSet
        case .in:
            advance()
            return .isIn(try parseValueList())
        case .contains:
            advance()
            return .contains(try parseString())
        case .not:
            advance()
            if consume(.in) { return .isNotIn(try parseValueList()) }
            guard consume(.contains) else { throw failure(.expected(.keywords([.in, .contains]))) }
            return .notContains(try parseString())
        default:
            throw failure(.expected(.valueTest))
        }
    }

    /// `"(" value { "," value } ")"`.
    mutating func parseValueList() throws(ParseFailure) -> [RuleValue] {
        try expect(.leftParen, or: .leftParenthesis)
        var values: [RuleValue] = []
        var progress = LoopProgress()
        repeat {
            try countListValue()
            values.append(try parseValue())
        } while consume(symbol: .comma) && progress.advanced(to: position)
        try expect(.rightParen, or: .commaOrRightParenthesis)
        return values
    }

    /// `number | money | string | TRUE | FALSE | date`.
    mutating func parseValue() throws(ParseFailure) -> RuleValue {
        let value: RuleValue
        switch current.kind {
        case .number(let number, _), .money(let number): value = .number(number)
        case .string(let string): value = .string(string)
        case .date(let milliseconds): value = .instant(RuleInstant(milliseconds: milliseconds))
        case .word(_, .true?): value = .boolean(true)
        case .word(_, .false?): value = .boolean(false)
        default: throw failure(.expected(.value))
        }
        advance()
        return value
    }

    mutating func parseString() throws(ParseFailure) -> String {
        guard case .string(let string) = current.kind else { throw failure(.expected(.string)) }
        advance()
        return string
    }

    /// A number or a money amount.
    mutating func parseNumber() throws(ParseFailure) -> Double {
        switch current.kind {
        case .number(let number, _), .money(let number):
            advance()
            return number
        default:
            throw failure(.expected(.number))
        }
    }

    /// `date` or `duration AGO`, after BEFORE or AFTER.
    mutating func parseTimePoint() throws(ParseFailure) -> TimePoint {
        switch current.kind {
        case .date(let milliseconds):
            advance()
            return .instant(RuleInstant(milliseconds: milliseconds))
        case .duration, .number:
            let duration = try parseDuration()
            try expect(.ago)
            return .ago(duration)
        default:
            throw failure(.expected(.dateOrDurationAgo))
        }
    }

    /// `WHERE prop-test` or `WHERE "(" prop-test { (AND | OR) prop-test } ")"`; AND binds tighter than OR.
    mutating func parseFilter() throws(ParseFailure) -> PropertyFilter {
        try expect(.where)
        guard at(.leftParen) else { return .test(try parsePropertyTest()) }
        advance()
        var alternatives: [PropertyFilter] = []
        var conjunction = [PropertyFilter.test(try parsePropertyTest())]
        var progress = LoopProgress()
        while at(.and) || at(.or), progress.advanced(to: position) {
            if advance().kind.keyword == .or {
                alternatives.append(conjunction.count == 1 ? conjunction[0] : .and(conjunction))
                conjunction = []
            }
            conjunction.append(.test(try parsePropertyTest()))
        }
        alternatives.append(conjunction.count == 1 ? conjunction[0] : .and(conjunction))
        try expect(.rightParen, or: .closingFilterParenthesis)
        return alternatives.count == 1 ? alternatives[0] : .or(alternatives)
    }

    mutating func parsePropertyTest() throws(ParseFailure) -> PropertyTest {
        try countCondition()
        let property = try parseFieldPath(.property)
        return PropertyTest(property: property, test: try parseValueTest())
    }

    /// `agg "(" property ")" OF event-name [filter] [window] compare-op number`
    /// or `COUNT OF event-name [filter] [window] compare-op number`.
    mutating func parseAggregate() throws(ParseFailure) -> AggregateCondition {
        let start = current.range
        let function = advance().kind.keyword
        let aggregate: Aggregate
        if function == .count {
            aggregate = .count
        } else {
            try expect(.leftParen, or: .leftParenthesis)
            let property = try parseFieldPath(.property)
            try expect(.rightParen, or: .rightParenthesis)
            switch function {
            case .sum: aggregate = .sum(property)
            case .avg: aggregate = .average(property)
            case .min: aggregate = .minimum(property)
            default: aggregate = .maximum(property)
            }
        }
        try expect(.of)
        let event = try parseEventName()
        let filter = at(.where) ? try parseFilter() : nil
        let windowStart = current.range
        let window = try parseWindow()
        let windowRange = window == nil ? event.range : windowStart.union(previousRange)
        guard case .symbol(let symbol) = current.kind, let comparison = symbol.comparison else {
            throw failure(.expected(.comparison))
        }
        advance()
        let number = try parseNumber()
        return AggregateCondition(
            aggregate: aggregate, event: event, filter: filter, window: window ?? .ever, comparison: comparison,
            number: number, range: start.union(previousRange), windowRange: windowRange)
    }

    /// `IN SEGMENT name`, the name bare or quoted.
    mutating func parseSegmentReference() throws(ParseFailure) -> SegmentReference {
        try expect(.in)
        try expect(.segment)
        let range = current.range
        switch current.kind {
        case .string(let name) where !name.isEmpty, .word(let name, nil):
            advance()
            return SegmentReference(name: name, range: range)
        case .string:
            throw failure(.emptyName)
        default:
            throw failure(.expected(.segmentName))
        }
    }

    /// Consumes `symbol` if it is next.
    mutating func consume(symbol: Symbol) -> Bool {
        guard at(symbol) else { return false }
        advance()
        return true
    }
}
