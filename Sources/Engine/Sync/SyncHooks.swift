import Store

/// A batch Pinterest acknowledged, as the hooks see it.
public struct SyncBatchEvent: Sendable, Equatable {
    /// The segment name.
    public var audience: String
    /// The batch, as planned.
    public var batch: PlannedBatch
    /// How many batches of the run were acknowledged before this one, for this and earlier audiences.
    public var acknowledgedBefore: Int
}

/// Points where tests step into a sync run, to interrupt it or crash it between any two batches.
///
/// Production code leaves them empty.
public struct SyncHooks: Sendable {
    /// Called when Pinterest has acknowledged a batch, before the ledger records it. Throwing ends the run at once
    /// with that error, leaving the store as a killed process would: the batch `sent`, the run `running`.
    public var beforeRecording: (@Sendable (SyncBatchEvent) async throws -> Void)?
    /// Called once the ledger has recorded a batch.
    public var afterRecording: (@Sendable (SyncBatchEvent) async -> Void)?

    public init(
        beforeRecording: (@Sendable (SyncBatchEvent) async throws -> Void)? = nil,
        afterRecording: (@Sendable (SyncBatchEvent) async -> Void)? = nil
    ) {
        self.beforeRecording = beforeRecording
        self.afterRecording = afterRecording
    }
}
