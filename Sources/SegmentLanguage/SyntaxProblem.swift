/// What went wrong at the place a ``RuleSyntaxError`` points to. Data only: the words are written
/// by ``RuleSyntaxError/message`` and ``RuleSyntaxError/label``.
enum SyntaxProblem: Equatable, Sendable {
    /// Something else was needed here.
    case expected(Expectation)
    /// The text here is no token.
    case lexical(LexicalProblem)
    /// An unquoted event name runs into a keyword or a word starting with a digit.
    case needsQuotes(name: String, word: String, isKeyword: Bool)
    /// Several words stand where an attribute name (one word) must be.
    case attributeNameIsOneWord(String)
    /// `""` where a name must be.
    case emptyName
    /// A property or attribute name with an empty part, such as `a..b` or `a.`.
    case invalidFieldName(String)
    /// A number with no unit where a duration must be.
    case missingDurationUnit
    /// A part of an event condition written after the window, where it cannot go (`where`, a count).
    case afterWindow(EventPart)
    /// More than `limit` levels of parentheses and NOT.
    case tooDeep(limit: Int)
    /// More than `limit` conditions, or `limit` values in lists.
    case tooManyConditions(limit: Int)
    case tooManyValues(limit: Int)
}

/// A part of an event condition that has its place before the window.
enum EventPart: Equatable, Sendable {
    case filter, count
}

/// What the parser looked for where it failed.
enum Expectation: Equatable, Sendable {
    case condition
    case keywords([Keyword])
    case endOfRule
    case closingParenthesis
    case closingFilterParenthesis
    case leftParenthesis
    case rightParenthesis
    case commaOrRightParenthesis
    case duration
    case date
    case dateOrDurationAgo
    case wholeNumber
    case plus
    case value
    case number
    case string
    case comparison
    case valueTest
    case eventName
    case property
    case attribute
    case segmentName

    /// The keywords that would have been accepted, for telling a typo from a missing quote.
    var keywords: [Keyword] {
        if case .keywords(let keywords) = self { return keywords }
        return []
    }
}
