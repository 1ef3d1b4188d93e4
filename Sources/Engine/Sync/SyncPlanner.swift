import Logging
import Store
import SegmentLanguage

/// Plans a sync: evaluates the audience segments and their suppression at one instant, and diffs each
/// audience's members against its ledger, in the store.
///
/// ```swift
/// let planner = SyncPlanner(store: store, catalog: catalog, settings: settings)
/// let planned = try planner.plan(at: now)     // changes nothing the store keeps
/// print(planned.plan.report.text)
/// ```
public struct SyncPlanner {
    public let store: any SyncStore
    public let catalog: SegmentCatalog
    public let settings: SyncSettings
    let logger: Logger

    public init(
        store: any SyncStore, catalog: SegmentCatalog, settings: SyncSettings, logger: Logger = Logger(label: "segsync.sync")
    ) {
        self.store = store
        self.catalog = catalog
        self.settings = settings
        self.logger = logger
    }

    /// The audience segments the settings name, in the order given (every audience by name when none).
    ///
    /// - Throws: ``SyncError`` when a name is no segment or no audience, or the catalog holds no audience.
    public func audienceSegments() throws(SyncError) -> [Segment] {
        guard !settings.audiences.isEmpty else {
            let all = catalog.audiences
            // Retiring the last audience leaves none: that is no error.
            if all.isEmpty, settings.retire.isEmpty { throw SyncError(.noAudiences(source: catalog.source)) }
            return all
        }
        var seen: Set<String> = []
        return try settings.audiences.filter { seen.insert($0).inserted }.map { name throws(SyncError) in
            guard let segment = catalog.segment(named: name) else {
                throw SyncError(.unknownAudience(
                    name, suggestions: Suggestions.closest(to: name, among: catalog.audiences.map(\.name))))
            }
            guard segment.isAudience else { throw SyncError(.notAnAudience(name)) }
            return segment
        }
    }

    /// The audiences the store synced before that the catalog no longer holds as audiences, when they still
    /// have a list or people on one. (With `--audience`, the others are left out on purpose: not asked.)
    func unmanagedAudiences(records: [AudienceRecord]) throws -> [UnmanagedAudience] {
        let current = Set(catalog.audiences.map(\.name) + settings.retire)
        // Audience names are the records' primary key.
        let listOf = Dictionary(uniqueKeysWithValues: records.map { ($0.name, $0.customerListId) })
        // Ledgers are counted only for the few records left: a current audience's ledger may hold millions.
        return try records.filter { !current.contains($0.name) }.compactMap { record in
            let people = try store.ledgerCount(audience: record.name)
            guard record.customerListId != nil || people > 0 else { return nil }
            var unmanaged = UnmanagedAudience(
                name: record.name, pinterestName: record.pinterestName, customerListID: record.customerListId,
                people: people)
            // A current audience of the same Pinterest name adopts the list (or has already).
            unmanaged.sharedWith = catalog.audiences.filter { segment in
                (segment.audience ?? segment.name) == record.pinterestName
                    || (record.customerListId != nil && listOf[segment.name] == record.customerListId)
            }.map(\.name)
            return unmanaged
        }
    }

    /// The audiences to retire (`--retire`): each removes what its ledger holds (but what another audience's
    /// ledger on the same list holds). A name retired before is a warning, so that a command left with
    /// `--retire` in it goes on syncing the others.
    ///
    /// - Throws: ``SyncError`` when a name is no audience the store ever synced, or one a segment still makes.
    func retirementPlans(records: [AudienceRecord], hashes: any SyncDiff) throws -> (plans: [AudiencePlan], warnings: [String]) {
        guard !settings.retire.isEmpty else { return ([], []) }
        let current = Set(catalog.audiences.map(\.name))
        var seen: Set<String> = []
        var plans: [AudiencePlan] = []
        var warnings: [String] = []
        for name in settings.retire where seen.insert(name).inserted {
            if current.contains(name) { throw SyncError(.retiringCurrent(name)) }
            guard let record = records.first(where: { $0.name == name }) else {
                if try store.hasSyncBatches(audience: name) {
                    warnings.append("--retire \(name): already retired, nothing is left of it; drop --retire \(name)")
                    continue
                }
                let retirable = records.map(\.name).filter { !current.contains($0) }
                throw SyncError(.unknownRetired(name, suggestions: Suggestions.closest(to: name, among: retirable)))
            }
            var plan = AudiencePlan(
                name: name, pinterestName: record.pinterestName, counts: AudienceCounts(),
                diff: try hashes.diffForRetirement(audience: name), record: record, batchSize: settings.batchSize)
            plan.retiring = true
            plans.append(plan)
        }
        return (plans, warnings)
    }

    /// Plans every audience at `now`: one evaluation of all of them and of the suppression segments, on one
    /// snapshot of the store, then one diff against the ledger each, kept in the store for the sync.
    ///
    /// - Parameter now: The evaluation instant in milliseconds.
    /// - Throws: ``SyncError``, ``EvaluationError``, store errors.
    public func plan(at now: Int64) throws -> PlannedSync {
        let segments = try audienceSegments()
        let clock = ContinuousClock()
        let start = clock.now
        let evaluator = try SegmentEvaluator(store: store, catalog: catalog, now: now)
        let hashes = try store.makeSyncDiff()
        return try store.snapshot {
            let newest = try store.newestEventTimestamp()
            let materialized = try evaluator.materialize(segments.map { .segment($0.name) })
            logger.debug("sync.plan.evaluated", metadata: [
                "sync.audiences": "\(segments.count)", "sync.elapsed_ms": "\((clock.now - start).milliseconds)"])
            var plans: [AudiencePlan] = []
            for (segment, audience) in zip(segments, materialized) {
                let diffStart = clock.now
                let diff = try hashes.diff(audience.members, audience: segment.name)
                logger.debug("sync.plan.diffed", metadata: [
                    "sync.audience": "\(segment.name)", "sync.elapsed_ms": "\((clock.now - diffStart).milliseconds)"])
                plans.append(AudiencePlan(
                    name: segment.name, pinterestName: segment.audience ?? segment.name, counts: audience.counts,
                    diff: diff, record: try store.audience(named: segment.name), batchSize: settings.batchSize))
            }
            let records = try store.audienceRecords()
            let retirement = try retirementPlans(records: records, hashes: hashes)
            plans += retirement.plans
            let unmanaged = settings.audiences.isEmpty ? try unmanagedAudiences(records: records) : []
            var plan = SyncPlan(
                asOf: now, staleness: Staleness(newestEvent: newest, now: now, limit: settings.maxStaleness),
                batchSize: settings.batchSize, audiences: plans, elapsedMilliseconds: (clock.now - start).milliseconds)
            plan.unmanaged = unmanaged
            plan.warnings = retirement.warnings
            return PlannedSync(plan: plan, hashes: hashes)
        }
    }
}
