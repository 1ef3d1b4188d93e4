import CustomerIO
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
            try container.encode(JSONValue(parsing: record.summary ?? "[]"), forKey: .audiences)
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
    public init(store: Store, limit: Int, run id: Int64? = nil) throws {
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
            lines.append("run \(record.id) as of \(Timestamp.format(record.asOf)): \(record.status) "
                + "(started \(Timestamp.format(record.startedAt)), \(finished))")
            for audience in Self.audienceLines(record.summary) { lines.append("  " + audience) }
            for batch in run.batches {
                var line = "    batch \(batch.audience) \(batch.operation) \(batch.size): \(batch.status)"
                if let error = batch.error { line += ": \(error)" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One line per audience of a run's summary.
    static func audienceLines(_ summary: String?) -> [String] {
        guard case .array(let audiences) = JSONValue(parsing: summary ?? "[]") else { return [] }
        return audiences.compactMap { value in
            guard case .object(let audience) = value else { return nil }
            let text = { (key: String) -> String? in
                if case .string(let text) = audience[key] { return text }
                return nil
            }
            let number = { (key: String) -> String in
                if case .integer(let number) = audience[key] { return String(number) }
                return "?"
            }
            var line = "\(text("name") ?? "?"): \(text("status") ?? "?"), "
                + "+\(number("added")) -\(number("removed")) of +\(number("add")) -\(number("remove")) planned, "
                + "\(number("calls")) calls"
            if case .bool(true) = audience["retiring"] { line += ", retiring (its people leave its list)" }
            if let error = text("error") { line += ": \(error)" }
            if let reason = text("reason") { line += ": \(reason)" }
            return line
        }
    }
}
