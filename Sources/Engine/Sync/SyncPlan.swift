import Store

/// What a sync would do at one instant: every audience's plan, evaluated together against one store state.
///
/// `segsync plan` prints it; ``SyncRunner`` carries it out. Its hashes wait in the store's TEMP diff table, so a
/// plan is used on the store (connection) that made it, before another plan replaces them.
public struct SyncPlan: Sendable, Equatable {
    /// The evaluation instant (ms).
    public var asOf: Int64
    /// The newest stored event's age at `asOf`, and the guard's verdict.
    public var staleness: Staleness
    /// Records per call.
    public var batchSize: Int
    /// One plan per audience, by segment name.
    public var audiences: [AudiencePlan]
    /// How long the evaluation and the diffs took, in milliseconds.
    public var elapsedMilliseconds: Int
    /// Audiences synced before whose segment is gone (or no longer names a Pinterest audience): their lists
    /// still hold the people last sent, and nothing keeps them true any more.
    public var unmanaged: [UnmanagedAudience] = []
    /// Warnings about the run as a whole (an audience to retire that was retired before).
    public var warnings: [String] = []

    /// Why the sync must not run: the data is stale and some audience is evaluated from it. A run that only
    /// retires audiences evaluates nothing (it removes what the ledger holds), so the data's age does not
    /// hold it back.
    public var refusal: StaleDataError? {
        audiences.contains { !$0.retiring } ? staleness.error : nil
    }

    public init(
        asOf: Int64, staleness: Staleness, batchSize: Int, audiences: [AudiencePlan], elapsedMilliseconds: Int
    ) {
        self.asOf = asOf
        self.staleness = staleness
        self.batchSize = batchSize
        self.audiences = audiences
        self.elapsedMilliseconds = elapsedMilliseconds
    }

    /// The report `segsync plan` prints: per audience what would be added and removed, and the calls it takes.
    public var report: SyncReport {
        SyncReport(
            plan: self, runID: nil, status: .planned,
            audiences: audiences.map { plan in
                var report = AudienceSyncReport(plan: plan)
                report.calls = plan.predictedCalls
                if let reason = plan.skipReason {
                    report.status = .skipped
                    report.reason = reason
                }
                return report
            })
    }
}
