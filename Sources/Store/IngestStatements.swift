/// The prepared statements of the ingest hot path, held directly so that storing a message costs
/// no statement lookup and no array of values.
final class IngestStatements {
    let findMessage: Statement
    let insertMessage: Statement
    let deleteMessage: Statement
    let messageAt: Statement
    let findPerson: Statement
    let insertEvent: Statement
    let upsertAttribute: Statement
    let link: Statement

    init(_ database: Database) throws(DatabaseError) {
        findMessage = try Statement(
            database: database, sql: "SELECT 1 FROM messages WHERE id_hash = ? AND message_id = ?")
        insertMessage = try Statement(
            database: database, sql: "INSERT INTO messages (id_hash, message_id, type) VALUES (?, ?, ?)")
        deleteMessage = try Statement(database: database, sql: "DELETE FROM messages WHERE id = ?")
        messageAt = try Statement(database: database, sql: "SELECT message_id FROM messages WHERE id = ?")
        findPerson = try Statement(
            database: database,
            sql: """
                SELECT p.id, p.user_id, p.deleted_at FROM identities i JOIN people p ON p.id = i.person_id
                WHERE i.kind = ? AND i.value = ?
                """)
        insertEvent = try Statement(
            database: database,
            sql: """
                INSERT INTO events (id, person_id, name, ts, type, message_id, value, currency, order_id, properties,
                                    context, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        upsertAttribute = try Statement(
            database: database,
            sql: """
                INSERT INTO attributes (person_id, key_norm, key, value, num, str, time_ms, ts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (person_id, key_norm) DO UPDATE SET
                    key = excluded.key, value = excluded.value, num = excluded.num, str = excluded.str,
                    time_ms = excluded.time_ms, ts = excluded.ts
                WHERE excluded.ts >= attributes.ts
                """)
        link = try Statement(
            database: database,
            sql: """
                INSERT INTO identities (kind, value, person_id) VALUES (?, ?, ?)
                ON CONFLICT (kind, value) DO UPDATE SET person_id = excluded.person_id
                """)
    }
}

/// A person as identity resolution needs them.
struct PersonRef: Equatable {
    var id: Int64
    var userId: String?
    var deletedAt: Int64?
}

/// Identifiers already resolved during this process, so that a person's tenth event costs no lookup.
///
/// Identifiers map to person ids, people to what resolution needs of them, and a merged-away
/// person to the one it merged into. The whole cache is trusted only while no other connection has
/// written (`PRAGMA data_version` is checked at the start of each ingest transaction); a deletion
/// clears it.
struct IdentityCache {
    private var ids: [Store.IdentityKind: [String: Int64]] = [:]
    private var people: [Int64: PersonRef] = [:]
    private var mergedInto: [Int64: Int64] = [:]
    private var size = 0
    var dataVersion: Int64 = -1
    static let capacity = 200_000

    func lookup(_ kind: Store.IdentityKind, _ value: String) -> PersonRef? {
        guard var id = ids[kind]?[value] else { return nil }
        while let target = mergedInto[id] { id = target }
        return people[id]
    }

    func person(_ id: Int64) -> PersonRef? { people[id] }

    mutating func remember(_ kind: Store.IdentityKind, _ value: String, _ id: Int64) {
        if size >= Self.capacity { clear() }
        if ids[kind, default: [:]].updateValue(id, forKey: value) == nil { size += 1 }
    }

    /// Forgets an identifier that points at no one any more.
    mutating func forget(_ kind: Store.IdentityKind, _ value: String) {
        ids[kind]?[value] = nil
    }

    mutating func remember(_ person: PersonRef) {
        if people.updateValue(person, forKey: person.id) == nil { size += 1 }
    }

    mutating func merged(_ source: Int64, into target: Int64) {
        people[source] = nil
        mergedInto[source] = target
        size += 1
    }

    mutating func clear() {
        ids.removeAll(keepingCapacity: true)
        people.removeAll(keepingCapacity: true)
        mergedInto.removeAll(keepingCapacity: true)
        size = 0
    }
}
