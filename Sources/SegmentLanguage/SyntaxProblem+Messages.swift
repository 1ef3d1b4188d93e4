/// The words for syntax errors. The only place they are written.
extension SyntaxProblem {
    var message: String {
        switch self {
        case .expected(let expectation): "expected \(expectation.summary)"
        case .lexical(let problem): problem.message
        case .needsQuotes(let name, let word, let isKeyword):
            "\"\(name)\" needs quotes because \"\(word)\" \(isKeyword ? "is a keyword" : "starts with a digit")"
        case .attributeNameIsOneWord(let words): "\"\(words)\" is not an attribute name"
        case .emptyName: "a name cannot be empty"
        case .invalidFieldName(let name): "\"\(name)\" is not a valid name"
        case .missingDurationUnit: "expected a unit"
        case .afterWindow(.filter): "a where filter goes before the window"
        case .afterWindow(.count): "a count goes before the window"
        case .tooDeep: "the rule is nested too deeply"
        case .tooManyConditions: "the rule has too many conditions"
        case .tooManyValues: "the rule has too many values in lists"
        }
    }

    var label: String {
        switch self {
        case .expected(let expectation): "expected \(expectation.detail)"
        case .lexical(let problem): problem.label
        case .needsQuotes(_, _, let isKeyword):
            isKeyword
                ? "a keyword cannot be part of an unquoted name; quote the whole name"
                : "a word starting with a digit cannot be part of an unquoted name; quote the whole name"
        case .attributeNameIsOneWord: "an attribute name is one word; quote an event name and use count of or sum(...)"
        case .emptyName: "write the name between the quotes"
        case .invalidFieldName: "names are letters, digits and _, with dots between the parts"
        case .missingDurationUnit: "expected a unit such as h or days (24h, 6 hours)"
        case .afterWindow:
            "an event condition reads: name, where filter, count, window, followed by "
                + "(Add to Cart where price > 100 at least 2 times in last 7d)"
        case .tooDeep(let limit): "at most \(limit) levels of parentheses and NOT"
        case .tooManyConditions(let limit): "at most \(limit) conditions in one rule"
        case .tooManyValues(let limit): "at most \(limit) values in the lists of one rule"
        }
    }
}

extension Expectation {
    /// What was expected, briefly, for the headline.
    var summary: String {
        switch self {
        case .condition: "a condition"
        case .keywords(let keywords): keywords.map(\.displayName).joinedAsAlternatives
        case .endOfRule: "AND, OR or the end of the rule"
        case .closingParenthesis: "AND, OR or \")\""
        case .closingFilterParenthesis: "AND, OR or \")\" in the filter"
        case .leftParenthesis: "\"(\""
        case .rightParenthesis: "\")\""
        case .commaOrRightParenthesis: "\",\" or \")\""
        case .duration: "a duration"
        case .date: "a date"
        case .dateOrDurationAgo: "a date or a duration"
        case .wholeNumber: "a whole number"
        case .plus: "\"+\""
        case .value: "a value"
        case .number: "a number"
        case .string: "a string"
        case .comparison: "a comparison"
        case .valueTest: "a comparison"
        case .eventName: "an event name"
        case .property: "a property name"
        case .attribute: "an attribute name"
        case .segmentName: "a segment name"
        }
    }

    /// What was expected, with an example, beside the caret.
    var detail: String {
        switch self {
        case .condition: "an event, an attribute test, IN SEGMENT or \"(\""
        case .duration: "a duration such as 24h"
        case .date: "a date such as 2024-05-01 or 2024-05-01T09:30Z"
        case .dateOrDurationAgo: "a date such as 2024-05-01, or a duration and AGO such as 30d ago"
        case .wholeNumber: "a whole number such as 3"
        case .plus: "\"+\" as in 3+ times"
        case .value: "a number, $amount, \"string\", true, false or a date"
        case .number: "a number such as 300 or $300"
        case .string: "a double-quoted string such as \"gold\""
        case .comparison: "=, !=, >, >=, < or <="
        case .valueTest: "=, !=, >, >=, <, <=, IS, IN, NOT IN, CONTAINS or NOT CONTAINS"
        case .eventName: "an event name such as Purchased or \"Signed In\""
        case .property: "a property name such as value or currency"
        case .attribute: "an attribute name such as ltv or address.country"
        case .segmentName: "a segment name such as vip_manual"
        default: summary
        }
    }
}

extension LexicalProblem {
    var message: String {
        switch self {
        case .unterminatedString: "unterminated string"
        case .invalidEscape(let escape): "invalid escape \"\(escape)\" in a string"
        case .unexpectedCharacter(let character): "unexpected character \"\(character)\""
        case .invalidDate(let text): "\"\(text)\" is not a valid date"
        case .numberTooLarge(let text): "\"\(text)\" is too large"
        case .fractionalDuration(let text): "\"\(text)\" is not a whole duration"
        }
    }

    var label: String {
        switch self {
        case .unterminatedString: "this string has no closing quote on its line"
        case .invalidEscape: "only \\\" and \\\\ are escapes"
        case .unexpectedCharacter("'"): "strings use double quotes"
        case .unexpectedCharacter: "not part of the rule language; quote names that contain it"
        case .invalidDate: "expected a date such as 2024-05-01 or 2024-05-01T09:30Z"
        case .numberTooLarge: "use a smaller number"
        case .fractionalDuration: "a duration is a whole number of a unit, such as 90m"
        }
    }
}

extension [String] {
    /// `A`, `A or B`, `A, B or C`.
    var joinedAsAlternatives: String {
        guard let last, count > 1 else { return first ?? "" }
        return dropLast().joined(separator: ", ") + " or " + last
    }
}
