import Testing

@testable import SegmentLanguage

/// Every example rule of segment-language.md and architecture.md parses to the tree it means.
@Suite struct ParserExampleTests {
    @Test func checkoutStartedAndNotPurchased() throws {
        #expect(
            try parsed("Checkout Started in last 24h AND NOT Purchased")
                == .and([AST.event("Checkout Started", .inLast(AST.hours(24))), .not(AST.event("Purchased"))]))
    }

    @Test func lifetimeValue() throws {
        #expect(try parsed("LTV > $300") == AST.attribute("LTV", .compare(.greater, .number(300))))
    }

    @Test func cartAbandonersSixToTwentyFourHours() throws {
        #expect(
            try parsed("Add to Cart between 6h and 24h ago AND NOT Purchased in last 24h")
                == .and([
                    AST.event("Add to Cart", .between(AST.hours(6), AST.hours(24))),
                    .not(AST.event("Purchased", .inLast(AST.hours(24)))),
                ]))
    }

    @Test func notFollowedBy() throws {
        let sequence = EventSequence(isNegated: true, event: "Purchased", within: AST.hours(6))
        #expect(
            try parsed("Checkout Started in last 24h not followed by Purchased within 6h")
                == AST.event("Checkout Started", .inLast(AST.hours(24)), sequence: sequence))
    }

    @Test func lapsedBuyers() throws {
        #expect(
            try parsed("Purchased more than 90d ago AND NOT Purchased in last 90d")
                == .and([
                    AST.undecided("Purchased", .moreThanAgo(AST.days(90))),
                    .not(AST.event("Purchased", .inLast(AST.days(90)))),
                ]))
    }

    @Test func sumOrSegment() throws {
        #expect(
            try parsed("sum(value) of Purchased in last 365d > 300 OR in segment vip_manual")
                == .or([
                    AST.aggregate(.sum("value"), of: "Purchased", in: .inLast(AST.days(365)), .greater, 300),
                    AST.segment("vip_manual"),
                ]))
    }

    @Test func attributeMoreThanAgo() throws {
        #expect(
            try parsed("last_order_at more than 90d ago")
                == AST.undecided("last_order_at", .moreThanAgo(AST.days(90))))
    }

    @Test func suppressionSegments() throws {
        #expect(try parsed("Purchased in last 14d") == AST.event("Purchased", .inLast(AST.days(14))))
        #expect(try parsed("Refunded") == AST.event("Refunded"))
    }

    @Test func notSince() throws {
        #expect(
            try parsed("Checkout Started in last 24h AND NOT Purchased in last 24h")
                == .and([
                    AST.event("Checkout Started", .inLast(AST.hours(24))),
                    .not(AST.event("Purchased", .inLast(AST.hours(24)))),
                ]))
    }

    @Test func countEndsTheName() throws {
        #expect(try parsed("Add to Cart 3+ times") == AST.event("Add to Cart", count: .atLeast(3)))
    }

    @Test func quotedSignedIn() throws {
        #expect(try parsed(#""Signed In" in last 7d"#) == AST.event("Signed In", .inLast(AST.days(7))))
    }

    @Test func ltvCaseInsensitiveAndNested() throws {
        #expect(
            try parsed("address.country = \"US\"") == AST.attribute("address.country", .compare(.equal, .string("US"))))
    }
}
