import Foundation
import Logging
import Pinterest
import Store

/// Carries out a ``SyncPlan`` on Pinterest: per audience, removals first, then additions, in batches; the customer
/// list and its `CUSTOMER_LIST` audience created (or adopted) on first use.
///
/// The ledger changes only when Pinterest has acknowledged a batch, in the same transaction that marks the batch
/// done, so a failed or interrupted run leaves the ledger at the last acknowledged batch and the next run sends
/// exactly what is still missing. One failed audience does not stop the others. A stop request (SIGINT, SIGTERM)
/// is honoured between two batches. Each run and batch is recorded for `segsync history`.
///
/// ```swift
/// let runner = SyncRunner(store: store, client: client)
/// let report = try await runner.run(try planner.plan(at: now))   // a PlannedSync: the plan and its hashes
/// ```
///
/// A runner uses its store from one task at a time, like the store itself.
public final class SyncRunner {
    public let store: any SyncStore
    public let client: PinterestClient
    public let stop: StopSignal
    public let hooks: SyncHooks
    let logger: Logger
    /// Batches acknowledged so far in the current run, over all audiences.
    var acknowledged = 0

    /// - Parameters:
    ///   - stop: Asked between batches whether to stop.
    ///   - hooks: Test hooks; empty in production.
    ///   - logger: Audience names and counts, never emails or hashes.
    public init(
        store: any SyncStore, client: PinterestClient, stop: StopSignal = StopSignal(), hooks: SyncHooks = SyncHooks(),
        logger: Logger = Logger(label: "segsync.sync")
    ) {
        self.store = store
        self.client = client
        self.stop = stop
        self.hooks = hooks
        self.logger = logger
    }

    /// Syncs every audience of a plan, sending the hashes it planned, recording the run and its batches.
    ///
    /// - Returns: The report, with status `ok`, `failed` (an audience failed) or `interrupted` (stopped).
    /// - Throws: Store errors, and whatever a test hook throws; Pinterest errors fail their audience only.
    public func run(_ planned: PlannedSync) async throws -> SyncReport {
        let plan = planned.plan
        let run = try store.beginSyncRun(asOf: plan.asOf)
        acknowledged = 0
        logger.info("sync.run.start", metadata: ["sync.run": "\(run)", "sync.audiences": "\(plan.audiences.count)"])
        var reports: [AudienceSyncReport] = []
        var interrupted = false
        for audience in plan.audiences {
            var report = AudienceSyncReport(plan: audience)
            let stopping = await stop.isRequested
            if interrupted || (stopping && !audience.needsNoCall) {
                interrupted = true
                report.status = .skipped
                report.reason = audience.retiring
                    ? "interrupted before its turn; run with --retire \(audience.name) again to retire it"
                    : "interrupted before its turn; the next run syncs it"
            } else {
                interrupted = try await sync(audience, hashes: planned.hashes, run: run, report: &report)
            }
            logger.info(
                "sync.audience",
                metadata: [
                    "sync.audience": "\(audience.name)", "sync.status": "\(report.status.rawValue)",
                    "sync.added": "\(report.added)", "sync.removed": "\(report.removed)",
                    "sync.calls": "\(report.calls)",
                ])
            reports.append(report)
        }
        let status: SyncRunStatus = interrupted ? .interrupted : reports.contains { $0.status == .failed } ? .failed : .ok
        let report = SyncReport(plan: plan, runID: run, status: SyncReport.Status(status), audiences: reports)
        try store.finishSyncRun(run, status: status, audiences: reports)
        return report
    }

    /// Syncs one audience; returns true when a stop request interrupted it.
    private func sync(
        _ plan: AudiencePlan, hashes: any SyncDiff, run: Int64, report: inout AudienceSyncReport
    ) async throws -> Bool {
        var plan = plan
        if plan.retiring {
            // Again, now that the run's other audiences recorded what they sent: what another audience's
            // ledger on the same list holds stays on it.
            plan.diff = try hashes.diffForRetirement(audience: plan.name)
            report.remove = plan.diff.remove
        }
        var machine = AudienceSyncMachine(
            listID: plan.record?.customerListId, audienceID: plan.record?.audienceId, schedule: plan.schedule,
            needsAudience: !plan.retiring)
        if !plan.retiring, machine.next() == .done, let reason = plan.skipReason {
            report.status = .skipped
            report.reason = reason
            return false
        }
        var record = plan.record ?? AudienceRecord(name: plan.name, pinterestName: plan.pinterestName)
        var cursors: [LedgerOperation: String] = [:]
        do {
            while true {
                let step = machine.next()
                let stopping = await stop.isRequested
                if step.callsPinterest, stopping {
                    report.status = .skipped
                    report.reason = "interrupted after \(report.added) added and \(report.removed) removed; "
                        + (plan.retiring ? "run with --retire \(plan.name) again to send the rest"
                            : "the next run sends the rest")
                    return true
                }
                if step.callsPinterest { report.calls += 1 }
                switch step {
                case .findList:
                    let found = try await client.findCustomerList(named: plan.pinterestName)
                    machine.listFound(found?.id)
                    if let found {
                        try keep(list: found.id, of: plan, in: &record)
                        logger.info("sync.list.adopted", metadata: ["sync.audience": "\(plan.name)",
                                                                    "sync.list": "\(found.id)"])
                    }
                case .createList(let batch):
                    let hashes = try hashes.batch(
                        audience: plan.name, operation: .add, after: cursors[.add], limit: batch.size)
                    let id = try store.recordCreateBatchSent(run: run, audience: plan.name, size: hashes.count)
                    let list = try await recordingFailure(of: id) {
                        try await client.createCustomerList(named: plan.pinterestName, records: hashes)
                    }
                    try keep(list: list.id, of: plan, in: &record)
                    try await acknowledge(id, batch, hashes: hashes, of: plan.name)
                    cursors[.add] = hashes.last
                    machine.listCreated(list.id)
                    report.added += hashes.count
                case .findAudience(let listID):
                    let found = try await client.findAudience(named: plan.pinterestName, customerListID: listID)
                    machine.audienceFound(found?.id)
                    if let found {
                        record.audienceId = found.id
                        try store.save(record)
                    }
                case .createAudience(let listID):
                    let audience = try await client.createAudience(named: plan.pinterestName, customerListID: listID)
                    machine.audienceCreated(audience.id)
                    record.audienceId = audience.id
                    try store.save(record)
                case .send(let batch, let listID):
                    let hashes = try hashes.batch(
                        audience: plan.name, operation: batch.operation, after: cursors[batch.operation],
                        limit: batch.size)
                    let id = try store.recordBatchSent(
                        run: run, audience: plan.name, operation: batch.operation, size: hashes.count)
                    _ = try await recordingFailure(of: id) {
                        try await client.updateCustomerList(
                            id: listID, operation: batch.operation == .add ? .add : .remove, records: hashes)
                    }
                    try await acknowledge(id, batch, hashes: hashes, of: plan.name)
                    cursors[batch.operation] = hashes.last
                    machine.batchDone()
                    if record.adAccountId != account {
                        // The list answered in this account (a record from before 0004 did not say which).
                        record.adAccountId = account
                        try store.save(record)
                    }
                    if batch.operation == .add { report.added += hashes.count } else { report.removed += hashes.count }
                case .forgetRemovals(let batch):
                    let hashes = try hashes.batch(
                        audience: plan.name, operation: .remove, after: cursors[.remove], limit: batch.size)
                    let id = try store.recordBatchSent(run: run, audience: plan.name, operation: .remove,
                                                       size: hashes.count)
                    try store.recordBatchAcknowledged(id, audience: plan.name, operation: .remove, hashes: hashes)
                    cursors[.remove] = hashes.last
                    machine.batchDone()
                    report.removed += hashes.count
                case .done:
                    report.customerListID = machine.listID
                    report.audienceID = machine.audienceID
                    if plan.retiring { try retire(plan, hashes: hashes, report: &report) }
                    return false
                }
            }
        } catch let error as PinterestError {
            report.status = .failed
            report.error = error.description
            report.customerListID = machine.listID
            report.audienceID = machine.audienceID
            var goneList: String?
            if let listID = Self.listOfFailedCall(machine.next(), status: error.status),
                record.adAccountId == account, await isDeleted(listID)
            {
                goneList = listID
            }
            if let listID = goneList, plan.retiring {
                // Retiring, and the list is gone with everyone on it: nothing is left to remove.
                try store.forgetAudience(named: plan.name)
                logger.warning("sync.audience.retired", metadata: [
                    "sync.audience": "\(plan.name)", "sync.list": "\(listID)", "sync.list.deleted": "true"])
                report.status = .ok
                report.error = nil
                report.reason = "its customer list \(listID) no longer exists on Pinterest; segsync forgot the audience"
                report.customerListID = nil
                report.audienceID = nil
            } else if let listID = goneList {
                // The list is gone (deleted on Pinterest), and with it everyone the ledger says it holds.
                let forgotten = try store.forgetCustomerList(audience: plan.name)
                logger.warning("sync.list.forgotten", metadata: [
                    "sync.audience": "\(plan.name)", "sync.list": "\(listID)", "sync.ledger": "\(forgotten)"])
                report.customerListID = nil
                report.audienceID = nil
                report.error = "\(error.description) The customer list \(listID) no longer exists on Pinterest; "
                    + "segsync forgot it and the \(forgotten) people its ledger held there, so the next sync "
                    + "creates a new list named \"\(plan.pinterestName)\" (or adopts one of that name) and sends "
                    + "every member again."
            }
            logger.warning("sync.audience.failed", metadata: ["sync.audience": "\(plan.name)",
                                                              "sync.error": "\(error.description)"])
            return false
        }
    }

    /// Forgets a retired audience once its removals are all acknowledged (the ledger is then empty, but for
    /// what another audience on the same list holds, which stays with that audience).
    private func retire(_ plan: AudiencePlan, hashes: any SyncDiff, report: inout AudienceSyncReport) throws {
        let left = try hashes.diffForRetirement(audience: plan.name).remove
        guard left == 0 else {
            // Cannot happen while the sync lock is held; never forget people who may be on the list.
            report.status = .failed
            report.error = "\(left) people of \(plan.name) are still on its ledger; "
                + "run with --retire \(plan.name) again"
            return
        }
        try store.forgetAudience(named: plan.name)
        logger.info("sync.audience.retired", metadata: [
            "sync.audience": "\(plan.name)", "sync.removed": "\(report.removed)"])
    }

    /// Records the customer list the audience now uses (adopted or created), named as the plan says, in the
    /// ad account in use.
    private func keep(list id: String, of plan: AudiencePlan, in record: inout AudienceRecord) throws {
        record.customerListId = id
        record.pinterestName = plan.pinterestName
        record.adAccountId = account
        try store.save(record)
    }

    /// The customer list a failed call was about, when its answer may mean the list is gone: a 404 on an
    /// update, or the 400 Pinterest answers when an audience is made of a list that does not exist (which
    /// would otherwise fail every later sync of an audience whose list went before its audience was made).
    static func listOfFailedCall(_ step: AudienceSyncMachine.Step, status: Int?) -> String? {
        switch (step, status) {
        case (.send(_, let listID), 404): listID
        case (.createAudience(let listID), 400), (.createAudience(let listID), 404): listID
        default: nil
        }
    }

    /// The ad account in use.
    private var account: String { client.configuration.adAccountID }

    /// Whether the customer list `id` is gone from the ad account in use, which answers: the account's lists are
    /// read and the id is not among them. A 404 alone could also mean a wrong ad account, and forgetting the
    /// ledger then would lose track of people who are on the list; so any failure here answers false. (The
    /// caller also requires that the list was last seen in this account.)
    private func isDeleted(_ id: String) async -> Bool {
        guard let lists = try? await client.listCustomerLists() else { return false }
        return !lists.contains { $0.id == id }
    }

    /// Runs a call; when it fails, records the batch as failed with the error, and rethrows.
    private func recordingFailure<T>(of batch: Int64, _ call: () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch let error as PinterestError {
            try store.recordBatchFailed(batch, error: error.description)
            throw error
        }
    }

    /// Records an acknowledged batch in the ledger, between the test hooks.
    private func acknowledge(_ id: Int64, _ batch: PlannedBatch, hashes: [String], of audience: String) async throws {
        let event = SyncBatchEvent(audience: audience, batch: batch, acknowledgedBefore: acknowledged)
        try await hooks.beforeRecording?(event)
        try store.recordBatchAcknowledged(id, audience: audience, operation: batch.operation, hashes: hashes)
        acknowledged += 1
        logger.debug("sync.batch", metadata: ["sync.audience": "\(audience)", "sync.batch.operation":
            "\(batch.operation.rawValue)", "sync.batch.size": "\(hashes.count)"])
        await hooks.afterRecording?(event)
    }
}
