import Testing

@testable import SegmentLanguage

@Suite struct ParserGrammarTests {
    // MARK: Boolean structure

    @Test func precedenceAndBindsTighterThanOr() throws {
        #expect(try parsed("A OR B AND C") == .or([AST.event("A"), .and([AST.event("B"), AST.event("C")])]))
        #expect(try parsed("(A OR B) AND C") == .and([.or([AST.event("A"), AST.event("B")]), AST.event("C")]))
        #expect(try parsed("A AND B AND C") == .and([AST.event("A"), AST.event("B"), AST.event("C")]))
    }

    @Test func notNestsAndBindsTightest() throws {
        #expect(try parsed("NOT NOT A") == .not(.not(AST.event("A"))))
        #expect(try parsed("NOT A AND B") == .and([.not(AST.event("A")), AST.event("B")]))
        #expect(try parsed("NOT (A OR B)") == .not(.or([AST.event("A"), AST.event("B")])))
        #expect(try parsed("((A))") == AST.event("A"))
    }

    @Test(arguments: ["a and b or not c", "a AND b OR NOT c", "a And b oR nOt c", "a AnD b Or NoT c"])
    func keywordsAreCaseInsensitive(_ text: String) throws {
        #expect(try parsed(text) == .or([.and([AST.event("a"), AST.event("b")]), .not(AST.event("c"))]))
    }

    @Test func commentsAndLineBreaks() throws {
        let text = """
            # carts abandoned 6 to 24 hours ago
            Add to Cart between 6h and 24h ago   # the window
            AND NOT
              Purchased in last 24h
            """
        #expect(
            try parsed(text)
                == .and([
                    AST.event("Add to Cart", .between(AST.hours(6), AST.hours(24))),
                    .not(AST.event("Purchased", .inLast(AST.hours(24)))),
                ]))
    }

    @Test func bareNamesJoinWordsWithOneSpace() throws {
        #expect(try parsed("Add   to\n Cart") == AST.event("Add to Cart"))
    }

    // MARK: Windows

    @Test(arguments: [
        ("X", EventWindow.ever), ("X ever", .ever), ("X in last 24h", .inLast(AST.hours(24))),
        ("X in the last 6 hours", .inLast(AST.hours(6))), ("X IN THE LAST 14 days", .inLast(AST.days(14))),
        ("X between 30 min and 2w ago", .between(AST.minutes(30), AST.weeks(2))),
        ("\"X\" more than 1 week ago", .moreThanAgo(AST.weeks(1))),
        ("X since 2024-05-01", .since(AST.date(2024, 5, 1))),
        ("X since 2024-05-01T09:30Z", .since(RuleInstant(milliseconds: 1_714_555_800_000))),
        ("\"X\" before 2024-05-01T09:30:15Z", .before(RuleInstant(milliseconds: 1_714_555_815_000))),
        ("\"X\" more than 2d ago", .moreThanAgo(AST.days(2))),
    ])
    func windows(_ text: String, window: EventWindow) throws {
        #expect(try parsed(text) == AST.event("X", window))
    }

    // MARK: Counts

    @Test(arguments: [
        ("X at least 3 times", EventCount.atLeast(3)), ("X 3+ times", .atLeast(3)), ("X 3 + times", .atLeast(3)),
        ("X at most 2 times", .atMost(2)), ("X exactly 0 times", .exactly(0)), ("X EXACTLY 1 TIMES", .exactly(1)),
    ])
    func counts(_ text: String, count: EventCount) throws {
        #expect(try parsed(text) == AST.event("X", count: count))
    }

    @Test func countWithWindowAndFilter() throws {
        #expect(
            try parsed("Purchased where value > 50 at least 2 times in last 30d")
                == AST.event(
                    "Purchased", where: AST.property("value", .compare(.greater, .number(50))), count: .atLeast(2),
                    .inLast(AST.days(30))))
    }

    // MARK: Filters

    @Test func filterForms() throws {
        #expect(
            try parsed(#"Purchased where currency = "USD""#)
                == AST.event("Purchased", where: AST.property("currency", .compare(.equal, .string("USD")))))
        #expect(
            try parsed(#"Purchased where (a = 1 and b is set or c not in ("x", 2) and d not contains "z")"#)
                == AST.event(
                    "Purchased",
                    where: .or([
                        .and([AST.property("a", .compare(.equal, .number(1))), AST.property("b", .isSet)]),
                        .and([
                            AST.property("c", .isNotIn([.string("x"), .number(2)])),
                            AST.property("d", .notContains("z")),
                        ]),
                    ])))
        #expect(
            try parsed(#"Viewed where products.0.id in ("p1") and plan = "gold""#)
                == .and([
                    AST.event("Viewed", where: AST.property("products.0.id", .isIn([.string("p1")]))),
                    AST.attribute("plan", .compare(.equal, .string("gold"))),
                ]))
        #expect(
            try parsed("X where (coupon is not set)") == AST.event("X", where: AST.property("coupon", .isNotSet)))
    }

    // MARK: Sequences

    @Test func sequences() throws {
        #expect(
            try parsed("Checkout Started followed by Purchased where value >= 10 within 6 hours")
                == AST.event(
                    "Checkout Started",
                    sequence: EventSequence(
                        event: "Purchased", filter: AST.property("value", .compare(.greaterOrEqual, .number(10))),
                        within: AST.hours(6))))
        #expect(
            try parsed(#"X 2+ times in last 7d NOT FOLLOWED BY "Signed In" within 1d"#)
                == AST.event(
                    "X", count: .atLeast(2), .inLast(AST.days(7)),
                    sequence: EventSequence(isNegated: true, event: "Signed In", within: AST.days(1))))
        #expect(
            try parsed("Purchased more than 30d ago followed by Refunded within 30d")
                == AST.event(
                    "Purchased", .moreThanAgo(AST.days(30)),
                    sequence: EventSequence(event: "Refunded", within: AST.days(30))))
    }

    // MARK: Aggregates

    @Test(arguments: [
        ("sum(value) of Purchased > 300", Aggregate.sum("value"), ComparisonOperator.greater, 300.0),
        ("avg(value) of Purchased >= $50", .average("value"), .greaterOrEqual, 50),
        ("MIN(total) of Purchased < 1", .minimum("total"), .less, 1),
        ("max(items.0.price) of Purchased <= 9.99", .maximum("items.0.price"), .lessOrEqual, 9.99),
        ("count of Purchased = 0", .count, .equal, 0),
        ("COUNT OF Purchased != -1", .count, .notEqual, -1),
    ])
    func aggregates(_ text: String, aggregate: Aggregate, comparison: ComparisonOperator, number: Double) throws {
        #expect(try parsed(text) == AST.aggregate(aggregate, of: "Purchased", comparison, number))
    }

    @Test func aggregateWithFilterAndWindow() throws {
        #expect(
            try parsed(#"count of "Order Refunded" where reason = "damaged" in last 90d >= 2"#)
                == AST.aggregate(
                    .count, of: "Order Refunded", where: AST.property("reason", .compare(.equal, .string("damaged"))),
                    in: .inLast(AST.days(90)), .greaterOrEqual, 2))
    }

    // MARK: Attributes

    @Test(arguments: [
        ("ltv = 300", ValueTest.compare(.equal, .number(300))),
        ("ltv != \"x\"", .compare(.notEqual, .string("x"))),
        ("ltv > -1.5", .compare(.greater, .number(-1.5))),
        ("ltv >= €20", .compare(.greaterOrEqual, .number(20))),
        ("ltv < £5", .compare(.less, .number(5))),
        ("ltv <= 2024-01-01", .compare(.lessOrEqual, .instant(AST.date(2024, 1, 1)))),
        ("ltv = true", .compare(.equal, .boolean(true))),
        ("ltv = FALSE", .compare(.equal, .boolean(false))),
        ("ltv is set", .isSet),
        ("ltv IS NOT SET", .isNotSet),
        (
            "ltv in (1, \"a\", true, 2024-01-01)",
            .isIn([.number(1), .string("a"), .boolean(true), .instant(AST.date(2024, 1, 1))])
        ),
        ("ltv not in (\"a\")", .isNotIn([.string("a")])),
        ("ltv contains \"v\"", .contains("v")),
        ("ltv not contains \"v\"", .notContains("v")),
    ])
    func attributeValueTests(_ text: String, test: ValueTest) throws {
        #expect(try parsed(text) == AST.attribute("ltv", test))
    }

    @Test(arguments: [
        ("seen_at before 30d ago", AttributeTest.before(.ago(AST.days(30)))),
        ("seen_at after 2024-01-01T10:00Z", .after(.instant(RuleInstant(milliseconds: 1_704_103_200_000)))),
        ("seen_at after 2 weeks ago", .after(.ago(AST.weeks(2)))),
        ("seen_at less than 7d ago", .lessThanAgo(AST.days(7))),
    ])
    func attributeTimeTests(_ text: String, test: AttributeTest) throws {
        #expect(try parsed(text) == AST.attribute("seen_at", test))
    }

    @Test func undecidedWords() throws {
        #expect(
            try parsed("Purchased before 2024-01-01") == AST.undecided("Purchased", .before(AST.date(2024, 1, 1))))
        #expect(try parsed("Purchased more than 2 days ago") == AST.undecided("Purchased", .moreThanAgo(AST.days(2))))
        #expect(try parsed("\"Purchased\" more than 2 days ago") == AST.event("Purchased", .moreThanAgo(AST.days(2))))
        #expect(
            try parsed("Order Completed more than 2d ago") == AST.event("Order Completed", .moreThanAgo(AST.days(2))))
    }

    // MARK: Segments

    @Test func segmentReferences() throws {
        #expect(try parsed("in segment vip_manual") == AST.segment("vip_manual"))
        #expect(try parsed("IN SEGMENT \"cart-abandoners 6-24h\"") == AST.segment("cart-abandoners 6-24h"))
        #expect(try parsed("NOT in segment churned") == .not(AST.segment("churned")))
    }

    // MARK: Ranges

    @Test func rangesPointIntoTheSource() throws {
        let rule = try Rule.parse("Add to Cart between 6h and 24h ago AND LTV > $300")
        guard case .and(let operands) = rule.condition, case .event(let event) = operands[0],
            case .attribute(let attribute) = operands[1]
        else {
            Issue.record("unexpected tree \(rule.condition)")
            return
        }
        #expect(event.event.range == SourceRange(0, 11))
        #expect(event.windowRange == SourceRange(12, 34))
        #expect(event.range == SourceRange(0, 34))
        #expect(attribute.attribute.range == SourceRange(39, 42))
        #expect(attribute.range == SourceRange(39, 49))
    }

    @Test func references() throws {
        let rule = try Rule.parse(
            "(A followed by B within 1h OR count of C > 1 OR in segment s) AND ltv > 1 "
                + "AND Purchased before 2024-01-01 AND A AND in segment s"
        )
        #expect(
            rule.references
                == {
                    var references = RuleReferences()
                    references.segments = ["s"]
                    references.events = ["A", "B", "C"]
                    references.attributes = ["ltv"]
                    references.eventsOrAttributes = ["Purchased"]
                    return references
                }())
        #expect(
            ResolvedRule(resolving: rule, knownEvents: ["Purchased"]).references.events == ["A", "B", "C", "Purchased"])
        #expect(ResolvedRule(resolving: rule, knownEvents: []).references.attributes == ["ltv", "Purchased"])
    }
}
