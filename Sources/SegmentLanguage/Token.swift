/// One lexical token of a rule, with the span of source it came from.
struct Token: Equatable, Sendable {
    var kind: TokenKind
    var range: SourceRange
}

/// What a token is. Literal tokens carry their decoded value.
enum TokenKind: Equatable, Sendable {
    /// A bare word: letters, digits, `_` and `.`, starting with a letter or `_`. `keyword` is set
    /// when the word is a reserved word in any letter case.
    case word(String, keyword: Keyword?)
    /// A double-quoted string, escapes decoded.
    case string(String)
    /// A number such as `300`, `-1.5`. `whole` is set when it is written without a fraction.
    case number(Double, whole: Int64?)
    /// A money amount such as `$300`; the currency symbol is dropped.
    case money(Double)
    /// A number with a unit glued to it, such as `24h` or `14days`.
    case duration(RuleDuration)
    /// A date or date-time (`2024-05-01`, `2024-05-01T09:30Z`), as milliseconds since the epoch.
    case date(Int64)
    /// A word that starts with a digit but is no number, duration or date (`3rd`, `4k`).
    case digitWord(String)
    case symbol(Symbol)
    /// Text the lexer could not read; the parser reports the problem when it reaches the token.
    case invalid(LexicalProblem)
    case end

    /// The keyword this token spells, if it is a reserved word.
    var keyword: Keyword? {
        if case .word(_, let keyword) = self { return keyword }
        return nil
    }

    /// The text of a bare word that is not a keyword.
    var bareWord: String? {
        if case .word(let text, nil) = self { return text }
        return nil
    }

    /// Whether the token is written starting with a digit (numbers, durations, dates, `3rd`).
    var startsWithDigit: Bool {
        switch self {
        case .number, .duration, .date, .digitWord: true
        default: false
        }
    }
}

/// Punctuation and operators.
enum Symbol: String, Equatable, Sendable {
    case leftParen = "("
    case rightParen = ")"
    case comma = ","
    case plus = "+"
    case equal = "="
    case notEqual = "!="
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="

    /// The comparison operator this symbol spells, if any.
    var comparison: ComparisonOperator? { ComparisonOperator(rawValue: rawValue) }
}

/// Why a piece of text is not a token.
enum LexicalProblem: Equatable, Sendable {
    case unterminatedString
    case invalidEscape(String)
    case unexpectedCharacter(String)
    case invalidDate(String)
    case numberTooLarge(String)
    case fractionalDuration(String)
}
