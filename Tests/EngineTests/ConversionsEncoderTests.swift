@testable import Engine
import Foundation
import Pinterest
import Testing

@Suite("Conversions: the hand-written request body")
struct ConversionsEncoderTests {
    /// An event with every field set, and text that needs escaping.
    static let full = ConversionEvent(
        eventName: .checkout, actionSource: .appIOS, eventTime: 1_795_000_000, eventID: "ord-\"1\"\\2",
        userData: ConversionUserData(
            em: ["a", "b"], hashedMaids: ["c"], ph: ["d"], fn: ["e"], ln: ["f"], ge: ["g"], db: ["h"], ct: ["i"],
            st: ["j"], zp: ["k"], country: ["l"], externalID: ["m"], clientIPAddress: "2001:db8::1",
            clientUserAgent: "Mozilla/5.0 (X11)\t\u{1}/é😀", clickID: "epik", partnerID: "p"
        ),
        customData: ConversionCustomData(
            currency: "EUR", value: "10.5", orderID: "o/1", contentIDs: ["x", "y"],
            contents: [
                ConversionContent(id: "x", itemPrice: "1.5", quantity: 2, itemName: "n\n", itemCategory: "c",
                                  itemBrand: "b"),
                ConversionContent(),
            ],
            numItems: 3, contentName: "name", contentCategory: "cat", contentBrand: "brand", searchString: "q",
            predictedLTV: "99", optOutType: "LDP"
        ),
        eventSourceURL: "https://shop.example/a/b?c=d", optOut: true, partnerName: "ss-segsync", language: "en"
    )

    static func clientBytes(_ events: [ConversionEvent]) throws -> [UInt8] {
        struct Body: Encodable {
            var data: [ConversionEvent]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(Body(data: events)))
    }

    @Test("the same bytes as the client's JSONEncoder, for every field and escapes")
    func sameBytes() throws {
        var full = Self.full
        full.appID = "429047995"
        full.appName = "Shop"
        full.appVersion = "7.9"
        full.deviceBrand = "Apple"
        full.deviceCarrier = "T-Mobile"
        full.deviceModel = "iPhone X"
        full.deviceType = "iPhone"
        full.osVersion = "12.1.4"
        full.wifi = false
        let minimal = ConversionEvent(
            eventName: .pageVisit, actionSource: .web, eventTime: 1, eventID: "m",
            userData: ConversionUserData(em: [], clientIPAddress: "1.2.3.4", clientUserAgent: "ua")
        )
        var encoder = ConversionBodyEncoder()
        let events = [full, minimal, Self.full]
        let mine = encoder.body(for: events)
        let theirs = try Self.clientBytes(events)
        #expect(String(decoding: mine, as: UTF8.self) == String(decoding: theirs, as: UTF8.self))
        #expect(mine == theirs)
    }

    @Test("a body joined from events encoded one by one is the same body")
    func joined() throws {
        let events = [Self.full, Self.full]
        let joined = ConversionBodyEncoder.body(joining: events.map(ConversionBodyEncoder.json))
        #expect(joined == (try Self.clientBytes(events)))
    }

    @Test("an encoder reused for the next batch starts afresh")
    func reuse() throws {
        var encoder = ConversionBodyEncoder()
        _ = encoder.body(for: [Self.full, Self.full])
        #expect(encoder.body(for: [Self.full]) == (try Self.clientBytes([Self.full])))
    }
}
