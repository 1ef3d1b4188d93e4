import Foundation

extension Store {
    /// Stores a batch of decoded messages and rejections in one transaction.
    ///
    /// A message whose `messageId` is already stored changes nothing and counts as a duplicate.
    /// Identity is resolved as each message arrives (see ``Store/person(userId:anonymousId:timestamp:)``),
    /// so the arrival order of an anonymous person's events and the identify that names them does not
    /// matter. Either the whole batch is committed or none of it.
    public func ingest(_ items: [IngestItem], receivedAt: Int64 = Store.wallClockMillis()) throws -> IngestCounts {
        try database.transaction {
            var counts = IngestCounts()
            for item in items {
                counts.read += 1
                switch item {
                case .rejected(let rejection):
                    try keep(rejection, receivedAt: receivedAt)
                    counts.rejected += 1
                case .message(let message):
                    switch try store(message) {
                    case .stored: counts.stored += 1
                    case .duplicate: counts.duplicates += 1
                    case .rejected(let reason):
                        try keep(
                            Rejection(
                                source: "ingest", line: nil, reason: reason, messageId: message.messageId,
                                raw: "messageId \(message.messageId), type \(message.kind.rawValue)"),
                            receivedAt: receivedAt)
                        counts.rejected += 1
                    }
                }
            }
            return counts
        }
    }

    /// Keeps input that could not be stored, with its reason.
    public func keep(_ rejection: Rejection, receivedAt: Int64 = Store.wallClockMillis()) throws {
        try database.run(
            "INSERT INTO rejected (source, line, reason, message_id, raw, received_at) VALUES (?, ?, ?, ?, ?, ?)",
            [.text(rejection.source), rejection.line.map { .integer(Int64($0)) } ?? .null, .text(rejection.reason),
             rejection.messageId.sqlValue, .text(rejection.raw), .integer(receivedAt)])
    }

    enum Outcome: Equatable {
        case stored, duplicate, rejected(String)
    }

    /// Stores one message inside the caller's transaction.
    func store(_ message: IngestMessage) throws -> Outcome {
        let fresh = try database.run(
            "INSERT OR IGNORE INTO messages (message_id, type) VALUES (?, ?)",
            [.text(message.messageId), .text(message.kind.rawValue)])
        guard fresh == 1 else { return .duplicate }

        let person: Int64
        if message.kind == .alias {
            person = try alias(message)
        } else {
            person = try self.person(userId: message.userId, anonymousId: message.anonymousId,
                                     timestamp: message.timestamp)
        }
        if let deletedAt = try database.scalar("SELECT deleted_at FROM people WHERE id = ?", [.integer(person)])?.int64 {
            guard message.timestamp > deletedAt else {
                try database.run("DELETE FROM messages WHERE message_id = ?", [.text(message.messageId)])
                return .rejected(
                    "the person was deleted by a User Deleted event at \(Timestamp.format(deletedAt)) "
                        + "and this message is older (\(Timestamp.format(message.timestamp)))")
            }
            try database.run("UPDATE people SET deleted_at = NULL WHERE id = ?", [.integer(person)])
        }

        switch message.kind {
        case .identify:
            try apply(message.traits, to: person, at: message.timestamp)
        case .alias:
            break
        case .track where message.isUserDeleted:
            try delete(person: person, at: message.timestamp)
        case .track, .page, .screen, .group:
            try insertEvent(message, person: person)
        }
        return .stored
    }

    private func insertEvent(_ message: IngestMessage, person: Int64) throws {
        try database.run(
            """
            INSERT INTO events (person_id, name, ts, type, message_id, value, currency, order_id, properties,
                                context, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.integer(person), .text(message.eventName ?? message.kind.rawValue), .integer(message.timestamp),
             .text(message.kind.rawValue), .text(message.messageId), message.value.sqlValue,
             message.currency.sqlValue, message.orderId.sqlValue, .text(message.properties),
             message.context.sqlValue, message.receivedAt.sqlValue])
    }

    /// Removes a person's attributes, identifiers (but the userId) and events, leaving a tombstone.
    private func delete(person: Int64, at timestamp: Int64) throws {
        let id = SQLValue.integer(person)
        try database.run("DELETE FROM events WHERE person_id = ?", [id])
        try database.run("DELETE FROM attributes WHERE person_id = ?", [id])
        try database.run("DELETE FROM identities WHERE person_id = ? AND kind <> 'user'", [id])
        try database.run(
            "UPDATE people SET email = NULL, phone = NULL, anonymous_id = NULL, deleted_at = ? WHERE id = ?",
            [.integer(timestamp), id])
    }
}
