/// Explaining event names that needed quotes.
///
/// A bare event name ends at the first keyword, symbol or number, so `Signed In in last 7d` reads as the
/// event `Signed` followed by a malformed window. The failure is replaced by one that says which quoted
/// name was meant and why (`"Signed In" needs quotes because "in" is a keyword`) when it happened
/// - at the keyword that ended a bare name (`Opt Out Of Emails`), or
/// - right after it, where that keyword needed another keyword (`Signed In in`, `Arrived at Store`),
///   unless the word there is a near miss of the keyword needed (`in lst 7d`), or
/// - after a word starting with a digit that ended the name and is followed by more words (`Top 10 Products`);
/// and for a condition that starts with a keyword other than AND, OR, NOT followed by words (`In App Purchase`).
/// Failures further on (`Opened Email Where Clicked`) keep the plain "expected ..." message.
extension Parser {
    /// The failure for a condition or event name that starts with a keyword or a digit: the quoting advice
    /// when bare words follow (`In App Purchase`, `3D Model Viewed`), else "expected `expectation`".
    func nameStartingWrongly(expecting expectation: Expectation = .condition) -> ParseFailure {
        let token = current
        let isKeyword = token.kind.keyword != nil
        let isOperator = [.and, .or, .not].contains(token.kind.keyword)
        guard isKeyword || token.kind.startsWithDigit, !isOperator, peek().bareWord != nil else {
            return failure(.expected(expectation))
        }
        let word = isKeyword ? token.kind.keyword?.rawValue ?? "" : text(token.range)
        let name = ([text(token.range)] + bareWords(after: position)).joined(separator: " ")
        return ParseFailure(
            problem: .needsQuotes(name: name, word: word, isKeyword: isKeyword), tokenIndex: position,
            range: token.range)
    }

    /// `failure`, or the quoting advice when it happened where the last bare event name ended.
    func explainUnquotedName(_ failure: ParseFailure) -> ParseFailure {
        guard case .expected(let expectation) = failure.problem, let bareName = lastBareName else { return failure }
        let end = bareName.terminatorIndex
        let terminator = tokens[end]
        guard terminator.kind != .end, failure.tokenIndex == end || failure.tokenIndex == end + 1 else {
            return failure
        }
        let words = (bareName.firstIndex..<end).map { text(tokens[$0].range) }
        let next = tokens[end + 1].kind
        if words.count > 1, failure.tokenIndex == end, startsAttributeTest(terminator.kind, next) {
            let range = tokens[bareName.firstIndex].range.union(tokens[end - 1].range)
            return ParseFailure(
                problem: .attributeNameIsOneWord(words.joined(separator: " ")), tokenIndex: bareName.firstIndex,
                range: range)
        }
        let name = (words + [text(terminator.range)] + bareWords(after: end)).joined(separator: " ")
        if let keyword = terminator.kind.keyword {
            let nextIsWordOrEnd = next == .end || { if case .word = next { true } else { false } }()
            let failedAfterKeyword = failure.tokenIndex == end + 1
            guard nextIsWordOrEnd, !failedAfterKeyword || !expectation.keywords.isEmpty,
                !isKeywordTypo(next, at: failedAfterKeyword, for: expectation)
            else { return failure }
            return ParseFailure(
                problem: .needsQuotes(name: name, word: keyword.rawValue, isKeyword: true), tokenIndex: end,
                range: terminator.range)
        }
        guard terminator.kind.startsWithDigit, next.bareWord != nil else { return failure }
        return ParseFailure(
            problem: .needsQuotes(name: name, word: text(terminator.range), isKeyword: false), tokenIndex: end,
            range: terminator.range)
    }

    /// The bare (non-keyword) words right after the token at `index`.
    private func bareWords(after index: Int) -> [String] {
        tokens[(index + 1)...].prefix { $0.kind.bareWord != nil }.map { text($0.range) }
    }

    /// Whether `kind` followed by `next` starts an attribute test (`> 5`, `IS SET`), which several
    /// words cannot take.
    private func startsAttributeTest(_ kind: TokenKind, _ next: TokenKind) -> Bool {
        if case .symbol(let symbol) = kind, symbol.comparison != nil { return true }
        return kind.keyword == .is && (next.keyword == .not || next.keyword == .set)
    }

    /// Whether the failing word is a near miss of a keyword that was expected there (`lst` for `LAST`),
    /// in which case the plain "expected" error is the better one.
    private func isKeywordTypo(_ kind: TokenKind, at isFailingToken: Bool, for expectation: Expectation) -> Bool {
        guard isFailingToken, let word = kind.bareWord?.lowercased() else { return false }
        return expectation.keywords.contains { Suggestions.editDistance(word, $0.rawValue) <= 2 }
    }
}
