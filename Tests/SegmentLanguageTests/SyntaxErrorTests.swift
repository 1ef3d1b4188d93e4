import Testing

@testable import SegmentLanguage

/// Every syntax error form, rendered exactly as people see it.
@Suite struct SyntaxErrorTests {
    @Test func specExample() {
        #expect(
            syntaxError("Add to Cart between 6h and ago", name: "cart_abandoners_6_24h") == """
                error: expected a duration
                 --> cart_abandoners_6_24h:1:28
                1 | Add to Cart between 6h and ago
                  |                            ^ expected a duration such as 24h
                """)
    }

    @Test(arguments: [
        ("Signed In in last 7d", "Signed In", "in", 8),
        ("Signed In", "Signed In", "in", 8),
        ("Log In and Out", "Log In", "in", 5),
        ("Opt Out Of Emails", "Opt Out Of Emails", "of", 9),
        ("Arrived at Store", "Arrived at Store", "at", 9),
        ("X followed by Signed In within 1h", "Signed In", "in", 22),
        ("Purchased AND NOT Signed In in last 7d", "Signed In", "in", 26),
        ("In App Purchase in last 7d", "In App Purchase", "in", 1),
        ("count Purchased > 1", "count Purchased", "count", 1),
    ])
    func nameWithKeywordNeedsQuotes(_ text: String, name: String, keyword: String, column: Int) {
        let caret = String(repeating: " ", count: column - 1)
        #expect(
            syntaxError(text) == """
                error: "\(name)" needs quotes because "\(keyword)" is a keyword
                 --> rule:1:\(column)
                1 | \(text)
                  | \(caret)^ a keyword cannot be part of an unquoted name; quote the whole name
                """)
    }

    @Test(arguments: [
        ("Viewed 3D Model", "Viewed 3D Model", "3D", 8),
        ("Top 10 Products", "Top 10 Products", "10", 5),
        ("3D Model Viewed", "3D Model Viewed", "3D", 1),
    ])
    func nameWithDigitWordNeedsQuotes(_ text: String, name: String, word: String, column: Int) {
        let caret = String(repeating: " ", count: column - 1)
        #expect(
            syntaxError(text) == """
                error: "\(name)" needs quotes because "\(word)" starts with a digit
                 --> rule:1:\(column)
                1 | \(text)
                  | \(caret)^ a word starting with a digit cannot be part of an unquoted name; quote the whole name
                """)
    }

    /// The quoting advice is not given where the text reads as a typo or a missing word.
    @Test func noQuotingAdviceForTypos() {
        #expect(
            syntaxError("Purchased in lst 7d") == """
                error: expected LAST or THE
                 --> rule:1:14
                1 | Purchased in lst 7d
                  |              ^ expected LAST or THE
                """)
        #expect(
            syntaxError("Add to Cart 3 times") == """
                error: expected "+"
                 --> rule:1:15
                1 | Add to Cart 3 times
                  |               ^ expected "+" as in 3+ times
                """)
        #expect(
            syntaxError("Opened Email Where Clicked") == """
                error: expected a comparison
                 --> rule:1:27
                1 | Opened Email Where Clicked
                  |                           ^ expected =, !=, >, >=, <, <=, IS, IN, NOT IN, CONTAINS or NOT CONTAINS
                """)
        #expect(
            syntaxError("AND X") == """
                error: expected a condition
                 --> rule:1:1
                1 | AND X
                  | ^ expected an event, an attribute test, IN SEGMENT or "("
                """)
    }

    @Test(arguments: [
        ("", 1, "expected a condition", #"expected an event, an attribute test, IN SEGMENT or "(""#),
        ("   # only a comment", 1, "expected a condition", #"expected an event, an attribute test, IN SEGMENT or "(""#),
        ("Purchased )", 11, "expected AND, OR or the end of the rule", "expected AND, OR or the end of the rule"),
        ("(A OR B", 8, #"expected AND, OR or ")""#, #"expected AND, OR or ")""#),
        ("X at least 1.5 times", 12, "expected a whole number", "expected a whole number such as 3"),
        ("X at 3 times", 6, "expected LEAST or MOST", "expected LEAST or MOST"),
        ("ltv =", 6, "expected a value", #"expected a number, $amount, "string", true, false or a date"#),
        ("ltv = abc", 7, "expected a value", #"expected a number, $amount, "string", true, false or a date"#),
        ("sum(value) of Purchased 300", 25, "expected a comparison", "expected =, !=, >, >=, < or <="),
        ("sum(value) X > 1", 12, "expected OF", "expected OF"),
        ("count of X >= many", 15, "expected a number", "expected a number such as 300 or $300"),
        ("tags contains 5", 15, "expected a string", #"expected a double-quoted string such as "gold""#),
        ("in segment 5", 12, "expected a segment name", "expected a segment name such as vip_manual"),
        ("X where = 1", 9, "expected a property name", "expected a property name such as value or currency"),
        ("ltv in (1, 2", 13, #"expected "," or ")""#, #"expected "," or ")""#),
        ("X followed by Y", 16, "expected WITHIN", "expected WITHIN"),
        ("X since yesterday", 9, "expected a date", "expected a date such as 2024-05-01 or 2024-05-01T09:30Z"),
        (
            "x before soon", 10, "expected a date or a duration",
            "expected a date such as 2024-05-01, or a duration and AGO such as 30d ago"
        ),
        ("X between 6 and 24h ago", 12, "expected a unit", "expected a unit such as h or days (24h, 6 hours)"),
        (
            "X where (a = 1 or b)", 20, "expected a comparison",
            "expected =, !=, >, >=, <, <=, IS, IN, NOT IN, CONTAINS or NOT CONTAINS"
        ),
        ("X where (a = 1", 15, #"expected AND, OR or ")" in the filter"#, #"expected AND, OR or ")" in the filter"#),
        ("ltv not in 1", 12, #"expected "(""#, #"expected "(""#),
        (
            "sum value) of X > 1", 1, #""sum value" needs quotes because "sum" is a keyword"#,
            "a keyword cannot be part of an unquoted name; quote the whole name"
        ),
        ("avg(value of X > 1", 11, #"expected ")""#, #"expected ")""#),
        ("ltv is maybe", 8, "expected SET", "expected SET"),
        ("X in last 7d followed", 22, "expected BY", "expected BY"),
        (
            "Add to Cart in last 7d where price > 100", 24, "a where filter goes before the window",
            "an event condition reads: name, where filter, count, window, followed by "
                + "(Add to Cart where price > 100 at least 2 times in last 7d)"
        ),
        (
            "Purchased more than 90d ago where value > 5", 29, "a where filter goes before the window",
            "an event condition reads: name, where filter, count, window, followed by "
                + "(Add to Cart where price > 100 at least 2 times in last 7d)"
        ),
        (
            "X ever at least 2 times", 8, "a count goes before the window",
            "an event condition reads: name, where filter, count, window, followed by "
                + "(Add to Cart where price > 100 at least 2 times in last 7d)"
        ),
        (
            "X since 2024-05-01 3+ times", 20, "a count goes before the window",
            "an event condition reads: name, where filter, count, window, followed by "
                + "(Add to Cart where price > 100 at least 2 times in last 7d)"
        ),
        (
            "X in last 7d exactly 2 times", 14, "a count goes before the window",
            "an event condition reads: name, where filter, count, window, followed by "
                + "(Add to Cart where price > 100 at least 2 times in last 7d)"
        ),
    ])
    func expectedForms(_ text: String, column: Int, message: String, label: String) {
        let caret = String(repeating: " ", count: column - 1)
        #expect(
            syntaxError(text) == """
                error: \(message)
                 --> rule:1:\(column)
                1 | \(text)
                  | \(caret)^ \(label)
                """)
    }

    @Test(arguments: [
        (#""open"#, 1, "unterminated string", "this string has no closing quote on its line"),
        (#"x = "a\qb""#, 7, #"invalid escape "\q" in a string"#, #"only \" and \\ are escapes"#),
        ("name = 'bob'", 8, #"unexpected character "'""#, "strings use double quotes"),
        (
            "Purchased; DROP TABLE people", 10, #"unexpected character ";""#,
            "not part of the rule language; quote names that contain it"
        ),
        ("ltv ! 3", 5, #"unexpected character "!""#, "not part of the rule language; quote names that contain it"),
        (
            "X since 2024-02-30", 9, #""2024-02-30" is not a valid date"#,
            "expected a date such as 2024-05-01 or 2024-05-01T09:30Z"
        ),
        (
            "X in last 1.5h", 11, #""1.5h" is not a whole duration"#,
            "a duration is a whole number of a unit, such as 90m"
        ),
        (
            "X in last 1.5 hours", 11, #""1.5 hours" is not a whole duration"#,
            "a duration is a whole number of a unit, such as 90m"
        ),
        ("X in last 99999999999999999w", 11, #""99999999999999999w" is too large"#, "use a smaller number"),
        (#""" in last 7d"#, 1, "a name cannot be empty", "write the name between the quotes"),
        ("a..b = 1", 1, #""a..b" is not a valid name"#, "names are letters, digits and _, with dots between the parts"),
        (
            "Order Total is not set", 1, #""Order Total" is not an attribute name"#,
            "an attribute name is one word; quote an event name and use count of or sum(...)"
        ),
        (
            "Order Total > 5", 1, #""Order Total" is not an attribute name"#,
            "an attribute name is one word; quote an event name and use count of or sum(...)"
        ),
    ])
    func otherForms(_ text: String, column: Int, message: String, label: String) {
        let caret = String(repeating: " ", count: column - 1)
        #expect(
            syntaxError(text) == """
                error: \(message)
                 --> rule:1:\(column)
                1 | \(text)
                  | \(caret)^ \(label)
                """)
    }

    @Test func multiLineRulePointsAtTheRightLine() {
        #expect(
            syntaxError("Purchased in last 7d AND\nNOT Refunded in\n  last", name: "lapsed") == """
                error: expected a duration
                 --> lapsed:3:7
                3 |   last
                  |       ^ expected a duration such as 24h
                """)
        #expect(
            syntaxError("Purchased\r\n  in last\r\n  7 hourz") == """
                error: expected a unit
                 --> rule:3:4
                3 |   7 hourz
                  |    ^ expected a unit such as h or days (24h, 6 hours)
                """)
    }

    @Test func wideLineNumbersWidenTheGutter() {
        let text = String(repeating: "Purchased OR # line\n", count: 11) + "Purchased in last 7 hourz"
        #expect(
            syntaxError(text) == """
                error: expected a unit
                  --> rule:12:20
                12 | Purchased in last 7 hourz
                   |                    ^ expected a unit such as h or days (24h, 6 hours)
                """)
    }

    @Test func tabsAndWideCharactersKeepTheCaretAligned() {
        #expect(
            syntaxError("\tX\tin last 7x") == """
                error: expected a duration
                 --> rule:1:12
                1 | \tX\tin last 7x
                  | \t \t        ^ expected a duration such as 24h
                """)
        #expect(
            syntaxError("Café Visité in last 3 jours") == """
                error: expected a unit
                 --> rule:1:22
                1 | Café Visité in last 3 jours
                  |                      ^ expected a unit such as h or days (24h, 6 hours)
                """)
    }

    @Test func errorValueCarriesPositionAndDescription() throws {
        let error = try #require(throws: RuleSyntaxError.self) { try Rule.parse("LTV >", name: "vip") }
        #expect(error.range == SourceRange(5, 5))
        #expect(error.location == RuleLocation(of: 5, in: "LTV >"))
        #expect(error.location.line == 1 && error.location.column == 6)
        #expect(error.message == "expected a value")
        #expect(error.description == "vip:1:6: expected a value")
        #expect(error.problem == .expected(.value))
    }
}
