@testable import Engine
import Foundation
import PinterestStandIn
import SegsyncTesting
import Testing

@Suite("Conversions: repeated Add to Cart collapsed within the window")
struct ConversionsCollapseTests {
    static let minute: Int64 = 60_000
    static let window = 30 * minute

    static func cart(_ id: Int64, at minutes: Double, person: Int64 = 1, product: String? = "sku-1")
        -> ConversionCartEvent
    {
        ConversionCartEvent(id: id, personID: person, product: product, timestamp: Int64(minutes * 60_000))
    }

    @Test("10:00 kept, 10:20 collapsed into it, 10:31 kept, 10:45 collapsed into 10:31")
    func chain() {
        let plan = CartCollapsePlan(
            candidates: [Self.cart(4, at: 45), Self.cart(1, at: 0), Self.cart(3, at: 31), Self.cart(2, at: 20)],
            kept: [], window: Self.window
        )
        #expect(plan.keptEvent(for: 1) == nil)
        #expect(plan.keptEvent(for: 2) == 1)
        #expect(plan.keptEvent(for: 3) == nil)
        #expect(plan.keptEvent(for: 4) == 3)
    }

    @Test("the window's edges: just inside is collapsed, exactly the window after is kept")
    func edges() {
        let plan = CartCollapsePlan(
            candidates: [
                ConversionCartEvent(id: 1, personID: 1, product: "p", timestamp: 0),
                ConversionCartEvent(id: 2, personID: 1, product: "p", timestamp: Self.window - 1),
                ConversionCartEvent(id: 3, personID: 1, product: "q", timestamp: 0),
                ConversionCartEvent(id: 4, personID: 1, product: "q", timestamp: Self.window),
                ConversionCartEvent(id: 5, personID: 1, product: "r", timestamp: 1000),
                ConversionCartEvent(id: 6, personID: 1, product: "r", timestamp: 1000),
            ],
            kept: [], window: Self.window
        )
        #expect(plan.keptEvent(for: 2) == 1)
        #expect(plan.keptEvent(for: 4) == nil)
        #expect(plan.keptEvent(for: 6) == 5)
        #expect(plan.keptEvent(for: 5) == nil)
    }

    @Test("other products, other people and events without a product are never collapsed together")
    func keys() {
        let plan = CartCollapsePlan(
            candidates: [
                Self.cart(1, at: 0), Self.cart(2, at: 1, product: "sku-2"), Self.cart(3, at: 2, person: 2),
                Self.cart(4, at: 3, product: nil), Self.cart(5, at: 4, product: nil), Self.cart(6, at: 5, product: ""),
            ],
            kept: [], window: Self.window
        )
        #expect((1...6).allSatisfy { plan.keptEvent(for: $0) == nil })
    }

    @Test("events kept by earlier runs take part: a repeat after one, and a late arrival before one")
    func anchors() {
        let plan = CartCollapsePlan(
            candidates: [Self.cart(10, at: 100), Self.cart(11, at: 195), Self.cart(12, at: 300)],
            kept: [Self.cart(1, at: 90), Self.cart(2, at: 200), Self.cart(3, at: 100, person: 9)],
            window: Self.window
        )
        #expect(plan.keptEvent(for: 10) == 1)
        #expect(plan.keptEvent(for: 11) == 2)
        #expect(plan.keptEvent(for: 12) == nil)
    }

    @Test("through the store: repeats collapsed and recorded, a later run collapses into the event it kept")
    func acrossRuns() async throws {
        let test = try TestStore()
        let start = Message.millis(ago: 4 * 3600)
        try test.ingest(
            conversionsIdentify("u1", email: "a@example.com"),
            Message.track("Add to Cart", user: "u1", atMillis: start, id: "c1", properties: Message.cartProperties()),
            Message.track("Product Added", user: "u1", atMillis: start + 10 * Self.minute, id: "c2",
                          properties: Message.cartProperties()),
            Message.track("Add to Cart", user: "u1", atMillis: start + 29 * Self.minute, id: "c3",
                          properties: Message.cartProperties()),
            Message.track("Add to Cart", user: "u1", atMillis: start + 10 * Self.minute, id: "other",
                          properties: Message.cartProperties(productID: "sku-2"))
        )
        try await withConversionsStandIn { standIn in
            let first = try await sendConversions(test.store, to: standIn)
            #expect(first.collapsed == 2)
            #expect(first.sent == 2)
            let sent = await sentConversionEvents(standIn).compactMap { $0["event_id"] as? String }
            #expect(sent.sorted() == ["c1", "other"])
            let into = try test.strings(
                """
                SELECT e.message_id || '>' || kept.message_id FROM conversion_events AS c
                JOIN events AS e ON e.id = c.event_id JOIN events AS kept ON kept.id = c.collapsed_into
                ORDER BY e.message_id
                """
            )
            #expect(into == ["c2>c1", "c3>c1"])

            try test.ingest(
                Message.track("Add to Cart", user: "u1", atMillis: start + 20 * Self.minute, id: "c4",
                              properties: Message.cartProperties()),
                Message.track("Add to Cart", user: "u1", atMillis: start + 30 * Self.minute, id: "c5",
                              properties: Message.cartProperties())
            )
            let second = try await sendConversions(test.store, to: standIn)
            #expect(second.collapsed == 1)
            #expect(second.sent == 1)
            #expect(await sentConversionEvents(standIn).last?["event_id"] as? String == "c5")
        }
    }

    @Test("the window comes from the configuration")
    func configuredWindow() async throws {
        let test = try TestStore()
        let start = Message.millis(ago: 3600)
        try test.ingest(
            conversionsIdentify("u1", email: "a@example.com"),
            Message.track("Add to Cart", user: "u1", atMillis: start, id: "c1", properties: Message.cartProperties()),
            Message.track("Add to Cart", user: "u1", atMillis: start + 5 * Self.minute, id: "c2",
                          properties: Message.cartProperties())
        )
        #expect(try await sendConversions(test.store, to: nil).collapsed == 1)
        let narrow = try ConversionsConfiguration(yaml: "cart_window: 5m")
        #expect(try await sendConversions(test.store, to: nil, configuration: narrow).collapsed == 0)
    }
}
