import SegmentLanguage
/// How many recorded events share a status and a reason.
public struct ConversionStatusCount: Sendable, Equatable {
    /// The status.
    public var status: ConversionOutcome.Status
    /// The reason (a check, or Pinterest's message for failed events), `nil` for processed ones.
    public var reason: String?
    /// How many events.
    public var count: Int

    /// Creates a count.
    public init(status: ConversionOutcome.Status, reason: String?, count: Int) {
        self.status = status
        self.reason = reason
        self.count = count
    }
}

/// What `segsync conversions status` reads.
extension Store {
    /// The recorded events counted by status and reason.
    public func conversionStatusCounts() throws -> [ConversionStatusCount] {
        try database.query(
            "SELECT status, reason, count(*) FROM conversion_events GROUP BY status, reason ORDER BY status, reason"
        ) { row in
            ConversionStatusCount(
                status: ConversionOutcome.Status(rawValue: row.string(0) ?? "") ?? .failed, reason: row.string(1),
                count: Int(row.int64(2) ?? 0)
            )
        }
    }

    /// The newest runs, newest first.
    public func conversionRuns(limit: Int) throws -> [ConversionRunRecord] {
        try database.query(
            """
            SELECT id, started_at, finished_at, test, status, error, summary FROM conversion_runs
            ORDER BY id DESC LIMIT ?
            """,
            [.integer(Int64(limit))]
        ) { row in
            let id = row.int64(0) ?? 0
            let text = row.string(4) ?? ""
            guard let status = ConversionRunStatus(rawValue: text) else {
                throw StoreError.unreadableRecord("conversions run \(id) has the unknown status '\(text)'", path: path)
            }
            return ConversionRunRecord(
                id: id, startedAt: row.int64(1) ?? 0, finishedAt: row.int64(2), test: row.int64(3) == 1,
                status: status, error: row.string(5), summary: row.string(6))
        }
    }

    /// How many events inside `scan` no run has decided about yet.
    public func undecidedConversionEventCount(_ scan: ConversionScan) throws -> Int {
        guard !scan.names.isEmpty else { return 0 }
        var values: [SQLValue] = [.integer(scan.startAfter), .integer(scan.upTo), .integer(scan.cursor)]
        values += [.integer(scan.floor)] + scan.names.map(SQLValue.text)
        return try database.count(
            """
            SELECT count(*) FROM events AS e NOT INDEXED
            WHERE e.id > ? AND e.id <= ? AND (e.id > ? OR e.ts >= ?)
              AND e.name IN (\(Self.conversionPlaceholders(scan.names)))
              AND NOT EXISTS (SELECT 1 FROM conversion_events AS c WHERE c.event_id = e.id)
            """,
            values
        )
    }
}
