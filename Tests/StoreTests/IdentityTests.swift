import SegsyncTesting
import Testing

@testable import Store

/// Identity resolution: every order in which an anonymous person's activity and the identify that
/// names them can arrive ends with one person holding everything, once.
@Suite struct IdentityTests {
    func people(_ test: TestStore) throws -> [String] {
        try test.strings(
            "SELECT coalesce(user_id, '-') || '/' || coalesce(anonymous_id, '-') FROM people "
                + "WHERE deleted_at IS NULL ORDER BY id")
    }

    func events(of user: String, _ test: TestStore) throws -> [String] {
        try test.strings(
            "SELECT e.name FROM events e JOIN people p ON p.id = e.person_id WHERE p.user_id = ? ORDER BY e.ts, e.name",
            [.text(user)])
    }

    @Test func anonymousActivityThenIdentify() throws {
        let test = try TestStore()
        try test.ingest(
            Message.track("Product Viewed", anonymous: "anon-1", at: 0),
            Message.track("Add to Cart", anonymous: "anon-1", at: 10),
            Message.identify(user: "u1", anonymous: "anon-1", at: 20, traits: "{\"email\": \"a@example.com\"}"))
        #expect(try people(test) == ["u1/anon-1"])
        #expect(try events(of: "u1", test) == ["Product Viewed", "Add to Cart"])
    }

    @Test func identifyThenAnonymousActivityArrivingLate() throws {
        let test = try TestStore()
        try test.ingest(
            Message.identify(user: "u1", anonymous: "anon-1", at: 20, traits: "{}"),
            Message.track("Product Viewed", anonymous: "anon-1", at: 0))
        #expect(try people(test) == ["u1/anon-1"])
        #expect(try events(of: "u1", test) == ["Product Viewed"])
    }

    @Test func knownAndAnonymousBothSeenThenJoined() throws {
        let test = try TestStore()
        try test.ingest(
            Message.track("Order Completed", user: "u1", at: 0),
            Message.identify(user: "u1", at: 1, traits: "{\"ltv\": 10, \"plan\": \"gold\"}"),
            Message.track("Product Viewed", anonymous: "anon-1", at: 5),
            Message.identify(anonymous: "anon-1", at: 6, traits: "{\"ltv\": 99, \"utm\": \"pin\"}"),
            Message.identify(user: "u1", anonymous: "anon-1", at: 10, traits: "{}"))
        #expect(try people(test) == ["u1/anon-1"])
        #expect(try events(of: "u1", test) == ["Order Completed", "Product Viewed"])
        // The anonymous identify was later (6 > 1): its ltv wins; keys only one side had are kept.
        #expect(try test.strings("SELECT key_norm || '=' || value FROM attributes ORDER BY key_norm")
            == ["ltv=99", "plan=\"gold\"", "utm=\"pin\""])
        #expect(try test.count("SELECT count(*) FROM identities WHERE person_id = (SELECT id FROM people)") == 2)
    }

    @Test func mergeKeepsTheLaterAttributeWhicheverSideHasIt() throws {
        let test = try TestStore()
        try test.ingest(
            Message.identify(anonymous: "anon-1", at: 1, traits: "{\"ltv\": 5}"),
            Message.identify(user: "u1", at: 9, traits: "{\"ltv\": 50}"),
            Message.identify(user: "u1", anonymous: "anon-1", at: 10, traits: "{}"))
        #expect(try test.strings("SELECT value FROM attributes WHERE key_norm = 'ltv'") == ["50"])
    }

    @Test func aliasJoinsAnEarlierIdentifier() throws {
        let test = try TestStore()
        try test.ingest(
            Message.track("Product Viewed", anonymous: "anon-9", at: 0),
            Message.track("Add to Cart", user: "u2", at: 5),
            Message.alias(previous: "anon-9", user: "u2", at: 10))
        #expect(try people(test) == ["u2/anon-9"])
        #expect(try events(of: "u2", test) == ["Product Viewed", "Add to Cart"])
    }

    @Test func aliasOfTwoKnownUsersMergesThem() throws {
        let test = try TestStore()
        try test.ingest(
            Message.track("Order Completed", user: "old-id", at: 0),
            Message.track("Add to Cart", user: "new-id", at: 5),
            Message.alias(previous: "old-id", user: "new-id", at: 10))
        #expect(try people(test) == ["new-id/-"])
        #expect(try events(of: "new-id", test) == ["Order Completed", "Add to Cart"])
    }

    @Test func aliasBeforeTheAnonymousActivity() throws {
        let test = try TestStore()
        try test.ingest(
            Message.alias(previous: "anon-3", user: "u3", at: 10),
            Message.track("Product Viewed", anonymous: "anon-3", at: 0))
        #expect(try people(test) == ["u3/-"])
        #expect(try events(of: "u3", test) == ["Product Viewed"])
    }

    @Test func twoKnownPeopleSharingADeviceAreNotMerged() throws {
        let test = try TestStore()
        try test.ingest(
            Message.identify(user: "u1", anonymous: "device-1", at: 0, traits: "{}"),
            Message.identify(user: "u2", anonymous: "device-1", at: 5, traits: "{}"),
            Message.track("Add to Cart", user: "u2", anonymous: "device-1", at: 6))
        #expect(try people(test) == ["u1/device-1", "u2/-"])
        #expect(try events(of: "u2", test) == ["Add to Cart"])
        #expect(try events(of: "u1", test) == [])
    }

    @Test func anAnonymousPersonWithTheSameEmailMergesIntoTheKnownOne() throws {
        let test = try TestStore()
        try test.ingest(
            Message.identify(anonymous: "anon-5", at: 0, traits: "{\"email\": \"Pat@Example.com\"}"),
            Message.track("Product Viewed", anonymous: "anon-5", at: 1),
            Message.identify(user: "u5", at: 2, traits: "{\"email\": \"pat@example.com \"}"))
        #expect(try people(test) == ["u5/anon-5"])
        #expect(try events(of: "u5", test) == ["Product Viewed"])
        #expect(try test.strings("SELECT value FROM identities WHERE kind = 'email'") == ["pat@example.com"])
    }

    /// An email a person gave up identifies no one, even to the cache of identities already resolved.
    @Test func anEmailGivenUpNoLongerMergesItsFormerHolder() throws {
        let test = try TestStore()
        try test.ingest(
            Message.identify(anonymous: "anon-7", at: 0, traits: "{\"email\": \"sam@example.com\"}"),
            Message.identify(anonymous: "anon-7", at: 1, traits: "{\"email\": \"sam.new@example.com\"}"),
            Message.identify(user: "u7", at: 2, traits: "{\"email\": \"sam@example.com\"}"))
        #expect(try people(test) == ["-/anon-7", "u7/-"])
    }

    @Test func everyIdentifierPointsAtOnePerson() throws {
        let test = try TestStore()
        try test.ingest(
            Message.track("A", anonymous: "x", at: 0), Message.track("B", anonymous: "y", at: 1),
            Message.identify(user: "u", anonymous: "x", at: 2, traits: "{}"),
            Message.identify(user: "u", anonymous: "y", at: 3, traits: "{}"))
        #expect(try people(test) == ["u/x"])
        #expect(try test.count("SELECT count(DISTINCT person_id) FROM identities") == 1)
        #expect(try test.count("SELECT count(*) FROM events") == 2)
    }

    @Test func aMessageOlderThanATombstoneLinksAndMergesNoOne() throws {
        let test = try TestStore()
        try test.ingest(
            Message.track("Product Viewed", anonymous: "anon-new", at: 1, id: "pv"),
            Message.identify(anonymous: "anon-form", at: 2, id: "form", traits: "{\"email\": \"kim@example.com\"}"),
            Message.identify(user: "u1", at: 5, id: "id", traits: "{\"ltv\": 5}"),
            Message.track("User Deleted", user: "u1", at: 100, id: "del"),
            // Sent before the deletion, delivered after it: a new device and the anonymous form's email.
            Message.identify(user: "u1", anonymous: "anon-new", at: 50, id: "late",
                             traits: "{\"email\": \"kim@example.com\"}"))
        #expect(try test.strings("SELECT coalesce(user_id, '-') || '/' || coalesce(deleted_at, '-') FROM people ORDER BY id")
            == ["-/-", "-/-", "u1/\(Message.base + 100_000)"])
        #expect(try test.strings("SELECT kind || ':' || value FROM identities ORDER BY kind, value")
            == ["anon:anon-form", "anon:anon-new", "email:kim@example.com", "user:u1"])
        #expect(try test.strings("SELECT message_id FROM rejected") == ["late"])
        #expect(try test.count("SELECT count(*) FROM messages WHERE message_id = 'late'") == 0)
    }

    @Test func anAliasOlderThanATombstoneDoesNotBringTheUserBack() throws {
        let test = try TestStore()
        try test.ingest(
            Message.track("Order Completed", user: "u1", at: 1, id: "oc"),
            Message.track("User Deleted", user: "u1", at: 100, id: "del"),
            Message.alias(previous: "u1", user: "u1-renamed", at: 50, id: "late-alias"),
            Message.track("Product Viewed", user: "u1", at: 60, id: "late-view"))
        #expect(try test.strings("SELECT user_id || '/' || coalesce(deleted_at, '-') FROM people ORDER BY id")
            == ["u1/\(Message.base + 100_000)"])
        #expect(try test.strings("SELECT message_id FROM rejected ORDER BY id") == ["late-alias", "late-view"])
    }

    /// The newest events go with a User Deleted; the next event must not take their ids (the conversions
    /// outbox's high-water mark would take it for an event already looked at).
    @Test func theIdsOfDeletedEventsAreNeverGivenAgain() throws {
        let test = try TestStore()
        try test.ingest(
            Message.track("Product Viewed", user: "u0", at: 1, id: "a"),
            Message.track("Add to Cart", user: "u1", at: 2, id: "b"),
            Message.track("Add to Cart", user: "u1", at: 3, id: "c"))
        let newest = try test.count("SELECT max(id) FROM events")
        try test.ingest(Message.track("User Deleted", user: "u1", at: 4, id: "del"))
        #expect(try test.count("SELECT max(id) FROM events") < newest)
        try test.ingest(Message.track("Product Viewed", user: "u2", at: 5, id: "d"))
        #expect(try test.count("SELECT id FROM events WHERE message_id = 'd'") == newest + 1)
        // And a fresh store's people after the newest person merged away.
        try test.ingest(
            Message.track("Product Viewed", anonymous: "x", at: 6, id: "e"),
            Message.identify(user: "u2", anonymous: "x", at: 7, id: "f", traits: "{}"))
        let merged = try test.count("SELECT last FROM id_floors WHERE name = 'people'")
        try test.ingest(Message.track("Product Viewed", anonymous: "y", at: 8, id: "g"))
        #expect(try test.count(
            "SELECT p.id FROM people p JOIN identities i ON i.person_id = p.id WHERE i.value = 'y'") == merged + 1)
    }
}
