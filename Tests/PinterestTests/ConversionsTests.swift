import SegsyncTesting
import Foundation
import Pinterest
import PinterestStandIn
import Testing

@Suite("Conversion events through HTTP")
struct ConversionsTests {
    static func event(
        _ id: String, name: ConversionEventName = .checkout, age: TimeInterval = 3600
    ) -> ConversionEvent {
        ConversionEvent(
            eventName: name, actionSource: .web, eventTime: Int64(Date().timeIntervalSince1970 - age), eventID: id,
            userData: ConversionUserData(
                hashing: RawUserData(
                    emails: ["Buyer@Example.com"], phones: ["(415) 555-0132"], clientIPAddress: "203.0.113.9",
                    clientUserAgent: "Mozilla/5.0", defaultCallingCode: "1"
                )
            ),
            customData: ConversionCustomData(
                currency: "USD", value: "72.39", orderID: "order-\(id)", contentIDs: ["sku-1"],
                contents: [ConversionContent(id: "sku-1", itemPrice: "72.39", quantity: 1)], numItems: 1
            ),
            eventSourceURL: "https://shop.example.com/checkout"
        )
    }

    @Test("the request is {\"data\": [...]} with the spec's keys, strings for money, no nulls")
    func requestShape() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn)
            let answer = try await client.sendConversionEvents([Self.event("e1"), Self.event("e2", name: .addToCart)])
            #expect(answer.numEventsReceived == 2)
            #expect(answer.numEventsProcessed == 2)
            #expect(answer.events.map(\.status) == [.processed, .processed])
            #expect(!answer.isPartialFailure)

            let request = try #require(await standIn.requests(to: .sendEvents).first)
            #expect(request.path == "/v5/ad_accounts/\(testAccount)/events")
            #expect(request.query.isEmpty)
            #expect(request.bodyKeys == ["data"])
            let body = try #require(request.jsonObject)
            let data = try #require(body["data"] as? [[String: Any]])
            #expect(data.count == 2)
            let first = data[0]
            #expect(
                first.keys.sorted() == [
                    "action_source", "custom_data", "event_id", "event_name", "event_source_url", "event_time",
                    "user_data",
                ]
            )
            #expect(first["event_name"] as? String == "checkout")
            #expect(data[1]["event_name"] as? String == "add_to_cart")
            #expect(first["event_time"] is Int || first["event_time"] is Int64)
            let user = try #require(first["user_data"] as? [String: Any])
            #expect(user.keys.sorted() == ["client_ip_address", "client_user_agent", "em", "ph"])
            #expect(user["em"] as? [String] == [PinterestHashing.sha256Hex("buyer@example.com")])
            #expect(user["ph"] as? [String] == [PinterestHashing.sha256Hex("14155550132")])
            let custom = try #require(first["custom_data"] as? [String: Any])
            #expect(custom["value"] as? String == "72.39")
            #expect((custom["contents"] as? [[String: Any]])?.first?["item_price"] as? String == "72.39")
            #expect(!request.bodyText.contains("null"))
            #expect(await standIn.conversionEvents().map(\.eventID) == ["e1", "e2"])
        }
    }

    @Test("test=true is sent as a query flag; Pinterest answers but records nothing")
    func testFlag() async throws {
        try await withStandIn { standIn in
            let answer = try await makeClient(standIn).sendConversionEvents([Self.event("t1")], test: true)
            #expect(answer.numEventsProcessed == 1)
            #expect(await standIn.requests(to: .sendEvents).first?.query == ["test": "true"])
            #expect(await standIn.conversionEvents().isEmpty)
        }
    }

    @Test("a 422 with one bad event returns per-event statuses and keeps the others processed")
    func partialFailure() async throws {
        try await withStandIn { standIn in
            let sleeps = SleepRecorder()
            let client = makeClient(standIn, sleeps: sleeps)
            let events = [Self.event("ok-1"), Self.event("old", age: 8 * 86_400), Self.event("ok-2")]
            let answer = try await client.sendConversionEvents(events)
            #expect(answer.isPartialFailure)
            #expect(answer.numEventsReceived == 3)
            #expect(answer.numEventsProcessed == 2)
            #expect(answer.events.map(\.status) == [.processed, .failed, .processed])
            #expect(answer.events[1].errorMessage == "'event_time' is too old")
            #expect(await standIn.conversionEvents().map(\.eventID) == ["ok-1", "ok-2"])
            #expect(await standIn.requests(to: .sendEvents).count == 1)
            #expect(await sleeps.durations.isEmpty)
        }
    }

    @Test("an event Pinterest cannot match fails on its own")
    func unmatchable() async throws {
        // The body breaks the spec on purpose (user_data needs em, hashed_maids, or IP with user agent), so it
        // stays out of the request log that CI validates.
        try await withStandIn({ $0.requestLog = .disabled }) { standIn in
            var event = Self.event("no-id")
            event.userData = ConversionUserData(hashing: RawUserData(phones: ["+1 415 555 0132"]))
            let answer = try await makeClient(standIn).sendConversionEvents([event, Self.event("fine")])
            #expect(answer.events.map(\.status) == [.failed, .processed])
            #expect(answer.events[0].errorMessage?.contains("em") == true)
        }
    }

    @Test("0 or more than 1000 events are refused before sending")
    func batchSize() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn)
            let many = (0...1000).map { Self.event("e\($0)") }
            let error = await #expect(throws: PinterestError.self) { try await client.sendConversionEvents(many) }
            #expect(error?.kind == .invalidRequest)
            await #expect(throws: PinterestError.self) { try await client.sendConversionEvents([]) }
            #expect(await standIn.requests().isEmpty)
            let full = try await client.sendConversionEvents(Array(many.prefix(1000)))
            #expect(full.numEventsProcessed == 1000)
        }
    }

    @Test("429 and a dropped connection are retried; the resend keeps the same event_id")
    func retried() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn, sleeps: SleepRecorder())
            await standIn.inject(.rateLimited(retryAfter: 1), on: .sendEvents)
            await standIn.inject(.dropConnectionAfterApplying, on: .sendEvents)
            let answer = try await client.sendConversionEvents([Self.event("once")])
            #expect(answer.numEventsProcessed == 1)
            #expect(await standIn.requests(to: .sendEvents).count == 3)
            // Applied twice (the drop came after), with one event_id: Pinterest deduplicates on it.
            #expect(Set(await standIn.conversionEvents().map(\.eventID)) == ["once"])
        }
    }

    @Test("the response decodes from Pinterest's JSON, warnings included")
    func decodeResponse() throws {
        let json = """
            {"num_events_received": 2, "num_events_processed": 1, "events": [
              {"status": "processed", "error_message": null, "warning_message": "currency missing"},
              {"status": "failed", "error_message": "bad"}]}
            """
        let answer = try JSONDecoder().decode(ConversionEventsResponse.self, from: Data(json.utf8))
        #expect(answer.events[0].warningMessage == "currency missing")
        #expect(answer.events[1] == ConversionEventStatus(status: .failed, errorMessage: "bad"))
    }
}
