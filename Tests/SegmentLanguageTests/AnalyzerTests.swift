import Testing

@testable import SegmentLanguage

@Suite struct AnalyzerTests {
    private let events: Set<String> = ["Purchased", "Order Completed", "Checkout Started", "Add to Cart", "Refunded"]
    private let attributes: Set<String> = ["ltv", "Plan", "address", "last_order_at"]
    private let aliases = ["Purchased": ["Order Completed", "Purchase"], "Returned": ["Order Returned"]]

    private func diagnostics(_ text: String, name: String = "rule") throws -> [RuleDiagnostic] {
        try Rule.parse(text, name: name)
            .analyze(knownEvents: events, knownAttributes: attributes, aliases: aliases).diagnostics
    }

    private func messages(_ text: String, name: String = "rule") throws -> [String] {
        try diagnostics(text, name: name).map(\.description)
    }

    @Test func knownNamesGiveNoDiagnostics() throws {
        #expect(
            try messages(
                "Checkout Started in last 24h AND NOT Purchased AND LTV > $300 AND plan is set "
                    + "AND address.country = \"US\""
            ).isEmpty)
    }

    @Test func unknownEventWithSuggestion() throws {
        let found = try diagnostics("Purchsed in last 7d")
        #expect(found.map(\.description) == [#"warning: unknown event "Purchsed"; did you mean "Purchased"?"#])
        #expect(found.first?.id.rawValue == "unknown-event")
        #expect(found.first?.range == SourceRange(0, 8))
    }

    @Test(arguments: [
        ("purchased", #"warning: unknown event "purchased"; did you mean "Purchased"?"#),
        ("Add to Kart", #"warning: unknown event "Add to Kart"; did you mean "Add to Cart"?"#),
        (
            "Checkout Startd followed by Refunded within 1h",
            #"warning: unknown event "Checkout Startd"; did you mean "Checkout Started"?"#
        ),
        ("Wishlisted", #"warning: unknown event "Wishlisted""#),
        ("count of Refundd > 1", #"warning: unknown event "Refundd"; did you mean "Refunded"?"#),
        ("Purchased followed by Refundd within 1d", #"warning: unknown event "Refundd"; did you mean "Refunded"?"#),
        ("Returnd", #"warning: unknown event "Returnd"; did you mean "Returned"?"#),
    ])
    func unknownEvents(_ text: String, message: String) throws {
        #expect(try messages(text) == [message])
    }

    @Test func severalSuggestionsAtTheSameDistance() throws {
        let found = try Rule.parse("Pay").analyze(knownEvents: ["Pan", "Paid", "Pat", "Day"], knownAttributes: [])
        #expect(found.diagnostics.map(\.message) == [#"unknown event "Pay"; did you mean "Day", "Pan" or "Pat"?"#])
    }

    @Test func unknownAttributes() throws {
        #expect(try messages("ltvv > 3") == [#"warning: unknown attribute "ltvv"; did you mean "ltv"?"#])
        #expect(
            try messages("adress.country = \"US\"") == [
                #"warning: unknown attribute "adress.country"; did you mean "address.country"?"#
            ])
        #expect(try messages("shoe_size = 9") == [#"warning: unknown attribute "shoe_size""#])
        #expect(try messages("PLAN = \"gold\" AND Ltv > 1").isEmpty)
    }

    @Test func aliasesAreKnownEvents() throws {
        #expect(try messages("Purchased in last 7d").isEmpty)
        #expect(
            try messages("Returned") == [
                #"warning: no event that "Returned" stands for has been seen yet (Order Returned)"#
            ])
        let empty = try Rule.parse("Gone").analyze(knownEvents: [], knownAttributes: [], aliases: ["Gone": []])
        #expect(empty.diagnostics.map(\.description) == [#"warning: "Gone" stands for no event names in the aliases"#])
    }

    @Test func eventOrAttributeIsDecidedByTheKnownNames() throws {
        let rule = try Rule.parse(
            "Purchased more than 90d ago AND last_order_at more than 90d ago AND Returned before 2024-01-01")
        let analysis = rule.analyze(knownEvents: events, knownAttributes: attributes, aliases: aliases)
        #expect(
            analysis.diagnostics.map(\.description) == [
                #"warning: no event that "Returned" stands for has been seen yet (Order Returned)"#
            ])
        #expect(
            analysis.rule.condition.normalizingRanges()
                == .and([
                    AST.event("Purchased", .moreThanAgo(AST.days(90))),
                    AST.attribute("last_order_at", .moreThanAgo(AST.days(90))),
                    AST.event("Returned", .before(AST.date(2024, 1, 1))),
                ]))
        let unknown = try messages("Purchsed more than 90d ago")
        #expect(
            unknown == [
                #"warning: unknown event or attribute "Purchsed", read as an attribute; did you mean "Purchased"?"#
            ])
    }

    @Test func reversedOrEmptyBetweenIsAnError() throws {
        let found = try diagnostics("Add to Cart between 24h and 6h ago")
        #expect(
            found.map(\.description) == [
                #"error: "between 24h and 6h ago" is empty: the first duration must be the shorter one"#
            ])
        #expect(found.first?.id.rawValue == "empty-between")
        #expect(found.first?.range == SourceRange(12, 34))
        #expect(
            try messages("sum(value) of Purchased between 1d and 1 day ago > 3") == [
                #"error: "between 1d and 1 day ago" is empty: the first duration must be the shorter one"#
            ])
        #expect(try messages("Add to Cart between 6h and 24h ago").isEmpty)
    }

    @Test func analysisReportsErrorsFirst() throws {
        let analysis = try Rule.parse("Purchsed OR Add to Cart between 2d and 1d ago")
            .analyze(knownEvents: events, knownAttributes: attributes)
        #expect(analysis.hasErrors)
        #expect(analysis.diagnostics.map(\.severity) == [.error, .warning])
    }

    @Test(arguments: [
        (
            "count of Refunded < 0",
            #"warning: "count of Refunded < 0" is never true: a count is a whole number of 0 or more"#
        ),
        (
            "count of Refunded >= 0",
            #"warning: "count of Refunded >= 0" is always true: a count is a whole number of 0 or more"#
        ),
        (
            "count of Refunded > -1",
            #"warning: "count of Refunded > -1" is always true: a count is a whole number of 0 or more"#
        ),
        (
            "count of Refunded = 1.5",
            #"warning: "count of Refunded = 1.5" is never true: a count is a whole number of 0 or more"#
        ),
        (
            "count of Refunded != -2",
            #"warning: "count of Refunded != -2" is always true: a count is a whole number of 0 or more"#
        ),
        (
            "count of Refunded <= -1",
            #"warning: "count of Refunded <= -1" is never true: a count is a whole number of 0 or more"#
        ),
        (
            "Refunded at least 0 times",
            #"warning: "Refunded at least 0 times" is always true: a count is a whole number of 0 or more"#
        ),
    ])
    func constantCounts(_ text: String, message: String) throws {
        #expect(try messages(text) == [message])
    }

    @Test(arguments: [
        "count of Refunded < 1", "count of Refunded = 0", "count of Refunded > 0", "Refunded at most 0 times",
        "Refunded exactly 0 times", "sum(value) of Purchased < 0",
    ])
    func countsThatVary(_ text: String) throws {
        #expect(try messages(text).isEmpty)
    }

    @Test func emptyWindows() throws {
        #expect(
            try messages("Purchased in last 0m") == [#"warning: "in last 0m" holds no time, so no event falls in it"#])
        #expect(
            try messages("Purchased followed by Refunded within 0 hours") == [
                #"warning: "within 0m" leaves no time for the following event"#
            ])
    }

    @Test func booleanOrderingIsAnError() throws {
        #expect(try messages("ltv > true") == ["error: true and false can only be compared with = or !="])
        #expect(
            try messages("Purchased where gift <= false") == ["error: true and false can only be compared with = or !="]
        )
        #expect(try messages("ltv = true").isEmpty)
    }

    @Test func selfReferenceIsAnError() throws {
        #expect(try messages("in segment vip OR LTV > 1", name: "vip") == [#"error: segment "vip" refers to itself"#])
        #expect(try messages("in segment other", name: "vip").isEmpty)
    }

    @Test func eachMessageOnce() throws {
        #expect(try messages("Purchsed OR Purchsed in last 7d OR NOT Purchsed").count == 1)
    }

    @Test func renderedWarning() throws {
        let rule = try Rule.parse("Checkout Started in last 24h\nAND NOT Purchsed", name: "checkout_abandoners")
        let analysis = rule.analyze(knownEvents: events, knownAttributes: attributes)
        #expect(
            analysis.diagnostics.map { $0.rendered(source: rule.source, name: rule.name) } == [
                """
                warning: unknown event "Purchsed"; did you mean "Purchased"?
                 --> checkout_abandoners:2:9
                2 | AND NOT Purchsed
                  |         ^ the store has no such event yet
                """
            ])
    }

    @Test func suggestionsIgnoreFarAndLongNames() {
        #expect(Suggestions.closest(to: "abc", among: ["xyz", "abd"]) == ["abd"])
        #expect(Suggestions.closest(to: String(repeating: "a", count: 100_000), among: ["a", "b"]).isEmpty)
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
        #expect(Suggestions.editDistance("", "abc") == 3)
        #expect(Suggestions.editDistance("ABC", "abc") == 0)
    }
}
