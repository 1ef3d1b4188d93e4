import Store

/// A sync's plan and the hashes it planned, which the store holds until this value (and its copies) goes.
public struct PlannedSync {
    /// What each audience holds, should hold, and the calls that takes.
    public var plan: SyncPlan
    /// The hashes to add and remove, per audience, read in batches by the sync.
    public let hashes: any SyncDiff

    public init(plan: SyncPlan, hashes: any SyncDiff) {
        self.plan = plan
        self.hashes = hashes
    }
}
