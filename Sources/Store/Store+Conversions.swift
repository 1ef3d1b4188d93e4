import SegmentLanguage
/// Reading what the Conversions API run needs: the stored events it has not decided about yet, the events it
/// held back before, Add to Cart events for the collapse window, and each person's traits.
extension Store {
    /// The columns every source query selects, in ``sourceEvent(_:heldReason:)`` order.
    private static let sourceColumns = """
        e.id, e.person_id, e.name, e.ts, e.message_id, e.value, e.currency, e.order_id, e.properties, e.context,
        p.user_id, p.email, p.phone
        """

    /// The next page of events the run has not decided about, in id order: mapped names, inside the scan, with
    /// no `conversion_events` row.
    ///
    /// - Parameters:
    ///   - scan: Which events to look at.
    ///   - after: The last id of the previous page (0 for the first).
    ///   - limit: The most events to return.
    public func undecidedConversionEvents(_ scan: ConversionScan, after: Int64, limit: Int) throws
        -> [ConversionSourceEvent]
    {
        guard !scan.names.isEmpty else { return [] }
        let names = Self.conversionPlaceholders(scan.names)
        let sql = """
            SELECT \(Self.sourceColumns)
            FROM events AS e NOT INDEXED JOIN people AS p ON p.id = e.person_id
            WHERE e.id > ? AND e.id <= ? AND (e.id > ? OR e.ts >= ?) AND e.name IN (\(names))
              AND NOT EXISTS (SELECT 1 FROM conversion_events AS c WHERE c.event_id = e.id)
            ORDER BY e.id LIMIT ?
            """
        var values: [SQLValue] = [
            .integer(max(after, scan.startAfter)), .integer(scan.upTo), .integer(scan.cursor), .integer(scan.floor),
        ]
        values += scan.names.map(SQLValue.text)
        values.append(.integer(Int64(limit)))
        return try database.query(sql, values) { Self.sourceEvent($0, heldReason: nil) }
    }

    /// The next page of events an earlier run held back (`held`), in id order, whose names are still mapped.
    ///
    /// - Parameters:
    ///   - names: The mapped event names.
    ///   - upTo: The largest id of the run's snapshot.
    ///   - after: The last id of the previous page (0 for the first).
    ///   - limit: The most events to return.
    public func heldConversionEvents(names: [String], upTo: Int64, after: Int64, limit: Int) throws
        -> [ConversionSourceEvent]
    {
        guard !names.isEmpty else { return [] }
        let list = Self.conversionPlaceholders(names)
        let sql = """
            SELECT \(Self.sourceColumns), c.reason
            FROM conversion_events AS c JOIN events AS e ON e.id = c.event_id JOIN people AS p ON p.id = e.person_id
            WHERE c.status = 'held' AND c.event_id > ? AND c.event_id <= ? AND e.name IN (\(list))
            ORDER BY c.event_id LIMIT ?
            """
        var values: [SQLValue] = [.integer(after), .integer(upTo)]
        values += names.map(SQLValue.text)
        values.append(.integer(Int64(limit)))
        return try database.query(sql, values) { Self.sourceEvent($0, heldReason: $0.string(13)) }
    }

    /// The undecided events of `cartNames` inside `scan` that are at least as new as `since`, with their
    /// product (`product_id`, else `sku`): what the collapse window works on.
    public func undecidedCartEvents(_ scan: ConversionScan, cartNames: [String], since: Int64) throws
        -> [ConversionCartEvent]
    {
        guard !cartNames.isEmpty else { return [] }
        let sql = """
            SELECT e.id, e.person_id, e.ts,
                   coalesce(nullif(json_extract(e.properties, '$.product_id'), ''),
                            nullif(json_extract(e.properties, '$.sku'), ''))
            FROM events AS e
            WHERE e.name IN (\(Self.conversionPlaceholders(cartNames))) AND e.ts >= ?
              AND e.id > ? AND e.id <= ? AND (e.id > ? OR e.ts >= ?)
              AND NOT EXISTS (SELECT 1 FROM conversion_events AS c WHERE c.event_id = e.id)
            """
        var values = cartNames.map(SQLValue.text)
        values += [
            .integer(since), .integer(scan.startAfter), .integer(scan.upTo), .integer(scan.cursor),
            .integer(scan.floor),
        ]
        return try database.query(sql, values) { row in
            ConversionCartEvent(
                id: row.int64(0) ?? 0, personID: row.int64(1) ?? 0, product: row.string(3),
                timestamp: row.int64(2) ?? 0
            )
        }
    }

    /// The Add to Cart events earlier runs kept (processed, or held back) since `since`: the anchors of the
    /// collapse window.
    public func keptCartEvents(conversion: String, since: Int64) throws -> [ConversionCartEvent] {
        try database.query(
            """
            SELECT c.event_id, e.person_id, c.product, c.ts
            FROM conversion_events AS c JOIN events AS e ON e.id = c.event_id
            WHERE c.conversion = ? AND c.product IS NOT NULL AND c.ts >= ? AND c.status IN ('processed', 'held')
            """,
            [.text(conversion), .integer(since)]
        ) { row in
            ConversionCartEvent(
                id: row.int64(0) ?? 0, personID: row.int64(1) ?? 0, product: row.string(2),
                timestamp: row.int64(3) ?? 0
            )
        }
    }

    /// A person's current traits among `keys` (lowercased), as JSON text: for the hashed `user_data` fields.
    public func conversionTraits(of person: Int64, keys: [String]) throws -> [(key: String, json: String)] {
        guard !keys.isEmpty else { return [] }
        var values: [SQLValue] = [.integer(person)]
        values += keys.map(SQLValue.text)
        return try database.query(
            """
            SELECT key_norm, value FROM attributes
            WHERE person_id = ? AND value IS NOT NULL AND key_norm IN (\(Self.conversionPlaceholders(keys)))
            ORDER BY key_norm
            """,
            values
        ) { (key: $0.string(0) ?? "", json: $0.string(1) ?? "null") }
    }

    /// The newest stored event's id and `messageId`, `nil` when there is no event.
    public func newestEventReference() throws -> (id: Int64, messageID: String)? {
        try database.query("SELECT id, message_id FROM events ORDER BY id DESC LIMIT 1") {
            (id: $0.int64(0) ?? 0, messageID: $0.string(1) ?? "")
        }.first
    }

    /// The `messageId` of the event with this id, `nil` when there is none.
    public func messageID(ofEvent id: Int64) throws -> String? {
        try database.scalar("SELECT message_id FROM events WHERE id = ?", [.integer(id)])?.string
    }

    private static func sourceEvent(_ row: Row, heldReason: String?) -> ConversionSourceEvent {
        ConversionSourceEvent(
            id: row.int64(0) ?? 0, personID: row.int64(1) ?? 0, name: row.string(2) ?? "",
            timestamp: row.int64(3) ?? 0, messageID: row.string(4) ?? "", value: row.double(5),
            currency: row.string(6), orderID: row.string(7), properties: row.string(8) ?? "{}",
            context: row.string(9), userID: row.string(10), email: row.string(11), phone: row.string(12),
            heldReason: heldReason
        )
    }

    /// `?, ?, ?` for each of `values`.
    static func conversionPlaceholders(_ values: [some Any]) -> String {
        Array(repeating: "?", count: values.count).joined(separator: ", ")
    }
}
