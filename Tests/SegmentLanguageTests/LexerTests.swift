import Testing

@testable import SegmentLanguage

@Suite struct LexerTests {
    private func kinds(_ source: String) -> [TokenKind] {
        Lexer.tokenize(source).map(\.kind).dropLast()
    }

    @Test(arguments: ["and", "AND", "And", "aNd"])
    func keywordsAnyCase(_ word: String) {
        #expect(kinds(word) == [.word(word, keyword: .and)])
    }

    @Test func everyKeyword() {
        let list = """
            after ago and at avg before between by contains count ever exactly false followed in is last least less \
            max min more most not of or segment set since sum than the times true where within
            """
        let keywords = kinds(list).compactMap(\.keyword)
        #expect(keywords == Keyword.allCases)
    }

    @Test func wordsAndNames() {
        #expect(
            kinds("Checkout Started address.country _x café")
                == [
                    .word("Checkout", keyword: nil), .word("Started", keyword: nil),
                    .word("address.country", keyword: nil), .word("_x", keyword: nil), .word("café", keyword: nil),
                ])
    }

    @Test func comments() {
        #expect(
            kinds("Purchased # bought something\n# a whole line\nin last 7d #end")
                == [
                    .word("Purchased", keyword: nil), .word("in", keyword: .in), .word("last", keyword: .last),
                    .duration(AST.days(7)),
                ])
    }

    @Test func strings() {
        #expect(kinds(#""Signed In""#) == [.string("Signed In")])
        #expect(kinds(#""say \"hi\" \\ done""#) == [.string(#"say "hi" \ done"#)])
        #expect(kinds(##""# not a comment""##) == [.string("# not a comment")])
        #expect(kinds(#""""#) == [.string("")])
    }

    @Test func stringProblems() {
        #expect(kinds(#""open"#) == [.invalid(.unterminatedString)])
        #expect(kinds("\"line\nbreak\"").first == .invalid(.unterminatedString))
        #expect(kinds(#""bad \n escape""#) == [.invalid(.invalidEscape(#"\n"#))])
        let token = Lexer.tokenize(#"x = "ab\tc""#)[2]
        #expect(token.range == SourceRange(7, 9))
    }

    @Test(arguments: [("$300", 300.0), ("€20", 20.0), ("£5.50", 5.5), ("$0.99", 0.99)])
    func money(_ text: String, amount: Double) {
        #expect(kinds(text) == [.money(amount)])
    }

    @Test func numbers() {
        #expect(
            kinds("300 1.5 -2 -0.25") == [
                .number(300, whole: 300), .number(1.5, whole: nil), .number(-2, whole: -2), .number(-0.25, whole: nil),
            ])
        #expect(kinds("3+") == [.number(3, whole: 3), .symbol(.plus)])
    }

    @Test(arguments: [
        ("24h", AST.hours(24)), ("14days", AST.days(14)), ("2w", AST.weeks(2)), ("30m", AST.minutes(30)),
        ("30min", AST.minutes(30)), ("3D", AST.days(3)), ("1hr", AST.hours(1)), ("2wk", AST.weeks(2)),
    ])
    func gluedDurations(_ text: String, duration: RuleDuration) {
        #expect(kinds(text) == [.duration(duration)])
    }

    @Test func durationsWithSpaceAreTwoTokens() {
        #expect(kinds("6 hours") == [.number(6, whole: 6), .word("hours", keyword: nil)])
    }

    @Test func digitWords() {
        #expect(kinds("3rd 4k 1e3") == [.digitWord("3rd"), .digitWord("4k"), .digitWord("1e3")])
        #expect(kinds("1.5h") == [.invalid(.fractionalDuration("1.5h"))])
        #expect(kinds("99999999999999999w") == [.invalid(.numberTooLarge("99999999999999999w"))])
    }

    @Test func dates() {
        #expect(kinds("2024-05-01") == [.date(AST.date(2024, 5, 1).milliseconds)])
        #expect(kinds("2024-05-01T09:30Z") == [.date(1_714_555_800_000)])
        #expect(kinds("2024-05-01T09:30:15Z") == [.date(1_714_555_815_000)])
        #expect(kinds("(2024-05-01, 2024-05-02)").count == 5)
        #expect(kinds("2024-02-30") == [.invalid(.invalidDate("2024-02-30"))])
        #expect(kinds("2024-05-01T09:30") == [.invalid(.invalidDate("2024-05-01T09:30"))])
    }

    @Test func symbols() {
        #expect(
            kinds("( ) , + = != > >= < <=")
                == [
                    .leftParen, .rightParen, .comma, .plus, .equal, .notEqual, .greater, .greaterOrEqual, .less,
                    .lessOrEqual,
                ].map { .symbol($0) })
        #expect(kinds("a>=1") == [.word("a", keyword: nil), .symbol(.greaterOrEqual), .number(1, whole: 1)])
    }

    @Test(arguments: ["!", "'", ";", "*", "/", "$", "-", "@", "[", "`"])
    func unexpectedCharacters(_ text: String) {
        #expect(kinds(text) == [.invalid(.unexpectedCharacter(text))])
    }

    @Test func rangesAreUTF8Offsets() {
        let tokens = Lexer.tokenize("café = \"é\"")
        #expect(tokens.map(\.range) == [SourceRange(0, 5), SourceRange(6, 7), SourceRange(8, 12), SourceRange(12, 12)])
    }

    @Test func endTokenSitsAfterTheLastTokenAndOneSpace() {
        #expect(Lexer.tokenize("a and ").last?.range == SourceRange(6, 6))
        #expect(Lexer.tokenize("a and").last?.range == SourceRange(5, 5))
        #expect(Lexer.tokenize("").last?.range == SourceRange(0, 0))
        #expect(Lexer.tokenize("a # comment").last?.range == SourceRange(2, 2))
    }
}
