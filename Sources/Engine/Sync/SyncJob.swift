import Logging
import Pinterest
import Store

/// One `segsync sync`: plan every audience at an instant, refuse when the data is stale, else sync.
///
/// Hold the store's ``StoreLock`` (`.sync`) while a job runs: the ledger has one writer.
///
/// ```swift
/// let lock = try store.lock(for: .sync)
/// let job = SyncJob(store: store, catalog: catalog, settings: settings, client: client)
/// let report = try await job.run(at: Store.wallClockMillis())
/// if report.status == .refused { ... }
/// ```
public struct SyncJob {
    public let store: any SyncStore
    public let catalog: SegmentCatalog
    public let settings: SyncSettings
    public let client: PinterestClient
    public let stop: StopSignal
    public let hooks: SyncHooks
    public let logger: Logger

    public init(
        store: any SyncStore, catalog: SegmentCatalog, settings: SyncSettings, client: PinterestClient,
        stop: StopSignal = StopSignal(), hooks: SyncHooks = SyncHooks(), logger: Logger = Logger(label: "segsync.sync")
    ) {
        self.store = store
        self.catalog = catalog
        self.settings = settings
        self.client = client
        self.stop = stop
        self.hooks = hooks
        self.logger = logger
    }

    /// Plans at `now` and syncs, or records and reports a refusal when the newest event is older than
    /// ``SyncSettings/maxStaleness``.
    ///
    /// - Returns: The report; its status is `refused` when the guard stopped it (nothing was sent).
    /// - Throws: ``SyncError``, ``EvaluationError``, store errors.
    public func run(at now: Int64) async throws -> SyncReport {
        try store.markAbandonedSyncRuns()
        let planned = try SyncPlanner(store: store, catalog: catalog, settings: settings).plan(at: now)
        let plan = planned.plan
        if let stale = plan.refusal {
            logger.warning("sync.refused", metadata: ["sync.reason": "\(stale.description)"])
            let run = try store.beginSyncRun(asOf: now)
            var report = SyncReport(plan: plan, runID: run, status: .refused, audiences: plan.audiences.map {
                var audience = AudienceSyncReport(plan: $0)
                audience.status = .skipped
                audience.reason = "the data is stale"
                return audience
            })
            report.error = stale.description
            try store.finishSyncRun(run, status: .refused, audiences: report.audiences)
            return report
        }
        let runner = SyncRunner(store: store, client: client, stop: stop, hooks: hooks, logger: logger)
        return try await runner.run(planned)
    }
}
