/// Writing conditions back as rule text, in one canonical spelling that parses to the same condition:
/// keywords in upper case, event names quoted, durations in their largest exact unit.
///
/// ```swift
/// try Rule.parse("Checkout Started in the last 1 day and not Purchased").condition.ruleText
/// // "Checkout Started" IN LAST 1d AND NOT "Purchased"
/// ```
///
/// Numbers too large or too fine for plain decimals, and filters nested deeper than the grammar allows
/// (built in code), have no exact spelling.
extension Condition {
    /// The condition as canonical rule text.
    public var ruleText: String {
        switch self {
        case .and(let operands): operands.map(\.operandText).joined(separator: " AND ")
        case .or(let operands): operands.map(\.operandText).joined(separator: " OR ")
        case .not(let operand): "NOT " + operand.operandText
        case .event(let event): event.ruleText
        case .aggregate(let aggregate): aggregate.ruleText
        case .attribute(let attribute): attribute.attribute.text + " " + attribute.test.ruleText
        case .segment(let reference): "IN SEGMENT " + RulePrinter.segmentName(reference.name)
        case .eventOrAttribute(let undecided):
            switch undecided.timing {
            case .moreThanAgo(let duration): "\(undecided.name) MORE THAN \(duration) AGO"
            case .before(let instant): "\(undecided.name) BEFORE \(instant)"
            }
        }
    }

    /// The text as an operand of AND, OR or NOT: boolean structure goes in parentheses.
    private var operandText: String {
        switch self {
        case .and(let operands) where operands.count > 1, .or(let operands) where operands.count > 1:
            "(" + ruleText + ")"
        default:
            ruleText
        }
    }
}

extension EventCondition {
    var ruleText: String {
        var parts = [RulePrinter.quoted(event.name)]
        if let filter { parts.append(filter.ruleText) }
        switch count {
        case .atLeast(let count): parts.append("AT LEAST \(count) TIMES")
        case .atMost(let count): parts.append("AT MOST \(count) TIMES")
        case .exactly(let count): parts.append("EXACTLY \(count) TIMES")
        case nil: break
        }
        if window != .ever { parts.append(window.ruleText) }
        if let sequence {
            parts.append(sequence.isNegated ? "NOT FOLLOWED BY" : "FOLLOWED BY")
            parts.append(RulePrinter.quoted(sequence.event.name))
            if let filter = sequence.filter { parts.append(filter.ruleText) }
            parts.append("WITHIN \(sequence.within)")
        }
        return parts.joined(separator: " ")
    }
}

extension AggregateCondition {
    var ruleText: String {
        let function =
            switch aggregate {
            case .count: "COUNT"
            case .sum(let path): "SUM(\(path.text))"
            case .average(let path): "AVG(\(path.text))"
            case .minimum(let path): "MIN(\(path.text))"
            case .maximum(let path): "MAX(\(path.text))"
            }
        var parts = [function, "OF", RulePrinter.quoted(event.name)]
        if let filter { parts.append(filter.ruleText) }
        if window != .ever { parts.append(window.ruleText) }
        parts += [comparison.rawValue, RulePrinter.number(number)]
        return parts.joined(separator: " ")
    }
}

extension EventWindow {
    var ruleText: String {
        switch self {
        case .ever: "EVER"
        case .inLast(let duration): "IN LAST \(duration)"
        case .between(let recent, let old): "BETWEEN \(recent) AND \(old) AGO"
        case .moreThanAgo(let duration): "MORE THAN \(duration) AGO"
        case .since(let instant): "SINCE \(instant)"
        case .before(let instant): "BEFORE \(instant)"
        }
    }
}

extension PropertyFilter {
    /// `WHERE test`, or `WHERE (a AND b OR c)` for an OR of ANDs of tests (the shapes the grammar has).
    var ruleText: String {
        if case .test(let test) = self { return "WHERE " + test.ruleText }
        return "WHERE (" + innerText + ")"
    }

    private var innerText: String {
        switch self {
        case .test(let test): test.ruleText
        case .and(let operands): operands.map(\.innerText).joined(separator: " AND ")
        case .or(let operands): operands.map(\.innerText).joined(separator: " OR ")
        }
    }
}

extension PropertyTest {
    var ruleText: String { property.text + " " + AttributeTest.value(test).ruleText }
}

extension AttributeTest {
    var ruleText: String {
        switch self {
        case .value(.compare(let comparison, let value)): "\(comparison.rawValue) \(RulePrinter.value(value))"
        case .value(.isSet): "IS SET"
        case .value(.isNotSet): "IS NOT SET"
        case .value(.isIn(let values)): "IN (\(values.map(RulePrinter.value).joined(separator: ", ")))"
        case .value(.isNotIn(let values)): "NOT IN (\(values.map(RulePrinter.value).joined(separator: ", ")))"
        case .value(.contains(let string)): "CONTAINS \(RulePrinter.quoted(string))"
        case .value(.notContains(let string)): "NOT CONTAINS \(RulePrinter.quoted(string))"
        case .moreThanAgo(let duration): "MORE THAN \(duration) AGO"
        case .lessThanAgo(let duration): "LESS THAN \(duration) AGO"
        case .before(let point): "BEFORE \(RulePrinter.timePoint(point))"
        case .after(let point): "AFTER \(RulePrinter.timePoint(point))"
        }
    }
}

/// Spelling of names and literals in canonical rule text.
enum RulePrinter {
    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }

    /// A segment name bare when it lexes as one bare word, quoted otherwise.
    static func segmentName(_ name: String) -> String {
        let tokens = Lexer.tokenize(name)
        return tokens.count == 2 && tokens[0].kind.bareWord == name ? name : quoted(name)
    }

    static func number(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    static func value(_ value: RuleValue) -> String {
        switch value {
        case .number(let number): self.number(number)
        case .string(let string): quoted(string)
        case .boolean(let boolean): boolean ? "TRUE" : "FALSE"
        case .instant(let instant): instant.description
        }
    }

    static func timePoint(_ point: TimePoint) -> String {
        switch point {
        case .instant(let instant): instant.description
        case .ago(let duration): "\(duration) AGO"
        }
    }
}
