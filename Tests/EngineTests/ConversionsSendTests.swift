@testable import Engine
import Foundation
import Pinterest
import PinterestStandIn
import SegsyncTesting
import Testing

@Suite("Conversions: sending through HTTP to the stand-in")
struct ConversionsSendTests {
    /// A buyer with email and phone, a cart, a checkout and an order, one hour ago.
    static func shopper(_ test: TestStore, user: String = "u1", email: String = "Test@Gmail.com ") throws {
        let at = Message.millis(ago: 3600)
        try test.ingest(
            conversionsIdentify(user, email: email, phone: "+1 (415) 555-0132"),
            Message.track("Add to Cart", user: user, atMillis: at, id: "\(user)-cart",
                          properties: Message.cartProperties()),
            Message.track("Checkout Started", user: user, atMillis: at + 60_000, id: "\(user)-checkout",
                          properties: Message.orderProperties(orderID: "ord-\(user)")),
            Message.track("Order Completed", user: user, atMillis: at + 120_000, id: "\(user)-order",
                          properties: Message.orderProperties(orderID: "ord-\(user)")),
            Message.track("Signed Up", user: user, atMillis: at, id: "\(user)-unmapped")
        )
    }

    @Test("the request carries the spec's fields: seconds, hashes, strings for money, ids, no other key")
    func requestShape() async throws {
        let test = try TestStore()
        try Self.shopper(test)
        try await withConversionsStandIn { standIn in
            let report = try await sendConversions(test.store, to: standIn)
            #expect(report.considered == 3)
            #expect(report.sent == 3)
            #expect(report.processed == 3)
            #expect(report.requests == 1)
            let events = await sentConversionEvents(standIn)
            #expect(events.map { $0["event_name"] as? String } == ["add_to_cart", "initiate_checkout", "checkout"])
            #expect(events.map { $0["event_id"] as? String } == ["u1-cart", "u1-checkout", "ord-u1"])
            let order = try #require(events.last)
            #expect(
                order.keys.sorted() == [
                    "action_source", "custom_data", "event_id", "event_name", "event_source_url", "event_time",
                    "user_data",
                ]
            )
            #expect(order["action_source"] as? String == "web")
            let millis = try test.count("SELECT ts FROM events WHERE message_id = 'u1-order'")
            #expect(order["event_time"] as? Int == millis / 1000)
            let user = try #require(order["user_data"] as? [String: Any])
            #expect(user["em"] as? [String] == ["87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674"])
            #expect(user["ph"] as? [String] == [PinterestHashing.sha256Hex("14155550132")])
            #expect(user["external_id"] as? [String] == [PinterestHashing.sha256Hex("u1")])
            #expect(user["client_ip_address"] as? String == "203.0.113.9")
            #expect(user["client_user_agent"] as? String == "Mozilla/5.0 (X11; Linux x86_64)")
            let custom = try #require(order["custom_data"] as? [String: Any])
            #expect(custom["value"] as? String == "72.39")
            #expect(custom["currency"] as? String == "USD")
            #expect(custom["order_id"] as? String == "ord-u1")
            #expect(custom["content_ids"] as? [String] == ["sku-1"])
            #expect(custom["num_items"] as? Int == 1)
            let line = try #require((custom["contents"] as? [[String: Any]])?.first)
            #expect(line["item_price"] as? String == "72.39")
            #expect(line["quantity"] as? Int == 1)
            let body = try #require(await standIn.requests(to: .sendEvents).first?.bodyText)
            #expect(!body.contains("null"))
            #expect(!body.contains("Test@Gmail") && !body.contains("test@gmail"))
        }
    }

    @Test("hash vectors: an email with a leading space hashes as Pinterest matches it")
    func hashVectors() async throws {
        let test = try TestStore()
        try Self.shopper(test, user: "u1", email: "test@gmail.com")
        try Self.shopper(test, user: "u2", email: " abc@gmail.com")
        try await withConversionsStandIn { standIn in
            _ = try await sendConversions(test.store, to: standIn)
            let hashes = await sentConversionEvents(standIn).compactMap {
                ($0["user_data"] as? [String: Any])?["em"] as? [String]
            }
            #expect(Set(hashes.flatMap { $0 }) == [
                "87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674",
                "48ddb93f0b30c475423fe177832912c5bcdce3cc72872f8051627967ef278e08",
            ])
        }
    }

    @Test("a rerun sends nothing; a new event is sent alone")
    func rerunSendsNothing() async throws {
        let test = try TestStore()
        try Self.shopper(test)
        try await withConversionsStandIn { standIn in
            let first = try await sendConversions(test.store, to: standIn)
            #expect(first.sent == 3)
            let second = try await sendConversions(test.store, to: standIn)
            #expect(second.considered == 0)
            #expect(second.sent == 0)
            #expect(second.requests == 0)
            #expect(await standIn.requests(to: .sendEvents).count == 1)

            try test.ingest(Message.track("Product Viewed", user: "u1", atMillis: Message.millis(ago: 60),
                                          id: "u1-view", properties: "{\"product_id\": \"sku-9\"}"))
            let third = try await sendConversions(test.store, to: standIn)
            #expect(third.sent == 1)
            #expect(await sentConversionEvents(standIn).last?["event_id"] as? String == "u1-view")
            #expect(await standIn.conversionEvents().count == 4)
        }
    }

    @Test("a 422 with one bad event keeps the others processed; the failed one keeps its reason, never resent")
    func partialFailure() async throws {
        let test = try TestStore()
        try Self.shopper(test)
        try test.ingest(Message.track("Product Viewed", user: "u1", atMillis: Message.millis(ago: 2 * 86_400),
                                      id: "u1-old-view", properties: "{\"product_id\": \"sku-2\"}"))
        // The stand-in takes events up to one day old; segsync's limit is seven days: one event fails there.
        try await withConversionsStandIn({ $0.maxEventAge = .seconds(86_400) }) { standIn in
            let report = try await sendConversions(test.store, to: standIn)
            #expect(report.sent == 4)
            #expect(report.processed == 3)
            #expect(report.failed == 1)
            #expect(report.failures == ["'event_time' is too old": 1])
            #expect(report.issues.map(\.messageID) == ["u1-old-view"])
            let rows = try conversionRows(test)
            #expect(rows["u1-old-view"]?.status == "failed")
            #expect(rows["u1-old-view"]?.reason == "'event_time' is too old")
            #expect(rows["u1-order"]?.status == "processed")
            #expect(await standIn.conversionEvents().map(\.eventID).sorted() == ["ord-u1", "u1-cart", "u1-checkout"])

            let again = try await sendConversions(test.store, to: standIn)
            #expect(again.sent == 0)
            #expect(await standIn.requests(to: .sendEvents).count == 1)
        }
    }

    @Test("--test sends with test=true and records nothing, so a real run sends the same events")
    func testMode() async throws {
        let test = try TestStore()
        try Self.shopper(test)
        try await withConversionsStandIn { standIn in
            let trial = try await sendConversions(test.store, to: standIn, options: .init(test: true))
            #expect(trial.test)
            #expect(trial.processed == 3)
            #expect(await standIn.requests(to: .sendEvents).first?.query == ["test": "true"])
            #expect(await standIn.conversionEvents().isEmpty)
            #expect(try test.count("SELECT count(*) FROM conversion_events") == 0)
            #expect(try test.store.conversionCursor() == nil)

            let real = try await sendConversions(test.store, to: standIn)
            #expect(real.processed == 3)
            #expect(await standIn.conversionEvents().count == 3)
        }
    }

    @Test("--dry-run sends nothing and records nothing as sent")
    func dryRun() async throws {
        let test = try TestStore()
        try Self.shopper(test)
        try await withConversionsStandIn { standIn in
            let run = ConversionsRun(
                configuration: .standard, options: .init(dryRun: true), now: Store.wallClockMillis(),
                client: conversionsClient(standIn)
            )
            let report = try await run.run(on: test.store)
            #expect(report.dryRun)
            #expect(report.batched == 3)
            #expect(report.sent == 0)
            #expect((report.bytes ?? 0) > 500)
            #expect(await standIn.requests().isEmpty)
            #expect(try test.count("SELECT count(*) FROM conversion_events") == 0)
            #expect(try test.count("SELECT count(*) FROM conversion_runs") == 0)
            #expect(try test.store.conversionCursor() == nil)

            let real = try await sendConversions(test.store, to: standIn)
            #expect(real.sent == 3)
        }
    }

    @Test("1500 events go in two requests of at most 1000")
    func batches() async throws {
        let test = try TestStore()
        var lines = [conversionsIdentify("u1", email: "a@example.com")]
        let at = Message.millis(ago: 7200)
        for index in 0..<1500 {
            lines.append(Message.track("Product Viewed", user: "u1", atMillis: at + Int64(index), id: "view-\(index)",
                                       properties: "{\"product_id\": \"sku-\(index % 7)\", \"price\": 9.5}"))
        }
        try test.ingest(lines: lines)
        try await withConversionsStandIn { standIn in
            let report = try await sendConversions(test.store, to: standIn)
            #expect(report.requests == 2)
            #expect(report.processed == 1500)
            let sizes = await standIn.requests(to: .sendEvents).map { ($0.jsonObject?["data"] as? [Any])?.count }
            #expect(sizes == [1000, 500])
        }
    }

    @Test("a request that fails after the retries stops the run; the next run resends with the same event_id")
    func failedRequestIsResent() async throws {
        let test = try TestStore()
        try Self.shopper(test)
        try await withConversionsStandIn { standIn in
            await standIn.inject(.serviceUnavailable, on: .sendEvents, times: 3)
            let error = await #expect(throws: ConversionsRunError.self) {
                try await sendConversions(test.store, to: standIn)
            }
            #expect(error?.report.sent == 0)
            #expect(error?.description.contains("503") == true)
            #expect(try test.count("SELECT count(*) FROM conversion_events") == 0)
            #expect(try test.strings("SELECT status FROM conversion_runs") == ["failed"])

            let retry = try await sendConversions(test.store, to: standIn)
            #expect(retry.processed == 3)
            let ids = await standIn.requests(to: .sendEvents).map { request in
                ((request.jsonObject?["data"] as? [[String: Any]]) ?? []).compactMap { $0["event_id"] as? String }
            }
            #expect(ids.count == 4)
            #expect(Set(ids) == [["u1-cart", "u1-checkout", "ord-u1"]])
        }
    }

    @Test("a 503 once is retried by the client and the run goes on")
    func transientFailureIsRetried() async throws {
        let test = try TestStore()
        try Self.shopper(test)
        try await withConversionsStandIn { standIn in
            await standIn.inject(.serviceUnavailable, on: .sendEvents)
            let report = try await sendConversions(test.store, to: standIn)
            #expect(report.processed == 3)
            #expect(report.requests == 1)
            #expect(await standIn.requests(to: .sendEvents).count == 2)
        }
    }

    @Test("--since leaves older events for a later run without it")
    func since() async throws {
        let test = try TestStore()
        let now = Store.wallClockMillis()
        try test.ingest(
            conversionsIdentify("u1", email: "a@example.com"),
            Message.track("Product Viewed", user: "u1", atMillis: now - 3 * 3_600_000, id: "early"),
            Message.track("Product Viewed", user: "u1", atMillis: now - 600_000, id: "late")
        )
        try await withConversionsStandIn { standIn in
            let recent = try await sendConversions(test.store, to: standIn, options: .init(since: now - 3_600_000))
            #expect(recent.considered == 1)
            #expect(await sentConversionEvents(standIn).map { $0["event_id"] as? String } == ["late"])
            let all = try await sendConversions(test.store, to: standIn)
            #expect(all.considered == 1)
            #expect(await sentConversionEvents(standIn).map { $0["event_id"] as? String } == ["late", "early"])
        }
    }

    @Test("a second run while one is sending stops at once, naming the lock")
    func lock() async throws {
        let test = try TestStore()
        try Self.shopper(test)
        let held = try StoreLock(store: test.store.path, for: .conversions)
        try await withConversionsStandIn { standIn in
            await #expect {
                try await sendConversions(test.store, to: standIn)
            } throws: { error in
                "\(error)".hasPrefix("cannot send conversions: another conversions run is sending from this store")
            }
            #expect(await standIn.requests().isEmpty)
        }
        withExtendedLifetime(held) {}
    }

    @Test("events stored after a deletion reused the newest ids are still sent")
    func reusedIDs() async throws {
        let test = try TestStore()
        let now = Store.wallClockMillis()
        try test.ingest(
            conversionsIdentify("keep", email: "keep@example.com"),
            conversionsIdentify("gone", email: "gone@example.com"),
            Message.track("Product Viewed", user: "keep", atMillis: now - 7_200_000, id: "keep-1"),
            Message.track("Product Viewed", user: "gone", atMillis: now - 7_100_000, id: "gone-1"),
            Message.track("Product Viewed", user: "gone", atMillis: now - 7_000_000, id: "gone-2")
        )
        try await withConversionsStandIn { standIn in
            #expect(try await sendConversions(test.store, to: standIn).sent == 3)
            try test.ingest(Message.track("User Deleted", user: "gone", atMillis: now - 600_000, id: "delete"))
            try test.ingest(
                Message.track("Product Viewed", user: "keep", atMillis: now - 500_000, id: "keep-2"),
                Message.track("Product Viewed", user: "keep", atMillis: now - 400_000, id: "keep-3")
            )
            let after = try await sendConversions(test.store, to: standIn)
            #expect(after.sent == 2)
            let ids = await sentConversionEvents(standIn).map { $0["event_id"] as? String }
            #expect(ids.suffix(2) == ["keep-2", "keep-3"])
        }
    }
}
