import Foundation
import SegsyncTesting
import Testing

@testable import Store

@Suite struct IngestTests {
    @Test func aResentMessageIsADuplicateAndChangesNothing() throws {
        let test = try TestStore()
        let first = Message.track("Add to Cart", user: "u1", at: 0, id: "m-1")
        let identify = Message.identify(user: "u1", at: 1, id: "m-2", traits: "{\"ltv\": 10}")
        #expect(try test.ingest(first, identify) == IngestCounts(read: 2, stored: 2))
        let resentIdentify = Message.identify(user: "u1", at: 5, id: "m-2", traits: "{\"ltv\": 99}")
        #expect(try test.ingest(first, resentIdentify) == IngestCounts(read: 2, duplicates: 2))
        #expect(try test.count("SELECT count(*) FROM events") == 1)
        #expect(try test.strings("SELECT value FROM attributes WHERE key_norm = 'ltv'") == ["10"])
    }

    @Test func duplicatesInsideOneBatchCountOnce() throws {
        let test = try TestStore()
        let message = Message.track("Add to Cart", user: "u1", id: "same")
        #expect(try test.ingest(message, message, message) == IngestCounts(read: 3, stored: 1, duplicates: 2))
    }

    /// Two ids with the same 64-bit hash are both messages: the lookup compares the whole id. A real
    /// collision cannot be found by search, so the stored id under the hash of "m-2" is made another one.
    @Test func anotherIdWithTheSameHashIsStoredAndThenADuplicate() throws {
        let test = try TestStore()
        try test.store.database.run(
            "INSERT INTO messages (id_hash, message_id, type) VALUES (?, 'not-m-2', 'track')",
            [.integer(Store.messageHash("m-2"))])
        let message = Message.track("Add to Cart", user: "u1", at: 0, id: "m-2")
        #expect(try test.ingest(message) == IngestCounts(read: 1, stored: 1))
        #expect(try test.ingest(message) == IngestCounts(read: 1, duplicates: 1))
        #expect(try test.count("SELECT count(*) FROM events") == 1)
        #expect(try test.store.inspection().messages == 2)
    }

    @Test func olderTraitsCannotRollAnAttributeBack() throws {
        let test = try TestStore()
        try test.ingest(
            Message.identify(user: "u1", at: 20, traits: "{\"ltv\": 300, \"plan\": \"gold\"}"),
            Message.identify(user: "u1", at: 10, traits: "{\"ltv\": 100, \"city\": \"Lyon\"}"))
        #expect(try test.strings("SELECT key_norm || '=' || value FROM attributes ORDER BY key_norm")
            == ["city=\"Lyon\"", "ltv=300", "plan=\"gold\""])
    }

    @Test func aNullTraitRemovesTheKeyUnderTheSameRule() throws {
        let test = try TestStore()
        try test.ingest(
            Message.identify(user: "u1", at: 10, traits: "{\"phone\": \"+1 555 0100\", \"plan\": \"gold\"}"),
            Message.identify(user: "u1", at: 20, traits: "{\"phone\": null}"),
            Message.identify(user: "u1", at: 15, traits: "{\"phone\": \"+1 555 0199\", \"plan\": null}"))
        #expect(try test.strings("SELECT key_norm || '=' || coalesce(value, 'removed') FROM attributes ORDER BY key_norm")
            == ["phone=removed", "plan=removed"])
        #expect(try test.strings("SELECT coalesce(phone, 'none') FROM people") == ["none"])
    }

    @Test func typedCopiesOfTraits() throws {
        let test = try TestStore()
        try test.ingest(Message.identify(user: "u1", traits: """
            {"ltv": 312.5, "ltv_text": "300", "created_at": "2026-11-20T14:30:05.123000+00:00", "signup": 1795185005,
             "vip": true, "tags": ["a"], "address": {"country": "FR"}, "Email": " Jane@Example.com "}
            """))
        let rows = try test.store.database.query(
            "SELECT key_norm, key, num, str, time_ms FROM attributes ORDER BY key_norm"
        ) { row in
            "\(row.string(0) ?? "")|\(row.string(1) ?? "")|\(row.double(2).map { "\($0)" } ?? "-")|"
                + "\(row.string(3) ?? "-")|\(row.int64(4).map { "\($0)" } ?? "-")"
        }
        #expect(rows == [
            "address|address|-|-|-",
            "created_at|created_at|-|2026-11-20T14:30:05.123000+00:00|1795185005123",
            "email|Email|-| Jane@Example.com |-",
            "ltv|ltv|312.5|-|312500",
            "ltv_text|ltv_text|300.0|300|-",
            "signup|signup|1795185005.0|-|1795185005000",
            "tags|tags|-|-|-",
            "vip|vip|-|-|-",
        ])
        #expect(try test.strings("SELECT email FROM people") == ["Jane@Example.com"])
    }

    @Test func eventsKeepTheirFieldsAndPullOutCommerce() throws {
        let test = try TestStore()
        try test.ingest(
            Message.track("Order Completed", user: "u1", at: 0, properties:
                "{\"order_id\": \"o-1\", \"total\": 52.9, \"revenue\": 48.0, \"value\": 47.5, \"currency\": \"USD\"}"),
            Message.track("Order Completed", user: "u1", at: 1, properties: "{\"revenue\": \"48\", \"total\": 52.9}"),
            Message.track("Order Completed", user: "u1", at: 2, properties: "{\"total\": 52.9, \"orderId\": 77}"),
            Message.track("Product Viewed", user: "u1", at: 3, properties: "{\"value\": \"n/a\"}"))
        let rows = try test.store.database.query("SELECT name, ts, value, currency, order_id FROM events ORDER BY ts") {
            "\($0.string(0) ?? "")|\($0.int64(1) ?? 0)|\($0.double(2).map { "\($0)" } ?? "-")|"
                + "\($0.string(3) ?? "-")|\($0.string(4) ?? "-")"
        }
        #expect(rows == [
            "Order Completed|\(Message.base)|47.5|USD|o-1",
            "Order Completed|\(Message.base + 1000)|48.0|-|-",
            "Order Completed|\(Message.base + 2000)|52.9|-|77",
            "Product Viewed|\(Message.base + 3000)|-|-|-",
        ])
    }

    @Test func pageScreenAndGroupAreEventsOfTheirType() throws {
        let test = try TestStore()
        let counts = try test.ingest(
            "{\"type\": \"page\", \"name\": \"Cart\", \"properties\": {\"url\": \"https://shop.example/cart\"}, "
                + "\"userId\": \"u1\", \"timestamp\": \"2026-11-20T12:00:00Z\", \"messageId\": \"p1\"}",
            "{\"type\": \"screen\", \"name\": \"Home\", \"userId\": \"u1\", \"timestamp\": \"2026-11-20T12:00:01Z\", "
                + "\"messageId\": \"s1\"}",
            "{\"type\": \"group\", \"groupId\": \"g-7\", \"traits\": {\"plan\": \"team\"}, \"userId\": \"u1\", "
                + "\"timestamp\": \"2026-11-20T12:00:02Z\", \"messageId\": \"g1\"}")
        #expect(counts.stored == 3)
        #expect(try test.strings("SELECT name || ' ' || type || ' ' || properties FROM events ORDER BY ts") == [
            "page page {\"name\":\"Cart\",\"url\": \"https://shop.example/cart\"}",
            "screen screen {\"name\":\"Home\"}",
            "group group {\"groupId\":\"g-7\",\"traits\":{\"plan\": \"team\"}}",
        ])
        #expect(try test.count("SELECT json_valid(properties) FROM events WHERE name = 'page'") == 1)
    }

    @Test func userDeletedLeavesOnlyATombstone() throws {
        let test = try TestStore()
        try test.ingest(
            Message.identify(user: "u1", anonymous: "anon-1", at: 0, traits: "{\"email\": \"gone@example.com\"}"),
            Message.track("Order Completed", user: "u1", at: 10),
            Message.track("User Deleted", user: "u1", at: 20))
        #expect(try test.count("SELECT count(*) FROM events") == 0)
        #expect(try test.count("SELECT count(*) FROM attributes") == 0)
        #expect(try test.strings("SELECT kind FROM identities") == ["user"])
        #expect(try test.strings("SELECT coalesce(email, '-') || ' ' || deleted_at FROM people")
            == ["- \(Message.base + 20_000)"])

        // Older news about the deleted person is kept aside, not resurrected.
        let late = try test.ingest(Message.track("Add to Cart", user: "u1", at: 15, id: "late"))
        #expect(late == IngestCounts(read: 1, rejected: 1))
        #expect(try test.strings("SELECT reason FROM rejected").first?.contains("User Deleted") == true)
        #expect(try test.count("SELECT count(*) FROM messages WHERE message_id = 'late'") == 0)

        // A newer message means the person is back, as a fresh profile.
        try test.ingest(Message.track("Product Viewed", user: "u1", at: 30))
        #expect(try test.count("SELECT count(*) FROM people WHERE deleted_at IS NULL") == 1)
        #expect(try test.count("SELECT count(*) FROM events") == 1)
    }

    @Test func aRolledBackBatchLeavesNoCachedIdentityBehind() throws {
        let test = try TestStore()
        try test.store.database.execute(
            "CREATE TRIGGER fail BEFORE INSERT ON events WHEN NEW.name = 'Boom' BEGIN SELECT RAISE(ABORT, 'x'); END")
        let failing = MessageDecoderProbe.items([
            Message.identify(user: "u1", anonymous: "a1", id: "i-1", traits: "{}"),
            Message.track("Boom", user: "u1", id: "t-0"),
        ])
        #expect(throws: (any Error).self) { try test.store.ingest(failing) }
        try test.ingest(Message.track("Add to Cart", user: "u1", id: "t-1"))
        #expect(try test.strings("SELECT coalesce(user_id, '-') FROM people") == ["u1"])
        #expect(try test.count("SELECT count(*) FROM events e JOIN people p ON p.id = e.person_id") == 1)
    }

    @Test func everyBatchIsOneTransaction() throws {
        let test = try TestStore()
        let decoder = MessageDecoderProbe.items([Message.track("A", user: "u1", id: "t-1")])
        try test.store.database.execute("CREATE TRIGGER fail BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'x'); END")
        #expect(throws: (any Error).self) { try test.store.ingest(decoder) }
        #expect(try test.count("SELECT count(*) FROM messages") == 0)
        #expect(try test.count("SELECT count(*) FROM people") == 0)
    }
}


/// The contact columns an identify writes directly from its traits are the ones the attributes give.
@Suite struct ContactColumnTests {
    static let emails = [
        "\"pat@example.com\"", "\" Pat@Example.com \"", "\"\\tpat@example.com\"", "null", "\"none\"", "42",
        "\"sam@example.com\"", "true",
    ]
    static let phones = ["\"+1 555 0100\"", "\" 555 0101 \"", "5550102", "null", "\"\"", "{\"n\": 1}"]

    @Test func directlyWrittenColumnsMatchTheAttributes() throws {
        var random = SplitMix64(seed: 7)
        let test = try TestStore()
        var lines: [String] = []
        for n in 0..<600 {
            var traits: [String] = []
            if Bool.random(using: &random) { traits.append("\"email\": \(Self.emails.randomElement(using: &random)!)") }
            if Bool.random(using: &random) { traits.append("\"Email\": \(Self.emails.randomElement(using: &random)!)") }
            if Bool.random(using: &random) { traits.append("\"phone\": \(Self.phones.randomElement(using: &random)!)") }
            traits.append("\"ltv\": \(n)")
            let seconds = Double(Int.random(in: 0..<200, using: &random))
            let user = Int.random(in: 0..<12, using: &random)
            let object = "{\(traits.joined(separator: ", "))}"
            if Int.random(in: 0..<4, using: &random) == 0 {
                lines.append(Message.identify(anonymous: "a\(user)", at: seconds, traits: object))
            } else {
                lines.append(Message.identify(user: "u\(user)", at: seconds, traits: object))
            }
        }
        try test.ingest(lines: lines)
        let columns = "SELECT id || ' ' || quote(email) || ' ' || quote(email_hash) || ' ' || quote(phone) FROM people "
            + "ORDER BY id"
        let written = try test.strings(columns)
        #expect(written.count > 12)
        #expect(written.contains { $0.contains("'Pat@Example.com' 'fe9733fc") })
        #expect(written.contains { $0.hasSuffix("'5550102.0'") })
        for id in try test.strings("SELECT id FROM people") {
            try test.store.refreshContactColumns(of: Int64(id) ?? 0)
        }
        #expect(try test.strings(columns) == written)
    }
}

/// The store keeps the email rule of `Matching`: a person is matchable and identified by a real email only.
@Suite struct EmailHashTests {
    @Test func aPersonWhoseEmailTraitIsNotAnEmailIsNotMatchableAndIdentifiesNoOne() throws {
        let test = try TestStore()
        try test.ingest(
            Message.identify(anonymous: "anon-1", at: 0, traits: "{\"email\": \"none\"}"),
            Message.identify(user: "u1", at: 1, traits: "{\"email\": \"none\"}"))
        let people = "SELECT coalesce(user_id, 'anon') || ' ' || email || ' ' || coalesce(email_hash, 'no hash') "
            + "FROM people ORDER BY id"
        #expect(try test.strings(people) == ["anon none no hash", "u1 none no hash"])
        #expect(try test.count("SELECT count(*) FROM identities WHERE kind = 'email'") == 0)
    }

    @Test func peopleCarryTheHashOfTheirCurrentEmail() throws {
        let test = try TestStore()
        try test.ingest(Message.identify(user: "u1", at: 0, traits: "{\"email\": \" Test@Gmail.com \"}"))
        #expect(try test.strings("SELECT email_hash FROM people")
            == ["87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674"])
        try test.ingest(Message.identify(user: "u1", at: 5, traits: "{\"email\": null}"))
        #expect(try test.strings("SELECT coalesce(email_hash, 'none') FROM people") == ["none"])
    }
}
