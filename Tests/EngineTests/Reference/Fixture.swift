/// People, events and attributes as plain values: turned into Customer.io messages for the real store, and
/// read directly by the ``ReferenceEvaluator``.
///
/// Person `n` is the Customer.io user `u<n>`. Every person gets an identify first (so that people without
/// events or attributes exist), then one identify per attribute in order (a later one wins), then their
/// events; deleted people get a `User Deleted` event after everything else.
struct Fixture {
    struct Event {
        var person: Int64
        var name: String
        var ts: Int64
        /// The event's value; sent as its `value` property.
        var value: Double?
        var properties: JSON = .object([])
    }

    struct Attribute {
        var person: Int64
        var key: String
        /// `nil` or `.null`: the trait is sent as null, which removes it.
        var value: JSON?
    }

    var people: [Int64] = []
    var deleted: Set<Int64> = []
    var events: [Event] = []
    var attributes: [Attribute] = []

    var live: [Int64] { people.filter { !deleted.contains($0) } }

    static func userId(_ person: Int64) -> String { "u\(person)" }

    /// The fixture as NDJSON lines of Customer.io messages, in the order they are to be ingested.
    func messages() -> [String] {
        let earliest = min(events.map(\.ts).min() ?? Shop.now, Shop.now) - Shop.day
        let latest = max(events.map(\.ts).max() ?? 0, earliest + Int64(attributes.count) + 10)
        var lines: [String] = []
        var sequence = 0
        func next() -> String {
            sequence += 1
            return "m\(sequence)"
        }
        for person in people {
            lines.append(Shop.identify(Fixture.userId(person), at: earliest, traits: "{}", id: next()))
        }
        for (index, attribute) in attributes.enumerated() {
            let value = attribute.value ?? .null
            let traits = JSON.object([(attribute.key, value)]).text
            lines.append(
                Shop.identify(Fixture.userId(attribute.person), at: earliest + Int64(index) + 1, traits: traits,
                              id: next()))
        }
        for event in events {
            var properties = event.properties
            if let value = event.value, case .object(var members) = properties {
                members.append(("value", .number(value)))
                properties = .object(members)
            }
            lines.append(
                Shop.track(event.name, user: Fixture.userId(event.person), at: event.ts, properties: properties.text,
                           id: next()))
        }
        for person in people where deleted.contains(person) {
            lines.append(Shop.track("User Deleted", user: Fixture.userId(person), at: latest + 1, id: next()))
        }
        return lines
    }
}
