import Engine
import Testing

/// How previews list members: by `userId`, else the first `anonymousId`; sorted by UTF-8 byte order;
/// each once; merged people as one; deleted people never.
@Suite struct MembersTests {
    static let now = Shop.now

    @Test func membersAreSortedByUTF8BytesEachOnce() throws {
        let users = ["éclair", "Zed", "apple", "10", "Émile", "9", "z"]
        let lines = users.enumerated().map { index, user in
            Shop.track("Viewed", user: user, at: Self.now - 1, id: "m\(index)")
        }
        let harness = try EngineHarness(lines: lines)
        let members = try harness.identifiers("Viewed")
        #expect(members == ["10", "9", "Zed", "apple", "z", "Émile", "éclair"])
        let bytes = members.map { Array($0.utf8) }
        #expect(bytes == bytes.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func anonymousPeopleAreListedByTheirFirstAnonymousId() throws {
        let harness = try EngineHarness(lines: [
            Shop.track("Viewed", anonymous: "anon-2", at: Self.now - 3, id: "m1"),
            Shop.track("Viewed", anonymous: "anon-1", at: Self.now - 2, id: "m2"),
            Shop.track("Viewed", user: "user-1", at: Self.now - 1, id: "m3"),
        ])
        #expect(try harness.identifiers("Viewed") == ["anon-1", "anon-2", "user-1"])
    }

    @Test func mergedPeopleAreOnePersonWithAllTheirEvents() throws {
        let harness = try EngineHarness(lines: [
            // Browsing anonymously, then identified: the anonymous events move over.
            Shop.track("Add to Cart", anonymous: "anon-a", at: Self.now - 3 * Shop.hour, id: "m1"),
            Shop.identify("alice", anonymous: "anon-a", at: Self.now - 2 * Shop.hour, traits: "{}", id: "m2"),
            Shop.track("Add to Cart", user: "alice", at: Self.now - Shop.hour, id: "m3"),
            // An alias joins another anonymous id to a known user.
            Shop.track("Add to Cart", anonymous: "anon-b", at: Self.now - 3 * Shop.hour, id: "m4"),
            Shop.track("Checkout Started", user: "bob", at: Self.now - 2 * Shop.hour, id: "m5"),
            Shop.alias(previous: "anon-b", user: "bob", at: Self.now - Shop.hour, id: "m6"),
        ])
        #expect(try harness.identifiers("Add to Cart 2+ times") == ["alice"])
        #expect(try harness.identifiers("Add to Cart followed by Checkout Started within 2h") == ["bob"])
        #expect(try harness.identifiers("Add to Cart") == ["alice", "bob"])
        #expect(try harness.preview("NOT Add to Cart").counts.count == 0)
    }

    @Test func deletedPeopleAreNeverMembers() throws {
        let harness = try EngineHarness(lines: [
            Shop.identify("gone", at: Self.now - 3, traits: "{\"ltv\": 500, \"email\": \"g@example.com\"}", id: "m1"),
            Shop.track("Viewed", user: "gone", at: Self.now - 2, id: "m2"),
            Shop.track("User Deleted", user: "gone", at: Self.now - 1, id: "m3"),
            Shop.identify("kept", at: Self.now - 3, traits: "{}", id: "m4"),
        ])
        #expect(try harness.identifiers("NOT Viewed") == ["kept"])
        #expect(try harness.identifiers("ltv is not set") == ["kept"])
        #expect(try harness.identifiers("Viewed ever OR ltv > 100") == [])
    }

    @Test func anIdentifierSharedByTwoPeopleIsListedOnce() throws {
        let harness = try EngineHarness(lines: [
            Shop.track("Viewed", user: "same", at: Self.now - 2, id: "m1"),
            Shop.track("Viewed", anonymous: "same", at: Self.now - 1, id: "m2"),
        ])
        let result = try harness.preview("Viewed", suppress: false)
        #expect(result.counts.count == 2)
        #expect(result.members == ["same"])
    }

    @Test func membersAreListedOnlyWhenAsked() throws {
        let harness = try EngineHarness(lines: [Shop.track("Viewed", user: "u", at: Self.now - 1, id: "m1")])
        #expect(try harness.preview("Viewed", listMembers: false).members == nil)
        #expect(try harness.preview("Viewed", listMembers: true).members == ["u"])
    }
}
