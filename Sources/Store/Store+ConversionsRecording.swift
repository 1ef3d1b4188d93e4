import SegmentLanguage
/// Recording what the Conversions API run decided and what Pinterest answered: per-event outcomes, the cursor,
/// and the runs.
extension Store {
    /// Records outcomes in one transaction, each replacing what an earlier run recorded for the same event
    /// (a held event that is now sent, say).
    ///
    /// Outcomes of events deleted since they were read (a `User Deleted` event stored meanwhile) are dropped:
    /// there is nothing left to record them against.
    ///
    /// - Parameters:
    ///   - outcomes: The decisions, any order.
    ///   - run: The run that made them.
    ///   - at: When, milliseconds.
    public func recordConversionOutcomes(_ outcomes: [ConversionOutcome], run: Int64, at now: Int64) throws {
        guard !outcomes.isEmpty else { return }
        try database.transaction {
            for outcome in outcomes {
                try database.run(
                    """
                    INSERT INTO conversion_events (event_id, conversion, pinterest_id, status, reason, warning,
                        collapsed_into, product, ts, run_id, updated_at)
                    SELECT ?1, ?2, ?3, ?4, ?5, ?6, (SELECT id FROM events WHERE id = ?7), ?8, ?9, ?10, ?11
                    WHERE EXISTS (SELECT 1 FROM events WHERE id = ?1)
                    ON CONFLICT (event_id) DO UPDATE SET conversion = excluded.conversion,
                        pinterest_id = excluded.pinterest_id, status = excluded.status, reason = excluded.reason,
                        warning = excluded.warning, collapsed_into = excluded.collapsed_into,
                        product = excluded.product, ts = excluded.ts, run_id = excluded.run_id,
                        updated_at = excluded.updated_at
                    """,
                    [
                        .integer(outcome.eventID), .text(outcome.conversion), .text(outcome.pinterestID),
                        .text(outcome.status.rawValue), outcome.reason.sqlValue, outcome.warning.sqlValue,
                        outcome.collapsedInto.sqlValue, outcome.product.sqlValue, .integer(outcome.timestamp),
                        .integer(run), .integer(now),
                    ]
                )
            }
        }
    }

    /// Where the next run starts, `nil` before the first run that finished.
    public func conversionCursor() throws -> ConversionCursor? {
        try database.query("SELECT last_event_id, last_message_id, names FROM conversion_cursor WHERE id = 1") {
            ConversionCursor(lastEventID: $0.int64(0) ?? 0, lastMessageID: $0.string(1), names: $0.string(2) ?? "")
        }.first
    }

    /// Saves where the next run starts.
    public func saveConversionCursor(_ cursor: ConversionCursor, at now: Int64) throws {
        try database.run(
            """
            INSERT INTO conversion_cursor (id, last_event_id, last_message_id, names, updated_at)
            VALUES (1, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET last_event_id = excluded.last_event_id,
                last_message_id = excluded.last_message_id, names = excluded.names, updated_at = excluded.updated_at
            """,
            [.integer(cursor.lastEventID), cursor.lastMessageID.sqlValue, .text(cursor.names), .integer(now)]
        )
    }

    /// Starts a run; returns its id.
    public func beginConversionRun(test: Bool, at now: Int64) throws -> Int64 {
        try database.run(
            "INSERT INTO conversion_runs (started_at, test, status) VALUES (?, ?, ?)",
            [.integer(now), .integer(test ? 1 : 0), .text(ConversionRunStatus.running.rawValue)]
        )
        return database.lastInsertedRowID
    }

    /// Ends a run: `ok`, or `failed` with the error's one-line description; `summary` is JSON.
    public func finishConversionRun(_ run: Int64, failure: String?, summary: String, at now: Int64) throws {
        try database.run(
            "UPDATE conversion_runs SET finished_at = ?, status = ?, error = ?, summary = ? WHERE id = ?",
            [.integer(now), .text((failure == nil ? ConversionRunStatus.ok : .failed).rawValue), failure.sqlValue, .text(summary), .integer(run)]
        )
    }
}
