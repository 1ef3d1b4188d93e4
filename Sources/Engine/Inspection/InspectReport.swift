import Store

/// `segsync inspect`: what the store holds, and one person in detail when one was asked for.
///
/// The JSON is the counts' object, with `person` added when one was looked up (null when none has the
/// identifier).
public struct InspectReport: Sendable, Encodable {
    /// The store's counts.
    public var counts: StoreInspection
    /// The person looked up; nil when none was asked for or none has the identifier.
    public var person: PersonInspection?
    /// Whether a person was asked for.
    public var lookedUp: Bool

    /// Reads the counts, and the person with userId `user` or else anonymousId `anonymousId` when given.
    public init(store: any InspectionStore, user: String? = nil, anonymousId: String? = nil) throws {
        counts = try store.inspection()
        let identifier = user ?? anonymousId
        lookedUp = identifier != nil
        person = try identifier.flatMap { try store.inspectPerson($0, anonymous: user == nil) }
    }

    enum CodingKeys: String, CodingKey {
        case person
    }

    public func encode(to encoder: any Encoder) throws {
        try counts.encode(to: encoder)
        guard lookedUp else { return }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(person, forKey: .person)
    }

    /// The counts, a line per event name, then the person's identifiers, attributes and events.
    public var text: String {
        var lines = [
            "\(counts.people) people (\(counts.identified) identified, \(counts.anonymous) anonymous, "
                + "\(counts.deleted) deleted), \(counts.messages) messages, \(counts.events) events, "
                + "\(counts.rejected) rejected"
        ]
        for (name, count) in counts.eventsByName.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(name): \(count)")
        }
        if let person {
            lines.append("person \(person.userId ?? "(anonymous)")\(person.isDeleted ? " (deleted)" : "")")
            lines.append("  anonymous ids: \(person.anonymousIds.joined(separator: ", "))")
            lines.append("  emails: \(person.emails.joined(separator: ", "))")
            for (key, value) in person.attributes.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(key) = \(value.jsonText)")
            }
            for event in person.events {
                lines.append("  \(event.timestamp) \(event.name) \(event.messageId)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
