/// Splits rule text into tokens.
///
/// White space and line breaks separate tokens; `#` starts a comment that runs to the end of the line.
/// Keywords are recognised in any letter case. Text that cannot be read becomes an ``TokenKind/invalid(_:)``
/// token rather than an error, so that the parser reports the first problem in reading order.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    /// `offsets[i]` is the UTF-8 offset of `scalars[i]`; one extra entry holds the source's length.
    private let offsets: [Int]
    private var index = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.offsets = offsets
    }

    /// All tokens of `source`, ending with one ``TokenKind/end`` token.
    static func tokenize(_ source: String) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        var lastEnd: Int?
        while true {
            let token = lexer.next(lastEnd: lastEnd)
            tokens.append(token)
            if token.kind == .end { return tokens }
            lastEnd = token.range.upperBound
        }
    }

    /// The next token. `lastEnd` is where the previous token ended, if any, which places the end token.
    private mutating func next(lastEnd: Int?) -> Token {
        skipSpaceAndComments()
        guard let scalar = peek() else { return endToken(lastEnd: lastEnd) }
        let start = index
        switch scalar {
        case "\"":
            return lexString()
        case "(", ")", ",", "+", "=":
            index += 1
            return token(.symbol(Symbol(rawValue: String(scalar)) ?? .comma), from: start)
        case "!", "<", ">":
            index += 1
            if peek() == "=" {
                index += 1
                let symbol: Symbol = scalar == "!" ? .notEqual : scalar == "<" ? .lessOrEqual : .greaterOrEqual
                return token(.symbol(symbol), from: start)
            }
            if scalar == "!" { return token(.invalid(.unexpectedCharacter("!")), from: start) }
            return token(.symbol(scalar == "<" ? .less : .greater), from: start)
        case "$", "€", "£":
            index += 1
            guard let digit = peek(), digit.isASCIIDigit else {
                return token(.invalid(.unexpectedCharacter(String(scalar))), from: start)
            }
            let (value, _) = lexDecimal()
            return token(.money(value), from: start)
        case "-" where peek(at: 1)?.isASCIIDigit == true:
            index += 1
            let (value, whole) = lexDecimal()
            if let next = peek(), next.isWordContinuation {
                skipWord()
                return token(.invalid(.unexpectedCharacter("-")), from: start)
            }
            return token(.number(-value, whole: whole.map { -$0 }), from: start)
        default:
            if scalar.isASCIIDigit { return lexNumeric() }
            if scalar.isWordStart { return lexWord() }
            index += 1
            return token(.invalid(.unexpectedCharacter(String(scalar))), from: start)
        }
    }

    // MARK: - Words and numbers

    private mutating func lexWord() -> Token {
        let start = index
        skipWord()
        let text = text(from: start)
        return token(.word(text, keyword: Keyword(word: text)), from: start)
    }

    /// A number, a duration with its unit glued on (`24h`), a date, or a word starting with a digit.
    private mutating func lexNumeric() -> Token {
        let start = index
        if looksLikeDate() {
            while let scalar = peek(), scalar.isDateCharacter { index += 1 }
            let text = text(from: start)
            guard let milliseconds = ISO8601.parse(text.utf8) else {
                return token(.invalid(.invalidDate(text)), from: start)
            }
            return token(.date(milliseconds), from: start)
        }
        let (value, whole) = lexDecimal()
        guard let next = peek(), next.isWordContinuation else {
            return token(.number(value, whole: whole), from: start)
        }
        let unitStart = index
        while let scalar = peek(), scalar.isWordStart, scalar != "_" { index += 1 }
        let unit = text(from: unitStart)
        if peek()?.isWordContinuation != true, let perUnit = RuleDuration.unitMilliseconds(unit) {
            guard let whole else { return token(.invalid(.fractionalDuration(text(from: start))), from: start) }
            guard let duration = RuleDuration(count: whole, unitMilliseconds: perUnit) else {
                return token(.invalid(.numberTooLarge(text(from: start))), from: start)
            }
            return token(.duration(duration), from: start)
        }
        skipWord()
        return token(.digitWord(text(from: start)), from: start)
    }

    /// Digits with an optional fraction; `whole` is set when there is no fraction and the value fits.
    private mutating func lexDecimal() -> (value: Double, whole: Int64?) {
        let start = index
        while let scalar = peek(), scalar.isASCIIDigit { index += 1 }
        var isWhole = true
        if peek() == ".", peek(at: 1)?.isASCIIDigit == true {
            isWhole = false
            index += 1
            while let scalar = peek(), scalar.isASCIIDigit { index += 1 }
        }
        let text = text(from: start)
        return (Double(text) ?? 0, isWhole ? Int64(text) : nil)
    }

    /// Whether the input at `index` starts like `YYYY-M`.
    private func looksLikeDate() -> Bool {
        (0..<4).allSatisfy { peek(at: $0)?.isASCIIDigit == true } && peek(at: 4) == "-"
            && peek(at: 5)?.isASCIIDigit == true
    }

    private mutating func skipWord() {
        while let scalar = peek(), scalar.isWordContinuation { index += 1 }
    }

    // MARK: - Strings

    /// A double-quoted string with `\"` and `\\` escapes, on one line.
    private mutating func lexString() -> Token {
        let start = index
        index += 1
        var value = String.UnicodeScalarView()
        var badEscape: (start: Int, text: String)?
        while let scalar = peek(), scalar != "\n", scalar != "\r" {
            index += 1
            switch scalar {
            case "\"":
                if let badEscape {
                    return Token(
                        kind: .invalid(.invalidEscape(badEscape.text)),
                        range: range(badEscape.start, badEscape.start + 2))
                }
                return token(.string(String(value)), from: start)
            case "\\":
                guard let escaped = peek(), escaped != "\n", escaped != "\r" else { continue }
                index += 1
                if escaped == "\"" || escaped == "\\" {
                    value.append(escaped)
                } else if badEscape == nil {
                    badEscape = (index - 2, "\\" + String(escaped))
                }
            default:
                value.append(scalar)
            }
        }
        return token(.invalid(.unterminatedString), from: start)
    }

    // MARK: - Cursor

    private func peek(at distance: Int = 0) -> Unicode.Scalar? {
        index + distance < scalars.count ? scalars[index + distance] : nil
    }

    private mutating func skipSpaceAndComments() {
        while let scalar = peek() {
            if scalar == "#" {
                while let next = peek(), next != "\n" { index += 1 }
            } else if scalar.properties.isWhitespace {
                index += 1
            } else {
                return
            }
        }
    }

    private func text(from start: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<index])
        return String(view)
    }

    private func range(_ start: Int, _ end: Int) -> SourceRange { SourceRange(offsets[start], offsets[end]) }

    private func token(_ kind: TokenKind, from start: Int) -> Token {
        Token(kind: kind, range: range(start, index))
    }

    /// The end token sits just after the last token, or one space further when a space follows it,
    /// so that a caret for "expected ..." lands where the missing text would go.
    private func endToken(lastEnd: Int?) -> Token {
        guard let lastEnd else { return Token(kind: .end, range: .none) }
        guard let lastIndex = offsets.firstIndex(of: lastEnd) else { return Token(kind: .end, range: .none) }
        let next = lastIndex < scalars.count ? scalars[lastIndex] : nil
        let position = next == " " || next == "\t" ? lastEnd + 1 : lastEnd
        return Token(kind: .end, range: SourceRange(position, position))
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }

    /// A letter or `_`: what a bare word starts with.
    var isWordStart: Bool { self == "_" || properties.isAlphabetic }

    /// Letters, digits, marks, `_` and `.`: what a bare word continues with.
    var isWordContinuation: Bool {
        if isWordStart || isASCIIDigit || self == "." { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber: return true
        default: return false
        }
    }

    /// Characters a date or date-time is written with, read greedily before the date is checked.
    var isDateCharacter: Bool {
        isASCIIDigit || self == "-" || self == ":" || self == "." || self == "+" || self == "T"
            || self == "t" || self == "Z" || self == "z"
    }
}
