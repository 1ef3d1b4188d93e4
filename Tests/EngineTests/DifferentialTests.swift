import SegsyncTesting
import Engine
@testable import SegmentLanguage
import Testing

/// Random rules over random stores: the Engine (real ingest, compiled SQL, TEMP tables) and the reference
/// evaluator (the AST interpreted over the fixture in Swift) agree exactly.
@Suite struct DifferentialTests {
    static let now = Shop.now
    static let aliases = ["Purchased": ["Order Completed", "Purchase"]]
    static let segmentTexts = [
        "vip": "ltv > 100", "seg_2": "\"Add to Cart\" in last 30d", "with space": "NOT Purchased", "in": "plan is set",
    ]

    static func randomFixture(_ random: inout SplitMix64) -> Fixture {
        func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
        var fixture = Fixture()
        fixture.people = Array(1...8)
        fixture.deleted = [8]
        let names = [
            "Purchased", "Order Completed", "Purchase", "Add to Cart", "Signed In", "Checkout Started", "a\\b",
            "say \"hi\"",
        ]
        for _ in 0..<(20 + below(40)) {
            let offset: Int64 =
                below(3) == 0
                ? -Int64(below(2_000)) * 3_600_000 : -Int64(below(200_000)) * 60_000 + Int64(below(3)) * 60_000
            let properties: JSON = .object(
                [
                    ("currency", pick([JSON.string("US"), .string("gold"), .null, .number(3)])),
                    ("price", pick([JSON.number(2.5), .string("300"), .bool(true), .string("abc")])),
                    (
                        "items",
                        .array([
                            .object([
                                ("id", pick([JSON.string("gold"), .string("a\"b")])),
                                ("price", pick([JSON.number(4), .number(0.5)])),
                            ])
                        ])
                    ),
                ]
                .filter { _ in below(4) > 0 })
            fixture.events.append(
                .init(
                    person: Int64(1 + below(8)), name: pick(names), ts: now + offset,
                    value: pick([nil, 0.5, 10, 250, 600]), properties: properties))
        }
        let values: [JSON?] = [
            .number(150), .string("300"), .string("gold"), .bool(true), .bool(false), nil, .null,
            .array([.string("US"), .string("x\\y")]), .string("2024-03-01T00:00:00Z"), .number(1_700_000_000),
            .object([("country", .string("US"))]), .string("US"),
        ]
        for person in fixture.people {
            for key in ["ltv", "plan", "address", "tags", "seen_at"] where below(3) > 0 {
                fixture.attributes.append(
                    .init(person: person, key: key == "plan" ? pick(["plan", "Plan"]) : key, value: pick(values)))
            }
        }
        return fixture
    }

    @Test func engineAgreesWithTheReferenceEvaluator() throws {
        var random = SplitMix64(seed: 42)
        var rules = RandomRules(seed: 99)
        var compared = 0
        var nonTrivial = 0
        var split = 0
        for _ in 0..<8 {
            let fixture = Self.randomFixture(&random)
            let harness = try EngineHarness(fixture, segments: Self.segmentTexts, aliases: Self.aliases)
            let catalog = try harness.catalog()
            #expect(!catalog.hasErrors, "\(catalog.issues.errors)")
            let evaluator = try SegmentEvaluator(store: harness.store, catalog: catalog, now: Self.now)
            var segments: [String: Condition] = [:]
            for name in catalog.names { segments[name] = catalog.resolvedRule(named: name)?.condition }
            let reference = ReferenceEvaluator(
                fixture: fixture, now: Self.now, aliases: Self.aliases, segments: segments)
            for index in 0..<120 {
                // Every fifth rule is deep enough to be split into common table expressions.
                var condition = rules.condition(depth: 2)
                if index % 5 == 0 {
                    for level in 0..<6 {
                        let other = rules.condition(depth: 1)
                        condition = level % 2 == 0 ? .not(.or([other, condition])) : .and([condition, other])
                    }
                }
                let rule = ResolvedRule(
                    resolving: Rule(name: "r", condition: condition), knownEvents: catalog.vocabulary.events,
                    aliases: Self.aliases)
                if try evaluator.compile(rule).sql.hasPrefix("WITH") { split += 1 }
                let audience = try evaluator.materialize(.rule(rule), suppress: false)
                let fromEngine = Set(try evaluator.memberIdentifiers(of: audience))
                let expected = Set(reference.members(rule.condition).map(Fixture.userId))
                #expect(fromEngine == expected, "\(condition.ruleText)")
                compared += 1
                if !expected.isEmpty && expected.count < fixture.live.count { nonTrivial += 1 }
            }
        }
        #expect(compared == 960)
        #expect(nonTrivial > 200)
        #expect(split > 10)
    }
}
