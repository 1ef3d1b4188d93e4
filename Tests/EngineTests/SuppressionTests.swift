@testable import Store
import Engine
import Testing

/// Suppression: members = rule minus the union of the suppression segments that apply, with each person
/// counted once in `suppressed` and once under each segment in `suppressed_by`.
@Suite struct SuppressionTests {
    static let now = Shop.now

    /// Five shoppers who added to cart; some bought, some refunded, some both; some have an email.
    static func shop() throws -> EngineHarness {
        var lines: [String] = []
        var id = 0
        func next() -> String {
            id += 1
            return "m\(id)"
        }
        for user in ["a", "b", "c", "d", "e"] {
            lines.append(Shop.track("Add to Cart", user: user, at: now - Shop.hour, id: next()))
        }
        lines.append(Shop.track("Order Completed", user: "b", at: now - 2 * Shop.day, id: next()))
        lines.append(Shop.track("Order Completed", user: "c", at: now - 3 * Shop.day, id: next()))
        lines.append(Shop.track("Refunded", user: "c", at: now - Shop.day, id: next()))
        lines.append(Shop.track("Order Refunded", user: "d", at: now - Shop.day, id: next()))
        lines.append(Shop.identify("a", at: now - Shop.day, traits: "{\"email\": \"a@example.com\"}", id: next()))
        lines.append(Shop.identify("b", at: now - Shop.day, traits: "{\"email\": \"b@example.com\"}", id: next()))
        lines.append(Shop.identify("e", at: now - Shop.day, traits: "{\"email\": \"\"}", id: next()))
        let files: [(name: String, text: String)] = [
            ("aliases.yml", "Purchased: [Order Completed, Purchase]\nRefunded: [Refunded, Order Refunded]\n"),
            ("carts.yml", "rule: Add to Cart in last 24h\npinterest: {audience: Carts}\n"),
            ("loyal.yml", "rule: Add to Cart\npinterest: {audience: Loyal}\nignore_suppression: [purchased_14d]\n"),
            ("everyone.yml", "rule: Add to Cart\npinterest: {audience: Everyone}\nignore_suppression: true\n"),
            ("purchased_14d.yml", "rule: Purchased in last 14d\nsuppression: true\n"),
            ("refunded.yml", "rule: Refunded in last 90d\nsuppression: true\n"),
        ]
        return try EngineHarness(lines: lines, files: files)
    }

    @Test func suppressionIsTakenOutFirstWithAttribution() throws {
        let harness = try Self.shop()
        let result = try harness.preview("carts")
        #expect(result.counts.count == 5)
        // c is in both suppression segments: once in `suppressed`, once under each name.
        #expect(result.counts.suppressed == 3)
        #expect(result.counts.suppressedBy == ["purchased_14d": 2, "refunded": 2])
        #expect(result.counts.members == 2)
        // a has an email, e's is empty.
        #expect(result.counts.matchable == 1)
        #expect(result.members == ["a", "b", "c", "d", "e"])
    }

    @Test func aBareRuleGetsEverySuppressionSegment() throws {
        let result = try Self.shop().preview("Add to Cart in last 24h")
        #expect(result.counts.suppressedBy == ["purchased_14d": 2, "refunded": 2])
        #expect(result.counts.suppressed == 3)
        #expect(result.segment == nil)
    }

    @Test func noSuppressSkipsIt() throws {
        let result = try Self.shop().preview("carts", suppress: false)
        #expect(result.counts == AudienceCounts(count: 5, suppressed: 0, suppressedBy: [:], matchable: 2))
    }

    @Test func aSuppressionSegmentIsNeverSuppressed() throws {
        let result = try Self.shop().preview("refunded")
        #expect(result.counts.count == 2)
        #expect(result.counts.suppressed == 0)
        #expect(result.counts.suppressedBy.isEmpty)
    }

    @Test func anAudienceCanOptOutOfSuppressionSegments() throws {
        let harness = try Self.shop()
        let loyal = try harness.preview("loyal")
        #expect(loyal.counts.suppressedBy == ["refunded": 2])
        #expect(loyal.counts.suppressed == 2)
        let everyone = try harness.preview("everyone")
        #expect(everyone.counts.suppressedBy.isEmpty)
        #expect(everyone.counts.suppressed == 0)
    }

    @Test func materialisedAudiencesServeTheSync() throws {
        let harness = try Self.shop()
        let evaluator = try SegmentEvaluator(store: harness.store, catalog: harness.catalog(), now: Self.now)
        var audiences = try evaluator.materialize([.segment("carts"), .segment("loyal")])
        #expect(audiences.map(\.segment) == ["carts", "loyal"])
        #expect(audiences.map(\.appliedSuppression) == [["purchased_14d", "refunded"], ["refunded"]])
        var members: [String] = []
        try evaluator.forEachMember(of: audiences[0]) { member in
            members.append("\(member.identifier) \(member.email ?? "-")")
        }
        #expect(members == ["a a@example.com", "e -"])
        var all: [String] = []
        try evaluator.forEachMember(of: audiences[0], includingSuppressed: true) { member in
            all.append("\(member.identifier)\(member.isSuppressed ? " suppressed" : "")")
        }
        #expect(all == ["a", "b suppressed", "c suppressed", "d suppressed", "e"])
        let attribution = try evaluator.suppressionAttribution(of: audiences[0])
        #expect(attribution.values.map { $0.joined(separator: "+") }.sorted()
            == ["purchased_14d", "purchased_14d+refunded", "refunded"])
        #expect(audiences[0].counts.members == members.count)
        // The count agrees with the store's own table of the second audience, read independently.
        do {
            let loyal = try #require(audiences[1].members as? SQLiteMemberSet)
            #expect(try harness.store.database.count(
                "SELECT count(*) FROM temp.\(loyal.table) t JOIN people p ON p.id = t.person_id WHERE t.suppressed = 0")
                == audiences[1].counts.members)
        }
        #expect(try evaluator.materializeSuppression() == ["purchased_14d": 2, "refunded": 2])
        // The store's temporary storage goes with the last value that holds it: the two member sets', then the
        // suppression sets' with the evaluator.
        let tables = "SELECT count(*) FROM temp.sqlite_schema WHERE type = 'table'"
        #expect(try harness.store.database.count(tables) == 3)
        audiences.removeAll()
        #expect(try harness.store.database.count(tables) == 1)
        withExtendedLifetime(evaluator) {}
    }

    @Test func twoEvaluatorsOnOneStoreKeepTheirOwnTables() throws {
        let harness = try Self.shop()
        let catalog = try harness.catalog()
        let first = try SegmentEvaluator(store: harness.store, catalog: catalog, now: Self.now)
        let second = try SegmentEvaluator(store: harness.store, catalog: catalog, now: Self.now - 30 * Shop.day)
        let now = try first.materialize(.segment("carts"))
        let before = try second.materialize(.segment("carts"))
        #expect((now.members as? SQLiteMemberSet)?.table != (before.members as? SQLiteMemberSet)?.table)
        #expect(try first.memberIdentifiers(of: now) == ["a", "b", "c", "d", "e"])
        #expect(try second.memberIdentifiers(of: before) == [])
        #expect(try first.materializeAudiences().map(\.segment) == ["carts", "everyone", "loyal"])
    }

    @Test func suppressionIsEvaluatedAtTheSameInstant() throws {
        let harness = try Self.shop()
        // 36 hours ago the purchases had happened, the refunds not yet.
        let result = try harness.preview("NOT Refunded", at: Self.now - 36 * Shop.hour)
        #expect(result.counts.count == 5)
        #expect(result.counts.suppressedBy == ["purchased_14d": 2, "refunded": 0])
        #expect(result.counts.suppressed == 2)
    }
}
