import SegmentLanguage
import Foundation

extension Store {
    /// Stores a batch of decoded messages and rejections in one transaction.
    ///
    /// A message whose `messageId` is already stored changes nothing and counts as a duplicate.
    /// Identity is resolved as each message arrives (see ``Store/person(userId:known:anonymousId:timestamp:)``),
    /// so the arrival order of an anonymous person's events and the identify that names them does not
    /// matter. Either the whole batch is committed or none of it.
    public func ingest(_ items: [IngestItem], receivedAt: Int64 = Store.wallClockMillis()) throws -> IngestCounts {
        try inIngestTransaction {
            try store(items, receivedAt: receivedAt)
        }
    }

    /// Runs `body` in a transaction; a rollback also forgets identities cached inside it.
    private func inIngestTransaction<T>(_ body: () throws -> T) throws -> T {
        try holdWriterLock()
        do {
            return try database.transaction {
                try checkIdentityCache()
                try readRowIds()
                return try body()
            }
        } catch {
            identityCache.clear()
            // The table may hold ids the rollback took back; lookups go to SQLite from here on.
            messageIds = nil
            throw error
        }
    }

    /// Stores several requests' items in one transaction (group commit) and returns each one's counts.
    ///
    /// When this returns, every group is committed: a server may acknowledge them all.
    public func ingest(groups: [[IngestItem]], receivedAt: Int64 = Store.wallClockMillis()) throws -> [IngestCounts] {
        try inIngestTransaction {
            try groups.map { try store($0, receivedAt: receivedAt) }
        }
    }

    /// Stores chunks as `next` hands them over, committing after at least `commitEvery` items, so
    /// that a long file is written in few large transactions while only one chunk is in memory.
    ///
    /// What was committed stays when `next` or the store throws; the current transaction rolls back.
    public func ingest(
        commitEvery: Int, receivedAt: Int64 = Store.wallClockMillis(), next: () throws -> [IngestItem]?
    ) throws -> IngestCounts {
        var counts = IngestCounts()
        var chunk = try next()
        while chunk != nil {
            counts += try inIngestTransaction {
                var inTransaction = IngestCounts()
                while let items = chunk {
                    inTransaction += try store(items, receivedAt: receivedAt)
                    chunk = nil
                    if inTransaction.read >= commitEvery { break }
                    chunk = try next()
                }
                return inTransaction
            }
            if chunk == nil { chunk = try next() }
        }
        return counts
    }

    private func store(_ items: [IngestItem], receivedAt: Int64) throws -> IngestCounts {
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
        let statements = try statements()
        let hash = Self.messageHash(message.messageId)
        if let messageIds {
            let stored = try messageIds.contains(hash: hash) { row in
                statements.messageAt.bind(row, at: 1)
                return try statements.messageAt.first { $0.string(0) } == message.messageId
            }
            if stored { return .duplicate }
        } else {
            statements.findMessage.bind(hash, at: 1)
            statements.findMessage.bind(message.messageId, at: 2)
            guard try statements.findMessage.first({ _ in true }) == nil else { return .duplicate }
        }
        // A message no newer than the tombstone of a user it names (its userId, or the previousId an alias
        // joins) is rejected before it is recorded or can link or merge anyone; a resend is rejected again.
        let known = try message.userId.flatMap { try lookup(.user, $0) }
        if let deletedAt = try tombstone(coveringAll: message, known: known) {
            return .rejected(Self.olderThanTombstone(deletedAt, message))
        }
        statements.insertMessage.bind(hash, at: 1)
        statements.insertMessage.bind(message.messageId, at: 2)
        statements.insertMessage.bind(message.kind.rawValue, at: 3)
        try statements.insertMessage.execute()
        let messageRow = database.lastInsertedRowID
        if messageIds?.insert(hash: hash, rowID: messageRow) == false { try buildMessageIndex() }

        var ref: PersonRef
        if message.kind == .alias {
            ref = try alias(message, known: known)
        } else {
            ref = try self.person(userId: message.userId, known: known, anonymousId: message.anonymousId,
                                  timestamp: message.timestamp)
        }
        let person = ref.id
        if let deletedAt = ref.deletedAt {
            guard message.timestamp > deletedAt else {
                return try rejectAsOlder(than: deletedAt, message, row: messageRow, hash: hash)
            }
            try database.run("UPDATE people SET deleted_at = NULL WHERE id = ?", [.integer(person)])
            ref.deletedAt = nil
            identityCache.remember(ref)
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

    /// The newest tombstone, among the users the message names (`known` is its userId's person), that is at
    /// least as new as the message.
    private func tombstone(coveringAll message: IngestMessage, known: PersonRef?) throws -> Int64? {
        var named = [known]
        if message.kind == .alias, let previousId = message.previousId { named.append(try lookup(.user, previousId)) }
        return named.compactMap { $0?.deletedAt }.filter { message.timestamp <= $0 }.max()
    }

    static func olderThanTombstone(_ deletedAt: Int64, _ message: IngestMessage) -> String {
        "the person was deleted by a User Deleted event at \(Timestamp.format(deletedAt)) "
            + "and this message is older (\(Timestamp.format(message.timestamp)))"
    }

    /// Takes back the message row of a message older than its person's tombstone, so that it stays unseen.
    private func rejectAsOlder(than deletedAt: Int64, _ message: IngestMessage, row: Int64, hash: Int64) throws -> Outcome {
        let statements = try statements()
        statements.deleteMessage.bind(row, at: 1)
        try statements.deleteMessage.execute()
        messageIds?.remove(hash: hash, rowID: row)
        return .rejected(Self.olderThanTombstone(deletedAt, message))
    }

    private func insertEvent(_ message: IngestMessage, person: Int64) throws {
        let statement = try statements().insertEvent
        statement.bind(RowIds.take(&rowIds.nextEvent), at: 1)
        statement.bind(person, at: 2)
        statement.bind(message.eventName ?? message.kind.rawValue, at: 3)
        statement.bind(message.timestamp, at: 4)
        statement.bind(message.kind.rawValue, at: 5)
        statement.bind(message.messageId, at: 6)
        statement.bind(message.value, at: 7)
        statement.bind(message.currency, at: 8)
        statement.bind(message.orderId, at: 9)
        statement.bind(message.properties, at: 10)
        statement.bind(message.context, at: 11)
        statement.bind(message.receivedAt, at: 12)
        try statement.execute()
    }

    /// A 64-bit FNV-1a hash of a message id, the key of the messages index.
    static func messageHash(_ id: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int64(bitPattern: hash)
    }

    /// Drops the identity cache when another connection has written since it was filled.
    private func checkIdentityCache() throws {
        let version = try database.scalar("PRAGMA data_version")?.int64 ?? 0
        if version != identityCache.dataVersion {
            identityCache.clear()
            identityCache.dataVersion = version
        }
    }

    /// Removes a person's attributes, identifiers (but the userId) and events, leaving a tombstone.
    private func delete(person: Int64, at timestamp: Int64) throws {
        let id = SQLValue.integer(person)
        try database.run("DELETE FROM events WHERE person_id = ?", [id])
        try database.run("DELETE FROM attributes WHERE person_id = ?", [id])
        let released = try database.query(
            "DELETE FROM identities WHERE person_id = ? AND kind <> 'user' RETURNING kind, value", [id]
        ) { (IdentityKind(rawValue: $0.string(0) ?? ""), $0.string(1) ?? "") }
        try database.run(
            "UPDATE people SET email = NULL, email_hash = NULL, phone = NULL, anonymous_id = NULL, deleted_at = ? "
                + "WHERE id = ?",
            [.integer(timestamp), id])
        // Only what the deletion changed leaves the cache: on a feed interleaved across people, clearing all of it
        // at every User Deleted sent the next thousands of messages to SQLite for their people.
        for (kind, value) in released { if let kind { identityCache.forget(kind, value) } }
        if var ref = try personRef(person) {
            ref.deletedAt = timestamp
            identityCache.remember(ref)
        }
        try readRowIds()
    }
}
