import Engine
import Testing

/// Attribute type rules, attribute time windows, `where` filters and aliases, as the meaning table says,
/// on attributes and events that went through real ingest; each answer checked against the reference.
@Suite struct AttributeAndFilterTests {
    typealias Case = MeaningTableTests.Case
    static let now = Shop.now
    static let day = Shop.day

    @Test func attributeTypeRules() throws {
        var fixture = Fixture()
        fixture.people = Array(1...9)
        let values: [JSON?] = [
            .number(300), .string("300"), .string("gold"), .bool(true), .array([.string("vip"), .number(1)]),
            nil, .string("2024-04-01T00:00:00Z"), .number(1_711_929_600), .object([("country", .string("US"))]),
        ]
        for (index, value) in values.enumerated() {
            fixture.attributes.append(.init(person: Int64(index + 1), key: index == 0 ? "LTV" : "ltv", value: value))
        }
        let test = try Case(fixture)
        #expect(try test.members("ltv = 300") == [1, 2])
        #expect(try test.members("LTV > $299.5") == [1, 2, 8])
        #expect(try test.members("ltv = \"300\"") == [2])
        #expect(try test.members("ltv != 300") == [3, 4, 5, 7, 8, 9])
        #expect(try test.members("ltv != \"gold\"") == [1, 2, 4, 5, 7, 8, 9])
        #expect(try test.members("ltv > \"a\"") == [3])
        #expect(try test.members("ltv = true") == [4])
        #expect(try test.members("ltv != true") == [1, 2, 3, 5, 7, 8, 9])
        #expect(try test.members("ltv in (300, \"gold\")") == [1, 2, 3])
        #expect(try test.members("ltv not in (300, \"gold\")") == [4, 5, 7, 8, 9])
        #expect(try test.members("ltv contains \"ol\"") == [3])
        #expect(try test.members("ltv contains \"vip\"") == [5])
        #expect(try test.members("ltv not contains \"vip\"") == [1, 2, 3, 4, 7, 8, 9])
        #expect(try test.members("ltv is set") == [1, 2, 3, 4, 5, 7, 8, 9])
        #expect(try test.members("ltv is not set") == [6])
        #expect(try test.members("ltv.country = \"US\"") == [9])
        #expect(try test.members("ltv.country is not set") == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(try test.members("ltv more than 20d ago") == [1, 7, 8])  // "300" is no instant
        #expect(try test.members("ltv less than 40d ago") == [7, 8])
        #expect(try test.members("ltv before 2024-04-01") == [1])
        #expect(try test.members("ltv after 31d ago") == [7, 8])
        #expect(try test.members("ltv = 2024-04-01") == [7, 8])
    }

    @Test func attributeTimeWindowEdges() throws {
        var fixture = Fixture()
        fixture.people = [1, 2, 3]
        let edge = Self.now - 90 * Self.day
        for (person, instant) in [(1, edge), (2, edge + 1000), (3, edge - 1000)] {
            fixture.attributes.append(
                .init(person: Int64(person), key: "last_order_at", value: .string(Timestamp.format(instant))))
        }
        let test = try Case(fixture)
        #expect(try test.members("last_order_at more than 90d ago") == [1, 3])
        #expect(try test.members("last_order_at less than 90d ago") == [2])
        #expect(try test.members("last_order_at before 90d ago") == [3])
        #expect(try test.members("last_order_at after 90d ago") == [2])
        #expect(try test.members("last_order_at before 2024-02-01T00:00:00Z") == [3])  // the edge itself is not before
        #expect(try test.members("last_order_at after 2024-01-31T23:59:59Z") == [1, 2])
    }

    @Test func eventPropertyFilters() throws {
        var fixture = Fixture()
        fixture.people = [1, 2, 3, 4]
        let properties: [JSON] = [
            .object([
                ("currency", .string("USD")),
                ("items", .array([.object([("id", .string("p1")), ("price", .string("9.5"))])])),
            ]),
            .object([("currency", .string("EUR")), ("gift", .bool(true))]),
            .object([("currency", .null), ("tags", .array([.string("sale")]))]),
            .object([]),
        ]
        for (index, value) in properties.enumerated() {
            fixture.events.append(
                .init(person: Int64(index + 1), name: "X", ts: Self.now - 1, value: Double(index * 10),
                      properties: value))
        }
        let test = try Case(fixture)
        #expect(try test.members("X where currency = \"USD\"") == [1])
        #expect(try test.members("X where currency != \"USD\"") == [2])
        #expect(try test.members("X where currency is not set") == [3, 4])
        #expect(try test.members("X where items.0.id = \"p1\"") == [1])
        #expect(try test.members("X where items.0.price > 9") == [1])
        #expect(try test.members("X where gift = true") == [2])
        #expect(try test.members("X where tags contains \"sale\"") == [3])
        #expect(try test.members("X where value >= 20") == [3, 4])
        #expect(try test.members("X where (currency = \"USD\" or value = 30 and currency is not set)") == [1, 4])
        #expect(try test.members("sum(items.0.price) of X > 9") == [1])
        #expect(try test.members("X where currency in (\"USD\", \"EUR\") in last 1h") == [1, 2])
    }

    /// `value` is the `value` property, else `revenue`, else `total`, as the shop sent it.
    @Test func valueFallsBackToRevenueThenTotal() throws {
        let lines = [
            Shop.track("Order Completed", user: "a", at: Self.now - 1, properties: "{\"value\": 10, \"revenue\": 99}",
                       id: "m1"),
            Shop.track("Order Completed", user: "b", at: Self.now - 1, properties: "{\"revenue\": \"20\"}", id: "m2"),
            Shop.track("Order Completed", user: "c", at: Self.now - 1, properties: "{\"total\": 30}", id: "m3"),
        ]
        let harness = try EngineHarness(lines: lines)
        #expect(try harness.identifiers("\"Order Completed\" where value >= 20") == ["b", "c"])
        #expect(try harness.identifiers("sum(value) of \"Order Completed\" = 10") == ["a"])
    }

    @Test func aliases() throws {
        var fixture = Fixture()
        fixture.people = [1, 2, 3, 4]
        fixture.events = [
            .init(person: 1, name: "Order Completed", ts: Self.now - 1, value: nil),
            .init(person: 2, name: "Purchase", ts: Self.now - 1, value: nil),
            .init(person: 3, name: "Purchased", ts: Self.now - 1, value: nil),  // the canonical name, not listed
            .init(person: 4, name: "Refunded", ts: Self.now - 1, value: nil),
        ]
        let aliases = ["Purchased": ["Order Completed", "Purchase"], "Refunded": ["Refunded", "Order Refunded"]]
        let harness = try EngineHarness(fixture, aliases: aliases)
        func members(_ text: String) throws -> Set<Int64> {
            try harness.agreedMembers(text, fixture: fixture, aliases: aliases)
        }
        #expect(try members("Purchased") == [1, 2])
        #expect(try members("\"Purchased\"") == [1, 2])
        #expect(try members("\"Order Completed\"") == [1])
        #expect(try members("Refunded") == [4])
        #expect(try members("count of Purchased in last 1h = 1") == [1, 2])
        // A bare word before MORE THAN ... AGO is an event when the aliases declare it, even unseen.
        #expect(try members("Purchased more than 0m ago") == [1, 2])
    }
}
