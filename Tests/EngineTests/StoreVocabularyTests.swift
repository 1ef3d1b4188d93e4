@testable import Store
import Engine
import Testing

/// The vocabulary read by seeking through the indexes equals what the store reports with DISTINCT.
@Suite struct StoreVocabularyTests {
    @Test func theVocabularyIsWhatTheStoreHasSeen() throws {
        let harness = try EngineHarness(lines: [
            Shop.track("Add to Cart", user: "a", at: Shop.now, id: "m1"),
            Shop.track("Order Completed", user: "b", at: Shop.now, id: "m2"),
            Shop.track("Add to Cart", user: "b", at: Shop.now, id: "m3"),
            Shop.track("\u{e9}v\u{e9}nement", user: "b", at: Shop.now, id: "m4"),
            Shop.identify("a", at: Shop.now, traits: "{\"LTV\": 3, \"Plan\": null, \"email\": \"a@example.com\"}", id: "m5"),
        ])
        let vocabulary = try StoreVocabulary(store: harness.store)
        #expect(vocabulary.events == ["Add to Cart", "Order Completed", "\u{e9}v\u{e9}nement"])
        let distinctEvents = try harness.store.database.query("SELECT DISTINCT name FROM events") { $0.string(0) ?? "" }
        let distinctKeys = try harness.store.database.query("SELECT DISTINCT key_norm FROM attributes") {
            $0.string(0) ?? ""
        }
        #expect(vocabulary.events == Set(distinctEvents))
        #expect(vocabulary.attributes == Set(distinctKeys))
        #expect(vocabulary.attributes.isSuperset(of: ["ltv", "plan", "email"]))
        #expect(try StoreVocabulary(store: EngineHarness().store) == StoreVocabulary())
    }
}
