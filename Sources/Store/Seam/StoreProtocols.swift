/// The operations the stages (Engine) ask of a store, as protocols a second kind of store implements beside the
/// SQLite ``Store``: ``SegmentStore`` (evaluation), ``SyncStore`` (audiences, the ledger, sync runs),
/// ``ConversionStore`` (the Conversions API outbox) and ``InspectionStore`` (counts, vocabulary, rejections).
/// ``SegsyncStore`` is all of them. Ingest is not behind the seam yet: `FileIngestor` and the ingest server
/// write through ``Store`` itself.
///
/// Every method is a whole operation with its own transaction where it writes (a ledger change and the batch
/// it acknowledges commit together); values come back as the record types of this module, never as rows.
public typealias SegsyncStore = SyncStore & ConversionStore & InspectionStore

/// A lock held while the value lives (a file lock beside an SQLite store).
public protocol RunLock: AnyObject {}

/// A store that keeps kinds of runs to one at a time.
public protocol RunLocking: AnyObject {
    /// Takes the lock for `purpose` (one sync, one conversions run at a time), held while the value lives.
    ///
    /// - Throws: ``StoreLockError`` at once when another process holds it, naming the holder.
    func lock(for purpose: StoreLock.Purpose) throws -> any RunLock
}

/// What sync planning, sending and history ask of a store: its audiences, the ledger of what each Pinterest
/// list holds, and the record of runs and batches.
public protocol SyncStore: SegmentStore, RunLocking {
    /// The audience's record, nil when it was never synced.
    func audience(named name: String) throws -> AudienceRecord?
    /// Every audience the store has a record of, by name.
    func audienceRecords() throws -> [AudienceRecord]
    /// Inserts or updates an audience's record.
    func save(_ audience: AudienceRecord) throws
    /// How many hashes the ledger holds for an audience.
    func ledgerCount(audience: String) throws -> Int
    /// Whether any run recorded a batch for the audience.
    func hasSyncBatches(audience: String) throws -> Bool
    /// A new, empty set of planned hashes per audience, to diff member sets against the ledger.
    func makeSyncDiff() throws -> any SyncDiff
    /// Starts a sync run; returns its id.
    func beginSyncRun(asOf: Int64) throws -> Int64
    /// Ends a sync run with its status and what it did per audience.
    func finishSyncRun(_ run: Int64, status: SyncRunStatus, audiences: [AudienceSyncReport]) throws
    /// Marks the runs still `running` as `interrupted` (called under the sync lock); returns how many.
    @discardableResult
    func markAbandonedSyncRuns() throws -> Int
    /// Records the first batch of a new customer list, sent with its creation; returns its id.
    func recordCreateBatchSent(run: Int64, audience: String, size: Int) throws -> Int64
    /// Records a batch about to be sent; returns its id.
    func recordBatchSent(run: Int64, audience: String, operation: LedgerOperation, size: Int) throws -> Int64
    /// Records that Pinterest acknowledged a batch and changes the ledger with it, in one transaction.
    func recordBatchAcknowledged(_ batch: Int64, audience: String, operation: LedgerOperation, hashes: [String])
        throws
    /// Records that a batch failed, with Pinterest's answer.
    func recordBatchFailed(_ batch: Int64, error: String) throws
    /// Forgets the audience's list and empties its ledger, in one transaction; returns how many hashes it held.
    @discardableResult
    func forgetCustomerList(audience: String) throws -> Int
    /// Forgets an audience's record and ledger, in one transaction; returns how many ledger rows were left.
    @discardableResult
    func forgetAudience(named name: String) throws -> Int
    /// The most recent runs (or only run `run`), newest first.
    func syncRuns(limit: Int, run: Int64?) throws -> [SyncRunRecord]
    /// The batches of a run, in the order they were sent.
    func syncBatches(run: Int64) throws -> [SyncBatchRecord]
}

extension SyncStore {
    /// The `limit` most recent runs, newest first.
    public func syncRuns(limit: Int) throws -> [SyncRunRecord] {
        try syncRuns(limit: limit, run: nil)
    }
}

/// What the Conversions API runs ask of a store: the mapped events no run has decided about, the people's
/// traits to match them by, and the record of what each run decided.
public protocol ConversionStore: RunLocking {
    /// Where the next run starts; nil before the first.
    func conversionCursor() throws -> ConversionCursor?
    /// Moves the cursor.
    func saveConversionCursor(_ cursor: ConversionCursor, at now: Int64) throws
    /// Mapped events inside `scan` without a decision, after event id `after`, in id order, at most `limit`.
    func undecidedConversionEvents(_ scan: ConversionScan, after: Int64, limit: Int) throws
        -> [ConversionSourceEvent]
    /// How many events inside `scan` no run has decided about yet.
    func undecidedConversionEventCount(_ scan: ConversionScan) throws -> Int
    /// The undecided Add to Cart events of `scan` since `since`, for the collapse window.
    func undecidedCartEvents(_ scan: ConversionScan, cartNames: [String], since: Int64) throws
        -> [ConversionCartEvent]
    /// Held events of the mapped `names` up to event id `upTo`, after `after`, at most `limit`.
    func heldConversionEvents(names: [String], upTo: Int64, after: Int64, limit: Int) throws
        -> [ConversionSourceEvent]
    /// The Add to Cart events kept (sent or held) for `conversion` since `since`.
    func keptCartEvents(conversion: String, since: Int64) throws -> [ConversionCartEvent]
    /// Records what became of events, in one transaction.
    func recordConversionOutcomes(_ outcomes: [ConversionOutcome], run: Int64, at now: Int64) throws
    /// Starts a run; returns its id.
    func beginConversionRun(test: Bool, at now: Int64) throws -> Int64
    /// Ends a run, `failed` with the reason when `failure` is set, with its JSON summary.
    func finishConversionRun(_ run: Int64, failure: String?, summary: String, at now: Int64) throws
    /// The newest runs, newest first.
    func conversionRuns(limit: Int) throws -> [ConversionRunRecord]
    /// How many events have each status and reason.
    func conversionStatusCounts() throws -> [ConversionStatusCount]
    /// The person's traits of `keys`, each as JSON text.
    func conversionTraits(of person: Int64, keys: [String]) throws -> [(key: String, json: String)]
    /// The newest stored event's id and message id, nil when there is none.
    func newestEventReference() throws -> (id: Int64, messageID: String)?
    /// The message id of event `id`, nil when there is no such event.
    func messageID(ofEvent id: Int64) throws -> String?
}

extension ConversionStore {
    /// The newest run, alone.
    public func conversionRuns() throws -> [ConversionRunRecord] {
        try conversionRuns(limit: 1)
    }
}

/// What `inspect`, `check` and the ingest report ask of a store: its counts, one person in detail, the names it
/// has seen, the input it rejected.
public protocol InspectionStore: AnyObject {
    /// The counts `segsync inspect` prints.
    func inspection() throws -> StoreInspection
    /// The person with userId (or, with `anonymous`, anonymousId) `identifier`; nil when none has it.
    func inspectPerson(_ identifier: String, anonymous: Bool) throws -> PersonInspection?
    /// People, events and rejections counted.
    func summary() throws -> StoreSummary
    /// Every event name stored.
    func knownEventNames() throws -> Set<String>
    /// Every attribute key stored, normalised.
    func knownAttributeKeys() throws -> Set<String>
    /// The rejections after id `after`, oldest first, at most `limit`.
    func rejections(after id: Int64, limit: Int) throws -> [Rejection]
    /// The id of the newest rejection, 0 when there is none.
    func lastRejectionID() throws -> Int64
}

extension InspectionStore {
    /// The person with userId `identifier`.
    public func inspectPerson(_ identifier: String) throws -> PersonInspection? {
        try inspectPerson(identifier, anonymous: false)
    }

    /// The first `limit` rejections.
    public func rejections(limit: Int = 100) throws -> [Rejection] {
        try rejections(after: 0, limit: limit)
    }
}

extension StoreLock: RunLock {}

extension Store: SyncStore, ConversionStore, InspectionStore {
    public func lock(for purpose: StoreLock.Purpose) throws -> any RunLock {
        try StoreLock(store: path, for: purpose)
    }
}
