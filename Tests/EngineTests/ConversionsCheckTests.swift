import Engine
import Foundation
import Pinterest
import PinterestStandIn
import SegsyncTesting
import Testing

@Suite("Conversions: the checks before sending")
struct ConversionsCheckTests {
    @Test("an event older than the accepted age is skipped as too_old, for good; the age is configurable")
    func tooOld() async throws {
        let test = try TestStore()
        let now = Store.wallClockMillis()
        try test.ingest(
            conversionsIdentify("u1", email: "a@example.com", ago: 30 * 86_400),
            Message.track("Product Viewed", user: "u1", atMillis: now - 8 * 86_400_000, id: "eight-days"),
            Message.track("Product Viewed", user: "u1", atMillis: now - 6 * 86_400_000, id: "six-days")
        )
        let dry = try await sendConversions(test.store, to: nil)
        #expect(dry.skipped(.tooOld) == 1)
        #expect(dry.batched == 1)
        #expect(dry.issues.map(\.reason) == ["too_old"])
        var longer = ConversionsConfiguration.standard
        longer.maxAge = .seconds(10 * 86_400)
        #expect(try await sendConversions(test.store, to: nil, configuration: longer).batched == 2)

        try await withConversionsStandIn({ $0.maxEventAge = .seconds(10 * 86_400) }) { standIn in
            let report = try await sendConversions(test.store, to: standIn)
            #expect(report.skipped(.tooOld) == 1)
            #expect(report.sent == 1)
            #expect(try conversionRows(test)["eight-days"]?.status == "skipped")
            #expect(try conversionRows(test)["eight-days"]?.reason == "too_old")
            let again = try await sendConversions(test.store, to: standIn, configuration: longer)
            #expect(again.considered == 0)
        }
    }

    @Test(
        "unmatchable without email, mobile ad id, or IP with user agent; matchable with any of them",
        arguments: [
            (nil, Message.webContext(ip: nil, userAgent: nil, url: nil), false),
            (nil, Message.webContext(ip: "203.0.113.9", userAgent: nil), false),
            (nil, Message.webContext(ip: nil, userAgent: "Mozilla/5.0"), false),
            (nil, Message.webContext(ip: "203.0.113.9", userAgent: "Mozilla/5.0"), true),
            ("a@example.com", Message.webContext(ip: nil, userAgent: nil), true),
            (nil, #"{"device": {"type": "ios", "advertisingId": "6D92078A-8246-4BA4-AE5B-76104861E7DC"}}"#, true),
            (nil, #"{"device": {"type": "ios", "advertisingId": "00000000-0000-0000-0000-000000000000"}}"#, false),
        ] as [(String?, String, Bool)]
    )
    func matchability(email: String?, context: String, matchable: Bool) async throws {
        let test = try TestStore()
        try test.ingest(
            conversionsIdentify("u1", email: email, phone: "+44 20 7946 0958"),
            Message.track("Product Viewed", user: "u1", atMillis: Message.millis(ago: 60), id: "view", context: context)
        )
        let report = try await sendConversions(test.store, to: nil)
        #expect(report.skipped(.unmatchable) == (matchable ? 0 : 1))
        #expect(report.batched == (matchable ? 1 : 0))
    }

    @Test("an unmatchable event is held, and sent by a later run once the person has an email")
    func heldUntilIdentified() async throws {
        let test = try TestStore()
        let context = Message.webContext(ip: nil, userAgent: nil)
        try test.ingest(
            Message.track("Add to Cart", anonymous: "anon-1", atMillis: Message.millis(ago: 600), id: "cart",
                          properties: Message.cartProperties(), context: context)
        )
        try await withConversionsStandIn { standIn in
            let first = try await sendConversions(test.store, to: standIn)
            #expect(first.skipped(.unmatchable) == 1)
            #expect(first.issues.first?.status == "held")
            #expect(try conversionRows(test)["cart"]?.status == "held")
            #expect(await standIn.requests().isEmpty)

            try test.ingest(Message.identify(user: "u1", anonymous: "anon-1", atMillis: Message.millis(ago: 300),
                                             traits: "{\"email\": \"late@example.com\"}"))
            let second = try await sendConversions(test.store, to: standIn)
            #expect(second.reconsidered == 1)
            #expect(second.processed == 1)
            #expect(try conversionRows(test)["cart"]?.status == "processed")
            let user = await sentConversionEvents(standIn).first?["user_data"] as? [String: Any]
            #expect(user?["em"] as? [String] == [PinterestHashing.sha256Hex("late@example.com")])
        }
    }

    @Test(
        "a purchase without order_id, value or currency is held as incomplete_purchase",
        arguments: [
            Message.orderProperties(orderID: nil), Message.orderProperties(value: nil),
            Message.orderProperties(currency: nil), Message.orderProperties(currency: "US Dollars"),
        ]
    )
    func incompletePurchase(properties: String) async throws {
        let test = try TestStore()
        try test.ingest(
            conversionsIdentify("u1", email: "a@example.com"),
            Message.track("Order Completed", user: "u1", atMillis: Message.millis(ago: 60), id: "order",
                          properties: properties),
            Message.track("Checkout Started", user: "u1", atMillis: Message.millis(ago: 90), id: "checkout",
                          properties: properties)
        )
        let held = try await sendConversions(test.store, to: nil)
        #expect(held.skipped(.incompletePurchase) == 1)
        #expect(held.batched == 1)
        #expect(held.issues.map(\.messageID) == ["order"])
        let allowed = try await sendConversions(test.store, to: nil, options: .init(allowIncompletePurchases: true))
        #expect(allowed.skipped(.incompletePurchase) == 0)
        #expect(allowed.batched == 2)
        #expect(allowed.warnings == [.incompletePurchase: 1])
    }

    @Test("a held purchase goes with a later --allow-incomplete-purchases run, with the check as its warning")
    func heldPurchaseReleased() async throws {
        let test = try TestStore()
        try test.ingest(
            conversionsIdentify("u1", email: "a@example.com"),
            Message.track("Purchase", user: "u1", atMillis: Message.millis(ago: 60), id: "purchase",
                          properties: Message.orderProperties(currency: nil))
        )
        try await withConversionsStandIn { standIn in
            #expect(try await sendConversions(test.store, to: standIn).skipped(.incompletePurchase) == 1)
            #expect(try await sendConversions(test.store, to: standIn).reconsidered == 1)
            let released = try await sendConversions(
                test.store, to: standIn, options: .init(allowIncompletePurchases: true)
            )
            #expect(released.processed == 1)
            let custom = await sentConversionEvents(standIn).first?["custom_data"] as? [String: Any]
            #expect(custom?["currency"] == nil)
            #expect(custom?["value"] as? String == "72.39")
            #expect(try test.strings("SELECT warning FROM conversion_events") == ["incomplete_purchase"])
            #expect(try await sendConversions(test.store, to: standIn).considered == 0)
        }
    }

    @Test("events not in the map are not sent; a file's map sends them")
    func unmappedEvents() async throws {
        let test = try TestStore()
        try test.ingest(
            conversionsIdentify("u1", email: "a@example.com"),
            Message.track("Lead Captured", user: "u1", atMillis: Message.millis(ago: 60), id: "lead"),
            Message.track("page", user: "u1", atMillis: Message.millis(ago: 60), id: "page")
        )
        #expect(try await sendConversions(test.store, to: nil).considered == 0)
        let configuration = try ConversionsConfiguration(yaml: "events:\n  Lead Captured: lead\n")
        try await withConversionsStandIn { standIn in
            let report = try await sendConversions(test.store, to: standIn, configuration: configuration)
            #expect(report.processed == 1)
            #expect(await sentConversionEvents(standIn).first?["event_name"] as? String == "lead")
        }
    }
}
