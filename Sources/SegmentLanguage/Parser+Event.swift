/// Event conditions and their parts:
///
///     event-cond = event-name [filter] [count] [window] [sequence]
///     count      = AT LEAST n TIMES | AT MOST n TIMES | EXACTLY n TIMES | n "+" TIMES
///     window     = IN [THE] LAST duration | BETWEEN duration AND duration AGO | MORE THAN duration AGO
///                | SINCE date | BEFORE date | EVER
///     sequence   = [NOT] FOLLOWED BY event-name [filter] WITHIN duration
extension Parser {
    /// A condition starting with a bare word: an attribute condition, an event condition, or, for
    /// `word MORE THAN D AGO` and `word BEFORE date`, a condition that is either.
    mutating func parseBareWordCondition() throws(ParseFailure) -> Condition {
        switch peek() {
        case .symbol(let symbol) where symbol.comparison != nil:
            return .attribute(try parseAttributeCondition())
        case .word(_, .is?), .word(_, .contains?), .word(_, .after?), .word(_, .less?):
            return .attribute(try parseAttributeCondition())
        case .word(_, .in?) where peek(2) == .symbol(.leftParen):
            return .attribute(try parseAttributeCondition())
        case .word(_, .not?) where peek(2).keyword == .contains || peek(2).keyword == .in:
            return .attribute(try parseAttributeCondition())
        case .word(_, .before?) where !isDate(peek(2)):
            return .attribute(try parseAttributeCondition())
        case .word(_, .more?), .word(_, .before?):
            return try parseEventOrAttribute()
        default:
            return .event(try parseEventCondition())
        }
    }

    /// `word MORE THAN D AGO` or `word BEFORE date`, an event condition when a sequence follows.
    private mutating func parseEventOrAttribute() throws(ParseFailure) -> Condition {
        let nameToken = advance()
        guard case .word(let name, nil) = nameToken.kind else { throw failure(.expected(.eventName), at: position - 1) }
        let timingStart = current.range
        let timing: EventOrAttributeCondition.Timing
        if consume(.more) {
            try expect(.than)
            let duration = try parseDuration()
            try expect(.ago)
            timing = .moreThanAgo(duration)
        } else {
            try expect(.before)
            timing = .before(try parseDate())
        }
        let undecided = EventOrAttributeCondition(
            name: name, timing: timing, nameRange: nameToken.range, range: nameToken.range.union(previousRange),
            timingRange: timingStart.union(previousRange))
        try refuseAfterWindow()
        guard startsSequence else { return .eventOrAttribute(undecided) }
        var event = undecided.asEvent
        event.sequence = try parseSequence()
        event.range = nameToken.range.union(previousRange)
        return .event(event)
    }

    /// `event-name [filter] [count] [window] [sequence]`.
    mutating func parseEventCondition() throws(ParseFailure) -> EventCondition {
        let start = current.range
        let name = try parseEventName()
        var condition = EventCondition(event: name, windowRange: name.range)
        if at(.where) { condition.filter = try parseFilter() }
        condition.count = try parseCount()
        let windowStart = current.range
        if let window = try parseWindow() {
            condition.window = window
            condition.windowRange = windowStart.union(previousRange)
            try refuseAfterWindow()
        }
        if startsSequence { condition.sequence = try parseSequence() }
        condition.range = start.union(previousRange)
        return condition
    }

    /// A filter or a count written after the window: the commonest order mistake, said as such.
    private func refuseAfterWindow() throws(ParseFailure) {
        if at(.where) { throw failure(.afterWindow(.filter)) }
        switch (current.kind, peek()) {
        case (.word(_, .at?), .word(_, .least?)), (.word(_, .at?), .word(_, .most?)), (.word(_, .exactly?), .number),
            (.number, .symbol(.plus)):
            throw failure(.afterWindow(.count))
        default:
            return
        }
    }

    /// A quoted name, or a run of bare words up to the next keyword, symbol or number.
    mutating func parseEventName() throws(ParseFailure) -> EventName {
        let start = current.range
        if case .string(let name) = current.kind {
            guard !name.isEmpty else { throw failure(.emptyName) }
            advance()
            return EventName(name, range: start)
        }
        guard current.kind.bareWord != nil else { throw nameStartingWrongly(expecting: .eventName) }
        let firstIndex = position
        var words: [String] = []
        var progress = LoopProgress()
        while let word = current.kind.bareWord, progress.advanced(to: position) {
            words.append(word)
            advance()
        }
        recordBareName(from: firstIndex)
        return EventName(words.joined(separator: " "), range: start.union(previousRange))
    }

    /// `AT LEAST n TIMES`, `AT MOST n TIMES`, `EXACTLY n TIMES`, `n+ TIMES`, or nothing.
    mutating func parseCount() throws(ParseFailure) -> EventCount? {
        let count: EventCount
        if consume(.at) {
            if consume(.least) {
                count = .atLeast(try parseWholeNumber())
            } else if consume(.most) {
                count = .atMost(try parseWholeNumber())
            } else {
                throw failure(.expected(.keywords([.least, .most])))
            }
        } else if consume(.exactly) {
            count = .exactly(try parseWholeNumber())
        } else if case .number = current.kind {
            let number = try parseWholeNumber()
            try expect(.plus, or: .plus)
            count = .atLeast(number)
        } else {
            return nil
        }
        try expect(.times)
        return count
    }

    /// A window clause, or `nil` when none follows.
    mutating func parseWindow() throws(ParseFailure) -> EventWindow? {
        switch current.kind.keyword {
        case .in:
            advance()
            if !consume(.the), !at(.last) { throw failure(.expected(.keywords([.last, .the]))) }
            try expect(.last)
            return .inLast(try parseDuration())
        case .between:
            advance()
            let recent = try parseDuration()
            try expect(.and)
            let old = try parseDuration()
            try expect(.ago)
            return .between(recent, old)
        case .more:
            advance()
            try expect(.than)
            let duration = try parseDuration()
            try expect(.ago)
            return .moreThanAgo(duration)
        case .since:
            advance()
            return .since(try parseDate())
        case .before:
            advance()
            return .before(try parseDate())
        case .ever:
            advance()
            return .ever
        default:
            return nil
        }
    }

    /// Whether `[NOT] FOLLOWED` comes next.
    var startsSequence: Bool { at(.followed) || (at(.not) && peek().keyword == .followed) }

    /// `[NOT] FOLLOWED BY event-name [filter] WITHIN duration`.
    mutating func parseSequence() throws(ParseFailure) -> EventSequence {
        let isNegated = consume(.not)
        try expect(.followed)
        try expect(.by)
        let event = try parseEventName()
        let filter = at(.where) ? try parseFilter() : nil
        try expect(.within)
        return EventSequence(isNegated: isNegated, event: event, filter: filter, within: try parseDuration())
    }

    /// `24h`, or a whole number and a unit word: `6 hours`.
    mutating func parseDuration() throws(ParseFailure) -> RuleDuration {
        switch current.kind {
        case .duration(let duration):
            advance()
            return duration
        case .number(_, let whole):
            // `min` is both a unit and a keyword (the aggregate), so any word may name the unit.
            guard case .word(let unit, _) = peek(), let perUnit = RuleDuration.unitMilliseconds(unit) else {
                let end = current.range.upperBound
                throw ParseFailure(
                    problem: .missingDurationUnit, tokenIndex: position + 1, range: SourceRange(end, end))
            }
            guard let whole else {
                throw failure(.lexical(.fractionalDuration(text(current.range.union(tokens[position + 1].range)))))
            }
            guard whole >= 0 else { throw failure(.expected(.duration)) }
            guard let duration = RuleDuration(count: whole, unitMilliseconds: perUnit) else {
                throw failure(.lexical(.numberTooLarge(text(current.range))))
            }
            advance()
            advance()
            return duration
        default:
            throw failure(.expected(.duration))
        }
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DDThh:mm[:ss]Z`.
    mutating func parseDate() throws(ParseFailure) -> RuleInstant {
        guard case .date(let milliseconds) = current.kind else { throw failure(.expected(.date)) }
        advance()
        return RuleInstant(milliseconds: milliseconds)
    }

    /// A whole number of zero or more, for counts.
    mutating func parseWholeNumber() throws(ParseFailure) -> Int64 {
        guard case .number(_, let whole?) = current.kind, whole >= 0 else { throw failure(.expected(.wholeNumber)) }
        advance()
        return whole
    }

    func isDate(_ kind: TokenKind) -> Bool {
        if case .date = kind { return true }
        return false
    }
}
