@testable import Engine
import Foundation
import Pinterest
import SegsyncTesting
import Testing

@Suite("Conversions: building events as the spec wants them")
struct ConversionsBuilderTests {
    static let now: Int64 = 1_795_000_000_000

    static func source(
        _ name: String = "Order Completed", id: String = "msg-1", properties: String = "{}", context: String? = nil,
        value: Double? = 72.39, currency: String? = "USD", orderID: String? = "ord-1", ago: Int64 = 3_600_000
    ) -> ConversionSourceEvent {
        ConversionSourceEvent(
            id: 1, personID: 1, name: name, timestamp: now - ago, messageID: id, value: value, currency: currency,
            orderID: orderID, properties: properties, context: context ?? Message.webContext()
        )
    }

    static let person = ConversionUserData(hashing: RawUserData(emails: ["buyer@example.com"]))

    static func built(
        _ source: ConversionSourceEvent, as conversion: ConversionEventName = .checkout,
        configuration: ConversionsConfiguration = .standard, allowIncompletePurchases: Bool = false
    ) throws -> ConversionEvent {
        let builder = ConversionEventBuilder(
            configuration: configuration, allowIncompletePurchases: allowIncompletePurchases, now: now
        )
        let decision = builder.decide(source, as: conversion, person: person)
        guard case .send = decision.verdict, let event = decision.event else { throw BuildFailure() }
        return event
    }

    struct BuildFailure: Error {}

    @Test("event_time is whole seconds, rounded down")
    func eventTime() throws {
        let event = try Self.built(Self.source(ago: 1_999))
        #expect(event.eventTime == (Self.now - 1_999) / 1000)
        #expect(ConversionEventBuilder.seconds(-1) == -1)
    }

    @Test("event_id: the configured property, else order_id for purchases, else the messageId; stable")
    func eventID() throws {
        var configuration = ConversionsConfiguration.standard
        configuration.eventIDProperty = "pin_event_id"
        let tagged = Self.source(properties: "{\"pin_event_id\": \"tag-77\"}")
        #expect(try Self.built(tagged, configuration: configuration).eventID == "tag-77")
        #expect(try Self.built(Self.source(), configuration: configuration).eventID == "ord-1")
        #expect(try Self.built(Self.source(orderID: nil), allowIncompletePurchases: true).eventID == "msg-1")
        #expect(try Self.built(Self.source("Checkout Started"), as: .initiateCheckout).eventID == "msg-1")
        #expect(try Self.built(Self.source("Add to Cart"), as: .addToCart).eventID == "msg-1")
        #expect(try Self.built(Self.source()) == Self.built(Self.source()))
    }

    @Test(
        "action_source from the context, else the configured default",
        arguments: [
            (Message.webContext(), ConversionActionSource.web),
            ("{\"device\": {\"type\": \"ios\"}, \"userAgent\": \"App/1.0\"}", .appIOS),
            ("{\"library\": {\"name\": \"analytics-android\"}}", .appAndroid),
            ("{\"app\": {\"name\": \"Shop\"}, \"os\": {\"name\": \"iOS\"}}", .appIOS),
            ("{\"library\": {\"name\": \"analytics.js\"}}", .web),
            ("{\"library\": {\"name\": \"analytics-python\"}, \"device\": {\"advertisingId\": \"abc-1\"}}", .offline),
        ]
    )
    func actionSource(context: String, expected: ConversionActionSource) throws {
        var configuration = ConversionsConfiguration.standard
        configuration.defaultActionSource = .offline
        #expect(try Self.built(Self.source(context: context), configuration: configuration).actionSource == expected)
    }

    @Test("custom_data: value and item_price as strings, currency, order_id, content_ids, contents, num_items")
    func customData() throws {
        let properties = """
            {"order_id": "ord-1", "products": [
              {"product_id": "sku-1", "price": 14.99, "quantity": 3, "name": "Shirt", "category": "shirts",
               "brand": "Acme"},
              {"sku": "sku-2", "price": "13.71", "quantity": "2"},
              {"name": "no id, no price"}]}
            """
        let custom = try #require(try Self.built(Self.source(properties: properties, value: 72.39)).customData)
        #expect(custom.value == "72.39")
        #expect(custom.currency == "USD")
        #expect(custom.orderID == "ord-1")
        #expect(custom.contentIDs == ["sku-1", "sku-2"])
        #expect(custom.numItems == 5)
        #expect(custom.contents == [
            ConversionContent(id: "sku-1", itemPrice: "14.99", quantity: 3, itemName: "Shirt", itemCategory: "shirts",
                              itemBrand: "Acme"),
            ConversionContent(id: "sku-2", itemPrice: "13.71", quantity: 2),
        ])
        let single = try Self.built(
            Self.source("Product Viewed", properties: "{\"product_id\": 101, \"price\": 58, \"name\": \"Linen\"}",
                        value: nil, currency: "usd", orderID: nil),
            as: .pageVisit
        )
        #expect(single.customData == ConversionCustomData(
            currency: "USD", contentIDs: ["101"],
            contents: [ConversionContent(id: "101", itemPrice: "58", itemName: "Linen")],
            numItems: 1, contentName: "Linen"
        ))
    }

    @Test("user_data: the person's hashes with the event's IP address, user agent, ad id and click id")
    func userData() throws {
        let context = """
            {"ip": "2001:db8::1", "userAgent": "Mozilla/5.0", "locale": "fr-FR",
             "page": {"url": "https://shop.example/p?utm=x&epik=dj0yJnU9b2&x=1"},
             "device": {"advertisingId": "6D92078A-8246-4BA4-AE5B-76104861E7DC"}}
            """
        let event = try Self.built(Self.source(context: context))
        #expect(event.userData.em == [PinterestHashing.sha256Hex("buyer@example.com")])
        #expect(event.userData.clientIPAddress == "2001:db8::1")
        #expect(event.userData.clientUserAgent == "Mozilla/5.0")
        #expect(event.userData.clickID == "dj0yJnU9b2")
        #expect(event.userData.hashedMaids == [PinterestHashing.sha256Hex("6d92078a-8246-4ba4-ae5b-76104861e7dc")])
        #expect(event.language == "fr")
        #expect(event.eventSourceURL == "https://shop.example/p?utm=x&epik=dj0yJnU9b2&x=1")
    }

    @Test("the person's traits are normalised and hashed by the spec's rules; an existing hash passes through")
    func personTraits() {
        let people = ConversionPeople(defaultCallingCode: "1")
        let hashedEmail = String(repeating: "AB", count: 32)
        let raw = people.raw(
            ConversionSourceEvent(
                id: 1, personID: 1, name: "x", timestamp: 0, messageID: "m", userID: "user-7",
                email: hashedEmail, phone: "(415) 555-0132"
            ),
            traits: [
                (key: "first_name", json: "\"Anne-Marie\""), (key: "lastname", json: "\"O'Neil\""),
                (
                    key: "address",
                    json: #"{"city": "St. Louis", "state": "Missouri", "postal_code": "63101-1234", "country": "US"}"#
                ),
                (key: "gender", json: "\"Female\""), (key: "birthday", json: "\"1990-01-31\""),
            ]
        )
        let data = ConversionUserData(hashing: raw)
        #expect(data.em == [hashedEmail.lowercased()])
        #expect(data.ph == [PinterestHashing.sha256Hex("14155550132")])
        #expect(data.fn == [PinterestHashing.sha256Hex("anne-marie")])
        #expect(data.ln == [PinterestHashing.sha256Hex("o'neil")])
        #expect(data.ct == [PinterestHashing.sha256Hex("stlouis")])
        #expect(data.st == [PinterestHashing.sha256Hex("mo")])
        #expect(data.zp == [PinterestHashing.sha256Hex("63101")])
        #expect(data.country == [PinterestHashing.sha256Hex("us")])
        #expect(data.ge == [PinterestHashing.sha256Hex("f")])
        #expect(data.db == [PinterestHashing.sha256Hex("19900131")])
        #expect(data.externalID == [PinterestHashing.sha256Hex("user-7")])
    }

    @Test(
        "money as decimal strings, never exponents",
        arguments: [(72.39, "72.39"), (116.0, "116"), (0.1, "0.1"), (-5.5, "-5.5"), (1e-7, "0.0000001"),
                    (1e20, "100000000000000000000")]
    )
    func money(value: Double, text: String) {
        #expect(ConversionMoney.text(value) == text)
    }

    @Test("prices keep the text they were written with")
    func writtenPrices() {
        #expect(ConversionMoney.text(of: .number("14.990")) == "14.990")
        #expect(ConversionMoney.text(of: .number("1.5e2")) == "150")
        #expect(ConversionMoney.text(of: .string(" 13.71 ")) == "13.71")
        #expect(ConversionMoney.text(of: .string("$13")) == nil)
        #expect(ConversionMoney.text(of: .bool(true)) == nil)
    }

    @Test("the JSON reader: nesting, escapes, surrogate pairs, numbers as written, bad input")
    func jsonReader() {
        let json = ConversionJSON(
            parsing: #"{"a": [1, -2.5e3, true, null], "s": "x\"y\\z\n\u00e9\ud83d\ude00", "o": {"k": "v"}, "a2": "é"}"#
        )
        #expect(json["a"]?.elements == [.number("1"), .number("-2.5e3"), .bool(true), .null])
        #expect(json["s"]?.text == "x\"y\\z\né😀")
        #expect(json["o"]?["k"]?.text == "v")
        #expect(json["a2"]?.text == "é")
        #expect(ConversionJSON(parsing: "{\"a\": ") == .null)
        #expect(ConversionJSON(parsing: "") == .null)
        #expect(ConversionJSON(parsing: "{\"k\": \"\"}")["k"]?.text == nil)
    }
}
