import Engine
import Testing

/// Each row of the meaning table of segment-language.md, with a fake clock: events submitted through real
/// ingest at offsets from `now`, evaluated through the Engine `as of` an instant, both edges of every
/// window. Every answer is also checked against the reference evaluator.
@Suite struct MeaningTableTests {
    static let now = Shop.now
    static let hour = Shop.hour
    static let day = Shop.day
    static let aliases = ["Purchased": ["Order Completed", "Purchase"]]

    /// A fixture in a real store, asked several rules.
    struct Case {
        let fixture: Fixture
        let harness: EngineHarness

        init(_ fixture: Fixture, segments: [String: String] = [:]) throws {
            self.fixture = fixture
            harness = try EngineHarness(fixture, segments: segments, aliases: MeaningTableTests.aliases)
        }

        func members(
            _ text: String, at now: Int64 = MeaningTableTests.now, sourceLocation: SourceLocation = #_sourceLocation
        ) throws -> Set<Int64> {
            try harness.agreedMembers(
                text, fixture: fixture, aliases: MeaningTableTests.aliases, at: now, sourceLocation: sourceLocation)
        }
    }

    /// Person i has one event `name` at `now + offsets[i]` (people 1...n, plus person 99 with none).
    static func oneEventEach(_ name: String, at offsets: [Int64]) -> Fixture {
        var fixture = Fixture()
        fixture.people = Array(1...Int64(offsets.count)) + [99]
        for (index, offset) in offsets.enumerated() {
            fixture.events.append(.init(person: Int64(index + 1), name: name, ts: now + offset, value: nil))
        }
        return fixture
    }

    @Test func everAndOnlyEventsUpToNow() throws {
        let test = try Case(Self.oneEventEach("X", at: [-1_000_000, 0, 1]))
        #expect(try test.members("X") == [1, 2])
        #expect(try test.members("X ever") == [1, 2])
        #expect(try test.members("NOT X") == [3, 99])
        // As of a later instant, the event after the first `now` exists.
        #expect(try test.members("X", at: Self.now + 1) == [1, 2, 3])
        #expect(try test.members("X", at: Self.now - 1_000_001) == [])
    }

    @Test func inLastEdges() throws {
        let test = try Case(Self.oneEventEach("X", at: [-24 * Self.hour, -24 * Self.hour + 1, 0, 1]))
        #expect(try test.members("X in last 24h") == [2, 3])
        #expect(try test.members("X in the last 1d") == [2, 3])
    }

    @Test func betweenEdges() throws {
        let test = try Case(
            Self.oneEventEach("X", at: [-24 * Self.hour, -24 * Self.hour + 1, -6 * Self.hour, -6 * Self.hour + 1]))
        #expect(try test.members("X between 6h and 24h ago") == [2, 3])
    }

    @Test func moreThanAgoEdges() throws {
        let test = try Case(Self.oneEventEach("X", at: [-90 * Self.day, -90 * Self.day + 1]))
        #expect(try test.members("X more than 90d ago") == [1])
    }

    @Test func sinceAndBeforeEdges() throws {
        let t: Int64 = 1_704_067_200_000  // 2024-01-01
        let test = try Case(Self.oneEventEach("X", at: [t - 1 - Self.now, t - Self.now, 1]))
        #expect(try test.members("X since 2024-01-01") == [2])
        #expect(try test.members("X before 2024-01-01") == [1])
        #expect(try test.members("X before 2025-01-01") == [1, 2])
        #expect(try test.members("X since 2024-01-01T00:00:00Z") == [2])
    }

    @Test func counts() throws {
        var fixture = Fixture()
        fixture.people = [1, 2, 3, 4]
        for (person, count) in [(1, 1), (2, 2), (3, 3)] {
            for index in 0..<count {
                fixture.events.append(
                    .init(person: Int64(person), name: "X", ts: Self.now - Int64(index + 1) * Shop.minute, value: nil))
            }
        }
        fixture.events.append(.init(person: 1, name: "X", ts: Self.now + 5, value: nil))  // after now: does not exist
        let test = try Case(fixture)
        #expect(try test.members("X at least 2 times") == [2, 3])
        #expect(try test.members("X 2+ times") == [2, 3])
        #expect(try test.members("X at most 2 times") == [1, 2, 4])
        #expect(try test.members("X exactly 0 times") == [4])
        #expect(try test.members("X exactly 1 times") == [1])
        #expect(try test.members("X at least 0 times") == [1, 2, 3, 4])
        // Events at 1, 2 and 3 minutes ago: "in last 2m" holds only the first (the old edge is open).
        #expect(try test.members("X at least 2 times in last 2m") == [])
        #expect(try test.members("X at least 2 times in last 3m") == [2, 3])
        #expect(try test.members("X exactly 1 times in last 2m") == [1, 2, 3])
        #expect(try test.members("count of X < 2") == [1, 4])
        #expect(try test.members("count of X != 2") == [1, 3, 4])
    }

    @Test func followedByEdges() throws {
        var fixture = Fixture()
        fixture.people = [1, 2, 3, 4, 5]
        let x = Self.now - 10 * Self.hour
        fixture.events += [
            .init(person: 1, name: "X", ts: x, value: nil), .init(person: 1, name: "Y", ts: x, value: nil),
            .init(person: 2, name: "X", ts: x, value: nil),
            .init(person: 2, name: "Y", ts: x + 6 * Self.hour, value: nil),
            .init(person: 3, name: "X", ts: x, value: nil),
            .init(person: 3, name: "Y", ts: x + 6 * Self.hour + 1, value: nil),
            .init(person: 4, name: "X", ts: Self.now - Self.hour, value: nil),
            .init(person: 4, name: "Y", ts: Self.now + 1, value: nil),
        ]
        let test = try Case(fixture)
        #expect(try test.members("X followed by Y within 6h") == [2])
        // Person 4's X is too recent to have had its 6 hours: it does not count either way.
        #expect(try test.members("X not followed by Y within 6h") == [1, 3])
        #expect(try test.members("X in last 2h not followed by Y within 1h") == [4])
        // Person 4's Y comes after now: as of now it does not exist, a millisecond later it follows.
        #expect(try test.members("X in last 2h followed by Y within 2h") == [])
        #expect(try test.members("X in last 2h followed by Y within 2h", at: Self.now + 1) == [4])
    }

    @Test func notFollowedByCountsOnlyAnXWhoseWindowHasElapsed() throws {
        var fixture = Fixture()
        fixture.people = [1, 2]
        fixture.events += [
            .init(person: 1, name: "X", ts: Self.now - 6 * Self.hour, value: nil),
            .init(person: 2, name: "X", ts: Self.now - 6 * Self.hour + 1, value: nil),
        ]
        let test = try Case(fixture)
        #expect(try test.members("X not followed by Y within 6h") == [1])
        #expect(try test.members("X not followed by Y within 6h", at: Self.now + 1) == [1, 2])
    }

    @Test func aggregatesOverNoEvents() throws {
        var fixture = Fixture()
        fixture.people = [1, 2, 3]
        fixture.events += [
            .init(person: 1, name: "Order Completed", ts: Self.now - 1, value: 250),
            .init(person: 1, name: "Purchase", ts: Self.now - 2, value: 100),
            .init(person: 2, name: "Purchased", ts: Self.now - 1, value: 1_000),  // not in the alias list
            .init(person: 3, name: "Order Completed", ts: Self.now - 1, value: nil),
        ]
        let test = try Case(fixture)
        #expect(try test.members("sum(value) of Purchased > 300") == [1])
        #expect(try test.members("sum(value) of Purchased < 100") == [2, 3])
        #expect(try test.members("sum(value) of Purchased in last 1m > 200") == [1])
        #expect(try test.members("avg(value) of Purchased < 200") == [1])
        #expect(try test.members("min(value) of Purchased >= 0") == [1])
        #expect(try test.members("max(value) of Purchased = 250") == [1])
        #expect(try test.members("count of Purchased = 0") == [2])
        #expect(try test.members("Purchased") == [1, 3])
    }

    @Test func notOverAnEmptyStoreAndDeletedPeople() throws {
        var fixture = Fixture()
        fixture.people = [1, 2]
        fixture.deleted = [2]
        fixture.events = [.init(person: 2, name: "X", ts: Self.now - 1, value: nil)]
        let test = try Case(fixture)
        #expect(try test.members("NOT X") == [1])
        #expect(try test.members("X at most 1 times") == [1])
        #expect(try test.members("NOT Y") == [1])
        let empty = try Case(Fixture())
        #expect(try empty.members("NOT X") == [])
        #expect(try empty.members("count of X = 0") == [])
        #expect(try empty.members("ltv is not set") == [])
    }

    @Test func segmentsAreInlined() throws {
        let test = try Case(Self.oneEventEach("X", at: [-1, -2 * Self.hour]), segments: ["recent": "X in last 1h"])
        #expect(try test.members("NOT in segment recent") == [2, 99])
        #expect(try test.members("in segment recent") == [1])
        #expect(try test.harness.members("recent") == [1])  // a segment name previews the segment
    }
}
