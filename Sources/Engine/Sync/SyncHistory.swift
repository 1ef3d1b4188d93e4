import Store

/// `segsync history`: the recent sync runs and their batches, newest run first.
///
/// ```json
/// {"runs": [{"id": 7, "status": "ok", "as_of": "...", "started_at": "...", "finished_at": "...",
///   "audiences": [{"name": "carts", "status": "ok", "add": 120, ...}],
///   "batches": [{"audience": "carts", "operation": "REMOVE", "size": 44, "status": "acknowledged", ...}]}]}
/// ```
public struct SyncHistory: Sendable, Encodable {
    /// One run with its batches.
    public struct Run: Sendable, Encodable {
        public var record: SyncRunRecord
        public var batches: [SyncBatchRecord]

        enum CodingKeys: String, CodingKey {
            case id, status, audiences, batches
            case asOf = "as_of"
            case startedAt = "started_at"
            case finishedAt = "finished_at"
        }

        enum BatchKeys: String, CodingKey {
            case audience, operation, size, status, error
            case startedAt = "started_at"
            case acknowledgedAt = "acknowledged_at"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(record.id, forKey: .id)
            try container.encode(record.status, forKey: .status)
            try container.encode(Timestamp.format(record.asOf), forKey: .asOf)
            try container.encode(Timestamp.format(record.startedAt), forKey: .startedAt)
            try container.encode(record.finishedAt.map(Timestamp.format), forKey: .finishedAt)
            try container.encode(record.audiences, forKey: .audiences)
            var list = container.nestedUnkeyedContainer(forKey: .batches)
            for batch in batches {
                var item = list.nestedContainer(keyedBy: BatchKeys.self)
                try item.encode(batch.audience, forKey: .audience)
                try item.encode(batch.operation, forKey: .operation)
                try item.encode(batch.size, forKey: .size)
                try item.encode(batch.status, forKey: .status)
                try item.encodeIfPresent(batch.error, forKey: .error)
                try item.encode(Timestamp.format(batch.startedAt), forKey: .startedAt)
                try item.encode(batch.acknowledgedAt.map(Timestamp.format), forKey: .acknowledgedAt)
            }
        }
    }

    public var runs: [Run]

    /// The `limit` most recent runs (or only run `id`), with their batches.
    public init(store: any SyncStore, limit: Int, run id: Int64? = nil) throws {
        runs = try store.syncRuns(limit: limit, run: id).map {
            Run(record: $0, batches: try store.syncBatches(run: $0.id))
        }
    }

    /// A human-readable account: a line per run, its audiences, and a line per batch.
    public var text: String {
        guard !runs.isEmpty else { return "no sync run recorded yet" }
        var lines: [String] = []
        for run in runs {
            let record = run.record
            let finished = record.finishedAt.map { "finished \(Timestamp.format($0))" } ?? "not finished"
            lines.append("run \(record.id) as of \(Timestamp.format(record.asOf)): \(record.status.rawValue) "
                + "(started \(Timestamp.format(record.startedAt)), \(finished))")
            for audience in record.audiences { lines.append("  " + Self.line(audience)) }
            for batch in run.batches {
                var line = "    batch \(batch.audience) \(batch.operation.rawValue) \(batch.size): \(batch.status.rawValue)"
                if let error = batch.error { line += ": \(error)" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One line for an audience of a run: what it added and removed of what was planned, in how many calls.
    static func line(_ audience: AudienceSyncReport) -> String {
        var line = "\(audience.name): \(audience.status.rawValue), +\(audience.added) -\(audience.removed) of "
            + "+\(audience.add) -\(audience.remove) planned, \(audience.calls) calls"
        if audience.retiring == true { line += ", retiring (its people leave its list)" }
        if let error = audience.error { line += ": \(error)" }
        if let reason = audience.reason { line += ": \(reason)" }
        return line
    }
}
