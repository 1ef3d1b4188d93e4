import Store

/// What `segsync plan` and `segsync sync` report (cli.md), plus the run, the staleness and the timing.
///
/// ```json
/// {"as_of": "2026-11-29T12:00:00Z", "run_id": 7, "status": "ok", "batch_size": 1000,
///  "newest_event": "2026-11-29T11:58:02Z", "newest_event_age_seconds": 118, "elapsed_ms": 840,
///  "audiences": [{"name": "cart_abandoners_6_24h", "members": 812, ..., "status": "ok"}]}
/// ```
public struct SyncReport: Sendable, Equatable, Encodable {
    /// The evaluation instant (ms).
    public var asOf: Int64
    /// The run's id in `sync_runs` (nil for a plan).
    public var runID: Int64?
    /// How the plan or run stands.
    public enum Status: String, Sendable, Equatable, Encodable {
        /// A plan: nothing was sent.
        case planned
        case ok
        /// An audience failed.
        case failed
        /// Stopped by a signal.
        case interrupted
        /// Refused to sync because the data is stale.
        case refused

        /// The status of a run that ended so.
        public init(_ run: SyncRunStatus) {
            switch run {
            case .running, .interrupted: self = .interrupted
            case .ok: self = .ok
            case .failed: self = .failed
            case .refused: self = .refused
            }
        }
    }

    public var status: Status
    public var batchSize: Int
    public var staleness: Staleness
    /// Why the run refused to start, when it did.
    public var error: String?
    public var audiences: [AudienceSyncReport]
    /// Planning and sending, in milliseconds.
    public var elapsedMilliseconds: Int
    /// Audiences synced before whose segment no longer makes them one; each is a warning.
    public var unmanaged: [UnmanagedAudience]
    /// The plan's own warnings, before the audiences'.
    public var planWarnings: [String]

    public init(plan: SyncPlan, runID: Int64?, status: Status, audiences: [AudienceSyncReport]) {
        asOf = plan.asOf
        self.runID = runID
        self.status = status
        batchSize = plan.batchSize
        staleness = plan.staleness
        self.audiences = audiences
        elapsedMilliseconds = plan.elapsedMilliseconds
        unmanaged = plan.unmanaged
        planWarnings = plan.warnings
    }

    /// Every warning, for standard error: the plan's, each audience's, then each unmanaged audience's.
    public var warnings: [String] {
        planWarnings + audiences.flatMap(\.warnings) + unmanaged.map(\.warning)
    }

    /// Whether any audience failed (the command then exits with status 1).
    public var anyFailed: Bool { audiences.contains { $0.status == .failed } }

    enum CodingKeys: String, CodingKey {
        case status, audiences, error
        case asOf = "as_of"
        case runID = "run_id"
        case batchSize = "batch_size"
        case newestEvent = "newest_event"
        case newestEventAge = "newest_event_age_seconds"
        case maxStaleness = "max_staleness"
        case elapsedMilliseconds = "elapsed_ms"
        case unmanaged = "unmanaged_audiences"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Timestamp.format(asOf), forKey: .asOf)
        try container.encodeIfPresent(runID, forKey: .runID)
        try container.encode(status, forKey: .status)
        try container.encode(batchSize, forKey: .batchSize)
        try container.encode(staleness.newestEvent.map(Timestamp.format), forKey: .newestEvent)
        try container.encode(staleness.age.map { $0 / 1000 }, forKey: .newestEventAge)
        try container.encodeIfPresent(staleness.limit?.text, forKey: .maxStaleness)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encode(elapsedMilliseconds, forKey: .elapsedMilliseconds)
        try container.encode(audiences, forKey: .audiences)
        if !unmanaged.isEmpty { try container.encode(unmanaged, forKey: .unmanaged) }
    }

    /// A human-readable account.
    public var text: String {
        var lines: [String] = []
        let head = runID.map { "sync run \($0)" } ?? "plan"
        lines.append("\(head) as of \(Timestamp.format(asOf)): \(status.rawValue)")
        if let newest = staleness.newestEvent, let age = staleness.age {
            lines.append("newest event \(Timestamp.format(newest)), \(Staleness.describe(milliseconds: age)) old")
        } else {
            lines.append("no event stored yet")
        }
        if let error { lines.append("error: \(error)") }
        for audience in audiences {
            lines.append("  " + audience.line)
            lines += audience.warnings.map { "    warning: \($0)" }
        }
        lines += unmanaged.map { "warning: \($0.warning)" }
        lines += planWarnings.map { "warning: \($0)" }
        return lines.joined(separator: "\n")
    }
}
