extension Store {
    /// Where ingest numbers its next new person and event, so that no id ever comes back.
    ///
    /// SQLite gives a new row `max(id) + 1`: after the newest person is merged away, or the newest events go
    /// with a User Deleted, their ids would be handed out again, and whatever still remembered them (the
    /// identity cache's merged-into map, above all) would take the newcomer for the row that was deleted.
    /// Migration 0007 keeps the highest id ever deleted from each table in `id_floors`; while a table's
    /// newest row is at or below that floor, the next insert names its id (floor + 1) instead of letting
    /// SQLite choose. One named insert lifts the table's maximum above the floor, so after it SQLite's own
    /// numbering is safe again.
    struct RowIds {
        /// The id the next person must get, or nil when SQLite's choice is already above the floor.
        var nextPerson: Int64?
        /// The same for events.
        var nextEvent: Int64?

        /// Takes the named id of the next row (nil: let SQLite choose) and forgets it: one named row is enough.
        static func take(_ next: inout Int64?) -> Int64? {
            defer { next = nil }
            return next
        }
    }

    /// Reads the floors and the newest ids again: at the start of each ingest transaction (another connection
    /// may have deleted rows) and after this store deleted people or events.
    func readRowIds() throws {
        let row = try database.query(
            """
            SELECT (SELECT last FROM id_floors WHERE name = 'people'), (SELECT max(id) FROM people),
                   (SELECT last FROM id_floors WHERE name = 'events'), (SELECT max(id) FROM events)
            """
        ) { row -> [Int64] in (0..<4).map { row.int64($0) ?? 0 } }.first ?? [0, 0, 0, 0]
        rowIds.nextPerson = row[1] <= row[0] ? row[0] + 1 : nil
        rowIds.nextEvent = row[3] <= row[2] ? row[2] + 1 : nil
    }
}
