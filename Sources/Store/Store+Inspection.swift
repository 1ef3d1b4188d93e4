import SegmentLanguage
import Foundation

/// What a store holds, in numbers, for `segsync inspect` and scripts that check a store.
public struct StoreInspection: Sendable, Encodable, Equatable {
    /// People not deleted, identified or not.
    public var people: Int
    /// People not deleted with a userId, and without one.
    public var identified: Int
    public var anonymous: Int
    /// Tombstones left by `User Deleted` events.
    public var deleted: Int
    /// Messages stored, every type (each messageId once).
    public var messages: Int
    /// Events (track, page, screen, group), in all and by name.
    public var events: Int
    public var eventsByName: [String: Int]
    /// Inputs kept in the rejected table.
    public var rejected: Int

    enum CodingKeys: String, CodingKey {
        case people, identified, anonymous, deleted, messages, events, rejected
        case eventsByName = "events_by_name"
    }
}

/// One person as the store holds them: identifiers, attributes and events.
public struct PersonInspection: Sendable, Encodable, Equatable {
    /// Their userId, and every anonymousId joined to them.
    public var userId: String?
    public var anonymousIds: [String]
    /// The normalised (trimmed, lowercased) emails that identify them.
    public var emails: [String]
    /// The current email and phone traits, as sent.
    public var email: String?
    public var phone: String?
    /// True for a tombstone.
    public var isDeleted: Bool
    /// Attribute values by key as last sent; `null` for an attribute removed by a null trait.
    public var attributes: [String: JSONValue]
    /// Their events, oldest first.
    public var events: [Event]

    /// One stored event.
    public struct Event: Sendable, Encodable, Equatable {
        /// The event name (`page`, `screen`, `group` for those types) and the message type.
        public var name: String
        public var type: String
        /// ISO-8601, and the same instant in milliseconds.
        public var timestamp: String
        public var timestampMs: Int64
        public var messageId: String
        /// When the server received it, for messages that came through `segsync serve`.
        public var receivedAtMs: Int64?

        enum CodingKeys: String, CodingKey {
            case name, type, timestamp
            case timestampMs = "timestamp_ms"
            case messageId = "message_id"
            case receivedAtMs = "received_at_ms"
        }
    }

    enum CodingKeys: String, CodingKey {
        case email, phone, attributes, events, emails
        case userId = "user_id"
        case anonymousIds = "anonymous_ids"
        case isDeleted = "deleted"
    }
}

extension Store {
    /// Counts of what the store holds.
    public func inspection() throws -> StoreInspection {
        let summary = try summary()
        return StoreInspection(
            people: summary.people, identified: summary.identified, anonymous: summary.anonymous,
            deleted: summary.deleted, messages: try database.count("SELECT count(*) FROM messages"),
            events: summary.events, eventsByName: summary.eventsByName, rejected: summary.rejected)
    }

    /// The person a userId (or, when `anonymous` is true, an anonymousId) identifies, or nil.
    public func inspectPerson(_ identifier: String, anonymous: Bool) throws -> PersonInspection? {
        let kind = (anonymous ? IdentityKind.anonymous : IdentityKind.user).rawValue
        guard
            let id = try database.scalar(
                "SELECT person_id FROM identities WHERE kind = ? AND value = ?", [.text(kind), .text(identifier)])?
                .int64
        else { return nil }
        let person = SQLValue.integer(id)
        var identities: [String: [String]] = [:]
        try database.forEach("SELECT kind, value FROM identities WHERE person_id = ? ORDER BY kind, value", [person]) {
            identities[$0.string(0) ?? "", default: []].append($0.string(1) ?? "")
        }
        var attributes: [String: JSONValue] = [:]
        try database.forEach("SELECT key, value FROM attributes WHERE person_id = ? ORDER BY key", [person]) {
            attributes[$0.string(0) ?? ""] = $0.string(1).map(JSONValue.init(parsing:)) ?? .null
        }
        let events = try database.query(
            "SELECT name, type, ts, message_id, received_at FROM events WHERE person_id = ? ORDER BY ts, id", [person]
        ) { row in
            PersonInspection.Event(
                name: row.string(0) ?? "", type: row.string(1) ?? "", timestamp: Timestamp.format(row.int64(2) ?? 0),
                timestampMs: row.int64(2) ?? 0, messageId: row.string(3) ?? "", receivedAtMs: row.int64(4))
        }
        let row = try database.query(
            "SELECT user_id, email, phone, deleted_at IS NOT NULL FROM people WHERE id = ?", [person]
        ) { ($0.string(0), $0.string(1), $0.string(2), ($0.int64(3) ?? 0) != 0) }.first
        return PersonInspection(
            userId: row?.0, anonymousIds: identities[IdentityKind.anonymous.rawValue] ?? [],
            emails: identities[IdentityKind.email.rawValue] ?? [], email: row?.1, phone: row?.2,
            isDeleted: row?.3 ?? false, attributes: attributes, events: events)
    }
}
