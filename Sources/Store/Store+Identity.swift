import SegmentLanguage
extension Store {
    /// The person a message belongs to, creating or merging people as the identifiers require.
    ///
    /// - A userId seen before, or an anonymousId seen before, finds its person.
    /// - A message joining an anonymousId to a userId merges the anonymous person into the known one
    ///   (events, attributes and identifiers move over); two known people are never merged this way.
    /// - An anonymousId first seen with a userId, or a userId first seen with a known anonymous
    ///   person, joins them without creating anyone.
    ///
    /// `known` is the person `userId` names, as ``lookup(_:_:)`` gives it: the caller has looked it up already
    /// (for the tombstone check), and a userId seen for the first time would otherwise cost a second query.
    func person(userId: String?, known: PersonRef?, anonymousId: String?, timestamp: Int64) throws -> PersonRef {
        let anonymous = try anonymousId.flatMap { try lookup(.anonymous, $0) }
        switch (userId, known, anonymousId, anonymous) {
        case (.some, .some(let person), .some(let anonymousId), nil):
            try link(.anonymous, anonymousId, to: person.id)
            return person
        case (.some, .some(let person), .some, .some(let other)) where other.id != person.id:
            if other.userId == nil { try merge(other.id, into: person.id) }
            return person
        case (.some, .some(let person), _, _):
            return person
        case (.some(let userId), nil, _, .some(var other)) where other.userId == nil:
            try database.run("UPDATE people SET user_id = ? WHERE id = ?", [.text(userId), .integer(other.id)])
            other.userId = userId
            identityCache.remember(other)
            try link(.user, userId, to: other.id)
            return other
        case (.some(let userId), nil, let anonymousId, let anonymous):
            let fresh = anonymous == nil ? anonymousId : nil
            let person = try createPerson(userId: userId, anonymousId: fresh, at: timestamp)
            try link(.user, userId, to: person.id)
            if let fresh { try link(.anonymous, fresh, to: person.id) }
            return person
        case (nil, _, _, .some(let person)):
            return person
        case (nil, _, .some(let anonymousId), nil):
            let person = try createPerson(userId: nil, anonymousId: anonymousId, at: timestamp)
            try link(.anonymous, anonymousId, to: person.id)
            return person
        case (nil, _, nil, _):
            preconditionFailure("the decoder rejects messages with neither userId nor anonymousId")
        }
    }

    /// Joins `previousId` (an anonymousId or an earlier userId) to `userId`: its person merges into
    /// the userId's person, whoever they are.
    func alias(_ message: IngestMessage, known: PersonRef?) throws -> PersonRef {
        let target = try person(userId: message.userId, known: known, anonymousId: nil, timestamp: message.timestamp)
        guard let previousId = message.previousId else { return target }
        if let previous = try lookup(.user, previousId) ?? lookup(.anonymous, previousId) {
            if previous.id != target.id { try merge(previous.id, into: target.id) }
        } else {
            try link(.anonymous, previousId, to: target.id)
        }
        return target
    }

    enum IdentityKind: String {
        case user, anonymous = "anon", email
    }

    func statements() throws -> IngestStatements {
        if let ingestStatements { return ingestStatements }
        let statements = try IngestStatements(database)
        ingestStatements = statements
        return statements
    }

    /// The person an identifier points at, from the cache or the store.
    func lookup(_ kind: IdentityKind, _ value: String) throws -> PersonRef? {
        if let cached = identityCache.lookup(kind, value) { return cached }
        let statement = try statements().findPerson
        statement.bind(kind.rawValue, at: 1)
        statement.bind(value, at: 2)
        guard let person = try statement.first({ PersonRef(id: $0.int64(0) ?? 0, userId: $0.string(1),
                                                           deletedAt: $0.int64(2)) })
        else { return nil }
        identityCache.remember(kind, value, person.id)
        identityCache.remember(person)
        return person
    }

    /// The person with this id, from the cache or the store.
    func personRef(_ id: Int64) throws -> PersonRef? {
        if let cached = identityCache.person(id) { return cached }
        let person = try database.query("SELECT id, user_id, deleted_at FROM people WHERE id = ?", [.integer(id)]) {
            PersonRef(id: $0.int64(0) ?? 0, userId: $0.string(1), deletedAt: $0.int64(2))
        }.first
        if let person { identityCache.remember(person) }
        return person
    }

    func link(_ kind: IdentityKind, _ value: String, to person: Int64) throws {
        let statement = try statements().link
        statement.bind(kind.rawValue, at: 1)
        statement.bind(value, at: 2)
        statement.bind(person, at: 3)
        try statement.execute()
        identityCache.remember(kind, value, person)
    }

    private func createPerson(userId: String?, anonymousId: String?, at timestamp: Int64) throws -> PersonRef {
        try database.run(
            "INSERT INTO people (id, user_id, anonymous_id, created_at) VALUES (?, ?, ?, ?)",
            [RowIds.take(&rowIds.nextPerson).map(SQLValue.integer) ?? .null, userId.sqlValue, anonymousId.sqlValue,
             .integer(timestamp)])
        let person = PersonRef(id: database.lastInsertedRowID, userId: userId, deletedAt: nil)
        identityCache.remember(person)
        return person
    }

    /// Moves everything of `source` to `target` and deletes `source`. Attributes merge key by key,
    /// the value with the later timestamp winning (the target's on a tie).
    func merge(_ source: Int64, into target: Int64) throws {
        let from = SQLValue.integer(source)
        let to = SQLValue.integer(target)
        try database.run("UPDATE events SET person_id = ? WHERE person_id = ?", [to, from])
        try database.run("UPDATE identities SET person_id = ? WHERE person_id = ?", [to, from])
        try database.run(
            """
            INSERT INTO attributes (person_id, key_norm, key, value, num, str, time_ms, ts)
            SELECT ?, key_norm, key, value, num, str, time_ms, ts FROM attributes WHERE person_id = ? AND true
            ON CONFLICT (person_id, key_norm) DO UPDATE SET
                key = excluded.key, value = excluded.value, num = excluded.num, str = excluded.str,
                time_ms = excluded.time_ms, ts = excluded.ts
            WHERE excluded.ts > attributes.ts
            """, [to, from])
        try database.run("DELETE FROM attributes WHERE person_id = ?", [from])
        try database.run(
            """
            UPDATE people SET
                anonymous_id = coalesce(anonymous_id, (SELECT anonymous_id FROM people WHERE id = ?1)),
                created_at = min(created_at, (SELECT created_at FROM people WHERE id = ?1))
            WHERE id = ?2
            """, [from, to])
        try database.run("DELETE FROM people WHERE id = ?", [from])
        // The id is gone for good (migration 0007): the cache may keep pointing it at the target.
        try readRowIds()
        identityCache.merged(source, into: target)
        try refreshContactColumns(of: target)
    }

    /// Copies the current email and phone attributes into the person's row (`email`, `email_hash`, `phone`).
    /// The email identity is claimed separately (`claimEmail`, after an identify).
    func refreshContactColumns(of person: Int64) throws {
        let id = SQLValue.integer(person)
        try database.run(
            """
            UPDATE people SET
                email = (SELECT trim(str) FROM attributes WHERE person_id = ?1 AND key_norm = 'email'),
                email_hash = segsync_email_hash(
                    (SELECT str FROM attributes WHERE person_id = ?1 AND key_norm = 'email')),
                phone = (SELECT coalesce(str, CAST(num AS TEXT)) FROM attributes
                         WHERE person_id = ?1 AND key_norm = 'phone' AND value IS NOT NULL)
            WHERE id = ?1
            """, [id])
    }
}
