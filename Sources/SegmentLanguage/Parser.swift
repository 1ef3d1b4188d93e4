/// A recursive-descent parser for the rule grammar, one function per production.
///
/// Looks with `at`/`peek`, consumes with `advance`/`expect`; only consuming functions are `mutating`.
/// Nesting of parentheses and NOT is limited to ``maximumDepth`` and a rule to ``maximumConditions``
/// conditions, so hostile input ends in an error rather than a stack overflow.
///
///     rule    = or
///     or      = and { OR and }
///     and     = unary { AND unary }
///     unary   = NOT unary | primary
///     primary = "(" rule ")" | segment-ref | attr-cond | agg-cond | event-cond
struct Parser {
    static let maximumDepth = 64
    static let maximumConditions = 500
    static let maximumListValues = 5_000

    let tokens: [Token]
    let utf8: [UInt8]
    private(set) var position = 0
    private var depth = 0
    private var conditionCount = 0
    private var listValueCount = 0
    /// The last bare event name read, to explain a name that needed quotes when parsing fails after it.
    private(set) var lastBareName: BareName?

    /// Where an unquoted event name starts and the token that ended it.
    struct BareName {
        var firstIndex: Int
        var terminatorIndex: Int
    }

    init(source: String) {
        tokens = Lexer.tokenize(source)
        utf8 = Array(source.utf8)
    }

    /// Parses the whole rule.
    mutating func parseRule() throws(ParseFailure) -> Condition {
        do throws(ParseFailure) {
            let condition = try parseOr()
            guard at(.end) else { throw failure(.expected(.endOfRule)) }
            return condition
        } catch {
            throw explainUnquotedName(error)
        }
    }

    // MARK: - Boolean structure

    mutating func parseOr() throws(ParseFailure) -> Condition {
        var operands = [try parseAnd()]
        var progress = LoopProgress()
        while at(.or), progress.advanced(to: position) {
            advance()
            operands.append(try parseAnd())
        }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    mutating func parseAnd() throws(ParseFailure) -> Condition {
        var operands = [try parseUnary()]
        var progress = LoopProgress()
        while at(.and), progress.advanced(to: position) {
            advance()
            operands.append(try parseUnary())
        }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    mutating func parseUnary() throws(ParseFailure) -> Condition {
        guard at(.not) else { return try parsePrimary() }
        try enterNesting()
        defer { depth -= 1 }
        advance()
        return .not(try parseUnary())
    }

    mutating func parsePrimary() throws(ParseFailure) -> Condition {
        switch current.kind {
        case .symbol(.leftParen):
            try enterNesting()
            defer { depth -= 1 }
            advance()
            let inner = try parseOr()
            guard at(.rightParen) else { throw failure(.expected(.closingParenthesis)) }
            advance()
            return inner
        case .word(_, .in?) where peek().keyword == .segment:
            try countCondition()
            return .segment(try parseSegmentReference())
        case .word(_, .sum?), .word(_, .avg?), .word(_, .min?), .word(_, .max?):
            guard peek() == .symbol(.leftParen) else { throw nameStartingWrongly() }
            try countCondition()
            return .aggregate(try parseAggregate())
        case .word(_, .count?) where peek().keyword == .of:
            try countCondition()
            return .aggregate(try parseAggregate())
        case .string:
            try countCondition()
            return .event(try parseEventCondition())
        case .word(_, nil):
            try countCondition()
            return try parseBareWordCondition()
        default:
            throw nameStartingWrongly()
        }
    }

    // MARK: - Looking

    var current: Token { tokens[position] }

    /// The kind of the token `distance` ahead of the current one (the end token past the end).
    func peek(_ distance: Int = 1) -> TokenKind {
        tokens[min(position + distance, tokens.count - 1)].kind
    }

    func at(_ keyword: Keyword) -> Bool { current.kind.keyword == keyword }

    func at(_ symbol: Symbol) -> Bool { current.kind == .symbol(symbol) }

    func at(_ kind: TokenKind) -> Bool { current.kind == kind }

    /// The range of the token before the current one: the end of what has been read.
    var previousRange: SourceRange { tokens[max(position - 1, 0)].range }

    /// The source text of `range`, as written.
    func text(_ range: SourceRange) -> String {
        String(decoding: utf8[range.lowerBound..<range.upperBound], as: UTF8.self)
    }

    // MARK: - Consuming

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    /// Consumes `keyword` if it is next.
    mutating func consume(_ keyword: Keyword) -> Bool {
        guard at(keyword) else { return false }
        advance()
        return true
    }

    /// Consumes `keyword` or fails saying it was expected.
    @discardableResult
    mutating func expect(_ keyword: Keyword) throws(ParseFailure) -> Token {
        guard at(keyword) else { throw failure(.expected(.keywords([keyword]))) }
        return advance()
    }

    /// Consumes `symbol` or fails with `expectation`.
    @discardableResult
    mutating func expect(_ symbol: Symbol, or expectation: Expectation) throws(ParseFailure) -> Token {
        guard at(symbol) else { throw failure(.expected(expectation)) }
        return advance()
    }

    /// Notes that a bare event name has been read from `firstIndex` up to the current token.
    mutating func recordBareName(from firstIndex: Int) {
        lastBareName = BareName(firstIndex: firstIndex, terminatorIndex: position)
    }

    // MARK: - Limits and failures

    private mutating func enterNesting() throws(ParseFailure) {
        depth += 1
        if depth > Parser.maximumDepth { throw failure(.tooDeep(limit: Parser.maximumDepth)) }
    }

    mutating func countCondition() throws(ParseFailure) {
        conditionCount += 1
        if conditionCount > Parser.maximumConditions {
            throw failure(.tooManyConditions(limit: Parser.maximumConditions))
        }
    }

    mutating func countListValue() throws(ParseFailure) {
        listValueCount += 1
        if listValueCount > Parser.maximumListValues { throw failure(.tooManyValues(limit: Parser.maximumListValues)) }
    }

    /// A failure at the token `index` (the current one by default). At a token the lexer could not read,
    /// the lexical problem is reported instead, since it is what stopped the parse.
    func failure(_ problem: SyntaxProblem, at index: Int? = nil) -> ParseFailure {
        let index = index ?? position
        let token = tokens[index]
        if case .invalid(let lexical) = token.kind {
            return ParseFailure(problem: .lexical(lexical), tokenIndex: index, range: token.range)
        }
        return ParseFailure(problem: problem, tokenIndex: index, range: token.range)
    }
}

/// A parse failure: what went wrong, at which token, and the source range to point at.
struct ParseFailure: Error, Equatable {
    var problem: SyntaxProblem
    var tokenIndex: Int
    var range: SourceRange
}
