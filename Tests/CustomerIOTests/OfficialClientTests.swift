import Foundation
import SegsyncTesting
import Store
import Testing

@testable import CustomerIO

/// The requests the official `customerio-cdp-analytics` Python client really sent, stored through
/// the same decoder and store as every ingest.
@Suite struct OfficialClientTests {
    @Test func everyRequestTheClientSentIsStored() throws {
        let requests = try Fixtures.officialClientRequests()
        #expect(requests.count == 18)
        let test = try TestStore()
        let counts = try test.ingest(lines: requests.map(\.body))
        #expect(counts == IngestCounts(read: 18, stored: 18))

        // One person: the anonymous browsing, the alias and both identifies all land on u00042.
        #expect(try test.strings("SELECT user_id || ' ' || anonymous_id || ' ' || email FROM people")
            == ["u00042 anon-7f3a Jane.Doe@Example.com"])
        #expect(try test.count("SELECT count(*) FROM people") == 1)
        #expect(try test.strings("SELECT name FROM events GROUP BY name ORDER BY name") == [
            "Add to Cart", "Checkout Started", "Order Completed", "Order Refunded", "Product Viewed", "page",
        ])
        #expect(try test.count("SELECT count(*) FROM events") == 12)
        // The last identify set phone to null: the key is removed, the email kept, ltv a number.
        #expect(try test.strings("SELECT coalesce(phone, 'none') FROM people") == ["none"])
        #expect(try test.strings("SELECT num FROM attributes WHERE key_norm = 'ltv'") == ["312.5"])
        #expect(try test.strings("SELECT time_ms FROM attributes WHERE key_norm = 'created_at'") == ["1795185005123"])
        #expect(try test.strings("SELECT DISTINCT ts FROM events") == ["1795185005123"])
        #expect(try test.strings("SELECT DISTINCT value || ' ' || currency FROM events WHERE name = 'Order Completed'")
            == ["48.0 USD"])
        #expect(try test.strings("SELECT value FROM identities WHERE kind = 'email'") == ["jane.doe@example.com"])
    }

    @Test func theClientsResendOfABatchIsDuplicate() throws {
        let requests = try Fixtures.officialClientRequests()
        let test = try TestStore()
        try test.ingest(lines: requests.map(\.body))
        let again = try test.ingest(lines: requests.map(\.body))
        #expect(again == IngestCounts(read: 18, duplicates: 18))
        #expect(try test.count("SELECT count(*) FROM events") == 12)
    }
}
